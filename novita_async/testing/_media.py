"""Placeholder output files: small but real PNG/JPEG/WebP/GIF/MP4/WAV/MP3/FLAC bytes, built without PIL.

Every task of a kind gets the same bytes, generated once and cached, so serving 10,000 downloads costs
no CPU beyond the copy. `image_size` pads files (inside a private PNG chunk, or after the end marker for
the other formats, where decoders ignore it) so download benchmarks can move realistic volumes.
"""

from __future__ import annotations

import base64
import functools
import importlib.resources
import io
import math
import struct
import wave
import zlib

__all__ = ("CONTENT_TYPES", "b64_file", "file_bytes", "pcm", "png", "wav")

CONTENT_TYPES: dict[str, str] = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "gif": "image/gif",
    "mp4": "video/mp4",
    "wav": "audio/wav",
    "mp3": "audio/mpeg",
    "flac": "audio/flac",
    "pcm": "audio/pcm",
}

# A 1x1 baseline JPEG (white pixel).
_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQ"
    "CgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k="
)
# A 1x1 lossless WebP.
_WEBP = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
# A 1x1 transparent GIF.
_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@functools.lru_cache(maxsize=4)
def _data_file(name: str) -> bytes:
    """A committed sample under `testing/data/` (made once with ffmpeg: a 1 s 64x36 H.264 MP4, and 0.5 s /
    0.1 s 440 Hz tones as MP3 / FLAC), so outputs are real files that players and probes accept."""
    return importlib.resources.files(__package__).joinpath("data").joinpath(name).read_bytes()


@functools.lru_cache(maxsize=4)
def pcm(seconds: float = 0.25, rate: int = 24000) -> bytes:
    """16-bit little-endian mono samples of a 440 Hz tone (GLM-TTS `pcm` output, reference §17.3)."""
    count = int(seconds * rate)
    samples = (int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(count))
    return struct.pack(f"<{count}h", *samples)


@functools.lru_cache(maxsize=4)
def wav(seconds: float = 0.25, rate: int = 24000) -> bytes:
    """A real mono 16-bit WAV of the `pcm` tone, written with the stdlib `wave` module."""
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(pcm(seconds, rate))
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(
    width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (91, 140, 255), padding: int = 0
) -> bytes:
    """A solid-colour RGB PNG, optionally padded with a private ancillary `emPd` chunk."""
    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height, 9)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    parts = [b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", ihdr), _chunk(b"IDAT", raw)]
    if padding > 0:
        parts.append(_chunk(b"emPd", b"\x00" * padding))
    parts.append(_chunk(b"IEND", b""))
    return b"".join(parts)


@functools.lru_cache(maxsize=32)
def file_bytes(ext: str, padding: int = 0) -> bytes:
    """The placeholder file for extension `ext` (png, jpeg/jpg, webp, gif, mp4, wav, mp3, flac, pcm)."""
    if ext == "png":
        return png(padding=padding)
    if ext in ("mp4", "mp3", "flac"):
        base = _data_file(f"sample.{ext}")
    elif ext in ("wav", "pcm"):
        base = wav() if ext == "wav" else pcm()
    else:
        base = {"jpeg": _JPEG, "jpg": _JPEG, "webp": _WEBP, "gif": _GIF}.get(ext, _JPEG)
    return base + b"\x00" * padding if padding > 0 else base


@functools.lru_cache(maxsize=16)
def b64_file(ext: str) -> str:
    """Base64 of the (unpadded) placeholder, as the synchronous endpoints return it in `image_file`."""
    return base64.b64encode(file_bytes(ext)).decode("ascii")
