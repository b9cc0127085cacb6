"""Downloading outputs (pre-signed storage URLs) to disk, safely.

Why each rule:
* The header-less `StorageSession`: result URLs point at a storage host (S3), which must never see the
  API key.
* File names come from the caller (the batch item id and the output index), never from the server: a
  server-provided name could contain `../`. The extension comes from an allow-list.
* Content-Type must be image/*, video/* or audio/* (or an octet-stream whose first bytes are media), and
  two caps apply, each a typed `DownloadTooLargeError`: the bytes on the wire and the bytes after
  decompression (a 300 KB gzip bomb must not become gigabytes in memory or on disk). The body is read
  through the transport's one capped reader (`_transport.iter_capped`, which also inflates gzip in bounded
  steps), the same rule as for API answers, never read whole.
* Bytes go to a temp file in the target directory, then `os.replace` (`atomic`): a reader (or a crash)
  never sees half a file under the final name. File I/O runs in worker threads, off the event loop.
* Pre-signed URLs expire (`X-Amz-Expires`, reference §3.2): a 403 triggers `refresh()` (which re-reads
  the task result for fresh URLs) and a retry. Transient failures are retried with jittered backoff.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import aiohttp
import anyio
import anyio.to_thread

from .._constants import DOWNLOAD_MAX_BYTES, DOWNLOAD_TIMEOUT
from .._errors import APIResponseValidationError, NovitaError, ResponseTooLargeError
from .._transport import iter_capped
from .atomic import open_temp, unlink_quietly
from .inputs import sniff_extension
from .storage import StorageSession

__all__ = (
    "ALLOWED_EXTENSIONS",
    "DownloadError",
    "DownloadStats",
    "DownloadTooLargeError",
    "Downloader",
    "choose_extension",
    "extension_for",
    "safe_name",
)

logger = logging.getLogger("novita_async")

ALLOWED_EXTENSIONS = frozenset(
    {"png", "jpeg", "jpg", "webp", "gif", "mp4", "webm", "mov", "mp3", "wav", "flac", "ogg", "m4a", "aac", "pcm"}
)
_BY_CONTENT_TYPE = {
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/jpg": "jpeg",
    "image/webp": "webp",
    "image/gif": "gif",
    "video/mp4": "mp4",
    "video/webm": "webm",
    "video/quicktime": "mov",
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/wave": "wav",
    "audio/flac": "flac",
    "audio/ogg": "ogg",
    "audio/mp4": "m4a",
    "audio/aac": "aac",
    "audio/pcm": "pcm",
}
_MEDIA_TYPES = ("image/", "video/", "audio/")
_OCTET_TYPES = ("application/octet-stream", "binary/octet-stream", "")


class DownloadError(NovitaError):
    """An output file could not be downloaded (after retries and URL refreshes)."""


class DownloadTooLargeError(DownloadError):
    """An answer exceeded a size cap: its bytes on the wire or after decompression."""


class _Transient(Exception):
    pass


class _Expired(Exception):
    pass


@dataclass
class DownloadStats:
    files: int = 0
    bytes: int = 0
    retries: int = 0
    refreshes: int = 0
    in_flight: int = 0
    peak_in_flight: int = 0


def extension_for(content_type: str) -> str | None:
    """The allow-listed extension of a media content type (`audio/mpeg` -> `mp3`), else None."""
    return _BY_CONTENT_TYPE.get(content_type.split(";")[0].strip().lower())


def choose_extension(hint: str | None, content_type: str, head: bytes = b"") -> str:
    """The file extension: the server's type hint if allowed, else from the content type or magic bytes."""
    if hint:
        hint = hint.lower().lstrip(".")
        if hint in ALLOWED_EXTENSIONS:
            return hint
    by_type = extension_for(content_type)
    if by_type:
        return by_type
    sniffed = sniff_extension(head) if head else None
    return sniffed if sniffed in ALLOWED_EXTENSIONS else "bin"


async def _body(resp: aiohttp.ClientResponse, stem: str, limit: int) -> AsyncGenerator[bytes, None]:
    """The body through the transport's capped reader (`limit` on the wire and inflated), as download errors."""
    path = urlsplit(str(resp.url)).path or "/"
    try:
        async for chunk in iter_capped(resp, method="GET", path=path, limit=limit, decompressed_limit=limit):
            yield chunk
    except ResponseTooLargeError as exc:
        raise DownloadTooLargeError(f"{stem}: {str(exc).partition('): ')[2] or exc}") from None
    except APIResponseValidationError as exc:
        raise DownloadError(f"{stem}: {str(exc).partition('): ')[2] or exc}") from None


