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

The sample is right-censored while a batch runs (its first completions are its shortest tasks), so the
model is a Kaplan-Meier estimate over completed durations and the ages of the tasks still running, with an
extrapolated tail past the largest completion; a first progress/eta answer counts as a sample at once.

Before anything is learned (`min_samples`), a few scouts per kind probe at `first_delay` and then at ages
growing by `growth`; the other tasks of the kind wait for the model the scouts build (a first batch would
otherwise pay a useless early poll per task). Intervals get a little jitter so tasks submitted together do
not poll together.
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
    * `scouts`, `park_delay`: while a kind is unlearned only `scouts` of its tasks probe like that; the
      others wait (at most `park_delay`, then they probe too) and are re-planned once the model is trusted.
    * `min_interval`, `max_interval`: bounds of the gap between two learned-schedule polls.
    * `quantile_step`: conditional probability of completion each learned-schedule poll aims at.
    * `informed_first_quantile`: where the first poll goes when the kind reports usable progress/eta.
    * `min_samples`, `max_samples`: completed durations needed before the learned schedule is trusted,
      and the size of the sliding sample kept per kind.
    * `margin`: seconds added after a predicted finish, plus a share of the prediction's horizon: a high
      quantile of this kind's past relative prediction errors once known, `margin_ratio` before.
    * `jitter`: relative spread of learned-schedule intervals (against synchronized bursts).
    * `polls_per_second`: global budget for the whole client (None: unbounded); over budget, the most
      overdue poll goes first. `max_concurrent_polls`: polls in flight at once.
    * `max_error_delay`: ceiling of the back-off after transient poll errors.
    """

    first_delay: float = 0.5
    min_interval: float = 0.05
    max_interval: float = 5.0
    growth: float = 1.5
    jitter: float = 0.1
    polls_per_second: float | None = None
    max_concurrent_polls: int = 64
    max_error_delay: float = 10.0
    quantile_step: float = 0.55
    informed_first_quantile: float = 0.4
    min_samples: int = 8
    max_samples: int = 1024
    margin: float = 0.005
    margin_ratio: float = 0.01
    scouts: int = 16
    park_delay: float = 4.0
    seed: int | None = None
    """Seed of the jitter and imputation randomness (tests); None: fresh."""


class DurationModel:
    """Submit-to-finish durations of one kind of task: a survival estimate that also counts the running.

    Completed durations go into a reservoir sample (not a sliding window: within a batch tasks complete in
    order of duration, so the latest completions are the longest). That alone is right-censored: while a
    batch runs, the first durations learned are the shortest, and a sample of them says nothing about the
    tasks still running. So the ages of the tracked tasks still running are kept too (`censor`), and the
    distribution is the Kaplan–Meier product-limit estimate over both. Past the largest completed duration
    the remaining mass is spread over a tail whose width extrapolates the estimate's own slope, never
    narrower than a share of the scale that shrinks as samples accumulate (few samples are not trusted).

    The estimate is a cached curve, rebuilt (O(reservoir)) only after a few per cent of its inputs
    changed, so queries are O(log n) however many tasks are tracked.
    """

    __slots__ = (
        "_dirty", "_live", "_rand", "_slots", "_sorted", "_surv", "_negsurv", "_tail", "_votes",
        "capacity", "errors", "informed", "min_samples", "observed",
    )

    def __init__(self, max_samples: int, rand: random.Random | None = None, *, min_samples: int = 8) -> None:
        self.capacity = max_samples
        self.min_samples = min_samples
        self._rand = rand or random.Random()
        self._slots: list[float] = []
        self._sorted: list[float] = []
        self._live: list[float] = []
        self._dirty = 1
        self._surv: list[float] = []
        self._negsurv: list[float] = []
        self._tail = 0.0
        self.informed = 0.0
        """Moving average of "completed tasks of this kind reported usable progress or eta"."""
        self.observed = 0
        """Samples ever offered (the reservoir itself is capped)."""
        self._votes = 0
        self.errors: list[float] = []
        """Recent relative errors of finish predictions, (actual - predicted) / predicted wait."""

    def __len__(self) -> int:
        return len(self._sorted)

    def add(self, duration: float, *, informed: bool | None) -> None:
        """Add one duration; `informed` says whether the task's running answers carried usable progress
        or eta (None: it was never seen running, so it says nothing about that)."""
        self.observed += 1
        self._dirty += 1
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

    def censor(self, old: float, new: float) -> None:
        """A tracked task known running at age `old` (0: not counted yet) is now known running at `new`
        (0: stop counting it)."""
        live = self._live
        if old > 0.0:
            i = bisect.bisect_left(live, old)
            if i < len(live) and live[i] == old:
                del live[i]
        if new > 0.0:
            bisect.insort(live, new)
        self._dirty += 1

    def below(self, limit: float) -> list[float]:
        """Samples no greater than `limit` (for imputing a finish the polls only bound from above)."""
        return self._sorted[: bisect.bisect_right(self._sorted, limit)]

    def _curve(self) -> None:
        """Rebuild the product-limit estimate at the completed durations, if enough changed."""
        s, live = self._sorted, self._live
        if self._dirty <= max(4, (len(s) + len(live)) // 32) and len(self._surv) == len(s):
            return
        self._dirty = 0
        n = len(s)
        w = self.observed / n if n else 1.0  # a completion in the reservoir stands for w of them
        surv: list[float] = []
        nlive = len(live)
        left = bisect.bisect_left
        value = 1.0
        for i, t in enumerate(s):
            at_risk = w * (n - i) + (nlive - left(live, t))
            value *= 1.0 - w / at_risk
            surv.append(value)
        self._surv = surv
        self._negsurv = [-v for v in surv]
        if n:
            last = surv[-1]
            spread = s[-1] - s[0]
            done = 1.0 - last
            width = last * spread / done if spread > 0.0 and done > 0.0 else s[-1]
            floor = 0.25 * s[-1] * min(1.0, self.min_samples / n)
            self._tail = min(s[-1], max(width, floor))

    def survival(self, age: float) -> float:
        """Estimated P(D > age) (a step function at the completed durations)."""
        self._curve()
        k = bisect.bisect_right(self._sorted, age)
        return self._surv[k - 1] if k else 1.0

    def conditional_quantile(self, age: float, q: float) -> float | None:
        """The duration `d` with P(D <= d | D > age) = q (None: nothing learned).

        Between completed durations the survival curve is interpolated linearly (from `age` to the first
        one above it); past the largest, the remaining mass is spread evenly over the extrapolated tail.
        """
        s = self._sorted
        if not s:
            return None
        self._curve()
        surv = self._surv
        k = bisect.bisect_right(s, age)
        at_age = surv[k - 1] if k else 1.0
        target = (1.0 - q) * at_age
        j = bisect.bisect_left(self._negsurv, -target, k)
        if j < len(s):
            t0, s0 = (age, at_age) if j == k else (s[j - 1], surv[j - 1])
            if s0 <= surv[j]:
                return s[j]
            return t0 + (s[j] - t0) * (s0 - target) / (s0 - surv[j])
        last = surv[-1]
        base = max(age, s[-1])
        return base + self._tail * (min(1.0, (last - target) / last) if last > 0.0 else q)

    def quantile(self, q: float) -> float | None:
        return self.conditional_quantile(-math.inf, q) if self._sorted else None

    def error_margin(self) -> float:
        """Relative safety margin after a predicted finish: a high quantile of recent prediction errors."""
        e = self.errors
        if len(e) < 8:
            return 0.0
        return sorted(e)[int(0.95 * (len(e) - 1))]


@dataclass(slots=True, eq=False)
class Tracking:
    """The poller's private notes on one tracked task (ages are seconds since `start`)."""

    key: tuple[str, str]
    start: float
    learn: bool = True
    gen: int = 0
    due: float = 0.0
    in_flight: bool = False
    errors: int = 0
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
    predicted_at: float = 0.0
    """When the current prediction was made (its horizon is `predicted - predicted_at`)."""
    censored: float = 0.0
    """The running age this task is counted at in its model's survival estimate (0: not counted)."""
    sampled: bool = False
    """Its predicted duration is already in the model (its completion adds nothing more)."""
    scout: bool = False
    """One of the few tasks that probe an unlearned kind while the others wait for what they find."""


