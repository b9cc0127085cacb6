"""What one kind of task has taken: a reservoir of processing durations, kept sorted for quantiles."""

from __future__ import annotations

import bisect
import math
import random

__all__ = ("DurationModel",)


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

    def quantile(self, q: float) -> float | None:
        return self.conditional_quantile(-math.inf, q) if self._sorted else None
