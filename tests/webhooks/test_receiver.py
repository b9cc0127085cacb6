"""The receiver as an HTTP endpoint under hostile input: tokens, malformed and oversized bodies, unknown
ids, bursts, shutdown; and the two ways to mount it in an application of your own."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import anyio
import msgspec
import pytest
from aiohttp import web

from novita_async import (
    ClientStateError,
    InvalidRequestError,
    NovitaClient,
    WebhookEvent,
    WebhookPolicy,
    gather_tasks,
)
from novita_async.testing import EmulatorConfig, EmulatorServer

from ._hooks import TXT2IMG, event, post, wait_until

LOST = EmulatorConfig(seed=5, task_duration=(0.05, 0.1), webhook_loss=1.0)


async def test_wrong_or_missing_token_is_403(client: NovitaClient) -> None:
    async with client.webhooks.serve() as hook:
        body = event("t-1")
        assert await post(hook.public_url + "/" + "x" * 43, body) == 403
        assert await post(hook.public_url + "/", body) == 403
        assert await post(hook.url + "-", body) == 403
        assert await hook.handle(msgspec.json.encode(body), None) == 403
        assert await hook.handle(msgspec.json.encode(body), "") == 403
        assert await post(hook.url, body) == 200
        stats = hook.statistics()
    assert (stats.forbidden, stats.accepted) == (5, 1)
    assert hook.token not in repr(hook)


@pytest.mark.parametrize("emulator_config", [LOST])
async def test_malformed_bodies_are_400_and_resolve_nothing(
    client: NovitaClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="novita_async")
    async with client.webhooks.serve(confirm=False) as hook:
        task = await client.images.txt2img(**TXT2IMG)  # its real event is lost
        tid = task.task_id
        bad = [
            b"not json",
            b"[]",
            b'{"event_type": 5}',
            msgspec.json.encode({"event_type": "ASYNC_TASK_RESULT", "payload": {"task": {}}}),  # no task id
            msgspec.json.encode(event(tid, images=[{"image_url": 5}])),  # wrong type deep inside
            msgspec.json.encode({"payload": event(tid)["payload"]}),  # no event_type
        ]
        for body in bad:
            assert await post(hook.url, body) == 400
        assert await post(hook.url, {**event(tid), "event_type": "SOMETHING_ELSE"}) == 200  # ignored
        await anyio.sleep(0.05)
        assert not task.done()
        stats = hook.statistics()
        task.cancel()
    assert (stats.malformed, stats.ignored, stats.accepted) == (6, 1, 0)
    assert sum("malformed" in r.message or "no event_type" in r.message for r in caplog.records) == 6


async def test_oversized_bodies_are_413(client: NovitaClient) -> None:
    async with client.webhooks.serve(policy=WebhookPolicy(max_body=2048)) as hook:
        big = msgspec.json.encode(event("t-1", images=[{"image_url": "x" * 4000}]))
        assert await post(hook.url, big) == 413  # declared Content-Length

        async def chunks() -> AsyncIterator[bytes]:
            for i in range(0, len(big), 512):
                yield big[i : i + 512]

        async with aiohttp.ClientSession() as s, s.post(hook.url, data=chunks()) as r:  # chunked: no length
            assert r.status == 413
        assert await hook.handle(big, hook.token) == 413
        assert await post(hook.url, event("t-2")) == 200
        stats = hook.statistics()
    assert (stats.oversized, stats.accepted) == (3, 1)


async def test_unknown_task_ids_go_to_the_callback(client: NovitaClient, caplog: pytest.LogCaptureFixture) -> None:
    seen: list[WebhookEvent] = []

    async def on_unknown(e: WebhookEvent) -> None:
        seen.append(e)
        if e.payload.task.task_id == "boom":
            raise RuntimeError("a user callback failing")

    policy = WebhookPolicy(early_window=0.05)
    async with client.webhooks.serve(on_unknown=on_unknown, policy=policy) as hook:
        assert await post(hook.url, event("nobody-1")) == 200
        # A retried delivery: reported once, whether it comes within the 50 ms window or after it (on a
        # loaded machine the two posts can be further apart than that).
        assert await post(hook.url, event("nobody-1")) == 200
        assert await post(hook.url, event("boom")) == 200
        await wait_until(lambda: len(seen) >= 2)
        assert await post(hook.url, event("nobody-1")) == 200  # a late retry, after it was reported
        await wait_until(lambda: hook.statistics().duplicates >= 1)
        await anyio.sleep(0.05)
        stats = hook.statistics()
    assert sorted(e.payload.task.task_id for e in seen) == ["boom", "nobody-1"]
    assert stats.unknown == 2
    assert any("on_unknown callback failed" in r.message for r in caplog.records)
    assert client.state.value == "opened"  # the failing callback did not take the client down


async def test_a_burst_of_deliveries(client: NovitaClient) -> None:
    n = 2000
    policy = WebhookPolicy(early_window=0.01)
    async with client.webhooks.serve(policy=policy) as hook:
        statuses: list[int] = []
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256)) as s:

            async def one(i: int) -> None:
                async with s.post(hook.url, json=event(f"burst-{i}")) as r:
                    statuses.append(r.status)

            with anyio.fail_after(30):
                async with anyio.create_task_group() as tg:
                    for i in range(n):
                        tg.start_soon(one, i)
        await wait_until(lambda: hook.statistics().unknown >= n)
    assert statuses == [200] * n


@pytest.mark.parametrize("emulator_config", [LOST])
async def test_closing_the_receiver_hands_held_tasks_to_the_poller(
    client: NovitaClient, emulator: EmulatorServer
) -> None:
    policy = WebhookPolicy(grace=30.0)
    hook = client.webhooks.serve(policy=policy)
    async with hook:
        assert client.webhooks.active is hook
        with pytest.raises(ClientStateError, match="already has an active"):
            async with client.webhooks.serve():
                pass
        tasks = [await client.images.txt2img(**TXT2IMG) for _ in range(3)]
        await anyio.sleep(0.2)
        assert not any(t.done() for t in tasks)  # held: their events are lost, nobody polls yet
        url = hook.url
    assert client.webhooks.active is None
    with anyio.fail_after(3):
        outcomes = await gather_tasks(tasks)
    assert all(o.ok for o in outcomes)
    assert await hook.handle(msgspec.json.encode(event("x")), hook.token) == 503
    with pytest.raises(aiohttp.ClientConnectionError):
        await post(url, event("x"))
    with pytest.raises(ClientStateError):
        async with hook:
            pass


@pytest.mark.parametrize("emulator_config", [LOST])
async def test_closing_the_client_closes_the_receiver(emulator: EmulatorServer) -> None:
    async with NovitaClient(api_key=emulator.api_key, base_url=emulator.url, rate_limits=None) as client:
        hook = await client.webhooks.serve().__aenter__()
        task = await client.images.txt2img(**TXT2IMG)
        url = hook.url
    assert client.webhooks.active is None
    with pytest.raises(ClientStateError):
        await task
    with pytest.raises(aiohttp.ClientConnectionError):
        await post(url, event(task.task_id))


def _bound_socket() -> tuple[socket.socket, int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock, sock.getsockname()[1]


async def _run_app(app: web.Application, sock: socket.socket) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    return runner


async def test_mounted_in_your_aiohttp_app(emulator: EmulatorServer) -> None:
    """The README's aiohttp recipe: receiver built with the app, opened and closed by its cleanup context."""
    sock, port = _bound_socket()
    client = NovitaClient(api_key=emulator.api_key, base_url=emulator.url, rate_limits=None)
    hook = client.webhooks.receive(f"http://127.0.0.1:{port}/novita/webhook")
    app = web.Application()
    app.add_subapp("/novita/webhook/", hook.aiohttp_app())

    async def novita(app: web.Application) -> AsyncIterator[None]:
        async with client, hook:
            yield

    app.cleanup_ctx.append(novita)
    runner = await _run_app(app, sock)
    try:
        tasks = [await client.images.txt2img(**TXT2IMG) for _ in range(3)]
        outcomes = await gather_tasks(tasks, timeout=10)
        stats = hook.statistics()
    finally:
        await runner.cleanup()
    assert all(o.ok for o in outcomes)
    assert [emulator.state.polls[t.task_id] for t in tasks] == [1, 1, 1]
    assert stats.confirmed == 3
    assert client.state.value == "closed" and client.webhooks.active is None


