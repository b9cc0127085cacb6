"""Caps on API answers (issue 8, item 4): huge bodies, gzip bombs and deeply nested JSON are typed errors.

Each test drives the real client over loopback against the emulator behind `tests/_hostile.HostileProxy`.
Before the fix a 300 MB gzip bomb was inflated whole (RSS +300 MB, the loop blocked), a 50 MB body read
whole, and nested JSON escaped as `RecursionError` from `tasks.get` and as a task's error.
"""

from __future__ import annotations

import dataclasses
import resource
import time
from collections.abc import AsyncIterator

import anyio
import pytest
from _hostile import HostileProxy, Misbehave

from novita_async import (
    APIResponseValidationError,
    APIStatusError,
    NovitaClient,
    PollPolicy,
    RequestOptions,
    ResponseTooLargeError,
    ServerError,
    SubmitOutcomeUnknownError,
    Timeout,
)
from novita_async._constants import MAX_DECOMPRESSED_BYTES, MAX_RESPONSE_BYTES
from novita_async.testing import EmulatorServer, LoopMonitor

NO_RETRY = RequestOptions(max_retries=0)
MiB = 1024 * 1024
TXT2IMG = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1,
    steps=20, guidance_scale=7.5, sampler_name="Euler a",
)


@pytest.fixture
async def proxy(novita_emulator: EmulatorServer) -> AsyncIterator[HostileProxy]:
    async with HostileProxy(novita_emulator.url) as p:
        yield p


@pytest.fixture
async def client(novita_emulator: EmulatorServer, proxy: HostileProxy) -> AsyncIterator[NovitaClient]:
    async with NovitaClient(
        api_key=novita_emulator.api_key, base_url=proxy.url, rate_limits=None,
        poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.2),
    ) as c:
        yield c


class LoopLag:
    """Largest gap between 10 ms ticks while running: how long the loop was held."""

    def __init__(self) -> None:
        self.worst = 0.0

    async def run(self) -> None:
        while True:
            start = time.perf_counter()
            await anyio.sleep(0.01)
            self.worst = max(self.worst, time.perf_counter() - start - 0.01)


def peak_rss_reset() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:  # resets VmHWM, the peak resident set
            f.write("5")
    except OSError:
        pass


def peak_rss_mib() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def test_gzip_bomb_is_cut_at_the_cap_without_memory_or_loop_blowup(
    client: NovitaClient, proxy: HostileProxy
) -> None:
    bomb = Misbehave.gzip_bomb(300 * MiB, forward=False)  # ~300 KB on the wire
    proxy.script("/v3/user", bomb)
    lag = LoopLag()
    peak_rss_reset()
    before = peak_rss_mib()
    async with LoopMonitor(slow_callback=0.05) as monitor, anyio.create_task_group() as tg:
        tg.start_soon(lag.run)
        with pytest.raises(ResponseTooLargeError) as info:
            await client.account.user(options=NO_RETRY)
        tg.cancel_scope.cancel()
    assert info.value.limit == MAX_DECOMPRESSED_BYTES and "decompress" in str(info.value)
    assert peak_rss_mib() - before < 3 * MAX_DECOMPRESSED_BYTES / MiB  # was +300 MB (issue: 1.26 GB)
    # No callback of ours held the loop (CPU time on the loop thread, which other processes cannot inflate);
    # the wall-clock lag only guards against the old multi-second stall (a loaded machine adds 100s of ms).
    assert not monitor.busy_callbacks, monitor.busy_callbacks
    assert lag.worst < 1.0  # was 4.5 s


async def test_announced_huge_body_is_refused_before_reading(client: NovitaClient, proxy: HostileProxy) -> None:
    proxy.script("/v3/user", Misbehave.huge(50 * MiB, declared=True, forward=False))
    with pytest.raises(ResponseTooLargeError) as info:
        await client.account.user(options=NO_RETRY)
    assert "announces" in str(info.value) and info.value.limit == MAX_RESPONSE_BYTES


async def test_streamed_huge_body_stops_at_the_cap(client: NovitaClient, proxy: HostileProxy) -> None:
    proxy.script("/v3/user", Misbehave.huge(50 * MiB, declared=False, forward=False))
    with pytest.raises(ResponseTooLargeError) as info:
        await client.account.user(options=NO_RETRY)
    assert "passed" in str(info.value)


async def test_honest_gzip_still_decodes(client: NovitaClient, proxy: HostileProxy) -> None:
    proxy.script("/v3/user", Misbehave.gzipped(b'{"credit_balance": 42}', forward=False))
    user = await client.account.user(options=NO_RETRY)
    assert user.credit_balance == 42


async def test_unknown_content_encoding_is_typed(client: NovitaClient, proxy: HostileProxy) -> None:
    proxy.script("/v3/user", Misbehave.answer(b"\x00\x01", forward=False, headers={"Content-Encoding": "br"}))
    with pytest.raises(APIResponseValidationError, match="Content-Encoding"):
        await client.account.user(options=NO_RETRY)


