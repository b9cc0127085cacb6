"""Where a task result keeps its output URLs, and how to get fresh ones when they expire."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .._download import DownloadError
from ..types.progress_v2 import ProgressData
from ..types.tasks import TaskResult

if TYPE_CHECKING:
    from .._client import NovitaClient

__all__ = ("output_urls", "refresher")


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
