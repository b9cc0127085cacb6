"""How each task protocol is polled and read (reference §3, §7.6).

A backend knows one status endpoint: the path it polls, how to decode the answer, and how to express it
as a `TaskUpdate`. The poller knows nothing else about the wire.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

from ..types.progress_v2 import ProgressData
from ..types.tasks import TaskResult
from ..types.training import TrainingStatus
from ._status import TaskStatus, TaskUpdate

__all__ = (
    "TRAINING_STYLE",
    "TRAINING_SUBJECT",
    "V2",
    "V2_ENTERPRISE",
    "V3",
    "Poll",
    "TaskBackend",
    "TrainingBackend",
    "V2Backend",
    "V3Backend",
)

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Poll(Protocol):
    """The client's one-shot GET used for polling (no retries: the poller reschedules instead)."""

    async def __call__(
        self, path: str, params: dict[str, str], cast: type[Any], *, v2: bool = False
    ) -> Any: ...


class TaskBackend(Protocol, Generic[R_co]):
    """A status endpoint. `kind` names it in handles, logs and the batch journal."""

    kind: str
    family: str

    async def fetch(self, poll: Poll, task_id: str) -> TaskUpdate: ...


_V3_STATUS = {
    "TASK_STATUS_QUEUED": TaskStatus.QUEUED,
    "TASK_STATUS_PROCESSING": TaskStatus.PROCESSING,
    "TASK_STATUS_SUCCEED": TaskStatus.SUCCEEDED,
    "TASK_STATUS_FAILED": TaskStatus.FAILED,
}


def _positive(value: float | int | None) -> float | None:
    return float(value) if value else None


def _span(start_ms: int | None, end_ms: int | None) -> float | None:
    """Seconds between two epoch-millisecond stamps, if both are there and in order."""
    if not start_ms or not end_ms or end_ms < start_ms:
        return None
    return (end_ms - start_ms) / 1000.0


def _stamps(
    submit_ms: int | None, execute_ms: int | None, end_ms: int | None
) -> tuple[float | None, float | None]:
    """(seconds queued, seconds processing) from `debug_info`; processing counts from submit when the
    start is not stamped."""
    queued = _span(submit_ms, execute_ms)
    if queued is None:
        return None, _span(submit_ms, end_ms)
    return queued, _span(execute_ms, end_ms)


class V3Backend:
    """`GET /v3/async/task-result` (reference §3.2)."""

    kind = "v3"
    family = "task-result"

    async def fetch(self, poll: Poll, task_id: str) -> TaskUpdate:
        result: TaskResult = await poll("/v3/async/task-result", {"task_id": task_id}, TaskResult)
        return self.update_from(task_id, result)

    def update_from(self, task_id: str, result: TaskResult) -> TaskUpdate:
        """Express a task-result body as an update: a polled answer, or a webhook's `payload` (§3.3)."""
        task = result.task
        status = _V3_STATUS.get(task.status, TaskStatus.UNKNOWN)
        debug = result.extra.debug_info
        if debug is not None:
            queued, duration = _stamps(debug.submit_time_ms, debug.execute_time_ms, debug.complete_time_ms)
        else:
            queued = duration = None
        return TaskUpdate(
            task_id=task_id,
            status=status,
            progress_percent=_positive(task.progress_percent),
            eta=_positive(task.eta),
            reason=task.reason,
            result=result,
            server_duration=duration if status.terminal else None,
            queued_for=queued,
        )


_V2_STATUS = {0: TaskStatus.QUEUED, 1: TaskStatus.PROCESSING, 2: TaskStatus.SUCCEEDED}


class V2Backend:
    """`GET /v2/progress` or its enterprise twin (reference §3.1): statuses 0, 1, then 2/3/4."""

    family = "progress"

    def __init__(self, *, enterprise: bool = False) -> None:
        self.enterprise = enterprise
        self.kind = "v2-enterprise" if enterprise else "v2"
        self._path = "/v2/enterprise/progress" if enterprise else "/v2/progress"

    async def fetch(self, poll: Poll, task_id: str) -> TaskUpdate:
        data: ProgressData = await poll(self._path, {"task_id": task_id}, ProgressData, v2=True)
        if data.status in (3, 4):
            status = TaskStatus.FAILED
            reason = data.failed_reason or ("timed out on the server" if data.status == 4 else "failed")
        else:
            status = _V2_STATUS.get(data.status, TaskStatus.UNKNOWN)
            reason = data.failed_reason
        progress = data.progress * 100.0 if data.progress else None
        debug = data.debug_info
        if debug is not None:
            queued, duration = _stamps(debug.submit_time_ms, debug.execution_time_ms, debug.finish_time_ms)
        else:
            queued = duration = None
        return TaskUpdate(
            task_id=task_id,
            status=status,
            progress_percent=progress,
            eta=_positive(data.eta_relative),
            reason=reason,
            result=data,
            server_duration=duration if status.terminal else None,
            queued_for=queued,
        )


_TRAINING_STATUS = {
    "QUEUING": TaskStatus.QUEUED,
    "TRAINING": TaskStatus.PROCESSING,
    "SUCCESS": TaskStatus.SUCCEEDED,
    "FAILED": TaskStatus.FAILED,
    "CANCELED": TaskStatus.FAILED,
}


class TrainingBackend:
    """`GET /v3/training/{subject|style}?task_id=` (reference §7.6.3).

    A training counts as succeeded only once its models are `SERVING`: before that the LoRA cannot be
    used, so resolving the handle earlier would hand the caller a model name that fails.
    """

    family = "training"

    def __init__(self, training_type: str) -> None:
        self.kind = f"training-{training_type}"
        self._path = f"/v3/training/{training_type}"

    async def fetch(self, poll: Poll, task_id: str) -> TaskUpdate:
        result: TrainingStatus = await poll(self._path, {"task_id": task_id}, TrainingStatus)
        status = _TRAINING_STATUS.get(result.task_status, TaskStatus.UNKNOWN)
        if status is TaskStatus.SUCCEEDED and any(m.model_status != "SERVING" for m in result.models):
            status = TaskStatus.PROCESSING  # trained, still deploying
        extra = result.extra
        return TaskUpdate(
            task_id=task_id,
            status=status,
            progress_percent=_positive(extra.progress_percent) if extra is not None else None,
            eta=_positive(extra.eta_relative) if extra is not None else None,
            reason="canceled" if result.task_status == "CANCELED" else "",
            result=result,
        )


V3 = V3Backend()
V2 = V2Backend()
V2_ENTERPRISE = V2Backend(enterprise=True)
TRAINING_SUBJECT = TrainingBackend("subject")
TRAINING_STYLE = TrainingBackend("style")

BACKENDS: dict[str, TaskBackend[Any]] = {
    b.kind: b for b in (V3, V2, V2_ENTERPRISE, TRAINING_SUBJECT, TRAINING_STYLE)
}
