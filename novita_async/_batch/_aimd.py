"""The submit lane: a semaphore whose size follows AIMD (additive increase, multiplicative decrease).

Why: an account's real rate limit is not known in advance (the documented defaults differ per account).
A 429 halves the number of concurrent submits and pauses the lane; every success grows it back by about
one slot per round, so the batch settles just under what the server accepts instead of hammering it.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable

import anyio

__all__ = ("AIMDLimiter",)


class AIMDLimiter:
    """Up to `capacity` holders at once; `capacity` moves between `minimum` and `maximum`."""

    def __init__(
        self,
        maximum: int,
        *,
        minimum: int = 1,
        decrease: float = 0.5,
        default_pause: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if maximum < 1:
            raise ValueError("maximum must be >= 1")
        self.maximum = maximum
        self.minimum = max(1, min(minimum, maximum))
        self.limit = float(maximum)
        self.min_limit = self.limit
        self.decreases = 0
        self._decrease = decrease
        self._default_pause = default_pause
        self._clock = clock
        self._in_use = 0
        self._paused_until = 0.0
        self._waiters: collections.deque[anyio.Event] = collections.deque()

    @property
    def capacity(self) -> int:
        return max(self.minimum, int(self.limit))

    @property
    def in_use(self) -> int:
        return self._in_use

    async def acquire(self) -> None:
        """Take a slot (FIFO), then wait out any pause: a paused lane sends nothing."""
        if self._in_use < self.capacity and not self._waiters:
            self._in_use += 1
        else:
            granted = anyio.Event()
            self._waiters.append(granted)
            try:
                await granted.wait()
            except BaseException:
                if granted.is_set():
                    self.release()
                else:
                    self._waiters.remove(granted)
                raise
        try:
            # A loop, not an Event: another 429 may extend the pause while we sleep.
            while (delay := self._paused_until - self._clock()) > 0:  # noqa: ASYNC110
                await anyio.sleep(delay)
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        self._in_use -= 1
        self._grant()

    def _grant(self) -> None:
        while self._waiters and self._in_use < self.capacity:
            self._in_use += 1
            self._waiters.popleft().set()

    def on_success(self) -> None:
        """Additive increase: +1 slot after about `limit` successes."""
        if self.limit < self.maximum:
            self.limit = min(float(self.maximum), self.limit + 1.0 / self.limit)
            self._grant()

    def on_rate_limited(self, retry_after: float | None) -> None:
        """Multiplicative decrease and a pause; 429s arriving during the pause only extend it.

        Several submits in flight usually hit the same limit together: shrinking once per pause keeps one
        burst of 429s from collapsing the lane to its minimum.
        """
        now = self._clock()
        if now >= self._paused_until:
            self.limit = max(float(self.minimum), self.limit * self._decrease)
            self.min_limit = min(self.min_limit, self.limit)
            self.decreases += 1
        pause = retry_after if retry_after is not None else self._default_pause
        self._paused_until = max(self._paused_until, now + pause)
