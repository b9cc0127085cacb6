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

Tasks tracked before `min_samples` durations of their kind are known form its cold **cohort**
(`_cohort`): the first `scouts` are polled from `first_delay` at the loop's pace or faster, and the rest
wait until the scouts show where tasks finish. A task alone, or one nobody can tell about, is polled every
`interval` from `first_delay` (the hand-written loop, less its useless poll at submit time). Intervals get
a little jitter so tasks submitted together do not poll together.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from .._errors import RateLimitError
from ._cohort import Cohort
from ._durations import DurationModel
from ._policy import PollPolicy
from ._status import TaskStatus, TaskUpdate

__all__ = ("Cadence", "PollPolicy", "Tracking")


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
    bound: bool = False
    """`predicted` is a latest finish (one whole-percent reading: see `Cadence.observe`), so the next
    poll needs no margin after it."""
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
    cohort: Cohort | None = None
    """The cohort of a task tracked while its kind was cold (see `_cohort`); None once it left."""
    scout: bool = False
    """A scout of its cohort, or a sentinel (else a follower, if it has one)."""
    sentinel: bool = False
    """A follower that also stands for the later tasks of its cohort (see `_cohort`)."""
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
        self._ready: dict[Key, DurationModel] = {}
        self._cohorts: dict[Key, Cohort] = {}
        """Per cold kind, the tasks tracked before it was learned (see `_cohort`)."""

    def model(self, key: Key) -> DurationModel:
        model = self.models.get(key)
        if model is None:
            model = self.models[key] = DurationModel(self.policy.max_samples, self._rand)
        return model

    def start(self, tr: Tracking) -> None:
        """A task is tracked: while nothing is learned about its kind, it joins the kind's cohort."""
        if not tr.learn or self._learned(tr.key) is not None:
            return
        cohort = self._cohorts.get(tr.key)
        if cohort is None:
            cohort = self._cohorts[tr.key] = Cohort(self.policy.scouts, self.policy.sentinel_every)
        cohort.join(tr)

    def forget(self, tr: Tracking, duration: float | None = None) -> bool:
        """A task is no longer tracked (`duration`: its processing time, if it finished). True when the
        followers of its cohort should be re-planned."""
        cohort = tr.cohort
        if cohort is None:
            return False
        changed = cohort.leave(tr, duration)
        if not cohort.members and self._cohorts.get(tr.key) is cohort:
            del self._cohorts[tr.key]
        return changed and _follows_scouts(self._learned(tr.key))

    def _learned(self, key: Key) -> DurationModel | None:
        model = self._ready.get(key)
        if model is None:
            model = self.models.get(key)
            if model is None or len(model) < self.policy.min_samples:
                return None
            self._ready[key] = model  # a reservoir never shrinks: learned once, learned for good
        return model

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
        cohort = tr.cohort
        if tr.scout and not tr.sentinel and not tr.known and cohort is not None:
            # A scout's first look stays the cohort's whatever was learned meanwhile: a kind that reports
            # progress is learned from its first `min_samples` answers, and the rest of the batch must be
            # placed from all its scouts' (measured: placed from the first 8 back, a batch's first polls
            # swung between 1.42 and 1.6 s of age from run to run, its mean lag between 70 and 220 ms).
            return max(now, base + self._jittered(p.first_delay))
        if cohort is not None and _follows_scouts(model):
            if tr.scout and not tr.sentinel:
                gap = p.first_delay if not tr.known else cohort.scout_gap(step, p.scout_interval)
                return max(now, base + self._jittered(gap))
            age = cohort.follower_age(tr.alive_age, p.wave_step, step)
            if age == math.inf and tr.sentinel:  # nothing seen yet: look at doubling ages (1, 2, 4 s...)
                return max(now, tr.start + 2.0 * max(p.first_delay, base - tr.start))
            if age is not None:
                return max(now, tr.origin + age)
            model = None  # no scout can tell: the loop's pace
        if model is None:
            first = p.first_delay if not tr.known else step
            return max(now, base + self._jittered(first))
        origin, age = tr.origin, tr.alive_age
        q = p.informed_first_quantile if not tr.running and model.informed >= 0.5 else p.quantile_step
        target = model.conditional_quantile(age, q)
        if target is None:  # older than anything seen: the loop's pace
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
            slack = 0.0 if tr.bound and tr.misses == 0 else p.margin + p.margin_ratio * max(0.0, wait)
            gap = max(floor, wait + slack)
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
            if tr.cohort is not None:
                tr.cohort.seen(tr, running=False)
            return False
        tr.running = True
        if tr.cohort is not None:
            tr.cohort.seen(tr, running=True)
        predicted: float | None = None
        bound = False
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
                # One reading, extrapolated from the start: a whole percent is the fraction rounded down
                # (the emulator's int(); a reading taken before we heard it), so this is the latest
                # finish a steady rate allows; a margin after it would only add lag. A server that rounds
                # to the nearest percent makes it up to half a percent early: then it costs one more poll
                # (a miss, and the next look `min_interval` later), as a margin would have on every task.
                begun = tr.origin
                (t1, f1) = pts[0]
                by_rate = begun + (t1 - begun) / f1
                bound = predicted is None or by_rate <= predicted
            predicted = by_rate if predicted is None else min(predicted, by_rate)
        tr.predicted = predicted
        tr.bound = bound
        if predicted is None:
            return False
        tr.informed = True
        if tr.sampled or not tr.learn:
            return False
        tr.sampled = True
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
        """Learn from a task that finished; True when waiting tasks of its kind are worth re-planning (its
        model crossed a threshold, or it was a scout)."""
        if update.queued_for is not None:
            tr.begun = tr.start + update.queued_for
        ok = tr.learn and update.status is TaskStatus.SUCCEEDED
        duration = self._duration(tr, update, at) if ok else None
        replan = self.forget(tr, duration)
        if duration is None or tr.sampled:
            return replan
        model = self.model(tr.key)
        model.add(duration, informed=tr.informed if tr.running else None)
        return _threshold(model, self.policy.min_samples) or replan

    def _duration(self, tr: Tracking, update: TaskUpdate, at: float) -> float:
        """The processing time of a finished task: the server's stamps, else the prediction it made, else
        imputed inside the interval its polls bracket (from the model's durations there)."""
        origin = tr.origin
        lo, hi = tr.alive_age, max(tr.alive_age, at - origin)
        if update.server_duration is not None:
            return min(hi, max(lo, update.server_duration))
        if tr.predicted is not None and lo <= tr.predicted - origin <= hi:
            return tr.predicted - origin
        pool = [d for d in self.model(tr.key).below(hi) if d > lo]
        return self._rand.choice(pool) if pool else self._rand.uniform(lo, hi)

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


def _follows_scouts(model: DurationModel | None) -> bool:
    """Whether a cohort's followers are placed by its scouts' curve: while nothing is learned, or while the
    kind's tasks do not report progress or eta (else their model's predictions place them at once)."""
    return model is None or model.informed < 0.5


def _threshold(model: DurationModel, min_samples: int) -> bool:
    """True at the sample counts where waiting tasks are worth re-planning (min_samples, then doublings)."""
    n = model.observed
    return n >= min_samples and (n & (n - 1) == 0 or n == min_samples) and len(model) == n
