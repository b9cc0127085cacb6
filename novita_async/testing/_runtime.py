"""The emulator's shared machinery: clock, randomness, URL signing, billing and task creation.

One `Runtime` exists per `EmulatorServer`; every route module receives it. Keeping the moving parts here
lets the route modules stay declarative (validate → create → answer).
"""

from __future__ import annotations

import asyncio
import calendar
import collections
import contextvars
import hashlib
import hmac
import math
import random
import time
import uuid
from typing import Any, Literal

from ._config import EmulatorConfig
from ._faults import FaultSchedule
from ._http import ApiError
from ._state import CapacityQueue, EmulatorState, TaskKind, TaskRecord

__all__ = ("CURRENT_CALLER", "Runtime", "UrlSigner", "draw_duration", "mean_duration")

CURRENT_CALLER: contextvars.ContextVar[tuple[str, str]] = contextvars.ContextVar(
    "novita_emulator_caller", default=("", "")
)
"""(API key, path) of the request being handled, for per-key submit limits."""

_DATE_FMT = "%Y%m%dT%H%M%SZ"
_Z95 = 1.6448536269514722  # standard normal 95th percentile


def _lognormal(bounds: tuple[float, float]) -> tuple[float, float]:
    """(mu, sigma) of the log-normal with 5th and 95th percentiles `bounds`."""
    lo, hi = max(bounds[0], 1e-6), max(bounds[1], bounds[0], 1e-6)
    return (math.log(lo) + math.log(hi)) / 2.0, (math.log(hi) - math.log(lo)) / (2.0 * _Z95)


def draw_duration(rng: random.Random, bounds: tuple[float, float], shape: str) -> float:
    """One task duration (see `EmulatorConfig.duration_distribution`)."""
    lo, hi = bounds
    if hi <= lo:
        return lo
    if shape == "exponential":
        return lo + rng.expovariate(1.0 / (hi - lo))
    if shape == "lognormal":
        return rng.lognormvariate(*_lognormal(bounds))
    return rng.uniform(lo, hi)


def mean_duration(bounds: tuple[float, float], shape: str) -> float:
    """The mean of `draw_duration` (what a server would quote per queued task)."""
    lo, hi = bounds
    if hi <= lo:
        return lo
    if shape == "exponential":
        return hi
    if shape == "lognormal":
        mu, sigma = _lognormal(bounds)
        return math.exp(mu + sigma * sigma / 2.0)
    return (lo + hi) / 2.0


class UrlSigner:
    """S3-style pre-signed URLs: `X-Amz-Date` + `X-Amz-Expires` + an HMAC over path, date and TTL.

    The date comes from the emulator's wall clock (derived from the injectable clock), so tests with a fake
    clock can expire URLs without sleeping.
    """

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _signature(self, path: str, date: str, ttl: int) -> str:
        msg = f"{path}\n{date}\n{ttl}".encode()
        return hmac.new(self._secret, msg, hashlib.sha256).hexdigest()

    def sign(self, base_url: str, path: str, ttl: int, now_wall: float, extra: str = "") -> str:
        date = time.strftime(_DATE_FMT, time.gmtime(int(now_wall)))
        sig = self._signature(path, date, ttl)
        return (
            f"{base_url}{path}?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            f"&X-Amz-Credential=EMULATOR%2F{date[:8]}%2Fap-southeast-1%2Fs3%2Faws4_request"
            f"&X-Amz-Date={date}&X-Amz-Expires={ttl}&X-Amz-SignedHeaders=host{extra}&X-Amz-Signature={sig}"
        )

    def check(self, path: str, query: dict[str, str], now_wall: float) -> tuple[str, str] | None:
        """None if the URL is valid now, else an S3 (code, message) pair."""
        date = query.get("X-Amz-Date", "")
        ttl_text = query.get("X-Amz-Expires", "")
        sig = query.get("X-Amz-Signature", "")
        if not (date and ttl_text.isdigit() and sig):
            return ("AccessDenied", "Query-string authentication requires the Signature, Expires and Date")
        ttl = int(ttl_text)
        if not hmac.compare_digest(sig, self._signature(path, date, ttl)):
            return ("SignatureDoesNotMatch", "The request signature we calculated does not match")
        try:
            issued = calendar.timegm(time.strptime(date, _DATE_FMT))
        except ValueError:
            return ("AccessDenied", "Invalid date")
        if now_wall > issued + ttl:
            return ("AccessDenied", "Request has expired")
        return None


