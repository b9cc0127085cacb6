"""Placeholder output files: small but real PNG/JPEG/WebP/GIF/MP4 bytes, built without PIL.

Every task of a kind gets the same bytes, generated once and cached, so serving 10,000 downloads costs
no CPU beyond the copy. `image_size` pads files (inside a private PNG chunk, or after the end marker for
the other formats, where decoders ignore it) so download benchmarks can move realistic volumes.
"""

from __future__ import annotations

import base64
import functools
import struct
import zlib

__all__ = ("CONTENT_TYPES", "b64_file", "file_bytes", "png")

CONTENT_TYPES: dict[str, str] = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "gif": "image/gif",
    "mp4": "video/mp4",
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
# An MP4 skeleton: `ftyp` + empty `moov`-less `mdat`; enough for type sniffing, not for playback.
_MP4 = struct.pack(">I4s4sI8s", 24, b"ftyp", b"isom", 0x200, b"isomiso2") + struct.pack(">I4s", 8, b"mdat")


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
    """The placeholder file for extension `ext` (png, jpeg/jpg, webp, gif, mp4)."""
    if ext == "png":
        return png(padding=padding)
    base = {"jpeg": _JPEG, "jpg": _JPEG, "webp": _WEBP, "gif": _GIF, "mp4": _MP4}.get(ext, _MP4)
    return base + b"\x00" * padding if padding > 0 else base


@functools.lru_cache(maxsize=16)
def b64_file(ext: str) -> str:
    """Base64 of the (unpadded) placeholder, as the synchronous endpoints return it in `image_file`."""
    return base64.b64encode(file_bytes(ext)).decode("ascii")
