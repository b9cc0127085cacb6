"""Media inputs of today's model endpoints: give each field the flavour its page documents (Part 2 §13.3).

A request Struct lists its image/audio fields in `__image_inputs__` (see `types._models`): a dotted path
(`image`, `images[]`, `input.img_url`, `subjects[].images[]`) → (flavour, byte limit). Before validation the
caller's values are turned into that flavour:

    value given            url            data_uri                      base64
    "https://..."          kept           kept                          refused (needs the bytes)
    "data:<type>/..."      refused        kept (size-checked)           prefix stripped
    other str (base64)     refused        wrapped as a typed data URI   kept (size-checked)
    Path / bytes           refused        read + encoded → data URI     read + encoded

A URL-only field refuses files because there is no upload that yields a URL for it: the caller must host
the file. Data URIs are typed from the magic bytes: images (`data:image/png;...`) and, for audio fields such
as GLM-ASR's `file`, audio (`data:audio/wav;...`); bytes that are neither are refused. Files are read and
encoded in one worker-thread call per request (never on the event loop). Containers on the way to a field
are copied, so the caller's dicts and lists are never modified.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from typing import Any

from .._errors import RequestValidationError
from .._files.inputs import read_input_sync, run_file_work, sniff_extension

__all__ = ("data_uri", "media_type", "prepare_inputs")

_URL_PREFIXES = ("https://", "http://")
_MEDIA_TYPES = {
    "png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif", "bmp": "image/bmp",
    "tiff": "image/tiff", "avif": "image/avif", "heic": "image/heic", "wav": "audio/wav", "mp3": "audio/mpeg",
    "flac": "audio/flac", "ogg": "audio/ogg", "m4a": "audio/mp4",
}  # fmt: skip


def media_type(head: bytes) -> str | None:
    """The MIME type of an image or audio file from its first bytes, or None when it is neither."""
    return _MEDIA_TYPES.get(sniff_extension(head) or "")


def data_uri(raw: bytes, field: str = "", endpoint: str = "") -> str:
    """`data:<type>;base64,<b64>` of an image or audio file's bytes (blocking for large files)."""
    kind = media_type(raw[:16])
    if kind is None:
        raise RequestValidationError("neither an image nor an audio file", endpoint=endpoint, field=field)
    return f"data:{kind};base64,{base64.b64encode(raw).decode('ascii')}"


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
                "this field takes the file itself (base64), not a URL: pass a Path or bytes",
                endpoint=endpoint,
                field=field,
            )
        return value
    if flavour == "url":
        raise RequestValidationError(
            "this field takes a public http(s) URL only (Part 2 §13.3); host the file first",
            endpoint=endpoint,
            field=field,
        )
    is_uri = value.startswith("data:")
    payload = value.partition(",")[2] if is_uri else value
    if _decoded_size(payload) > limit:
        raise RequestValidationError(
            f"larger than the {limit // (1024 * 1024)} MiB the API accepts", endpoint=endpoint, field=field
        )
    head = _head(payload, field, endpoint)
    if flavour == "base64":
        return payload
    if is_uri:
        return value
    kind = media_type(head)
    if kind is None:
        raise RequestValidationError("neither an image nor an audio file", endpoint=endpoint, field=field)
    return f"data:{kind};base64,{payload}"


def _convert_file(value: Any, flavour: str, limit: int, field: str, endpoint: str) -> str:
    if flavour == "base64":
        return base64.b64encode(read_input_sync(value, field, limit, endpoint)).decode("ascii")
    return data_uri(read_input_sync(value, field, limit, endpoint, image=False), field, endpoint)


def _places(container: Any, parts: list[str], prefix: str, out: list[tuple[Any, Any, str]]) -> None:
    """Collect (holder, key, display path) of the values at the dotted path `parts` (`[]` = every item).

    Every dict and list on the way is replaced by a copy in its parent, so conversion never touches the
    caller's objects.
    """
    if not parts or not isinstance(container, dict):
        return
    head, rest = parts[0], parts[1:]
    is_list = head.endswith("[]")
    key = head[:-2] if is_list else head
    value = container.get(key)
    if value is None:
        return
    if not is_list:
        if rest:
            if isinstance(value, Mapping):
                container[key] = dict(value)
                _places(container[key], rest, f"{prefix}{key}.", out)
        else:
            out.append((container, key, prefix + key))
        return
    if not isinstance(value, list | tuple):
        return  # validation reports the wrong type
    items = container[key] = list(value)
    for index, item in enumerate(items):
        path = f"{prefix}{key}[{index}]"
        if not rest:
            out.append((items, index, path))
        elif isinstance(item, Mapping):
            items[index] = dict(item)
            _places(items[index], rest, path + ".", out)


async def prepare_inputs(fields: dict[str, Any], specs: Mapping[str, tuple[str, int]], endpoint: str) -> None:
    """Convert, in place, every media value in `fields` to its documented flavour; refuse what cannot be sent."""
    pending: list[tuple[Any, Any, str, str, int]] = []
    for dotted, (flavour, limit) in specs.items():
        places: list[tuple[Any, Any, str]] = []
        _places(fields, dotted.split("."), "", places)
        for holder, key, path in places:
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

    for (holder, key, *_), converted in zip(pending, await run_file_work(convert_all), strict=True):
        holder[key] = converted
