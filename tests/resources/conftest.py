"""Fixtures of the resource tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture
async def hostile() -> AsyncIterator[Callable[[Handler], Any]]:
    """`await hostile(handler)` serves `handler` for every POST on a loopback port and returns its base URL:
    a small server for the answers the emulator cannot give (malformed, refusing, stalling)."""
    runners: list[web.AppRunner] = []

    async def serve(handler: Handler) -> str:
        app = web.Application()
        app.router.add_post("/{tail:.*}", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        return f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]

    yield serve
    for runner in runners:
        await runner.cleanup()
