"""The cold-start learner: scouts and followers of a kind nothing is known about. Pure: times are passed in."""

from __future__ import annotations

import math
import random

import pytest

from novita_async._polling._cadence import Cadence, PollPolicy, Tracking
from novita_async._polling._status import TaskStatus, TaskUpdate

SDXL = ("v3", "/v3/async/txt2img", "sdxl")


def running(pct: float | None = None) -> TaskUpdate:
    return TaskUpdate(task_id="t", status=TaskStatus.PROCESSING, progress_percent=pct, queued_for=0.0)


def finished(duration: float) -> TaskUpdate:
    return TaskUpdate(task_id="t", status=TaskStatus.SUCCEEDED, server_duration=duration, queued_for=0.0)


def cold_batch(cadence: Cadence, n: int) -> list[Tracking]:
    batch = [Tracking(key=SDXL, start=0.0) for _ in range(n)]
    for tr in batch:
        cadence.start(tr)
    return batch


def test_the_first_tasks_scout_and_the_rest_wait_for_them() -> None:
    cadence = Cadence(PollPolicy(seed=1, scouts=4, jitter=0.0, interval=0.45, scout_interval=0.1))
    batch = cold_batch(cadence, 20)
    scouts, followers = batch[:4], batch[4:]
    assert [tr.scout for tr in batch] == [True] * 4 + [False] * 16
    assert all(cadence.first_due(tr) == pytest.approx(0.5) for tr in scouts)  # the loop's first poll
    assert all(cadence.first_due(tr) == math.inf for tr in followers)  # nothing to act on yet
    # With 16 tasks waiting on them, scouts look 4/16 as often as the loop would (but not under 0.1 s).
    cadence.observe(scouts[0], running(), 0.5)
    assert cadence.next_due(scouts[0], 0.5) == pytest.approx(0.5 + 0.45 * 4 / 16)
    # A batch of its own size, nobody waiting: the scouts keep the loop's pace.
    alone = Cadence(PollPolicy(seed=1, scouts=4, jitter=0.0))
    few = cold_batch(alone, 3)
    alone.observe(few[0], running(), 0.5)
    assert alone.next_due(few[0], 0.5) == pytest.approx(0.95)


def test_followers_are_polled_where_the_scouts_show_they_finished() -> None:
    cadence = Cadence(PollPolicy(seed=1, scouts=4, jitter=0.0, interval=0.45, wave_step=0.55))
    batch = cold_batch(cadence, 20)
    scouts, follower = batch[:4], batch[10]
    for tr in scouts:
        cadence.observe(tr, running(), 1.0)
    # Scouts finish at 1.1 and 1.3 s: S = 3/4, then 1/2. Not yet the 55% the step asks for, but finishing
    # is plausible from 1.1 s, so the follower waits at most the loop's 0.45 s past it.
    assert cadence.completed(scouts[0], finished(1.1), 1.15) is True  # followers are worth re-planning
    assert cadence.completed(scouts[1], finished(1.3), 1.35) is True
    assert cadence.replan(follower, 1.35) == pytest.approx(1.1 + 0.45)
    # A third at 1.4 s: S = 1/4 <= 0.45, so the follower is due at once (it is 1.45 s old).
    cadence.completed(scouts[2], finished(1.4), 1.45)
    assert cadence.replan(follower, 1.45) == pytest.approx(1.45)
    # It is still running at 1.45 s: S(1.45) = 1/4, and only the last scout can say more; until it does,
    # the follower waits at most the loop's pace.
    cadence.observe(follower, running(), 1.45)
    assert cadence.next_due(follower, 1.45) == pytest.approx(1.45 + 0.45)
    cadence.completed(scouts[3], finished(1.6), 1.65)
    assert cadence.replan(follower, 1.65) == pytest.approx(1.65)
    # Past every scout, nobody can tell: the loop's pace.
    cadence.observe(follower, running(), 1.7)
    assert cadence.next_due(follower, 1.7) == pytest.approx(1.7 + 0.45)


def test_followers_fall_back_to_the_loop_when_their_scouts_are_gone() -> None:
    cadence = Cadence(PollPolicy(seed=1, scouts=2, jitter=0.0))
    batch = cold_batch(cadence, 6)
    assert cadence.first_due(batch[5]) == math.inf
    # Both scouts stop being tracked without a duration (cancelled, failed): nobody is left to tell.
    assert cadence.forget(batch[0]) is True
    cadence.completed(batch[1], TaskUpdate(task_id="t", status=TaskStatus.FAILED), 0.8)
    assert cadence.replan(batch[5], 0.8) == pytest.approx(0.8)  # the loop's first poll (0.5 s) is overdue


