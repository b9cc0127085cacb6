"""Shared bits of the webhook tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import aiohttp
import anyio

TXT2IMG: dict[str, Any] = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1, steps=20,
    guidance_scale=7.5, sampler_name="Euler a",
)


def event(task_id: str, status: str = "TASK_STATUS_SUCCEED", **payload: Any) -> dict[str, Any]:
    return {
        "event_type": "ASYNC_TASK_RESULT",
        "payload": {"task": {"task_id": task_id, "status": status, "task_type": "TXT_TO_IMG"}, **payload},
    }


async def post(url: str, body: bytes | Any, **kw: Any) -> int:
    async with aiohttp.ClientSession() as s:
        data = body if isinstance(body, bytes) else None
        json = None if isinstance(body, bytes) else body
        async with s.post(url, data=data, json=json, **kw) as r:
            await r.read()
            return r.status


async def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll a test condition every 10 ms (a condition on counters has no event to wait on)."""
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return
        await anyio.sleep(0.01)
    raise AssertionError("condition not met in time")
