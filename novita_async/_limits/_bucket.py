"""`TokenBucket`: the one pacing type of the client (endpoint families, the poller's budget), whose rate
is pinned, learned from 429s, or not known yet. See the package docstring for how the pace is learned."""

from __future__ import annotations

import collections
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import anyio

from .._constants import (
    LEARNED_BURST,
    MAX_RETRY_AFTER,
    RATE_BLIND_PAUSE,
    RATE_FLOOR,
    RATE_HEADROOM,
    RATE_HORIZON,
    RATE_RECENT_UNITS,
    RATE_SAMPLE_UNITS,
)
from ._rules import RateLimit, cubic_rate, plateau_after_429, probe_period

__all__ = ("FamilyStats", "TokenBucket")


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
        self._held_since: float | None = None  # the head of the queue has been held back since then
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
        """0 and spend `cost` if it may go now, else the seconds to wait (nothing spent).

        Callers ask again after waiting (FIFO: `acquire`, or the poller's loop), so a request held back
        is counted once, with the time it was held, when it finally goes."""
        wait = self.delay(cost, now)
        if wait > 0:
            if self._held_since is None:
                self._held_since = now
            return wait
        if self.rate(now) is not None:
            self._tokens -= cost
        if self._held_since is not None:
            self.paced += 1
            self.paced_seconds += now - self._held_since
            self._held_since = None
        return wait

    async def acquire(self, cost: float = 1.0) -> float:
        """Take `cost` units, sleeping as needed (FIFO through a lock). Returns the seconds waited."""
        if self._plateau is None and self.limit is None and self._paused_until <= self._clock():
            return 0.0  # unpaced, not paused: no lock, no overhead
        async with self._lock:
            started = self._clock()
            while (wait := self.take(cost, self._clock())) > 0:  # noqa: ASYNC110 - time-based: no event
                await anyio.sleep(wait)
            return self._clock() - started

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
