"""When to poll a task next. Pure arithmetic over a clock, so it can be tested without waiting."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .._errors import RateLimitError
from ._status import TaskUpdate

__all__ = ("Cadence", "PollPolicy")


@dataclass(frozen=True)
class PollPolicy:
    """How the poller spends requests.

    `first_delay` is the wait before the first poll; afterwards the interval grows by `growth` from
    `min_interval` up to `max_interval`. `polls_per_second` caps the whole client's polling rate (None:
    no cap) and `max_concurrent_polls` the polls in flight at once.
    """

    first_delay: float = 0.5
    min_interval: float = 0.25
    max_interval: float = 5.0
    growth: float = 1.3
    jitter: float = 0.1
    polls_per_second: float | None = None
    max_concurrent_polls: int = 32
    max_error_delay: float = 10.0


class Cadence:
    """Computes due times from the policy and from what the service tells us (eta)."""

    def __init__(self, policy: PollPolicy, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self._clock = clock
        self._rand = random.Random()

    def _jittered(self, delay: float) -> float:
        spread = self.policy.jitter
        return delay * (1.0 + spread * (2.0 * self._rand.random() - 1.0))

    def first_delay(self, task: Any) -> float:
        return self._jittered(self.policy.first_delay)

    def next_delay(self, task: Any, update: TaskUpdate) -> float:
        policy = self.policy
        if update.eta:
            return max(policy.min_interval, min(policy.max_interval, update.eta))
        step = max(policy.min_interval, policy.min_interval * policy.growth ** max(0, task.polls - 1))
        return self._jittered(min(policy.max_interval, step))

    def error_delay(self, errors: int, exc: BaseException) -> float:
        if isinstance(exc, RateLimitError) and exc.retry_after is not None:
            return exc.retry_after
        ceiling = min(self.policy.max_error_delay, self.policy.min_interval * 2.0**errors)
        return self._rand.uniform(ceiling / 2, ceiling)

    def observe_done(self, task: Any, now: float) -> None:
        """Called when a task resolves; a learning cadence uses it to model durations."""
