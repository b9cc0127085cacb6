"""Client-wide limits: how many requests run at once, and how fast each endpoint family is called.

Two mechanisms, both shared by every coroutine using one client:

* a concurrency cap (`anyio.CapacityLimiter`) on HTTP requests in flight, so ten thousand awaiting tasks
  never open ten thousand sockets;
* a token bucket per endpoint family (e.g. `txt2img`), so a large batch stays under the account's
  per-minute limits instead of hammering 429s. When the server does answer 429, the *whole family*
  pauses (not just the coroutine that got it), for `Retry-After` or a default pause.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

import anyio

from ._constants import RATE_LIMIT_PAUSE

__all__ = ("LimiterStats", "RateLimit", "RequestLimiter", "TokenBucket")


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
class LimiterStats:
    """A snapshot of the limiter, for tests, benchmarks and progress displays."""

    in_flight: int
    waiting: int
    max_concurrency: int
    rate_limited: int
    """How many 429 answers paused a family so far."""
    paced: int
    """How many requests had to wait for a token."""


class TokenBucket:
    """A token bucket that also supports pausing (after a 429). Time comes from `clock`."""

    def __init__(self, limit: RateLimit, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._capacity = limit.burst if limit.burst is not None else max(1.0, limit.requests)
        self._tokens = self._capacity
        self._updated = clock()
        self._paused_until = 0.0
        self._lock = anyio.Lock()

    def _refill(self, now: float) -> None:
        if now > self._updated:
            self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self.limit.rate)
            self._updated = now

    def delay_for(self, cost: float = 1.0) -> float:
        """Seconds until `cost` tokens are available (0 if now). Does not take them."""
        now = self._clock()
        self._refill(now)
        pause = max(0.0, self._paused_until - now)
        missing = max(0.0, cost - self._tokens)
        return max(pause, missing / self.limit.rate)

    async def acquire(self, cost: float = 1.0) -> bool:
        """Take `cost` tokens, sleeping as needed (FIFO through a lock). True if it had to wait."""
        waited = False
        async with self._lock:
            while (delay := self.delay_for(cost)) > 0:
                waited = True
                await anyio.sleep(delay)
            self._tokens -= cost
        return waited

    def pause(self, seconds: float) -> None:
        """Stop handing out tokens for `seconds` and drain the bucket (the server says we are too fast)."""
        now = self._clock()
        self._refill(now)
        self._paused_until = max(self._paused_until, now + seconds)
        # Empty bucket, refilling only from the end of the pause: no burst the moment it lifts.
        self._tokens = min(self._tokens, 0.0)
        self._updated = self._paused_until


class RequestLimiter:
    """The concurrency cap plus one `TokenBucket` per endpoint family."""

    def __init__(
        self,
        max_concurrency: int,
        rate_limits: Mapping[str, RateLimit | float] | None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._capacity = anyio.CapacityLimiter(max_concurrency)
        self._clock = clock
        self._buckets: dict[str, TokenBucket] = {}
        for family, limit in (rate_limits or {}).items():
            if not isinstance(limit, RateLimit):
                limit = RateLimit(requests=float(limit))
            self._buckets[family] = TokenBucket(limit, clock=clock)
        self._rate_limited = 0
        self._paced = 0

    def bucket(self, family: str) -> TokenBucket | None:
        return self._buckets.get(family)

    @asynccontextmanager
    async def slot(self, family: str, cost: float = 1.0) -> AsyncIterator[None]:
        """Wait for the family's pace, then for a free request slot; hold the slot while inside."""
        bucket = self._buckets.get(family)
        if bucket is not None and await bucket.acquire(cost):
            self._paced += 1
        async with self._capacity:
            yield

    async def wait_until_ready(self, family: str, cost: float = 1.0) -> None:
        """Wait until `family` could hand out `cost` tokens, without taking them.

        For callers that must not be interrupted once they start a request (a batch shields its paid
        submits from cancellation): they wait for the pace here, cancellably, and only then begin.
        """
        bucket = self._buckets.get(family)
        if bucket is None:
            return
        while (delay := bucket.delay_for(cost)) > 0:  # noqa: ASYNC110 - time-based: no event to wait on
            await anyio.sleep(delay)

    def rate_limited(self, family: str, retry_after: float | None) -> None:
        """Record a 429 for `family`: pause the whole family, creating a pacing bucket if it had none."""
        self._rate_limited += 1
        bucket = self._buckets.get(family)
        if bucket is None:
            # An unpaced family that got a 429 gets a bucket only so that it can be paused; its rate is
            # high enough never to pace on its own.
            bucket = self._buckets[family] = TokenBucket(
                RateLimit(requests=1000.0, per=1.0), clock=self._clock
            )
        bucket.pause(retry_after if retry_after is not None else RATE_LIMIT_PAUSE)

    def statistics(self) -> LimiterStats:
        stats = self._capacity.statistics()
        return LimiterStats(
            in_flight=stats.borrowed_tokens,
            waiting=stats.tasks_waiting,
            max_concurrency=int(stats.total_tokens),
            rate_limited=self._rate_limited,
            paced=self._paced,
        )
