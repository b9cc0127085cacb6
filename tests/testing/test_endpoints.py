"""Happy paths and one error per endpoint family: v2, sync edits, video, models, training, webhooks."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest
from aiohttp import web
from emulator_helpers import AUTH, B64, txt2img

from novita_async.testing import EmulatorConfig, EmulatorServer, serve

_SHARED = Path("/work/shared/fixtures/civitai_version_64094.json")
PACKAGED_FIXTURE = json.loads(
    (Path(__file__).parents[2] / "novita_async/testing/data/civitai_version_64094.json").read_text()
)
SHARED_FIXTURE = json.loads(_SHARED.read_text()) if _SHARED.exists() else None

V2_TXT2IMG = {
    "model_name": "sd_xl_base_1.0.safetensors",
    "prompt": "a red fox",
    "negative_prompt": None,
    "sampler_name": "DPM++ 2M Karras",
    "batch_size": 2,
    "n_iter": 2,
    "steps": 25,
    "cfg_scale": 7,
    "seed": -1,
    "width": 1024,
    "height": 1024,
    "extra": {"response_image_type": "jpeg", "enable_nsfw_detection": True},
}


async def call(session, server, method, path, **kwargs):
    async with session.request(method, server.make_url(path), headers=AUTH, **kwargs) as r:
        return r.status, await r.json()


async def test_v2_flow_and_enterprise_separation(server, session, clock):
    status, body = await call(session, server, "POST", "/v2/txt2img", json=V2_TXT2IMG)
    assert status == 200 and body["code"] == 0 and body["msg"] == ""
    task_id = body["data"]["task_id"]
    _, queued = await call(session, server, "GET", "/v2/progress", params={"task_id": task_id})
    assert queued["data"]["status"] == 0 and queued["data"]["imgs"] is None
    clock.advance(1.5)
    _, running = await call(session, server, "GET", "/v2/progress", params={"task_id": task_id})
    assert running["data"]["status"] == 1 and running["data"]["progress"] == 0.5
    clock.advance(1)
    _, done = await call(session, server, "GET", "/v2/progress", params={"task_id": task_id})
    data = done["data"]
    assert data["status"] == 2 and data["progress"] == 1 and len(data["imgs"]) == 4
    assert len(data["nsfw_detection_result"]) == 4
    assert isinstance(data["debug_info"]["finish_time_ms"], int) and len(data["finish_time"]) == 19
    _, wrong = await call(session, server, "GET", "/v2/enterprise/progress", params={"task_id": task_id})
    assert wrong["code"] == 3
    _, ent = await call(session, server, "POST", "/v2/enterprise/img2img", json={**V2_TXT2IMG, "init_images": [B64]})
    _, ent_progress = await call(
        session, server, "GET", "/v2/enterprise/progress", params={"task_id": ent["data"]["task_id"]}
    )
    assert ent_progress["code"] == 0


@pytest.mark.parametrize(
    ("change", "code"),
    [({"width": 4096}, 6), ({"sampler_name": "Nope"}, 8), ({"prompt": None}, 1), ({"seed": "x"}, 1)],
)
async def test_v2_errors(server, session, change, code):
    status, body = await call(session, server, "POST", "/v2/txt2img", json={**V2_TXT2IMG, **change})
    assert status == 200 and body["code"] == code and body["msg"]


async def test_v2_upscale_adetailer_timeout_marker(server, session, clock):
    _, up = await call(session, server, "POST", "/v2/upscale", json={"image": f"data:image/png;base64,{B64}"})
    _, ad = await call(
        session, server, "POST", "/v2/adetailer",
        json={"model_name": "m", "input_image": B64, "prompt": "face [timeout]"},
    )  # fmt: skip
    clock.advance(5)
    _, up_p = await call(session, server, "GET", "/v2/progress", params={"task_id": up["data"]["task_id"]})
    _, ad_p = await call(session, server, "GET", "/v2/progress", params={"task_id": ad["data"]["task_id"]})
    assert up_p["data"]["status"] == 2
    assert ad_p["data"]["status"] == 4 and ad_p["data"]["failed_reason"]
    status, bad = await call(session, server, "POST", "/v2/upscale", json={"image": "not base64!"})
    assert bad["code"] == 1


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v3/cleanup", {"image_file": B64, "mask_file": B64}),
        ("/v3/outpainting", {"image_file": B64, "width": 1024, "height": 768, "center_x": 0, "center_y": 0}),
        ("/v3/remove-background", {"image_file": B64}),
        ("/v3/remove-text", {"image_file": B64, "extra": {"response_image_type": "jpeg"}}),
        ("/v3/reimagine", {"image_file": B64}),
        ("/v3/doodle", {"image_file": B64, "prompt": "a girl", "similarity": None}),
        ("/v3/mix-pose", {"image_file": B64, "pose_image_file": B64}),
        ("/v3/replace-background", {"image_file": B64, "prompt": "warehouse"}),
        ("/v3/replace-sky", {"image_file": B64, "sky": "sunset"}),
        ("/v3/restore-face", {"image_file": B64, "fidelity": 0.7}),
        ("/v3/create-tile", {"prompt": "dogs", "negative_prompt": "lowres", "width": 1024, "height": 1024}),
        ("/v3/remove-watermark", {"image_file": B64}),
        ("/v3/merge-face", {"image_file": B64, "face_image_file": B64}),
        (
            "/v3/relight",
            {"image_file": B64, "prompt": "sun", "model_name": "m", "lighting_preference": "TOP_LIGHT", "steps": 15,
             "sampler_name": "Euler a", "guidance_scale": 10, "strength": 0.5, "seed": -1},
        ),
    ],
)  # fmt: skip
async def test_case_endpoints(server, session, path, body):
    status, out = await call(session, server, "POST", path, json=body)
    assert status == 200, out
    expected = (body.get("extra") or {}).get("response_image_type", "png")
    assert out["image_type"] == expected and out["image_file"]
    status, err = await call(session, server, "POST", path, json={"image_file": "@@@"})
    assert status == 400 and err["reason"] == "INVALID_REQUEST_BODY"


async def test_lcm_prompt_and_mask(server, session):
    _, txt = await call(
        session, server, "POST", "/v3/lcm-txt2img",
        json={"prompt": "a dog", "width": 512, "height": 512, "image_num": 2, "steps": 4, "guidance_scale": 7.5},
    )  # fmt: skip
    assert [i["image_type"] for i in txt["images"]] == ["png", "png"]
    _, img = await call(
        session, server, "POST", "/v3/lcm-img2img",
        json={"model_name": "m", "input_image": B64, "prompt": "cat", "image_num": 1, "steps": 8, "guidance_scale": 0},
    )  # fmt: skip
    url = img["images"][0]["image_url"]
    assert img["images"][0]["image_url_ttl"] == "3600"
    async with session.get(url) as r:
        assert r.status == 200 and r.content_type == "image/png"
    _, prompt = await call(session, server, "POST", "/v3/img2prompt", json={"image_file": B64})
    assert prompt["prompt"]
    _, mask = await call(session, server, "POST", "/v3/img2mask", json={"image_file": B64})
    assert mask["mask"] == mask["masks"][0]


@pytest.mark.parametrize(
    ("path", "body", "task_type", "video"),
    [
        ("/v3/async/img2img", {"request": {**txt2img()["request"], "image_base64": B64}}, "IMG_TO_IMG", None),
        (
            "/v3/async/img2video",
            {"model_name": "SVD-XT", "image_file": B64, "frames_num": 25, "frames_per_second": 6,
             "image_file_resize_mode": "CROP_TO_ASPECT_RATIO", "steps": 20, "extra": {"response_video_type": "gif"}},
            "IMG_TO_VIDEO", "gif",
        ),
        (
            "/v3/async/txt2video",
            {"model_name": "m", "width": 512, "height": 512, "steps": 20, "prompts": [{"prompt": "a", "frames": 32}]},
            "TXT_TO_VIDEO", "mp4",
        ),
        ("/v3/async/upscale", {"request": {"model_name": "RealESRNet_x4plus", "image_base64": B64, "scale_factor": 2}},
         "UPSCALE", None),
        ("/v3/async/animated-anyone",
         {"image_assets_id": "a", "pose_video_assets_id": "b", "width": 512, "height": 512, "steps": 20},
         "ANIMATE_ANYONE", "mp4"),
    ],
)  # fmt: skip
async def test_other_async_endpoints(server, session, clock, path, body, task_type, video):
    status, sub = await call(session, server, "POST", path, json=body)
    assert status == 200, sub
    clock.advance(5)
    _, res = await call(session, server, "GET", "/v3/async/task-result", params={"task_id": sub["task_id"]})
    assert res["task"]["task_type"] == task_type
    if video:
        assert res["images"] == [] and res["videos"][0]["video_type"] == video
        async with session.get(res["videos"][0]["video_url"]) as r:
            assert r.content_type == ("image/gif" if video == "gif" else "video/mp4")
    else:
        assert len(res["images"]) >= 1


async def test_v3_model_filters_and_pagination(server, session):
    seen = []
    cursor = "c_0"
    while cursor:
        _, page = await call(
            session, server, "GET", "/v3/model",
            params={"filter.types": "lora", "filter.is_inpainting": "False", "pagination.limit": "30",
                    "pagination.cursor": cursor},
        )  # fmt: skip
        seen += page["models"]
        cursor = page["pagination"]["next_cursor"]
    assert len(seen) == 100 and {m["type"]["name"] for m in seen} == {"lora"}
    params = {"filter.type": "checkpoint", "filter.is_sdxl": "TRUE", "pagination.limit": "100"}
    _, sdxl = await call(session, server, "GET", "/v3/model", params=params)
    assert sdxl["models"] and all(m["is_sdxl"] for m in sdxl["models"])
    _, inp = await call(
        session, server, "GET", "/v3/model", params={"filter.is_inpainting": "true", "pagination.limit": 100}
    )
    assert all(m["base_model_type"] == "Inpainting" for m in inp["models"])
    _, q = await call(session, server, "GET", "/v3/model", params={"filter.query": "add_detail"})
    assert q["models"][0]["sd_name_in_api"] == "add_detail_44319"
    status, bad = await call(session, server, "GET", "/v3/model", params={"pagination.limit": "101"})
    assert status == 400


async def test_v2_models_and_civitai(server, session):
    _, default = await call(session, server, "GET", "/v2/models")
    assert {m["type"] for m in default["data"]["models"]} == {"checkpoint", "lora"}
    _, vae = await call(session, server, "GET", "/v2/models", params={"type": "vae"})
    assert {m["type"] for m in vae["data"]["models"]} == {"vae"}
    async with session.get(server.make_url("/v2/model/civitai_version_id/64094"), headers=AUTH) as r:
        raw = await r.read()
    assert json.loads(raw) == PACKAGED_FIXTURE
    if SHARED_FIXTURE is not None:
        assert json.loads(raw) == SHARED_FIXTURE
    _, missing = await call(session, server, "GET", "/v2/model/civitai_version_id/1")
    assert missing["code"] == 2
    _, synced = await call(session, server, "POST", "/v2/model/sync", json={"civitai_version_id": 1})
    assert synced["code"] == 0
    _, found = await call(session, server, "GET", "/v2/model/civitai_version_id/1")
    assert found["data"]["model"]["civitai_version_id"] == 1


async def test_account_and_s3_config(server, session):
    status, _ = await call(session, server, "GET", "/v3/user/s3-config")
    assert status == 404
    cfg = {"region": "us-east-1", "bucket": "b", "path": "out/"}
    _, stored = await call(session, server, "POST", "/v3/user/s3-config", json=cfg)
    assert stored["bucket"] == "b" and stored["save_to_path_directly"] is False
    _, again = await call(session, server, "GET", "/v3/user/s3-config")
    assert again == stored
    await call(session, server, "DELETE", "/v3/user/s3-config")
    assert server.state.s3_config is None


async def test_training_flow(server, session, clock):
    _, upload = await call(session, server, "POST", "/v3/assets/training_dataset", json={"file_extension": "jpeg"})
    assert upload["method"] == "PUT" and "X-Amz-Expires=120" in upload["upload_url"]
    item = {"assets_id": upload["assets_id"]}
    subject = {
        "name": "me_v1",
        "base_model": "v1-5-pruned-emaonly",
        "width": 512,
        "height": 512,
        "image_dataset_items": [item],
        "expert_setting": {"instance_prompt": "a photo of ohwx man", "class_prompt": "person"},
    }
    status, err = await call(session, server, "POST", "/v3/training/subject", json=subject)
    assert status == 400 and "was not uploaded" in err["message"]
    async with session.put(upload["upload_url"], data=b"jpeg", headers={"Content-Type": "image/jpeg"}) as r:
        assert r.status == 200
    assert server.state.storage_auth_headers_seen == 0
    status, err = await call(session, server, "POST", "/v3/training/style", json=subject)
    assert status == 400 and "caption" in err["message"]
    _, created = await call(session, server, "POST", "/v3/training/subject", json=subject)
    task_id = created["task_id"]
    record = server.state.trainings[task_id]
    states = []
    for at in (record.created_at, record.started_at, record.finished_at, record.serving_at):
        clock.now = at
        _, st = await call(session, server, "GET", "/v3/training/subject", params={"task_id": task_id})
        states.append((st["task_status"], [m["model_status"] for m in st["models"]]))
    assert states[0] == ("QUEUING", [])
    assert states[1][0] == "TRAINING"
    assert states[-1] == ("SUCCESS", ["SERVING"])
    assert ("SUCCESS", ["DEPLOYING"]) in states
    status, _ = await call(session, server, "GET", "/v3/training/style", params={"task_id": task_id})
    assert status == 404
    _, listing = await call(
        session, server, "GET", "/v3/training", params={"pagination.limit": 10, "task_type": "subject"}
    )
    assert listing["tasks"][0]["task_id"] == task_id and listing["pagination"]["next_cursor"] == ""
    clock.advance(500)
    async with session.put(upload["upload_url"], data=b"late") as r:
        assert r.status == 403


async def test_webhooks(session):
    received: list[dict[str, object]] = []
    attempts = 0

    async def hook(request: web.Request) -> web.Response:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            return web.Response(status=500)
        received.append(await request.json())
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        config = EmulatorConfig(task_duration=(0.05, 0.05), webhook_retry_delay=0.01)
        async with EmulatorServer(config) as server:
            body = txt2img()
            body["extra"]["webhook"] = {"url": f"http://127.0.0.1:{port}/hook"}
            _, sub = await call(session, server, "POST", "/v3/async/txt2img", json=body)
            test_body = txt2img()
            test_body["extra"]["webhook"] = {
                "url": f"http://127.0.0.1:{port}/hook",
                "test_mode": {"enabled": True, "return_task_status": "TASK_STATUS_FAILED"},
            }
            await call(session, server, "POST", "/v3/async/txt2img", json=test_body)
            for _ in range(100):
                if len(received) == 2:
                    break
                await asyncio.sleep(0.02)
            # A third task whose webhook is still pending at shutdown must not leak.
            await call(session, server, "POST", "/v3/async/txt2img", json=body)
        assert len(received) == 2
        by_status = {r["payload"]["task"]["status"]: r for r in received}
        real = by_status["TASK_STATUS_SUCCEED"]
        assert real["event_type"] == "ASYNC_TASK_RESULT"
        assert real["payload"]["task"]["task_id"] == sub["task_id"]
        assert len(real["payload"]["images"]) == 2
        assert real["payload"]["extra"]["webhook"]["url"].endswith("/hook")
        assert "TASK_STATUS_FAILED" in by_status
        assert server.state.webhook_deliveries[0].status == 500
    finally:
        await runner.cleanup()


async def test_serve_logs_and_cancels(caplog):
    caplog.set_level(logging.INFO, logger="novita_async.testing")
    job = asyncio.create_task(serve("127.0.0.1", 0))
    for _ in range(100):
        if "listening" in caplog.text:
            break
        await asyncio.sleep(0.01)
    job.cancel()
    with pytest.raises(asyncio.CancelledError):
        await job
    assert "http://127.0.0.1:" in caplog.text
