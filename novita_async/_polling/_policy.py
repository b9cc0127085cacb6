"""How the poller spends requests: `PollPolicy`, checked when it is made (before anything is sent)."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from .._errors import ConfigurationError

__all__ = ("PollPolicy",)


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
    * `scouts`, `scout_interval`: how many of the first tasks of a kind nothing is known about are
      polled closely for the others (see `_cohort`), and their fastest pace; `sentinel_every`: one in
      that many of the later tasks is a sentinel, looked at from time to time, in case the first tasks
      are not like the rest; `wave_step`: the conditional probability of completion, read off the scouts'
      curve, at which the waiting tasks are looked at (a little under `quantile_step`: the tasks of a
      cold batch are all about the same age, so each wave is a burst of polls that takes time to drain).
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
    wave_step: float = 0.5
    plausible: float = 0.01
    informed_first_quantile: float = 0.4
    scouts: int = 32
    scout_interval: float = 0.25
    sentinel_every: int = 32
    min_samples: int = 8
    max_samples: int = 1024
    margin: float = 0.005
    margin_ratio: float = 0.01
    seed: int | None = None
    """Seed of the jitter and imputation randomness (tests); None: fresh."""

    def __post_init__(self) -> None:
        problem = _problem(self)
        if problem:
            raise ConfigurationError(f"PollPolicy: {problem}")


_FRACTIONS = ("jitter", "quantile_step", "wave_step", "plausible", "informed_first_quantile")
_POSITIVE = ("min_interval", "max_interval", "max_error_delay", "poll_timeout", "max_poll_timeout", "scout_interval")
_COUNTS = {"max_concurrent_polls": 1, "min_samples": 1, "max_samples": 1, "scouts": 0, "sentinel_every": 1}


def _problem(p: PollPolicy) -> str | None:
    """What makes `p` unusable (None: nothing). A bad policy would only fail later, inside the poller,
    after tasks were paid for; so it is refused where it is made."""
    for f in fields(p):
        value = getattr(p, f.name)
        if isinstance(value, float) and not math.isfinite(value):
            return f"{f.name} must be finite, not {value!r}"
    for name in _FRACTIONS:
        if not 0.0 <= getattr(p, name) < 1.0 or (name != "jitter" and getattr(p, name) == 0.0):
            return f"{name} must be in (0, 1), not {getattr(p, name)!r}"
    for name in _POSITIVE:
        if getattr(p, name) <= 0:
            return f"{name} must be > 0, not {getattr(p, name)!r}"
    for name, least in _COUNTS.items():
        value = getattr(p, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            return f"{name} must be an int >= {least}, not {value!r}"
    if p.interval < 0 or p.first_delay < 0 or p.margin < 0 or p.margin_ratio < 0:
        return "interval, first_delay, margin and margin_ratio must be >= 0"
    if p.polls_per_second is not None and not p.polls_per_second > 0:
        return f"polls_per_second must be > 0 or None, not {p.polls_per_second!r}"
    if p.max_interval < p.min_interval or p.max_poll_timeout < p.poll_timeout or p.max_samples < p.min_samples:
        return "each max_* must be at least its min_* (interval, poll_timeout, samples)"
    return None
