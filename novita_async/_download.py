"""Downloading task outputs (pre-signed storage URLs) to disk, safely.

Why each rule:
* A separate aiohttp session with no `Authorization` header: result URLs point at a storage host (S3),
  which must never see the API key.
* File names come from the caller (the batch item id and the output index), never from the server: a
  server-provided name could contain `../`. The extension comes from an allow-list.
* Content-Type must be image/* or video/*, and a size cap applies: an error page or a runaway stream
  must not end up saved as an image.
* Bytes go to a temp file in the target directory, then `os.replace`: a reader (or a crash) never sees
  half a file under the final name. File I/O runs in worker threads, off the event loop.
* Pre-signed URLs expire (`X-Amz-Expires`, reference §3.2): a 403 triggers `refresh()` (which re-reads
  the task result for fresh URLs) and a retry. Transient failures are retried with jittered backoff.
"""

from __future__ import annotations

import logging
import os
import random
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import aiohttp
import anyio
import anyio.to_thread

from ._constants import DOWNLOAD_TIMEOUT, USER_AGENT_PREFIX
from ._errors import NovitaError
from ._version import __version__

__all__ = ("ALLOWED_EXTENSIONS", "DownloadError", "DownloadStats", "Downloader", "choose_extension", "safe_name")

logger = logging.getLogger("novita_async")

ALLOWED_EXTENSIONS = frozenset({"png", "jpeg", "jpg", "webp", "gif", "mp4", "webm", "mov"})
_BY_CONTENT_TYPE = {
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/jpg": "jpeg",
    "image/webp": "webp",
    "image/gif": "gif",
    "video/mp4": "mp4",
    "video/webm": "webm",
    "video/quicktime": "mov",
}
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


class DownloadError(NovitaError):
    """An output file could not be downloaded (after retries and URL refreshes)."""


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


def choose_extension(hint: str | None, content_type: str) -> str:
    """The file extension: the server's type hint if allowed, else from the content type, else `bin`."""
    if hint:
        hint = hint.lower().lstrip(".")
        if hint in ALLOWED_EXTENSIONS:
            return hint
    return _BY_CONTENT_TYPE.get(content_type.lower(), "bin")


class Downloader:
    """Streams URLs to files with at most `max_concurrency` downloads at once. Use `async with`."""

    def __init__(
        self,
        *,
        max_concurrency: int = 8,
        max_bytes: int = DEFAULT_MAX_BYTES,
        chunk_size: int = 256 * 1024,
        max_attempts: int = 5,
        max_refreshes: int = 3,
        timeout: float = DOWNLOAD_TIMEOUT,
    ) -> None:
        self.max_bytes = max_bytes
        self.chunk_size = chunk_size
        self.max_attempts = max_attempts
        self.max_refreshes = max_refreshes
        self.stats = DownloadStats()
        self._limit = anyio.Semaphore(max_concurrency)
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Downloader:
        # Deliberately no Authorization header: this session talks to storage hosts only.
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self._timeout, sock_connect=10.0),
            headers={"User-Agent": f"{USER_AGENT_PREFIX}/{__version__}"},
            connector=aiohttp.TCPConnector(limit=0),
        )
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()

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
        async with self._session.get(url) as resp:
            if resp.status == 403:
                raise _Expired(f"HTTP 403 at {time.strftime('%H:%M:%S')}")
            if resp.status >= 500 or resp.status in (408, 425, 429):
                raise _Transient(f"HTTP {resp.status}")
            if resp.status != 200:
                raise DownloadError(f"{stem}: HTTP {resp.status}")
            ctype = resp.content_type or ""
            if not ctype.startswith(("image/", "video/")):
                raise DownloadError(f"{stem}: refusing content type {ctype!r} (expected image/* or video/*)")
            if resp.content_length is not None and resp.content_length > self.max_bytes:
                raise DownloadError(f"{stem}: {resp.content_length} bytes exceeds the {self.max_bytes} cap")
            final = directory / f"{stem}.{choose_extension(ext_hint, ctype)}"
            await anyio.Path(directory).mkdir(parents=True, exist_ok=True)
            tmp = directory / f".{final.name}.{secrets.token_hex(4)}.part"
            try:
                total = 0
                async with await anyio.open_file(tmp, "wb") as out:
                    async for chunk in resp.content.iter_chunked(self.chunk_size):
                        total += len(chunk)
                        if total > self.max_bytes:
                            raise DownloadError(f"{stem}: more than {self.max_bytes} bytes")
                        await out.write(chunk)
                await anyio.to_thread.run_sync(os.replace, tmp, final)
            except BaseException:
                await anyio.to_thread.run_sync(_unlink_quietly, tmp)
                raise
        self.stats.files += 1
        self.stats.bytes += total
        return final


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def safe_name(key: str) -> str:
    """A directory name for a caller's key: the key itself when harmless, else a sanitized, hashed form.

    Two different keys never map to the same name (the hash suffix), and the result can never be `.`,
    `..`, hidden, absolute or contain a separator.
    """
    if 0 < len(key) <= 100 and set(key) <= _SAFE and key[0] not in ".-":
        return key
    import hashlib

    cleaned = "".join(c if c in _SAFE else "_" for c in key)[:60].lstrip(".-") or "item"
    return f"{cleaned}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
