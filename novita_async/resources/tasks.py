"""`client.tasks`: read task results directly, and resume tracking of tasks by id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

from ..types.progress_v2 import ProgressData
from ..types.tasks import TaskResult
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("Tasks",)

TaskKind = Literal["v3", "v2", "v2-enterprise", "training-subject", "training-style"]


class Tasks(AsyncResource):
    """Task results and handles; `submit` for async endpoints this client has no typed method for."""

    async def submit(
        self, path: str, body: Any, *, options: RequestOptions | None = None, deadline: float | None = None
    ) -> Task[TaskResult]:
        """Submit `body` to any async endpoint (`/v3/async/<model released tomorrow>`) and track the task.

        The escape hatch: the body is sent as given (a dict or a Struct; no client-side validation), through
        the same paid-submit path as the typed methods: the rate controller, retries only when the request
        provably never left (or 429/503), `SubmitOutcomeUnknownError` when its outcome is ambiguous, the
        task id logged the moment it exists, the shared poller and `deadline`. The answer must carry a
        `task_id`; the result is a `TaskResult` with `images`, `videos` or `audios`.
        """
        from ._raw import RawCalls

        return await RawCalls(self._client).submit(path, body, options=options, deadline=deadline)

    async def get(self, task_id: str, *, options: RequestOptions | None = None) -> TaskResult:
        """`GET /v3/async/task-result` once (§3.2), with the client's retry policy for reads."""
        return await self._get(
            "/v3/async/task-result", TaskResult, params={"task_id": task_id}, options=options
        )

    async def progress(
        self, task_id: str, *, enterprise: bool = False, options: RequestOptions | None = None
    ) -> ProgressData:
        """`GET /v2/progress` (or `/v2/enterprise/progress`) once (§3.1)."""
        path = "/v2/enterprise/progress" if enterprise else "/v2/progress"
        return await self._get(path, ProgressData, params={"task_id": task_id}, v2=True, options=options)

    @overload
    def attach(
        self, task_id: str, kind: Literal["v3"] = "v3", *, deadline: float | None = None
    ) -> Task[TaskResult]: ...

    @overload
    def attach(self, task_id: str, kind: TaskKind, *, deadline: float | None = None) -> Task[Any]: ...

    def attach(self, task_id: str, kind: TaskKind = "v3", *, deadline: float | None = None) -> Task[Any]:
        """Resume tracking a task submitted elsewhere (another process, an earlier run, a lost handle).

        `kind` names its status endpoint: `v3` (default), `v2`, `v2-enterprise`, `training-subject`,
        `training-style`. `deadline` is in seconds from now (default: the client's `task_deadline`).
        """
        return self._client._track(task_id, kind, endpoint="attach", deadline=deadline)
