"""What real clients see: the strict task-result shape, seeds, strict modes, and output images worth a look."""

from __future__ import annotations

import base64
import io
import json
import struct

import aiohttp
import msgspec
import pytest
from emulator_helpers import AUTH, B64, FakeClock, txt2img

from novita_async.testing import EmulatorConfig, EmulatorServer
from novita_async.testing._render import MAX_SIDE


class _DebugInfo(msgspec.Struct):
    """Mirrors the official Python SDK's dataclass: every field required (reference §3.2)."""

    request_info: str
    submit_time_ms: str
    execute_time_ms: str
    complete_time_ms: str


class _Extra(msgspec.Struct):
    seed: str
    debug_info: _DebugInfo


class _Task(msgspec.Struct):
    task_id: str
    status: str
    eta: int
    progress_percent: int


class _Result(msgspec.Struct):
    task: _Task
    extra: _Extra


async def _submit(session: aiohttp.ClientSession, server: EmulatorServer, body: dict[str, object],
                  path: str = "/v3/async/txt2img") -> aiohttp.ClientResponse:
    return await session.post(server.make_url(path), json=body, headers=AUTH)


async def _task_id(session: aiohttp.ClientSession, server: EmulatorServer, body: dict[str, object]) -> str:
    async with await _submit(session, server, body) as r:
        assert r.status == 200, await r.text()
        return str((await r.json())["task_id"])


async def _result(session: aiohttp.ClientSession, server: EmulatorServer, task_id: str) -> bytes:
    url = server.make_url("/v3/async/task-result")
    async with session.get(url, params={"task_id": task_id}, headers=AUTH) as r:
        assert r.status == 200
        return await r.read()


async def test_processing_result_has_the_strict_shape(server, session, clock: FakeClock) -> None:
    task_id = await _task_id(session, server, txt2img())
    clock.advance(1.5)  # queued 1 s, then processing
    processing = msgspec.json.decode(await _result(session, server, task_id), type=_Result)
    assert processing.task.status == "TASK_STATUS_PROCESSING"
    assert processing.task.eta == 1  # whole seconds (0.5 s left, rounded up)
    assert processing.extra.debug_info.complete_time_ms == "0"
    clock.advance(1.0)
    done = msgspec.json.decode(await _result(session, server, task_id), type=_Result)
    assert int(done.extra.debug_info.complete_time_ms) > int(done.extra.debug_info.execute_time_ms)


async def test_request_info_shows_the_seed_really_used(server, session, clock: FakeClock) -> None:
    task_id = await _task_id(session, server, txt2img(seed=-1))
    clock.advance(5)
    done = msgspec.json.decode(await _result(session, server, task_id), type=_Result)
    seeds = json.loads(done.extra.debug_info.request_info)["seeds"]
    assert seeds == [int(done.extra.seed)] and seeds[0] >= 0


async def test_strict_models(session) -> None:
    config = EmulatorConfig(strict_models=True, task_duration=(0.0, 0.0))
    async with EmulatorServer(config) as server:
        unknown = await _task_id(session, server, txt2img(model_name="no_such_model.safetensors"))
        known = await _task_id(session, server, txt2img())
        bad = json.loads(await _result(session, server, unknown))
        good = json.loads(await _result(session, server, known))
    assert (bad["task"]["status"], bad["task"]["reason"]) == ("TASK_STATUS_FAILED", "model not found")
    assert good["task"]["status"] == "TASK_STATUS_SUCCEED"


async def test_strict_assets(session) -> None:
    body = {"image_assets_ids": ["never-uploaded"], "prompt": "a cat", "model_name": "sd_xl_base_1.0.safetensors",
            "width": 512, "height": 512}
    async with EmulatorServer(EmulatorConfig(strict_assets=True)) as server:
        async with await _submit(session, server, body, "/v3/async/make-photo") as r:
            assert r.status == 400
            assert "image_assets_ids" in (await r.json())["message"]
        async with session.put(server.storage_url + "/image", data=base64.b64decode(B64)) as r:
            asset = (await r.json())["assets_id"]
        async with await _submit(session, server, {**body, "image_assets_ids": [asset]}, "/v3/async/make-photo") as r:
            assert r.status == 200, await r.text()
    async with EmulatorServer() as lenient, await _submit(session, lenient, body, "/v3/async/make-photo") as r:
        assert r.status == 200  # the default stays lenient


