"""Words in the scripts issue 16 added: Thai cut into words, Devanagari and Arabic words kept
whole with their vowel signs, Turkish dotted and dotless i read alike, Arabic trigger forms with
their proclitics and suffixes, and nothing more."""
import pytest
import yaml

from loclint import api
from loclint.ruleset import default_rulesets_dir
from loclint.text import unspaced
from loclint.text.language_data import LanguageData
from loclint.text.lemmas import inflections
from loclint.text.tokens import norms, tokenize


# --- Thai: segmented, with offsets into the text ---------------------------------------------

def test_a_thai_run_is_cut_into_words_whose_offsets_point_into_the_text():
    text = "ครีมรักษาสิวหายขาดใน 7 วัน"
    tokens = tokenize(text)
    assert [t.norm for t in tokens] == ["ครีม", "รักษา", "สิว", "หายขาด", "ใน", "7", "วัน"]
    assert all(text[t.start:t.end] == t.norm for t in tokens)


def test_a_trigger_word_the_word_list_lacks_stays_whole_once_added():
    # "ขาวถาวร" (permanently white) is not in PyThaiNLP's list: "ผิวขาว|ถาวร" would hide it.
    unspaced.add_words(["ขาวถาวร"])
    assert "ขาวถาวร" in norms("โลชั่นผิวขาวถาวร เห็นผลทันที")


def test_a_trigger_is_not_segmented_when_its_phrase_compiles():
    assert [t.norm for t in tokenize("ลดน้ำหนัก", segment=False)] == ["ลดน้ำหนัก"]


def test_thai_digits_and_the_baht_sign_are_not_thai_words():
    assert norms("ราคา ๑,๒๙๐ บาท ฿1,290") == ["ราคา", "๑,๒๙๐", "บาท", "฿", "1,290"]


def test_segmenting_writes_nothing_to_the_home_directory(tmp_path, monkeypatch):
    import subprocess
    import sys

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("PYTHAINLP_READ_ONLY", raising=False)
    monkeypatch.delenv("PYTHAINLP_DATA", raising=False)
    subprocess.run([sys.executable, "-c", "from loclint.text.tokens import norms; print(norms('ครีมรักษาสิว'))"],
                   check=True, capture_output=True)
    assert list(tmp_path.iterdir()) == []


# --- Devanagari, Arabic, Turkish norms --------------------------------------------------------

def test_devanagari_words_keep_their_vowel_signs_and_the_danda_is_punctuation():
    assert norms("डायबिटीज का पक्का इलाज।") == ["डायबिटीज", "का", "पक्का", "इलाज", "।"]


@pytest.mark.parametrize("with_nukta, without", [
    ("डायबिटीज़", "डायबिटीज"),  # combining nukta
    ("\u095b", "ज"),  # precomposed ज़
])
def test_the_nukta_is_written_or_dropped_alike(with_nukta, without):
    assert norms(with_nukta) == norms(without)


def test_arabic_harakat_and_tatweel_are_ignored():
    assert norms("خِنْزِير") == norms("خنزيــر") == ["خنزير"]


@pytest.mark.parametrize("text", ["EN İYİ", "en iyi", "En İyi", "EN IYI"])
def test_turkish_dotted_and_dotless_i_read_alike(text):
    assert norms(text) == ["en", "iyi"]


def test_ascii_text_takes_the_plain_path_unchanged():
    assert norms("Women's 3.5 kg CE-geprüft") == ["women's", "3.5", "kg", "ce", "geprüft"]


# --- Arabic trigger forms ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def arabic():
    data = yaml.safe_load((default_rulesets_dir() / "languages.yml").read_text(encoding="utf-8"))["ar"]
    return LanguageData.from_yaml(data)


