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
from typing import Any, ClassVar, TypeVar

import msgspec

E = TypeVar("E", bound=enum.Enum)

__all__ = ("MiB", "RequestStruct", "ResponseStruct")

MiB = 1024 * 1024
"""One mebibyte, the unit of the size limits in `RequestStruct.__image_fields__`."""


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


def enum_or_none(enum_type: type[E], value: object) -> E | None:
    """`value` as a member of `enum_type`, or None for a value the service added after this client.

    Status fields are decoded as plain strings/ints so that an unknown status never fails decoding;
    this is the one place that maps them to the enum.
    """
    try:
        return enum_type(value)
    except ValueError:
        return None