async def test_framework_free_entry_point(client: NovitaClient, emulator: EmulatorServer) -> None:
    """What a FastAPI/Starlette route does: raw body + token from the path → status."""
    sock, port = _bound_socket()
    received: list[int] = []
    async with client.webhooks.receive(f"http://127.0.0.1:{port}/custom", confirm=False) as hook:

        async def route(request: web.Request) -> web.Response:
            status = await hook.handle(await request.read(), request.match_info["token"])
            received.append(status)
            return web.Response(status=status)

        app = web.Application()
        app.router.add_post("/custom/{token}", route)
        runner = await _run_app(app, sock)
        try:
            task = await client.images.txt2img(**TXT2IMG)
            result: Any = await task.result(timeout=10)
        finally:
            await runner.cleanup()
    assert result.images and received == [200]
    assert emulator.state.polls[task.task_id] == 0


async def test_public_url_behind_a_proxy(client: NovitaClient, emulator: EmulatorServer) -> None:
    async with client.webhooks.serve(public_url="https://my.host/novita/webhook") as hook:
        assert hook.url.startswith("https://my.host/novita/webhook/") and hook.url.endswith(hook.token)
        # The emulator only ever posts to loopback: it refuses this submit, and nothing is created.
        with pytest.raises(InvalidRequestError, match="loopback"):
            await client.images.txt2img(**TXT2IMG)
    assert emulator.state.tasks_created_total == 0
