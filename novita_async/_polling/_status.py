"""One status model for the three task protocols (v3 task-result, v2 progress, training status)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

__all__ = ("TaskStatus", "TaskUpdate")


class TaskStatus(str, enum.Enum):
    """Where a task stands, whichever endpoint reported it."""

    QUEUED = "queued"
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"
    """The service reported a status we do not know; it is treated as in flight until the deadline."""

    @property
    def terminal(self) -> bool:
        return self is TaskStatus.SUCCEEDED or self is TaskStatus.FAILED


@dataclass(frozen=True, slots=True)
class TaskUpdate:
    """One observation of a task, as the poller saw it."""

    task_id: str
    status: TaskStatus
    progress_percent: float | None = None
    """0..100 when the service reports it, else None (image tasks often report 0 throughout)."""
    eta: float | None = None
    """Seconds the service expects until completion, when it reports one (> 0)."""
    reason: str = ""
    """The service's explanation of a failure."""
    result: Any = None
    """The decoded status response (`TaskResult`, `ProgressData` or `TrainingStatus`)."""
    server_duration: float | None = None
    """Seconds PROCESSING took by the server's own clock (`debug_info`), once terminal and if reported
    (from submit when the start is not stamped).

    The poller learns task durations from it: it is exact, where the poll times only bracket the finish."""
    queued_for: float | None = None
    """Seconds from submit to the start of PROCESSING by the server's stamps, once it started (if reported)."""
