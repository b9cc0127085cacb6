"""Base classes every wire type derives from.

Requests and responses follow opposite rules, because they fail in opposite ways:

* A **request** is checked before credits are spent, so it is strict: keyword-only, unknown fields are a
  typo and therefore an error (`forbid_unknown_fields`), and optional fields default to `UNSET` so they are
  *omitted* from the JSON instead of being sent as `null` (`omit_defaults`).
* A **response** comes from a service that evolves without asking us, so it is tolerant: unknown fields are
  skipped cheaply and every field has a default. Responses are decoded with `strict=False` (see `_codec`),
  which accepts numbers sent as numeric strings (`"image_url_ttl": "3600"`, reference §1.5).
"""

from __future__ import annotations

import enum
import math
from typing import Any, ClassVar, TypeVar

import msgspec

E = TypeVar("E", bound=enum.Enum)

__all__ = ("MiB", "RequestStruct", "ResponseStruct")

MiB = 1024 * 1024
"""One mebibyte, the unit of the size limits in `RequestStruct.__image_fields__`."""

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
"""The range of every integer a request may carry: msgspec would encode a larger one, the API cannot read it."""

MAX_MODEL_NAME_LENGTH = 512
"""Model names are file-like names (`sd_xl_base_1.0.safetensors`); an empty or longer one is a mistake."""


class RequestStruct(msgspec.Struct, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    """A request body (or the inner `request` object of a wrapped v3 body).

    `__image_fields__` maps the dotted path of every field that carries a base64 image (`[]` marks a list)
    to the largest decoded size the API accepts, in bytes. The resource layer uses it to turn paths and
    bytes passed by the caller into base64 off the event loop, and to refuse oversized images before
    anything is sent.
    """

    __image_fields__: ClassVar[dict[str, int]] = {}

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict this request encodes to (unset fields left out)."""
        result: dict[str, Any] = msgspec.to_builtins(self)
        return result


class ResponseStruct(msgspec.Struct, kw_only=True):
    """A decoded response: tolerant of unknown fields; every field has a default."""

    def answer_problem(self) -> str | None:
        """Why this decoded *answer* is unusable although it parsed (None when it is fine).

        Every field has a default, so `{}` or an error object sent with HTTP 200 decodes into an empty
        Struct; a type whose answer must carry something (a task result, its status) says so here and
        `_codec.decode_response` turns it into `APIResponseValidationError`.
        """
        return None


def enum_or_none(enum_type: type[E], value: object) -> E | None:
    """`value` as a member of `enum_type`, or None for a value the service added after this client.

    Status fields are decoded as plain strings/ints so that an unknown status never fails decoding;
    this is the one place that maps them to the enum.
    """
    try:
        return enum_type(value)
    except ValueError:
        return None


def number_violation(data: Any) -> tuple[str, str] | None:
    """(JSON path, why) of the first number in `data` (builtins) that JSON cannot carry to the API, or None.

    One rule for every request type, including fields typed plain `int` or `float`: an integer outside the
    signed 64-bit range reaches the wire (msgspec encodes big integers) and the server answers with an error
    or a silent wrap-around; a NaN or infinity is sent as `null`. Iterative, so any depth is fine.
    """
    if not _has_bad_number(data):  # the common case, found without building a path per value
        return None
    todo: list[tuple[str, Any]] = [("$", data)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, float):
            if not math.isfinite(value):
                return path, f"{value!r} is not a finite number"
        elif isinstance(value, int) and not isinstance(value, bool):
            if not INT64_MIN <= value <= INT64_MAX:
                return path, "integer out of the signed 64-bit range"
        elif isinstance(value, dict):
            todo.extend((f"{path}.{k}", v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            todo.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    return None


def _has_bad_number(data: Any) -> bool:
    """Whether `number_violation` may find something: a scan of exact builtins, without paths. Any other
    type (a subclass) answers True, so the full walk decides; the full walk is the rule."""
    todo: list[Any] = [data if type(data) is dict or type(data) is list else [data]]
    while todo:
        container = todo.pop()
        for value in container.values() if type(container) is dict else container:
            kind = type(value)
            if kind is str or kind is bool or value is None:
                continue
            if kind is int:
                if not INT64_MIN <= value <= INT64_MAX:
                    return True
            elif kind is float:
                if not math.isfinite(value):
                    return True
            elif kind is dict or kind is list:
                todo.append(value)
            else:
                return True
    return False