class Cadence:
    """Computes due times from the policy, the server's hints and the learned duration models."""

    def __init__(self, policy: PollPolicy) -> None:
        self.policy = policy
        self._rand = random.Random(policy.seed)
        self.models: dict[tuple[str, str], DurationModel] = {}
        self._scouts: dict[tuple[str, str], int] = {}

    def model(self, key: tuple[str, str]) -> DurationModel:
        model = self.models.get(key)
        if model is None:
            p = self.policy
            model = self.models[key] = DurationModel(p.max_samples, self._rand, min_samples=p.min_samples)
        return model

    def _trusted(self, model: DurationModel | None) -> bool:
        return model is not None and model.observed >= self.policy.min_samples

    def _jittered(self, interval: float) -> float:
        return interval * (1.0 + self.policy.jitter * (self._rand.random() - 0.5))

    # --- schedule ----------------------------------------------------------------------------------

    def first_due(self, tr: Tracking) -> float:
        """Absolute time of a task's first poll (attached tasks: now, they may be done already).

        While a kind is unlearned, only `scouts` tasks of it probe; the others wait (at most
        `park_delay`) for the model their answers build, and are re-planned as soon as it is trusted.
        """
        if not tr.learn:
            return tr.start
        p = self.policy
        if not self._trusted(self.models.get(tr.key)):
            scouts = self._scouts.get(tr.key, 0)
            if scouts >= p.scouts:
                return tr.start + self._jittered(max(p.park_delay, p.first_delay))
            tr.scout = True
            self._scouts[tr.key] = scouts + 1
        return self._scheduled(tr, tr.start, first=True)

    def _scheduled(self, tr: Tracking, now: float, *, first: bool) -> float:
        """Learned (or cold-start) schedule, ignoring per-task hints.

        The condition is what we *know*: still running at `running_age` (the last answer), not at the
        current age; a task nobody has polled may well be done already.
        """
        p = self.policy
        known = tr.running_age
        model = self.models.get(tr.key)
        if model is None or not self._trusted(model):
            target = p.first_delay if first else max(known * p.growth, known + p.min_interval)
            return max(now, tr.start + known + self._jittered(target - known))
        q = p.informed_first_quantile if first and model.informed >= 0.5 else p.quantile_step
        target_d = model.conditional_quantile(known, q)
        gap = p.min_interval if target_d is None else max(p.min_interval, target_d - known)
        return max(now, tr.start + known + min(p.max_interval, self._jittered(gap)))

    def next_due(self, tr: Tracking, now: float) -> float:
        """After a non-terminal answer at `now`: just after the predicted finish if there is one (by a
        margin sized from this kind's past prediction errors), else scheduled."""
        p = self.policy
        if tr.predicted is not None:
            wait = tr.predicted - now
            floor = p.margin if tr.misses == 0 else p.min_interval * 2.0 ** (tr.misses - 1)
            model = self.models.get(tr.key)
            ratio = p.margin_ratio if model is None or len(model.errors) < 8 else model.error_margin()
            gap = max(floor, wait + p.margin + max(-0.5, ratio) * max(0.0, tr.predicted - tr.predicted_at))
            return now + min(p.max_interval, gap)
        return self._scheduled(tr, now, first=False)

    def replan(self, tr: Tracking, now: float) -> float | None:
        """A better due time for a waiting task after its model improved (None: keep the current one)."""
        if tr.predicted is not None or tr.in_flight or not tr.learn:
            return None
        return self._scheduled(tr, now, first=tr.running_age == 0.0)

    # --- learning ----------------------------------------------------------------------------------

    def _crossed(self, model: DurationModel) -> bool:
        """True when the model just crossed a re-planning threshold (trusted, then each doubling)."""
        n = model.observed
        return n >= self.policy.min_samples and (n & (n - 1)) == 0 or n == self.policy.min_samples

    def observe(self, tr: Tracking, update: TaskUpdate, at: float) -> bool:
        """Record a non-terminal answer observed at time `at` and update the finish prediction.

        True when the kind's model crossed a re-planning threshold (a first prediction counts as a sample).
        """
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
        if predicted is not None and predicted != tr.predicted:
            tr.predicted_at = at
        tr.predicted = predicted
        if not tr.learn or tr.sampled:
            return False
        model = self.model(tr.key)
        if predicted is not None and predicted > tr.start:
            # Known well enough now: a sample at once, no longer a censored observation.
            model.censor(tr.censored, 0.0)
            tr.censored = 0.0
            tr.sampled = True
            model.add(predicted - tr.start, informed=True)
            return self._crossed(model)
        model.censor(tr.censored, tr.running_age)
        tr.censored = tr.running_age
        return False

    def completed(self, tr: Tracking, update: TaskUpdate, at: float) -> bool:
        """Learn from a task that finished; True when its model crossed a re-planning threshold."""
        if not tr.learn:
            return False
        model = self.model(tr.key)
        self.forget(tr)
        if update.status is not TaskStatus.SUCCEEDED:
            return False
        lo, hi = tr.running_age, max(tr.running_age, at - tr.start)
        if tr.predicted is not None and update.server_duration is not None and tr.predicted > tr.predicted_at:
            errors = model.errors
            errors.append((tr.start + update.server_duration - tr.predicted) / (tr.predicted - tr.predicted_at))
            if len(errors) > 64:
                del errors[0]
        if tr.sampled:
            return False
        duration: float
        if update.server_duration is not None:
            duration = min(hi, max(lo, update.server_duration))
        elif tr.predicted is not None and lo <= tr.predicted - tr.start <= hi:
            duration = tr.predicted - tr.start
        else:
            pool = [d for d in model.below(hi) if d > lo]
            duration = self._rand.choice(pool) if pool else self._rand.uniform(lo, hi)
        model.add(duration, informed=tr.informed if tr.running_age > 0.0 else None)
        return self._crossed(model)

    def forget(self, tr: Tracking) -> None:
        """The task is no longer tracked (finished, cancelled, timed out): stop counting it."""
        if tr.censored > 0.0:
            self.model(tr.key).censor(tr.censored, 0.0)
            tr.censored = 0.0
        if tr.scout:
            tr.scout = False
            self._scouts[tr.key] -= 1

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
