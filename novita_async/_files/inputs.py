"""Files in: a path, bytes, or an already-encoded string become the bytes or base64 the API wants.

Why each rule:
* Reading and encoding a 30 MB image takes tens of milliseconds, so it runs in a worker thread, never on
  the event loop; so does validating a large base64 string (decoding 5 MB is milliseconds too).
* A path is opened with `O_NONBLOCK` and checked with `fstat` before a byte is read: a FIFO or a device
  would otherwise block a worker thread forever (and a FIFO cannot be `stat`-then-opened race-free).
* Images are recognised by their magic bytes (PNG, JPEG, WEBP, GIF, BMP, TIFF, AVIF/HEIC): a text file,
  an HTML error page or a truncated download is refused with a clear `RequestValidationError` before
  anything is sent (and paid for).
* A plain `str` is always base64 (optionally a `data:...;base64,` URL), never a file name; every one is
  validated, whatever its length.
* Worker threads still share the GIL with the event loop, and `binascii` holds it for a whole call (10 ms
  for 5 MB): forty such threads at once left the loop waiting hundreds of milliseconds. So heavy file work
  runs in at most `FILE_WORK_THREADS` threads (`run_file_work`), and base64 is encoded and checked in
  1 MiB steps, each a short hold of the GIL.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import anyio.to_thread
import msgspec
from anyio.lowlevel import RunVar

from .._constants import FILE_WORK_THREADS
from .._errors import RequestValidationError

__all__ = (
    "IMAGE_FORMATS",
    "ImageInput",
    "MediaInput",
    "encode_image",
    "image_chars",
    "image_extension",
    "prepare_images",
    "read_input_sync",
    "read_media",
    "run_file_work",
    "sniff_extension",
)

ImageInput = str | bytes | bytearray | memoryview | os.PathLike[str]
"""What an image parameter accepts: a path (`pathlib.Path`), raw bytes, or a base64 string.

A plain `str` is always taken as base64 (optionally as a `data:...;base64,` URL), never as a file name:
pass a `pathlib.Path` to read a file.
"""

MediaInput = ImageInput
"""A `pathlib.Path` (read in a worker thread), raw bytes, or a base64 string (a `data:` URL is fine)."""

IMAGE_FORMATS = ("png", "jpeg", "webp", "gif", "bmp", "tiff", "avif", "heic")
"""Image formats recognised by their magic bytes (`sniff_extension`)."""

# Strings (and bytes) below this size are checked on the event loop: a thread hop costs more.
_INLINE_LIMIT = 64 * 1024
# base64 work per GIL hold: 1 MiB of input (a whole number of 3-byte / 4-character quanta).
_STEP = 3 * 4 * 87_381
_LIMITER: RunVar[anyio.CapacityLimiter] = RunVar("novita_async_file_work")

T = TypeVar("T")


async def run_file_work(func: Callable[..., T], *args: Any) -> T:
    """Run CPU-heavy file work (read, base64, JSON of large bodies) in one of few worker threads."""
    try:
        limiter = _LIMITER.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(FILE_WORK_THREADS)
        _LIMITER.set(limiter)
    return await anyio.to_thread.run_sync(func, *args, limiter=limiter)


def b64encode_text(raw: bytes | bytearray | memoryview) -> str:
    """`base64.b64encode(raw).decode()` in steps, so the GIL is released between them."""
    view = memoryview(raw).cast("B")
    step = _STEP // 4 * 3
    return "".join(
        binascii.b2a_base64(view[i : i + step], newline=False).decode("ascii") for i in range(0, len(view), step)
    )


def _b64decode_strict(text: str) -> bytes:
    """`base64.b64decode(text, validate=True)` in steps; raises `binascii.Error` on any bad character."""
    if len(text) <= _STEP:
        return base64.b64decode(text, validate=True)
    if len(text) % 4:
        raise binascii.Error("incorrect padding")
    return b"".join(base64.b64decode(text[i : i + _STEP], validate=True) for i in range(0, len(text), _STEP))


def sniff_extension(data: bytes | bytearray | memoryview) -> str | None:
    """The file type of `data` from its first bytes (images, video, audio), or None when unknown.

    One table for inputs (refusing what is not an image) and outputs (naming a saved file).
    """
    head = bytes(data[:16])
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"BM") and len(data) > 26:
        return "bmp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "avif"
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
            return "heic"
        if brand == b"qt  ":
            return "mov"
        if brand.startswith(b"M4A"):
            return "m4a"
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"OggS"):
        return "ogg"
    return None


def _require_image(raw: bytes | bytearray | memoryview, field: str, endpoint: str) -> None:
    if sniff_extension(raw) not in IMAGE_FORMATS:
        raise RequestValidationError(
            f"not an image: the bytes do not start like any of {', '.join(IMAGE_FORMATS).upper()}",
            endpoint=endpoint,
            field=field,
        )


def _base64_body(text: str) -> str:
    return text.partition(",")[2] if text.startswith("data:") else text


def _encoded_size(text: str) -> int:
    """Decoded byte size of a base64 string (ignoring a data-URL prefix), without decoding it."""
    text = _base64_body(text)
    return len(text) * 3 // 4 - text.endswith("=") - text.endswith("==")


def _too_large(limit: int, field: str, endpoint: str) -> RequestValidationError:
    return RequestValidationError(
        f"larger than the {limit // (1024 * 1024)} MiB the API accepts", endpoint=endpoint, field=field
    )


def _read_file(path: os.PathLike[str], field: str, limit: int, endpoint: str) -> bytes:
    """A regular file's bytes (blocking). Opened non-blocking and `fstat`ed first: FIFOs/devices refused."""
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise RequestValidationError(f"cannot read {name!r}: {exc.strerror}", endpoint=endpoint, field=field) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RequestValidationError(
                f"{name!r} is not a regular file (a FIFO, device or directory cannot be sent)",
                endpoint=endpoint,
                field=field,
            )
        if info.st_size > limit:
            raise _too_large(limit, field, endpoint)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        raise RequestValidationError(f"cannot read {name!r}: {exc.strerror}", endpoint=endpoint, field=field) from None
    finally:
        os.close(fd)


