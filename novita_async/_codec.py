"""JSON in and out: one reusable encoder, one cached decoder per response type.

Responses are decoded with `strict=False`, which accepts numbers sent as numeric strings
(`"image_url_ttl": "3600"`, reference §1.5), straight from bytes into Structs with no dict step.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from ._errors import APIResponseValidationError

__all__ = ("decode_response", "decoder_for", "encode")

T = TypeVar("T")

_encoder = msgspec.json.Encoder()
encode = _encoder.encode


_decoders: dict[Any, msgspec.json.Decoder[Any]] = {}


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
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise APIResponseValidationError(
            str(exc), method=method, path=path, status_code=status, body=body[:2048]
        ) from None
    return result
