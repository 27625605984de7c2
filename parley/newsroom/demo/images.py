"""Deterministic, original illustrations for the Parley demo content.

``render_image(key)`` paints a small landscape or abstract composition with Pillow only: a
sky gradient, a sun or moon, layered hills, a city skyline, a sea horizon or translucent
geometric shapes, finished with a soft vignette and a touch of grain. The same key always
produces the same picture. No fonts or external files are used and the images contain no
text.

Run this module directly to write every image used by ``content.py`` to /tmp/demo_images/.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

Color = tuple[int, int, int]

# Each palette: sky top, sky at the horizon, sun/moon, far land, near land.
PALETTES: dict[str, tuple[Color, Color, Color, Color, Color]] = {
    "dawn": ((46, 62, 120), (248, 186, 132), (255, 238, 196), (132, 104, 150), (38, 34, 66)),
    "dusk": ((28, 30, 74), (238, 118, 98), (255, 214, 156), (100, 64, 108), (22, 18, 44)),
    "noon": ((86, 150, 212), (212, 234, 244), (255, 251, 228), (124, 164, 156), (36, 74, 72)),
    "desert": ((76, 128, 186), (246, 214, 166), (255, 243, 210), (200, 146, 100), (96, 56, 42)),
    "teal": ((14, 58, 80), (126, 204, 192), (242, 250, 222), (42, 112, 122), (10, 40, 52)),
    "night": ((8, 12, 38), (48, 64, 118), (238, 236, 218), (32, 40, 78), (8, 10, 26)),
    "rose": ((92, 72, 134), (250, 200, 192), (255, 246, 232), (164, 114, 154), (62, 42, 84)),
    "forest": ((64, 114, 136), (222, 228, 194), (255, 248, 214), (92, 132, 104), (28, 58, 46)),
    "ember": ((58, 24, 48), (250, 150, 72), (255, 226, 150), (150, 70, 60), (40, 16, 30)),
}

STYLES = ("hills", "skyline", "sea", "geometric")

# Loose hints so that keys read naturally (a harbour gets water, a bank gets a skyline).
# First matching keyword wins; anything else is chosen from the key's hash.
_HINTS: tuple[tuple[str, str | None, str | None], ...] = (
    ("night", "hills", "night"),
    ("reef", "sea", "teal"),
    ("harbour", "sea", "night"),
    ("geneva", "sea", "dusk"),
    ("reservoir", "hills", "desert"),
    ("tanker", "skyline", "desert"),
    ("developers", "skyline", "night"),
    ("bank", "skyline", "ember"),
    ("count", "skyline", "noon"),
    ("strike", "skyline", "dawn"),
    ("dishes", "hills", "dawn"),
    ("museum", "geometric", None),
    ("rules", "geometric", None),
)


def _lerp(a: Color, b: Color, t: float) -> Color:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _shift(color: Color, hue: float, sat: float = 1.0, val: float = 1.0) -> Color:
    h, s, v = colorsys.rgb_to_hsv(*(c / 255 for c in color))
    r, g, b = colorsys.hsv_to_rgb((h + hue) % 1.0, min(1.0, s * sat), min(1.0, v * val))
    return (round(r * 255), round(g * 255), round(b * 255))


def _vertical_gradient(size: tuple[int, int], stops: list[tuple[float, Color]]) -> Image.Image:
    """A full-size RGB image whose rows blend through ``stops`` (position 0..1, colour)."""
    height = size[1]
    column = Image.new("RGB", (1, height))
    pixels = column.load()
    for y in range(height):
        pos = y / max(1, height - 1)
        for i in range(len(stops) - 1):
            (p0, c0), (p1, c1) = stops[i], stops[i + 1]
            if pos <= p1 or i == len(stops) - 2:
                t = 0.0 if p1 == p0 else min(1.0, max(0.0, (pos - p0) / (p1 - p0)))
                t = t * t * (3 - 2 * t)  # smoothstep keeps the bands soft
                pixels[0, y] = _lerp(c0, c1, t)
                break
    return column.resize(size, Image.Resampling.BILINEAR)


def _ridge(rng: random.Random, width: int, base: float, amplitude: float, step: int = 8):
    """Points along a smooth, irregular ridge line (sum of a few sines plus jitter)."""
    waves = [
        (rng.uniform(0.6, 1.6) * 2 * math.pi / width * k, rng.uniform(0, 2 * math.pi), 1 / k)
        for k in (1, 2, 3.3, 5.7)
    ]
    norm = sum(w[2] for w in waves)
    drift = 0.0
    points = []
    for x in range(-step, width + 2 * step, step):
        drift = drift * 0.9 + rng.uniform(-1, 1) * 0.08
        y = sum(math.sin(f * x + ph) * a for f, ph, a in waves) / norm
        points.append((x, base - amplitude * (y + drift * 0.25)))
    return points


def _soft_glow(size, centre, radius, color: Color, strength: float) -> Image.Image:
    """An RGBA layer with a blurred disc, painted at low resolution for speed."""
    width, height = size
    scale = 8
    small = Image.new("L", (width // scale + 1, height // scale + 1), 0)
    cx, cy, r = centre[0] / scale, centre[1] / scale, radius / scale
    ImageDraw.Draw(small).ellipse((cx - r, cy - r, cx + r, cy + r), fill=int(255 * strength))
    small = small.filter(ImageFilter.GaussianBlur(r * 0.9))
    alpha = small.resize(size, Image.Resampling.BILINEAR)
    layer = Image.new("RGBA", size, (*color, 0))
    layer.putalpha(alpha)
    return layer


def _disc(img: Image.Image, centre, radius: float, color: Color, crescent: float = 0.0) -> None:
    """Paste an anti-aliased disc (optionally a crescent) onto ``img``."""
    ss = 4
    box = int(radius * 2) + 4
    mask = Image.new("L", (box * ss, box * ss), 0)
    draw = ImageDraw.Draw(mask)
    c = box * ss / 2
    r = radius * ss
    draw.ellipse((c - r, c - r, c + r, c + r), fill=255)
    if crescent:
        off = r * crescent
        draw.ellipse((c - r + off, c - r - off * 0.3, c + r + off, c + r - off * 0.3), fill=0)
    mask = mask.resize((box, box), Image.Resampling.LANCZOS)
    x0, y0 = int(centre[0] - box / 2), int(centre[1] - box / 2)
    img.paste(Image.new("RGB", (box, box), color), (x0, y0), mask)


def _stars(img: Image.Image, rng: random.Random, horizon: int, count: int) -> None:
    draw = ImageDraw.Draw(img, "RGBA")
    for _ in range(count):
        x = rng.uniform(0, img.width)
        y = horizon * (rng.random() ** 1.6)  # denser towards the top of the sky
        r = rng.choice((0.8, 1.0, 1.2, 1.6, 2.2))
        a = rng.randint(90, 230)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 250, 235, a))


def _fog_band(img: Image.Image, top: float, bottom: float, color: Color, alpha: int) -> None:
    """Haze: fade ``color`` in from nothing at ``top`` to ``alpha`` at ``bottom``, then hold
    that strength to the foot of the image so there is no visible seam."""
    top, bottom = int(max(0, top)), int(min(img.height, bottom))
    if bottom <= top:
        return
    ramp = Image.linear_gradient("L").resize((1, bottom - top)).point(lambda v: v * alpha // 255)
    mask = Image.new("L", (1, img.height - top), alpha)
    mask.paste(ramp, (0, 0))
    band = Image.new("RGB", (img.width, img.height - top), color)
    img.paste(band, (0, top), mask.resize(band.size))


# --------------------------------------------------------------------------- scenes


def _paint_hills(img, rng, pal, horizon, sky_low) -> None:
    _, _, _, far, near = pal
    width, height = img.size
    layers = rng.randint(3, 5)
    draw = ImageDraw.Draw(img)
    for i in range(layers):
        t = i / (layers - 1)
        base = horizon + (height - horizon) * (0.05 + 0.75 * t) - height * 0.06
        amp = height * rng.uniform(0.05, 0.12) * (1.15 - 0.4 * t)
        color = _lerp(_lerp(sky_low, far, 0.55), near, t**0.9)
        points = _ridge(rng, width, base, amp)
        draw.polygon([*points, (width + 20, height + 20), (-20, height + 20)], fill=color)
        if i < layers - 1:
            _fog_band(img, base - amp * 0.2, base + height * 0.12, sky_low, 70)
        draw = ImageDraw.Draw(img)


def _paint_skyline(img, rng, pal, horizon, sky_low, lit: bool) -> None:
    _, _, sun, far, near = pal
    width, height = img.size
    draw = ImageDraw.Draw(img)
    # Low hills behind the city.
    draw.polygon(
        [
            *_ridge(rng, width, horizon - height * 0.02, height * 0.05),
            (width + 20, height + 20),
            (-20, height + 20),
        ],
        fill=_lerp(sky_low, far, 0.45),
    )
    rows = 3
    for row in range(rows):
        t = row / (rows - 1)
        ground = horizon + height * (0.04 + 0.16 * t)
        color = _lerp(_lerp(sky_low, far, 0.7), near, t)
        x = -rng.uniform(0, 60)
        while x < width:
            w = rng.uniform(38, 110) * (0.8 + 0.5 * t)
            h = rng.uniform(0.07, 0.24) * height * (1.05 - 0.25 * t)
            if rng.random() < 0.12:
                h *= 1.5  # the occasional tower
            top = max(ground - h, height * 0.3)  # keep the sun and the upper sky clear
            draw.rectangle((x, top, x + w, height), fill=color)
            roof = rng.random()
            if roof < 0.15:
                draw.polygon([(x, top), (x + w / 2, top - w * 0.45), (x + w, top)], fill=color)
            elif roof < 0.25:
                draw.ellipse(
                    (x + w * 0.15, top - w * 0.35, x + w * 0.85, top + w * 0.35), fill=color
                )
            elif roof < 0.35:
                draw.rectangle((x + w * 0.45, top - h * 0.25, x + w * 0.55, top), fill=color)
            if lit and row == rows - 1:
                win = _lerp(sun, (255, 200, 120), 0.5)
                for wy in range(int(top + 10), int(ground) - 8, 14):
                    for wx in range(int(x + 7), int(x + w) - 8, 11):
                        if rng.random() < 0.28:
                            draw.rectangle((wx, wy, wx + 4, wy + 6), fill=win)
            x += w + rng.uniform(-6, 10)
        if row < rows - 1:
            _fog_band(img, ground - height * 0.25, ground, sky_low, 60)
            draw = ImageDraw.Draw(img)
    # Ground strip.
    draw.rectangle((0, horizon + height * 0.2, width, height), fill=_lerp(near, (0, 0, 0), 0.3))


def _paint_sea(img, rng, pal, horizon, sky_low, sun_pos) -> None:
    sky_top, _, sun, far, near = pal
    width, height = img.size
    # Distant headland on one side.
    cut = rng.uniform(0.25, 0.5)
    on_left = rng.random() < 0.5
    pts = []
    for x, y in _ridge(rng, width, horizon - height * 0.035, height * 0.04):
        u = x / width if on_left else 1 - x / width
        k = min(1.0, max(0.0, (cut - u) / (cut * 0.6)))  # 1 on the headland, 0 at open sea
        k = k * k * (3 - 2 * k)
        pts.append((x, horizon + (y - horizon) * k))
    draw = ImageDraw.Draw(img)
    draw.polygon(
        [*pts, (width + 20, horizon + 2), (-20, horizon + 2)], fill=_lerp(sky_low, far, 0.6)
    )
    water_top = _lerp(sky_low, far, 0.35)
    water = _vertical_gradient(
        (width, height - horizon), [(0, water_top), (1, _lerp(near, sky_top, 0.3))]
    )
    img.paste(water, (0, horizon))
    draw = ImageDraw.Draw(img, "RGBA")
    # Ripples: short horizontal strokes, denser and brighter under the sun.
    for _ in range(900):
        y = horizon + (height - horizon) * (rng.random() ** 1.7)
        depth = (y - horizon) / (height - horizon)
        spread = width * (0.04 + 0.25 * depth)
        if rng.random() < 0.55:
            x = rng.gauss(sun_pos[0], spread)
            a = int(170 * (1 - depth * 0.6))
            col = sun
        else:
            x = rng.uniform(0, width)
            a = int(60 * (1 - depth * 0.5))
            col = _lerp(sky_low, (255, 255, 255), 0.3)
        length = rng.uniform(8, 40) * (0.5 + depth * 2)
        thick = 1 + depth * 3
        draw.rectangle((x, y, x + length, y + thick), fill=(*col, a))


def _paint_geometric(img, rng, pal) -> None:
    width, height = img.size
    colors = [_shift(c, rng.uniform(-0.04, 0.04), 1.1) for c in pal]
    draw = ImageDraw.Draw(img, "RGBA")
    # Big translucent circles.
    for _ in range(rng.randint(5, 8)):
        r = rng.uniform(0.12, 0.42) * height
        cx, cy = rng.uniform(0, width), rng.uniform(0.1, 0.95) * height
        col = rng.choice(colors[2:])
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*col, rng.randint(55, 120)))
    # Long diagonal bands like light through a window.
    angle = rng.uniform(-0.5, 0.5)
    for _ in range(rng.randint(3, 6)):
        x = rng.uniform(-0.2, 1.0) * width
        w = rng.uniform(0.03, 0.12) * width
        skew = math.tan(angle) * height
        col = rng.choice(colors)
        draw.polygon(
            [(x, 0), (x + w, 0), (x + w + skew, height), (x + skew, height)],
            fill=(*col, rng.randint(35, 80)),
        )
    # Triangles along the lower third.
    for _ in range(rng.randint(3, 6)):
        bx = rng.uniform(0, width)
        bw = rng.uniform(0.1, 0.3) * width
        bh = rng.uniform(0.2, 0.45) * height
        col = rng.choice(colors[3:])
        draw.polygon(
            [
                (bx - bw / 2, height),
                (bx + bw / 2, height),
                (bx + rng.uniform(-0.3, 0.3) * bw, height - bh),
            ],
            fill=(*col, rng.randint(110, 190)),
        )
    # A fine dot grid in one corner.
    gx, gy = rng.choice(((0.06, 0.1), (0.7, 0.1), (0.06, 0.6), (0.7, 0.6)))
    for i in range(9):
        for j in range(6):
            x, y = (gx + i * 0.024) * width, (gy + j * 0.045) * height
            draw.ellipse((x - 2.5, y - 2.5, x + 2.5, y + 2.5), fill=(255, 255, 255, 120))


# --------------------------------------------------------------------------- public API


def _choose(key: str, rng: random.Random) -> tuple[str, str]:
    style = palette = None
    for word, hint_style, hint_palette in _HINTS:
        if word in key:
            style, palette = hint_style, hint_palette
            break
    style = style or rng.choice(STYLES)
    palette = palette or rng.choice(sorted(PALETTES))
    return style, palette


def render_image(key: str, *, width: int = 1600, height: int = 900) -> bytes:
    """Return JPEG bytes of an original generated illustration for `key`."""
    seed = hashlib.sha256(key.encode("utf-8")).digest()
    rng = random.Random(seed)  # noqa: S311 - repeatable art, not security
    style, palette_name = _choose(key, rng)
    hue = rng.uniform(-0.035, 0.035)
    pal = tuple(_shift(c, hue, rng.uniform(0.9, 1.1)) for c in PALETTES[palette_name])
    sky_top, sky_low, sun, _far, _near = pal
    night = palette_name == "night"

    size = (width, height)
    horizon = int(height * rng.uniform(0.56, 0.68))
    sky_mid = _lerp(sky_top, sky_low, 0.55)
    img = _vertical_gradient(
        size,
        [
            (0.0, sky_top),
            (horizon / height * 0.55, sky_mid),
            (horizon / height, sky_low),
            (1.0, sky_low),
        ],
    )

    if style == "geometric":
        _paint_geometric(img, rng, pal)
    else:
        if night:
            _stars(img, rng, horizon, rng.randint(220, 380))
        high = style == "skyline"  # towers would hide a low sun
        sun_y = horizon * (rng.uniform(0.2, 0.36) if high else rng.uniform(0.3, 0.72))
        sun_pos = (width * rng.uniform(0.18, 0.82), sun_y)
        radius = height * rng.uniform(0.055, 0.095)
        glow = _soft_glow(size, sun_pos, radius * 3.2, sun, 0.55 if not night else 0.3)
        img = Image.alpha_composite(img.convert("RGBA"), glow).convert("RGB")
        _disc(img, sun_pos, radius, sun, crescent=rng.uniform(0.25, 0.45) if night else 0.0)
        if style == "hills":
            _paint_hills(img, rng, pal, horizon, sky_low)
        elif style == "skyline":
            _paint_skyline(
                img, rng, pal, horizon, sky_low, lit=palette_name in ("night", "dusk", "ember")
            )
        else:
            _paint_sea(img, rng, pal, horizon, sky_low, sun_pos)

    # Vignette: darken the corners gently.
    vignette = Image.radial_gradient("L").resize(size, Image.Resampling.BILINEAR)
    vignette = vignette.point(lambda v: 255 - int(max(0, v - 70) * 0.55))
    img = ImageChops.multiply(img, Image.merge("RGB", (vignette,) * 3))

    # Fine grain hides gradient banding after JPEG compression.
    # (Drawn from our own generator: Image.effect_noise is not seedable.)
    grain = (max(1, width // 3), max(1, height // 3))
    noise = Image.frombytes("L", grain, rng.randbytes(grain[0] * grain[1])).resize(size)
    img = Image.blend(img, Image.merge("RGB", (noise,) * 3), 0.015)

    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def _content_image_keys() -> list[str]:
    """Every image key used in the sibling ``content.py``, loaded by path."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).with_name("content.py")
    spec = importlib.util.spec_from_file_location("parley_demo_content", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    keys = []
    for article in module.ARTICLES:
        keys.append(article["lead_image"]["key"])
        keys.extend(value["key"] for kind, value in article["body"] if kind == "image")
    return keys


if __name__ == "__main__":
    import time
    from pathlib import Path

    out_dir = Path("/tmp/demo_images")  # noqa: S108 - a scratch folder for eyeballing
    out_dir.mkdir(parents=True, exist_ok=True)
    for image_key in _content_image_keys():
        started = time.perf_counter()
        data = render_image(image_key)
        elapsed = time.perf_counter() - started
        (out_dir / f"{image_key}.jpg").write_bytes(data)
        print(f"{image_key:28} {len(data) / 1024:7.1f} KiB {elapsed * 1000:6.1f} ms")
