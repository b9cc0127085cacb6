"""Auth, v3 task lifecycle, URL signing and storage host behaviour of the emulator, via raw aiohttp."""

from __future__ import annotations

import gzip

import aiohttp
import pytest
from emulator_helpers import AUTH, TXT2IMG, FakeClock, txt2img

from novita_async.testing import EmulatorConfig, EmulatorServer


async def submit(session: aiohttp.ClientSession, server: EmulatorServer, body: dict[str, object]) -> str:
    async with session.post(server.make_url("/v3/async/txt2img"), json=body, headers=AUTH) as r:
        assert r.status == 200, await r.text()
        data = await r.json()
    assert set(data) == {"task_id"}
    return str(data["task_id"])


async def result(session: aiohttp.ClientSession, server: EmulatorServer, task_id: str) -> dict[str, object]:
    async with session.get(server.make_url("/v3/async/task-result"), params={"task_id": task_id}, headers=AUTH) as r:
        assert r.status == 200
        data: dict[str, object] = await r.json()
        return data


@pytest.mark.parametrize(
    ("headers", "status", "reason"),
    [
        ({}, 400, "MISSING_API_KEY"),
        ({"Authorization": "Bearer nope"}, 403, "INVALID_API_KEY"),
        ({"Authorization": "test-key"}, 200, None),
        ({"Authorization": "bearer test-key"}, 200, None),
    ],
)
async def test_v3_auth(server, session, headers, status, reason):
    async with session.get(server.make_url("/v3/user"), headers=headers) as r:
        assert r.status == status
        body = await r.json()
    if reason:
        assert body == {"code": status, "reason": reason, "message": body["message"], "metadata": {}}
    else:
        assert body["credit_balance"] == 1_000_000


async def test_v2_auth_variants(server, session):
    url = server.make_url("/v2/models")
    async with session.get(url) as r:
        assert r.status == 200
        assert (await r.json())["code"] == 4
    async with session.get(url, params={"key": "test-key"}) as r:
        assert (await r.json())["code"] == 0


async def test_task_progression_with_fake_clock(server, session, clock: FakeClock):
    task_id = await submit(session, server, TXT2IMG)
    first = await result(session, server, task_id)
    assert first["task"] == {
        "task_id": task_id,
        "task_type": "TXT_TO_IMG",
        "status": "TASK_STATUS_QUEUED",
        "reason": "",
        "eta": 2,
        "progress_percent": 0,
    }
    assert first["images"] == [] and first["videos"] == []
    clock.advance(1.5)
    mid = await result(session, server, task_id)
    assert mid["task"]["status"] == "TASK_STATUS_PROCESSING"
    assert mid["task"]["progress_percent"] == 50
    assert mid["task"]["eta"] == 1 and isinstance(mid["task"]["eta"], int)  # whole seconds, rounded up
    assert set(mid["extra"]["debug_info"]) == {"request_info", "submit_time_ms", "execute_time_ms", "complete_time_ms"}
    clock.advance(1.0)
    done = await result(session, server, task_id)
    assert done["task"]["status"] == "TASK_STATUS_SUCCEED"
    assert done["task"]["progress_percent"] == 100
    images = done["images"]
    assert len(images) == 2
    assert images[0]["image_type"] == "jpeg" and images[0]["image_url_ttl"] == "3600"
    assert images[0]["nsfw_detection_result"] is None
    assert images[0]["image_url"].startswith(server.storage_url + f"/files/{task_id}/0.jpeg?")
    extra = done["extra"]
    assert extra["seed"] == "123" and extra["enable_nsfw_detection"] is False
    debug = extra["debug_info"]
    assert int(debug["complete_time_ms"]) - int(debug["submit_time_ms"]) == 2000
    assert '"num_images_per_prompt":2' in debug["request_info"]
    record = server.state.tasks[task_id]
    assert (record.kind, record.endpoint, record.finished_at - record.created_at) == ("v3", "/v3/async/txt2img", 2.0)
    assert server.state.polls[task_id] == 3
    assert server.state.tasks_created["/v3/async/txt2img"] == 1 == server.state.tasks_created_total


async def test_report_flags_off(session, clock):
    config = EmulatorConfig(clock=clock, task_duration=(1, 1), report_progress=False, report_eta=False)
    async with EmulatorServer(config) as server:
        task_id = await submit(session, server, TXT2IMG)
        clock.advance(0.5)
        task = (await result(session, server, task_id))["task"]
        assert (task["status"], task["eta"], task["progress_percent"]) == ("TASK_STATUS_PROCESSING", 0, 0)


async def test_fail_marker_and_nsfw(server, session, clock):
    failing = await submit(session, server, txt2img(prompt="a dog [fail]"))
    body = txt2img()
    body["extra"]["enable_nsfw_detection"] = True
    ok = await submit(session, server, body)
    clock.advance(5)
    failed = await result(session, server, failing)
    assert failed["task"]["status"] == "TASK_STATUS_FAILED"
    assert failed["task"]["reason"]
    assert failed["images"] == []
    good = await result(session, server, ok)
    assert good["images"][0]["nsfw_detection_result"]["valid"] is True


