"""The emulator's Part 2 video/audio routes refuse what the pages forbid (§20), naming the field, and accept
both sides of the §18 conflicts. Raw HTTP on purpose: the client would refuse these bodies before sending."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from novita_async.testing import EmulatorServer

URL = "https://example.com/a.png"


async def _post(server: EmulatorServer, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    headers = {"Authorization": f"Bearer {server.api_key}"}
    async with aiohttp.ClientSession() as session, session.post(server.url + path, json=body, headers=headers) as r:
        return r.status, await r.json()


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v3/async/kling-v2.1-i2v", {"prompt": "p", "image": URL, "duration": 5}, "duration"),  # a string here
        ("/v3/async/kling-o1-t2v", {"prompt": "p", "duration": "5"}, "duration"),  # an integer here
        ("/v3/async/kling-v1.6-i2v", {"prompt": "p", "image_url": "aGk="}, "image_url"),  # URL only
        ("/v3/async/minimax-hailuo-02", {"prompt": "p", "duration": 10, "resolution": "1080P"}, "resolution"),
        ("/v3/async/wan-t2v", {"prompt": "p", "width": 1280, "height": 480}, "width"),
        ("/v3/async/wan-2.2-t2v", {"parameters": {"size": "1920*1080"}}, "input"),
        ("/v3/async/hunyuan-video-fast", {"prompt": "p", "model_name": "hunyuan-video-fast", "width": 720,
                                          "height": 1280, "seed": 1, "steps": 40}, "steps"),
        ("/v3/async/vidu-q1-reference2video", {"prompt": "p", "images": [URL] * 8}, "images"),
        ("/v3/async/seedance-v1.5-pro-t2v", {"prompt": "p", "resolution": "1080p"}, "resolution"),
        ("/v3/async/minimax-speech-2.8-hd", {"voice_setting": {"voice_id": "v"}}, "text"),
        ("/v3/minimax-speech-02-hd", {"text": "x", "stream": True, "voice_setting": {"voice_id": "v"},
                                      "output_format": "url"}, "output_format"),
        ("/v3/glm-tts", {"input": "x", "voice": "tongtong", "response_format": "mp3"}, "response_format"),
        ("/v3/glm-asr", {"file": "not base64!"}, "file"),
        ("/v3/minimax-voice-cloning", {"audio_url": URL, "text": "hi"}, "model"),
    ],
)  # fmt: skip
async def test_refusals_name_the_field(path: str, body: dict[str, Any], field: str) -> None:
    async with EmulatorServer() as server:
        status, answer = await _post(server, path, body)
        assert status == 400 and answer["reason"] == "INVALID_REQUEST_BODY", answer
        assert field in answer["message"]
        assert server.state.tasks_created_total == 0


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v3/async/minimax-hailuo-02", {"prompt": "p", "image_url": URL}),  # the old page's field
        ("/v3/async/minimax-hailuo-02", {"prompt": "p", "image": "data:image/png;base64,aGk="}),
        ("/v3/async/wan-t2v", {"prompt": "p"}),  # new page: no model_name, no size
        ("/v3/async/wan-t2v", {"prompt": "p", "model_name": "wan2.1-t2v", "width": 832, "height": 480, "seed": 3}),
        ("/v3/async/vidu-q3-pro-i2v", {"images": [URL], "audio": True}),  # bool or URL string (§18)
        ("/v3/async/vidu-q3-pro-i2v", {"images": [URL], "audio": "https://example.com/a.mp3", "wm_position": "3"}),
        ("/v3/async/hunyuan-video-fast", {"prompt": "p", "model_name": "hunyuan-video-fast", "width": 1280,
                                          "height": 720, "seed": -1, "steps": 10}),  # new page: no frames
    ],
)  # fmt: skip
async def test_both_sides_of_conflicts_accepted(path: str, body: dict[str, Any]) -> None:
    async with EmulatorServer() as server:
        status, answer = await _post(server, path, body)
        assert status == 200 and answer["task_id"], answer
