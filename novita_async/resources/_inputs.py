"""Image inputs of today's model endpoints: give each field the flavour its page documents (Part 2 §13.3).

A request Struct lists its image fields in `__image_inputs__` (see `types._models`). Before validation the
caller's values are turned into that flavour:

    value given            url            data_uri                    base64
    "https://..."          kept           kept                        refused (needs the bytes)
    "data:image/..."       refused        kept (size-checked)         prefix stripped
    other str (base64)     refused        wrapped as a data URI       kept (size-checked)
    Path / bytes           refused        read + encoded → data URI   read + encoded

A URL-only field refuses files because there is no upload that yields a URL for it: the caller must host
the image. Files are read and encoded in one worker-thread call per request (never on the event loop).
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from typing import Any

import anyio.to_thread

from .._errors import RequestValidationError
from .._files import read_input_sync

__all__ = ("data_uri", "image_format", "prepare_inputs")

_URL_PREFIXES = ("https://", "http://")
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)


def image_format(head: bytes) -> str:
    """The image format from the first bytes of a file (`png` when unrecognised)."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    return "png"


def data_uri(raw: bytes) -> str:
    """`data:image/<fmt>;base64,<b64>` of an image file's bytes (blocking for large files)."""
    return f"data:image/{image_format(raw[:16])};base64,{base64.b64encode(raw).decode('ascii')}"


def _decoded_size(text: str) -> int:
    return len(text) * 3 // 4 - text.endswith("=") - text.endswith("==")


def _head(text: str, field: str, endpoint: str) -> bytes:
    """The first decoded bytes of a base64 string; a non-base64 string (a file name?) is refused."""
    try:
        return base64.b64decode(text[:24], validate=True)
    except (binascii.Error, ValueError):
        raise RequestValidationError(
            "neither a URL nor base64 (to send a file, pass a pathlib.Path or bytes)", endpoint=endpoint, field=field
        ) from None


def _convert_str(value: str, flavour: str, limit: int, field: str, endpoint: str) -> str:
    if value.startswith(_URL_PREFIXES):
        if flavour == "base64":
            raise RequestValidationError(
                "this field takes the image itself (base64), not a URL: pass a Path or bytes",
                endpoint=endpoint,
                field=field,
            )
        return value
    if flavour == "url":
        raise RequestValidationError(
            "this field takes a public http(s) URL only (Part 2 §13.3); host the image first",
            endpoint=endpoint,
            field=field,
        )
    is_uri = value.startswith("data:")
    payload = value.partition(",")[2] if is_uri else value
    if _decoded_size(payload) > limit:
        raise RequestValidationError(
            f"image is larger than the {limit // (1024 * 1024)} MiB the API accepts", endpoint=endpoint, field=field
        )
    head = _head(payload, field, endpoint)
    if flavour == "base64":
        return payload
    return value if is_uri else f"data:image/{image_format(head)};base64,{payload}"


def _convert_file(value: Any, flavour: str, limit: int, field: str, endpoint: str) -> str:
    raw = read_input_sync(value, field, limit, endpoint)
    if flavour == "base64":
        return base64.b64encode(raw).decode("ascii")
    return data_uri(raw)


def _places(fields: dict[str, Any], dotted: str) -> list[tuple[Any, Any, str]]:
    """(holder, key, display path) of the values at `name` or `name[]` (top level: flat bodies)."""
    is_list = dotted.endswith("[]")
    key = dotted[:-2] if is_list else dotted
    if key not in fields or fields[key] is None:
        return []
    value = fields[key]
    if not is_list:
        return [(fields, key, key)]
    if not isinstance(value, list):
        return []  # validation reports the wrong type
    items = list(value)
    fields[key] = items  # a copy: the caller's list is never modified
    return [(items, index, f"{key}[{index}]") for index in range(len(items))]


async def prepare_inputs(
    fields: dict[str, Any], specs: Mapping[str, tuple[str, int]], endpoint: str
) -> None:
    """Convert, in place, every image in `fields` to its documented flavour; refuse what cannot be sent."""
    pending: list[tuple[Any, Any, str, str, int]] = []
    for dotted, (flavour, limit) in specs.items():
        for holder, key, path in _places(fields, dotted):
            value = holder[key]
            if isinstance(value, str):
                holder[key] = _convert_str(value, flavour, limit, path, endpoint)
            elif isinstance(value, bytes | bytearray | memoryview | os.PathLike):
                if flavour == "url":
                    raise RequestValidationError(
                        "this field takes a public http(s) URL only (Part 2 §13.3); a file cannot be sent here",
                        endpoint=endpoint,
                        field=path,
                    )
                pending.append((holder, key, path, flavour, limit))
    if not pending:
        return

    def convert_all() -> list[str]:
        return [_convert_file(h[k], flavour, limit, path, endpoint) for h, k, path, flavour, limit in pending]

    for (holder, key, *_), converted in zip(pending, await anyio.to_thread.run_sync(convert_all), strict=True):
        holder[key] = converted
