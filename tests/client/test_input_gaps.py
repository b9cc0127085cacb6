"""Bad input never reaches the server and never escapes untyped; retry decisions stay at DEBUG (issue 8, item 10)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from _hostile import HostileProxy, Misbehave
from _payloads import TXT2IMG

from novita_async import (
    APIResponseValidationError,
    NotFoundError,
    NovitaClient,
    RequestOptions,
    RequestValidationError,
    SubmitOutcomeUnknownError,
)
from novita_async.testing import EmulatorServer, Fault

SUBMIT = "/v3/async/txt2img"


def submits(server: EmulatorServer) -> int:
    return server.state.request_count("POST", SUBMIT)


@pytest.mark.parametrize("seed", [2**63, 2**64 + 5, -(2**63) - 1, -2])
async def test_seed_outside_int64_is_refused(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, seed: int
) -> None:
    with pytest.raises(RequestValidationError):
        await novita_client.images.txt2img(**TXT2IMG, seed=seed)
    assert submits(novita_emulator) == 0


async def test_int64_edge_seed_is_sent(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    await novita_client.images.txt2img(**TXT2IMG, seed=2**63 - 1)
    assert submits(novita_emulator) == 1


async def test_any_integer_outside_int64_is_refused_even_in_plain_int_fields(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    """v2 requests type `seed` as plain `int`: the one int64 rule still applies."""
    with pytest.raises(RequestValidationError, match="64-bit") as info:
        await novita_client.v2.txt2img(
            model_name="sd_xl_base_1.0.safetensors", prompt="a fox", batch_size=1, n_iter=1, steps=20,
            cfg_scale=7, seed=2**64, width=512, height=512,
        )
    assert info.value.field == "$.seed"
    assert novita_emulator.state.request_count("POST", "/v2/txt2img") == 0


async def test_non_finite_numbers_are_refused_even_in_unbounded_float_fields(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    """NaN and infinity have no JSON form: msgspec would send `null` (found by tests/reliability/test_properties)."""
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    for value in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(RequestValidationError, match="finite") as info:
            await novita_client.tools.restore_face(image_file=png, fidelity=value)
        assert info.value.field == "$.fidelity"
    assert novita_emulator.state.request_count("POST", "/v3/restore-face") == 0


@pytest.mark.parametrize("name", ["", "x" * 513])
async def test_empty_or_overlong_model_name_is_refused(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, name: str
) -> None:
    with pytest.raises(RequestValidationError, match="model_name"):
        await novita_client.images.txt2img(**{**TXT2IMG, "model_name": name})
    with pytest.raises(RequestValidationError):
        await novita_client.images.txt2img(**TXT2IMG, loras=[{"model_name": name, "strength": 0.5}])
    assert submits(novita_emulator) == 0


@pytest.mark.parametrize("prompt", ["a \ud800 cat", "\udfff", "ok\udc80"])
async def test_lone_surrogate_is_a_validation_error_before_sending(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, prompt: str
) -> None:
    with pytest.raises(RequestValidationError, match="Unicode"):
        await novita_client.images.txt2img(**{**TXT2IMG, "prompt": prompt})
    assert submits(novita_emulator) == 0


async def test_deeply_nested_input_is_a_validation_error(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    nested: list = []
    cur = nested
    for _ in range(100_000):
        cur.append([])
        cur = cur[0]
    for field in ("prompt", "loras"):
        with pytest.raises(RequestValidationError, match="nested too deeply"):
            await novita_client.images.txt2img(**{**TXT2IMG, field: nested})
    with pytest.raises(RequestValidationError, match="nested too deeply"):
        await novita_client.images.txt2img(**TXT2IMG, extra={"custom": nested})
    with pytest.raises(RequestValidationError, match="nested too deeply"):  # a wrapped body's `extra`
        await novita_client.images.img2img(
            model_name="m", prompt="p", width=512, height=512, image_num=1, steps=20, guidance_scale=7.5,
            sampler_name="Euler a", image_base64=b"\x89PNG\r\n\x1a\n" + bytes(64), extra={"custom": nested},
        )
    assert submits(novita_emulator) == 0 and novita_emulator.state.tasks_created_total == 0


async def test_attach_with_an_unknown_kind_is_a_clear_typed_error(novita_client: NovitaClient) -> None:
    with pytest.raises(RequestValidationError, match="unknown task kind 'nope'.*'v3'"):
        novita_client.tasks.attach("some-id", "nope")  # type: ignore[call-overload]
    with pytest.raises(RequestValidationError, match="task_id"):
        novita_client.tasks.attach("")


@pytest.fixture
async def proxied(novita_emulator: EmulatorServer) -> AsyncIterator[tuple[HostileProxy, NovitaClient]]:
    async with HostileProxy(novita_emulator.url) as proxy, NovitaClient(
        api_key=novita_emulator.api_key, base_url=proxy.url, rate_limits=None
    ) as client:
        yield proxy, client


async def test_task_result_error_envelope_with_http_200_is_typed(
    proxied: tuple[HostileProxy, NovitaClient],
) -> None:
    proxy, client = proxied
    proxy.script("/v3/async/task-result", Misbehave.error_envelope_200(forward=False))
    with pytest.raises(APIResponseValidationError, match="no task.status") as info:
        await client.tasks.get("any", options=RequestOptions(max_retries=0))
    assert b"INTERNAL_ERROR" in info.value.body


@pytest.mark.parametrize("body", [b"{}", b'{"code": 500, "reason": "INTERNAL_ERROR", "message": "boom"}'])
async def test_submit_answer_without_task_id_is_unknown(
    proxied: tuple[HostileProxy, NovitaClient], novita_emulator: EmulatorServer, body: bytes
) -> None:
    proxy, client = proxied
    proxy.script(SUBMIT, Misbehave.answer(body))  # forwarded: the task was created
    with pytest.raises(SubmitOutcomeUnknownError) as info:
        await client.images.txt2img(**TXT2IMG)
    assert info.value.status_code == 200 and b'"prompt":"a cat"' in info.value.request_body
    assert novita_emulator.state.tasks_created_total == 1


async def test_no_error_logs_from_backoff_for_non_retried_errors(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A configured root logger used to get ERROR "Giving up ..." from backoff for every 404."""
    caplog.set_level(logging.DEBUG)
    novita_emulator.faults.add("/v3/user", Fault.http(404))
    novita_emulator.faults.add("/v3/user", Fault.http(500), times=2)
    with pytest.raises(NotFoundError):
        await novita_client.account.user()
    await novita_client.account.user(options=RequestOptions(max_retries=3))
    assert not [r for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith(("backoff", "novita"))]
    assert not [r for r in caplog.records if r.name == "backoff"]
    assert any("retrying GET /v3/user" in r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG)
