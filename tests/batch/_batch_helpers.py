from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from novita_async import NovitaClient, PollPolicy
from novita_async.testing import EmulatorConfig, EmulatorServer

REQUEST = dict(
    model_name="sd_xl_base_1.0.safetensors",
    prompt="a cat",
    width=512,
    height=512,
    image_num=1,
    steps=20,
    guidance_scale=7.5,
    sampler_name="Euler a",
)


def items(n: int, *, prefix: str = "item", **changes: Any) -> list[dict[str, Any]]:
    return [
        {"id": f"{prefix}-{i}", "endpoint": "txt2img", "request": {**REQUEST, "prompt": f"prompt {i}", **changes}}
        for i in range(n)
    ]


@contextlib.asynccontextmanager
async def emulated(**config: Any) -> AsyncIterator[tuple[EmulatorServer, NovitaClient]]:
    config.setdefault("seed", 7)
    async with EmulatorServer(EmulatorConfig(**config)) as server:
        async with NovitaClient(
            api_key=server.api_key,
            base_url=server.url,
            assets_url=server.storage_url,
            poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.3),
        ) as client:
            yield server, client
