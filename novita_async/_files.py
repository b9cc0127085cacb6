"""Image inputs: a path, bytes, or an already-encoded string become the base64 the API wants.

Reading and encoding a 30 MB image takes tens of milliseconds, so it runs in a worker thread, never on the
event loop. Sizes are checked against the API's documented limits before anything is sent.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from typing import Any

import anyio.to_thread

from ._errors import RequestValidationError

__all__ = ("ImageInput", "encode_image", "prepare_images", "read_input_sync", "sniff_mime")

ImageInput = str | bytes | bytearray | memoryview | os.PathLike[str]
"""What an image parameter accepts: a path (`pathlib.Path`), raw bytes, or a base64 string.

A plain `str` is always taken as base64 (optionally as a `data:...;base64,` URL), never as a file name:
pass a `pathlib.Path` to read a file.
"""


def _encoded_size(text: str) -> int:
    """Decoded byte size of a base64 string (ignoring a data-URL prefix), without decoding it."""
    if text.startswith("data:"):
        text = text.partition(",")[2]
    length = len(text)
    return length * 3 // 4 - text.endswith("=") - text.endswith("==")


def read_input_sync(value: ImageInput, field: str, limit: int, endpoint: str) -> bytes:
    """The bytes of a path, bytes or base64 string (blocking: call it in a worker thread), size-checked.

    Shared by request images (re-encoded to base64) and uploads (sent raw), so both refuse the same inputs
    with the same messages.
    """
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
    if len(raw) > limit:
        raise RequestValidationError(
            f"larger than the {limit // (1024 * 1024)} MiB the API accepts", endpoint=endpoint, field=field
        )
    return raw


def _encode_sync(value: Any, field: str, limit: int, endpoint: str, data_uri: bool = False) -> str:
    raw = read_input_sync(value, field, limit, endpoint)
    encoded = base64.b64encode(raw).decode("ascii")
    return f"data:{sniff_mime(raw)};base64,{encoded}" if data_uri else encoded


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
    (b"BM", "image/bmp"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"), (b"ID3", "audio/mpeg"),
    (b"fLaC", "audio/flac"), (b"OggS", "audio/ogg"),
)  # fmt: skip


def sniff_mime(data: bytes) -> str:
    """The content type of image/audio/video bytes from their magic numbers (for `data:` URIs)."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF":
        return {b"WEBP": "image/webp", b"WAVE": "audio/wav"}.get(data[8:12], "application/octet-stream")
    if data[4:8] == b"ftyp":
        return "audio/mp4" if data[8:11] == b"M4A" else "video/mp4"
    if len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0:  # an MPEG audio frame without ID3
        return "audio/mpeg"
    return "application/octet-stream"


def _is_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))


def _as_data_uri(text: str) -> str:
    """A bare base64 string as a data URI, typed from its first decoded bytes (no full decode)."""
    head = base64.b64decode(text[:24], validate=False) if len(text) >= 24 else b""
    return f"data:{sniff_mime(head)};base64,{text}"


async def encode_image(value: ImageInput, *, limit: int = 30 * 1024 * 1024, field: str = "image") -> str:
    """Base64 of an image given as a path, bytes or base64 string, encoded in a worker thread."""
    if isinstance(value, str):
        if _encoded_size(value) > limit:
            raise RequestValidationError(f"image is larger than {limit} bytes", field=field)
        return value
    return await anyio.to_thread.run_sync(_encode_sync, value, field, limit, "")


def _check_base64(text: str, field: str, limit: int, endpoint: str) -> None:
    if _encoded_size(text) > limit:
        raise RequestValidationError(
            f"image is larger than the {limit // (1024 * 1024)} MiB the API accepts",
            endpoint=endpoint,
            field=field,
        )
    body = text.partition(",")[2] if text.startswith("data:") else text
    if len(body) < 4096:  # cheap sanity check on small strings: catches a file name passed as a str
        try:
            base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            raise RequestValidationError(
                "not base64 (to send a file, pass a pathlib.Path or bytes)", endpoint=endpoint, field=field
            ) from None


def _walk(container: Any, parts: list[str], field: str, limit: int, endpoint: str, out: list[Any]) -> None:
    """Collect (holder, key, path) of every image value at the dotted path `parts`."""
    if not parts or container is None:
        return
    head, rest = parts[0], parts[1:]
    is_list = head.endswith("[]")
    key = head[:-2] if is_list else head
    if not isinstance(container, Mapping) or key not in container:
        return
    value = container[key]
    if is_list:
        if not isinstance(value, list):
            return
        for index, item in enumerate(value):
            path = f"{field}{key}[{index}]"
            if rest:
                _walk(item, rest, path + ".", limit, endpoint, out)
            else:
                out.append((value, index, path))
    elif rest:
        _walk(value, rest, f"{field}{key}.", limit, endpoint, out)
    else:
        out.append((container, key, field + key))


async def prepare_images(
    fields: dict[str, Any],
    image_fields: Mapping[str, int],
    endpoint: str,
    flavours: Mapping[str, str] | None = None,
) -> None:
    """Replace, in place, every path/bytes image in `fields` with base64; check every image's size.

    `flavours` (dotted path → `types._base.InputFlavour`) marks fields that are not bare base64: URLs pass
    through, files become `data:` URIs, and URL-only fields refuse files (Part 2 reference §13.3).
    Runs the file reading and encoding in one worker-thread call per request, so a request with many
    images costs one thread hop.
    """
    flavours = flavours or {}
    found: list[tuple[Any, Any, str, int, str]] = []
    for dotted, limit in image_fields.items():
        places: list[Any] = []
        _walk(fields, dotted.split("."), "", limit, endpoint, places)
        flavour = flavours.get(dotted, "base64")
        found.extend((holder, key, path, limit, flavour) for holder, key, path in places)
    pending = []
    for holder, key, path, limit, flavour in found:
        value = holder[key]
        if flavour == "url" and not (isinstance(value, str) and _is_url(value)):
            raise RequestValidationError(
                "takes a public http(s) URL only (reference §13.3): host the file and pass its URL",
                endpoint=endpoint,
                field=path,
            )
        if isinstance(value, str):
            if flavour == "base64" or not _is_url(value):
                _check_base64(value, path, limit, endpoint)
                if flavour == "url_or_data_uri" and not value.startswith("data:"):
                    holder[key] = _as_data_uri(value)
        elif isinstance(value, bytes | bytearray | memoryview | os.PathLike):
            pending.append((holder, key, path, limit, flavour == "url_or_data_uri"))
    if not pending:
        return

    def encode_all() -> list[str]:
        return [_encode_sync(h[k], p, lim, endpoint, uri) for h, k, p, lim, uri in pending]

    for (holder, key, *_), encoded in zip(pending, await anyio.to_thread.run_sync(encode_all), strict=True):
        holder[key] = encoded
