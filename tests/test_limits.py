"""Token buckets, the rate learner and the request limiter, on a controllable clock (no sleeping)."""

from __future__ import annotations

import collections
from collections.abc import Callable

import anyio
import pytest

from novita_async import RateLimit
from novita_async._limits import (
    RequestLimiter,
    TokenBucket,
    cubic_rate,
    documented_rate_limits,
    plateau_after_429,
    poll_budget,
    submit_cost,
)
from novita_async.types import Txt2ImgRequest


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_pinned_bucket_allows_burst_then_paces() -> None:
    clock = FakeClock()
    bucket = TokenBucket(RateLimit(requests=60, per=60.0, burst=3), clock=clock)
    for _ in range(3):
        assert bucket.take(1.0, clock.now) == 0
    assert bucket.delay(1.0, clock.now) == pytest.approx(1.0)
    clock.now += 0.5
    assert bucket.take(1.0, clock.now) == pytest.approx(0.5)  # nothing spent while waiting
    clock.now += 0.5
    assert bucket.take(1.0, clock.now) == 0


def test_a_dear_request_waits_for_a_full_bucket_and_leaves_a_debt() -> None:
    clock = FakeClock()
    bucket = TokenBucket(RateLimit(requests=60, per=60.0, burst=2), clock=clock)
    assert bucket.take(4.0, clock.now) == 0  # 4 images, burst 2: goes, owes 2
    assert bucket.delay(1.0, clock.now) == pytest.approx(3.0)


def test_unpaced_until_a_429_then_paced_just_under_what_was_accepted() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock=clock)
    assert bucket.rate(clock.now) is None
    for _ in range(5):  # five accepted in a burst, then the server says no
        assert bucket.take(1.0, clock.now) == 0
        bucket.on_accepted(1.0, clock.now)
    clock.now += 0.01
    bucket.on_rate_limited(1.0, clock.now, None, clock.now)
    rate = bucket.rate(clock.now)
    assert rate is not None and rate == pytest.approx(0.9 * 5.0, rel=0.01)  # not a blind halving
    # No burst after a refusal: the server's window still holds the burst of 5, so the next send waits
    # until the new pace has paid for it (5 units at 4.5/s from the first of them), not 1/4.5 s.
    assert bucket.delay(1.0, clock.now) == pytest.approx((5 + 1 - 1 - rate * 0.01) / rate, rel=0.01)


def test_429s_in_flight_before_the_decrease_do_not_decrease_again() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock=clock)
    for _ in range(5):
        bucket.on_accepted(1.0, clock.now)
    sent = clock.now
    clock.now += 0.01
    for _ in range(50):  # the rest of the burst comes back 429
        bucket.on_rate_limited(1.0, sent, None, clock.now)
    assert bucket.decreases == 1 and bucket.rate_limited == 50
    assert bucket.rate(clock.now) == pytest.approx(4.5, rel=0.01)


def test_a_first_429_with_nothing_accepted_pauses_and_teaches_no_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(clock=clock)
    bucket.on_rate_limited(1.0, clock.now, None, clock.now)
    assert bucket.rate(clock.now) is None
    assert bucket.delay(1.0, clock.now) == pytest.approx(1.0)
    clock.now += 1.0
    bucket.on_rate_limited(1.0, clock.now, None, clock.now)
    assert bucket.delay(1.0, clock.now) == pytest.approx(2.0)  # doubling while it lasts


def test_retry_after_pauses_the_family_on_top_of_learning() -> None:
    clock = FakeClock()
    bucket = TokenBucket(RateLimit(requests=600, per=60.0), clock=clock)
    bucket.on_rate_limited(1.0, clock.now, 5.0, clock.now)
    assert bucket.delay(1.0, clock.now) == pytest.approx(5.0)
    clock.now += 5.0
    assert 0 < bucket.delay(1.0, clock.now) < 1.0  # the pause is over; the (lowered) pace remains


def test_pinned_limit_is_a_ceiling_the_learner_never_probes_above() -> None:
    clock = FakeClock()
    bucket = TokenBucket(RateLimit(requests=120, per=60.0), clock=clock)  # 2/s
    for _ in range(10):
        bucket.on_accepted(1.0, clock.now)
        clock.now += 0.5
    bucket.on_rate_limited(1.0, clock.now, None, clock.now)
    clock.now += 600.0
    assert bucket.rate(clock.now) == pytest.approx(2.0)


