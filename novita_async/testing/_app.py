"""Wiring: the two `aiohttp.web` applications and the middleware in front of every handler.

The API middleware does, in order: count the request, apply a scripted fault, answer unknown paths with
`API_NOT_FOUND`, check the key, apply rate limits, run the handler, and render `ApiError` in the shape of
the path's family (v3 error object, or the v2 envelope inside HTTP 200). It is on the hot path of the
polling benchmark, so the common case (no faults, no limits) is a handful of dict lookups.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Awaitable, Callable

from aiohttp import web

from ._faults import CURRENT_FAULT, Fault
from ._http import ApiError, json_response, v3_error_body
from ._routes_audio import AUDIO_TASK_ROUTES, AudioRoutes
from ._routes_edit import EditRoutes
from ._routes_images import ImageModelRoutes
from ._routes_models import ModelRoutes
from ._routes_storage import StorageRoutes, s3_error
from ._routes_training import TrainingRoutes
from ._routes_v2 import V2Routes
from ._routes_v3 import V3Routes
from ._routes_video import VIDEO_ROUTES
from ._runtime import CURRENT_CALLER, Runtime
from ._state import StorageRequest
from ._webhooks import WebhookSender

__all__ = ("build_api_app", "build_storage_app")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_BODY = 80 * 1024 * 1024
_REASONS = {
    400: "INVALID_REQUEST_BODY",
    401: "INVALID_API_KEY",
    403: "API_NOT_ALLOWED",
    404: "API_NOT_FOUND",
    429: "RATE_LIMIT_EXCEEDED",
    500: "INTERNAL",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "GATEWAY_TIMEOUT",
}


def _error_response(request: web.Request, err: ApiError, v2: bool) -> web.Response:
    if v2 and err.status < 500 and err.status != 429:
        return json_response(request, {"code": err.v2_code, "msg": err.message}, headers=err.headers)
    body = v3_error_body(err.status, err.reason, err.message, err.metadata)
    return json_response(request, body, status=err.status, headers=err.headers)


def _drop(request: web.Request) -> web.Response:
    """Close the connection without an answer; the client sees a disconnect."""
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=204)


def _fault_status(request: web.Request, fault: Fault, v2: bool, storage: bool) -> web.StreamResponse:
    headers = {} if fault.retry_after is None else {"Retry-After": f"{fault.retry_after:g}"}
    status = fault.status_code
    message = fault.message or f"emulated fault: HTTP {status}"
    if fault.body is not None:
        if isinstance(fault.body, (str, bytes)):
            return web.Response(
                status=status, body=fault.body, headers=headers, content_type="application/json"
            )
        return json_response(request, fault.body, status=status, headers=headers)
    if storage:
        resp = s3_error(status, "AccessDenied" if status == 403 else "InternalError", message, request.path)
        resp.headers.update(headers)
        return resp
    if v2 and status == 200:
        return json_response(request, {"code": fault.v2_code, "msg": message}, headers=headers)
    reason = _REASONS.get(status, "INTERNAL" if status >= 500 else "INVALID_REQUEST_BODY")
    return json_response(request, v3_error_body(status, reason, message), status=status, headers=headers)


async def _before(request: web.Request, fault: Fault, v2: bool, storage: bool) -> web.StreamResponse | None:
    """Faults that act before the handler; None lets the request through."""
    kind = fault.kind
    if kind == "status":
        return _fault_status(request, fault, v2, storage)
    if kind == "reset_before":
        return _drop(request)
    if kind == "malformed":
        return web.Response(status=200, body=b'{"task_id": "unterminated', content_type="application/json")
    if kind == "delay":
        await asyncio.sleep(fault.seconds)
    return None


async def _after(request: web.Request, fault: Fault, resp: web.StreamResponse) -> web.StreamResponse:
    """Faults that act on the handler's answer: drop it, or send it truncated."""
    if fault.kind == "reset_after":
        return _drop(request)
    if fault.kind == "delay_after":
        await asyncio.sleep(fault.seconds)
    if fault.kind == "truncate" and isinstance(resp, web.Response):
        raw = resp.body if isinstance(resp.body, bytes) else b""
        out = web.StreamResponse(status=resp.status)
        for name, value in resp.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding"):
                out.headers[name] = value
        out.content_length = len(raw) + 64
        await out.prepare(request)
        await out.write(raw[: len(raw) // 2])
        if request.transport is not None:
            request.transport.close()
        return out
    return resp


class _RateLimiter:
    """Sliding-window limits per family (last path segment) or per full path."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt
        self._limits = rt.config.rate_limits
        self._hits: dict[str, collections.deque[float]] = collections.defaultdict(collections.deque)

    def check(self, path: str) -> None:
        if not self._limits:
            return
        key = path if path in self._limits else path.rstrip("/").rpartition("/")[2]
        limit = self._limits.get(key)
        if limit is None:
            return
        max_requests, window = limit
        now = self._rt.clock()
        hits = self._hits[key]
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= max_requests:
            after = self._rt.config.retry_after
            headers = {} if after is None else {"Retry-After": f"{after:g}"}
            raise ApiError(429, "RATE_LIMIT_EXCEEDED", f"rate limit exceeded for {key}", headers=headers)
        hits.append(now)


def _api_key(request: web.Request, v2: bool) -> str | None:
    header = request.headers.get("Authorization")
    if header is not None:
        return header[7:].strip() if header[:7].lower() == "bearer " else header.strip()
    if v2:
        return request.query.get("key")
    return None


def build_api_app(rt: Runtime, webhooks: WebhookSender) -> web.Application:
    """The API host (`https://api.novita.ai`)."""
    state, faults = rt.state, rt.faults
    limiter = _RateLimiter(rt)

    async def dispatch(request: web.Request, handler: Handler, v2: bool) -> web.StreamResponse:
        if request.match_info.http_exception is not None:
            exc = request.match_info.http_exception
            reason = "API_NOT_FOUND" if exc.status == 404 else "METHOD_NOT_ALLOWED"
            raise ApiError(exc.status, reason, f"{request.method} {request.path} is not an API")
        key = _api_key(request, v2)
        if not key:
            raise ApiError(400, "MISSING_API_KEY", "missing API key", v2_code=4)
        if not rt.key_ok(key):
            raise ApiError(403, "INVALID_API_KEY", "invalid key", v2_code=4)
        limiter.check(request.path)
        caller = CURRENT_CALLER.set((key, request.path))
        try:
            return await handler(request)
        finally:
            CURRENT_CALLER.reset(caller)

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        path = request.path
        state.requests[(request.method, path)] += 1
        v2 = path.startswith("/v2/")
        fault = faults.take(request.method, path)
        if fault is not None:
            early = await _before(request, fault, v2, storage=False)
            if early is not None:
                return early
        token = CURRENT_FAULT.set(fault)
        try:
            resp = await dispatch(request, handler, v2)
        except ApiError as err:
            resp = _error_response(request, err, v2)
        finally:
            CURRENT_FAULT.reset(token)
        if fault is not None:
            resp = await _after(request, fault, resp)
        return resp

    app = web.Application(middlewares=[middleware], client_max_size=MAX_BODY)
    v3 = V3Routes(rt, webhooks)
    v3.register(app)
    v3.add_flat(app, VIDEO_ROUTES)
    v3.add_flat(app, AUDIO_TASK_ROUTES)
    AudioRoutes(rt).register(app)
    ImageModelRoutes(rt, webhooks).register(app)
    V2Routes(rt).register(app)
    EditRoutes(rt).register(app)
    ModelRoutes(rt).register(app)
    TrainingRoutes(rt).register(app)
    return app


def build_storage_app(rt: Runtime) -> web.Application:
    """The storage host (assets host + S3)."""
    state, faults = rt.state, rt.faults

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        has_auth = "Authorization" in request.headers
        state.storage_requests.append(StorageRequest(request.method, request.path, has_auth))
        if has_auth:
            state.storage_auth_headers_seen += 1
        fault = faults.take(request.method, request.path)
        if fault is not None:
            early = await _before(request, fault, v2=False, storage=True)
            if early is not None:
                return early
        if request.match_info.http_exception is not None:
            return s3_error(404, "NoSuchKey", "The specified key does not exist.", request.path)
        resp = await handler(request)
        if fault is not None:
            resp = await _after(request, fault, resp)
        return resp

    app = web.Application(middlewares=[middleware], client_max_size=MAX_BODY)
    StorageRoutes(rt).register(app)
    return app