def _decode_base64(text: str, field: str, endpoint: str) -> bytes:
    try:
        return _b64decode_strict(_base64_body(text))
    except (binascii.Error, ValueError):
        raise RequestValidationError(
            "not base64 (to send a file, pass a pathlib.Path or bytes)", endpoint=endpoint, field=field
        ) from None


def read_input_sync(
    value: ImageInput, field: str, limit: int, endpoint: str, *, image: bool = True
) -> bytes:
    """The bytes of a path, bytes or base64 string (blocking: call it in a worker thread), checked.

    Shared by request images (re-encoded to base64) and uploads (sent raw), so both refuse the same inputs
    with the same messages. `image=True` also requires image magic bytes.
    """
    if isinstance(value, os.PathLike):
        raw = _read_file(value, field, limit, endpoint)
    elif isinstance(value, str):
        if _encoded_size(value) > limit:
            raise _too_large(limit, field, endpoint)
        raw = _decode_base64(value, field, endpoint)
    elif isinstance(value, bytes | bytearray | memoryview):
        raw = bytes(value)
    else:
        raise RequestValidationError(
            f"cannot send a {type(value).__name__}: pass a pathlib.Path, bytes or a base64 str",
            endpoint=endpoint,
            field=field,
        )
    if len(raw) > limit:
        raise _too_large(limit, field, endpoint)
    if image and raw:
        _require_image(raw, field, endpoint)
    return raw


def _check_base64_sync(text: str, field: str, limit: int, endpoint: str) -> None:
    """Validate a base64 image string as sent (blocking for large strings: call those in a thread)."""
    if _encoded_size(text) > limit:
        raise _too_large(limit, field, endpoint)
    _require_image(_decode_base64(text, field, endpoint), field, endpoint)


def _encode_sync(value: Any, field: str, limit: int, endpoint: str) -> str:
    if isinstance(value, str):
        _check_base64_sync(value, field, limit, endpoint)
        return value
    raw = read_input_sync(value, field, limit, endpoint)
    if not raw:
        raise RequestValidationError("empty image", endpoint=endpoint, field=field)
    return b64encode_text(raw)


def _cheap(value: Any) -> bool:
    """Whether checking/encoding `value` is quick enough to do on the event loop."""
    return isinstance(value, str | bytes | bytearray | memoryview) and len(value) < _INLINE_LIMIT