def test_a_queued_scout_is_not_counted_at_risk() -> None:
    cadence = Cadence(PollPolicy(seed=1, scouts=2, jitter=0.0, wave_step=0.55))
    batch = cold_batch(cadence, 5)
    cadence.observe(batch[1], TaskUpdate(task_id="t", status=TaskStatus.QUEUED), 0.5)
    # One running scout finishes: S = 0 among the scouts at risk, so the followers are due at once.
    cadence.completed(batch[0], finished(1.0), 1.05)
    assert cadence.replan(batch[4], 1.05) == pytest.approx(1.05)


def test_a_kind_that_reports_progress_places_the_followers_from_the_scouts_first_answers() -> None:
    cadence = Cadence(PollPolicy(seed=1, scouts=8, min_samples=8, informed_first_quantile=0.4))
    rng = random.Random(2)
    batch = cold_batch(cadence, 40)
    replans = []
    for tr in batch[:8]:  # each scout's first answer predicts its duration: a sample at once
        d = rng.uniform(1.0, 2.0)
        replans.append(cadence.observe(tr, running(pct=100 * 0.5 / d), 0.5))
    assert replans == [False] * 7 + [True]
    assert cadence.model(SDXL).informed == 1.0
    # Those predictions are not biased towards short tasks: the followers go to their 40% quantile.
    for tr in batch[8:]:
        due = cadence.replan(tr, 0.5)
        assert due is not None and 1.1 < due < 1.7
    # A scout that finishes is not counted twice.
    cadence.completed(batch[0], finished(1.5), 2.0)
    assert len(cadence.model(SDXL)) == 8


def test_sentinels_stand_for_the_later_tasks() -> None:
    cadence = Cadence(PollPolicy(seed=1, scouts=2, sentinel_every=4, jitter=0.0, interval=0.45))
    batch = cold_batch(cadence, 12)
    assert [tr.sentinel for tr in batch] == [False] * 5 + [True] + [False] * 3 + [True] + [False] * 2
    sentinel = batch[5]
    # While no scout has finished, a sentinel looks at doubling ages: 1, 2, 4 s...
    assert cadence.first_due(sentinel) == pytest.approx(1.0)
    cadence.observe(sentinel, running(), 1.0)
    assert cadence.next_due(sentinel, 1.0) == pytest.approx(2.0)
    # One finishes first (the scouts are slower than the rest): an event at its exact duration, so the
    # followers are looked at from there on at the loop's pace, not when the scouts finish.
    assert cadence.completed(batch[9], finished(1.5), 2.0) is True
    assert cadence.replan(batch[6], 2.0) == pytest.approx(2.0)
    assert cadence.replan(batch[3], 2.0) == pytest.approx(2.0)


def test_tasks_tracked_once_the_kind_is_learned_are_not_in_a_cohort() -> None:
    cadence = Cadence(PollPolicy(seed=1, scouts=2, min_samples=4))
    batch = cold_batch(cadence, 4)
    for i, tr in enumerate(batch):
        cadence.completed(tr, finished(1.0 + 0.1 * i), 2.0)
    late = Tracking(key=SDXL, start=3.0)
    cadence.start(late)
    assert late.cohort is None and 3.9 < cadence.first_due(late) < 4.4


def test_every_scout_of_a_kind_that_reports_progress_gets_its_first_look() -> None:
    # 32 scouts, 8 samples make a model: the first 8 answers must not place the batch on their own (their
    # 44% quantile swings by +-0.17 of the distribution), so the other scouts still look at 0.5 s.
    cadence = Cadence(PollPolicy(seed=1, scouts=32, min_samples=8, jitter=0.0))
    rng = random.Random(3)
    batch = cold_batch(cadence, 100)
    for tr in batch[:8]:
        d = rng.uniform(1.0, 2.0)
        cadence.observe(tr, running(pct=100 * 0.5 / d), 0.5)
    assert cadence.model(SDXL).informed == 1.0 and len(cadence.model(SDXL)) == 8
    assert [cadence.replan(tr, 0.5) for tr in batch[8:32]] == [pytest.approx(0.5)] * 24
    assert all(1.0 < (cadence.replan(tr, 0.5) or 0.0) < 2.0 for tr in batch[32:])  # followers: the model


def test_a_scout_leaving_re_plans_only_followers_that_follow_the_scouts() -> None:
    # Silent kind: the followers wait on the scouts' curve, so a scout that finishes moves them.
    silent = Cadence(PollPolicy(seed=1, scouts=8, min_samples=8))
    batch = cold_batch(silent, 20)
    assert silent.completed(batch[0], finished(1.2), 1.25)
    # A kind that reports progress: once its model is learned from the scouts' predictions, the followers
    # are placed by it, and walking all of them again for each scout that leaves (in the middle of the
    # batch's busiest second) would change nothing.
    informed = Cadence(PollPolicy(seed=1, scouts=8, min_samples=8))
    batch = cold_batch(informed, 20)
    for tr in batch[:8]:
        informed.observe(tr, running(pct=40.0), 0.5)
    assert not informed.completed(batch[0], finished(1.2), 1.25)
