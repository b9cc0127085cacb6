"""Downloads against a hostile storage host: caps on declared, received and decompressed bytes, typed errors.

A small aiohttp.web server on loopback plays the storage host: it lies about sizes, streams without end,
serves a gzip bomb, answers HTML with 200, and serves media as octet-stream or audio.
"""

from __future__ import annotations

import tracemalloc
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from novita_async import DownloadError
from novita_async._files import Downloader, DownloadTooLargeError
from novita_async.testing import LoopMonitor
from novita_async.testing._media import png

pytestmark = pytest.mark.timeout(30)
CAP = 1024 * 1024
PNG = png(16, 16)


def _gzip_bomb(size: int = 256 * 1024 * 1024) -> bytes:
    """`size` zero bytes, gzipped (about a thousandth of that on the wire)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join([*parts, packer.flush()])


BOMB = _gzip_bomb()


async def _declared(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "image/png", "Content-Length": str(50 * CAP)})
    await response.prepare(request)
    await response.write(PNG)
    return response


async def _endless(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "image/png"})
    await response.prepare(request)
    await response.write(PNG)
    block = bytes(64 * 1024)
    for _ in range(10_000):  # 640 MB if nobody stops reading
        await response.write(block)
    return response


async def _bomb(request: web.Request) -> web.Response:
    return web.Response(body=BOMB, headers={"Content-Type": "image/png", "Content-Encoding": "gzip"})


async def _html(request: web.Request) -> web.Response:
    return web.Response(text="<html>AccessDenied</html>", content_type="text/html")


async def _octet_png(request: web.Request) -> web.Response:
    return web.Response(body=PNG, content_type="application/octet-stream")


async def _octet_text(request: web.Request) -> web.Response:
    return web.Response(body=b"just some text, not media", content_type="application/octet-stream")


async def _audio(request: web.Request) -> web.Response:
    return web.Response(body=b"ID3\x04" + bytes(500), content_type="audio/mpeg")


async def _small_gzip(request: web.Request) -> web.Response:
    return web.Response(body=_gz(PNG),
                        headers={"Content-Type": "image/png", "Content-Encoding": "gzip"})


def _gz(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


@pytest.fixture
async def host() -> AsyncIterator[str]:
    app = web.Application()
    for path, handler in (("/declared", _declared), ("/endless", _endless), ("/bomb", _bomb), ("/html", _html),
                          ("/octet-png", _octet_png), ("/octet-text", _octet_text), ("/audio", _audio),
                          ("/small-gzip", _small_gzip)):
        app.router.add_get(path, handler)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def _no_files(root: Path) -> None:
    assert not [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize("path", ["/declared", "/endless"])
async def test_oversized_bodies_are_cut_at_the_cap(host: str, path: str, tmp_path: Path) -> None:
    async with Downloader(max_bytes=CAP) as downloader:
        with pytest.raises(DownloadTooLargeError, match="cap|more than"):
            await downloader.download(host + path, tmp_path, "0")
    _no_files(tmp_path)


async def test_a_gzip_bomb_costs_at_most_the_cap(host: str, tmp_path: Path) -> None:
    # Loop health and memory are measured in two downloads: tracemalloc multiplies the CPU cost of every
    # allocation (a 10 ms callback takes 50+ ms under it). The loop is held to CPU time per callback (GC
    # excluded), not wall time: on a loaded machine the loop is preempted for 50 ms+ by other processes.
    async with LoopMonitor(slow_callback=0.05) as monitor, Downloader(max_bytes=CAP) as downloader:
        with pytest.raises(DownloadTooLargeError, match="decompress|more than"):
            await downloader.download(host + "/bomb", tmp_path, "0")
    assert not monitor.busy_callbacks, monitor.busy_callbacks
    tracemalloc.start()
    try:
        async with Downloader(max_bytes=CAP) as downloader:
            with pytest.raises(DownloadTooLargeError, match="decompress|more than"):
                await downloader.download(host + "/bomb", tmp_path, "0")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 * CAP, f"peak {peak / CAP:.0f} MiB for a {len(BOMB) // 1024} KiB bomb"
    _no_files(tmp_path)


async def test_content_types_and_extensions(host: str, tmp_path: Path) -> None:
    async with Downloader(max_bytes=CAP) as downloader:
        with pytest.raises(DownloadError, match="content type"):
            await downloader.download(host + "/html", tmp_path, "html")
        with pytest.raises(DownloadError, match="not media"):
            await downloader.download(host + "/octet-text", tmp_path, "text")
        assert (await downloader.download(host + "/octet-png", tmp_path, "a")).name == "a.png"
        assert (await downloader.download(host + "/audio", tmp_path, "b")).name == "b.mp3"
        small = await downloader.download(host + "/small-gzip", tmp_path, "c")
    assert small.name == "c.png" and small.read_bytes() == PNG
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "b.mp3", "c.png"]  # noqa: ASYNC240