def test_cubic_curve_and_plateau_rules() -> None:
    assert cubic_rate(10.0, 0.0, 5.0) == pytest.approx(9.0)
    assert cubic_rate(10.0, 5.0, 5.0) == pytest.approx(10.0)
    assert cubic_rate(10.0, 4.0, 5.0) == pytest.approx(10.0, rel=0.001)  # flat near the plateau
    assert cubic_rate(10.0, 20.0, 5.0) > 30.0  # then fast, to find a raised limit
    assert plateau_after_429(8.0, 5.0) == 5.0  # what was accepted
    assert plateau_after_429(4.0, 5.0) == 4.0  # never above the pace that failed
    assert plateau_after_429(8.0, 1.0, minute=3.0) == 1.0  # lately accepted wins...
    assert plateau_after_429(8.0, 0.0, minute=3.0) == 3.0  # ...else the last minute's average
    assert plateau_after_429(8.0, 0.0) == 4.0  # paced, nothing accepted lately: halve
    assert plateau_after_429(None, 0.0) is None  # no evidence at all


def test_submit_cost_counts_images_for_image_endpoints_and_requests_for_video() -> None:
    assert submit_cost("/v3/async/txt2img", {"image_num": 4}) == 4.0
    assert submit_cost("/v3/async/txt2img", {"image_num": True}) == 1.0
    assert submit_cost("/v3/async/txt2video", {"prompts": [], "image_num": 4}) == 1.0  # RPM
    request = Txt2ImgRequest(
        model_name="m", prompt="p", width=512, height=512, image_num=3, steps=20, guidance_scale=7.5,
        sampler_name="Euler a",
    )
    assert submit_cost("/v3/async/txt2img", request) == 3.0
    limits = documented_rate_limits()
    assert limits["txt2img"] == 20 and limits["img2video"] == 2 and limits["flux-1-schnell"] == 10


class SlidingWindowServer:
    """An account limit: at most `limit(t) * window` units in any `window` seconds; a 429 creates nothing."""

    def __init__(self, limit: Callable[[float], float], window: float = 1.0) -> None:
        self.limit = limit
        self.window = window
        self.hits: collections.deque[float] = collections.deque()

    def admit(self, t: float) -> bool:
        while self.hits and self.hits[0] <= t - self.window:
            self.hits.popleft()
        if len(self.hits) + 1 > self.limit(t) * self.window:
            return False
        self.hits.append(t)
        return True


def simulate(
    bucket: TokenBucket, clock: FakeClock, server: SlidingWindowServer, until: float, *, rtt: float = 0.005
) -> list[tuple[float, bool]]:
    """A client that sends one request after another as fast as `bucket` lets it; (time, accepted)."""
    answers = []
    while clock.now < until:
        wait = bucket.take(1.0, clock.now)
        if wait > 0:
            clock.now += wait
            continue
        sent = clock.now
        ok = server.admit(sent + rtt / 2)
        clock.now = sent + rtt
        if ok:
            bucket.on_accepted(1.0, clock.now)
        else:
            bucket.on_rate_limited(1.0, sent, None, clock.now)
        answers.append((sent, ok))
    return answers


def _window(answers: list[tuple[float, bool]], start: float, end: float) -> tuple[float, float]:
    inside = [ok for t, ok in answers if start <= t < end]
    accepted = sum(inside)
    return accepted / (end - start), (len(inside) - accepted) / max(1, len(inside))


def test_learns_a_limit_it_was_never_told_and_settles_just_under_it() -> None:
    clock = FakeClock()
    start = clock.now
    bucket = TokenBucket(clock=clock)
    answers = simulate(bucket, clock, SlidingWindowServer(lambda t: 5.0), start + 120.0)
    rate, refused = _window(answers, start + 20.0, start + 120.0)
    assert rate >= 0.9 * 5.0
    assert refused <= 0.1
    overall_rate, _ = _window(answers, start, start + 120.0)
    assert overall_rate >= 0.85 * 5.0


def test_recovers_when_the_limit_rises() -> None:
    clock = FakeClock()
    start = clock.now
    bucket = TokenBucket(clock=clock)
    server = SlidingWindowServer(lambda t: 5.0 if t < start + 60.0 else 20.0)
    answers = simulate(bucket, clock, server, start + 150.0)
    before, _ = _window(answers, start + 30.0, start + 60.0)
    after, refused = _window(answers, start + 110.0, start + 150.0)
    assert before >= 0.85 * 5.0
    assert after >= 0.85 * 20.0
    assert refused <= 0.1


