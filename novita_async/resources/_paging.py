"""Query building and cursor pagination shared by `/v3/model` and `/v3/training` (reference §7.5.4, §7.6.6).

Query keywords are the wire names (`filter.types`, `pagination.limit`, ...), passed as
`**{"filter.types": "lora"}`; the short aliases (`types=`, `limit=`) are the query Struct's attribute
names. Paging follows `pagination.next_cursor` verbatim (the cursor is opaque, §10) and stops when it
is empty or absent, when a page is shorter than the requested limit, or if a cursor repeats.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, TypeVar

import msgspec

from .._errors import RequestValidationError
from ..types._base import RequestStruct
from ._base import _validation_error

__all__ = ("build_query", "paginate")

Q = TypeVar("Q", bound=RequestStruct)
Page = TypeVar("Page")
Item = TypeVar("Item")


def build_query(query_type: type[Q], params: dict[str, Any], endpoint: str) -> dict[str, Any]:
    """Validate `params` (wire names or aliases; `None` = absent) into the wire query dict."""
    aliases = {f.name: f.encode_name for f in msgspec.structs.fields(query_type)}
    wire_names = set(aliases.values())
    wire: dict[str, Any] = {}
    for key, value in params.items():
        if value is None:
            continue
        name = aliases.get(key, key)
        if name not in wire_names:
            raise RequestValidationError(f"unknown query parameter {key!r}", endpoint=endpoint, field=key)
        if name in wire:
            raise TypeError(f"{endpoint}: {key!r} given twice (as {name!r} and its alias)")
        wire[name] = value
    try:
        built = msgspec.convert(wire, query_type)
    except msgspec.ValidationError as exc:
        raise _validation_error(exc, endpoint) from None
    return built.to_dict()


async def paginate(
    fetch: Callable[[dict[str, Any]], Awaitable[Page]],
    query: dict[str, Any],
    items: Callable[[Page], Sequence[Item]],
    next_cursor: Callable[[Page], str],
) -> AsyncIterator[Item]:
    """Yield every item of every page, starting from `query` (which may hold a starting cursor)."""
    limit = query.get("pagination.limit")
    seen: set[str] = set()
    while True:
        page = await fetch(query)
        batch = items(page)
        for item in batch:
            yield item
        cursor = next_cursor(page)
        if not cursor or cursor in seen or (limit is not None and len(batch) < int(limit)):
            return
        seen.add(cursor)
        query = {**query, "pagination.cursor": cursor}
