"""A Linter that lives until the process exits (the command line's) freezes what it compiled out
of the cyclic garbage collector's sight (engine.Linter.market); any other Linter (the API's,
the server's) leaves the collector alone, since the process may drop it."""
import gc

import pytest
from conftest import TODAY

from loclint.engine import Linter
from loclint.readers.records import build_record
from loclint.session import Flags, Session


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the suite runs with the collector as it was


def _findings(linter):
    record = build_record({"id": "r", "market": "DE", "title": "Die besten Kopfhörer, CE geprüft"},
                          path="<test>", line=1, index=1)
    return [(f.rule, f.start, f.end) for f in linter.market("DE").lint(record)]


def test_a_linter_until_exit_freezes_its_compiled_market_and_finds_the_same(unfrozen):
    kept = Linter(day=TODAY)
    found = _findings(kept)
    assert gc.get_freeze_count() == 0
    until_exit = Linter(day=TODAY, until_exit=True)
    assert found and _findings(until_exit) == found
    assert gc.get_freeze_count() > 0


def test_only_the_command_lines_session_builds_linters_until_exit():
    assert Session(Flags()).linter_for(Session(Flags()).run_settings).until_exit is False
    session = Session(Flags(), until_exit=True)
    assert session.linter_for(session.run_settings).until_exit is True


def test_the_program_checks_until_exit_and_main_invoked_in_process_does_not(monkeypatch, tmp_path, unfrozen):
    from click.testing import CliRunner

    from loclint import cli, session as session_module

    seen = []
    post_init = session_module.Session.__post_init__

    def recording(self):
        seen.append(self.until_exit)
        post_init(self)

    monkeypatch.setattr(session_module.Session, "__post_init__", recording)
    listing = tmp_path / "l.jsonl"
    listing.write_text('{"id": "1", "market": "DE", "title": "Die besten Kopfhörer"}\n', encoding="utf-8")
    args = ["check", "--no-cache", "--fail-on", "never", str(listing)]
    assert CliRunner().invoke(cli.main, args).exit_code == 0
    assert CliRunner().invoke(cli.main, args, obj=cli._PROGRAM).exit_code == 0  # as cli.run() calls it
    assert seen == [False, True]
