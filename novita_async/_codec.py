"""JSON in and out: one reusable encoder, one cached decoder per response type.

Responses are decoded with `strict=False`, which accepts numbers sent as numeric strings
(`"image_url_ttl": "3600"`, reference §1.5), straight from bytes into Structs with no dict step.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from ._errors import APIResponseValidationError, RequestValidationError
from .types._base import ResponseStruct

__all__ = ("DECODE_ERRORS", "decode_response", "decoder_for", "encode")

T = TypeVar("T")

_encode = msgspec.json.Encoder().encode


def encode(obj: Any) -> bytes:
    """JSON for a request body; `RequestValidationError` for text that is not valid Unicode.

    A str holding a lone surrogate (`"\ud800"`, e.g. from a bad decode upstream) has no UTF-8 form, so
    it is bad input: refused here, before anything is sent, like every other validation failure.
    """
    try:
        return _encode(obj)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        error = RequestValidationError(f"text is not valid Unicode: {exc.reason} ({bad!r} at position {exc.start})")
    raise error


_decoders: dict[Any, msgspec.json.Decoder[Any]] = {}

DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, RecursionError)
"""What decoding bytes we did not write can raise: catch all three wherever such bytes are decoded.

`RecursionError` is msgspec's answer to deeply nested JSON (`[[[[...]]]]`), a hostile body like any other."""


def decoder_for(type_: Any) -> msgspec.json.Decoder[Any]:
    """The shared decoder for `type_` (built once: building one costs far more than using it)."""
    decoder = _decoders.get(type_)
    if decoder is None:
        decoder = _decoders[type_] = msgspec.json.Decoder(type_, strict=False)
    return decoder


def decode_response(body: bytes, type_: type[T], *, method: str, path: str, status: int) -> T:
    """Decode `body` into `type_`, or raise `APIResponseValidationError` naming what was wrong."""
    try:
        result: T = decoder_for(type_).decode(body)
    except DECODE_ERRORS as exc:
        message = "JSON nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        error = APIResponseValidationError(message, method=method, path=path, status_code=status, body=body[:2048])
    else:
        problem = result.answer_problem() if isinstance(result, ResponseStruct) else None
        if problem is None:
            return result
        error = APIResponseValidationError(problem, method=method, path=path, status_code=status, body=body[:2048])
    raise error  # outside the `except`: a RecursionError's thousands of frames are not chained to ours