class Runtime:
    """State, configuration and helpers shared by the route modules of one emulator."""

    def __init__(self, config: EmulatorConfig, state: EmulatorState, faults: FaultSchedule) -> None:
        self.config = config
        self.state = state
        self.faults = faults
        self.clock = config.clock
        self.rng = random.Random(config.seed)
        self.signer = UrlSigner(self.rng.randbytes(32))
        self.storage_url = ""
        self.api_url = ""
        self.queue = CapacityQueue(config.capacity) if config.capacity else None
        """The FIFO in front of the workers when `EmulatorConfig.capacity` is set."""
        self._clock0 = config.clock()
        self._wall0 = time.time()
        self._keys = config.api_keys
        self._submits: dict[tuple[str, str], collections.deque[tuple[float, float]]] = {}

    # -- time and identity -------------------------------------------------------------------------

    def wall(self) -> float:
        """Unix time as the emulator sees it (follows the injectable clock)."""
        return self._wall0 + (self.clock() - self._clock0)

    def wall_of(self, clock_time: float) -> float:
        return self._wall0 + (clock_time - self._clock0)

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def draw(self, bounds: tuple[float, float]) -> float:
        lo, hi = bounds
        return lo if hi <= lo else self.rng.uniform(lo, hi)

    def duration_bounds(self, model: str) -> tuple[float, float]:
        return self.config.model_durations.get(model, self.config.task_duration)

    def key_ok(self, key: str) -> bool:
        return key in self._keys

    def admit_submit(self, units: float) -> None:
        """Apply `submit_rate_limit` to the current caller's submit of `units` (429 when over it)."""
        limit = self.config.submit_rate_limit
        if limit is None:
            return
        caller = CURRENT_CALLER.get()
        hits = self._submits.setdefault(caller, collections.deque())
        now = self.clock()
        while hits and hits[0][0] <= now - limit[1]:
            hits.popleft()
        if sum(u for _, u in hits) + units > limit[0]:
            after = self.config.retry_after
            headers = {} if after is None else {"Retry-After": f"{after:g}"}
            self.state.submits_rate_limited += 1
            raise ApiError(429, "RATE_LIMIT_EXCEEDED", f"rate limit exceeded for {caller[1]}", headers=headers)
        hits.append((now, units))

    # -- money -------------------------------------------------------------------------------------

    def charge(self, images: int) -> None:
        """Charge `images` × `cost_per_image`; refuse (v3 400 / v2 code 7) when the balance is short."""
        cost = self.config.cost_per_image * images
        if cost <= 0:
            return
        if self.state.credit_balance < cost:
            raise ApiError(
                400,
                "BILLING_BALANCE_NOT_ENOUGH",
                f"balance {self.state.credit_balance} is less than the cost {cost}",
                v2_code=7,
            )
        self.state.credit_balance -= cost

    async def sync_work(self, prompt: str, images: int) -> None:
        """A synchronous generation: fail on the marker, charge, and take `sync_delay`."""
        if self.config.fail_prompt_marker and self.config.fail_prompt_marker in prompt:
            raise ApiError(500, "TASK_FAILED", "emulated failure: prompt contains the failure marker", v2_code=-1)
        self.admit_submit(images)
        self.charge(images)
        if self.config.sync_delay > 0:
            await asyncio.sleep(self.config.sync_delay)

    def inline_urls(self, count: int, ext: str, ttl: int | None = None, prefix: str = "sync") -> list[str]:
        """Signed URLs of `count` placeholder files for a synchronous answer (served by the storage host)."""
        ttl = self.config.image_url_ttl if ttl is None else ttl
        batch = f"{prefix}-{self.new_id()}"
        now_wall = self.wall()
        return [self.signer.sign(self.storage_url, f"/files/{batch}/{i}.{ext}", ttl, now_wall) for i in range(count)]

    # -- tasks -------------------------------------------------------------------------------------

    def outcome_for(self, prompt_text: str) -> tuple[Literal["success", "failed", "timeout"], str]:
        cfg = self.config
        if cfg.fail_prompt_marker and cfg.fail_prompt_marker in prompt_text:
            return "failed", "emulated failure: prompt contains the failure marker"
        if cfg.timeout_prompt_marker and cfg.timeout_prompt_marker in prompt_text:
            return "timeout", "task timed out"
        return "success", ""

    def resolve_seed(self, seed: int) -> int:
        """The seed a task really uses: the requested one, or a random one for -1 (as the service does)."""
        return seed if seed >= 0 else self.rng.randrange(1, 2**32)

    def create_task(
        self,
        *,
        endpoint: str,
        kind: TaskKind,
        task_type: str,
        image_count: int,
        output_ext: str,
        is_video: bool = False,
        prompt_text: str = "",
        seed: int = -1,
        enable_nsfw_detection: bool = False,
        request_info: str = "{}",
        enterprise: bool = False,
        url_ttl: int | None = None,
        webhook: dict[str, Any] | None = None,
        unknown_status: bool = False,
        model: str = "",
        size: tuple[int, int] = (0, 0),
        failure: str | None = None,
        is_audio: bool = False,
        audio_text: str = "",
    ) -> TaskRecord:
        """Charge for, schedule and register a task; its status is derived from the clock later."""
        self.admit_submit(1 if is_video or is_audio else image_count)
        self.charge(0 if is_video or is_audio else image_count)
        now = self.clock()
        cfg = self.config
        duration = draw_duration(self.rng, self.duration_bounds(model), cfg.duration_distribution)
        started = now + cfg.queue_delay
        queue_index = -1
        if self.queue is not None:
            queue_index, started = self.queue.schedule(started, duration)
        finished = started + duration
        outcome, reason = self.outcome_for(prompt_text)
        if failure:
            outcome, reason = "failed", failure
        task = TaskRecord(
            id=self.new_id(),
            endpoint=endpoint,
            kind=kind,
            task_type=task_type,
            created_at=now,
            started_at=started,
            finished_at=finished,
            image_count=image_count,
            output_ext=output_ext,
            is_video=is_video,
            seed=self.resolve_seed(seed),
            enable_nsfw_detection=enable_nsfw_detection,
            request_info=request_info,
            outcome=outcome,
            reason=reason,
            enterprise=enterprise,
            unknown_status=unknown_status,
            url_ttl=url_ttl if url_ttl else self.config.image_url_ttl,
            webhook=webhook,
            model=model,
            queue_index=queue_index,
            prompt=prompt_text,
            size=size,
            is_audio=is_audio,
            audio_text=audio_text,
        )
        self.state.tasks[task.id] = task
        self.state.tasks_created[endpoint] += 1
        return task

    def queued_eta(self, task: TaskRecord, now: float) -> float:
        """The eta a server quotes for a task still waiting: from its queue position when there is a
        capacity queue (it does not know the durations ahead), else the time to its scheduled finish."""
        if self.queue is None or task.queue_index < 0:
            return task.finished_at - now
        mean = mean_duration(self.duration_bounds(task.model), self.config.duration_distribution)
        ahead = self.queue.position(task.queue_index, now)
        return (ahead + 1) / self.queue.capacity * mean + mean

    def eta(self, seconds: float) -> int | float:
        """A v3 eta as reported: rounded up to `eta_resolution`, an integer when whole (0: not reported)."""
        if not self.config.report_eta:
            return 0
        step = self.config.eta_resolution
        value = round(math.ceil(max(0.0, seconds) / step - 1e-9) * step, 3)
        return int(value) if value == int(value) else value

    def output_urls(self, task: TaskRecord) -> list[str]:
        """Freshly signed URLs of a finished task's files (signed now, so re-polling refreshes them)."""
        now_wall = self.wall()
        return [
            self.signer.sign(
                self.storage_url, f"/files/{task.id}/{i}.{task.output_ext}", task.url_ttl, now_wall
            )
            for i in range(task.image_count)
        ]
