"""The cadence's learning from a cold start, per model, and around queues. Pure: times are passed in."""

from __future__ import annotations

import random

import pytest

from novita_async._polling._cadence import Cadence, PollPolicy, Tracking
from novita_async._polling._status import TaskStatus, TaskUpdate

TURBO = ("v3", "/v3/async/txt2img", "turbo")
SDXL = ("v3", "/v3/async/txt2img", "sdxl")


def update(status: TaskStatus, *, pct: float | None = None, eta: float | None = None,
           queued_for: float | None = None, server_duration: float | None = None) -> TaskUpdate:
    return TaskUpdate(task_id="t", status=status, progress_percent=pct, eta=eta, queued_for=queued_for,
                      server_duration=server_duration)


def learn(cadence: Cadence, key: tuple[str, str, str], durations: list[float]) -> None:
    for d in durations:
        tr = Tracking(key=key, start=0.0, known=d - 0.01, running=True)
        cadence.completed(tr, update(TaskStatus.SUCCEEDED, server_duration=d), d + 0.01)


def test_each_model_learns_its_own_durations() -> None:
    cadence = Cadence(PollPolicy(seed=1))
    rng = random.Random(3)
    learn(cadence, TURBO, [rng.uniform(0.2, 0.4) for _ in range(50)])
    learn(cadence, SDXL, [rng.uniform(3.0, 5.0) for _ in range(50)])
    turbo, sdxl = Tracking(key=TURBO, start=0.0), Tracking(key=SDXL, start=0.0)
    assert 0.2 < cadence.first_due(turbo) < 0.4
    assert 3.0 < cadence.first_due(sdxl) < 4.6
    # An unknown model of the same endpoint starts cold rather than borrowing another's durations.
    assert cadence.first_due(Tracking(key=("v3", "/v3/async/txt2img", "other"), start=0.0)) == pytest.approx(
        0.5, abs=0.03
    )


def test_queued_time_is_not_learned_as_duration_and_queued_eta_is_not_a_finish() -> None:
    cadence = Cadence(PollPolicy(seed=1, interval=0.5))
    rng = random.Random(4)
    learn(cadence, SDXL, [rng.uniform(1.0, 2.0) for _ in range(50)])
    tr = Tracking(key=SDXL, start=0.0)
    # QUEUED with a queue-position eta of 10 s: look again before it could have started and finished
    # (the shortest plausible processing time, ~1 s), not at the quoted 10 s.
    cadence.observe(tr, update(TaskStatus.QUEUED, eta=10.0), 1.0)
    assert tr.predicted is None
    assert 1.9 < cadence.next_due(tr, 1.0) < 2.1
    # It started at 4.5 s by the server's stamps: its clock starts there, not at submit.
    cadence.observe(tr, update(TaskStatus.PROCESSING, queued_for=4.5), 5.0)
    assert tr.origin == 4.5 and tr.alive_age == pytest.approx(0.5)
    assert 4.5 + 1.3 < cadence.next_due(tr, 5.0) < 4.5 + 1.9
    # What it teaches is its processing time (1.2 s), not the 5.7 s since submit.
    fresh = Cadence(PollPolicy(seed=1))
    tr2 = Tracking(key=SDXL, start=0.0)
    fresh.observe(tr2, update(TaskStatus.PROCESSING, queued_for=4.5), 5.0)
    fresh.completed(tr2, update(TaskStatus.SUCCEEDED, queued_for=4.5, server_duration=1.2), 5.8)
    assert fresh.model(SDXL).below(10.0) == [1.2]


def test_without_stamps_the_last_queued_answer_starts_the_clock() -> None:
    cadence = Cadence(PollPolicy(seed=1))
    tr = Tracking(key=SDXL, start=0.0)
    cadence.observe(tr, update(TaskStatus.QUEUED), 3.0)
    cadence.observe(tr, update(TaskStatus.PROCESSING, pct=25.0), 3.5)
    assert tr.origin == 3.0 and tr.predicted == pytest.approx(3.0 + 0.5 / 0.25)


def test_never_a_longer_gap_than_the_loop_where_tasks_finish() -> None:
    policy = PollPolicy(seed=1, interval=0.5, jitter=0.0)
    cadence = Cadence(policy)
    rng = random.Random(5)
    learn(cadence, SDXL, [0.5 + rng.expovariate(1.0) for _ in range(500)])  # memoryless after 0.5 s
    tr = Tracking(key=SDXL, start=0.0)
    first = cadence.first_due(tr)
    assert first <= 0.5 + 0.1 + 0.5  # skips the 0.5 s where nothing finishes, then the loop's pace
    at = first
    for _ in range(4):  # while the sample above the age is dense enough to resolve its 3% quantile
        cadence.observe(tr, update(TaskStatus.PROCESSING), at)
        nxt = cadence.next_due(tr, at)
        assert 0.05 <= nxt - at <= 0.5 + 0.1  # the loop's period after the ~3% quantile of what is left
        at = nxt
    # Past everything ever seen: the loop's pace, not ever-shorter probes.
    tr = Tracking(key=SDXL, start=0.0)
    cadence.observe(tr, update(TaskStatus.PROCESSING), 60.0)
    assert cadence.next_due(tr, 60.0) == pytest.approx(60.5)


def test_whole_second_etas_are_windows_that_polls_bisect() -> None:
    cadence = Cadence(PollPolicy(seed=1, margin=0.0, margin_ratio=0.0, min_interval=0.05))
    tr = Tracking(key=SDXL, start=0.0)
    # eta 3 (whole seconds) at 1.0: the finish is in (3.0, 4.0]; the next poll goes to the middle.
    cadence.observe(tr, update(TaskStatus.PROCESSING, eta=3.0), 1.0)
    assert tr.window == (3.0, 4.0) and cadence.next_due(tr, 1.0) == pytest.approx(3.5)
    # Still running at 3.5 with eta 1: (3.5, 4.0] now, and so on; narrow enough (0.125 s): wait for its end.
    cadence.observe(tr, update(TaskStatus.PROCESSING, eta=1.0), 3.5)
    assert tr.window == (3.5, 4.0) and cadence.next_due(tr, 3.5) == pytest.approx(3.75)
    cadence.observe(tr, update(TaskStatus.PROCESSING, eta=1.0), 3.75)
    assert cadence.next_due(tr, 3.75) == pytest.approx(3.875)
    cadence.observe(tr, update(TaskStatus.PROCESSING, eta=1.0), 3.875)
    assert tr.misses == 0 and cadence.next_due(tr, 3.875) == pytest.approx(4.0)
    # A fractional eta is taken as exact.
    tr2 = Tracking(key=SDXL, start=0.0)
    cadence.observe(tr2, update(TaskStatus.PROCESSING, eta=2.5), 1.0)
    assert tr2.window is None and tr2.predicted == pytest.approx(3.5)
