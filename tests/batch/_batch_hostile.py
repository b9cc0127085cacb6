"""A hostile proxy in front of the emulator, for the faults the emulator cannot produce on its own.

The emulator's scripted faults act either before a submit is processed (`Fault.http(500)` creates nothing)
or drop the answer (`reset_after`). A real server can also create the task and *then* answer badly: 500,
502, 504, `{}`, HTML, an error object with HTTP 200, truncated JSON, or the right answer after the client
gave up. This proxy forwards each request to the emulator (so the task really exists) and replaces the
answer of the next scripted submits.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections import deque

import aiohttp
from aiohttp import web

SUBMIT = "/v3/async/txt2img"

# name -> what the client gets after the emulator created the task
BEHAVIOURS = ("then-500", "then-502", "then-504", "then-empty", "then-html", "then-envelope", "then-truncated",
              "then-late", "then-reset")


class HostileProxy:
    """`async with HostileProxy(server.url) as proxy:`; `proxy.script("then-500", times=2)`."""

    def __init__(self, upstream: str, *, late: float = 1.0) -> None:
        self.upstream = upstream.rstrip("/")
        self.late = late
        self._script: deque[str] = deque()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._random: tuple[float, random.Random] | None = None
        self.url = ""
        self.applied: list[str] = []

    def script(self, behaviour: str, *, times: int = 1) -> None:
        assert behaviour in BEHAVIOURS, behaviour
        self._script.extend([behaviour] * times)

    def randomly(self, probability: float, *, seed: int) -> None:
        """From now on, each unscripted submit misbehaves (any behaviour) with this probability."""
        self._random = (probability, random.Random(seed))

    async def __aenter__(self) -> HostileProxy:
        self._session = aiohttp.ClientSession(auto_decompress=False)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._runner is not None and self._session is not None
        await self._runner.cleanup()
        await self._session.close()

    async def _forward(self, request: web.Request, body: bytes) -> tuple[int, bytes, dict[str, str]]:
        assert self._session is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("authorization", "content-type")}
        async with self._session.request(
            request.method, self.upstream + request.rel_url.path_qs, data=body or None, headers=headers
        ) as resp:
            kept = {k: v for k, v in resp.headers.items() if k.lower() in ("content-type", "retry-after")}
            return resp.status, await resp.read(), kept

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        behaviour = None
        if request.method == "POST" and request.path == SUBMIT:
            if self._script:
                behaviour = self._script.popleft()
            elif self._random is not None and self._random[1].random() < self._random[0]:
                behaviour = self._random[1].choice(BEHAVIOURS)
            if behaviour is not None:
                self.applied.append(behaviour)
        status, payload, headers = await self._forward(request, body)  # the task exists from here on
        if behaviour is None:
            return web.Response(status=status, body=payload, headers=headers)
        if behaviour.startswith("then-5"):
            code = int(behaviour[5:])
            error = {"code": code, "reason": "INTERNAL", "message": "the gateway lost it"}
            return web.json_response(error, status=code)
        if behaviour == "then-empty":
            return web.Response(status=200, body=b"{}", content_type="application/json")
        if behaviour == "then-html":
            return web.Response(status=200, text="<html><body>502 Bad Gateway</body></html>", content_type="text/html")
        if behaviour == "then-envelope":
            error = {"code": 500, "reason": "INTERNAL", "message": "internal error"}
            return web.Response(status=200, body=json.dumps(error).encode(), content_type="application/json")
        if behaviour == "then-truncated":
            return web.Response(status=200, body=payload[: len(payload) // 2], content_type="application/json")
        if behaviour == "then-late":
            await asyncio.sleep(self.late)  # past the client's timeout: it has given up by now
            return web.Response(status=status, body=payload, headers=headers)
        # then-reset: the task was created, the connection dies before any answer
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=204)
