"""Part 2 video endpoints (novita-api-2026.md §16): every established row end to end against the emulator."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from aiohttp import web

from novita_async import NovitaClient, RequestValidationError
from novita_async._catalogue import PART2_VIDEO
from novita_async.testing import EmulatorServer
from novita_async.types.video_wan import Wan22T2VInput, Wan22T2VRequest

from ._data import JPEG, PNG

URL = "https://example.com/start.jpg"

# (client method, wire path, keyword fields): one per established row 131-162.
CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("kling_v16_t2v", "kling-v1.6-t2v", dict(prompt="a fox runs", duration=10, guidance_scale=0.5)),
    ("kling_v16_i2v", "kling-v1.6-i2v", dict(prompt="the dog turns", image_url=URL, mode="Professional",
                                             end_image_url=URL)),
    ("kling_v21_i2v", "kling-v2.1-i2v", dict(prompt="waves", image=URL, duration="10", mode="Professional")),
    ("kling_v21_i2v_master", "kling-v2.1-i2v-master", dict(prompt="waves", image=PNG, duration="5")),
    ("kling_v21_t2v_master", "kling-v2.1-t2v-master", dict(prompt="a city", aspect_ratio="9:16")),
    ("kling_25_turbo_t2v", "kling-2.5-turbo-t2v", dict(prompt="rain", cfg_scale=0.3, mode="pro")),
    ("kling_25_turbo_i2v", "kling-2.5-turbo-i2v", dict(prompt="rain", image=URL, duration="5")),
    ("kling_o1_t2v", "kling-o1-t2v", dict(prompt="a robot", duration=10, aspect_ratio="1:1")),
    ("kling_o1_i2v", "kling-o1-i2v", dict(prompt="a robot", image=URL, last_image=JPEG)),
    ("kling_v26_pro_t2v", "kling-v2.6-pro-t2v", dict(prompt="a choir", sound=True, cfg_scale=0.5)),
    ("kling_v26_pro_i2v", "kling-v2.6-pro-i2v", dict(prompt="she sings", image=URL, voice_list=["v1"])),
    ("minimax_hailuo_02", "minimax-hailuo-02", dict(prompt="a car", image=URL, duration=10, resolution="768P")),
    ("minimax_video_01", "minimax-video-01", dict(prompt="a car", image_url=URL)),
    ("wan_t2v", "wan-t2v", dict(prompt="a cat", steps=20, extra={"webhook": {"url": "http://127.0.0.1:9/h"}})),
    ("wan_i2v", "wan-i2v", dict(prompt="a cat", image_url=URL, width=720, height=1280, seed=7)),
    ("wan_22_t2v", "wan-2.2-t2v", dict(input={"prompt": "a cat under the moon"},
                                        parameters={"size": "1920*1080", "prompt_extend": True})),
    ("wan_22_i2v", "wan-2.2-i2v", dict(input={"img_url": URL}, parameters={"resolution": "480P"})),
    ("wan_26_i2v", "wan2.6-i2v", dict(input={"img_url": PNG, "prompt": "dance"},
                                       parameters={"duration": 15, "shot_type": "multi"})),
    ("hunyuan_video_fast", "hunyuan-video-fast", dict(prompt="a boat", width=1280, height=720, seed=-1,
                                                       steps=10)),
    ("vidu_q1_text2video", "vidu-q1-text2video", dict(prompt="anime sky", style="anime", bgm=True)),
    ("vidu_q1_reference2video", "vidu-q1-reference2video", dict(prompt="@1 waves", images=[URL, PNG])),
    ("vidu_q2_reference2video", "vidu-q2-reference2video",
     dict(prompt="@1 talks", subjects=[{"id": "1", "images": [PNG]}], duration=4)),
    ("vidu_q3_pro_t2v", "vidu-q3-pro-t2v", dict(prompt="a storm", wm_position=3, aspect_ratio="4:3")),
    ("vidu_q3_pro_i2v", "vidu-q3-pro-i2v", dict(images=[URL], audio="https://example.com/bgm.mp3")),
    ("vidu_q3_turbo_t2v", "vidu-q3-turbo-t2v", dict(prompt="a storm", audio=False, duration=16)),
    ("vidu_q3_turbo_i2v", "vidu-q3-turbo-i2v", dict(images=[URL], audio_type="speech_only")),
    ("seedance_v1_pro_t2v", "seedance-v1-pro-t2v", dict(prompt="a bird", resolution="1080p", duration=5)),
    ("seedance_v1_pro_i2v", "seedance-v1-pro-i2v", dict(image=URL, aspect_ratio="9:21")),
    ("seedance_v15_pro_t2v", "seedance-v1.5-pro-t2v", dict(prompt='he says "hi"', ratio="adaptive")),
    ("seedance_v15_pro_i2v", "seedance-v1.5-pro-i2v", dict(image=JPEG, duration=12, service_tier="flex")),
]  # fmt: skip


def test_every_established_video_row_has_a_case() -> None:
    rows = {e.call.removeprefix("client.video."): e.path for e in PART2_VIDEO if e.established and e.ref > 130}
    assert rows == {method: f"/v3/async/{slug}" for method, slug, _ in CASES}


@pytest.mark.parametrize(("method", "slug", "fields"), CASES, ids=[c[0] for c in CASES])
async def test_row_end_to_end(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, method: str, slug: str, fields: dict[str, Any]
) -> None:
    task = await getattr(novita_client.video, method)(**fields)
    result = await task.result(timeout=10)
    assert not result.images and len(result.videos) == 1
    video = result.videos[0]
    assert video.video_type == "mp4" and video.video_url.startswith(novita_emulator.storage_url)
    assert novita_emulator.state.tasks_created[f"/v3/async/{slug}"] == 1


async def test_video_output_is_a_real_mp4(novita_client: NovitaClient) -> None:
    task = await novita_client.video.kling_o1_t2v(prompt="x")
    url = (await task).videos[0].video_url
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        body = await resp.read()
        assert resp.headers["Content-Type"] == "video/mp4"
    assert body[4:8] == b"ftyp" and b"moov" in body and b"avc1" in body  # playable H.264, not a stub


async def test_exact_bodies_on_the_wire(hostile: Any) -> None:
    """The JSON sent: `{input, parameters}` for Wan 2.2; `"10"` (a string) for Kling V2.1, with a file as a
    data URI; Wan 2.1 with the fields both page versions accept (§16.9)."""
    bodies: list[dict[str, Any]] = []

    async def submit(request: web.Request) -> web.Response:
        bodies.append(await request.json())
        return web.json_response({"task_id": f"t{len(bodies)}"})

    url = await hostile(submit)
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        t1 = await client.video.wan_22_t2v(Wan22T2VRequest(input=Wan22T2VInput(prompt="cat")))
        t2 = await client.video.kling_v21_i2v(prompt="p", image=PNG, duration="10")
        t3 = await client.video.wan_t2v(prompt="p")
        subjects = [{"id": "1", "images": [PNG, URL]}]
        t4 = await client.video.vidu_q2_reference2video(prompt="@1", subjects=subjects, duration=5)
        for task in (t1, t2, t3, t4):
            task.cancel()
    assert bodies[0] == {"input": {"prompt": "cat"}}
    assert bodies[1]["duration"] == "10" and bodies[1]["image"].startswith("data:image/png;base64,")
    assert bodies[2] == {"prompt": "p", "width": 832, "height": 480, "seed": -1, "model_name": "wan2.1-t2v"}
    # Nested media (`subjects[].images[]`) become data URIs; the caller's objects are left alone.
    sent = bodies[3]["subjects"][0]["images"]
    assert sent[0].startswith("data:image/png;base64,") and sent[1] == URL
    assert subjects == [{"id": "1", "images": [PNG, URL]}]


@pytest.mark.parametrize(
    ("method", "fields", "match"),
    [
        ("kling_v21_i2v", dict(prompt="p", image=URL, duration=5), "duration"),  # a string on V2.1
        ("kling_o1_t2v", dict(prompt="p", duration="5"), "duration"),  # an integer on O1
        ("kling_25_turbo_t2v", dict(prompt="p", guidance_scale=0.5), "guidance_scale"),  # cfg_scale here
        ("kling_v16_i2v", dict(prompt="p", image_url=PNG), "URL"),  # URL-only field refuses a file
        ("kling_v16_i2v", dict(prompt="p", image_url=URL, end_image_url=URL), "Professional"),
        ("wan_t2v", dict(prompt="p", width=1280, height=480), "width"),
        ("minimax_hailuo_02", dict(prompt="p", duration=10, resolution="1080P"), "768P"),
        ("vidu_q3_pro_i2v", dict(images=[URL, URL]), "images"),
        ("seedance_v15_pro_t2v", dict(prompt="p", duration=13), "duration"),
        ("hunyuan_video_fast", dict(prompt="p", width=1280, height=1280, seed=1, steps=5), "width"),
    ],
)
async def test_bad_input_refused_before_sending(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, method: str, fields: dict[str, Any], match: str
) -> None:
    with pytest.raises(RequestValidationError, match=match):
        await getattr(novita_client.video, method)(**fields)
    assert novita_emulator.state.tasks_created_total == 0
