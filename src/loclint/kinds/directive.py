"""Rules about suppressions themselves (LNT001, LNT002). Such a rule checks no text, so this
kind has no checker: the rule is data (code, name, message, severity, examples, page) that the
suppressions module reads when it applies a record's suppressions (suppressions/applying.py).
Declaring them as rules means they can be selected, ignored, re-levelled and documented like
every other rule; this module only validates their one option."""
from __future__ import annotations

from .base import Opt

OPTIONS = {"check": Opt((str,), required=True)}
MESSAGE_VALUES = ("match", "problem", "codes")  # what its findings fill into a message (ruleset/templates.py)
CHECKS = ("malformed", "unused")  # the Problem (LNT001) and the unused suppression (LNT002)


def validate(rule) -> list[str]:
    if rule.options["check"] not in CHECKS:
        return [f"key 'check': expected one of {', '.join(CHECKS)}"]
    return []


CHECKER = None  # nothing to compile: the suppressions module reads these rules
