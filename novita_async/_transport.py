"""The one seam between novita_async and the network.

Everything that touches aiohttp for API calls lives here, and every aiohttp, socket and timeout exception
becomes one of ours in `transport_error`. The mapping decides one fact the retry policy depends on:
`sent`, whether the request may have reached the server. Only a failure to *connect* proves it did not;
a reset, a truncated answer or a read timeout leaves a paid submit's outcome unknown.

Three promises are kept here, once, for every API answer:

* **Bounded answers.** Every body is read through `_capped` (re-exported here): a `Content-Length` over
  the cap is refused before reading, a streamed body stops at the cap, gzip/deflate is inflated in bounded
  steps, so a compression bomb costs at most the cap and never blocks the loop. Downloads reuse `iter_capped`.
* **The key stays out of tracebacks.** It lives in an `APIKey` (`_security`, redacted repr) and reaches
  aiohttp only as a `RedactedHeader` (in the per-request headers), so no frame local, not even in
  aiohttp's own frames, renders it; aiohttp exceptions are not chained to ours (`transport_error`).
"""

from __future__ import annotations

import asyncio
import functools
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import aiohttp

from ._capped import iter_capped, read_capped, read_error_body
from ._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_CONNECTIONS_PER_HOST,
    DEFAULT_READ_TIMEOUT,
    DEFAULT_TOTAL_TIMEOUT,
    KEEPALIVE_TIMEOUT,
)
from ._errors import APIConnectionError, APITimeoutError
from ._security import APIKey

__all__ = (
    "AiohttpTransport",
    "RawResponse",
    "StreamingResponse",
    "Timeout",
    "Transport",
    "body_payload",
    "iter_capped",
    "map_transport_errors",
    "read_capped",
    "read_error_body",
    "transport_error",
)

Params = Mapping[str, str]

# Bodies above this are handed to aiohttp as a stream, written in 64 KiB steps that respect the socket's
# flow control; as one `bytes` object, aiohttp copies them whole on the event loop (and warns in debug mode).
_STREAM_BODY_ABOVE = 1024 * 1024


def body_payload(body: bytes | None) -> bytes | io.BytesIO | None:
    """What to pass as aiohttp's `data=` for `body`: large bodies as a fresh stream (one per attempt)."""
    if body is not None and len(body) > _STREAM_BODY_ABOVE:
        return io.BytesIO(body)
    return body


def _skip_headers(method: str, body: bytes | None) -> tuple[str, ...] | None:
    """A POST/PUT/PATCH without a body is sent without aiohttp's default `Content-Type` (octet-stream).

    Per request, not on the session: skipping costs aiohttp a header copy on every request, and the
    others carry their own `Content-Type` (a body) or get none (GET, DELETE).
    """
    return _NO_CONTENT_TYPE if body is None and method in _BODY_METHODS else None


_NO_CONTENT_TYPE = ("Content-Type",)
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


@dataclass(frozen=True)
class Timeout:
    """Seconds allowed for connecting, for each read of the answer, and for the whole request."""

    connect: float | None = DEFAULT_CONNECT_TIMEOUT
    read: float | None = DEFAULT_READ_TIMEOUT
    total: float | None = DEFAULT_TOTAL_TIMEOUT

    @classmethod
    def coerce(cls, value: Timeout | float | None) -> Timeout:
        """A bare number means "this many seconds in total"."""
        if isinstance(value, Timeout):
            return value
        if value is None:
            return cls(connect=None, read=None, total=None)
        return cls(connect=min(DEFAULT_CONNECT_TIMEOUT, value), read=value, total=value)

    def to_aiohttp(self) -> aiohttp.ClientTimeout:
        return _aiohttp_timeout(self.total, self.connect, self.read)


@functools.lru_cache(maxsize=64)
def _aiohttp_timeout(total: float | None, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    """One `ClientTimeout` per distinct setting (it is immutable; building one per request costs CPU)."""
    return aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)


@dataclass(frozen=True, slots=True)
class RawResponse:
    status: int
    headers: Mapping[str, str]
    body: bytes


class StreamingResponse:
    """An answer whose body is read as it arrives (server-sent events); `close()` releases the connection.

    Reads map aiohttp errors like `send` does. `close()` is synchronous (aiohttp's is), so a stream that
    is dropped without being closed can still release its connection from `__del__`.
    """

    def __init__(self, response: aiohttp.ClientResponse, method: str, path: str) -> None:
        self._response = response
        self.method = method
        self.path = path
        self.status = response.status
        self.headers: Mapping[str, str] = response.headers

    async def read_chunk(self) -> bytes:
        """The next bytes of the body as they arrive; `b""` at its end."""
        with map_transport_errors(self.method, self.path):
            return await self._response.content.readany()

    async def read_at_most(self, limit: int) -> bytes:
        """Up to `limit` bytes of the body (for error answers), then the rest is left unread."""
        with map_transport_errors(self.method, self.path):
            return await self._response.content.read(limit)

    @property
    def closed(self) -> bool:
        return self._response.closed

    def close(self) -> None:
        self._response.close()


class Transport(Protocol):
    """What the session layer needs from the network: one request in, status, headers and body out."""

    async def send(
        self, method: str, path: str, *, params: Params | None, body: bytes | None, timeout: Timeout
    ) -> RawResponse: ...

    async def aclose(self) -> None: ...