@pytest.mark.parametrize("trigger, form", [
    ("خنزير", "الخنزير"), ("خنزير", "بالخنزير"), ("خنزير", "والخنزير"), ("خنزير", "للخنزير"),
    ("خنزير", "خنزيري"), ("خنزير", "وخنزير"), ("جيلاتين", "بالجيلاتين"), ("جيلاتين", "جيلاتينية"),
    ("كحول", "الكحول"), ("كحول", "كحولية"), ("كحول", "بالكحول"), ("نبيذ", "بالنبيذ"), ("بيرة", "البيرة"),
    ("خمر", "بالخمر"), ("حلال", "الحلال"),
])
def test_an_arabic_trigger_matches_its_forms(arabic, trigger, form):
    assert form in inflections(trigger, "ar", arabic)


@pytest.mark.parametrize("trigger, word", [
    ("بيرة", "كبيرة"),  # big: ك + بيرة
    ("جيلاتين", "جيلاتي"),  # gelato
    ("خمر", "خمري"),  # wine-red, a colour
    ("خمر", "الخميرة"),  # yeast
    ("حلال", "حلاوة"),  # sweetness
    ("خنزير", "خيزران"),  # bamboo
    ("كحول", "وكحول"),  # a short word takes no bare single-letter clitic
])
def test_an_arabic_trigger_does_not_match_another_word(arabic, trigger, word):
    assert word not in inflections(trigger, "ar", arabic)


# --- Whole rules on the scripts ---------------------------------------------------------------

def _codes(linter, market, text, **attributes):
    report = api.lint({"id": "1", "market": market, "title": text, "attributes": attributes}, linter=linter)
    return {f.rule for f in report.findings}


@pytest.mark.parametrize("market, text, code", [
    ("TH", "ชาสมุนไพรลดน้ำหนักได้จริง", "TH002"),
    ("TH", "หม้อทอดเบอร์ 1 เหนือกว่าทุกยี่ห้อ", "TH004"),
    ("TR", "EN İYİ KULAKLIK", "TR002"),
    ("TR", "Türkiye'nin 1 numaralı markası", "TR001"),
    ("AE", "حلوى بالجيلاتين", "GCC001"),
])
def test_rules_fire_on_copy_in_the_markets_script(linter, market, text, code):
    assert code in _codes(linter, market, text, category="Food > Candy")


@pytest.mark.parametrize("market, text, code", [
    ("TH", "กล่องเก็บรักษาอาหาร", "TH001"),
    ("AE", "علبة حلوى كبيرة", "GCC002"),
    ("AE", "جيلاتي بالفراولة", "GCC001"),
])
def test_rules_stay_quiet_on_lookalike_words(linter, market, text, code):
    assert code not in _codes(linter, market, text, category="Food > Candy")


# --- Devanagari and Thai digits are read as numbers (Python reads every Unicode digit) -------

def test_a_price_in_devanagari_digits_is_read_as_its_value():
    report = api.lint({"id": "1", "market": "IN", "title": "कीमत Rs.१२४९९ मात्र"})
    [finding] = [f for f in report.findings if f.rule == "LOC001"]
    assert "₹12,499" in finding.message


def test_an_imperial_weight_in_devanagari_digits_is_converted():
    report = api.lint({"id": "1", "market": "IN", "title": "डम्बल का वजन ५ lbs"})
    [finding] = [f for f in report.findings if f.rule == "MET002"]
    assert "2,27 kg" in finding.message or "2.27 kg" in finding.message


def test_without_pythainlp_a_thai_run_stays_one_token(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pythainlp(name, *args, **kwargs):
        if name.startswith("pythainlp"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    unspaced._trie.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_pythainlp)
    try:
        assert unspaced.segment("ครีมรักษาสิว") == ["ครีมรักษาสิว"]
    finally:
        monkeypatch.undo()
        unspaced._trie.cache_clear()


def test_the_gate_opens_a_thai_word_inside_an_unspaced_run():
    # The gate's whole-word check (kinds/gate.py) finds no edge inside unspaced Thai: a Thai
    # word key opens wherever it occurs, as a CJK one does.
    from loclint.kinds.gate import Gate

    gate = Gate()
    key = gate.word_key(["ลดน้ำหนัก"])
    gate.close()
    assert key in gate.open_keys("ชาสมุนไพรลดน้ำหนักได้จริง")
    assert key not in gate.open_keys("เครื่องชั่งน้ำหนัก")
