"""When to poll a task next: pure arithmetic over times passed in, so it is testable without waiting.

The yardstick is twofold. The physical limit is one poll arriving the instant the task finishes; the
floor is what a user writes by hand, a poll every 0.5 s, and the cadence must never do worse than that
on either axis (polls per task, detection lag), on any workload, from a cold start.

* **What the server says about this task.** A positive `eta` or a `progress_percent` that moves, while
  the task is PROCESSING, predicts its finish (eta directly; progress by extrapolating its rate between
  two polls, or from the moment it started with one). The next poll goes just after that instant. Image
  tasks often report 0 for both: such answers are ignored, not believed. An eta quoted while QUEUED is
  an estimate from a queue position, so it only bounds how long to wait before looking again.
* **When the clock started.** A task's duration is counted from when it began PROCESSING (the server's
  `debug_info` stamps say when; else the last QUEUED answer bounds it), so time spent queued behind a
  capacity limit does not blur what is learned.
* **What finished before**, per task kind, endpoint and model (a 4-step turbo model and a 50-step SDXL
  model share an endpoint, not a duration): an empirical sample of processing durations, from the server's
  stamps when present, else imputed inside the interval the polls bracket. Tasks still running teach too:
  the first progress/eta answer of a task is a sample at once, so the first answers of a batch place the
  first polls of the rest. Given a task still running at age `a`, the next poll goes where the conditional
  probability of having finished reaches `quantile_step` (for a uniform spread, a step of 1/2 is the
  optimum for 2 polls), but never more than `interval` (0.45 s) after finishing became plausible (the
  conditional `plausible` quantile): time where nothing finishes is skipped, time where tasks do finish is
  watched at least as closely as the hand-written loop would. Past everything seen, polls go every
  `interval`.

Before `min_samples` durations are known, polls go every `interval` from `first_delay` (the hand-written
loop, less its useless poll at submit time). Intervals get a little jitter so tasks submitted together do
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

    * `interval`: the pace kept wherever nothing better is known (before anything is learned, past
      everything seen, while QUEUED), and the longest gap after the stretch in which nothing finishes;
      a little under the hand-written loop's 0.5 s, as margin for network latency and for what skipping
      costs. Never more than `max_interval`.
    * `first_delay`: first poll of a task of a kind nothing is known about yet.
    * `min_interval`, `max_interval`: bounds of the gap between two learned-schedule polls.
    * `quantile_step`: conditional probability of completion each learned-schedule poll aims at.
    * `plausible`: conditional probability of completion from which finishing counts as plausible.
    * `informed_first_quantile`: where the first poll goes when the kind reports usable progress/eta.
    * `min_samples`, `max_samples`: durations needed before the learned schedule is trusted, and the
      size of the sample kept per kind.
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

    interval: float = 0.45
    first_delay: float = 0.5
    min_interval: float = 0.05
    max_interval: float = 5.0
    jitter: float = 0.1
    polls_per_second: float | None = None
    max_concurrent_polls: int = 64
    max_error_delay: float = 10.0
    poll_timeout: float = 3.0
    max_poll_timeout: float = 60.0
    quantile_step: float = 0.55
    plausible: float = 0.01
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

    def plausible(self, age: float, q: float) -> float | None:
        """The `q` quantile of the samples above `age`, without interpolating down to `age` (with few
        samples, the smallest one above it): the age before which finishing is not yet plausible."""
        s = self._sorted
        i0 = bisect.bisect_right(s, age)
        m = len(s) - i0
        if m <= 0:
            return None
        return s[i0 + max(0, math.ceil(q * m) - 1)]

    def count_above(self, age: float) -> int:
        return len(self._sorted) - bisect.bisect_right(self._sorted, age)

    def quantile(self, q: float) -> float | None:
        return self.conditional_quantile(-math.inf, q) if self._sorted else None


Key = tuple[str, str, str]
"""What durations are learned for: (task kind, submit endpoint, model name)."""


@dataclass(slots=True, eq=False)
class Tracking:
    """The poller's private notes on one tracked task (absolute times in the poller's clock)."""

    key: Key
    start: float
    """When it was submitted."""
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
    """The poll in flight, an asyncio task (the poller cancels it when the task ends meanwhile)."""
    timed_out: bool = False
    """The poll in flight was abandoned at its timeout."""
    misses: int = 0
    predicted: float | None = None
    """When the server's eta/progress says the task finishes."""
    window: tuple[float, float] | None = None
    """Where whole-second etas place the finish (see `Cadence._from_eta`)."""
    known: float = 0.0
    """Time of the last answer (0: none yet)."""
    running: bool = False
    """The last answer was not QUEUED (PROCESSING or a status we do not know)."""
    queued_at: float = 0.0
    """Time of the last QUEUED answer (0: none)."""
    begun: float | None = None
    """When PROCESSING began, from the server's stamps (None: not reported)."""
    queue_eta: float = 0.0
    """The eta of the last QUEUED answer (0: none)."""
    informed: bool = False
    sampled: bool = False
    """A predicted duration of this task already went into its model."""
    at_risk: float | None = None
    """The origin under which this task is listed among its kind's running tasks (None: not listed)."""
    known_before: int = 0
    """Durations its kind's model held when this task was tracked (learned from earlier tasks)."""
    points: list[tuple[float, float]] = field(default_factory=list)
    """(time, fraction) of the first and the latest informative progress readings."""

    @property
    def origin(self) -> float:
        """Best estimate of when PROCESSING began (ages count from here)."""
        if self.begun is not None:
            return self.begun
        return max(self.start, self.queued_at)

    @property
    def alive_age(self) -> float:
        """Processing age at which the task was last seen unfinished (0: not seen running)."""
        return max(0.0, self.known - self.origin) if self.running else 0.0


