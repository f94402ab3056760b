"""How the program (``loclint``, ``python -m loclint``) sets Python's cyclic garbage collector.

A collection of the youngest generation starts after every 700 new container objects (Python's
default), and each one walks what is still alive among them. Importing loclint and compiling a
market make tens of thousands of objects that all live until the process ends, and linting makes
a handful for every field that live until the record is done; no part of a run makes much
cyclic garbage. With the default the corpus run made 279 collections that freed 825 objects in
all, for about 70 M instructions (callgrind: 6.066 G, 5.996 G with the collector off).
Collecting the youngest generation every 50,000 objects instead (the older ones keep their default
counts, and cycles are still freed, so memory stays bounded) took 6.066 -> 5.987 G (-1.3 %): 7
collections, and fewer of the objects that live to the end walked on their way to the oldest
generation. Peak memory of the corpus run is the same (121 against 124 MB).

``python -m loclint`` and the ``loclint`` console script (whose entry point is
``loclint.__main__:run``) set it before the command line's imports (their objects are then,
probably, frozen with the first compiled market without having been walked): set in cli.run
only, after them, the corpus run took 6.020 G instead of 5.984 G. cli.run sets it too, for
a program that calls it directly.

Only the program does this: a process that imports loclint as a library keeps its own settings.
"""
from __future__ import annotations

import gc

PROGRAM_THRESHOLDS = (50_000, 10, 10)


def for_program() -> None:
    gc.set_threshold(*PROGRAM_THRESHOLDS)
