"""Dominant colours of an image, as the plain colour names colour rules read ("purple", "white").

Method: the image is shrunk to at most 96×96 pixels (enough for colour shares, and fast),
transparent pixels are dropped, and Pillow's median-cut quantizer reduces the rest to eight
palette colours. Each palette colour gets a name from its hue, saturation and value:

- dark (value < 0.2) → black; unsaturated (saturation < 0.15) → white when bright, else grey;
  faintly tinted and very bright (saturation < 0.2, value > 0.92) → white;
- otherwise by hue: red (< 15° or ≥ 345°; light and soft → pink), orange (15–40°, which
  includes saffron; dark → brown), yellow (40–70°; dark → brown), green (70–170°),
  blue (170–255°), purple (255–315°, which includes violet and magenta; light and soft →
  pink), pink (315–345°; dark → purple).

Hue buckets rather than the nearest of a few reference colours: a muted violet is nearer to
grey than to a saturated reference purple in RGB, but its hue says purple. Names whose pixels
cover at least 12% of the image are returned, largest share first, at most four. Pillow is
imported only when an image is read, so the CLI starts as fast without images.
"""
from __future__ import annotations

import colorsys
SIZE = 96
PALETTE = 8
MIN_SHARE = 0.12
MAX_NAMES = 4


class ImageError(Exception):
    """The file is not an image Pillow can read."""


def name_of(rgb: tuple[int, int, int]) -> str:
    h, s, v = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    hue = h * 360
    if v < 0.2:
        return "black"
    if s < 0.15 or (s < 0.2 and v > 0.92):
        return "white" if v > 0.8 else "grey"
    if hue < 15 or hue >= 345:
        return "pink" if s < 0.5 and v > 0.75 else "red"
    if hue < 40:
        return "brown" if v < 0.6 else "orange"
    if hue < 70:
        return "brown" if v < 0.45 else "yellow"
    if hue < 170:
        return "green"
    if hue < 255:
        return "blue"
    if hue < 315:
        return "pink" if s < 0.5 and v > 0.85 else "purple"
    return "purple" if v < 0.45 else "pink"


def dominant_colors(path: str) -> list[str]:
    """Colour names of the image at ``path``, largest share first; ImageError if it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.thumbnail((SIZE, SIZE))
            rgba = image.convert("RGBA")
    except UnidentifiedImageError:
        raise ImageError("not an image loclint can read (JPEG, PNG or WebP)") from None
    except (OSError, ValueError) as exc:  # truncated or corrupt data
        raise ImageError(f"broken image: {exc}") from None
    data = rgba.tobytes()  # RGBA bytes: works the same across Pillow versions
    opaque_bytes = b"".join(data[i:i + 3] for i in range(0, len(data), 4) if data[i + 3] >= 128)
    count = len(opaque_bytes) // 3
    if not count:
        return []
    opaque = Image.frombytes("RGB", (count, 1), opaque_bytes)
    quantized = opaque.quantize(colors=PALETTE, method=Image.Quantize.MEDIANCUT)
    palette = quantized.getpalette() or []
    shares: dict[str, float] = {}
    for pixels, index in quantized.getcolors(PALETTE) or []:
        name = name_of(tuple(palette[3 * index:3 * index + 3]))
        shares[name] = shares.get(name, 0.0) + pixels / count
    ranked = sorted(shares.items(), key=lambda item: -item[1])
    return [name for name, share in ranked if share >= MIN_SHARE][:MAX_NAMES]