async def test_corrupt_gzip_is_typed(client: NovitaClient, proxy: HostileProxy) -> None:
    proxy.script("/v3/user", Misbehave.answer(b"not gzip at all", forward=False, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(APIResponseValidationError, match="corrupt"):
        await client.account.user(options=NO_RETRY)


async def test_nested_json_from_tasks_get_is_typed(client: NovitaClient, proxy: HostileProxy) -> None:
    proxy.script("/v3/async/task-result", Misbehave.nested(100_000, forward=False))
    with pytest.raises(APIResponseValidationError, match="nested too deeply") as info:
        await client.tasks.get("some-task", options=NO_RETRY)
    assert info.value.__context__ is None  # no RecursionError (and its frames) chained


async def test_nested_json_error_body_is_still_a_status_error(client: NovitaClient, proxy: HostileProxy) -> None:
    proxy.script("/v3/user", Misbehave.nested(100_000, forward=False), times=1)
    proxy.script("/v3/user", Misbehave.answer(b"[" * 100_000, status=500, forward=False))
    with pytest.raises(APIResponseValidationError):
        await client.account.user(options=NO_RETRY)
    with pytest.raises(ServerError):
        await client.account.user(options=NO_RETRY)


async def test_nested_json_poll_is_not_a_tasks_error(client: NovitaClient, proxy: HostileProxy) -> None:
    """A hostile poll answer is a transient read failure: the task still resolves from the next poll."""
    task = await client.images.txt2img(**TXT2IMG)
    proxy.script("/v3/async/task-result", Misbehave.nested(100_000, forward=False), times=2)
    with anyio.fail_after(10):
        result = await task
    assert result.task.task_id == task.task_id
    assert len(proxy.applied) == 2


async def test_bomb_answer_to_a_submit_is_unknown_not_failed(
    client: NovitaClient, proxy: HostileProxy, novita_emulator: EmulatorServer
) -> None:
    proxy.script("/v3/async/txt2img", Misbehave.gzip_bomb(64 * MiB))  # forwarded: the task exists
    with pytest.raises(SubmitOutcomeUnknownError) as info:
        await client.images.txt2img(**TXT2IMG)
    assert isinstance(info.value.__cause__, ResponseTooLargeError)
    assert novita_emulator.state.tasks_created_total == 1


async def test_nested_json_webhook_delivery_is_refused_not_raised(client: NovitaClient) -> None:
    """A hostile webhook POST of deeply nested JSON is a 400 like any malformed body (was RecursionError)."""
    from _hostile import nested_json

    async with client.webhooks.serve() as hook:
        assert await hook.handle(nested_json(100_000), hook.token) == 400
        assert hook.statistics().malformed == 1


async def test_nested_json_upload_refusal_is_a_status_error(
    novita_emulator: EmulatorServer, client: NovitaClient
) -> None:
    async with HostileProxy(novita_emulator.storage_url) as storage, NovitaClient(
        api_key=novita_emulator.api_key, base_url=novita_emulator.url, assets_url=storage.url, rate_limits=None,
    ) as uploader:
        storage.script("/image*", Misbehave.answer(b'{"x": ' + b"[" * 100_000, status=400, forward=False))
        with pytest.raises(APIStatusError):
            await uploader.assets.upload_image(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))


@pytest.mark.parametrize(
    "behaviour",
    [Misbehave.huge(50 * MiB, declared=False, forward=False), Misbehave.huge(50 * MiB, forward=False),
     Misbehave.gzip_bomb(100 * MiB, forward=False)],
    ids=["streamed", "announced", "bomb"],
)
async def test_a_huge_error_body_is_cut_short_and_stays_a_status_error(
    client: NovitaClient, proxy: HostileProxy, behaviour: Misbehave
) -> None:
    """Only a refusal's message is read: a 503 with a 50 MB body is still a (retried) ServerError."""
    proxy.script("/v3/user", dataclasses.replace(behaviour, status=503))
    with pytest.raises(ServerError):
        await client.account.user(options=NO_RETRY)
    proxy.script("/v3/user", dataclasses.replace(behaviour, status=503))
    assert (await client.account.user(options=RequestOptions(max_retries=1))).credit_balance > 0


async def test_content_type_only_on_json_bodies(client: NovitaClient, proxy: HostileProxy) -> None:
    """The headers built once per transport: JSON bodies say so, a body-less POST gets no aiohttp default."""
    transport = client._transport
    for method, body in (("GET", None), ("POST", None), ("POST", b"{}")):
        await transport.send(method, "/v3/user", params=None, body=body, timeout=Timeout(total=5.0))
    types = [headers.get("Content-Type") for _, _, headers in proxy.seen[-3:]]
    assert types == [None, None, "application/json"]
    assert all(headers["Authorization"] == f"Bearer {client._api_key.reveal()}" for _, _, headers in proxy.seen)
