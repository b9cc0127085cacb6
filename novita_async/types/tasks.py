"""v3 task results: `GET /v3/async/task-result` and the webhook event (novita-api.md §3.2, §3.3).

Statuses are decoded as plain strings so an unknown value never fails decoding; `TaskInfo.status_enum`
maps them to `V3TaskStatus` (or `None`). Numbers the server sends as numeric strings (`image_url_ttl`,
`video_url_ttl`, `audio_url_ttl`: `"3600"`, `"0"`) decode to `int` because responses are decoded with
`strict=False`; the seed and the debug times can also be `""` (Part 2 §14.1-14.2), so they keep their wire
value and are read through `int | None` properties. Part 2 adds `audios[]` with per-segment metadata.
"""

from __future__ import annotations

import enum

import msgspec

from ._base import ResponseStruct, enum_or_none

__all__ = (
    "AudioMetadata",
    "AudioOutput",
    "ImageOutput",
    "NSFWDetectionResult",
    "TaskDebugInfo",
    "TaskInfo",
    "TaskResult",
    "TaskResultExtra",
    "TaskWebhookInfo",
    "TaskWebhookTestMode",
    "V3TaskStatus",
    "VideoOutput",
    "WebhookEvent",
)


class V3TaskStatus(str, enum.Enum):
    """`task.status` of a v3 async task (§3.2, §8.3)."""

    UNKNOWN = "TASK_STATUS_UNKNOWN"
    """Known to the JS SDK; treat as an error or as in-flight with a deadline."""

    QUEUED = "TASK_STATUS_QUEUED"
    """Waiting for a worker."""

    PROCESSING = "TASK_STATUS_PROCESSING"
    """Running."""

    SUCCEED = "TASK_STATUS_SUCCEED"
    """Finished successfully (terminal)."""

    FAILED = "TASK_STATUS_FAILED"
    """Failed; see `task.reason` (terminal)."""

    @property
    def is_terminal(self) -> bool:
        """Whether the task has finished (succeeded or failed)."""
        return self in (V3TaskStatus.SUCCEED, V3TaskStatus.FAILED)


class NSFWDetectionResult(ResponseStruct, kw_only=True):
    """Per-image NSFW detection result (present when `extra.enable_nsfw_detection` was true)."""

    valid: bool = False
    """Whether the image passed the check."""

    confidence: float = 0.0
    """Confidence, 0-100."""


class TaskInfo(ResponseStruct, kw_only=True):
    """The `task` object of a task result."""

    task_id: str = ""
    """The task id."""

    task_type: str = ""
    """E.g. `TXT_TO_IMG`, `IMG_TO_IMG`, `IMG_TO_VIDEO` (other values undocumented; may be absent)."""

    status: str = ""
    """Raw status string; see `status_enum`."""

    reason: str = ""
    """Failure explanation; `""` on success."""

    eta: float = 0
    """Estimated seconds to completion (mainly for video tasks)."""

    progress_percent: float = 0
    """Progress 0-100 (often 0 for image tasks even on success)."""

    @property
    def status_enum(self) -> V3TaskStatus | None:
        """`status` as a `V3TaskStatus`, or `None` if the server sent an unknown value."""
        return enum_or_none(V3TaskStatus, self.status)

    @property
    def is_terminal(self) -> bool:
        """Whether the task succeeded or failed (unknown statuses are not terminal)."""
        status = self.status_enum
        return status is not None and status.is_terminal


class ImageOutput(ResponseStruct, kw_only=True):
    """One output image of a v3 task."""

    image_url: str = ""
    """Pre-signed S3 download URL."""

    image_url_ttl: int = 0
    """Seconds the URL stays valid (3600 in all examples; sent as a number or numeric string)."""

    image_type: str = ""
    """Image format: `png`, `jpeg` or `webp`."""

    nsfw_detection_result: NSFWDetectionResult | None = None
    """NSFW check for this image; null (or `{}`) when detection was off."""


class VideoOutput(ResponseStruct, kw_only=True):
    """One output video of a v3 task."""

    video_url: str = ""
    """Pre-signed S3 download URL."""

    video_url_ttl: int = 0
    """Seconds the URL stays valid (sent as a numeric string)."""

    video_type: str = ""
    """Video format: `mp4` or `gif`."""


class AudioMetadata(ResponseStruct, kw_only=True):
    """`audios[].audio_metadata`: one segment's text and time span (Part 2 §14.1)."""

    text: str = ""
    """The text spoken in this segment."""

    start_time: float = 0.0
    """Segment start, seconds."""

    end_time: float = 0.0
    """Segment end, seconds."""


