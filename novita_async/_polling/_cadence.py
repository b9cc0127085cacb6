"""When to poll a task next: pure arithmetic over times passed in, so it is testable without waiting.

The yardstick is the physical limit: one poll arriving the instant the task finishes. Two sources of
knowledge get us close to it:

* **What the server says about this task.** A positive `eta`, or a `progress_percent` that moves, lets us
  predict the finish (eta directly; progress by extrapolating its rate between two polls, or from the
  task's start with one). The next poll then goes just after the predicted instant. Image tasks often
  report 0 for both: such answers are ignored, not believed.
* **What finished before.** Per task kind and endpoint we keep an empirical sample of submit-to-finish
  durations (from the server's own `debug_info` stamps when present, else imputed inside the interval the
  polls bracket). Given that a task is still running at age `a`, the next poll goes where the conditional
  probability of having finished reaches `quantile_step`. For durations uniform on an interval, a step of
  1/2 gives 2 polls per task and a mean lag of 1/6 of the spread, which is the optimum for 2 polls.
  Where the server is known to report usable progress, the *first* poll goes at the (earlier)
  `informed_first_quantile`, because one answer then pins the finish down for the rest.

Before anything is learned (`min_samples`), a cold-start probe polls at `first_delay` and then at ages
growing by `growth`. Intervals get a little jitter so tasks submitted together do not poll together.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field
from typing import Any

from .._errors import RateLimitError
from ._status import TaskStatus, TaskUpdate

__all__ = ("Cadence", "DurationModel", "PollPolicy", "Tracking")


@dataclass(frozen=True)
class PollPolicy:
    """How the poller spends requests.

    * `first_delay`, `growth`: cold start (nothing learned for this kind yet): first poll after
      `first_delay`, then each poll at `growth` × the age of the previous one.
    * `min_interval`, `max_interval`: bounds of the gap between two learned-schedule polls.
    * `quantile_step`: conditional probability of completion each learned-schedule poll aims at.
    * `informed_first_quantile`: where the first poll goes when the kind reports usable progress/eta.
    * `min_samples`, `max_samples`: completed durations needed before the learned schedule is trusted,
      and the size of the sliding sample kept per kind.
    * `margin`: seconds added after a predicted finish (plus `margin_ratio` of the predicted wait).
    * `jitter`: relative spread of learned-schedule intervals (against synchronized bursts).
    * `polls_per_second`: global budget for the whole client (None: unbounded); over budget, the most
      overdue poll goes first. `max_concurrent_polls`: polls in flight at once.
    * `max_error_delay`: ceiling of the back-off after transient poll errors.
    * `poll_timeout`: seconds one status read may take before it is abandoned (and retried like any
      transient error): a status answer is small, so a slow one holds a poll slot briefly, never the
      poller. It doubles for a task whose polls keep timing out (from the third in a row), up to
      `max_poll_timeout`, so a server that is slow but answering is still heard.
    """

    first_delay: float = 0.5
    min_interval: float = 0.05
    max_interval: float = 5.0
    growth: float = 1.5
    jitter: float = 0.1
    polls_per_second: float | None = None
    max_concurrent_polls: int = 64
    max_error_delay: float = 10.0
    poll_timeout: float = 3.0
    max_poll_timeout: float = 60.0
    quantile_step: float = 0.55
    informed_first_quantile: float = 0.4
    min_samples: int = 8
    max_samples: int = 1024
    margin: float = 0.005
    margin_ratio: float = 0.01
    seed: int | None = None
    """Seed of the jitter and imputation randomness (tests); None: fresh."""


class DurationModel:
    """A reservoir sample of submit-to-finish durations for one kind of task, kept sorted for quantiles.

    A reservoir, not a sliding window: within a batch, tasks complete in order of duration, so the most
    recent completions are the longest ones, and a window of them would bias the model mid-run.
    """

    __slots__ = ("_rand", "_slots", "_sorted", "_votes", "capacity", "informed", "observed")

    def __init__(self, max_samples: int, rand: random.Random | None = None) -> None:
        self.capacity = max_samples
        self._rand = rand or random.Random()
        self._slots: list[float] = []
        self._sorted: list[float] = []
        self.informed = 0.0
        """Moving average of "completed tasks of this kind reported usable progress or eta"."""
        self.observed = 0
        """Samples ever offered (the reservoir itself is capped)."""
        self._votes = 0

    def __len__(self) -> int:
        return len(self._sorted)

    def add(self, duration: float, *, informed: bool | None) -> None:
        """Add one duration; `informed` says whether the task's running answers carried usable progress
        or eta (None: it was never seen running, so it says nothing about that)."""
        self.observed += 1
        if len(self._slots) < self.capacity:
            self._slots.append(duration)
            bisect.insort(self._sorted, duration)
        else:
            j = self._rand.randrange(self.observed)
            if j < self.capacity:
                del self._sorted[bisect.bisect_left(self._sorted, self._slots[j])]
                self._slots[j] = duration
                bisect.insort(self._sorted, duration)
        if informed is not None:
            self._votes += 1
            weight = max(0.05, 1.0 / self._votes)
            self.informed += weight * ((1.0 if informed else 0.0) - self.informed)

    def below(self, limit: float) -> list[float]:
        """Samples no greater than `limit` (for imputing a finish the polls only bound from above)."""
        return self._sorted[: bisect.bisect_right(self._sorted, limit)]

    def conditional_quantile(self, age: float, q: float) -> float | None:
        """The duration `d` with P(D <= d | D > age) = q, interpolated; None past the largest sample.

        The conditional CDF is piecewise linear through (age, 0) and the i-th sample above `age` at i/m.
        """
        s = self._sorted
        i0 = bisect.bisect_right(s, age)
        m = len(s) - i0
        if m <= 0:
            return None
        k = q * m
        j = max(1, math.ceil(k))
        hi = s[i0 + j - 1]
        lo = age if j == 1 else s[i0 + j - 2]
        return lo + (hi - lo) * (k - (j - 1))

    def quantile(self, q: float) -> float | None:
        return self.conditional_quantile(-math.inf, q) if self._sorted else None


@dataclass(slots=True, eq=False)
class Tracking:
    """The poller's private notes on one tracked task (ages are seconds since `start`)."""

    key: tuple[str, str]
    start: float
    learn: bool = True
    not_before: float = 0.0
    """No poll before this time: a pushed result (webhook) is expected first. 0: no such hold."""
    recheck: float = 0.0
    """While held: seconds from a poll that found the task running to the next (its event is still to
    come, so the poller only checks it is not lost). 0: the cadence decides."""
    gen: int = 0
    due: float = 0.0
    in_flight: bool = False
    errors: int = 0
    timeouts: int = 0
    """Consecutive polls of this task that timed out (their timeout doubles)."""
    scope: Any = None
    """The cancel scope of the poll in flight (the poller cancels it when the task ends meanwhile)."""
    misses: int = 0
    predicted: float | None = None
    """Absolute time the server's eta/progress says the task finishes."""
    running_age: float = 0.0
    """Age at the last answer that was not terminal (0: none yet)."""
    queued_age: float = 0.0
    """Age at the last QUEUED answer (progress counts from after it)."""
    informed: bool = False
    points: list[tuple[float, float]] = field(default_factory=list)
    """(time, fraction) of the first and the latest informative progress readings."""


