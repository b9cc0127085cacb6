"""Reading upload inputs (a path, bytes, or base64 text) off the event loop, and naming their type."""

from __future__ import annotations

import base64
import binascii
import os

import anyio.to_thread

from .._errors import RequestValidationError

__all__ = ("MediaInput", "image_extension", "read_media")

MediaInput = str | bytes | bytearray | memoryview | os.PathLike[str]
"""A `pathlib.Path` (read in a worker thread), raw bytes, or a base64 string (a `data:` URL is fine)."""


def _read_sync(value: MediaInput, field: str, limit: int, endpoint: str) -> bytes:
    if isinstance(value, os.PathLike):
        try:
            with open(value, "rb") as handle:
                raw = handle.read(limit + 1)
        except OSError as exc:
            raise RequestValidationError(
                f"cannot read {os.fspath(value)!r}: {exc.strerror}", endpoint=endpoint, field=field
            ) from None
    elif isinstance(value, str):
        text = value.partition(",")[2] if value.startswith("data:") else value
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise RequestValidationError(
                "not base64 (to send a file, pass a pathlib.Path or bytes)", endpoint=endpoint, field=field
            ) from None
    else:
        raw = bytes(value)
    if not raw:
        raise RequestValidationError("empty upload", endpoint=endpoint, field=field)
    if len(raw) > limit:
        raise RequestValidationError(
            f"file is larger than the {limit // (1024 * 1024)} MiB the API accepts", endpoint=endpoint, field=field
        )
    return raw


async def read_media(value: MediaInput, *, field: str, limit: int, endpoint: str) -> bytes:
    """The bytes of an upload input; files are read (and base64 decoded) in a worker thread."""
    if isinstance(value, bytes):
        return _read_sync(value, field, limit, endpoint)
    return await anyio.to_thread.run_sync(_read_sync, value, field, limit, endpoint)


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
