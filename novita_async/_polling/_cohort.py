"""The tasks of one kind tracked before anything was learned about it: a few scouts, and the rest waiting.

A cold client that polls every task of a new batch at the hand-written loop's pace spends most of its polls
before the first task can possibly have finished. But the batch itself is information about the batch: a
few of its tasks, watched closely, tell when the others finish. So the first `size` tasks of a kind nothing
is known about are **scouts**, polled at the loop's pace, faster the more tasks wait on them; the rest are
**followers**, not polled at all until the scouts show that some of them have probably finished.

The first tasks of a batch need not be like the rest (16 large renders submitted before 1,000 thumbnails
of the same model). So one in `sentinel_every` of the later tasks is a **sentinel**: a follower that also
looks for itself, at doubling ages (1, 2, 4 s...) while nothing has finished, so the batch is never held
back by scouts that are slower than it.

What scouts and sentinels show is a Kaplan-Meier estimate `S(t)` of the processing time: each one that
finished is an event at its exact duration (the server's stamps); a scout still running is at risk at every
event (scouts are the oldest tasks of the batch and are watched closely, so they have reached every age an
event was seen at), a sentinel only up to the age it was last seen running. A follower last seen running at
age `L` (0: never polled) is polled at the first event age where its conditional probability of having
finished, `1 - S(t)/S(L)`, reaches `step`, and never later than `interval` after `L` once the first event
is seen (finishing is plausible from there on: the loop's pace is the floor). Before any event there is
nothing to act on and followers wait; with no scout left that could tell, a follower falls back to the
loop's pace.

This only governs tasks tracked while their kind is cold. Once enough durations are learned, new tasks
follow the learned schedule (`Cadence`), and followers whose kind reports progress or eta use it at once:
those samples are predictions made while running, not the shortest durations of the batch.
"""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._cadence import Tracking

__all__ = ("Cohort",)


class Cohort:
    """Scouts and followers of one kind, and the survival curve the scouts trace."""

    __slots__ = ("_ages", "_curve", "alive", "durations", "followers", "joined", "members", "sentinel_every", "size")

    def __init__(self, size: int, sentinel_every: int) -> None:
        self.size = size
        self.sentinel_every = sentinel_every
        self.joined = 0
        """Tasks ever joined (the first `size` are scouts)."""
        self.alive: set[Tracking] = set()
        """Scouts and sentinels still tracked and not known to be QUEUED: the KM's tasks at risk."""
        self.durations: list[float] = []
        """Sorted processing times of the scouts and sentinels that finished."""
        self.followers: set[Tracking] = set()
        """Followers still tracked."""
        self.members = 0
        """Tasks of the cohort still tracked."""
        self._curve: tuple[list[float], list[float]] | None = None
        self._ages: dict[float, float | None] = {}
        """`follower_age` by age last seen running, for the current curve (most followers share 0)."""

    def join(self, tr: Tracking) -> None:
        self.members += 1
        self.joined += 1
        tr.cohort = self
        if self.joined > self.size:
            self.followers.add(tr)
            if (self.joined - self.size) % self.sentinel_every:
                return
            tr.sentinel = True
        tr.scout = True
        self.alive.add(tr)
        self._curve = None

    def leave(self, tr: Tracking, duration: float | None) -> bool:
        """`tr` is no longer tracked (`duration`: its processing time, if it finished). True when what the
        followers act on changed."""
        tr.cohort = None
        self.members -= 1
        self.followers.discard(tr)
        if not tr.scout:
            return False
        self.alive.discard(tr)
        if duration is not None:
            bisect.insort(self.durations, duration)
        self._curve = None
        return bool(self.followers)

    def seen(self, tr: Tracking, running: bool) -> None:
        """A scout or sentinel answered: QUEUED (not at risk of finishing) or running."""
        if not tr.scout:
            return
        if (tr in self.alive) != running:
            (self.alive.add if running else self.alive.discard)(tr)
            self._curve = None
        elif tr.sentinel:  # at risk up to the age it was last seen running: that age moved
            self._curve = None

    def scout_gap(self, interval: float, fastest: float) -> float:
        """Scouts poll at the loop's pace alone, and up to `fastest` while many followers wait on them."""
        if not self.followers:
            return interval
        return max(fastest, min(interval, interval * self.size / len(self.followers)))

    def curve(self) -> tuple[list[float], list[float]]:
        """(event ages, S after each event): the Kaplan-Meier estimate traced by the scouts."""
        if self._curve is None:
            self._ages.clear()
            ages: list[float] = []
            survival: list[float] = []
            # Scouts are watched closely: one still running is at risk at every event age. A sentinel is
            # looked at rarely: it is at risk only up to the age it was last seen running.
            sentinels = sorted(tr.alive_age for tr in self.alive if tr.sentinel)
            scouts = len(self.alive) - len(sentinels)
            s, n = 1.0, len(self.durations)
            for i, d in enumerate(self.durations):
                s *= 1.0 - 1.0 / (n - i + scouts + len(sentinels) - bisect.bisect_left(sentinels, d))
                ages.append(d)
                survival.append(s)
            self._curve = (ages, survival)
        return self._curve

    def follower_age(self, alive_age: float, step: float, interval: float) -> float | None:
        """Age at which a follower last seen running at `alive_age` is polled next: `math.inf` while the
        scouts have not shown anything past it, None when no scout can (the loop's pace applies)."""
        ages, survival = self.curve()
        if alive_age in self._ages:
            return self._ages[alive_age]
        age = self._ages[alive_age] = self._follower_age(ages, survival, alive_age, step, interval)
        return age

    def _follower_age(
        self, ages: list[float], survival: list[float], alive_age: float, step: float, interval: float
    ) -> float | None:
        if not ages:  # nothing finished yet: nothing to act on
            return math.inf if self.alive else None
        i = bisect.bisect_right(ages, alive_age)
        s_then = survival[i - 1] if i else 1.0
        if s_then <= 0.0 or (i == len(ages) and not self.alive):
            return None  # past every scout: nobody can tell
        j = _first_at_most(survival, (1.0 - step) * s_then, i)
        plausible = max(ages[0], alive_age) + interval
        return min(ages[j], plausible) if j < len(ages) else plausible


def _first_at_most(values: list[float], goal: float, lo: int) -> int:
    """Index of the first of the non-increasing `values` from `lo` on that is <= goal (len(values) if none)."""
    hi = len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] <= goal:
            hi = mid
        else:
            lo = mid + 1
    return lo