class Cadence:
    """Computes due times from the policy, the server's hints and the learned duration models."""

    def __init__(self, policy: PollPolicy) -> None:
        self.policy = policy
        self._rand = random.Random(policy.seed)
        self.models: dict[tuple[str, str], DurationModel] = {}

    def model(self, key: tuple[str, str]) -> DurationModel:
        model = self.models.get(key)
        if model is None:
            model = self.models[key] = DurationModel(self.policy.max_samples, self._rand)
        return model

    def _jittered(self, interval: float) -> float:
        return interval * (1.0 + self.policy.jitter * (self._rand.random() - 0.5))

    # --- schedule ----------------------------------------------------------------------------------

    def first_due(self, tr: Tracking) -> float:
        """Absolute time of a task's first poll (attached tasks: now, they may be done already)."""
        if not tr.learn:
            return tr.start
        return self._scheduled(tr, tr.start, first=True)

    def _scheduled(self, tr: Tracking, now: float, *, first: bool) -> float:
        """Learned (or cold-start) schedule, ignoring per-task hints.

        The condition is what we *know*: still running at `running_age` (the last answer), not at the
        current age; a task nobody has polled may well be done already.
        """
        p = self.policy
        known = tr.running_age
        model = self.models.get(tr.key)
        if model is None or len(model) < p.min_samples:
            target = p.first_delay if first else max(known * p.growth, known + p.min_interval)
            return max(now, tr.start + known + self._jittered(target - known))
        q = p.informed_first_quantile if first and model.informed >= 0.5 else p.quantile_step
        target_d = model.conditional_quantile(known, q)
        if target_d is None:  # older than anything seen: probe the tail, sparser as it ages
            gap = max(p.min_interval, 0.1 * known)
        else:
            gap = max(p.min_interval, target_d - known)
        return max(now, tr.start + known + min(p.max_interval, self._jittered(gap)))

    def next_due(self, tr: Tracking, now: float) -> float:
        """After a non-terminal answer at `now`: at the predicted finish if there is one, else scheduled."""
        p = self.policy
        if tr.predicted is not None:
            wait = tr.predicted - now
            floor = p.margin if tr.misses == 0 else p.min_interval * 2.0 ** (tr.misses - 1)
            gap = max(floor, wait + p.margin + p.margin_ratio * max(0.0, wait))
            return now + min(p.max_interval, gap)
        return self._scheduled(tr, now, first=False)

    def replan(self, tr: Tracking, now: float) -> float | None:
        """A better due time for a waiting task after its model improved (None: keep the current one)."""
        if tr.predicted is not None or tr.in_flight or not tr.learn:
            return None
        return self._scheduled(tr, now, first=tr.running_age == 0.0)

    # --- learning ----------------------------------------------------------------------------------

    def observe(self, tr: Tracking, update: TaskUpdate, at: float) -> None:
        """Record a non-terminal answer observed at time `at` and update the finish prediction."""
        age = at - tr.start
        if tr.predicted is not None and at >= tr.predicted:
            tr.misses += 1
        tr.running_age = max(tr.running_age, age)
        if update.status is TaskStatus.QUEUED:
            tr.queued_age = age
        predicted: float | None = None
        if update.eta is not None and update.eta > 0:
            predicted = at + update.eta
            tr.informed = True
        pct = update.progress_percent
        if pct is not None and 0.0 < pct < 100.0 and update.status is TaskStatus.PROCESSING:
            frac = pct / 100.0
            pts = tr.points
            if not pts or (frac > pts[-1][1] and len(pts) == 1):
                pts.append((at, frac))
            elif frac > pts[-1][1]:
                pts[1] = (at, frac)
            if len(pts) == 2:
                (t1, f1), (t2, f2) = pts
                by_rate = t2 + (1.0 - f2) * (t2 - t1) / (f2 - f1)
            else:
                begun = tr.start + tr.queued_age
                (t1, f1) = pts[0]
                by_rate = begun + (t1 - begun) / f1
            predicted = by_rate if predicted is None else min(predicted, by_rate)
            tr.informed = True
        tr.predicted = predicted

    def completed(self, tr: Tracking, update: TaskUpdate, at: float) -> bool:
        """Learn from a task that finished; True when its model crossed a re-planning threshold."""
        if not tr.learn or update.status is not TaskStatus.SUCCEEDED:
            return False
        lo, hi = tr.running_age, max(tr.running_age, at - tr.start)
        model = self.model(tr.key)
        duration: float
        if update.server_duration is not None:
            duration = min(hi, max(lo, update.server_duration))
        elif tr.predicted is not None and lo <= tr.predicted - tr.start <= hi:
            duration = tr.predicted - tr.start
        else:
            pool = [d for d in model.below(hi) if d > lo]
            duration = self._rand.choice(pool) if pool else self._rand.uniform(lo, hi)
        model.add(duration, informed=tr.informed if tr.running_age > 0.0 else None)
        n = model.observed
        return n >= self.policy.min_samples and (n & (n - 1)) == 0 and len(model) == n

    def poll_timeout(self, tr: Tracking) -> float:
        """Seconds the next poll of `tr` may take."""
        p = self.policy
        # Only a run of timeouts doubles it: isolated slow answers are the common case and cost one
        # short timeout each, while a server (or task) that is always slower than `poll_timeout` is
        # still heard after a few tries.
        return min(p.max_poll_timeout, p.poll_timeout * 2.0 ** min(max(0, tr.timeouts - 2), 16))

    def error_due(self, tr: Tracking, now: float, exc: BaseException) -> float:
        """After a transient poll error: honour `Retry-After`, else exponential back-off with jitter."""
        if isinstance(exc, RateLimitError) and exc.retry_after is not None:
            return now + exc.retry_after
        p = self.policy
        ceiling = min(p.max_error_delay, max(p.min_interval, 0.05) * 2.0**tr.errors)
        return now + self._rand.uniform(ceiling / 2, ceiling)

    def describe(self) -> dict[str, Any]:
        """Per-kind model summary (benchmarks, debugging)."""
        return {
            f"{k[0]} {k[1]}": {"n": len(m), "p50": m.quantile(0.5), "informed": round(m.informed, 2)}
            for k, m in self.models.items()
        }
