"""A discrete-event replay of the poller's use of `Cadence`, in virtual time.

It calls the cadence exactly as `Poller` does (track → first_due; an answer → observe/completed → next_due;
a model that crossed a threshold → re-plan the kind's waiting tasks), against tasks whose durations are
drawn here, with a fixed round trip. A thousand tasks take a fraction of a second, deterministically, so
tests can hold the cold-start learner to numbers and policies can be tuned without a 6-minute benchmark.
What it leaves out (concurrency caps, the event loop, a loaded server) is what `benchmarks/polling.py`
measures for real.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ._cadence import Cadence, Key, PollPolicy, Tracking
from ._status import TaskStatus, TaskUpdate

__all__ = ("SimResult", "naive", "simulate", "workload")

KEY: Key = ("v3", "/v3/async/txt2img", "model")


@dataclass(frozen=True)
class SimResult:
    polls_per_task: float
    mean_lag: float
    p95_lag: float


def simulate(
    durations: Sequence[float],
    *,
    policy: PollPolicy | None = None,
    cadence: Cadence | None = None,
    submit_spread: float = 0.5,
    rtt: float = 0.004,
    poll_cost: float = 0.0,
    progress: bool = False,
    keys: Callable[[int], Key] | None = None,
) -> SimResult:
    """Replay tasks of the given processing `durations`, submitted evenly over `submit_spread` seconds.

    The server stamps its answers (`queued_for`, `server_duration`) as the emulator and Novita do; with
    `progress`, running answers carry a whole-percent `progress_percent`. `poll_cost`: client CPU seconds
    per poll, one at a time (0: unlimited), so that bursts of due polls queue as they do for real."""
    cadence = cadence or Cadence(policy or PollPolicy(seed=0))
    n = len(durations)
    seq = itertools.count()
    heap: list[tuple[float, int, int, int]] = []
    tracks: dict[int, Tracking] = {}
    polls = [0] * n
    lags: list[float] = []

    def push(i: int, due: float) -> None:
        tr = tracks[i]
        tr.gen += 1
        tr.due = due
        heapq.heappush(heap, (due, next(seq), tr.gen, i))

    def replan(key: Key, now: float) -> None:
        for j, tr in tracks.items():
            if tr.key == key and tr.due > now:
                due = cadence.replan(tr, now)
                if due is not None:
                    push(j, due)

    starts = [submit_spread * i / max(1, n - 1) for i in range(n)]
    arrivals = sorted(range(n), key=lambda i: starts[i])
    nxt, busy = 0, 0.0
    while nxt < n or heap:
        if nxt < n and (not heap or starts[arrivals[nxt]] <= heap[0][0]):
            i = arrivals[nxt]
            nxt += 1
            new = tracks[i] = Tracking(key=keys(i) if keys else KEY, start=starts[i])
            cadence.start(new)
            push(i, cadence.first_due(new))
            continue
        due, _, gen, i = heapq.heappop(heap)
        tr = tracks[i] if i in tracks else None
        if tr is None or tr.gen != gen:
            continue
        polls[i] += 1
        if poll_cost:  # one client CPU: a burst of due polls drains at 1/poll_cost per second
            due = busy = max(due, busy) + poll_cost
        at, now = due + rtt / 2, due + rtt
        finish = starts[i] + durations[i]
        if finish <= at:
            update = TaskUpdate("t", TaskStatus.SUCCEEDED, server_duration=durations[i], queued_for=0.0)
            replan_now = cadence.completed(tr, update, at)
            cadence.forget(tr)
            del tracks[i]
            lags.append(now - finish)
        else:
            pct = int(100 * (at - starts[i]) / durations[i]) if progress else 0
            update = TaskUpdate("t", TaskStatus.PROCESSING, progress_percent=pct or None, queued_for=0.0)
            replan_now = cadence.observe(tr, update, at)
            push(i, cadence.next_due(tr, now))
        if replan_now:
            replan(tr.key, now)
    lags.sort()
    return SimResult(sum(polls) / n, sum(lags) / n, lags[min(n - 1, int(0.95 * n))])


def workload(kind: str, n: int, seed: int) -> tuple[list[float], Callable[[int], Key] | None]:
    """Durations (and per-task keys) of the benchmark's workloads: `uniform` U(1, 2) s, `exponential` 0.5 s
    plus an exponential of mean 1 s, `lognormal` with 5%-95% = 0.5-4 s, `mixture` of turbo U(0.2, 0.6) s
    and SDXL U(3, 5) s on one endpoint."""
    rng = random.Random(seed)
    if kind == "uniform":
        return [rng.uniform(1.0, 2.0) for _ in range(n)], None
    if kind == "exponential":
        return [0.5 + rng.expovariate(1.0) for _ in range(n)], None
    if kind == "lognormal":
        mu, sigma = math.log(math.sqrt(0.5 * 4.0)), math.log(4.0 / 0.5) / (2 * 1.6449)
        return [math.exp(rng.gauss(mu, sigma)) for _ in range(n)], None
    if kind == "mixture":
        models = ["turbo" if i % 2 else "sdxl" for i in range(n)]
        ds = [rng.uniform(0.2, 0.6) if m == "turbo" else rng.uniform(3.0, 5.0) for m in models]
        return ds, lambda i: (KEY[0], KEY[1], models[i])
    raise ValueError(f"unknown workload {kind!r}")


def naive(
    durations: Sequence[float], *, submit_spread: float = 0.5, rtt: float = 0.004, pace: float = 0.5
) -> SimResult:
    """The hand-written loop in the same virtual time: a poll at submit, then every `pace` after each answer."""
    n = len(durations)
    polls, lags = 0, []
    for i, d in enumerate(durations):
        t = submit_spread * i / max(1, n - 1)
        finish = t + d
        while True:
            polls += 1
            if finish <= t + rtt / 2:
                lags.append(t + rtt - finish)
                break
            t += rtt + pace
    lags.sort()
    return SimResult(polls / n, sum(lags) / n, lags[min(n - 1, int(0.95 * n))])
