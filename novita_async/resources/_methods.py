"""Method factories for the Part 2 endpoints: one line per endpoint instead of one copied body each.

Part 2 has dozens of endpoints that differ only in path and request type (novita-api-2026.md §16, §17).
`task_method(path, Request)` builds the same method the hand-written ones are: keyword arguments are the
wire fields (or pass a request Struct), validated client-side, media inputs turned into the documented
flavour off the event loop, and an async submit returning a tracked `Task`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from ..types._base import RequestStruct
from ..types.tasks import TaskResult
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._polling import Task
    from .._session import RequestOptions
    from ..types._part2 import TaskExtra

__all__ = ("TaskMethod", "task_method")

Req = TypeVar("Req", bound=RequestStruct)
TaskMethod = Callable[..., Coroutine[Any, Any, "Task[TaskResult]"]]


def task_method(path: str, request_type: type[Req], summary: str, *, outputs: str = "videos") -> TaskMethod:
    """An async-task method for `POST path` taking `request_type`'s fields."""

    async def method(
        self: AsyncResource,
        request: Req | None = None,
        /,
        *,
        extra: TaskExtra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        extra_dict: dict[str, Any] | None = None if extra is None else msgspec.to_builtins(extra)
        return await self._submit_v3(
            path, request_type, request, fields, extra=extra_dict, options=options, deadline=deadline
        )

    method.__doc__ = (
        f"`POST {path}` ({summary}); fields of `{request_type.__name__}`. Returns a `Task` whose result "
        f"carries `{outputs}[]`. `extra={{'webhook': {{...}}}}` is optional (§14.5)."
    )
    method.__qualname__ = method.__name__ = path.rsplit("/", 1)[-1].replace("-", "_").replace(".", "")
    return method
