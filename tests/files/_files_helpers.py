from __future__ import annotations

import base64
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from novita_async import NovitaClient, PollPolicy
from novita_async.testing import EmulatorConfig, EmulatorServer
from novita_async.testing._media import png

PNG = png(16, 16)
PNG_B64 = base64.b64encode(PNG).decode()


@contextlib.asynccontextmanager
async def emulated(**config: Any) -> AsyncIterator[tuple[EmulatorServer, NovitaClient]]:
    config.setdefault("seed", 11)
    async with EmulatorServer(EmulatorConfig(**config)) as server:
        async with NovitaClient(
            api_key=server.api_key,
            base_url=server.url,
            assets_url=server.storage_url,
            rate_limits=None,
            poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.3),
        ) as client:
            yield server, client