class Downloader:
    """Streams URLs to files with at most `max_concurrency` downloads at once. Use `async with`.

    Pass `session=` to borrow a client's storage session (the batch does); otherwise the downloader opens
    its own header-less one and closes it on exit.
    """

    def __init__(
        self,
        *,
        max_concurrency: int = 8,
        max_bytes: int = DOWNLOAD_MAX_BYTES,
        chunk_size: int = 256 * 1024,
        max_attempts: int = 5,
        max_refreshes: int = 3,
        timeout: float = DOWNLOAD_TIMEOUT,
        session: StorageSession | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.chunk_size = chunk_size
        self.max_attempts = max_attempts
        self.max_refreshes = max_refreshes
        self.stats = DownloadStats()
        self._limit = anyio.Semaphore(max_concurrency)
        self._timeout = aiohttp.ClientTimeout(total=timeout, sock_connect=10.0)
        self._borrowed = session
        self._session: StorageSession | None = None

    async def __aenter__(self) -> Downloader:
        self._session = self._borrowed or StorageSession()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        session, self._session = self._session, None
        if session is not None and session is not self._borrowed:
            await session.aclose()

    async def download(
        self,
        url: str,
        directory: Path,
        stem: str,
        ext_hint: str | None = None,
        *,
        refresh: Callable[[], Awaitable[str]] | None = None,
    ) -> Path:
        """Download `url` to `directory/stem.<ext>` atomically; returns the final path.

        `refresh()` returns a fresh URL for the same file (called when the URL has expired).
        """
        if self._session is None:
            raise RuntimeError("use the Downloader inside `async with`")
        attempt = refreshes = 0
        async with self._limit:
            self.stats.in_flight += 1
            self.stats.peak_in_flight = max(self.stats.peak_in_flight, self.stats.in_flight)
            try:
                while True:
                    try:
                        return await self._fetch(url, directory, stem, ext_hint)
                    except _Expired as exc:
                        if refresh is None or refreshes >= self.max_refreshes:
                            raise DownloadError(f"{stem}: result URL refused (expired?): {exc}") from None
                        refreshes += 1
                        self.stats.refreshes += 1
                        logger.debug("download of %s refused (%s); refreshing the URL", stem, exc)
                        url = await refresh()
                    except (_Transient, aiohttp.ClientError, TimeoutError) as exc:
                        attempt += 1
                        if attempt >= self.max_attempts:
                            raise DownloadError(f"{stem}: {type(exc).__name__}: {exc}") from None
                        self.stats.retries += 1
                        delay = random.random() * min(5.0, 0.2 * 2**attempt)
                        logger.debug("download of %s failed (%s); retry in %.2fs", stem, exc, delay)
                        await anyio.sleep(delay)
            finally:
                self.stats.in_flight -= 1

    async def _fetch(self, url: str, directory: Path, stem: str, ext_hint: str | None) -> Path:
        assert self._session is not None
        async with self._session.get(url, timeout=self._timeout) as resp:
            if resp.status == 403:
                raise _Expired(f"HTTP 403 at {time.strftime('%H:%M:%S')}")
            if resp.status >= 500 or resp.status in (408, 425, 429):
                raise _Transient(f"HTTP {resp.status}")
            if resp.status != 200:
                raise DownloadError(f"{stem}: HTTP {resp.status}")
            ctype = (resp.content_type or "").lower()
            octet = ctype in _OCTET_TYPES
            if not (ctype.startswith(_MEDIA_TYPES) or octet):
                raise DownloadError(f"{stem}: refusing content type {ctype!r} (expected image, video or audio)")
            async with aclosing(_body(resp, stem, self.max_bytes)) as chunks:
                first = await anext(chunks, b"")
                if octet and sniff_extension(first) not in ALLOWED_EXTENSIONS:
                    raise DownloadError(f"{stem}: refusing {ctype or 'untyped'} content that is not media")
                final = directory / f"{stem}.{choose_extension(ext_hint, ctype, first)}"
                fd, tmp = await anyio.to_thread.run_sync(open_temp, final)
                total = len(first)
                try:
                    async with anyio.wrap_file(os.fdopen(fd, "wb")) as out:
                        await out.write(first)
                        async for chunk in chunks:
                            total += len(chunk)
                            await out.write(chunk)
                    await anyio.to_thread.run_sync(os.replace, tmp, final)
                except BaseException:
                    await anyio.to_thread.run_sync(unlink_quietly, tmp)
                    raise
        self.stats.files += 1
        self.stats.bytes += total
        return final


_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def safe_name(key: str) -> str:
    """A directory name for a caller's key: the key itself when harmless, else a sanitized, hashed form.

    Two different keys never map to the same name (the hash suffix), and the result can never be `.`,
    `..`, hidden, absolute or contain a separator.
    """
    if 0 < len(key) <= 100 and set(key) <= _SAFE and key[0] not in ".-":
        return key
    cleaned = "".join(c if c in _SAFE else "_" for c in key)[:60].lstrip(".-") or "item"
    return f"{cleaned}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
