"""Downloads: atomic files named by id, no API key on storage, expired URLs refreshed, bad answers refused."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest
from _batch_helpers import emulated, items
from aiohttp import web

from novita_async._files.downloads import Downloader, DownloadError, choose_extension, safe_name
from novita_async._files.outputs import refresher
from novita_async.testing import Fault

pytestmark = pytest.mark.timeout(30)


async def test_files_land_under_the_id_atomically_without_the_key(tmp_path: Path) -> None:
    async with emulated() as (server, client):
        server.faults.add("/files/*", Fault.http(503), times=2)  # transient: retried
        outcomes = [o async for o in client.batch(items(4, image_num=2), out_dir=tmp_path)]
        assert server.state.storage_auth_headers_seen == 0
        assert len(server.state.storage_requests) >= 8
    for o in outcomes:
        assert o.ok and o.files == (f"{o.id}/0.png", f"{o.id}/1.png")
    _check_tree(tmp_path, [f for o in outcomes for f in o.files])


def _check_tree(root: Path, files: list[str]) -> None:
    for rel in files:
        assert (root / rel).read_bytes().startswith(b"\x89PNG")
    assert not list(root.rglob("*.part"))


async def test_expired_url_is_refreshed_from_the_task(tmp_path: Path) -> None:
    async with emulated(image_url_ttl=1) as (server, client):
        task = await client.images.txt2img(**items(1)[0]["request"])
        result = await task
        await anyio.sleep(2.2)  # the URL in `result` is now expired
        # The refreshed URL must outlive the download, which a loaded machine can stretch past 1 s.
        server.state.tasks[task.task_id].url_ttl = 60
        async with Downloader() as downloader:
            path = await downloader.download(
                result.images[0].image_url, tmp_path, "0", "png", refresh=refresher(client, task.task_id, "v3", 0)
            )
        assert downloader.stats.refreshes == 1
        assert path == tmp_path / "0.png" and path.read_bytes().startswith(b"\x89PNG")
        assert server.state.storage_auth_headers_seen == 0


async def test_non_media_and_oversized_answers_are_refused(tmp_path: Path) -> None:
    async def html(request: web.Request) -> web.Response:
        return web.Response(text="<html>nope</html>", content_type="text/html")

    async def big(request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 5000, content_type="image/png")

    app = web.Application()
    app.router.add_get("/html", html)
    app.router.add_get("/big", big)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with Downloader(max_bytes=1000) as downloader:
            with pytest.raises(DownloadError, match="content type"):
                await downloader.download(f"http://127.0.0.1:{port}/html", tmp_path, "0")
            with pytest.raises(DownloadError, match="cap|more than"):
                await downloader.download(f"http://127.0.0.1:{port}/big", tmp_path, "1")
    finally:
        await runner.cleanup()
    _check_tree(tmp_path, [])
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # noqa: ASYNC240


def test_names_never_come_from_the_server() -> None:
    assert choose_extension("png", "image/png") == "png"
    assert choose_extension("../../x", "image/webp") == "webp"
    assert choose_extension(None, "application/octet-stream") == "bin"
    assert safe_name("cat-01") == "cat-01"
    for hostile in ("../etc", "/abs", ".hidden", "a/b", "", "x" * 300):
        name = safe_name(hostile)
        assert "/" not in name and not name.startswith(".") and 0 < len(name) <= 100
    assert safe_name("a/b") != safe_name("a_b")
