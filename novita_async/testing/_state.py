"""What the emulator remembers: tasks, uploads, counters.

Task state is *lazy*: a task stores only when it was created, when it starts and when it finishes (all in
`EmulatorConfig.clock` time); its status is computed when somebody asks. Ten thousand pending tasks cost
ten thousand small objects and nothing else: no timers, no background loop.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import heapq
from typing import Any, Literal

__all__ = ("CapacityQueue", "EmulatorState", "StorageRequest", "TaskRecord", "TrainingRecord", "WebhookDelivery")

TaskKind = Literal["v3", "v2", "training"]
Phase = Literal["queued", "processing", "done"]


@dataclasses.dataclass(slots=True, eq=False)
class TaskRecord:
    """One generation task (v3 async or v2)."""

    id: str
    endpoint: str
    kind: TaskKind
    task_type: str
    created_at: float
    started_at: float
    finished_at: float
    image_count: int
    output_ext: str
    is_video: bool
    seed: int
    enable_nsfw_detection: bool
    request_info: str
    outcome: Literal["success", "failed", "timeout"] = "success"
    reason: str = ""
    enterprise: bool = False
    unknown_status: bool = False
    url_ttl: int = 3600
    webhook: dict[str, Any] | None = None
    model: str = ""
    queue_index: int = -1
    """Place in the `CapacityQueue` (-1: no capacity limit)."""
    prompt: str = ""
    """The prompt, drawn on the output images (see `_render`)."""
    size: tuple[int, int] = (0, 0)
    """Requested (width, height) of image outputs; (0, 0) when the endpoint names none."""
    is_audio: bool = False
    """Outputs go to `audios[]` (MiniMax async speech, reference §17.2); `audio_text` feeds their metadata."""
    audio_text: str = ""
    cache: dict[str, bytes] = dataclasses.field(default_factory=dict)
    """Encoded terminal bodies, keyed by signing second; see the task-result handler."""

    def phase(self, now: float) -> Phase:
        if now < self.started_at:
            return "queued"
        if now < self.finished_at:
            return "processing"
        return "done"

    def fraction(self, now: float) -> float:
        """How far PROCESSING has got, 0..1."""
        span = self.finished_at - self.started_at
        if span <= 0 or now >= self.finished_at:
            return 1.0
        return max(0.0, (now - self.started_at) / span)

    @property
    def terminal_status(self) -> str:
        """The v3 status the task ends in."""
        return "TASK_STATUS_SUCCEED" if self.outcome == "success" else "TASK_STATUS_FAILED"


class CapacityQueue:
    """A first-in-first-out queue in front of `capacity` workers, computed once per task at creation.

    Durations are drawn when a task is created, so its start is known then: the earliest moment a worker
    is free, not before it arrives. Starts therefore never decrease in arrival order, which makes a
    task's queue position (how many arrived before it and have not started) one bisection away.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._free: list[float] = [float("-inf")] * capacity
        """When each worker frees up (a min-heap)."""
        self._starts: list[float] = []

    def schedule(self, arrival: float, duration: float) -> tuple[int, float]:
        """Queue a task arriving at `arrival`; returns its queue index and start time."""
        start = max(arrival, heapq.heappop(self._free))
        heapq.heappush(self._free, start + duration)
        self._starts.append(start)
        return len(self._starts) - 1, start

    def position(self, index: int, now: float) -> int:
        """Tasks ahead of queue entry `index` that have not started by `now`."""
        return max(0, index - bisect.bisect_right(self._starts, now))


@dataclasses.dataclass(slots=True, eq=False)
class TrainingRecord:
    """One subject/style training task."""

    id: str
    task_type: Literal["subject", "style"]
    name: str
    created_at: float
    created_unix: int
    started_at: float
    finished_at: float
    serving_at: float
    model_name: str
    failed: bool = False

    @property
    def endpoint(self) -> str:
        return f"/v3/training/{self.task_type}"


@dataclasses.dataclass(frozen=True, slots=True)
class StorageRequest:
    """A request seen by the storage host."""

    method: str
    path: str
    had_authorization: bool


@dataclasses.dataclass(frozen=True, slots=True)
class WebhookDelivery:
    """One webhook delivery attempt."""

    task_id: str
    url: str
    attempt: int
    status: int | None
    error: str | None
    payload: dict[str, Any]
    started_at: float = 0.0
    """When the attempt began (emulator clock): with the task's `finished_at`, the sender's own lag."""
    answered_at: float = 0.0
    """When the receiver's answer (or the error) came back."""


class EmulatorState:
    """Everything the emulator has seen and created; read it from tests as `server.state`."""

    def __init__(self, credit_balance: int) -> None:
        self.tasks: dict[str, TaskRecord] = {}
        self.trainings: dict[str, TrainingRecord] = {}
        self.tasks_created: collections.Counter[str] = collections.Counter()
        """Tasks created per endpoint path (v3, v2 and training)."""
        self.requests: collections.Counter[tuple[str, str]] = collections.Counter()
        """Requests per (method, path) on the API host, including rejected ones."""
        self.submits_rate_limited = 0
        """Submits refused with 429 by `EmulatorConfig.submit_rate_limit`."""
        self.polls: collections.Counter[str] = collections.Counter()
        """Status polls per task id (task-result, progress, training status)."""
        self.storage_requests: list[StorageRequest] = []
        self.storage_auth_headers_seen = 0
        """Requests to the storage host that carried an `Authorization` header (should stay 0)."""
        self.assets: dict[str, int] = {}
        """Generic asset id (assets host `PUT /image|/video`) -> size in bytes."""
        self.training_assets: dict[str, bool] = {}
        """Training dataset asset id -> whether its bytes were uploaded."""
        self.credit_balance = credit_balance
        self.s3_config: dict[str, Any] | None = None
        self.synced_civitai_versions: set[int] = set()
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.webhooks_lost: list[str] = []
        """Task ids whose event was dropped on purpose (`EmulatorConfig.webhook_loss`)."""

    @property
    def tasks_created_total(self) -> int:
        """Tasks created on every endpoint together."""
        return sum(self.tasks_created.values())

    def request_count(self, method: str, path: str) -> int:
        """Requests seen for one (method, path)."""
        return self.requests[(method.upper(), path)]
