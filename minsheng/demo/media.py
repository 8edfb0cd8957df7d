"""Demo media made on the spot: illustrative JPEG scenes (Pillow, no fonts), Word files
for the policy attachments (python-docx), and the committed demo video.

Everything here is deterministic: the same scene, palette and seed give the same bytes,
so a picture can be regenerated at will and nothing is ever downloaded.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 800
VIDEO_PATH = Path(__file__).resolve().parent / "assets" / "demo-video.mp4"

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    sky_top: RGB
    sky_bottom: RGB
    sun: RGB
    far: RGB  # distant hills
    near: RGB  # fields, lawns
    accent: RGB  # roofs, flags, track
    wall: RGB  # buildings
    water: RGB


PALETTES: dict[str, Palette] = {
    "morning": Palette(
        (126, 182, 232),
        (252, 222, 190),
        (255, 236, 170),
        (132, 168, 150),
        (120, 178, 96),
        (214, 84, 60),
        (238, 232, 220),
        (96, 160, 200),
    ),
    "noon": Palette(
        (64, 140, 220),
        (178, 216, 244),
        (255, 250, 220),
        (96, 140, 120),
        (98, 166, 72),
        (200, 60, 50),
        (244, 244, 240),
        (70, 140, 200),
    ),
    "dusk": Palette(
        (58, 64, 130),
        (246, 160, 110),
        (255, 200, 120),
        (92, 88, 120),
        (122, 128, 80),
        (230, 110, 70),
        (232, 214, 196),
        (110, 110, 170),
    ),
    "spring": Palette(
        (150, 200, 236),
        (230, 244, 236),
        (255, 248, 200),
        (150, 196, 150),
        (150, 206, 100),
        (236, 120, 150),
        (250, 246, 236),
        (120, 190, 210),
    ),
    "autumn": Palette(
        (110, 170, 220),
        (250, 226, 170),
        (255, 226, 150),
        (170, 140, 90),
        (212, 170, 70),
        (190, 70, 40),
        (240, 226, 204),
        (90, 150, 180),
    ),
    "harbor": Palette(
        (90, 150, 200),
        (206, 228, 240),
        (255, 244, 214),
        (110, 140, 150),
        (110, 160, 110),
        (40, 110, 170),
        (236, 240, 244),
        (50, 120, 170),
    ),
    "warm": Palette(
        (250, 216, 170),
        (255, 240, 220),
        (255, 226, 160),
        (200, 160, 120),
        (226, 196, 150),
        (200, 50, 40),
        (250, 236, 214),
        (160, 110, 80),
    ),
    "civic": Palette(
        (40, 96, 170),
        (150, 196, 236),
        (255, 240, 200),
        (80, 120, 140),
        (90, 150, 90),
        (200, 30, 40),
        (236, 236, 236),
        (60, 120, 180),
    ),
}


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _shade(c: RGB, f: float) -> RGB:
    """Darker for f < 1, lighter for f > 1."""
    if f < 1:
        return _mix((0, 0, 0), c, f)
    return _mix(c, (255, 255, 255), min(f - 1, 1))


def _jitter(rng: random.Random, c: RGB, amount: int = 14) -> RGB:
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c)  # type: ignore[return-value]


def _gradient(img: Image.Image, top: RGB, bottom: RGB, y0: int = 0, y1: int = HEIGHT) -> None:
    draw = ImageDraw.Draw(img)
    span = max(y1 - y0, 1)
    for y in range(y0, y1):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, (y - y0) / span))


def _ridge(rng: random.Random, base: int, amp: int, waves: int = 3) -> list[tuple[float, float]]:
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    freqs = [rng.uniform(0.6, 1.6) * (i + 1) for i in range(waves)]
    points = []
    for x in range(0, WIDTH + 20, 20):
        y = base + sum(amp / (i + 1) * math.sin(x / WIDTH * math.tau * freqs[i] / 2 + phases[i]) for i in range(waves))
        points.append((float(x), y))
    return [(0.0, float(HEIGHT)), *points, (float(WIDTH), float(HEIGHT))]


def _sky(img: Image.Image, rng: random.Random, p: Palette, horizon: int) -> None:
    _gradient(img, p.sky_top, p.sky_bottom, 0, horizon + 40)
    glow = Image.new("RGB", img.size, p.sun)
    mask = Image.new("L", img.size, 0)
    sx, sy = rng.randint(150, WIDTH - 150), rng.randint(90, max(100, horizon - 140))
    ImageDraw.Draw(mask).ellipse([sx - 170, sy - 170, sx + 170, sy + 170], fill=110)
    img.paste(glow, (0, 0), mask.filter(ImageFilter.GaussianBlur(60)))
    ImageDraw.Draw(img).ellipse([sx - 46, sy - 46, sx + 46, sy + 46], fill=p.sun)
    _clouds(img, rng, horizon)


def _clouds(img: Image.Image, rng: random.Random, horizon: int) -> None:
    layer = Image.new("L", img.size, 0)
    draw = ImageDraw.Draw(layer)
    for _ in range(rng.randint(3, 6)):
        cx, cy = rng.randint(0, WIDTH), rng.randint(40, max(60, horizon - 180))
        for _ in range(rng.randint(4, 7)):
            w, h = rng.randint(60, 150), rng.randint(26, 60)
            ox, oy = rng.randint(-120, 120), rng.randint(-18, 18)
            draw.ellipse([cx + ox - w, cy + oy - h, cx + ox + w, cy + oy + h], fill=rng.randint(120, 190))
    img.paste(Image.new("RGB", img.size, (255, 255, 255)), (0, 0), layer.filter(ImageFilter.GaussianBlur(18)))


def _hills(img: Image.Image, rng: random.Random, p: Palette, horizon: int) -> None:
    draw = ImageDraw.Draw(img)
    draw.polygon(_ridge(rng, horizon - 70, 50), fill=_mix(p.far, p.sky_bottom, 0.45))
    draw.polygon(_ridge(rng, horizon - 25, 35), fill=p.far)


def _tree(draw: ImageDraw.ImageDraw, rng: random.Random, x: float, ground: float, size: float, color: RGB) -> None:
    trunk = _shade((120, 86, 60), rng.uniform(0.8, 1.1))
    draw.rectangle([x - size * 0.08, ground - size * 0.9, x + size * 0.08, ground], fill=trunk)
    for i in range(3):
        r = size * (0.55 - i * 0.1)
        cy = ground - size * (0.95 + i * 0.35)
        draw.ellipse([x - r, cy - r, x + r, cy + r], fill=_shade(_jitter(rng, color, 10), 0.85 + i * 0.1))


def _building(
    draw: ImageDraw.ImageDraw, rng: random.Random, x: float, ground: float, w: float, h: float, p: Palette
) -> None:
    wall = _jitter(rng, p.wall, 12)
    draw.rectangle([x, ground - h, x + w, ground], fill=wall)
    draw.rectangle([x + w * 0.82, ground - h, x + w, ground], fill=_shade(wall, 0.86))
    if rng.random() < 0.5:
        draw.polygon(
            [(x - 6, ground - h), (x + w / 2, ground - h - min(w * 0.28, 70)), (x + w + 6, ground - h)], fill=p.accent
        )
    else:
        draw.rectangle([x - 4, ground - h - 8, x + w + 4, ground - h], fill=_shade(wall, 0.7))
    cols, rows = max(2, int(w // 34)), max(2, int(h // 44))
    glass = _mix(p.water, p.sky_top, 0.4)
    for r in range(rows):
        for c in range(cols):
            wx = x + 10 + c * (w * 0.8 - 10) / cols
            wy = ground - h + 16 + r * (h - 30) / rows
            lit = _shade(glass, 1.25) if rng.random() < 0.25 else glass
            draw.rectangle([wx, wy, wx + (w * 0.8 - 10) / cols - 10, wy + (h - 30) / rows - 16], fill=lit)


def _grain(img: Image.Image, rng: random.Random, strength: int = 10) -> Image.Image:
    """Soft film grain, so the scenes look less flat (and compress like photos)."""
    small = Image.frombytes("L", (WIDTH // 2, HEIGHT // 2), rng.randbytes(WIDTH * HEIGHT // 4))
    noise = small.resize(img.size, Image.Resampling.BILINEAR).filter(ImageFilter.GaussianBlur(0.6))
    grey = Image.merge("RGB", (noise, noise, noise))
    return Image.blend(img, grey, strength / 255).filter(ImageFilter.SMOOTH)


# --- Scenes ---------------------------------------------------------------------------


def _fields(img: Image.Image, rng: random.Random, p: Palette) -> None:
    horizon = rng.randint(360, 430)
    _sky(img, rng, p, horizon)
    _hills(img, rng, p, horizon)
    draw = ImageDraw.Draw(img)
    vx = rng.randint(300, 900)
    bands = 9
    for i in range(bands):
        y0 = horizon + (HEIGHT - horizon) * (i / bands) ** 1.6
        y1 = horizon + (HEIGHT - horizon) * ((i + 1) / bands) ** 1.6
        draw.rectangle([0, y0, WIDTH, y1 + 1], fill=_shade(p.near, 0.8 + 0.05 * (i % 3) + i * 0.02))
    for k in range(-12, 13):
        draw.line([(vx, horizon), (vx + k * 160, HEIGHT)], fill=_shade(p.near, 0.72), width=3)
    for _ in range(rng.randint(2, 4)):
        x = rng.randint(60, WIDTH - 160)
        g = horizon + rng.randint(0, 20)
        _house(draw, rng, x, g, rng.randint(60, 90), p)
    for _ in range(rng.randint(4, 8)):
        _tree(draw, rng, rng.randint(0, WIDTH), horizon + rng.randint(5, 40), rng.randint(26, 46), _shade(p.far, 0.9))


def _house(draw: ImageDraw.ImageDraw, rng: random.Random, x: float, ground: float, w: float, p: Palette) -> None:
    h = w * 0.6
    draw.rectangle([x, ground - h, x + w, ground], fill=_jitter(rng, p.wall, 8))
    draw.polygon(
        [(x - 8, ground - h), (x + w / 2, ground - h - w * 0.4), (x + w + 8, ground - h)], fill=_shade(p.accent, 0.85)
    )
    draw.rectangle([x + w * 0.4, ground - h * 0.55, x + w * 0.6, ground], fill=_shade(p.wall, 0.6))


def _village(img: Image.Image, rng: random.Random, p: Palette) -> None:
    horizon = rng.randint(420, 470)
    _sky(img, rng, p, horizon)
    _hills(img, rng, p, horizon)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=p.near)
    x = rng.randint(-40, 40)
    while x < WIDTH:
        w = rng.randint(110, 170)
        _house(draw, rng, x, horizon + rng.randint(30, 70), w, p)
        x += w + rng.randint(30, 90)
    draw.polygon(
        [(WIDTH * 0.42, HEIGHT), (WIDTH * 0.5, horizon + 90), (WIDTH * 0.56, horizon + 90), (WIDTH * 0.7, HEIGHT)],
        fill=_mix(p.wall, (150, 150, 150), 0.5),
    )
    for _ in range(rng.randint(5, 9)):
        _tree(draw, rng, rng.randint(0, WIDTH), rng.randint(horizon + 150, HEIGHT - 10), rng.randint(50, 90), p.far)


def _town(img: Image.Image, rng: random.Random, p: Palette) -> None:
    horizon = rng.randint(520, 580)
    _sky(img, rng, p, horizon)
    draw = ImageDraw.Draw(img)
    far = _mix(p.wall, p.sky_bottom, 0.55)
    x = -20
    while x < WIDTH:
        w, h = rng.randint(60, 120), rng.randint(120, 300)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=_jitter(rng, far, 6))
        x += w + rng.randint(0, 20)
    x = rng.randint(-60, 0)
    while x < WIDTH:
        w, h = rng.randint(130, 200), rng.randint(160, 330)
        _building(draw, rng, x, horizon + 20, w, h, p)
        x += w + rng.randint(20, 60)
    draw.rectangle([0, horizon + 20, WIDTH, HEIGHT], fill=(120, 124, 130))
    draw.rectangle([0, horizon + 20, WIDTH, horizon + 44], fill=(200, 200, 196))
    for i in range(0, WIDTH, 120):
        draw.rectangle([i + 20, horizon + 130, i + 90, horizon + 140], fill=(240, 240, 236))
    for i in range(rng.randint(6, 10)):
        _tree(draw, rng, i * 150 + rng.randint(0, 60), horizon + 40, rng.randint(40, 60), p.near)


def _community(img: Image.Image, rng: random.Random, p: Palette) -> None:
    horizon = rng.randint(430, 480)
    _sky(img, rng, p, horizon)
    draw = ImageDraw.Draw(img)
    x = rng.randint(-30, 20)
    while x < WIDTH:
        w, h = rng.randint(180, 260), rng.randint(220, 300)
        _building(draw, rng, x, horizon + 40, w, h, p)
        x += w + rng.randint(50, 110)
    draw.rectangle([0, horizon + 40, WIDTH, HEIGHT], fill=p.near)
    draw.ellipse(
        [WIDTH * 0.2, horizon + 120, WIDTH * 0.8, HEIGHT + 160], outline=_mix(p.wall, (180, 170, 160), 0.4), width=34
    )
    for _ in range(rng.randint(8, 14)):
        _tree(
            draw,
            rng,
            rng.randint(0, WIDTH),
            rng.randint(horizon + 60, HEIGHT),
            rng.randint(40, 80),
            _shade(p.near, 0.8),
        )
    for i in range(3):
        bx = rng.randint(100, WIDTH - 200)
        by = rng.randint(horizon + 150, HEIGHT - 60)
        draw.rectangle([bx, by, bx + 90, by + 14], fill=_shade(p.accent, 0.9 + i * 0.05))


def _road(img: Image.Image, rng: random.Random, p: Palette) -> None:
    horizon = rng.randint(360, 420)
    _sky(img, rng, p, horizon)
    _hills(img, rng, p, horizon)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=p.near)
    vx = rng.randint(480, 720)
    road = [(vx - 8, horizon), (vx + 8, horizon), (WIDTH * 0.86, HEIGHT), (WIDTH * 0.14, HEIGHT)]
    draw.polygon(road, fill=(84, 88, 94))
    draw.line([(vx - 8, horizon), (WIDTH * 0.14, HEIGHT)], fill=(236, 236, 230), width=6)
    draw.line([(vx + 8, horizon), (WIDTH * 0.86, HEIGHT)], fill=(236, 236, 230), width=6)
    for i in range(14):
        t0, t1 = (i / 14) ** 2, ((i + 0.5) / 14) ** 2
        y0, y1 = horizon + (HEIGHT - horizon) * t0, horizon + (HEIGHT - horizon) * t1
        draw.polygon(
            [(vx - 1 - 6 * t0, y0), (vx + 1 + 6 * t0, y0), (vx + 1 + 6 * t1, y1), (vx - 1 - 6 * t1, y1)],
            fill=(250, 210, 80),
        )
    for side in (-1, 1):
        for i in range(9):
            t = (i / 9) ** 1.8
            x = vx + side * (30 + (WIDTH * 0.45) * t)
            y = horizon + (HEIGHT - horizon) * t
            _tree(draw, rng, x, y, 18 + 90 * t, _shade(p.far, 0.95))


def _river(img: Image.Image, rng: random.Random, p: Palette) -> None:
    horizon = rng.randint(380, 440)
    _sky(img, rng, p, horizon)
    _hills(img, rng, p, horizon)
    draw = ImageDraw.Draw(img)
    _gradient(img, _mix(p.water, p.sky_bottom, 0.5), p.water, horizon, HEIGHT)
    for _ in range(60):
        y = rng.randint(horizon + 10, HEIGHT)
        x = rng.randint(0, WIDTH)
        w = rng.randint(30, 120) * (y - horizon) / (HEIGHT - horizon)
        draw.line([(x, y), (x + w, y)], fill=_shade(p.water, 1.3), width=2)
    bank = [(0.0, float(HEIGHT)), (0.0, HEIGHT - 160.0), (WIDTH * 0.25, HEIGHT - 120.0), (WIDTH * 0.4, float(HEIGHT))]
    draw.polygon(bank, fill=p.near)
    for _ in range(4):
        _tree(draw, rng, rng.randint(0, int(WIDTH * 0.25)), HEIGHT - rng.randint(60, 130), rng.randint(60, 90), p.far)
    draw.rectangle([WIDTH * 0.55, horizon + 20, WIDTH * 0.95, horizon + 34], fill=(200, 200, 196))
    for i in range(6):
        px = WIDTH * 0.55 + i * WIDTH * 0.08
        draw.rectangle([px, horizon + 34, px + 10, horizon + 80], fill=(180, 180, 176))


def _park(img: Image.Image, rng: random.Random, p: Palette) -> None:
    horizon = rng.randint(330, 380)
    _sky(img, rng, p, horizon)
    draw = ImageDraw.Draw(img)
    x = 0
    while x < WIDTH:
        w, h = rng.randint(90, 150), rng.randint(80, 200)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=_mix(p.wall, p.sky_bottom, 0.5))
        x += w + rng.randint(10, 40)
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=p.near)
    track = (WIDTH * 0.08, horizon + 90, WIDTH * 0.92, HEIGHT + 120)
    draw.ellipse(track, fill=_shade(p.accent, 0.95))
    draw.ellipse((track[0] + 70, track[1] + 60, track[2] - 70, track[3] - 60), fill=_shade(p.near, 1.1))
    for k in (22, 44):
        draw.ellipse(
            (track[0] + k, track[1] + k * 0.85, track[2] - k, track[3] - k * 0.85), outline=(250, 246, 240), width=2
        )
    for i in range(5):
        bx = WIDTH * 0.3 + i * 100
        by = horizon + 220 + (i % 2) * 30
        draw.line([(bx, by), (bx, by - 70)], fill=(60, 120, 200), width=8)
        draw.line([(bx - 30, by - 70), (bx + 30, by - 70)], fill=(250, 190, 40), width=8)
    for _ in range(rng.randint(10, 16)):
        _tree(
            draw, rng, rng.randint(0, WIDTH), horizon + rng.randint(10, 60), rng.randint(40, 70), _shade(p.near, 0.75)
        )


def _school(img: Image.Image, rng: random.Random, p: Palette) -> None:
    horizon = rng.randint(430, 470)
    _sky(img, rng, p, horizon)
    draw = ImageDraw.Draw(img)
    bx0, bx1 = WIDTH * 0.12, WIDTH * 0.88
    _building(draw, rng, bx0, horizon, bx1 - bx0, rng.randint(230, 270), p)
    draw.rectangle([WIDTH * 0.46, horizon - 110, WIDTH * 0.54, horizon], fill=_shade(p.wall, 0.75))
    fx = rng.choice([WIDTH * 0.06, WIDTH * 0.94])
    draw.line([(fx, horizon + 60), (fx, horizon - 330)], fill=(210, 210, 210), width=6)
    draw.rectangle([fx + 3, horizon - 330, fx + 93, horizon - 270], fill=(214, 32, 38))
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=_shade(p.accent, 0.9))
    draw.rectangle([WIDTH * 0.15, horizon + 120, WIDTH * 0.85, HEIGHT], fill=_shade(p.near, 1.05))
    draw.line([(WIDTH * 0.5, horizon + 120), (WIDTH * 0.5, HEIGHT)], fill=(250, 250, 250), width=4)
    draw.ellipse([WIDTH * 0.44, horizon + 200, WIDTH * 0.56, horizon + 290], outline=(250, 250, 250), width=4)
    for _ in range(rng.randint(4, 8)):
        x = rng.randint(40, WIDTH - 40)
        _tree(draw, rng, x, horizon + 10, rng.randint(40, 60), p.near)


def _hall(img: Image.Image, rng: random.Random, p: Palette) -> None:
    """An indoor room (canteen, service hall, meeting room), in perspective."""
    _gradient(img, _shade(p.wall, 1.05), _shade(p.wall, 0.9), 0, 520)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 520, WIDTH, HEIGHT], fill=_mix(p.far, (200, 180, 150), 0.6))
    for i in range(0, WIDTH, 100):
        draw.line(
            [(WIDTH / 2 + (i - WIDTH / 2) * 0.4, 520), (i - 300 + i * 0.5, HEIGHT)],
            fill=_shade(_mix(p.far, (200, 180, 150), 0.6), 0.9),
            width=2,
        )
    windows = rng.randint(2, 4)
    gap = WIDTH / windows
    for i in range(windows):
        ww = gap * rng.uniform(0.5, 0.7)
        wx = i * gap + (gap - ww) / 2
        top = rng.randint(80, 120)
        draw.rectangle([wx, top, wx + ww, 380], fill=_mix(p.sky_top, (255, 255, 255), 0.5))
        draw.rectangle([wx, top, wx + ww, 380], outline=_shade(p.wall, 0.7), width=8)
        draw.line([(wx + ww / 2, top), (wx + ww / 2, 380)], fill=_shade(p.wall, 0.7), width=6)
        if rng.random() < 0.5:
            _tree(draw, rng, wx + ww * rng.uniform(0.2, 0.8), 380, rng.randint(50, 80), p.near)
    draw.rectangle([0, 0, WIDTH, 40], fill=_shade(p.wall, 0.85))
    draw.rectangle([WIDTH * 0.3, 46, WIDTH * 0.7, 76], fill=p.accent)
    cols = rng.randint(3, 4)
    for row in range(2):
        for col in range(cols):
            tx = 60 + col * (WIDTH - 120) / cols + row * 40
            ty = 560 + row * 120
            tw = (WIDTH - 120) / cols - 90 + row * 30
            draw.rectangle([tx + tw / 2 - 8, ty + 40, tx + tw / 2 + 8, ty + 110], fill=(140, 110, 90))
            draw.ellipse([tx, ty, tx + tw, ty + 60], fill=_jitter(rng, (250, 246, 236), 6))
            for s in range(4):
                cx = tx + 20 + s * (tw - 40) / 3
                draw.ellipse([cx - 16, ty - 6, cx + 16, ty + 14], fill=_jitter(rng, p.accent, 30))
    glow = Image.new("L", img.size, 0)
    ImageDraw.Draw(glow).ellipse([WIDTH * 0.2, -200, WIDTH * 0.8, 300], fill=70)
    img.paste(Image.new("RGB", img.size, (255, 250, 235)), (0, 0), glow.filter(ImageFilter.GaussianBlur(80)))


def _banner(img: Image.Image, rng: random.Random, p: Palette) -> None:
    """The home page banner: sunrise over the city, fields and a river; room for a title."""
    horizon = 470
    _gradient(img, p.sky_top, p.sky_bottom, 0, horizon + 40)
    draw = ImageDraw.Draw(img)
    sx, sy = WIDTH * 0.7, horizon - 260
    for r, a in ((300, 40), (200, 70), (120, 120)):
        layer = Image.new("L", img.size, 0)
        ImageDraw.Draw(layer).ellipse([sx - r, sy - r, sx + r, sy + r], fill=a)
        img.paste(Image.new("RGB", img.size, p.sun), (0, 0), layer.filter(ImageFilter.GaussianBlur(40)))
    draw.ellipse([sx - 60, sy - 60, sx + 60, sy + 60], fill=p.sun)
    _clouds(img, rng, horizon)
    x = WIDTH * 0.38
    while x < WIDTH:
        w, h = rng.randint(50, 90), rng.randint(90, 220)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=_mix(p.wall, p.sky_bottom, 0.35))
        x += w + rng.randint(6, 18)
    draw.polygon(_ridge(rng, horizon - 10, 20), fill=p.far)
    for i in range(6):
        y0 = horizon + 20 + i * 40
        draw.rectangle([0, y0, WIDTH, y0 + 40], fill=_shade(p.near, 0.85 + i * 0.05))
    river = [
        (WIDTH * 0.55, horizon + 20.0),
        (WIDTH * 0.6, horizon + 20.0),
        (WIDTH * 0.9, float(HEIGHT)),
        (WIDTH * 0.6, float(HEIGHT)),
    ]
    draw.polygon(river, fill=p.water)
    for _ in range(10):
        _tree(
            draw,
            rng,
            rng.randint(0, int(WIDTH * 0.5)),
            horizon + rng.randint(30, 200),
            rng.randint(30, 60),
            _shade(p.far, 0.9),
        )


SCENES: dict[str, Callable[[Image.Image, random.Random, Palette], None]] = {
    "fields": _fields,
    "village": _village,
    "town": _town,
    "community": _community,
    "road": _road,
    "river": _river,
    "park": _park,
    "school": _school,
    "hall": _hall,
    "banner": _banner,
}


def render_scene(scene: str, *, palette: str, seed: int, quality: int = 84) -> bytes:
    """A 1200×800 JPEG of ``scene`` in ``palette``; the same arguments give the same bytes."""
    rng = random.Random(f"{scene}:{palette}:{seed}")
    img = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    SCENES[scene](img, rng, PALETTES[palette])
    img = _grain(img, rng)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


# --- Documents ------------------------------------------------------------------------


def policy_docx(
    *, title: str, doc_number: str, issuer: str, date_text: str, blocks: Sequence[str], headings: Sequence[str] = ()
) -> bytes:
    """A small official-document style Word file (title, 文号, body, issuer and date).

    ``blocks`` are paragraphs; those that appear in ``headings`` are set in bold.
    Chinese text is stored as text with East Asian fonts named, so any Word or WPS shows it.
    """
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = WordDocument()

    def run_font(run: object, name: str, size: float, bold: bool = False) -> None:
        run.font.size = Pt(size)  # type: ignore[attr-defined]
        run.font.bold = bold  # type: ignore[attr-defined]
        run.font.name = name  # type: ignore[attr-defined]
        rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)

    core = doc.core_properties
    core.title = title
    core.author = issuer
    core.subject = doc_number

    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run_font(para.add_run(doc_number), "仿宋", 16)
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run_font(para.add_run(title), "宋体", 22, bold=True)
    for text in blocks:
        para = doc.add_paragraph()
        heading = text in headings
        if not heading:
            para.paragraph_format.first_line_indent = Pt(32)
        para.paragraph_format.line_spacing = Pt(28)
        run_font(para.add_run(text), "黑体" if heading else "仿宋", 16)
    for line in (issuer, date_text):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run_font(para.add_run(line), "仿宋", 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def policy_pdf(
    *, title: str, doc_number: str, issuer: str, date_text: str, blocks: Sequence[str], headings: Sequence[str] = ()
) -> bytes:
    """The same official document as :func:`policy_docx`, as an A4 PDF: the issuer's red
    masthead (…文件), 文号, a red rule, the title, the body, issuer and date.

    Written with fpdf2 through ``minsheng.core.pdf.SheetPDF``, which embeds Noto Sans CJK SC,
    so the Chinese shows on any machine and extracts as text.
    """
    from fpdf.enums import Align, WrapMode, XPos, YPos

    from minsheng.core.pdf import FONT, SheetPDF

    red = (200, 16, 26)
    pdf = SheetPDF(footer_text=issuer, page_numbers=True)
    pdf.set_title(title)
    pdf.set_author(issuer)
    pdf.set_subject(doc_number)
    pdf.set_creation_date(datetime(2022, 1, 1, tzinfo=UTC))  # the same bytes on every run
    pdf.add_page()
    width = pdf.epw

    masthead = f"{issuer}文件"
    size = 30.0
    pdf.set_font(FONT, size=size)
    while pdf.get_string_width(masthead) > width and size > 14:
        size -= 1
        pdf.set_font(FONT, size=size)
    pdf.set_text_color(*red)
    pdf.set_y(28)
    pdf.cell(0, size * 0.5, masthead, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(8)
    pdf.set_font(FONT, size=12)
    pdf.cell(0, 7, doc_number, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*red)
    pdf.set_line_width(0.8)
    y = pdf.get_y() + 2
    pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
    pdf.set_y(y + 10)

    pdf.set_font(FONT, size=17)
    pdf.multi_cell(0, 9, title, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)
    for n, text in enumerate(blocks):
        if text in headings:
            pdf.ln(1)
            pdf.set_font(FONT, size=13)
            pdf.multi_cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            # The addressee line (各镇人民政府……：) opening a notice is not indented. Break
            # anywhere (CHAR): with WORD wrapping the two-space indent becomes a line of its own.
            addressee = n == 0 and text.endswith("：")
            pdf.set_font(FONT, size=12)
            pdf.multi_cell(
                0,
                7.4,
                text if addressee else f"　　{text}",
                wrapmode=WrapMode.CHAR,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
    pdf.ln(10)
    pdf.set_font(FONT, size=12)
    for line in (issuer, date_text):
        pdf.cell(0, 8, line, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def demo_video_bytes() -> bytes:
    """The committed sample video (H.264 MP4, a test pattern, a few seconds)."""
    return VIDEO_PATH.read_bytes()
