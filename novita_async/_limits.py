"""Client-wide limits: how many requests run at once, and how fast each endpoint family is sent.

* A concurrency cap (`anyio.CapacityLimiter`) on HTTP requests in flight, so ten thousand awaiting tasks
  never open ten thousand sockets.
* One `TokenBucket` per endpoint family (`txt2img`, ...) shared by every coroutine of the client. Its pace
  is pinned (`rate_limits={"txt2img": 600}`, per minute), learned, or not known yet. By default nothing is
  paced until the server answers 429: accounts differ (limits are raised on request), so any fixed guess
  is wrong for most users who run at scale.

How a pace is learned: TCP congestion control applied to a request rate.
* Estimate (TCP Westwood): the units the server *accepted* over a recent horizon (long enough to hold
  about `RATE_SAMPLE_UNITS`, within `RATE_HORIZON`).
* Decrease: a 429 for a request sent after the last decrease sets the plateau to what the server
  accepted (never more than the pace that failed; half the sent rate if nothing was accepted) and drops
  the pace to `RATE_DECREASE` of it. 429s for requests already in flight at the decrease change nothing.
* Increase (CUBIC): the pace climbs back to the plateau in K seconds, stays flat near it (settling just
  under the limit), then grows faster and faster, which finds a limit that was raised.
* Retry-After (capped by the session) pauses the family on top of that; without it the learner decides.
* Cost: the documented limits count images for image endpoints (IPM) and requests for video (RPM)
  (reference §2.5, Part 2 §14.6; we follow their recommendation): `submit_cost`, from the catalogue.

The same type is the poller's global budget (`polls_per_second`, or learned from 429s on polls), so a
429 on a status read slows polls only, and polls never wait behind submit pacing.
"""

from __future__ import annotations

import collections
import math
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
import msgspec

from ._catalogue import ENDPOINTS, request_cost
from ._constants import (
    LEARNED_BURST,
    MAX_RETRY_AFTER,
    RATE_BLIND_PAUSE,
    RATE_DECREASE,
    RATE_FLOOR,
    RATE_HEADROOM,
    RATE_HORIZON,
    RATE_PROBE_PERIOD,
    RATE_PROBE_UNITS,
    RATE_RECENT_UNITS,
    RATE_SAMPLE_UNITS,
)

__all__ = (
    "FamilyStats",
    "LimiterStats",
    "RateLimit",
    "RequestLimiter",
    "TokenBucket",
    "cubic_rate",
    "documented_rate_limits",
    "endpoint_family",
    "plateau_after_429",
    "poll_budget",
    "submit_cost",
)


@dataclass(frozen=True)
class RateLimit:
    """`requests` per `per` seconds, allowing bursts of up to `burst` (default: `requests`)."""

    requests: float
    per: float = 60.0
    burst: float | None = None

    @property
    def rate(self) -> float:
        return self.requests / self.per


@dataclass(frozen=True)
class FamilyStats:
    """One family's pacing: what it was told, what it learned, and what it cost."""

    per_minute: float | None
    """The pace now, in units (images or requests) per minute; None while nothing is paced."""
    pinned: float | None
    """The explicit limit from `rate_limits=`, per minute (the learner never probes above it)."""
    learned: bool
    """True once a 429 made the family learn its pace."""
    rate_limited: int
    """429 answers."""
    accepted: int
    """Answers that were not 429 (units sent and not refused for rate)."""
    paced: int
    """Requests that had to wait for the pace."""
    paced_seconds: float
    """Total time requests spent waiting for the pace."""


@dataclass(frozen=True)
class LimiterStats:
    """A snapshot of the limiter, for tests, benchmarks and progress displays."""

    in_flight: int
    waiting: int
    max_concurrency: int
    rate_limited: int
    """How many 429 answers the families got so far."""
    paced: int
    """How many requests had to wait for their family's pace."""
    paced_seconds: float = 0.0
    families: Mapping[str, FamilyStats] = field(default_factory=dict)


