"""Retry rules under injected faults: reads retry, paid submits never double-pay."""

from __future__ import annotations

import logging
import socket

import anyio
import pytest
from _payloads import TXT2IMG

from novita_async import (
    APIConnectionError,
    NovitaClient,
    RateLimitError,
    RequestOptions,
    ServerError,
    SubmitOutcomeUnknownError,
)
from novita_async.testing import EmulatorServer, Fault

SUBMIT = "/v3/async/txt2img"


async def test_get_retries_transient_failures(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    novita_emulator.faults.add("/v3/user", Fault.http(503))
    novita_emulator.faults.add("/v3/user", Fault.reset_before())
    novita_emulator.faults.add("/v3/user", Fault.http(429, retry_after=0.1))
    novita_emulator.faults.add("/v3/user", Fault.http(502))
    user = await novita_client.account.user(options=RequestOptions(max_retries=4))
    assert user.credit_balance > 0
    assert novita_emulator.faults.pending == 0


async def test_get_gives_up_after_max_retries(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    novita_emulator.faults.add("/v3/user", Fault.http(500), times=3)
    with pytest.raises(ServerError):
        await novita_client.account.user(options=RequestOptions(max_retries=2))
    assert novita_emulator.faults.pending == 0


async def test_submit_retried_on_429_and_503(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    novita_emulator.faults.add(SUBMIT, Fault.http(429, retry_after=0.05))
    novita_emulator.faults.add(SUBMIT, Fault.http(503))
    task = await novita_client.images.txt2img(**TXT2IMG)
    await task
    assert novita_emulator.state.tasks_created_total == 1
    assert novita_client.limiter_statistics().rate_limited == 1


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_submit_not_retried_on_other_5xx_and_reported_unknown(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, status: int
) -> None:
    # A 500/502/504 does not prove the task was not created first: the outcome is unknown, not re-sent.
    novita_emulator.faults.add(SUBMIT, Fault.http(status))
    with pytest.raises(SubmitOutcomeUnknownError) as info:
        await novita_client.images.txt2img(**TXT2IMG)
    assert info.value.status_code == status and isinstance(info.value.__cause__, ServerError)
    assert novita_emulator.faults.pending == 0


async def test_ambiguous_submit_raises_and_is_never_resent(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    novita_emulator.faults.add(SUBMIT, Fault.reset_after())  # the task IS created, the answer is lost
    with pytest.raises(SubmitOutcomeUnknownError) as info:
        await novita_client.images.txt2img(**TXT2IMG)
    err = info.value
    assert err.sent and err.endpoint == SUBMIT and b'"prompt":"a cat"' in err.request_body
    assert novita_emulator.state.tasks_created_total == 1  # exactly one: it was not re-sent


async def test_truncated_submit_answer_is_ambiguous(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    novita_emulator.faults.add(SUBMIT, Fault.truncate())
    with pytest.raises(SubmitOutcomeUnknownError):
        await novita_client.images.txt2img(**TXT2IMG)
    assert novita_emulator.state.tasks_created_total == 1


@pytest.mark.parametrize(
    "fault",
    [Fault.malformed(), Fault.http(200, body={}), Fault.http(200, body="<html><body>gateway</body></html>"),
     Fault.http(200, body={"code": 500, "reason": "INTERNAL", "message": "boom"})],
    ids=["truncated-json", "empty-object", "html", "http-200-error-envelope"],
)
async def test_undecodable_2xx_submit_answer_is_ambiguous(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, fault: Fault
) -> None:
    # A 2xx answer we cannot read may still mean "task created": unknown, never a plain failure, not re-sent.
    novita_emulator.faults.add(SUBMIT, fault)
    with pytest.raises(SubmitOutcomeUnknownError) as info:
        await novita_client.images.txt2img(**TXT2IMG)
    assert info.value.sent and info.value.status_code == 200 and info.value.response_body
    assert novita_emulator.state.request_count("POST", SUBMIT) == 1


async def test_slow_submit_times_out_as_ambiguous(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    novita_emulator.faults.add(SUBMIT, Fault.delay(1.0))
    with pytest.raises(SubmitOutcomeUnknownError):
        await novita_client.images.txt2img(**TXT2IMG, options=RequestOptions(timeout=0.2))
    assert novita_emulator.state.tasks_created_total <= 1


async def test_n_submits_create_exactly_n_tasks_under_faults(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    """The double-pay property: retried submits (429/503/unsent) create one task each; ambiguous ones
    raise and create at most the one task the server already made."""
    kinds = [Fault.http(429, retry_after=0.01), Fault.http(503), Fault.reset_before(), Fault.reset_after()]
    for i in range(12):
        novita_emulator.faults.add(SUBMIT, kinds[i % 4])
    n = 30
    tasks, unknown = [], 0

    async def submit() -> None:
        nonlocal unknown
        try:
            tasks.append(await novita_client.images.txt2img(**TXT2IMG))
        except SubmitOutcomeUnknownError:
            unknown += 1

    async with anyio.create_task_group() as tg:
        for _ in range(n):
            tg.start_soon(submit)
    # reset_before drops the request unprocessed and after sending: it is ambiguous too, and not re-sent.
    created = novita_emulator.state.tasks_created_total
    assert len(tasks) + unknown == n
    assert created == len(tasks) + 3  # the 3 reset_after orphans exist server-side
    assert len({t.task_id for t in tasks}) == len(tasks)
    for task in tasks:
        await task


async def test_connection_refused_submit_is_retried_then_raises() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        async with NovitaClient(api_key="k", base_url=f"http://127.0.0.1:{port}", rate_limits=None) as client:
            with pytest.raises(APIConnectionError) as info:
                await client.images.txt2img(**TXT2IMG, options=RequestOptions(max_retries=2))
    assert not isinstance(info.value, SubmitOutcomeUnknownError) and info.value.sent is False


async def test_retry_decisions_are_logged_without_the_key(
    novita_emulator: EmulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = novita_emulator.api_key
    caplog.set_level(logging.DEBUG, logger="novita_async")
    async with NovitaClient(api_key=secret, base_url=novita_emulator.url, rate_limits=None) as client:
        novita_emulator.faults.add("/v3/user", Fault.http(503), times=2)
        await client.account.user()
        novita_emulator.faults.add(SUBMIT, Fault.reset_after())
        with pytest.raises(SubmitOutcomeUnknownError) as info:
            await client.images.txt2img(**TXT2IMG)
        task = await client.images.txt2img(**TXT2IMG)
        await task
        novita_emulator.faults.add("/v3/user", Fault.http(429), times=5)
        with pytest.raises(RateLimitError) as limited:
            await client.account.user(options=RequestOptions(max_retries=1))
    assert any("retrying GET /v3/user" in r.getMessage() for r in caplog.records)
    assert any(task.task_id in r.getMessage() for r in caplog.records)  # the task id is logged
    text = caplog.text + repr(client) + str(info.value) + repr(info.value) + str(limited.value)
    text += repr(info.value.__dict__) + repr(limited.value.__dict__)
    assert secret not in text
