"""The public contract of the foundation, end to end against the emulator over loopback HTTP."""

from __future__ import annotations

import pytest
from _payloads import TXT2IMG

from novita_async import (
    ClientState,
    ClientStateError,
    MissingAPIKeyError,
    NovitaClient,
    RequestValidationError,
    TaskStatus,
)
from novita_async.testing import EmulatorServer
from novita_async.types import Txt2ImgRequest


async def test_txt2img_contract(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    task = await novita_client.images.txt2img(**TXT2IMG)
    assert isinstance(task.task_id, str) and task.task_id
    result = await task
    assert result.task.status == "TASK_STATUS_SUCCEED"
    assert task.status is TaskStatus.SUCCEEDED
    assert len(result.images) == 2
    assert result.images[0].image_url.startswith(novita_emulator.storage_url)
    assert result.images[0].image_url_ttl == 3600  # sent as the string "3600"
    raw = await novita_client.tasks.get(task.task_id)
    assert raw.task.task_id == task.task_id


async def test_request_struct_instead_of_keywords(novita_client: NovitaClient) -> None:
    task = await novita_client.images.txt2img(Txt2ImgRequest(**TXT2IMG), extra={"response_image_type": "jpeg"})
    result = await task
    assert result.images[0].image_type == "jpeg"


@pytest.mark.parametrize(
    ("change", "field"),
    [({"width": 64}, "width"), ({"image_num": 9}, "image_num"), ({"sampler_name": "Nope"}, "sampler_name")],
)
async def test_bad_input_is_refused_before_sending(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, change: dict[str, object], field: str
) -> None:
    with pytest.raises(RequestValidationError) as info:
        await novita_client.images.txt2img(**{**TXT2IMG, **change})
    assert info.value.field is not None and field in info.value.field
    assert novita_emulator.state.tasks_created_total == 0


async def test_unknown_keyword_is_a_validation_error(novita_client: NovitaClient) -> None:
    with pytest.raises(RequestValidationError, match="promt"):
        await novita_client.images.txt2img(**TXT2IMG, promt="typo")


def test_missing_key_is_one_clear_error() -> None:
    with pytest.raises(MissingAPIKeyError, match="NOVITA_API_KEY"):
        NovitaClient()


def test_env_fallbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOVITA_API_KEY", "k-from-env")
    monkeypatch.setenv("NOVITA_BASE_URL", "http://127.0.0.1:9/")
    client = NovitaClient()
    assert client.base_url == "http://127.0.0.1:9"
    assert "k-from-env" not in repr(client)
    monkeypatch.delenv("NOVITA_BASE_URL")
    assert NovitaClient().base_url == "https://api.novita.ai"


async def test_lifecycle_misuse(novita_emulator: EmulatorServer) -> None:
    client = NovitaClient(api_key=novita_emulator.api_key, base_url=novita_emulator.url)
    assert client.state is ClientState.UNOPENED
    with pytest.raises(ClientStateError, match="not open"):
        await client.account.user()
    async with client:
        assert client.state is ClientState.OPENED
        with pytest.raises(ClientStateError, match="already open"):
            await client.__aenter__()
        user = await client.account.user()
        assert user.credit_balance > 0
    assert client.state is ClientState.CLOSED
    with pytest.raises(ClientStateError, match="closed"):
        await client.account.user()
    with pytest.raises(ClientStateError, match="reopened"):
        async with client:
            pass
