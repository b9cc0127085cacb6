"""Token buckets and the request limiter, on a controllable clock."""

from __future__ import annotations

import anyio
import pytest

from novita_async import RateLimit
from novita_async._limits import RequestLimiter, TokenBucket


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_burst_then_paces() -> None:
    clock = FakeClock()
    bucket = TokenBucket(RateLimit(requests=60, per=60.0, burst=3), clock=clock)
    for _ in range(3):
        assert bucket.delay_for() == 0
        bucket._tokens -= 1
    assert bucket.delay_for() == pytest.approx(1.0)
    clock.now += 0.5
    assert bucket.delay_for() == pytest.approx(0.5)


def test_pause_blocks_the_family() -> None:
    clock = FakeClock()
    bucket = TokenBucket(RateLimit(requests=600, per=60.0), clock=clock)
    bucket.pause(5.0)
    assert bucket.delay_for() == pytest.approx(5.0)
    clock.now += 5.0
    assert bucket.delay_for() == pytest.approx(0.1)


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


async def test_rate_limited_pauses_whole_family() -> None:
    limiter = RequestLimiter(10, {"txt2img": RateLimit(requests=1000, per=1.0)})
    limiter.rate_limited("txt2img", 0.2)
    limiter.rate_limited("other", 0.2)  # an unpaced family becomes paced
    start = anyio.current_time()
    async with limiter.slot("txt2img"):
        pass
    async with limiter.slot("other"):
        pass
    assert anyio.current_time() - start >= 0.19
    assert limiter.statistics().rate_limited == 2


async def test_wait_until_ready_waits_for_the_pause_without_taking_a_token() -> None:
    limiter = RequestLimiter(10, {"txt2img": RateLimit(requests=2, per=1.0, burst=2)})
    limiter.rate_limited("txt2img", 0.15)
    start = anyio.current_time()
    await limiter.wait_until_ready("txt2img")
    assert anyio.current_time() - start >= 0.14
    bucket = limiter.bucket("txt2img")
    assert bucket is not None and bucket.delay_for() == 0  # the token is still there for the real request
    await limiter.wait_until_ready("unpaced")  # no bucket: returns at once