async def test_unknown_task_is_404(server, session):
    async with session.get(server.make_url("/v3/async/task-result"), params={"task_id": "x"}, headers=AUTH) as r:
        assert r.status == 404
        assert (await r.json())["reason"] == "TASK_NOT_FOUND"


@pytest.mark.parametrize(
    ("override", "fragment"),
    [
        ({"width": 64}, "request.width must be in [128, 2048]"),
        ({"prompt": None}, "request.prompt is required"),
        ({"sampler_name": "Nope"}, "request.sampler_name"),
        ({"image_num": 9}, "request.image_num must be in [1, 8]"),
    ],
)
async def test_v3_validation(server, session, override, fragment):
    async with session.post(server.make_url("/v3/async/txt2img"), json=txt2img(**override), headers=AUTH) as r:
        assert r.status == 400
        body = await r.json()
    assert body["reason"] == "INVALID_REQUEST_BODY"
    assert fragment in body["message"]
    assert server.state.tasks_created_total == 0


async def test_malformed_json(server, session):
    url = server.make_url("/v3/async/txt2img")
    async with session.post(url, data=b"{nope", headers=AUTH) as r:
        assert r.status == 400 and (await r.json())["reason"] == "INVALID_REQUEST_BODY"
    async with session.post(server.make_url("/v2/txt2img"), data=b"{nope", headers=AUTH) as r:
        assert r.status == 200 and (await r.json())["code"] == 1


async def test_url_expiry_and_refresh(session, clock):
    config = EmulatorConfig(clock=clock, task_duration=(0, 0), image_url_ttl=60)
    async with EmulatorServer(config) as server:
        task_id = await submit(session, server, TXT2IMG)
        url = (await result(session, server, task_id))["images"][0]["image_url"]
        async with session.get(url) as r:
            assert r.status == 200 and r.content_type == "image/jpeg"
            assert (await r.read())[:2] == b"\xff\xd8"
        clock.advance(120)
        async with session.get(url) as r:
            assert r.status == 403
            assert "<Code>AccessDenied</Code>" in await r.text()
        fresh = (await result(session, server, task_id))["images"][0]["image_url"]
        assert fresh != url
        async with session.get(fresh) as r:
            assert r.status == 200
        async with session.get(fresh.replace("X-Amz-Signature=", "X-Amz-Signature=0")) as r:
            assert r.status == 403
            assert "SignatureDoesNotMatch" in await r.text()


async def test_storage_host_counts_auth_and_assets(server, session):
    async with session.put(server.storage_url + "/image", data=b"jpegbytes") as r:
        first = (await r.json())["assets_id"]
    async with session.put(server.storage_url + "/image", data=b"jpegbytes", headers=AUTH) as r:
        assert (await r.json())["assets_id"] == first  # deterministic
    async with session.put(server.storage_url + "/video", data=b"mp4") as r:
        assert (await r.json())["assets_id"] != first
    assert server.state.storage_auth_headers_seen == 1
    assert [req.had_authorization for req in server.state.storage_requests] == [False, True, False]


async def test_gzip_and_404(server, session):
    headers = {**AUTH, "Accept-Encoding": "gzip"}
    async with session.get(server.make_url("/v3/model"), params={"pagination.limit": "50"}, headers=headers) as r:
        assert r.headers["Content-Encoding"] == "gzip"
        assert len((await r.json())["models"]) == 50
    async with session.get(server.make_url("/v3/model"), headers=headers, auto_decompress=False) as r:
        assert gzip.decompress(await r.read()).startswith(b'{"models"')
    async with session.get(server.make_url("/v3/nothing"), headers=AUTH) as r:
        assert r.status == 404 and (await r.json())["reason"] == "API_NOT_FOUND"


async def test_billing_and_rate_limits(session, clock):
    config = EmulatorConfig(
        clock=clock, credit_balance=3, cost_per_image=2, rate_limits={"txt2img": (2, 60.0)}, retry_after=1.5
    )
    async with EmulatorServer(config) as server:
        async with session.post(server.make_url("/v3/async/txt2img"), json=txt2img(image_num=1), headers=AUTH) as r:
            assert r.status == 200
        async with session.post(server.make_url("/v3/async/txt2img"), json=txt2img(image_num=1), headers=AUTH) as r:
            assert r.status == 400 and (await r.json())["reason"] == "BILLING_BALANCE_NOT_ENOUGH"
        async with session.post(server.make_url("/v2/txt2img"), json={}, headers=AUTH) as r:
            assert r.status == 429
            assert r.headers["Retry-After"] == "1.5"
            assert (await r.json())["reason"] == "RATE_LIMIT_EXCEEDED"
        async with session.get(server.make_url("/v3/user"), headers=AUTH) as r:
            assert (await r.json())["credit_balance"] == 1
        clock.advance(61)
        async with session.post(server.make_url("/v2/txt2img"), json={}, headers=AUTH) as r:
            assert (await r.json())["code"] == 1  # admitted again, then refused as invalid


async def test_pytest_plugin_fixture(novita_emulator, session):
    async with session.get(novita_emulator.make_url("/v3/user"), headers=AUTH) as r:
        assert r.status == 200
    assert novita_emulator.api_key == "test-key"
