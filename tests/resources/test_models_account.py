"""`client.models` (§7.5) and `client.account` (§7.1) against the emulator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from novita_async import NotFoundError, NovitaClient, RequestValidationError
from novita_async.resources.account import S3_CONFIG_PATH
from novita_async.resources.models import SYNC_CIVITAI_PATH
from novita_async.testing import EmulatorServer

FIXTURE = Path("/work/shared/fixtures/civitai_version_64094.json")
if not FIXTURE.exists():  # the packaged copy is byte-identical
    FIXTURE = Path(__file__).resolve().parents[2] / "novita_async/testing/data/civitai_version_64094.json"


def _assert_matches(decoded: Any, expected: Any, where: str = "model") -> None:
    """Every field of `expected` (the wire JSON) is present in `decoded` with the same value."""
    if isinstance(expected, dict):
        assert isinstance(decoded, msgspec.Struct), where
        for key, value in expected.items():
            assert key in decoded.__struct_fields__, f"{where}.{key} is not decoded"
            _assert_matches(getattr(decoded, key), value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(decoded, list) and len(decoded) == len(expected), where
        for i, (d, e) in enumerate(zip(decoded, expected, strict=True)):
            _assert_matches(d, e, f"{where}[{i}]")
    else:
        assert decoded == expected and (expected is None) == (decoded is None), where


async def test_civitai_fixture_field_by_field(novita_client: NovitaClient) -> None:
    expected = json.loads(FIXTURE.read_bytes())["data"]["model"]
    model = await novita_client.models.civitai(64094)
    _assert_matches(model, expected)
    assert model.civitai_images and model.civitai_images[0].meta is not None
    assert model.civitai_images[0].meta.sampler_name == "DPM++ SDE Karras"
    assert model.enable is None and model.id is None


async def test_civitai_unknown_version(novita_client: NovitaClient) -> None:
    with pytest.raises(NotFoundError) as info:
        await novita_client.models.civitai(1)
    assert info.value.v2_code == 2


async def test_sync_civitai_provisional(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    assert SYNC_CIVITAI_PATH == "/v2/model/sync"
    answer = await novita_client.models.sync_civitai(777001)
    assert answer["civitai_version_id"] == 777001
    model = await novita_client.models.civitai(777001)
    assert model.civitai_version_id == 777001 and model.enable == 1


async def test_list_follows_cursor_over_all_pages(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    loras = [m async for m in novita_client.models.list(visibility="public", types="lora", limit=7)]
    assert loras and all(m.type.name == "lora" and m.visibility == "public" for m in loras)
    assert len({m.id for m in loras}) == len(loras)
    pages = novita_emulator.state.requests[("GET", "/v3/model")]
    assert pages == -(-len(loras) // 7) and pages > 1
    # Wire names work too, and give the same result.
    query: dict[str, Any] = {"filter.visibility": "public", "filter.types": "lora", "pagination.limit": 50}
    wire = [m async for m in novita_client.models.list(**query)]
    assert [m.id for m in wire] == [m.id for m in loras]


async def test_list_page_and_cursor(novita_client: NovitaClient) -> None:
    first = await novita_client.models.list_page(types="checkpoint", is_sdxl=True, limit=2)
    assert len(first.models) == 2 and first.pagination.next_cursor == "c_2"
    second = await novita_client.models.list_page(
        types="checkpoint", is_sdxl=True, limit=2, cursor=first.pagination.next_cursor
    )
    assert {m.id for m in first.models}.isdisjoint(m.id for m in second.models)
    query: dict[str, Any] = {"filter.is_inpainting": True, "pagination.limit": 100}
    inpainting = await novita_client.models.list_page(**query)
    assert inpainting.models and all(m.base_model_type == "Inpainting" for m in inpainting.models)


async def test_list_query_validation(novita_client: NovitaClient) -> None:
    with pytest.raises(RequestValidationError, match="unknown query parameter"):
        await novita_client.models.list_page(kind="lora")
    with pytest.raises(RequestValidationError):
        await novita_client.models.list_page(limit=500)
    with pytest.raises(TypeError, match="twice"):
        twice: dict[str, Any] = {"pagination.limit": 5}
        await novita_client.models.list_page(limit=5, **twice)


async def test_list_v2(novita_client: NovitaClient) -> None:
    default = await novita_client.models.list_v2()
    assert {m.type for m in default} == {"checkpoint", "lora"}
    vaes = await novita_client.models.list_v2(type="vae")
    assert vaes and all(m.type == "vae" for m in vaes)


async def test_s3_config_provisional(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    assert S3_CONFIG_PATH == "/v3/user/s3-config"
    with pytest.raises(NotFoundError):
        await novita_client.account.get_s3_config()
    stored = await novita_client.account.set_s3_config(
        region="ap-southeast-1", bucket="my-bucket", path="/out", save_to_path_directly=True
    )
    assert stored.bucket == "my-bucket" and stored.save_to_path_directly is True
    assert (await novita_client.account.get_s3_config()).region == "ap-southeast-1"
    await novita_client.account.delete_s3_config()
    with pytest.raises(NotFoundError):
        await novita_client.account.get_s3_config()
    with pytest.raises(RequestValidationError):
        await novita_client.account.set_s3_config(bucket="b", path="p")  # region missing


async def test_user(novita_client: NovitaClient) -> None:
    user = await novita_client.account.user()
    assert user.credit_balance == 1_000_000 and "txt2img" in user.allow_features