def endpoint_family(path: str) -> str:
    """The pacing family of a path: its last segment (`/v3/async/txt2img` → `txt2img`)."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def submit_cost(path: str, request: Any) -> float:
    """Units one submit to `path` spends of its family's limit: its images on IPM endpoints (`image_num`,
    `num_images`, ... per the catalogue), else 1. `request` is a request Struct or a plain dict."""
    if isinstance(request, msgspec.Struct):
        request = {name: getattr(request, name) for name in request.__struct_fields__}
    return request_cost(path, request if isinstance(request, Mapping) else None)


def documented_rate_limits() -> dict[str, float]:
    """`rate_limits="documented"`: the documented per-minute defaults per family, from the catalogue."""
    return {endpoint_family(e.path): float(e.rate_limit) for e in ENDPOINTS if e.rate_limit is not None}


def cubic_rate(plateau: float, elapsed: float, period: float, *, beta: float = RATE_DECREASE) -> float:
    """CUBIC's curve as a rate: `beta`·plateau at the decrease, the plateau after `period` s, then faster."""
    x = (elapsed - period) / period
    return plateau * (1.0 + (1.0 - beta) * x * x * x)


def probe_period(plateau: float) -> float:
    """Seconds the climb back to `plateau` takes: about `RATE_PROBE_UNITS` units' worth, bounded."""
    low, high = RATE_PROBE_PERIOD
    return min(high, max(low, RATE_PROBE_UNITS / plateau))


def plateau_after_429(current: float | None, accepted: float, minute: float = 0.0) -> float | None:
    """The plateau after a 429, from rates in units/s; None when there is no evidence to learn from.

    What the server accepted lately, never above the pace that failed (`current`). If it accepted nothing
    lately (a per-minute window still full), its average over the last minute, a pace it proved it
    sustains; if that is nothing too, half the pace that failed. An unpaced family with no accepted
    answer at all has no rate to go on (the caller pauses instead).
    """
    estimate = accepted if accepted > 0 else minute
    if estimate <= 0:
        if current is None:
            return None
        estimate = current / 2.0
    if current is not None:
        estimate = min(current, estimate)
    return max(RATE_FLOOR, estimate)


