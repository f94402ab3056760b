import datetime as dt

import pytest
from click.testing import CliRunner

from loclint.engine import Linter
from loclint.rulebook import load_rulebook

# Rule examples are written for the rules as they stand today; a fixed date keeps date-aware
# rules (effective_from) deterministic whatever day the suite runs.
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="session")
def linter(rulebook):
    return Linter(rulebook, day=TODAY)


def runner() -> CliRunner:
    """stdout and stderr apart: click 8.2+ always keeps both, 8.1 only when asked."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()
