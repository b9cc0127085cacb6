"""The cadence is pure: every test here drives it with made-up times, no clock, no I/O."""

from __future__ import annotations

import random

import pytest

from novita_async._polling._cadence import Cadence, DurationModel, PollPolicy, Tracking
from novita_async._polling._status import TaskStatus, TaskUpdate

KEY = ("v3", "/v3/async/txt2img", "sd_xl_base_1.0.safetensors")


def running(pct: float | None = None, eta: float | None = None) -> TaskUpdate:
    return TaskUpdate(task_id="t", status=TaskStatus.PROCESSING, progress_percent=pct, eta=eta)


def done(server_duration: float | None = None) -> TaskUpdate:
    return TaskUpdate(task_id="t", status=TaskStatus.SUCCEEDED, server_duration=server_duration)


def test_model_conditional_quantiles() -> None:
    model = DurationModel(100)
    for i in range(100):
        model.add(1.0 + i / 99, informed=False)
    assert model.quantile(0.5) == pytest.approx(1.5, abs=0.01)
    # Given still running at 1.5 s, the median of what is left is 1.75 s.
    assert model.conditional_quantile(1.5, 0.5) == pytest.approx(1.75, abs=0.01)
    assert model.conditional_quantile(2.5, 0.5) is None
    # A reservoir: capped, and new durations mix in without flushing the old ones.
    for _ in range(100):
        model.add(3.0, informed=False)
    assert len(model) == 100 and model.observed == 200
    assert 20 < len(model.below(2.5)) < 80


def simulate(
    cadence: Cadence, durations: list[float], *, progress: bool, latency: float = 0.002
) -> tuple[float, float]:
    """Run tasks one after another through the cadence; return (polls per task, mean lag)."""
    polls = 0
    lag = 0.0
    for i, d in enumerate(durations):
        start = 1000.0 * i
        tr = Tracking(key=KEY, start=start)
        due = cadence.first_due(tr)
        while True:
            polls += 1
            at = due + latency
            age = at - start
            if age >= d:
                lag += at + latency - (start + d)
                cadence.completed(tr, done(d), at)
                break
            pct = int(age / d * 100) if progress else 0
            cadence.observe(tr, running(float(pct) if pct else None), at)
            due = cadence.next_due(tr, at + latency)
    return polls / len(durations), lag / len(durations)


def uniform(n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(1.0, 2.0) for _ in range(n)]


def test_learned_cadence_without_progress_meets_the_target() -> None:
    cadence = Cadence(PollPolicy(seed=1))
    simulate(cadence, uniform(200, 1), progress=False)  # warm-up
    polls, lag = simulate(cadence, uniform(2000, 2), progress=False)
    assert polls <= 2.0 and lag <= 0.25, (polls, lag)


def test_learned_cadence_with_progress_meets_the_target() -> None:
    cadence = Cadence(PollPolicy(seed=1))
    simulate(cadence, uniform(200, 1), progress=True)
    polls, lag = simulate(cadence, uniform(2000, 2), progress=True)
    # On the frontier: a task is first polled near the learned 40% quantile (age t of about 1.4 s); the
    # 40% done by then cost (t - 1)^2 / 2 = 80 ms of mean lag, the rest are polled again at the finish
    # their whole-percent progress bounds (a few ms late).
    assert polls <= 1.6 and lag <= 0.1, (polls, lag)


def test_cold_start_polls_like_the_hand_written_loop_then_learns() -> None:
    policy = PollPolicy(seed=1, first_delay=0.5, interval=0.5)
    cadence = Cadence(policy)
    tr = Tracking(key=KEY, start=0.0)
    assert cadence.first_due(tr) == pytest.approx(0.5, rel=0.06)
    cadence.observe(tr, running(), 0.5)
    assert cadence.next_due(tr, 0.5) == pytest.approx(1.0, rel=0.06)
    for d in uniform(policy.min_samples, 3):
        cadence.completed(Tracking(key=KEY, start=0.0, known=d - 0.01, running=True), done(d), d + 0.01)
    assert len(cadence.model(KEY)) == policy.min_samples
    # Learned: the first poll goes near the 55% quantile of ~U(1, 2), not at 0.5 s.
    assert 1.2 < cadence.first_due(Tracking(key=KEY, start=0.0)) < 1.9


