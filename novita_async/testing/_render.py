"""Output images worth looking at: the requested size, content derived from the prompt and the seed.

Why hand-rolled: the emulator must not need an imaging library to produce a PNG, and it must stay cheap
(a batch of thousands of outputs). The picture is built from whole rows and row slices, so the work is
done by C code (`bytes` multiplication, slice assignment, `zlib`), not by a Python loop per pixel: a
1024x1024 PNG takes a few tens of milliseconds, in a worker thread, and is cached by its inputs.

What the picture shows: a vertical gradient between two colours taken from the prompt's hash (different
prompts look different), discs placed by the seed (the same seed looks the same), and the prompt itself
written in a 5x7 pixel font on a band at the bottom, so a gallery of outputs can be read.
JPEG and WebP are encoded from the same pixels with Pillow when it is installed (the `testing` extra);
without it those formats fall back to a tiny valid placeholder of the right type.
"""

from __future__ import annotations

import functools
import hashlib
import io
import random
import struct
import textwrap
import zlib

__all__ = ("MAX_SIDE", "render_image")

MAX_SIDE = 1024
"""Outputs are scaled down to at most this many pixels on their long side (the emulator stays cheap)."""
_MIN_SIDE = 16

# A 5x7 font: each glyph is 7 rows of 5 bits (most significant bit on the left).
_FONT: dict[str, tuple[int, ...]] = {
    "A": (14, 17, 17, 31, 17, 17, 17), "B": (30, 17, 17, 30, 17, 17, 30), "C": (14, 17, 16, 16, 16, 17, 14),
    "D": (30, 17, 17, 17, 17, 17, 30), "E": (31, 16, 16, 30, 16, 16, 31), "F": (31, 16, 16, 30, 16, 16, 16),
    "G": (14, 17, 16, 23, 17, 17, 15), "H": (17, 17, 17, 31, 17, 17, 17), "I": (14, 4, 4, 4, 4, 4, 14),
    "J": (7, 2, 2, 2, 2, 18, 12), "K": (17, 18, 20, 24, 20, 18, 17), "L": (16, 16, 16, 16, 16, 16, 31),
    "M": (17, 27, 21, 21, 17, 17, 17), "N": (17, 17, 25, 21, 19, 17, 17), "O": (14, 17, 17, 17, 17, 17, 14),
    "P": (30, 17, 17, 30, 16, 16, 16), "Q": (14, 17, 17, 17, 21, 18, 13), "R": (30, 17, 17, 30, 20, 18, 17),
    "S": (15, 16, 16, 14, 1, 1, 30), "T": (31, 4, 4, 4, 4, 4, 4), "U": (17, 17, 17, 17, 17, 17, 14),
    "V": (17, 17, 17, 17, 17, 10, 4), "W": (17, 17, 17, 21, 21, 21, 10), "X": (17, 17, 10, 4, 10, 17, 17),
    "Y": (17, 17, 10, 4, 4, 4, 4), "Z": (31, 1, 2, 4, 8, 16, 31), "0": (14, 17, 19, 21, 25, 17, 14),
    "1": (4, 12, 4, 4, 4, 4, 14), "2": (14, 17, 1, 2, 4, 8, 31), "3": (31, 2, 4, 2, 1, 17, 14),
    "4": (2, 6, 10, 18, 31, 2, 2), "5": (31, 16, 30, 1, 1, 17, 14), "6": (6, 8, 16, 30, 17, 17, 14),
    "7": (31, 1, 2, 4, 8, 8, 8), "8": (14, 17, 17, 14, 17, 17, 14), "9": (14, 17, 17, 15, 1, 2, 12),
    " ": (0, 0, 0, 0, 0, 0, 0), ".": (0, 0, 0, 0, 0, 12, 12), ",": (0, 0, 0, 0, 12, 4, 8),
    "-": (0, 0, 0, 31, 0, 0, 0), "!": (4, 4, 4, 4, 4, 0, 4), "?": (14, 17, 1, 2, 4, 0, 4),
    ":": (0, 12, 12, 0, 12, 12, 0), "'": (4, 4, 8, 0, 0, 0, 0), "/": (1, 1, 2, 4, 8, 16, 16),
    "(": (2, 4, 8, 8, 8, 4, 2), ")": (8, 4, 2, 2, 2, 4, 8), "#": (10, 10, 31, 10, 31, 10, 10),
    "+": (0, 4, 4, 31, 4, 4, 0), "=": (0, 0, 31, 0, 31, 0, 0), "_": (0, 0, 0, 0, 0, 0, 31),
}
_UNKNOWN_GLYPH = (31, 17, 17, 17, 17, 17, 31)