@pytest.mark.parametrize(("field", "value"), [("inpainting_full_res", True), ("inpainting_mask_invert", False),
                                              ("inpainting_full_res", 2), ("mask_blur", 65)])
async def test_inpainting_takes_integers_per_the_reference(server, session, field: str, value: object) -> None:
    request = {"model_name": "m.safetensors", "image_base64": B64, "mask_image_base64": B64, "prompt": "a cat",
               "image_num": 1, "steps": 20, "guidance_scale": 7.5, "sampler_name": "Euler a", field: value}
    async with await _submit(session, server, {"request": request}, "/v3/async/inpainting") as r:
        assert r.status == 400
        assert field in (await r.json())["message"]
    request[field] = 1 if field != "mask_blur" else 4
    async with await _submit(session, server, {"request": request}, "/v3/async/inpainting") as r:
        assert r.status == 200


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def _image(session: aiohttp.ClientSession, server: EmulatorServer, ext: str = "png", **request: object) -> bytes:
    body = txt2img(**request)
    body["extra"] = {"response_image_type": ext}
    task_id = await _task_id(session, server, body)
    result = json.loads(await _result(session, server, task_id))
    assert result["task"]["status"] == "TASK_STATUS_SUCCEED", result
    async with session.get(result["images"][0]["image_url"]) as r:
        assert r.status == 200
        return await r.read()


async def test_output_images_have_the_requested_size_and_prompt_dependent_content(session) -> None:
    async with EmulatorServer(EmulatorConfig(task_duration=(0.0, 0.0))) as server:
        fox = await _image(session, server, prompt="a red fox", width=768, height=512, seed=5)
        fox_again = await _image(session, server, prompt="a red fox", width=768, height=512, seed=5)
        whale = await _image(session, server, prompt="a blue whale", width=768, height=512, seed=5)
        other_seed = await _image(session, server, prompt="a red fox", width=768, height=512, seed=6)
        huge = await _image(session, server, prompt="wide", width=2048, height=1024)
    assert _png_size(fox) == (768, 512)
    assert fox == fox_again  # the same prompt and seed look the same
    assert fox != whale and fox != other_seed  # different prompts or seeds look different
    assert _png_size(huge) == (MAX_SIDE, MAX_SIDE // 2)  # capped on the long side


async def test_jpeg_and_webp_outputs_are_real_images(session) -> None:
    image_module = pytest.importorskip("PIL.Image")
    async with EmulatorServer(EmulatorConfig(task_duration=(0.0, 0.0))) as server:
        for ext, fmt in (("jpeg", "JPEG"), ("webp", "WEBP")):
            data = await _image(session, server, ext, width=640, height=384)
            picture = image_module.open(io.BytesIO(data))
            assert (picture.format, picture.size) == (fmt, (640, 384))


async def test_padding_keeps_cheap_placeholders_for_download_benchmarks(session) -> None:
    async with EmulatorServer(EmulatorConfig(task_duration=(0.0, 0.0), image_size=1000)) as server:
        data = await _image(session, server, width=1024, height=1024)
    assert _png_size(data) == (8, 8) and len(data) > 1000


async def test_v2_strict_models_and_seeds(session) -> None:
    v2 = {"model_name": "no_such.safetensors", "prompt": "a cat", "width": 512, "height": 512, "batch_size": 1,
          "n_iter": 1, "steps": 20, "cfg_scale": 7, "sampler_name": "Euler a", "seed": -1}
    async with EmulatorServer(EmulatorConfig(strict_models=True)) as server:
        async with session.post(server.make_url("/v2/txt2img"), json=v2, headers=AUTH) as r:
            assert (await r.json())["code"] == 2  # CodeModelNotExist (reference §2.1)
        async with session.post(server.make_url("/v2/txt2img"), json={**v2, "model_name": "sd_xl_base_1.0.safetensors"},
                                headers=AUTH) as r:
            task_id = (await r.json())["data"]["task_id"]
    record = server.state.tasks[task_id]
    assert record.seed >= 0 and json.loads(record.request_info)["seeds"] == [record.seed]
