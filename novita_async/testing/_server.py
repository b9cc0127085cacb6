"""`EmulatorServer`: the API host and the storage host on two loopback ports, as an async context manager.

Usage:

    async with EmulatorServer(EmulatorConfig(seed=1)) as server:
        server.faults.add("/v3/async/txt2img", Fault.http(503))
        ...  # point a client at server.url with server.api_key
        assert server.state.storage_auth_headers_seen == 0
"""

from __future__ import annotations

import asyncio
import logging
import socket
from types import TracebackType

from aiohttp import web

from ._app import build_api_app, build_storage_app
from ._config import EmulatorConfig
from ._faults import FaultSchedule
from ._runtime import Runtime
from ._state import EmulatorState
from ._webhooks import WebhookSender

__all__ = ("EmulatorServer", "serve")

logger = logging.getLogger("novita_async.testing")


class EmulatorServer:
    """A running emulator of the Novita HTTP API (see the module docstring)."""

    def __init__(
        self,
        config: EmulatorConfig | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        storage_port: int = 0,
    ) -> None:
        self.config = config or EmulatorConfig()
        self.state = EmulatorState(self.config.credit_balance)
        self.faults = FaultSchedule(self.config.seed)
        self._host = host
        self._port = port
        self._storage_port = storage_port
        self._rt = Runtime(self.config, self.state, self.faults)
        self._webhooks = WebhookSender(self._rt)
        self._runners: list[web.AppRunner] = []
        self.url = ""
        """Base URL of the API host, e.g. `http://127.0.0.1:41234` (set once started)."""
        self.storage_url = ""
        """Base URL of the storage host (assets uploads, output files, training uploads)."""

    @property
    def api_key(self) -> str:
        """A key the emulator accepts."""
        return sorted(self.config.api_keys)[0]

    def make_url(self, path: str) -> str:
        """`url` joined with `path` (which should start with `/`)."""
        return self.url + (path if path.startswith("/") else "/" + path)

    async def _start_site(self, app: web.Application, port: int) -> tuple[web.AppRunner, str]:
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        self._runners.append(runner)
        site = web.TCPSite(runner, self._host, port, reuse_address=True)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.base_events.Server)
        sock: socket.socket = server.sockets[0]
        bound_port = sock.getsockname()[1]
        host = f"[{self._host}]" if ":" in self._host else self._host
        return runner, f"http://{host}:{bound_port}"

    async def start(self) -> None:
        """Bind both hosts; prefer `async with`."""
        try:
            _, self.storage_url = await self._start_site(build_storage_app(self._rt), self._storage_port)
            self._rt.storage_url = self.storage_url
            _, self.url = await self._start_site(build_api_app(self._rt, self._webhooks), self._port)
            self._rt.api_url = self.url
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        """Stop webhooks and both hosts."""
        await self._webhooks.close()
        runners, self._runners = self._runners, []
        for runner in reversed(runners):
            await runner.cleanup()

    async def __aenter__(self) -> EmulatorServer:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        tasks = len(self.state.tasks)
        return f"<EmulatorServer url={self.url!r} storage_url={self.storage_url!r} tasks={tasks}>"


async def serve(host: str, port: int, config: EmulatorConfig | None = None) -> None:
    """Run an emulator until cancelled; the URLs are logged at INFO on `novita_async.testing`."""
    async with EmulatorServer(config, host=host, port=port) as server:
        logger.info("Novita API emulator listening on %s (storage host %s)", server.url, server.storage_url)
        logger.info("API keys accepted: %s", ", ".join(sorted(server.config.api_keys)))
        await asyncio.Event().wait()
