"""Every fault kind, observed through a raw aiohttp client."""

from __future__ import annotations

import time

import aiohttp
import pytest
from emulator_helpers import AUTH, TXT2IMG

from novita_async.testing import Fault

SUBMIT = "/v3/async/txt2img"


async def post(session, server, path=SUBMIT, body=TXT2IMG):
    return await session.post(server.make_url(path), json=body, headers=AUTH)


async def test_status_fault_fifo_and_times(server, session):
    server.faults.add(SUBMIT, Fault.http(503, retry_after=2), times=2)
    server.faults.add(SUBMIT, Fault.http(429))
    seen = []
    for _ in range(4):
        async with await post(session, server) as r:
            seen.append((r.status, r.headers.get("Retry-After"), (await r.json()).get("reason")))
    assert seen == [
        (503, "2", "SERVICE_UNAVAILABLE"),
        (503, "2", "SERVICE_UNAVAILABLE"),
        (429, None, "RATE_LIMIT_EXCEEDED"),
        (200, None, None),
    ]
    assert server.state.tasks_created_total == 1
    assert server.faults.pending == 0
    assert server.state.request_count("POST", SUBMIT) == 4


async def test_status_fault_custom_body_and_v2(server, session):
    server.faults.add("/v2/txt2img", Fault.http(200, v2_code=5, message="no worker"))
    server.faults.add(SUBMIT, Fault.http(500, body={"weird": True}), method="POST")
    async with await post(session, server, "/v2/txt2img", {}) as r:
        assert (r.status, await r.json()) == (200, {"code": 5, "msg": "no worker"})
    async with await post(session, server) as r:
        assert (r.status, await r.json()) == (500, {"weird": True})


async def test_reset_before_creates_nothing(server, session):
    server.faults.add(SUBMIT, Fault.reset_before())
    with pytest.raises(aiohttp.ServerDisconnectedError):
        async with await post(session, server) as r:
            await r.read()
    assert server.state.tasks_created_total == 0


async def test_reset_after_creates_the_task(server, session):
    server.faults.add(SUBMIT, Fault.reset_after())
    with pytest.raises(aiohttp.ClientConnectionError):
        async with await post(session, server) as r:
            await r.read()
    assert server.state.tasks_created_total == 1


async def test_delay(server, session):
    server.faults.add(SUBMIT, Fault.delay(0.3))
    start = time.perf_counter()
    async with await post(session, server) as r:
        assert r.status == 200
    assert time.perf_counter() - start >= 0.3


async def test_truncate(server, session):
    server.faults.add("/v3/model", Fault.truncate())
    with pytest.raises(aiohttp.ClientPayloadError):
        async with session.get(server.make_url("/v3/model"), headers=AUTH) as r:
            await r.read()


async def test_malformed(server, session):
    server.faults.add(SUBMIT, Fault.malformed())
    async with await post(session, server) as r:
        assert r.status == 200
        with pytest.raises(ValueError):
            await r.json()
    assert server.state.tasks_created_total == 0


async def test_unknown_status_on_submit_and_on_poll(server, session, clock):
    server.faults.add(SUBMIT, Fault.unknown_status())
    async with await post(session, server) as r:
        flagged = (await r.json())["task_id"]
    async with await post(session, server) as r:
        normal = (await r.json())["task_id"]
    clock.advance(10)
    url = server.make_url("/v3/async/task-result")
    server.faults.add("/v3/async/task-result", Fault.unknown_status())
    statuses = []
    for task_id in (normal, normal, flagged):
        async with session.get(url, params={"task_id": task_id}, headers=AUTH) as r:
            statuses.append((await r.json())["task"]["status"])
    assert statuses == ["TASK_STATUS_UNKNOWN", "TASK_STATUS_SUCCEED", "TASK_STATUS_UNKNOWN"]


async def test_storage_fault(server, session):
    server.faults.add("/image", Fault.http(500))
    # aiohttp transparently retries an idempotent request once when a *reused* connection drops, so the
    # GET below needs the fault twice to surface.
    server.faults.add("/files/*", Fault.reset_before(), times=2)
    async with session.put(server.storage_url + "/image", data=b"x") as r:
        assert r.status == 500
    with pytest.raises(aiohttp.ServerDisconnectedError):
        async with session.get(server.storage_url + "/files/a/0.png") as r:
            await r.read()
    assert [kind for _, _, kind in server.faults.fired] == ["status", "reset_before", "reset_before"]