def test_follows_a_limit_that_drops() -> None:
    clock = FakeClock()
    start = clock.now
    bucket = TokenBucket(clock=clock)
    server = SlidingWindowServer(lambda t: 20.0 if t < start + 40.0 else 4.0)
    answers = simulate(bucket, clock, server, start + 160.0)
    rate, refused = _window(answers, start + 120.0, start + 160.0)
    assert 0.85 * 4.0 <= rate <= 4.0
    assert refused <= 0.1


def test_poll_budget_is_pinned_or_learned() -> None:
    clock = FakeClock()
    pinned = poll_budget(40.0, clock=clock)
    assert pinned.rate(clock.now) == 40.0
    for _ in range(2):
        assert pinned.take(1.0, clock.now) == 0
    assert pinned.take(1.0, clock.now) > 0  # bursts of 1/20 s
    clock.now += 0.0125  # the poller's loop asks again after the wait: held once, counted once
    assert pinned.take(1.0, clock.now) > 0
    clock.now += 0.0125
    assert pinned.take(1.0, clock.now) == 0
    stats = pinned.statistics(clock.now)
    assert stats.paced == 1 and stats.paced_seconds == pytest.approx(0.025)
    learned = poll_budget(None, clock=clock)
    assert learned.rate(clock.now) is None


async def test_limiter_caps_concurrency_and_counts() -> None:
    limiter = RequestLimiter(2, None)
    peak = 0
    active = 0

    async def one() -> None:
        nonlocal peak, active
        async with limiter.slot("x"):
            active += 1
            peak = max(peak, active)
            await anyio.sleep(0.01)
            active -= 1

    async with anyio.create_task_group() as tg:
        for _ in range(10):
            tg.start_soon(one)
    assert peak == 2
    stats = limiter.statistics()
    assert stats.in_flight == 0 and stats.max_concurrency == 2


async def test_a_429_paces_the_whole_family_and_only_that_family() -> None:
    limiter = RequestLimiter(10)
    for _ in range(3):
        async with limiter.slot("txt2img"):
            pass
        limiter.accepted("txt2img")
    limiter.rate_limited("txt2img", 0.2)
    start = anyio.current_time()
    async with limiter.slot("img2img"):  # another family: not held up
        pass
    assert limiter.statistics().families["img2img"].paced == 0  # never held (the clock is only a backstop)
    assert anyio.current_time() - start < 0.19  # the txt2img pause is 0.2 s
    async with limiter.slot("txt2img"):
        pass
    assert anyio.current_time() - start >= 0.19
    stats = limiter.statistics()
    assert stats.rate_limited == 1 and stats.families["txt2img"].learned
    assert stats.families["txt2img"].paced == 1 and stats.families["txt2img"].paced_seconds >= 0.19
    assert stats.families["img2img"].per_minute is None


async def test_star_pins_every_family_and_learn_false_paces_nothing() -> None:
    pinned = RequestLimiter(10, {"*": 120.0, "txt2img": 60.0})
    assert pinned.statistics().families["txt2img"].pinned == 60.0
    bucket = pinned.bucket("anything")
    assert bucket is not None and bucket.limit == RateLimit(120.0)
    off = RequestLimiter(10, None, learn=False)
    off.rate_limited("txt2img", 5.0)
    assert off.bucket("txt2img") is None
    start = anyio.current_time()
    async with off.slot("txt2img"):
        pass
    assert anyio.current_time() - start < 2.0  # not the 5 s the 429 asked for (no bucket: nothing paces)
    assert off.statistics().rate_limited == 1


async def test_wait_until_ready_waits_for_the_pause_without_taking_a_token() -> None:
    limiter = RequestLimiter(10, {"txt2img": RateLimit(requests=2, per=1.0, burst=2)})
    limiter.rate_limited("txt2img", 0.15)
    start = anyio.current_time()
    await limiter.wait_until_ready("txt2img")
    assert anyio.current_time() - start >= 0.14
    bucket = limiter.bucket("txt2img")
    assert bucket is not None and bucket.delay(1.0, anyio.current_time()) == 0  # still there for the request
    await limiter.wait_until_ready("unpaced")  # nothing learned: returns at once
