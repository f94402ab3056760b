"""Images and sidecar metadata: a record per image, alt/colours/tags from the sidecar with exact
positions in it, dominant colours from the pixels when no colours are given, bad images and
sidecars reported while the run goes on."""
import json

import pytest
from PIL import Image

from loclint.model import ReadError, Record
from loclint.readers import expand_paths, read_file
from loclint.readers.images.colors import dominant_colors, name_of


def image(path, size=(40, 30), color=(128, 0, 128), stripe=None, mode="RGB"):
    picture = Image.new(mode, size, color)
    if stripe:
        box, fill = stripe
        picture.paste(fill, box)
    picture.save(path)
    return path


def read(path, market=None):
    items = list(read_file(str(path), market))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


def where(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize("rgb, name", [
    ((128, 0, 128), "purple"), ((255, 255, 255), "white"), ((10, 10, 10), "black"), ((128, 128, 128), "grey"),
    ((200, 30, 40), "red"), ((255, 153, 51), "orange"), ((244, 196, 48), "yellow"), ((20, 120, 40), "green"),
    ((30, 60, 200), "blue"), ((255, 192, 203), "pink"), ((150, 75, 0), "brown"), ((75, 0, 130), "purple"),
])
def test_colour_names_from_hue_saturation_value(rgb, name):
    assert name_of(rgb) == name


def test_dominant_colours_by_share_ignoring_transparent_pixels(tmp_path):
    two = image(tmp_path / "two.png", size=(100, 100), color=(128, 0, 128),
                stripe=((0, 0, 100, 30), (255, 255, 255)))
    assert dominant_colors(str(two)) == ["purple", "white"]
    speck = image(tmp_path / "speck.png", size=(100, 100), color=(255, 153, 51), stripe=((0, 0, 5, 5), (0, 0, 255)))
    assert dominant_colors(str(speck)) == ["orange"]  # 0.25 % blue is not a dominant colour
    clear = image(tmp_path / "clear.png", size=(20, 20), color=(0, 0, 0, 0), mode="RGBA",
                  stripe=((0, 0, 10, 20), (200, 30, 40, 255)))
    assert dominant_colors(str(clear)) == ["red"]  # the transparent half is not black


def test_bare_image_gets_its_colours_and_fires_colour_and_alt_rules(every_rule_linter, tmp_path):
    linter = every_rule_linter  # the colour note (IN003) is off by default
    path = image(tmp_path / "scarf.webp")
    [record], errors = read(path, "IN")
    assert errors == [] and (record.id, record.path, record.market) == ("scarf.webp", str(path), "IN")
    assert {f.path: f.text for f in record.fields} == {"images[0].file": "scarf.webp",
                                                        "images[0].colors[0]": "purple"}
    found = {(f.rule, f.field, f.line, f.column) for f in linter.market("IN").lint(record)}
    assert found == {("AST001", "images[0].file", 0, 0), ("IN003", "images[0].colors[0]", 0, 0)}


def test_json_sidecar_positions_and_record_keys(linter, tmp_path):
    image(tmp_path / "saree.jpg", color=(250, 250, 250))
    sidecar = tmp_path / "saree.jpg.json"
    text = json.dumps({"market": "IN", "alt": "White wedding saree, \u00e9 \"silk\"",
                       "colors": ["red", "white"], "tags": ["saree", "wedding"],
                       "attributes": {"category": "Clothing >> Sarees >> Wedding Sarees"}}, indent=2)
    sidecar.write_text(text, encoding="utf-8")
    [record], errors = read(tmp_path / "saree.jpg")
    assert errors == [] and (record.id, record.path, record.market) == ("saree.jpg", str(sidecar), "IN")
    fields = {f.path: f for f in record.fields}
    assert fields["images[0].colors[1]"].position(0) == where(text, 'white"\n')
    assert fields["images[0].alt"].position(fields["images[0].alt"].text.index("silk")) == where(text, "silk")
    assert fields["attributes.category"].position(0) == where(text, "Clothing")
    [white] = [f for f in linter.market("IN").lint(record) if f.rule == "IN004"]
    assert (white.path, white.field, white.line, white.column) == (
        str(sidecar), "images[0].colors[1]", *where(text, 'white"\n'))
    # the colours in the sidecar win over the pixels (the image is plain white)
    assert [f.text for f in record.fields if f.path.startswith("images[0].colors")] == ["red", "white"]


def test_yaml_sidecar_beside_the_image_and_the_walk_reads_each_image_once(tmp_path):
    image(tmp_path / "shoe.png", color=(20, 120, 40))
    text = "alt: Grüner Laufschuh, die besten Sohlen\ntags: [shoe, running]\n"
    (tmp_path / "shoe.yaml").write_text(text, encoding="utf-8")
    image(tmp_path / "loose.jpg")
    (tmp_path / "orphan.jpg.json").write_text('{"alt": "Nur Metadaten"}', encoding="utf-8")
    [record], errors = read(tmp_path / "shoe.png", "DE")
    assert errors == [] and record.path == str(tmp_path / "shoe.yaml")
    fields = {f.path: f for f in record.fields}
    assert fields["images[0].alt"].position(fields["images[0].alt"].text.index("die besten")) == where(text, "die besten")
    assert [f.text for f in record.fields if "colors" in f.path] == ["green"]  # no colours in the sidecar
    skipped = []
    found = list(expand_paths([str(tmp_path)], skipped=skipped))
    assert found == [str(tmp_path / n) for n in ("loose.jpg", "orphan.jpg.json", "shoe.png")] and skipped == []
    [orphan], _ = read(tmp_path / "orphan.jpg.json")
    assert [(f.path, f.text) for f in orphan.fields] == [("images[0].file", "orphan.jpg"),
                                                        ("images[0].alt", "Nur Metadaten")]


@pytest.mark.parametrize("name, content, message", [
    ("broken.jpg", b"not really a jpeg", "not an image loclint can read (JPEG, PNG or WebP)"),
    ("cut.png", None, "broken image: "),
])
def test_unreadable_images_are_whole_file_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        image(path, size=(200, 200))
        path.write_bytes(path.read_bytes()[:60])  # truncated
    else:
        path.write_bytes(content)
    [error] = list(read_file(str(path)))
    assert isinstance(error, ReadError) and error.whole_file and error.path == str(path)
    assert error.message.startswith(message)


@pytest.mark.parametrize("sidecar, content, line, message", [
    ("a.jpg.json", '{"alt": "x",', 1, "not JSON: "),
    ("a.jpg.yaml", "alt: [unclosed\n", 2, "not valid YAML: "),
    ("a.jpg.json", '["alt"]', 1, "image metadata must be an object"),
    ("a.jpg.json", b"\xff\xfe\x00", 0, "broken UTF-16"),
])
def test_bad_sidecars_are_errors_naming_the_sidecar(tmp_path, sidecar, content, line, message):
    image(tmp_path / "a.jpg")
    path = tmp_path / sidecar
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    [error] = list(read_file(str(tmp_path / "a.jpg")))
    assert isinstance(error, ReadError) and error.path == str(path)
    assert (error.line, error.message.startswith(message)) == (line, True), error.message


def test_sidecar_of_the_wrong_shape_names_the_key(tmp_path):
    image(tmp_path / "a.jpg")
    (tmp_path / "a.jpg.json").write_text('{"colors": "purple"}', encoding="utf-8")
    [error] = list(read_file(str(tmp_path / "a.jpg")))
    assert error.message == "'images[0].colors' must be a list, not a string; record skipped"
