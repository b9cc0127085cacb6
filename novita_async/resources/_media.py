"""Reading upload inputs (a path, bytes, or base64 text) off the event loop, and naming their type."""

from __future__ import annotations

import os

import anyio.to_thread

from .._errors import RequestValidationError
from .._files import ImageInput, read_input_sync

__all__ = ("MediaInput", "image_extension", "read_media")

MediaInput = ImageInput
"""A `pathlib.Path` (read in a worker thread), raw bytes, or a base64 string (a `data:` URL is fine)."""


async def read_media(value: MediaInput, *, field: str, limit: int, endpoint: str) -> bytes:
    """The bytes of an upload input; files are read (and base64 decoded) in a worker thread."""
    if isinstance(value, bytes):
        raw = read_input_sync(value, field, limit, endpoint)
    else:
        raw = await anyio.to_thread.run_sync(read_input_sync, value, field, limit, endpoint)
    if not raw:
        raise RequestValidationError("empty upload", endpoint=endpoint, field=field)
    return raw


def image_extension(data: bytes, hint: object = None) -> str:
    """`png`, `jpeg` or `webp` from the magic bytes (falling back to a path's suffix), else `png`."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if isinstance(hint, os.PathLike):
        suffix = str(os.fspath(hint)).rpartition(".")[2].lower()
        if suffix in ("png", "webp"):
            return suffix
        if suffix in ("jpg", "jpeg"):
            return "jpeg"
    return "png"
