"""What a translation file leaves unlinted, or is linted as other than asked, is said on stderr
(issue 15): untranslated PO entries are counted, and a --market that does not speak the file's
language names the market used instead. Nothing of it enters the report."""
import json
import logging
import subprocess
import sys

import pytest

from loclint.readers import read_file

PO = '''msgid ""
msgstr ""
"Language: de\\n"

msgid "Free shipping"
msgstr "Kostenloser Versand"

msgid "Add to cart"
msgstr ""

msgid "Buy now"
msgstr ""

#~ msgid "Old entry"
#~ msgstr ""
'''
XLIFF = ('<xliff version="1.2"><file target-language="de"><body>'
         '<trans-unit id="1"><source>Free shipping</source><target>Kostenloser Versand</target></trans-unit>'
         '<trans-unit id="2"><source>Buy now</source><target>Jetzt kaufen</target></trans-unit>'
         '</body></file></xliff>')


def notices(caplog, path, market=None):
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="loclint"):
        list(read_file(str(path), market))
    return [r.getMessage() for r in caplog.records]


@pytest.fixture
def files(tmp_path):
    (tmp_path / "de.po").write_text(PO, encoding="utf-8")
    (tmp_path / "shop.pot").write_text(PO, encoding="utf-8")
    (tmp_path / "shop.xlf").write_text(XLIFF, encoding="utf-8")
    return tmp_path


def test_untranslated_po_entries_are_counted_obsolete_ones_and_templates_are_not(files, caplog):
    assert notices(caplog, files / "de.po") == [f"loclint: {files / 'de.po'}: 2 untranslated entries not linted"]
    assert notices(caplog, files / "shop.pot") == []


def test_a_market_that_does_not_speak_the_language_is_named_once_per_file(files, caplog):
    assert notices(caplog, files / "shop.xlf", "BR") == [
        f"loclint: {files / 'shop.xlf'}: its language de is not spoken in BR; linted as DE"]
    assert notices(caplog, files / "shop.xlf", "AT") == []  # Austria speaks German: linted as AT
    assert notices(caplog, files / "shop.xlf", "DE") == []
    assert notices(caplog, files / "shop.xlf") == []


def test_the_command_line_says_both_on_stderr_and_keeps_them_out_of_the_json(files):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "loclint", "check", "--no-cache", "--jobs", "1", *args],
                              cwd=files, capture_output=True, text=True, check=False)

    human = run("--market", "BR", "de.po")
    assert human.stderr.splitlines() == ["loclint: de.po: 2 untranslated entries not linted",
                                         "loclint: de.po: its language de is not spoken in BR; linted as DE"]
    assert human.returncode == 0
    machine = run("--market", "BR", "--format", "json", "de.po")
    assert machine.stderr == human.stderr
    assert "untranslated" not in machine.stdout and json.loads(machine.stdout)["summary"]["records"] == 1
    assert run("--market", "BR", "--quiet", "de.po").stderr == ""  # news, which --quiet leaves out


def test_a_line_break_in_the_path_stays_escaped_on_one_line(tmp_path, caplog):
    path = tmp_path / "de\nfake.po"
    path.write_text(PO, encoding="utf-8")
    (message,) = notices(caplog, path)
    assert "\n" not in message and "de\\nfake.po" in message
