"""Webhook delivery (reference §3.3): POST `{"event_type": "ASYNC_TASK_RESULT", "payload": <task-result>}`.

Deliveries are the only per-task timers the emulator runs, and only for tasks that asked for a webhook.
Every timer handle and delivery task is tracked so `close()` leaves nothing running at shutdown.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

from ._results import v3_result
from ._runtime import Runtime
from ._state import TaskRecord, WebhookDelivery

__all__ = ("WebhookSender",)

logger = logging.getLogger("novita_async.testing")
MAX_RETRIES = 5


class WebhookSender:
    """Schedules and delivers webhooks for one emulator."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt
        self._handles: set[asyncio.TimerHandle] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    def schedule(self, task: TaskRecord) -> None:
        """Deliver at completion, or at once with the simulated status when `test_mode.enabled`."""
        hook = task.webhook or {}
        test_mode = hook.get("test_mode") or {}
        loop = asyncio.get_running_loop()
        if isinstance(test_mode, dict) and test_mode.get("enabled"):
            status = test_mode.get("return_task_status") or "TASK_STATUS_SUCCEED"
            self._start(task, str(status))
            return
        delay = max(0.0, task.finished_at - self._rt.clock())
        handle: asyncio.TimerHandle | None = None

        def fire() -> None:
            if handle is not None:
                self._handles.discard(handle)
            self._start(task, None)

        handle = loop.call_later(delay, fire)
        self._handles.add(handle)

    def _start(self, task: TaskRecord, simulated: str | None) -> None:
        if self._closed:
            return
        job = asyncio.get_running_loop().create_task(self._deliver(task, simulated))
        self._tasks.add(job)
        job.add_done_callback(self._tasks.discard)

    def _payload(self, task: TaskRecord, simulated: str | None) -> dict[str, Any]:
        now = max(self._rt.clock(), task.finished_at)
        body = v3_result(self._rt, task, now)
        if simulated is not None:
            body["task"]["status"] = simulated
            if simulated == "TASK_STATUS_FAILED":
                body["task"]["reason"] = body["task"]["reason"] or "simulated failure (test_mode)"
                body["images"], body["videos"] = [], []
        return {"event_type": "ASYNC_TASK_RESULT", "payload": body}

    async def _deliver(self, task: TaskRecord, simulated: str | None) -> None:
        url = str((task.webhook or {}).get("url", ""))
        payload = self._payload(task, simulated)
        if self._session is None:
            self._session = aiohttp.ClientSession()
        timeout = aiohttp.ClientTimeout(total=self._rt.config.webhook_timeout)
        for attempt in range(1 + MAX_RETRIES):
            status: int | None = None
            error: str | None = None
            try:
                async with self._session.post(url, json=payload, timeout=timeout) as resp:
                    status = resp.status
                    await resp.read()
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            self._rt.state.webhook_deliveries.append(
                WebhookDelivery(task.id, url, attempt + 1, status, error, payload)
            )
            if status is not None and 200 <= status < 300:
                return
            logger.debug("webhook for %s failed (attempt %d): %s", task.id, attempt + 1, error or status)
            await asyncio.sleep(self._rt.config.webhook_retry_delay)

    async def close(self) -> None:
        """Cancel pending timers and deliveries and close the HTTP session."""
        self._closed = True
        for handle in self._handles:
            handle.cancel()
        self._handles.clear()
        tasks = list(self._tasks)
        for job in tasks:
            job.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None