# --- errors ----------------------------------------------------------------------------------------------


def transport_error(exc: BaseException, method: str, path: str) -> APIConnectionError | None:
    """Our error for an aiohttp/socket/timeout failure, with an honest `sent` flag; None if not one.

    The caller raises it *outside* its `except` block, so aiohttp's exception (whose frames hold the
    request headers) is not chained to ours; its type and message are kept in our message.
    """
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return APITimeoutError(f"timed out connecting: {exc}", method=method, path=path, sent=False)
    if isinstance(exc, aiohttp.ClientConnectorError):  # refused, DNS, TLS handshake: nothing was sent
        return APIConnectionError(f"cannot connect: {exc.os_error or exc}", method=method, path=path, sent=False)
    if isinstance(exc, aiohttp.InvalidURL):
        return APIConnectionError(f"invalid URL: {exc}", method=method, path=path, sent=False)
    if isinstance(exc, (aiohttp.SocketTimeoutError, asyncio.TimeoutError)):
        return APITimeoutError("timed out waiting for the answer", method=method, path=path, sent=True)
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return APIConnectionError(
            "server closed the connection without answering", method=method, path=path, sent=True
        )
    if isinstance(exc, aiohttp.ClientPayloadError):
        return APIConnectionError(f"truncated answer: {exc}", method=method, path=path, sent=True)
    if isinstance(exc, (aiohttp.ClientError, OSError)):
        return APIConnectionError(
            f"connection failed: {type(exc).__name__}: {exc}", method=method, path=path, sent=True
        )
    return None


@contextmanager
def map_transport_errors(method: str, path: str) -> Iterator[None]:
    """`transport_error` as a context manager, for sessions that carry no key (storage, downloads)."""
    try:
        yield
    except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
        error = transport_error(exc, method, path)
        if error is None:  # pragma: no cover - every caught type maps
            raise
        raise error from None


# --- the aiohttp transport -------------------------------------------------------------------------------


class AiohttpTransport:
    """The aiohttp implementation: one `ClientSession` with keep-alive, gzip and a sized connector.

    The `Authorization` header is attached per request to API URLs only; the session is never used for
    downloads or uploads to other hosts (those get their own header-less session, see `_files`).
    """

    def __init__(
        self,
        base_url: str,
        *,
        headers: Mapping[str, str],
        api_key: APIKey | None = None,
        connections: int = DEFAULT_CONNECTIONS_PER_HOST,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = {"Accept-Encoding": "gzip, deflate", **headers}
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None
        # Built once (every request sends one of them); aiohttp copies them, never mutates them.
        self._get_headers: dict[str, str] = {}
        if api_key is not None:
            self._get_headers["Authorization"] = api_key.authorization()
        self._body_headers = {**self._get_headers, "Content-Type": "application/json"}

    def __repr__(self) -> str:
        return f"AiohttpTransport(base_url={self.base_url!r})"

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=self._connections,
            limit_per_host=self._connections,
            keepalive_timeout=KEEPALIVE_TIMEOUT,
            ttl_dns_cache=300,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers=self._headers,
            auto_decompress=False,  # read_capped inflates, within the caps
        )
        return self._session

    def _request_headers(self, body: bytes | None) -> dict[str, str]:
        """The per-request headers (the key's `RedactedHeader`, a JSON body's type): shared, do not mutate."""
        return self._get_headers if body is None else self._body_headers


    async def send(
        self, method: str, path: str, *, params: Params | None, body: bytes | None, timeout: Timeout
    ) -> RawResponse:
        session = self._session or self._open()
        try:
            async with session.request(
                method,
                self.base_url + path,
                params=params,
                data=body_payload(body),
                headers=self._request_headers(body),
                skip_auto_headers=_skip_headers(method, body),
                timeout=timeout.to_aiohttp(),
                allow_redirects=False,
            ) as response:
                if response.status >= 400:
                    payload = await read_error_body(response, method=method, path=path)
                else:
                    payload = await read_capped(response, method=method, path=path)
                return RawResponse(response.status, response.headers, payload)
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            error = transport_error(exc, method, path)
            if error is None:  # pragma: no cover - every caught type maps
                raise
        raise error  # outside the `except`: aiohttp's exception (and its frames) is not chained

    async def open_stream(
        self, method: str, path: str, *, body: bytes | None, timeout: Timeout
    ) -> StreamingResponse:
        """Send a request and return as soon as the status and headers are in; the body is read later.

        The stream is asked uncompressed (`Accept-Encoding: identity`): this session does not inflate,
        and a server-sent event stream gains nothing from gzip.
        """
        session = self._session or self._open()
        headers = {**self._request_headers(body), "Accept": "text/event-stream, application/json"}
        headers["Accept-Encoding"] = "identity"
        try:
            response = await session.request(
                method,
                self.base_url + path,
                data=body,
                headers=headers,
                skip_auto_headers=_skip_headers(method, body),
                timeout=timeout.to_aiohttp(),
                allow_redirects=False,
            )
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            error = transport_error(exc, method, path)
            if error is None:  # pragma: no cover - every caught type maps
                raise
        else:
            return StreamingResponse(response, method, path)
        raise error  # outside the `except`, as in `send`

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