def test_eta_and_progress_predict_the_finish() -> None:
    cadence = Cadence(PollPolicy(seed=1, margin=0.005, margin_ratio=0.0))
    tr = Tracking(key=KEY, start=0.0)
    cadence.observe(tr, running(eta=0.8), 1.0)
    assert cadence.next_due(tr, 1.0) == pytest.approx(1.805)
    # Progress: one reading extrapolates from the start, two from the rate between them.
    tr = Tracking(key=KEY, start=0.0)
    cadence.observe(tr, running(pct=50.0), 1.0)
    assert tr.predicted == pytest.approx(2.0)
    # A whole percent is rounded down, so one reading gives the latest finish: no margin after it.
    assert cadence.next_due(tr, 1.0) == pytest.approx(2.0)
    cadence.observe(tr, running(pct=80.0), 1.3)
    assert tr.predicted == pytest.approx(1.3 + 0.2 * 0.3 / 0.3)
    assert cadence.next_due(tr, 1.3) == pytest.approx(1.505)  # a rate is an estimate: the margin again
    # An eta that says earlier than the reading wins, with its margin.
    tr = Tracking(key=KEY, start=0.0)
    cadence.observe(tr, running(pct=50.0, eta=0.5), 1.0)
    assert tr.predicted == pytest.approx(1.5) and cadence.next_due(tr, 1.0) == pytest.approx(1.505)


def test_uninformative_zeros_are_ignored() -> None:
    cadence = Cadence(PollPolicy(seed=1))
    tr = Tracking(key=KEY, start=0.0)
    cadence.observe(tr, running(pct=None, eta=None), 0.5)
    assert tr.predicted is None and not tr.informed
    # Progress that does not move gives no rate; the one-point estimate is kept.
    cadence.observe(tr, running(pct=40.0), 0.8)
    first = tr.predicted
    cadence.observe(tr, running(pct=40.0), 0.9)
    assert tr.predicted == first


def test_a_missed_prediction_backs_off() -> None:
    policy = PollPolicy(seed=1, min_interval=0.05)
    cadence = Cadence(policy)
    tr = Tracking(key=KEY, start=0.0)
    cadence.observe(tr, running(pct=99.0), 1.0)  # predicts ~1.01
    cadence.observe(tr, running(pct=99.0), 1.1)  # still running after the predicted finish
    assert tr.misses == 1
    assert cadence.next_due(tr, 1.1) >= 1.1 + policy.min_interval - 1e-9


def test_learning_prefers_server_durations_and_imputes_inside_the_bracket() -> None:
    cadence = Cadence(PollPolicy(seed=1))
    tr = Tracking(key=KEY, start=0.0, known=1.2, running=True)
    cadence.completed(tr, done(1.31), 1.5)
    tr = Tracking(key=KEY, start=0.0, known=1.2, running=True)
    cadence.completed(tr, done(None), 1.5)
    tr = Tracking(key=KEY, start=0.0, known=1.2, running=True)
    cadence.completed(tr, done(9.0), 1.5)  # implausible: clipped into the bracket
    samples = cadence.model(KEY).below(10.0)
    assert 1.31 in samples and max(samples) <= 1.5 and min(samples) >= 1.2


def test_attached_tasks_poll_at_once_and_teach_nothing() -> None:
    cadence = Cadence(PollPolicy(seed=1))
    tr = Tracking(key=("v3", "attach", ""), start=5.0, learn=False)
    assert cadence.first_due(tr) == 5.0
    cadence.completed(tr, done(1.0), 6.0)
    assert len(cadence.model(("v3", "attach", ""))) == 0
