"""The rulebook every command uses: the YAML rulesets (loclint.ruleset, the rule format) read and
validated against the rule kinds (loclint.kinds, each kind's keys and checker).

It lives above both so that the rule format never imports the code that checks rules."""
from __future__ import annotations

import os
from typing import Optional

from .kinds import KINDS
from .ruleset import Rulebook, read_rulebook


def load_rulebook(directory: Optional[os.PathLike] = None, extra: tuple = ()) -> Rulebook:
    """The rulesets in ``directory`` (the built-in ones by default) plus a team's own rule
    directories in ``extra``; a RulesetError lists every problem, naming file, rule and key."""
    return read_rulebook(directory, extra, KINDS)
