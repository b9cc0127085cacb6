"""The common v3 `extra` object (§4) reaches the server: output type, NSFW detection, webhook, storage."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from novita_async import NovitaClient
from novita_async.testing import EmulatorServer
from novita_async.types import CustomStorage, RemoveBackgroundRequest, V3Extra, Webhook

from ._data import PNG, PNG_B64, SD


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, asyncio.Queue[dict[str, Any]]]]:
    """A tiny webhook receiver on 127.0.0.1:0."""
    received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        await received.put(await request.json())
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}/hook", received
    finally:
        await runner.cleanup()


async def test_extra_output_type_and_nsfw(novita_client: NovitaClient) -> None:
    task = await novita_client.images.txt2img(
        **SD, width=512, height=512,
        extra={"response_image_type": "jpeg", "enable_nsfw_detection": True, "nsfw_detection_level": 2},
    )  # fmt: skip
    result = await task
    image = result.images[0]
    assert image.image_type == "jpeg" and ".jpeg?" in image.image_url
    assert image.nsfw_detection_result is not None and image.nsfw_detection_result.confidence > 0
    assert result.extra is not None and result.extra.enable_nsfw_detection is True


async def test_extra_webhook_delivered(
    novita_client: NovitaClient, receiver: tuple[str, asyncio.Queue[dict[str, Any]]]
) -> None:
    url, received = receiver
    extra = V3Extra(webhook=Webhook(url=url), custom_storage=CustomStorage(
        aws_s3={"region": "us-east-1", "bucket": "b", "path": "/p"}))  # type: ignore[arg-type]  # fmt: skip
    task = await novita_client.images.upscale(
        model_name="RealESRNet_x4plus", image_base64=PNG, scale_factor=2, extra=extra
    )
    await task
    event = await asyncio.wait_for(received.get(), 5)
    assert event["event_type"] == "ASYNC_TASK_RESULT"
    assert event["payload"]["task"]["task_id"] == task.task_id
    assert event["payload"]["task"]["status"] == "TASK_STATUS_SUCCEED"


async def test_flat_extra_on_video(
    novita_client: NovitaClient, receiver: tuple[str, asyncio.Queue[dict[str, Any]]]
) -> None:
    url, received = receiver
    task = await novita_client.tools.replace_object(
        image_file=PNG, object_prompt="1girl", prompt="a dog",
        extra={"webhook": {"url": url, "test_mode": {"enabled": True, "return_task_status": "TASK_STATUS_SUCCEED"}},
               "response_image_type": "webp"},
    )  # fmt: skip
    result = await task
    assert result.images[0].image_type == "webp"
    event = await asyncio.wait_for(received.get(), 5)
    assert event["payload"]["task"]["task_id"] == task.task_id


async def test_extra_is_validated(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    from novita_async import RequestValidationError

    with pytest.raises(RequestValidationError) as info:
        await novita_client.tools.remove_background(image_file=PNG, extra={"response_image_type": "bmp"})
    assert info.value.field is not None and "extra" in info.value.field
    with pytest.raises(RequestValidationError) as info:  # the request Struct path validates `extra` too
        await novita_client.tools.remove_background(
            RemoveBackgroundRequest(image_file=PNG_B64), extra={"enable_nsfw_detection": "yes"}
        )
    assert info.value.field == "$.extra.enable_nsfw_detection"
    assert novita_emulator.state.requests[("POST", "/v3/remove-background")] == 0
