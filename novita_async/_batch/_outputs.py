"""A finished task's output files: where the result lists them, getting them to disk, refreshing URLs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio

from .._download import Downloader, DownloadError, safe_name
from .._errors import NovitaError
from ..types.progress_v2 import ProgressData
from ..types.tasks import TaskResult

if TYPE_CHECKING:
    from .._client import NovitaClient
    from ._types import BatchStats

__all__ = ("download_outputs", "output_urls", "refresher")


def output_urls(result: Any) -> list[tuple[str, str | None]]:
    """(url, type hint) of each output file, in order; the hint is only used if allow-listed."""
    if isinstance(result, TaskResult):
        out: list[tuple[str, str | None]] = [(i.image_url, i.image_type) for i in result.images if i.image_url]
        out += [(v.video_url, v.video_type) for v in result.videos if v.video_url]
        return out
    if isinstance(result, ProgressData):
        return [(u, None) for u in result.imgs or [] if u]
    return []


def refresher(client: NovitaClient, task_id: str, kind: str, index: int) -> Callable[[], Awaitable[str]]:
    """A function returning a freshly signed URL for output `index`: reading the result again re-signs it."""

    async def refresh() -> str:
        fresh: Any
        if kind == "v3":
            fresh = await client.tasks.get(task_id)
        elif kind in ("v2", "v2-enterprise"):
            fresh = await client.tasks.progress(task_id, enterprise=kind == "v2-enterprise")
        else:
            raise DownloadError(f"cannot refresh output URLs of a {kind} task")
        urls = output_urls(fresh)
        if index >= len(urls):
            raise DownloadError(f"task {task_id} no longer lists output {index}")
        return urls[index][0]

    return refresh


async def download_outputs(
    client: NovitaClient,
    downloader: Downloader,
    out_dir: Path,
    item_id: str,
    task_id: str,
    kind: str,
    result: Any,
    stats: BatchStats,
) -> tuple[str, ...]:
    """Download every output of `result` into `out_dir/<safe item id>/`; paths returned relative to `out_dir`.

    File names come from the item id and the output's position, never from server-provided strings.
    """
    outputs = output_urls(result)
    if not outputs:
        return ()
    name = safe_name(item_id)
    directory = out_dir / name
    paths: list[str] = [""] * len(outputs)
    errors: list[BaseException] = []

    async def one(i: int, url: str, hint: str | None) -> None:
        try:
            path = await downloader.download(url, directory, str(i), hint, refresh=refresher(client, task_id, kind, i))
            paths[i] = f"{name}/{path.name}"
        except (DownloadError, NovitaError) as exc:
            errors.append(exc)

    stats.lane("downloading", 1)
    try:
        async with anyio.create_task_group() as tg:
            for i, (url, hint) in enumerate(outputs):
                tg.start_soon(one, i, url, hint)
    finally:
        stats.lane("downloading", -1)
    if errors:
        raise DownloadError(str(errors[0]))
    return tuple(paths)
