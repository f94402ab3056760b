"""The program sets the cyclic garbage collector's thresholds (loclint.collector); a process that
imports loclint keeps its own."""
import gc
import subprocess
import sys

from loclint.collector import PROGRAM_THRESHOLDS


def thresholds_after(script: str) -> tuple:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    *_, last = done.stdout.splitlines()  # after what the command printed
    return tuple(int(n) for n in last.split())


def test_importing_loclint_keeps_the_processs_thresholds():
    script = ("import gc, loclint, loclint.cli, loclint.api, loclint.engine\n"
              "print(*gc.get_threshold())")
    assert thresholds_after(script) == gc.get_threshold() != PROGRAM_THRESHOLDS


def test_python_m_loclint_sets_them():
    script = ("import gc, runpy, sys\n"
              "sys.argv = ['loclint', '--version']\n"
              "sys.modules.pop('loclint.cli', None)\n"
              "try:\n    runpy.run_module('loclint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
              "print(*gc.get_threshold())")
    assert thresholds_after(script) == PROGRAM_THRESHOLDS


def test_the_console_script_sets_them_before_the_command_lines_imports():
    """The ``loclint`` script calls the entry point pyproject.toml declares: loading its module
    sets the thresholds before loclint.cli is imported."""
    import tomllib
    from pathlib import Path

    declared = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]["scripts"]["loclint"]
    module, function = declared.split(":")
    # a finder that notes the thresholds when loclint.cli starts to load, and finds nothing itself
    script = ("import gc, importlib, sys\n"
              "seen = []\n"
              "class Note:\n"
              "    def find_spec(self, name, path=None, target=None):\n"
              "        if name == 'loclint.cli': seen.append(gc.get_threshold())\n"
              "sys.meta_path.insert(0, Note())\n"
              f"entry = importlib.import_module({module!r})\n"
              "sys.argv = ['loclint', '--version']\n"
              f"try:\n    getattr(entry, {function!r})()\nexcept SystemExit:\n    pass\n"
              "print(*seen[0])")
    assert module == "loclint.__main__"  # the module that sets them before importing the command line
    assert thresholds_after(script) == PROGRAM_THRESHOLDS


def test_cli_run_sets_them_too():
    script = ("import gc, sys\n"
              "from loclint.cli import run\n"
              "sys.argv = ['loclint', '--version']\n"
              "try:\n    run()\nexcept SystemExit:\n    pass\n"
              "print(*gc.get_threshold())")
    assert thresholds_after(script) == PROGRAM_THRESHOLDS


def test_the_threshold_still_collects_cycles():
    """Cycles are freed, only later: a young collection comes every PROGRAM_THRESHOLDS[0] objects."""
    assert 700 < PROGRAM_THRESHOLDS[0] <= 100_000 and all(t > 0 for t in PROGRAM_THRESHOLDS)