class Cadence:
    """Computes due times from the policy, the server's hints and the learned duration models."""

    def __init__(self, policy: PollPolicy) -> None:
        self.policy = policy
        self._rand = random.Random(policy.seed)
        self.models: dict[Key, DurationModel] = {}
        self._running: dict[Key, list[float]] = {}
        """Per kind, the sorted origins of tracked tasks that may be processing: the ones whose durations
        are not known yet. A sample is trusted only where it outnumbers them (see `_trusted`)."""

    def model(self, key: Key) -> DurationModel:
        model = self.models.get(key)
        if model is None:
            model = self.models[key] = DurationModel(self.policy.max_samples, self._rand)
        return model

    def _list(self, tr: Tracking, origin: float | None) -> None:
        """List `tr` among its kind's running tasks under `origin` (None: unlist it)."""
        if tr.at_risk == origin or not tr.learn:
            return
        origins = self._running.setdefault(tr.key, [])
        if tr.at_risk is not None:
            i = bisect.bisect_left(origins, tr.at_risk)
            if i < len(origins) and origins[i] == tr.at_risk:
                del origins[i]
        if origin is not None:
            bisect.insort(origins, origin)
        tr.at_risk = origin

    def start(self, tr: Tracking) -> None:
        """A task is tracked: until it answers, it counts as running since its submit."""
        model = self.models.get(tr.key)
        tr.known_before = len(model) if model is not None else 0
        self._list(tr, tr.start)

    def forget(self, tr: Tracking) -> None:
        """A task is no longer tracked."""
        self._list(tr, None)

    def _trusted(self, tr: Tracking, model: DurationModel, age: float, now: float) -> bool:
        """Whether the sample above `age` speaks for the tasks still running past `age`.

        In a batch watched from a cold start, the first durations learned are the shortest ones, while
        the tasks as old as they were are still running: for a task tracked before its kind was learned,
        a sample is only believed where its durations above `age` are at least as many as the running
        tasks older than `age` (else the hand-written loop's pace is kept)."""
        if tr.known_before >= self.policy.min_samples:
            return True  # learned from tasks before this one's cohort: not biased towards short ones
        origins = self._running.get(tr.key)
        if not origins:
            return True
        older = bisect.bisect_right(origins, now - age)
        return model.count_above(age) + 1 >= older

    def _learned(self, key: Key) -> DurationModel | None:
        model = self.models.get(key)
        return model if model is not None and len(model) >= self.policy.min_samples else None

    def _jittered(self, interval: float) -> float:
        return interval * (1.0 + self.policy.jitter * (self._rand.random() - 0.5))

    # --- schedule ----------------------------------------------------------------------------------

    def first_due(self, tr: Tracking) -> float:
        """Absolute time of a task's first poll (attached tasks: now, they may be done already)."""
        if not tr.learn:
            return tr.start
        return self._scheduled(tr, tr.start)

    def _scheduled(self, tr: Tracking, now: float) -> float:
        """Learned (or cold-start) schedule, ignoring per-task finish predictions.

        The condition is what we *know*: still running at the last answer, not at the current age; a
        task nobody has polled may well be done already.
        """
        p = self.policy
        step = min(p.interval, p.max_interval)
        model = self._learned(tr.key)
        if tr.known and not tr.running:  # QUEUED: look again before it could have started and finished
            gap = model.plausible(0.0, p.plausible) or step if model is not None else step
            if tr.queue_eta > 0:
                gap = min(gap, tr.queue_eta / 2.0)
            return max(now, tr.known + self._jittered(max(step, min(gap, p.max_interval))))
        base = tr.known or tr.start
        if model is None:
            first = p.first_delay if not tr.known else step
            return max(now, base + self._jittered(first))
        origin, age = tr.origin, tr.alive_age
        q = p.informed_first_quantile if not tr.running and model.informed >= 0.5 else p.quantile_step
        target = model.conditional_quantile(age, q) if self._trusted(tr, model, age, now) else None
        if target is None:  # older than anything seen (or than anything believed): the loop's pace
            return max(now, base + self._jittered(step))
        plausible = model.plausible(age, p.plausible) or target
        target = min(target, max(plausible, age) + step, age + p.max_interval)
        return max(now, origin + age + max(p.min_interval, self._jittered(target - age)))

    def next_due(self, tr: Tracking, now: float) -> float:
        """After a non-terminal answer at `now`: at the predicted finish if there is one, else scheduled."""
        p = self.policy
        if tr.predicted is not None:
            wait = tr.predicted - now
            floor = p.margin if tr.misses == 0 else p.min_interval * 2.0 ** (tr.misses - 1)
            gap = max(floor, wait + p.margin + p.margin_ratio * max(0.0, wait))
            return now + min(p.max_interval, gap)
        return self._scheduled(tr, now)

    def replan(self, tr: Tracking, now: float) -> float | None:
        """A better due time for a waiting task after its model improved (None: keep the current one)."""
        if tr.predicted is not None or tr.in_flight or not tr.learn:
            return None
        return self._scheduled(tr, now)

    # --- learning ----------------------------------------------------------------------------------

    def observe(self, tr: Tracking, update: TaskUpdate, at: float) -> bool:
        """Record a non-terminal answer observed at time `at` and update the finish prediction.

        True when the answer taught the task's model a new duration (the poller then re-plans others)."""
        if tr.predicted is not None and at >= tr.predicted:
            tr.misses += 1
        tr.known = at
        if update.queued_for is not None:
            tr.begun = tr.start + update.queued_for
        if update.status is TaskStatus.QUEUED:
            tr.running = False
            tr.queued_at = at
            tr.queue_eta = update.eta or 0.0
            tr.predicted = None
            self._list(tr, None)
            return False
        tr.running = True
        predicted: float | None = None
        if update.eta is not None and update.eta > 0:
            predicted = self._from_eta(tr, update.eta, at)
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
                begun = tr.origin
                (t1, f1) = pts[0]
                by_rate = begun + (t1 - begun) / f1
            predicted = by_rate if predicted is None else min(predicted, by_rate)
        tr.predicted = predicted
        if predicted is None:
            self._list(tr, tr.origin)
            return False
        tr.informed = True
        if tr.sampled or not tr.learn:
            return False
        tr.sampled = True
        self._list(tr, None)  # its duration is known: it is part of the sample, no longer unknown
        model = self.model(tr.key)
        model.add(max(0.0, predicted - tr.origin), informed=True)
        return _threshold(model, self.policy.min_samples)

    def _from_eta(self, tr: Tracking, eta: float, at: float) -> float:
        """The finish an eta predicts. Services round etas up to whole seconds: then the finish lies in
        (at + eta - 1, at + eta], and each answer narrows that window (intersected with the ones before
        and with "still running at `at`"); the next poll goes to its middle, bisecting it, until it is
        narrower than a few `min_interval` (a wait for its end then costs little)."""
        if eta != int(eta):
            tr.window = None
            return at + eta
        lo, hi = max(at, at + eta - 1.0), at + eta
        if tr.window is not None and tr.window[0] < hi and lo < tr.window[1]:
            lo, hi = max(lo, tr.window[0]), min(hi, tr.window[1])
        tr.window = (lo, hi)
        tr.misses = 0  # landing inside the window is the plan, not a miss
        return hi if hi - lo <= 4 * self.policy.min_interval else (lo + hi) / 2.0

    def completed(self, tr: Tracking, update: TaskUpdate, at: float) -> bool:
        """Learn from a task that finished; True when its model crossed a re-planning threshold."""
        self._list(tr, None)
        if not tr.learn or update.status is not TaskStatus.SUCCEEDED or tr.sampled:
            return False
        if update.queued_for is not None:
            tr.begun = tr.start + update.queued_for
        origin = tr.origin
        lo, hi = tr.alive_age, max(tr.alive_age, at - origin)
        model = self.model(tr.key)
        duration: float
        if update.server_duration is not None:
            duration = min(hi, max(lo, update.server_duration))
        elif tr.predicted is not None and lo <= tr.predicted - origin <= hi:
            duration = tr.predicted - origin
        else:
            pool = [d for d in model.below(hi) if d > lo]
            duration = self._rand.choice(pool) if pool else self._rand.uniform(lo, hi)
        model.add(duration, informed=tr.informed if tr.running else None)
        return _threshold(model, self.policy.min_samples)

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
            " ".join(k): {"n": len(m), "p50": m.quantile(0.5), "informed": round(m.informed, 2)}
            for k, m in self.models.items()
        }


def _threshold(model: DurationModel, min_samples: int) -> bool:
    """True at the sample counts where waiting tasks are worth re-planning (min_samples, then doublings)."""
    n = model.observed
    return n >= min_samples and (n & (n - 1) == 0 or n == min_samples) and len(model) == n
