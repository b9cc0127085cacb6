"""The emulator side of the two-process benchmarks: serve, publish the URLs on stdout, expose a debug route."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

__all__ = ("serve_with_debug",)


async def serve_with_debug(server: Any, tasks: Callable[[Any], Awaitable[Any]]) -> None:
    """With `server` (a started EmulatorServer) running, serve `GET /debug/tasks` with `tasks`, print one JSON
    line (`url`, `key`, `debug`) for the parent process, and run until killed."""
    from aiohttp import web

    debug = web.Application()
    debug.router.add_get("/debug/tasks", tasks)
    runner = web.AppRunner(debug, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    print(json.dumps({"url": server.url, "key": server.api_key, "debug": f"http://127.0.0.1:{port}"}), flush=True)
    await asyncio.Event().wait()
