"""`python -m loclint` runs the command line."""
from .collector import for_program

for_program()  # before the command line's imports, which make most of the objects a run keeps

from .cli import run  # noqa: E402

if __name__ == "__main__":
    run()