def fit_size(width: int, height: int) -> tuple[int, int]:
    """The requested size, scaled down to `MAX_SIDE` on the long side (aspect kept); 512x512 if unknown."""
    if width <= 0 or height <= 0:
        width = height = 512
    scale = min(1.0, MAX_SIDE / max(width, height))
    return max(_MIN_SIDE, round(width * scale)), max(_MIN_SIDE, round(height * scale))


@functools.lru_cache(maxsize=64)
def render_image(prompt: str, seed: int, index: int, width: int, height: int, ext: str) -> bytes:
    """The output file (png, jpeg or webp) for one image of a task. Cached: the same inputs, the same bytes."""
    w, h = fit_size(width, height)
    rows = _paint(prompt, seed + index, w, h)
    if ext == "png":
        return _png(rows, w, h)
    return _pillow_encode(rows, w, h, ext)


def _palette(prompt: str) -> list[tuple[int, int, int]]:
    digest = hashlib.sha256(prompt.encode("utf-8", "replace")).digest()
    return [(digest[i], digest[i + 1], digest[i + 2]) for i in range(0, 18, 3)]


def _paint(prompt: str, seed: int, w: int, h: int) -> list[bytearray]:
    colours = _palette(prompt)
    top, bottom = colours[0], colours[1]
    rows: list[bytearray] = []
    for y in range(h):
        t = y / max(1, h - 1)
        pixel = bytes(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        rows.append(bytearray(pixel * w))
    rng = random.Random(seed)
    for _ in range(rng.randint(3, 7)):
        _disc(rows, w, h, rng.randrange(w), rng.randrange(h), rng.randint(min(w, h) // 12 + 1, min(w, h) // 3 + 2),
              bytes(colours[rng.randrange(2, 6)]))
    _caption(rows, w, h, prompt)
    return rows


def _disc(rows: list[bytearray], w: int, h: int, cx: int, cy: int, r: int, colour: bytes) -> None:
    for y in range(max(0, cy - r), min(h, cy + r + 1)):
        dx = int((r * r - (y - cy) ** 2) ** 0.5)
        x0, x1 = max(0, cx - dx), min(w, cx + dx + 1)
        if x1 > x0:
            rows[y][x0 * 3 : x1 * 3] = colour * (x1 - x0)


def _caption(rows: list[bytearray], w: int, h: int, prompt: str) -> None:
    """The prompt, upper-cased, in up to three lines on a dark band at the bottom."""
    text = " ".join(prompt.upper().split()) or "(NO PROMPT)"
    scale = max(1, min(4, w // 320 + 1))
    per_line = max(1, (w - 4 * scale) // (6 * scale))
    lines = textwrap.wrap(text, per_line)[:3] or [""]
    band = len(lines) * 9 * scale + 4 * scale
    if band >= h:
        return
    dark = b"\x10\x10\x18" * w
    for y in range(h - band, h):
        rows[y][:] = dark
    white = b"\xf0\xf0\xf0"
    for n, line in enumerate(lines):
        y0 = h - band + 2 * scale + n * 9 * scale
        for c, char in enumerate(line):
            glyph = _FONT.get(char, _UNKNOWN_GLYPH)
            x0 = 2 * scale + c * 6 * scale
            for gy, bits in enumerate(glyph):
                for gx in range(5):
                    if bits & (16 >> gx):
                        xs = x0 + gx * scale
                        for yy in range(y0 + gy * scale, y0 + (gy + 1) * scale):
                            rows[yy][xs * 3 : (xs + scale) * 3] = white * scale


def _png(rows: list[bytearray], w: int, h: int) -> bytes:
    raw = b"".join(b"\x00" + bytes(row) for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"".join(
        [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header), chunk(b"IDAT", zlib.compress(raw, 6)), chunk(b"IEND", b"")]
    )


def _pillow_encode(rows: list[bytearray], w: int, h: int, ext: str) -> bytes:
    from ._media import file_bytes

    try:
        from PIL import Image
    except ImportError:  # the `testing` extra is not installed: a valid file of the right type, 1x1
        return file_bytes(ext)
    image = Image.frombytes("RGB", (w, h), b"".join(bytes(row) for row in rows))
    out = io.BytesIO()
    image.save(out, format="JPEG" if ext in ("jpeg", "jpg") else ext.upper(), quality=85)
    return out.getvalue()
