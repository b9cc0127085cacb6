"""`GET /v2/progress` (and `/v2/enterprise/progress`): polling of v2 tasks (novita-api.md §3.1).

The response is `V2Response[ProgressData]`.
"""

from __future__ import annotations

import enum

from ._base import ResponseStruct, enum_or_none
from .tasks import NSFWDetectionResult

__all__ = ("ProgressData", "ProgressDebugInfo", "V2TaskStatus")


class V2TaskStatus(int, enum.Enum):
    """`data.status` of `/v2/progress` (§3.1)."""

    QUEUED = 0
    """Initializing / queued."""

    RUNNING = 1
    """Running."""

    SUCCEEDED = 2
    """Finished; `imgs` holds the URLs (terminal)."""

    FAILED = 3
    """Failed; see `failed_reason` (terminal)."""

    TIMEOUT = 4
    """Timed out (terminal)."""

    @property
    def is_terminal(self) -> bool:
        """Whether the task has finished."""
        return self in (V2TaskStatus.SUCCEEDED, V2TaskStatus.FAILED, V2TaskStatus.TIMEOUT)


class ProgressDebugInfo(ResponseStruct, kw_only=True):
    """`data.debug_info` of `/v2/progress` (epoch milliseconds)."""

    submit_time_ms: int = 0
    """Submit time."""

    execution_time_ms: int = 0
    """Execution start."""

    txt2img_time_ms: int = 0
    """Generation end."""

    finish_time_ms: int = 0
    """Finish time."""


class ProgressData(ResponseStruct, kw_only=True):
    """`data` of `GET /v2/progress` (§3.1)."""

    status: int = 0
    """0 queued, 1 running, 2 succeeded, 3 failed, 4 timeout; see `status_enum`."""

    progress: float = 0
    """Fraction 0..1 of the current run."""

    eta_relative: float = 0
    """Estimated seconds remaining."""

    imgs: list[str] | None = None
    """Pre-signed image URLs, when status is 2."""

    failed_reason: str = ""
    """Why the task failed (status 3)."""

    current_images: list[str] | None = None
    """Previews while running (only with `extra.enable_progress_info`)."""

    info: str = ""
    """Free-form generation info."""

    submit_time: str = ""
    """`YYYY-MM-DD HH:MM:SS`."""

    execution_time: str = ""
    """`YYYY-MM-DD HH:MM:SS`."""

    txt2img_time: str = ""
    """`YYYY-MM-DD HH:MM:SS`."""

    finish_time: str = ""
    """`YYYY-MM-DD HH:MM:SS`."""

    enable_nsfw_detection: bool = False
    """Echo of `extra.enable_nsfw_detection`."""

    nsfw_detection_result: list[NSFWDetectionResult] | None = None
    """One result per entry of `imgs`, same order."""

    debug_info: ProgressDebugInfo | None = None
    """Timestamps in epoch milliseconds."""

    @property
    def status_enum(self) -> V2TaskStatus | None:
        """`status` as a `V2TaskStatus`, or `None` for an unknown value (treat as in-flight)."""
        return enum_or_none(V2TaskStatus, self.status)

    @property
    def is_terminal(self) -> bool:
        """Whether the task has finished (2, 3 or 4)."""
        status = self.status_enum
        return status is not None and status.is_terminal
