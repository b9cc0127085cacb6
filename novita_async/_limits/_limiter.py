"""`RequestLimiter`: the client-wide concurrency cap plus one `TokenBucket` per endpoint family."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import anyio

from ._bucket import FamilyStats, TokenBucket
from ._rules import RateLimit

__all__ = ("LimiterStats", "RequestLimiter", "poll_budget")


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


def poll_budget(
    polls_per_second: float | None, *, learn: bool = True, clock: Callable[[], float] = time.monotonic
) -> TokenBucket:
    """The poller's global budget: pinned to `polls_per_second` (bursts of 1/20 s of it), else learned."""
    if not polls_per_second:
        return TokenBucket(learn=learn, clock=clock)
    limit = RateLimit(polls_per_second, per=1.0, burst=max(1.0, polls_per_second / 20.0))
    return TokenBucket(limit, learn=learn, clock=clock)


class _Slot:
    """`RequestLimiter.slot`: a plain class, not `@asynccontextmanager` (every request enters one, and a
    generator-based context manager costs several times more CPU to enter and leave)."""

    __slots__ = ("_cost", "_family", "_limiter")

    def __init__(self, limiter: RequestLimiter, family: str | None, cost: float) -> None:
        self._limiter = limiter
        self._family = family
        self._cost = cost

    async def __aenter__(self) -> float:
        limiter = self._limiter
        bucket = limiter.bucket(self._family) if self._family is not None else None
        if bucket is not None:
            await bucket.acquire(self._cost)
        capacity = limiter._capacity
        try:  # a free slot is taken without a trip through the event loop (most requests: polls)
            capacity.acquire_nowait()
        except anyio.WouldBlock:
            await capacity.acquire()
        return limiter._clock()

    async def __aexit__(self, *exc_info: object) -> None:
        self._limiter._capacity.release()


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

    def slot(self, family: str | None, cost: float = 1.0) -> _Slot:
        """Wait for the family's pace (None: no pacing, as for polls), then for a free request slot; hold
        the slot while inside (`async with`). Yields the time the request may be sent (for `rate_limited`)."""
        return _Slot(self, family, cost)

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
