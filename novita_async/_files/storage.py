"""The one header-less aiohttp session for storage hosts: the assets host, pre-signed S3 URLs, result URLs.

These hosts must never see the API key, so they never share the API transport's session (which carries
`Authorization`). This session has no default header but the User-Agent, and it refuses to send an
`Authorization` header even if a caller passes one. Uploads (`uploads`) and downloads (`downloads`) both
go through it; a client owns one (opened on first use, closed by `NovitaClient.aclose()`), and a
standalone `Downloader` opens its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import aiohttp

from .._constants import USER_AGENT_PREFIX
from .._errors import ClientStateError
from .._transport import RawResponse, Timeout, body_payload, map_transport_errors, read_capped
from .._version import __version__

if TYPE_CHECKING:
    from .._client import NovitaClient

__all__ = ("StorageSession", "storage_session")


def _clean(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {k: v for k, v in (headers or {}).items() if k.lower() != "authorization"}


class StorageSession:
    """A lazily opened aiohttp session with no `Authorization` header, ever."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    def _open(self) -> aiohttp.ClientSession:
        if self._closed:
            raise ClientStateError("the storage session is closed (its client was closed)")
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers={"User-Agent": f"{USER_AGENT_PREFIX}/{__version__}", "Accept-Encoding": "gzip, deflate"},
                connector=aiohttp.TCPConnector(limit=0),
                auto_decompress=False,  # bodies are read through `_transport`'s capped reader, which inflates
            )
        return self._session

    async def put(
        self, url: str, data: bytes, *, headers: Mapping[str, str], timeout: Timeout
    ) -> RawResponse:
        """One PUT of `data` to `url`; connection failures are mapped, statuses are returned as is."""
        path = urlsplit(url).path or "/"
        with map_transport_errors("PUT", path):
            async with self._open().put(
                url, data=body_payload(data), headers=_clean(headers), timeout=timeout.to_aiohttp()
            ) as resp:
                body = await read_capped(resp, method="PUT", path=path)
                return RawResponse(resp.status, dict(resp.headers), body)

    @asynccontextmanager
    async def get(self, url: str, *, timeout: aiohttp.ClientTimeout) -> AsyncIterator[aiohttp.ClientResponse]:
        """A streamed GET of `url`; read the body with `_transport.iter_capped` (it is not decompressed)."""
        async with self._open().get(url, timeout=timeout, allow_redirects=True) as resp:
            yield resp

    async def aclose(self) -> None:
        self._closed = True
        session, self._session = self._session, None
        if session is not None:
            await session.close()


def storage_session(client: NovitaClient) -> StorageSession:
    """The client's storage session, created on first use (and closed with the client)."""
    if client._storage_session is None:
        client._storage_session = StorageSession()
    return client._storage_session
