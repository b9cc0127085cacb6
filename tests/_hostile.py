"""A small hostile HTTP server for fault tests: a proxy in front of the emulator that misbehaves on cue.

The emulator's own faults (`novita_async.testing.Fault`) cover statuses, resets, delays and truncation.
This proxy adds what a real network and a real gateway do and the emulator cannot: a gateway's 502/504
*after* the backend created the task, huge and compressed bodies, gzip bombs, deeply nested JSON, HTML
error pages, HTTP 200 error envelopes, and a server restart on the same port.

    async with EmulatorServer() as emu, HostileProxy(emu.url) as proxy:
        proxy.script("/v3/async/txt2img", Misbehave.create_then(502))
        async with NovitaClient(api_key=emu.api_key, base_url=proxy.url, rate_limits=None) as client:
            ...
        assert emu.state.tasks_created_total == ...

Requests are matched against the behaviours scripted for their path (FIFO, each used `times` times; a
trailing `*` matches a prefix); unmatched requests are forwarded unchanged. A behaviour with
`forward=True` passes the request to the upstream first, so a submit really creates its task, then
misbehaves on the way back. Every request is recorded in `proxy.seen` (method, path, headers) so tests can
check which hosts saw the key. Loopback only.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import gzip
import zlib
from collections.abc import Mapping

import aiohttp
from aiohttp import web

__all__ = ("HostileProxy", "Misbehave", "gzip_bomb", "nested_json")

_HOP_HEADERS = frozenset({"content-length", "transfer-encoding", "content-encoding", "connection", "keep-alive"})


@functools.lru_cache(maxsize=4)
def gzip_bomb(decompressed: int) -> bytes:
    """A gzip stream of `decompressed` zero bytes (about 1/1000 of that on the wire)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    parts = [comp.compress(block) for _ in range(decompressed // len(block))]
    parts.append(comp.compress(bytes(decompressed % len(block))))
    parts.append(comp.flush())
    return b"".join(parts)


def nested_json(depth: int) -> bytes:
    """`{"x": [[[[...]]]], ...}` nested `depth` deep in a field no type declares (so a decoder must skip
    it): valid JSON that a recursive decoder cannot finish."""
    return b'{"x": ' + b"[" * depth + b"]" * depth + b', "task_id": "x", "task": {"status": "TASK_STATUS_SUCCEED"}}'


@dataclasses.dataclass(frozen=True, kw_only=True)
class Misbehave:
    """One way to answer badly. Build them with the class methods."""

    forward: bool = True
    """Pass the request to the upstream first (a submit creates its task)."""
    status: int | None = None
    """Answer this status instead of the upstream's."""
    body: bytes | None = None
    """Answer this body instead of the upstream's."""
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    content_type: str | None = "application/json"
    delay: float = 0.0
    """Seconds to wait (after forwarding) before answering."""
    reset: bool = False
    """Close the connection instead of answering."""
    truncate: bool = False
    """Announce the whole body, send half of it, close."""
    stream_size: int = 0
    """Stream this many bytes (chunked, no Content-Length) instead of a body."""
    declare_length: int | None = None
    """Send this `Content-Length` and stop after the headers (a body announced too big to read)."""

    # --- constructors ---------------------------------------------------------------------------------

    @classmethod
    def create_then(cls, status: int, *, body: bytes | None = None) -> Misbehave:
        """The upstream processes the request (a task is created), the answer is `status`."""
        return cls(status=status, body=body if body is not None else b'{"code": %d, "reason": "GATEWAY"}' % status)

    @classmethod
    def late(cls, seconds: float) -> Misbehave:
        """The upstream's answer, `seconds` late."""
        return cls(delay=seconds)

    @classmethod
    def reset_before(cls) -> Misbehave:
        """Close the connection without forwarding: nothing reached the upstream."""
        return cls(forward=False, reset=True)

    @classmethod
    def reset_after(cls) -> Misbehave:
        """Forward, then close without answering."""
        return cls(reset=True)

    @classmethod
    def truncated(cls) -> Misbehave:
        """Forward, then send half of the answer and close."""
        return cls(truncate=True)

    @classmethod
    def rate_limited(cls, retry_after: float | None = None) -> Misbehave:
        """429 without forwarding, with or without `Retry-After`."""
        headers = {} if retry_after is None else {"Retry-After": f"{retry_after:g}"}
        return cls(forward=False, status=429, body=b'{"code": 429, "reason": "RATE_LIMIT_EXCEEDED"}', headers=headers)

    @classmethod
    def answer(
        cls, body: bytes, *, status: int = 200, forward: bool = True, content_type: str | None = "application/json",
        headers: Mapping[str, str] | None = None,
    ) -> Misbehave:
        """Forward (or not), then answer `status` with `body`."""
        return cls(forward=forward, status=status, body=body, content_type=content_type, headers=headers or {})

    @classmethod
    def invalid_json(cls, *, forward: bool = True) -> Misbehave:
        return cls.answer(b'{"task_id": "unterminated', forward=forward)

    @classmethod
    def html(cls, *, status: int = 200, forward: bool = True) -> Misbehave:
        return cls.answer(b"<html><body>502 Bad Gateway</body></html>", status=status, forward=forward,
                          content_type="text/html")

    @classmethod
    def error_envelope_200(cls, *, forward: bool = True) -> Misbehave:
        """An API error object sent with HTTP 200."""
        return cls.answer(b'{"code": 500, "reason": "INTERNAL_ERROR", "message": "boom"}', forward=forward)

    @classmethod
    def nested(cls, depth: int = 100_000, *, forward: bool = True) -> Misbehave:
        return cls.answer(nested_json(depth), forward=forward)

    @classmethod
    def gzip_bomb(cls, decompressed: int = 300 * 1024 * 1024, *, forward: bool = True) -> Misbehave:
        return cls.answer(gzip_bomb(decompressed), forward=forward, headers={"Content-Encoding": "gzip"})

    @classmethod
    def gzipped(cls, body: bytes, *, forward: bool = True) -> Misbehave:
        """A well-formed gzip answer (to check that honest compression still works)."""
        return cls.answer(gzip.compress(body), forward=forward, headers={"Content-Encoding": "gzip"})

    @classmethod
    def huge(cls, size: int = 50 * 1024 * 1024, *, declared: bool = True, forward: bool = True) -> Misbehave:
        """A body of `size` bytes: announced in `Content-Length` (declared) or streamed chunked."""
        if declared:
            return cls(forward=forward, status=200, declare_length=size)
        return cls(forward=forward, status=200, stream_size=size)


@dataclasses.dataclass
class _Entry:
    path: str
    behaviour: Misbehave
    remaining: int
    method: str | None

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return path.startswith(self.path[:-1]) if self.path.endswith("*") else path == self.path


class HostileProxy:
    """An aiohttp.web server on 127.0.0.1 that forwards to `upstream` and misbehaves as scripted."""

    def __init__(self, upstream: str, *, port: int = 0) -> None:
        self.upstream = upstream.rstrip("/")
        self.port = port
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.applied: list[tuple[str, str, Misbehave]] = []
        self._entries: list[_Entry] = []
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def script(self, path: str, behaviour: Misbehave, *, times: int = 1, method: str | None = None) -> None:
        """Misbehave `behaviour` for the next `times` requests to `path`."""
        self._entries.append(_Entry(path, behaviour, times, method))

    @property
    def pending(self) -> int:
        return sum(e.remaining for e in self._entries)

    def _take(self, method: str, path: str) -> Misbehave | None:
        for i, entry in enumerate(self._entries):
            if entry.matches(method, path):
                entry.remaining -= 1
                if entry.remaining == 0:
                    del self._entries[i]
                self.applied.append((method, path, entry.behaviour))
                return entry.behaviour
        return None

    # --- lifecycle ----------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._client is None:
            self._client = aiohttp.ClientSession(auto_decompress=True)
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await site.start()
        if self.port == 0:
            server = site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Stop listening (open connections are closed); `start()` listens again on the same port."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def restart(self, down_for: float = 0.0) -> None:
        """A server restart: stop, stay down `down_for` seconds, listen again on the same port."""
        await self.stop()
        await asyncio.sleep(down_for)
        await self.start()

    async def __aenter__(self) -> HostileProxy:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
        if self._client is not None:
            await self._client.close()
            self._client = None

    # --- handling -----------------------------------------------------------------------------------

    async def _forward(self, request: web.Request, body: bytes) -> tuple[int, dict[str, str], bytes]:
        assert self._client is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_HEADERS | {"host"}}
        async with self._client.request(
            request.method, self.upstream + request.rel_url.path_qs, data=body or None, headers=headers,
            allow_redirects=False,
        ) as resp:
            payload = await resp.read()
            out = {k: v for k, v in resp.headers.items() if k.lower() not in _HOP_HEADERS}
            return resp.status, out, payload

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.seen.append((request.method, request.path, dict(request.headers)))
        behaviour = self._take(request.method, request.path)
        if behaviour is None or behaviour.forward:
            try:
                status, headers, payload = await self._forward(request, body)
            except aiohttp.ClientError:  # the upstream dropped or truncated its answer: so do we
                return _drop(request)
            if behaviour is None:
                return web.Response(status=status, headers=headers, body=payload)
        else:
            status, headers, payload = 200, {}, b"{}"
        if behaviour.delay:
            await asyncio.sleep(behaviour.delay)
        if behaviour.reset:
            return _drop(request)
        if behaviour.status is not None:
            status = behaviour.status
        if behaviour.body is not None:
            payload = behaviour.body
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        headers.update(behaviour.headers)
        if behaviour.content_type is not None:
            headers["Content-Type"] = behaviour.content_type
        if behaviour.declare_length is not None:
            return await _announce(request, status, headers, behaviour.declare_length)
        if behaviour.stream_size:
            return await _stream(request, status, headers, behaviour.stream_size)
        if behaviour.truncate:
            return await _truncate(request, status, headers, payload)
        return web.Response(status=status, headers=headers, body=payload)


def _drop(request: web.Request) -> web.Response:
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=204)


async def _announce(request: web.Request, status: int, headers: dict[str, str], size: int) -> web.StreamResponse:
    out = web.StreamResponse(status=status, headers=headers)
    out.content_length = size
    await out.prepare(request)
    await out.write(b" " * min(size, 64 * 1024))
    if request.transport is not None:
        request.transport.close()
    return out


async def _stream(request: web.Request, status: int, headers: dict[str, str], size: int) -> web.StreamResponse:
    out = web.StreamResponse(status=status, headers=headers)
    out.enable_chunked_encoding()
    await out.prepare(request)
    chunk = b" " * (256 * 1024)
    sent = 0
    try:
        while sent < size:
            await out.write(chunk)
            sent += len(chunk)
        await out.write_eof()
    except (ConnectionError, RuntimeError):
        pass  # the client stopped reading, as it should
    return out


async def _truncate(request: web.Request, status: int, headers: dict[str, str], payload: bytes) -> web.StreamResponse:
    out = web.StreamResponse(status=status, headers=headers)
    out.content_length = len(payload) + 64
    await out.prepare(request)
    await out.write(payload[: len(payload) // 2])
    if request.transport is not None:
        request.transport.close()
    return out