class AudioOutput(ResponseStruct, kw_only=True):
    """One output audio file (`audios[]` of task-result, Part 2 §14.1)."""

    audio_url: str = ""
    """Pre-signed download URL (MiniMax async speech: valid 24 h)."""

    audio_url_ttl: int = 0
    """Seconds the URL stays valid (a numeric string in the schema)."""

    audio_type: str = ""
    """Audio format; the schema lists only `wav`, so it is an open string."""

    audio_metadata: AudioMetadata | None = None
    """The text and time span of this segment, when reported."""


def _lenient_int(value: int | str | None) -> int | None:
    """A number the service sends as an int, a numeric string, or `""` (Part 2 §14.2): `""` → None."""
    if value is None or isinstance(value, int):
        return value
    text = value.strip()
    try:
        return int(text) if text else None
    except ValueError:
        try:
            return int(float(text))
        except ValueError:
            return None


class TaskDebugInfo(ResponseStruct, kw_only=True):
    """`extra.debug_info` of a task result.

    The times come as numeric strings, and today's docs example sends all four as `""` (Part 2 §14.1), so
    the wire values are kept as sent (`*_raw`) and read through properties (`""` → None).
    """

    request_info: str = ""
    """JSON text of the normalized request."""

    submit_time_raw: int | str = msgspec.field(default="", name="submit_time_ms")
    """`submit_time_ms` as sent; read `submit_time_ms`."""

    execute_time_raw: int | str = msgspec.field(default="", name="execute_time_ms")
    """`execute_time_ms` as sent; read `execute_time_ms`."""

    complete_time_raw: int | str = msgspec.field(default="", name="complete_time_ms")
    """`complete_time_ms` as sent; read `complete_time_ms`."""

    @property
    def submit_time_ms(self) -> int | None:
        """Submit time, epoch milliseconds (None when not reported)."""
        return _lenient_int(self.submit_time_raw)

    @property
    def execute_time_ms(self) -> int | None:
        """Execution start, epoch milliseconds (None when not reported)."""
        return _lenient_int(self.execute_time_raw)

    @property
    def complete_time_ms(self) -> int | None:
        """Completion time, epoch milliseconds (None when not reported)."""
        return _lenient_int(self.complete_time_raw)


class TaskWebhookTestMode(ResponseStruct, kw_only=True):
    """Echo of `extra.webhook.test_mode`."""

    enabled: bool = False
    """Whether test mode was on."""

    return_task_status: str = ""
    """The simulated status."""


class TaskWebhookInfo(ResponseStruct, kw_only=True):
    """Echo of the request's `extra.webhook`."""

    url: str = ""
    """The webhook URL."""

    test_mode: TaskWebhookTestMode | None = None
    """Echo of the test-mode settings."""


class TaskResultExtra(ResponseStruct, kw_only=True):
    """The `extra` object of a task result."""

    seed_raw: int | str | None = msgspec.field(default=None, name="seed")
    """The seed as sent: a numeric string (Part 2 §14.2: `int | str`); read `seed`."""

    enable_nsfw_detection: bool = False
    """Echo of `extra.enable_nsfw_detection`."""

    debug_info: TaskDebugInfo | None = None
    """Timing and normalized-request details."""

    webhook: TaskWebhookInfo | None = None
    """Echo of the webhook configuration."""

    @property
    def seed(self) -> int | None:
        """The seed actually used, or None when not reported (Qwen's `extra` has no seed, §15.8)."""
        return _lenient_int(self.seed_raw)


class TaskResult(ResponseStruct, kw_only=True):
    """Response of `GET /v3/async/task-result`, also the webhook `payload`."""

    task: TaskInfo = msgspec.field(default_factory=TaskInfo)
    """Task id, status, reason and progress."""

    images: list[ImageOutput] = msgspec.field(default_factory=list)
    """Output images, in `image_num` order (empty while running)."""

    videos: list[VideoOutput] = msgspec.field(default_factory=list)
    """Output videos (video endpoints)."""

    audios: list[AudioOutput] = msgspec.field(default_factory=list)
    """Output audio (speech endpoints, Part 2 §14.1)."""

    extra: TaskResultExtra = msgspec.field(default_factory=TaskResultExtra)
    """Seed, NSFW flag, debug info, webhook echo."""

    def answer_problem(self) -> str | None:
        if not self.task.status:
            return "the task result carries no task.status (an error object sent with HTTP 200?)"
        return None


class WebhookEvent(ResponseStruct, kw_only=True):
    """Body Novita POSTs to `extra.webhook.url` (§3.3)."""

    event_type: str = ""
    """`ASYNC_TASK_RESULT`; ignore other values."""

    payload: TaskResult = msgspec.field(default_factory=TaskResult)
    """Exactly the task-result body."""
