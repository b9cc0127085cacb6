"""The aiohttp.web side: a sub-application around `WebhookReceiver.handle`, and a listener running it on
its own socket for `client.webhooks.serve()`.

The body is read in chunks and abandoned as soon as it passes `max_body` (413), and a declared
`Content-Length` over the cap is refused before anything is read; the token is checked before the body.
"""

from __future__ import annotations

import asyncio
import socket
from typing import TYPE_CHECKING

from aiohttp import web

from .._constants import WEBHOOK_PATH

if TYPE_CHECKING:
    from ._receiver import WebhookReceiver

__all__ = ("Listener", "build_app")


def build_app(receiver: WebhookReceiver) -> web.Application:
    """`POST /{token}` → `receiver.handle(body, token)`; `POST /` (no token) → 403."""

    async def hook(request: web.Request) -> web.Response:
        token = request.match_info.get("token", "")
        # Token and declared size first, without reading a byte of an unauthenticated or oversized body.
        refused = receiver.precheck(token, request.content_length)
        if refused is not None:
            return web.Response(status=refused)
        limit = receiver.max_body
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.content.iter_any():
            size += len(chunk)
            if size > limit:
                return web.Response(status=receiver.precheck(token, size) or 413)
            chunks.append(chunk)
        return web.Response(status=await receiver.handle(b"".join(chunks), token))

    app = web.Application()
    app.router.add_post("/", hook)
    app.router.add_post("/{token}", hook)
    return app


class Listener:
    """Runs a receiver's sub-application at `path` on `host:port` (0: any free port)."""

    def __init__(self, host: str, port: int, path: str = WEBHOOK_PATH) -> None:
        self.host = host
        self.port = port
        self.path = "/" + path.strip("/")
        self._runner: web.AppRunner | None = None

    async def start(self, receiver: WebhookReceiver) -> str:
        """Bind and serve; returns the base URL (`http://host:port/path`, without the token)."""
        app = web.Application()
        app.add_subapp(self.path + "/", build_app(receiver))
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        self._runner = runner
        try:
            site = web.TCPSite(runner, self.host, self.port, backlog=1024)
            await site.start()
        except BaseException:
            await self.stop()
            raise
        server = site._server
        assert isinstance(server, asyncio.base_events.Server)
        sock: socket.socket = server.sockets[0]
        port = sock.getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{port}{self.path}"

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
