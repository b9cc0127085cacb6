"""Rate control end to end, over loopback against the emulator: an account limit the client was never told
about is learned, 429s on submits never reach the caller while the deadline allows, nothing is created
twice, and polls never wait behind submit pacing."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest
from _payloads import TXT2IMG

from novita_async import NovitaClient, PollPolicy, RateLimit, RateLimitError, RequestOptions
from novita_async.testing import EmulatorConfig, EmulatorServer, Fault

pytestmark = pytest.mark.timeout(30)
SUBMIT = "/v3/async/txt2img"
RESULT = "/v3/async/task-result"
FAST_POLLS = PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.3)


@contextlib.asynccontextmanager
async def emulated(config: EmulatorConfig, **client: Any) -> AsyncIterator[tuple[EmulatorServer, NovitaClient]]:
    async with EmulatorServer(config) as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, poll_policy=FAST_POLLS, **client
    ) as c:
        yield server, c


async def test_a_long_429_storm_ends_with_every_task_created_exactly_once() -> None:
    # 16 images/s per key in 1 s windows, no Retry-After (the docs document none); 40 submits of 2 images at
    # once and max_retries=0: most first answers are 429, and the caller sees none of them.
    config = EmulatorConfig(task_duration=(0.01, 0.03), submit_rate_limit=(16, 1.0), seed=3)
    async with emulated(config, max_retries=0) as (server, client):
        started = time.monotonic()
        tasks: list[Any] = []

        async def submit(i: int) -> None:
            tasks.append(await client.images.txt2img(**{**TXT2IMG, "prompt": f"cat {i}"}))

        async with anyio.create_task_group() as tg:
            for i in range(40):
                tg.start_soon(submit, i)
        elapsed = time.monotonic() - started
        results = [await t for t in tasks]
        family = client.limiter_statistics().families["txt2img"]
    assert len(results) == 40 and len({t.task_id for t in tasks}) == 40
    assert server.state.tasks_created_total == 40  # every task exactly once
    assert server.state.submits_rate_limited == family.rate_limited > 0
    assert family.learned and family.per_minute is not None
    assert family.rate_limited <= 50  # learned, not hammered: the first burst, then a few probes
    assert elapsed >= (80 - 16) / 16 * 0.9  # and it kept to the limit it found


async def test_three_hundred_429s_in_a_row_still_create_every_task_once() -> None:
    # Nothing accepted for a long stretch (a window full from elsewhere): the server says "come back in
    # 10 ms" 300 times; ten callers with max_retries=0 all get their task, each created once.
    config = EmulatorConfig(task_duration=(0.01, 0.02))
    async with emulated(config, max_retries=0) as (server, client):
        server.faults.add(SUBMIT, Fault.http(429, retry_after=0.01), times=300)
        tasks: list[Any] = []

        async def submit(i: int) -> None:
            tasks.append(await client.images.txt2img(**{**TXT2IMG, "prompt": f"dog {i}"}))

        async with anyio.create_task_group() as tg:
            for i in range(10):
                tg.start_soon(submit, i)
        for t in tasks:
            await t
        assert server.faults.pending == 0
    assert server.state.tasks_created_total == 10 and len({t.task_id for t in tasks}) == 10


async def test_429s_on_submits_are_not_bounded_by_max_retries_but_by_the_deadline(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    novita_emulator.faults.add(SUBMIT, Fault.http(429, retry_after=0.01), times=6)
    task = await novita_client.images.txt2img(**TXT2IMG, options=RequestOptions(max_retries=0))
    await task
    assert novita_emulator.state.tasks_created_total == 1
    novita_emulator.faults.add(SUBMIT, Fault.http(429, retry_after=0.02), times=1000)
    started = time.monotonic()
    with pytest.raises(RateLimitError):
        await novita_client.images.txt2img(**TXT2IMG, deadline=0.3)
    assert 0.25 <= time.monotonic() - started < 3.0
    with pytest.raises(RateLimitError):  # rate_limit_wait=0: the first 429 is the caller's to handle
        await novita_client.images.txt2img(**TXT2IMG, options=RequestOptions(rate_limit_wait=0))
    assert novita_emulator.state.tasks_created_total == 1


async def test_polls_never_wait_behind_submit_pacing() -> None:
    config = EmulatorConfig(task_duration=(0.05, 0.05))
    async with emulated(config, rate_limits={"txt2img": RateLimit(1, per=30.0)}) as (_, client):
        first = await client.images.txt2img(**TXT2IMG)  # the family's one token for 30 s
        async with anyio.create_task_group() as tg:
            tg.start_soon(functools.partial(client.images.txt2img, **TXT2IMG))  # waits ~30 s for the pace
            started = time.monotonic()
            await first  # polled meanwhile, unhindered
            assert time.monotonic() - started < 2.0
            assert client.limiter_statistics().families["txt2img"].paced == 0  # the second is still waiting
            tg.cancel_scope.cancel()


async def test_a_429_on_polls_slows_the_poller_only() -> None:
    config = EmulatorConfig(task_duration=(0.05, 0.05))
    async with emulated(config) as (server, client):
        server.faults.add(RESULT, Fault.http(429, retry_after=0.3), times=3)
        task = await client.images.txt2img(**TXT2IMG)
        await task
        started = time.monotonic()
        await client.images.txt2img(**TXT2IMG)
        assert time.monotonic() - started < 2.0  # a backstop: `paced == 0` below says it was never held
        stats = client.limiter_statistics().families
    assert stats["polls"].rate_limited == 3
    assert stats["txt2img"].rate_limited == 0 and stats["txt2img"].per_minute is None
    assert stats["txt2img"].paced == 0  # the submit family was never paused


async def test_retry_after_is_honoured_as_a_family_pause() -> None:
    config = EmulatorConfig(task_duration=(0.01, 0.02))
    async with emulated(config) as (server, client):
        await client.images.txt2img(**TXT2IMG)
        server.faults.add(SUBMIT, Fault.http(429, retry_after=0.4))
        started = time.monotonic()
        async with anyio.create_task_group() as tg:
            for _ in range(3):
                tg.start_soon(functools.partial(client.images.txt2img, **TXT2IMG))
        assert time.monotonic() - started >= 0.35
    assert server.state.tasks_created_total == 4


async def test_documented_limits_restore_the_old_pacing() -> None:
    async with emulated(EmulatorConfig(), rate_limits="documented") as (_, client):
        families = client.limiter_statistics().families
    assert families["txt2img"].pinned == 20 and families["txt2img"].per_minute == 20
    with pytest.raises(ValueError, match="documented"):
        NovitaClient(api_key="k", rate_limits="fast")  # type: ignore[arg-type]


async def test_emulator_submit_limit_is_per_key_and_spares_polls() -> None:
    config = EmulatorConfig(api_keys=frozenset({"a", "b"}), submit_rate_limit=(2, 60.0), task_duration=(0.01, 0.02))
    async with EmulatorServer(config) as server:
        clients = [
            NovitaClient(api_key=key, base_url=server.url, rate_limits=None, poll_policy=FAST_POLLS) for key in "ab"
        ]
        async with clients[0] as a, clients[1] as b:
            task = await a.images.txt2img(**TXT2IMG)
            await b.images.txt2img(**TXT2IMG)  # another key: its own budget
            with pytest.raises(RateLimitError) as info:
                await a.images.txt2img(**TXT2IMG, options=RequestOptions(rate_limit_wait=0))
            assert info.value.retry_after is None  # no Retry-After unless configured
            await task  # polls are never limited
            for _ in range(5):
                await a.tasks.get(task.task_id)
    assert server.state.tasks_created_total == 2 and server.state.submits_rate_limited == 1
