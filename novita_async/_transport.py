"""The one seam between novita_async and the network.

Everything that touches aiohttp for API calls lives here, and every aiohttp, socket and timeout exception
becomes one of ours inside `map_transport_errors`. The mapping decides one fact the retry policy depends
on: `sent`, whether the request may have reached the server. Only a failure to *connect* proves it did
not; a reset, a truncated answer or a read timeout leaves a paid submit's outcome unknown.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import aiohttp

from ._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_CONNECTIONS_PER_HOST,
    DEFAULT_READ_TIMEOUT,
    DEFAULT_TOTAL_TIMEOUT,
    KEEPALIVE_TIMEOUT,
)
from ._errors import APIConnectionError, APITimeoutError

__all__ = (
    "AiohttpTransport",
    "RawResponse",
    "StreamingResponse",
    "Timeout",
    "Transport",
    "body_payload",
    "map_transport_errors",
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
        return aiohttp.ClientTimeout(total=self.total, sock_connect=self.connect, sock_read=self.read)


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


@contextmanager
def map_transport_errors(method: str, path: str) -> Iterator[None]:
    """Turn aiohttp/socket/timeout failures into `APIConnectionError` with an honest `sent` flag."""
    try:
        yield
    except aiohttp.ConnectionTimeoutError as exc:
        raise APITimeoutError(f"timed out connecting: {exc}", method=method, path=path, sent=False) from exc
    except aiohttp.ClientConnectorError as exc:  # refused, DNS, TLS handshake: nothing was sent
        raise APIConnectionError(
            f"cannot connect: {exc.os_error or exc}", method=method, path=path, sent=False
        ) from exc
    except aiohttp.InvalidURL as exc:
        raise APIConnectionError(f"invalid URL: {exc}", method=method, path=path, sent=False) from exc
    except (aiohttp.SocketTimeoutError, asyncio.TimeoutError) as exc:
        raise APITimeoutError("timed out waiting for the answer", method=method, path=path, sent=True) from exc
    except aiohttp.ServerDisconnectedError as exc:
        raise APIConnectionError(
            "server closed the connection without answering", method=method, path=path, sent=True
        ) from exc
    except aiohttp.ClientPayloadError as exc:
        raise APIConnectionError(f"truncated answer: {exc}", method=method, path=path, sent=True) from exc
    except (aiohttp.ClientError, OSError) as exc:
        raise APIConnectionError(
            f"connection failed: {type(exc).__name__}: {exc}", method=method, path=path, sent=True
        ) from exc


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
        connections: int = DEFAULT_CONNECTIONS_PER_HOST,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = dict(headers)
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None

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
            auto_decompress=True,
            skip_auto_headers=("Content-Type",),
        )
        return self._session

    async def send(
        self, method: str, path: str, *, params: Params | None, body: bytes | None, timeout: Timeout
    ) -> RawResponse:
        session = self._session or self._open()
        headers = {"Content-Type": "application/json"} if body is not None else None
        with map_transport_errors(method, path):
            async with session.request(
                method,
                self.base_url + path,
                params=params,
                data=body_payload(body),
                headers=headers,
                timeout=timeout.to_aiohttp(),
                allow_redirects=False,
            ) as response:
                payload = await response.read()
                return RawResponse(response.status, response.headers, payload)

    async def open_stream(
        self, method: str, path: str, *, body: bytes | None, timeout: Timeout
    ) -> StreamingResponse:
        """Send a request and return as soon as the status and headers are in; the body is read later."""
        session = self._session or self._open()
        headers = {"Content-Type": "application/json", "Accept": "text/event-stream, application/json"}
        with map_transport_errors(method, path):
            response = await session.request(
                method,
                self.base_url + path,
                data=body,
                headers=headers,
                timeout=timeout.to_aiohttp(),
                allow_redirects=False,
            )
        return StreamingResponse(response, method, path)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