class TokenBucket:
    """A token bucket whose rate is pinned (`limit`), learned from 429s (`learn`), or unknown (unpaced).

    `delay`/`take` are synchronous and take `now`, so pacing is testable without sleeping; `acquire` is
    the async FIFO wait. Feed it every answer: `on_accepted`, `on_rate_limited`.
    """

    def __init__(
        self,
        limit: RateLimit | None = None,
        *,
        learn: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.learn = learn
        self._clock = clock
        self._ceiling = limit.rate if limit is not None else math.inf
        self._capacity = LEARNED_BURST
        if limit is not None:
            self._capacity = limit.burst if limit.burst is not None else max(1.0, limit.requests)
        self._plateau: float | None = None  # learned (CUBIC's w_max); None until the first 429
        self._period = 1.0
        self._epoch = -math.inf  # start of the current climb (the last 429 that counted)
        self._decreased_at = -math.inf  # the last time the plateau was lowered
        now = clock()
        self._tokens = self._capacity
        self._updated = now
        self._paused_until = -math.inf
        # (time, units, accepted) of recent answers, with running sums, for the rate estimates.
        self._answers: collections.deque[tuple[float, float, bool]] = collections.deque()
        self._sum_accepted = self._sum_sent = 0.0
        self._covered_from = math.inf  # the answers deque is complete from this time on
        self._minute: collections.deque[list[float]] = collections.deque()  # [second, units accepted]
        self._minute_sum = 0.0
        self._blind = 0  # 429s in a row with nothing to learn from
        self.rate_limited = 0
        self.accepted = 0
        self.decreases = 0
        self.paced = 0
        self.paced_seconds = 0.0
        self._lock = anyio.Lock()

    # --- the pace ----------------------------------------------------------------------------------

    def rate(self, now: float) -> float | None:
        """Units per second allowed now; None when nothing is paced."""
        if self._plateau is None:
            return self.limit.rate if self.limit is not None else None
        pace = cubic_rate(self._plateau, now - self._epoch, self._period)
        # Probe only where there is evidence: not far beyond what the server accepted lately.
        pace = min(pace, max(self._plateau, RATE_HEADROOM * self.accepted_rate(now)))
        return max(RATE_FLOOR, min(self._ceiling, pace))

    def _horizon(self, now: float, units: float = RATE_SAMPLE_UNITS) -> float:
        low, high = RATE_HORIZON
        base = self._plateau if self._plateau is not None else (self.limit.rate if self.limit else None)
        return low if not base else min(high, max(low, units / base))

    def _prune(self, now: float) -> None:
        cut = now - self._horizon(now)
        answers = self._answers
        while answers and answers[0][0] < cut:
            _, units, ok = answers.popleft()
            self._sum_sent -= units
            if ok:
                self._sum_accepted -= units
        self._covered_from = max(self._covered_from, cut) if answers else cut

    def _span(self, now: float) -> float:
        return max(RATE_HORIZON[0], now - self._covered_from)

    def accepted_rate(self, now: float) -> float:
        """Units per second the server accepted lately (the Westwood estimate)."""
        self._prune(now)
        return max(0.0, self._sum_accepted) / self._span(now)

    def recent_accepted_rate(self, now: float) -> float:
        """The same estimate over a short look back (`RATE_RECENT_UNITS`): it does not lag a climb."""
        horizon = self._horizon(now, RATE_RECENT_UNITS)
        used = 0.0
        for at, units, ok in reversed(self._answers):
            if at < now - horizon:
                break
            used += units if ok else 0.0
        return used / max(RATE_HORIZON[0], min(horizon, now - self._covered_from))

    def sent_rate(self, now: float) -> float:
        self._prune(now)
        return max(0.0, self._sum_sent) / self._span(now)

    def minute_rate(self, now: float) -> float:
        """Units accepted over the last minute, per second: a pace the server proved it sustains."""
        bins = self._minute
        while bins and bins[0][0] <= now - 60.0:
            self._minute_sum -= bins.popleft()[1]
        return max(0.0, self._minute_sum) / 60.0

    def _refill(self, now: float) -> None:
        if now > self._updated:
            rate = self.rate(now)
            if rate is not None:
                self._tokens = min(self._capacity, self._tokens + (now - self._updated) * rate)
            self._updated = now

    def delay(self, cost: float, now: float) -> float:
        """Seconds until `cost` units may go (0: now). Takes nothing.

        A request dearer than the burst waits for a full bucket and leaves a debt that paces the next.
        """
        pause = self._paused_until - now
        rate = self.rate(now)
        if rate is None:
            return max(0.0, pause)
        self._refill(now)
        missing = min(cost, self._capacity) - self._tokens
        return max(0.0, pause, missing / rate if missing > 0 else 0.0)

    def take(self, cost: float, now: float) -> float:
        """0 and spend `cost` if it may go now, else the seconds to wait (nothing spent)."""
        wait = self.delay(cost, now)
        if wait <= 0 and self.rate(now) is not None:
            self._tokens -= cost
        return wait

    async def acquire(self, cost: float = 1.0) -> float:
        """Take `cost` units, sleeping as needed (FIFO through a lock). Returns the seconds waited."""
        if self._plateau is None and self.limit is None and self._paused_until <= self._clock():
            return 0.0  # unpaced, not paused: no lock, no overhead
        async with self._lock:
            started = self._clock()
            slept = False
            while (wait := self.take(cost, self._clock())) > 0:
                slept = True
                await anyio.sleep(wait)
            waited = self._clock() - started
        if slept:
            self.paced += 1
            self.paced_seconds += waited
        return waited

    async def wait_ready(self, cost: float = 1.0) -> None:
        """Wait until `cost` units could go, without taking them (see `RequestLimiter.wait_until_ready`)."""
        while (wait := self.delay(cost, self._clock())) > 0:  # noqa: ASYNC110 - time-based: no event
            await anyio.sleep(wait)

    # --- feedback ----------------------------------------------------------------------------------

    def _record(self, now: float, units: float, ok: bool) -> None:
        if not self._answers:
            self._covered_from = min(self._covered_from, now)
        self._answers.append((now, units, ok))
        self._sum_sent += units
        if ok:
            self._sum_accepted += units
        self._prune(now)

    def on_accepted(self, cost: float, now: float) -> None:
        """The server took a request of `cost` units (any answer but 429)."""
        self.accepted += 1
        self._blind = 0
        self._record(now, cost, True)
        second = math.floor(now)
        if self._minute and self._minute[-1][0] == second:
            self._minute[-1][1] += cost
        else:
            self._minute.append([second, cost])
        self._minute_sum += cost

    def on_rate_limited(self, cost: float, sent_at: float, retry_after: float | None, now: float) -> None:
        """A 429 for a request sent at `sent_at`: pause for `retry_after` (already capped) and learn."""
        self.rate_limited += 1
        self._record(now, cost, False)
        if retry_after is not None and retry_after > 0:
            self.pause(retry_after, now)
        if not self.learn or sent_at < self._epoch:
            return  # not learning, or in flight before the last 429 that counted: nothing new
        self._refill(now)
        # The plateau moves at most once per estimator horizon (TCP: once per round trip): 429s soon
        # after a decrease say the server's window still holds what it accepted before, not that the
        # pace is too high; they restart the climb without lowering the plateau again.
        if self._plateau is None or now - self._decreased_at >= self._horizon(now):
            current = self.rate(now)
            if current is None and self._sum_accepted > 0:
                current = self.sent_rate(now)
            accepted = max(self.accepted_rate(now), self.recent_accepted_rate(now))
            plateau = plateau_after_429(current, accepted, self.minute_rate(now))
            if plateau is None:  # first contact and nothing accepted yet: wait and look again
                self._blind += 1
                if retry_after is None:
                    self.pause(min(MAX_RETRY_AFTER, RATE_BLIND_PAUSE * 2.0 ** min(self._blind - 1, 16)), now)
                self._epoch = now
                return
            self._plateau = min(self._ceiling, plateau)
            self._period = probe_period(self._plateau)
            self._decreased_at = now
            self.decreases += 1
        self._epoch = now
        self._capacity = min(self._capacity, LEARNED_BURST)
        self._tokens = min(self._tokens, 0.0, self._replayed_tokens(now))  # no burst after a refusal

    def _replayed_tokens(self, now: float) -> float:
        """The tokens the bucket would hold now had the new pace applied over the last second's accepted
        answers: after a burst (the first 429 of an unpaced family) the server's window is still full of
        it, so the next send waits until the burst is paid for instead of collecting more 429s."""
        pace = self.rate(now)
        if pace is None:
            return 0.0
        first, used = now, 0.0
        for at, units, ok in reversed(self._answers):
            if at < now - RATE_HORIZON[0]:
                break
            if ok:
                first, used = at, used + units
        return self._capacity + pace * (now - first) - used

    def pause(self, seconds: float, now: float) -> None:
        """Hand out nothing for `seconds` (the server said when to come back); the bucket restarts empty."""
        self._refill(now)
        self._paused_until = max(self._paused_until, now + seconds)
        self._tokens = min(self._tokens, 0.0)
        self._updated = max(self._updated, self._paused_until)

    def statistics(self, now: float) -> FamilyStats:
        rate = self.rate(now)
        return FamilyStats(
            per_minute=None if rate is None else rate * 60.0,
            pinned=None if self.limit is None else self.limit.rate * 60.0,
            learned=self._plateau is not None,
            rate_limited=self.rate_limited,
            accepted=self.accepted,
            paced=self.paced,
            paced_seconds=self.paced_seconds,
        )


def poll_budget(
    polls_per_second: float | None, *, learn: bool = True, clock: Callable[[], float] = time.monotonic
) -> TokenBucket:
    """The poller's global budget: pinned to `polls_per_second` (bursts of 1/20 s of it), else learned."""
    if not polls_per_second:
        return TokenBucket(learn=learn, clock=clock)
    limit = RateLimit(polls_per_second, per=1.0, burst=max(1.0, polls_per_second / 20.0))
    return TokenBucket(limit, learn=learn, clock=clock)


class RequestLimiter:
    """The concurrency cap plus one `TokenBucket` per endpoint family (created on first use).

    `rate_limits` pins families (per minute, or `RateLimit`; the key `"*"` pins every family not named);
    the others start unpaced and learn from 429s. `learn=False` (the client's `rate_limits=None`)
    disables pacing and learning altogether.
    """

    def __init__(
        self,
        max_concurrency: int,
        rate_limits: Mapping[str, RateLimit | float] | None = None,
        *,
        learn: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._capacity = anyio.CapacityLimiter(max_concurrency)
        self._clock = clock
        self.learn = learn
        self._buckets: dict[str, TokenBucket] = {}
        self._default: RateLimit | None = None
        self._rate_limited = 0  # every 429, also of families that have no bucket
        for family, limit in (rate_limits or {}).items():
            if not isinstance(limit, RateLimit):
                limit = RateLimit(requests=float(limit))
            if family == "*":
                self._default = limit
            else:
                self._buckets[family] = TokenBucket(limit, learn=learn, clock=clock)

    def bucket(self, family: str) -> TokenBucket | None:
        """The family's bucket, created on first use when a `"*"` limit or learning applies to it."""
        bucket = self._buckets.get(family)
        if bucket is None and (self.learn or self._default is not None):
            bucket = self._buckets[family] = TokenBucket(self._default, learn=self.learn, clock=self._clock)
        return bucket

    @asynccontextmanager
    async def slot(self, family: str | None, cost: float = 1.0) -> AsyncIterator[float]:
        """Wait for the family's pace (None: no pacing, as for polls), then for a free request slot; hold
        the slot while inside. Yields the time the request may be sent (for `rate_limited`)."""
        bucket = self.bucket(family) if family is not None else None
        if bucket is not None:
            await bucket.acquire(cost)
        async with self._capacity:
            yield self._clock()

    async def wait_until_ready(self, family: str, cost: float = 1.0) -> None:
        """Wait until `family` could hand out `cost` units, without taking them.

        For callers that must not be interrupted once they start a request (a batch shields its paid
        submits from cancellation): they wait for the pace here, cancellably, and only then begin.
        """
        bucket = self.bucket(family)
        if bucket is not None:
            await bucket.wait_ready(cost)

    def accepted(self, family: str, cost: float = 1.0) -> None:
        """Record an answer that was not a 429."""
        bucket = self.bucket(family)
        if bucket is not None:
            bucket.on_accepted(cost, self._clock())

    def rate_limited(
        self, family: str, retry_after: float | None, *, cost: float = 1.0, sent_at: float | None = None
    ) -> None:
        """Record a 429 for `family` (the request was sent at `sent_at`): pause and learn."""
        self._rate_limited += 1
        bucket = self.bucket(family)
        if bucket is not None:
            now = self._clock()
            bucket.on_rate_limited(cost, now if sent_at is None else sent_at, retry_after, now)

    def statistics(self) -> LimiterStats:
        stats = self._capacity.statistics()
        now = self._clock()
        families = {name: b.statistics(now) for name, b in sorted(self._buckets.items())}
        return LimiterStats(
            in_flight=stats.borrowed_tokens,
            waiting=stats.tasks_waiting,
            max_concurrency=int(stats.total_tokens),
            rate_limited=self._rate_limited,
            paced=sum(f.paced for f in families.values()),
            paced_seconds=sum(f.paced_seconds for f in families.values()),
            families=families,
        )
