"""What every executor needs to lint as the driver would: the options, settled on the driver,
and the fingerprint of the rulesets they were checked against.

The plan is small plain data and is what gets broadcast; the compiled linter never is (it is
large, holds compiled regexes and a Hyperscan database, and compiles in well under a second
per market). Each Python worker compiles it once and keeps it (api.make_linter caches by
options), and Spark reuses its Python workers across tasks.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any, Optional

from .. import api
from ..engine import Linter


@dataclass(frozen=True)
class LintPlan:
    market: Optional[str]
    locale: Optional[str]
    options: tuple[tuple[str, Any], ...]  # make_linter's keyword arguments, the date as ISO text
    fingerprint: str  # the rulebook the driver checked the options against

    @classmethod
    def settle(cls, market: Optional[str], locale: Optional[str], options: dict[str, Any]) -> "LintPlan":
        """Check the options here, once (a bad selector raises ValueError before any task
        starts), and fix the date, so that executors on either side of midnight agree."""
        options = dict(options)
        day = options.get("date")
        options["date"] = (dt.date.fromisoformat(day) if isinstance(day, str) else day or dt.date.today()).isoformat()
        if options.get("rulesets") is not None:
            options["rulesets"] = os.path.abspath(os.fspath(options["rulesets"]))
        for name in ("select", "ignore"):
            if isinstance(options.get(name), list):
                options[name] = tuple(options[name])
        linter = api.make_linter(**options)
        return cls(market, locale, tuple(sorted(options.items())), linter.rulebook.fingerprint)

    def linter(self) -> Linter:
        """The compiled linter in this worker process (compiled on first use, then kept)."""
        linter = api.make_linter(**dict(self.options))
        if linter.rulebook.fingerprint != self.fingerprint:
            raise RuntimeError(
                "loclint on this executor loads other rulesets than the driver did (fingerprint "
                f"{linter.rulebook.fingerprint[:12]} against {self.fingerprint[:12]}): install the same "
                "loclint on every node, and give rulesets= a directory every node reads alike")
        return linter
