"""Task status bodies: v3 `task-result` (reference §3.2) and v2 `progress` (§3.1), computed from the clock.

These run on every poll, so they build small dicts and nothing else; the caller caches encoded bytes of
finished tasks per signing second.
"""

from __future__ import annotations

import math
import time
from typing import Any

from ._runtime import Runtime
from ._state import TaskRecord

__all__ = ("v2_progress", "v3_result")


def _ms(rt: Runtime, clock_time: float) -> int:
    return int(rt.wall_of(clock_time) * 1000)


def _stamp(rt: Runtime, clock_time: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(rt.wall_of(clock_time)))


def v3_result(
    rt: Runtime, task: TaskRecord, now: float, *, status_override: str | None = None
) -> dict[str, Any]:
    """The `GET /v3/async/task-result` body of `task` at clock time `now`."""
    cfg = rt.config
    phase = task.phase(now)
    images: list[dict[str, Any]] = []
    videos: list[dict[str, Any]] = []
    audios: list[dict[str, Any]] = []
    extra: dict[str, Any] = {}
    eta: int | float = 0  # whole seconds, as the reference and the official SDKs use (`eta_resolution`)
    percent = 0
    reason = ""
    if phase == "queued":
        status = "TASK_STATUS_QUEUED"
        eta = rt.eta(rt.queued_eta(task, now))
    elif phase == "processing":
        status = "TASK_STATUS_PROCESSING"
        eta = rt.eta(task.finished_at - now)
        if cfg.report_progress:
            percent = min(99, int(task.fraction(now) * 100))
    else:
        status = task.terminal_status
        reason = task.reason
        if cfg.report_progress and task.outcome == "success":
            percent = 100
        if task.outcome == "success":
            urls = rt.output_urls(task)
            ttl = str(task.url_ttl)
            if task.is_audio:
                audios = [_audio(u, ttl, task) for u in urls]
            elif task.is_video:
                videos = [{"video_url": u, "video_url_ttl": ttl, "video_type": task.output_ext} for u in urls]
            else:
                images = [
                    {
                        "image_url": u,
                        "image_url_ttl": ttl,
                        "image_type": task.output_ext,
                        "nsfw_detection_result": (
                            {"valid": True, "confidence": 97.5} if task.enable_nsfw_detection else None
                        ),
                    }
                    for u in urls
                ]
    if phase != "queued":
        debug: dict[str, Any] = {
            "request_info": task.request_info,
            "submit_time_ms": str(_ms(rt, task.created_at)),
            "execute_time_ms": str(_ms(rt, task.started_at)),
        }
        # All four fields, always: the official Python SDK requires each (reference §3.2); "0" until done.
        debug["complete_time_ms"] = str(_ms(rt, task.finished_at)) if phase == "done" else "0"
        extra = {
            "seed": str(task.seed),
            "enable_nsfw_detection": task.enable_nsfw_detection,
            "debug_info": debug,
        }
        if task.task_type == "QWEN_IMAGE_TEXT_TO_IMAGE":
            # The page's own example (Part 2 §15.8): a model-specific `extra`, no seed, no debug_info.
            extra = {"has_nsfw_contents": []}
        if task.webhook is not None:
            extra["webhook"] = task.webhook
    if status_override is not None or task.unknown_status:
        status = status_override or "TASK_STATUS_UNKNOWN"
    return {
        "task": {
            "task_id": task.id,
            "task_type": task.task_type,
            "status": status,
            "reason": reason,
            "eta": eta,
            "progress_percent": percent,
        },
        "images": images,
        "videos": videos,
        "audios": audios,
        "extra": extra,
    }


def _audio(url: str, ttl: str, task: TaskRecord) -> dict[str, Any]:
    """One `audios[]` entry (reference §14.1): the whole text as one segment, 0.4 s per word."""
    words = len(task.audio_text.split())
    metadata = {"text": task.audio_text, "start_time": 0.0, "end_time": round(0.4 * max(words, 1), 2)}
    return {"audio_url": url, "audio_url_ttl": ttl, "audio_type": task.output_ext, "audio_metadata": metadata}


_V2_STATUS = {"success": 2, "failed": 3, "timeout": 4}


def v2_progress(rt: Runtime, task: TaskRecord, now: float) -> dict[str, Any]:
    """The `data` object of `GET /v2/progress` for `task` at clock time `now`."""
    cfg = rt.config
    phase = task.phase(now)
    imgs: list[str] | None = None
    progress: float = 0
    eta_relative = 0
    if phase == "queued":
        status = 0
        if cfg.report_eta:
            eta_relative = math.ceil(rt.queued_eta(task, now))
    elif phase == "processing":
        status = 1
        if cfg.report_progress:
            progress = round(task.fraction(now), 3)
        if cfg.report_eta:
            eta_relative = math.ceil(task.finished_at - now)
    else:
        status = _V2_STATUS[task.outcome]
        if task.outcome == "success":
            imgs = rt.output_urls(task)
            progress = 1 if cfg.report_progress else 0
    done = phase == "done"
    nsfw = None
    if imgs is not None and task.enable_nsfw_detection:
        nsfw = [{"valid": True, "confidence": 97.5} for _ in imgs]
    return {
        "status": status,
        "progress": progress,
        "eta_relative": eta_relative,
        "imgs": imgs,
        "failed_reason": task.reason if done else "",
        "current_images": [],
        "info": "",
        "submit_time": _stamp(rt, task.created_at),
        "execution_time": _stamp(rt, task.started_at) if phase != "queued" else "",
        "txt2img_time": _stamp(rt, task.finished_at) if done else "",
        "finish_time": _stamp(rt, task.finished_at) if done else "",
        "enable_nsfw_detection": task.enable_nsfw_detection,
        "nsfw_detection_result": nsfw,
        "debug_info": {
            "submit_time_ms": _ms(rt, task.created_at),
            "execution_time_ms": _ms(rt, task.started_at) if phase != "queued" else 0,
            "txt2img_time_ms": _ms(rt, task.finished_at) if done else 0,
            "finish_time_ms": _ms(rt, task.finished_at) if done else 0,
        },
    }