async def encode_image(value: ImageInput, *, limit: int = 30 * 1024 * 1024, field: str = "image") -> str:
    """Base64 of an image given as a path, bytes or base64 string, checked (and encoded) in a worker thread."""
    if _cheap(value):
        return _encode_sync(value, field, limit, "")
    return await run_file_work(_encode_sync, value, field, limit, "")


async def read_media(value: MediaInput, *, field: str, limit: int, endpoint: str, image: bool = True) -> bytes:
    """The bytes of an upload input, checked; files are read (and base64 decoded) in a worker thread."""
    if _cheap(value):
        raw = read_input_sync(value, field, limit, endpoint, image=image)
    else:
        raw = await run_file_work(lambda: read_input_sync(value, field, limit, endpoint, image=image))
    if not raw:
        raise RequestValidationError("empty upload", endpoint=endpoint, field=field)
    return raw


def image_extension(data: bytes, hint: object = None) -> str:
    """`png`, `jpeg` or `webp` from the magic bytes (falling back to a path's suffix), else `png`."""
    sniffed = sniff_extension(data)
    if sniffed in ("png", "jpeg", "webp"):
        return sniffed
    if isinstance(hint, os.PathLike):
        suffix = str(os.fspath(hint)).rpartition(".")[2].lower()
        if suffix in ("png", "webp"):
            return suffix
        if suffix in ("jpg", "jpeg"):
            return "jpeg"
    return "png"


def _walk(container: Any, parts: list[str], field: str, out: list[tuple[Any, Any, str]]) -> None:
    """Collect (holder, key, path) of every image value at the dotted path `parts`."""
    if not parts or container is None:
        return
    head, rest = parts[0], parts[1:]
    is_list = head.endswith("[]")
    key = head[:-2] if is_list else head
    if isinstance(container, msgspec.Struct):
        value = getattr(container, key, None)
        if value is None:
            return
    elif isinstance(container, Mapping) and key in container:
        value = container[key]
    else:
        return
    if is_list:
        if not isinstance(value, list):
            return
        for index, item in enumerate(value):
            path = f"{field}{key}[{index}]"
            if rest:
                _walk(item, rest, path + ".", out)
            else:
                out.append((value, index, path))
    elif rest:
        _walk(value, rest, f"{field}{key}.", out)
    else:
        out.append((container, key, field + key))


async def prepare_images(fields: dict[str, Any], image_fields: Mapping[str, int], endpoint: str) -> int:
    """Replace, in place, every path/bytes image in `fields` with base64; check every image. Returns the size.

    Every image is checked (size, base64, magic bytes) before anything is sent. Small strings are checked
    on the loop; files, bytes and large strings in one worker-thread call per request, so a request with
    many images costs one thread hop. The returned total (characters of base64) tells the caller whether
    encoding the body is worth a thread too.
    """
    found: list[tuple[Any, Any, str, int]] = []
    for dotted, limit in image_fields.items():
        places: list[tuple[Any, Any, str]] = []
        _walk(fields, dotted.split("."), "", places)
        found.extend((holder, key, path, limit) for holder, key, path in places)
    pending = []
    for holder, key, path, limit in found:
        value = holder[key]
        if isinstance(value, str) and len(value) < _INLINE_LIMIT:
            _check_base64_sync(value, path, limit, endpoint)
        elif isinstance(value, str | bytes | bytearray | memoryview | os.PathLike):
            pending.append((holder, key, path, limit))
    if pending:

        def encode_all() -> list[str]:
            return [_encode_sync(h[k], p, lim, endpoint) for h, k, p, lim in pending]

        encoded = await run_file_work(encode_all)
        for (holder, key, _, _), text in zip(pending, encoded, strict=True):
            holder[key] = text
    return sum(len(h[k]) for h, k, _, _ in found if isinstance(h[k], str))


def image_chars(request: Any, image_fields: Mapping[str, int]) -> int:
    """Characters of base64 image data in a built request (a Struct or dict): is its JSON worth a thread?"""
    places: list[tuple[Any, Any, str]] = []
    for dotted in image_fields:
        _walk(request, dotted.split("."), "", places)
    total = 0
    for holder, key, _ in places:
        value = getattr(holder, key, None) if isinstance(holder, msgspec.Struct) else holder[key]
        if isinstance(value, str):
            total += len(value)
    return total
