"""Every branch of the error tree, produced by the real client against the emulator."""

from __future__ import annotations

import socket

import pytest
from _payloads import TXT2IMG

from novita_async import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    InsufficientBalanceError,
    InvalidRequestError,
    NotFoundError,
    NovitaClient,
    PermissionDeniedError,
    RateLimitError,
    RequestOptions,
    ServerError,
    TaskFailedError,
)
from novita_async._errors import status_error_class, v2_error
from novita_async.testing import EmulatorConfig, EmulatorServer, Fault

NO_RETRY = RequestOptions(max_retries=0)


@pytest.mark.parametrize(
    ("status", "reason", "cls"),
    [
        (400, "INVALID_REQUEST_BODY", InvalidRequestError),
        (400, "MISSING_API_KEY", AuthenticationError),
        (403, "INVALID_API_KEY", AuthenticationError),
        (401, "", AuthenticationError),
        (400, "BILLING_BALANCE_NOT_ENOUGH", InsufficientBalanceError),
        (403, "FEATURE_NOT_ALLOWED", PermissionDeniedError),
        (404, "TASK_NOT_FOUND", NotFoundError),
        (429, "RATE_LIMIT_EXCEEDED", RateLimitError),
        (500, "INTERNAL", ServerError),
        (503, "", ServerError),
    ],
)
def test_status_and_reason_pick_the_class(status: int, reason: str, cls: type) -> None:
    assert status_error_class(status, reason) is cls


@pytest.mark.parametrize(
    ("code", "cls"),
    [(1, InvalidRequestError), (2, NotFoundError), (3, NotFoundError), (4, AuthenticationError),
     (5, ServerError), (6, InvalidRequestError), (7, InsufficientBalanceError), (8, InvalidRequestError),
     (-1, ServerError), (42, InvalidRequestError)],
)
def test_v2_codes_map_into_the_same_tree(code: int, cls: type) -> None:
    err = v2_error(code, "m", method="POST", path="/v2/txt2img")
    assert type(err) is cls and err.v2_code == code and err.status_code == 200


async def test_wrong_key_is_authentication_error(novita_emulator: EmulatorServer) -> None:
    async with NovitaClient(api_key="wrong-key", base_url=novita_emulator.url) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.account.user()
    assert info.value.status_code == 403 and info.value.reason == "INVALID_API_KEY"
    assert info.value.method == "GET" and info.value.path == "/v3/user"
    assert "wrong-key" not in str(info.value)


async def test_v3_error_body_fields(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    novita_emulator.faults.add(
        "/v3/async/txt2img",
        Fault.http(400, body={"code": 400, "reason": "ILLEGAL_PROMPT", "message": "no", "metadata": {"k": "v"}}),
    )
    with pytest.raises(InvalidRequestError) as info:
        await novita_client.images.txt2img(**TXT2IMG)
    err = info.value
    assert (err.status_code, err.reason, err.message, err.metadata) == (400, "ILLEGAL_PROMPT", "no", {"k": "v"})


async def test_insufficient_balance(novita_emulator: EmulatorServer) -> None:
    config = EmulatorConfig(credit_balance=0, cost_per_image=10)
    async with EmulatorServer(config) as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, rate_limits=None
    ) as client:
        with pytest.raises(InsufficientBalanceError):
            await client.images.txt2img(**TXT2IMG)
        assert server.state.tasks_created_total == 0


async def test_task_not_found(novita_client: NovitaClient) -> None:
    with pytest.raises(NotFoundError) as info:
        await novita_client.tasks.get("no-such-task")
    assert info.value.reason == "TASK_NOT_FOUND"


async def test_v2_envelope_error(novita_client: NovitaClient) -> None:
    with pytest.raises(NotFoundError) as info:
        await novita_client.tasks.progress("no-such-task")
    assert info.value.v2_code == 3


async def test_task_failure_carries_task_id(novita_client: NovitaClient) -> None:
    task = await novita_client.images.txt2img(**{**TXT2IMG, "prompt": "a cat [fail]"})
    with pytest.raises(TaskFailedError) as info:
        await task
    assert info.value.task_id == task.task_id and info.value.reason


async def test_malformed_answer(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    novita_emulator.faults.add("/v3/user", Fault.malformed())
    with pytest.raises(APIResponseValidationError):
        await novita_client.account.user(options=NO_RETRY)


async def test_truncated_answer(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    novita_emulator.faults.add("/v3/user", Fault.truncate())
    with pytest.raises(APIConnectionError) as info:
        await novita_client.account.user(options=NO_RETRY)
    assert info.value.sent is True


async def test_read_timeout(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    novita_emulator.faults.add("/v3/user", Fault.delay(1.0))
    with pytest.raises(APITimeoutError):
        await novita_client.account.user(options=RequestOptions(timeout=0.2, max_retries=0))


async def test_connection_refused_is_unsent() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connections are refused
        async with NovitaClient(api_key="k", base_url=f"http://127.0.0.1:{port}") as client:
            with pytest.raises(APIConnectionError) as info:
                await client.account.user(options=NO_RETRY)
    assert info.value.sent is False
    # aiohttp's exception is not chained: its frames hold the request headers (issue 8, item 5).
    assert info.value.__cause__ is None and info.value.__context__ is None
