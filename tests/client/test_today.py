"""Part 2 §14 cross-cutting behaviour and the escape hatch, against the emulator over loopback.

Balance (row 191), the reason → class table, the `{"error": {...}}` body, lenient task results, and
`client.tasks.submit` / `client.post` / `client.get` for endpoints this client has no method for.
"""

from __future__ import annotations

import decimal
from typing import Any

import msgspec
import pytest

from novita_async import (
    AuthenticationError,
    InsufficientBalanceError,
    InvalidRequestError,
    NotFoundError,
    NovitaClient,
    PermissionDeniedError,
    RateLimitError,
    RequestOptions,
    RequestValidationError,
    ServerError,
    SubmitOutcomeUnknownError,
    Task,
)
from novita_async._codec import decoder_for
from novita_async.testing import EmulatorConfig, EmulatorServer, Fault
from novita_async.types import BalanceDetail, TaskResult

FLUX2 = "/v3/async/flux-2-pro"


async def test_balance(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    balance = await novita_client.account.balance()
    assert isinstance(balance, BalanceDetail)
    assert balance.available_balance == str(novita_emulator.state.credit_balance)
    assert balance.available_usd == decimal.Decimal(novita_emulator.state.credit_balance) / 10000
    doc = msgspec.json.decode(
        b'{"availableBalance":"523000","cashBalance":"500000","creditLimit":"50000","outstandingInvoices":"27000"}',
        type=BalanceDetail,
    )
    assert (doc.available_usd, doc.credit_limit_usd, doc.outstanding_usd) == (
        decimal.Decimal("52.3"), decimal.Decimal("5"), decimal.Decimal("2.7"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("status", "reason", "cls"),
    [
        (400, "BILLING_BALANCE_NOT_ENOUGH", InsufficientBalanceError),  # a 400 that is not a bad request
        (400, "MISSING_API_KEY", AuthenticationError),
        (401, "", AuthenticationError),
        (403, "INVALID_API_KEY", AuthenticationError),
        (403, "NEED_REAL_NAME_VERIFY", PermissionDeniedError),
        (400, "ILLEGAL_IMAGE_CONTENT", InvalidRequestError),
        (404, "API_NOT_FOUND", NotFoundError),
        (429, "RATE_LIMIT_EXCEEDED", RateLimitError),
    ],
)
async def test_reason_to_class(
    status: int, reason: str, cls: type[Exception], novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    body = {"code": status, "reason": reason, "message": "refused", "metadata": {}}
    novita_emulator.faults.add(FLUX2, Fault.http(status, body=body), times=5)
    with pytest.raises(cls) as info:
        # rate_limit_wait=0: a 429 on a submit is otherwise re-sent until the deadline, whatever max_retries says
        await novita_client.images.flux_2_pro(prompt="x", options=RequestOptions(max_retries=0, rate_limit_wait=0))
    assert getattr(info.value, "reason", None) == reason


async def test_openai_style_error_body(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    body = {"error": {"message": "top up first", "code": "BILLING_BALANCE_NOT_ENOUGH"}}
    novita_emulator.faults.add(FLUX2, Fault.http(400, body=body))
    with pytest.raises(InsufficientBalanceError) as info:
        await novita_client.images.flux_2_pro(prompt="x")
    assert info.value.message == "top up first" and info.value.reason == "BILLING_BALANCE_NOT_ENOUGH"


async def test_real_balance_refusal() -> None:
    async with EmulatorServer(EmulatorConfig(cost_per_image=10, credit_balance=5)) as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, rate_limits=None
    ) as client:
        with pytest.raises(InsufficientBalanceError):
            await client.images.flux_1_schnell(prompt="x", width=64, height=64, seed=1, steps=1, image_num=1)


def test_lenient_task_result() -> None:
    """§14.1-14.2: TTLs as strings, `""` debug times, model-specific `extra`, `audios[]`, unknown statuses."""
    body = (
        b'{"extra":{"seed":"0","enable_nsfw_detection":false,"debug_info":{"request_info":"",'
        b'"submit_time_ms":"","execute_time_ms":"1767225600120","complete_time_ms":""}},'
        b'"task":{"task_id":"t","status":"TASK_STATUS_SOMETHING_NEW","reason":"","task_type":"","eta":0.5,'
        b'"progress_percent":100},"images":[{"image_url":"u","image_url_ttl":"0","image_type":"jpeg",'
        b'"nsfw_detection_result":{}}],"videos":[{"video_url":"v","video_url_ttl":"3600","video_type":"mp4"}],'
        b'"audios":[{"audio_url":"a","audio_url_ttl":"86400","audio_type":"wav",'
        b'"audio_metadata":{"text":"Hello there.","start_time":0.0,"end_time":1.2}}]}'
    )
    result = decoder_for(TaskResult).decode(body)
    assert result.images[0].image_url_ttl == 0 and result.videos[0].video_url_ttl == 3600
    assert result.audios[0].audio_url_ttl == 86400 and result.audios[0].audio_metadata is not None
    assert result.audios[0].audio_metadata.end_time == 1.2
    assert result.extra.seed == 0 and result.extra.debug_info is not None
    assert result.extra.debug_info.submit_time_ms is None
    assert result.extra.debug_info.execute_time_ms == 1767225600120
    assert result.task.status_enum is None and not result.task.is_terminal
    qwen = decoder_for(TaskResult).decode(b'{"extra":{"has_nsfw_contents":[]},"task":{"status":"TASK_STATUS_SUCCEED"}}')
    assert qwen.extra.seed is None and qwen.task.is_terminal
    assert decoder_for(TaskResult).decode(b'{"task":{"task_id":"x"}}').extra.debug_info is None


# --- the escape hatch ------------------------------------------------------------------------------


async def test_tasks_submit_any_async_path(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    task = await novita_client.tasks.submit("/v3/async/flux-2-pro", {"prompt": "a teapot", "size": "512*512"})
    assert isinstance(task, Task) and task.task_id in novita_emulator.state.tasks
    result = await task.result(timeout=10)
    assert isinstance(result, TaskResult) and len(result.images) == 1


async def test_tasks_submit_takes_a_struct_and_large_bodies(novita_client: NovitaClient) -> None:
    from novita_async.types import Flux2Request

    task = await novita_client.tasks.submit(FLUX2, Flux2Request(prompt="a teapot", seed=3))
    assert (await task.result(timeout=10)).images
    big = {"prompt": "x", "note": ["y" * 300_000]}  # unknown field: the emulator ignores it
    assert (await (await novita_client.tasks.submit(FLUX2, big)).result(timeout=10)).images


async def test_tasks_submit_is_never_resent_when_ambiguous(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    novita_emulator.faults.add(FLUX2, Fault.reset_after())
    body = {"prompt": "a teapot"}
    with pytest.raises(SubmitOutcomeUnknownError) as info:
        await novita_client.tasks.submit(FLUX2, body)
    assert msgspec.json.decode(info.value.request_body) == body
    assert novita_emulator.state.request_count("POST", FLUX2) == 1  # sent once, never again


async def test_tasks_submit_retries_429(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    novita_emulator.faults.add(FLUX2, Fault.http(429, retry_after=0.01))
    task = await novita_client.tasks.submit(FLUX2, {"prompt": "x"})
    assert task.task_id and novita_emulator.state.request_count("POST", FLUX2) == 2


async def test_tasks_submit_server_validation(novita_client: NovitaClient) -> None:
    # Raw means unvalidated client-side: the emulator's validation answers (§20: the field is named).
    with pytest.raises(InvalidRequestError) as info:
        await novita_client.tasks.submit(FLUX2, {"prompt": "x", "size": "4096*4096"})
    assert "size" in info.value.message


async def test_tasks_submit_needs_a_task_id(novita_client: NovitaClient) -> None:
    with pytest.raises(Exception, match="task_id"):
        await novita_client.tasks.submit(
            "/v3beta/flux-1-schnell", {"prompt": "x", "width": 64, "height": 64, "seed": 1, "steps": 1, "image_num": 1}
        )


class _Schnell(msgspec.Struct):
    images: list[dict[str, Any]]


async def test_raw_post_and_get(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    body = {"prompt": "x", "width": 64, "height": 64, "seed": 1, "steps": 1, "image_num": 2}
    answer = await novita_client.post("/v3beta/flux-1-schnell", body=body)
    assert isinstance(answer, dict) and len(answer["images"]) == 2
    typed = await novita_client.post("/v3beta/flux-1-schnell", body=body, cast=_Schnell)
    assert isinstance(typed, _Schnell) and len(typed.images) == 2
    balance = await novita_client.get("/openapi/v1/billing/balance/detail", cast=BalanceDetail)
    assert balance.available_usd > 0
    task = await novita_client.tasks.submit(FLUX2, {"prompt": "x"})
    raw = await novita_client.get("/v3/async/task-result", params={"task_id": task.task_id})
    assert raw["task"]["task_id"] == task.task_id


async def test_raw_post_is_a_paid_submit(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    novita_emulator.faults.add("/v3beta/flux-1-schnell", Fault.reset_after())
    with pytest.raises(SubmitOutcomeUnknownError):
        await novita_client.post("/v3beta/flux-1-schnell", body={"prompt": "x"})
    assert novita_emulator.state.request_count("POST", "/v3beta/flux-1-schnell") == 1


async def test_raw_get_retries(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    novita_emulator.faults.add("/openapi/v1/billing/balance/detail", Fault.http(500))
    assert (await novita_client.get("/openapi/v1/billing/balance/detail"))["availableBalance"]


@pytest.mark.parametrize(
    "path", ["https://evil.example/v3/async/x", "//evil.example/x", "v3/async/x", "/v3/async/x?y=1", "/v3/../x"]
)
async def test_raw_paths_stay_on_the_api_host(
    path: str, novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    with pytest.raises(RequestValidationError):
        await novita_client.post(path, body={})
    with pytest.raises(RequestValidationError):
        await novita_client.tasks.submit(path, {})
    assert sum(novita_emulator.state.requests.values()) == 0


async def test_server_error_on_raw_get(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    novita_emulator.faults.add("/openapi/v1/billing/balance/detail", Fault.http(500), times=10)
    with pytest.raises(ServerError):
        await novita_client.get("/openapi/v1/billing/balance/detail", options=RequestOptions(max_retries=1))
