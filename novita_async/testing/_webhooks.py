"""Webhook delivery (reference §3.3): POST `{"event_type": "ASYNC_TASK_RESULT", "payload": <task-result>}`.

Deliveries are the only per-task timers the emulator runs, and only for tasks that asked for a webhook.
Every timer handle and delivery task is tracked so `close()` leaves nothing running at shutdown.

What the real service does that a receiver must survive is configurable (`EmulatorConfig`): events
that never come (`webhook_loss`), come late (`webhook_delay`) or come twice (`webhook_duplicates`).
The emulator only ever sends to loopback addresses: a submit naming any other host is refused, so a
test can never make it post to the outside world.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import random
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from ._results import v3_result
from ._runtime import Runtime
from ._state import TaskRecord, WebhookDelivery

__all__ = ("WebhookSender", "is_loopback_url")

logger = logging.getLogger("novita_async.testing")
MAX_RETRIES = 5


def is_loopback_url(url: str) -> bool:
    """True for `http(s)://` URLs whose host is `localhost` or a loopback address (127.0.0.0/8, ::1)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WebhookSender:
    """Schedules and delivers webhooks for one emulator."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt
        # Its own randomness, so enabling loss or duplicates does not change task ids or durations.
        self._rng = random.Random(rt.config.seed)
        self._handles: set[asyncio.TimerHandle] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    def schedule(self, task: TaskRecord) -> None:
        """Deliver at completion (plus `webhook_delay`), or at once with the simulated status when
        `test_mode.enabled`; drop it with probability `webhook_loss`."""
        cfg = self._rt.config
        hook = task.webhook or {}
        test_mode = hook.get("test_mode") or {}
        if cfg.webhook_loss and self._rng.random() < cfg.webhook_loss:
            self._rt.state.webhooks_lost.append(task.id)
            return
        copies = 2 if cfg.webhook_duplicates and self._rng.random() < cfg.webhook_duplicates else 1
        lo, hi = cfg.webhook_delay
        late = lo if hi <= lo else self._rng.uniform(lo, hi)
        if isinstance(test_mode, dict) and test_mode.get("enabled"):
            status = test_mode.get("return_task_status") or "TASK_STATUS_SUCCEED"
            self._later(late, task, str(status), copies)
            return
        self._later(max(0.0, task.finished_at - self._rt.clock()) + late, task, None, copies)

    def _later(self, delay: float, task: TaskRecord, simulated: str | None, copies: int) -> None:
        if delay <= 0:
            self._start(task, simulated, copies)
            return
        handle: asyncio.TimerHandle | None = None

        def fire() -> None:
            if handle is not None:
                self._handles.discard(handle)
            self._start(task, simulated, copies)

        handle = asyncio.get_running_loop().call_later(delay, fire)
        self._handles.add(handle)

    def _start(self, task: TaskRecord, simulated: str | None, copies: int) -> None:
        if self._closed:
            return
        job = asyncio.get_running_loop().create_task(self._deliver(task, simulated, copies))
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

    async def _deliver(self, task: TaskRecord, simulated: str | None, copies: int) -> None:
        url = str((task.webhook or {}).get("url", ""))
        if not is_loopback_url(url):  # refused at submit already; never send anywhere else
            logger.warning("webhook for %s not sent: %r is not a loopback URL", task.id, url)
            return
        payload = self._payload(task, simulated)
        if self._session is None:
            self._session = aiohttp.ClientSession()
        for copy in range(copies):
            if copy:
                await asyncio.sleep(self._rt.config.webhook_retry_delay)
            await self._attempts(task, url, payload)

    async def _attempts(self, task: TaskRecord, url: str, payload: dict[str, Any]) -> None:
        """The first attempt and up to `MAX_RETRIES` retries, until a 2xx answer."""
        assert self._session is not None
        timeout = aiohttp.ClientTimeout(total=self._rt.config.webhook_timeout)
        for attempt in range(1 + MAX_RETRIES):
            status: int | None = None
            error: str | None = None
            started = self._rt.clock()
            try:
                async with self._session.post(url, json=payload, timeout=timeout) as resp:
                    status = resp.status
                    await resp.read()
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            self._rt.state.webhook_deliveries.append(
                WebhookDelivery(task.id, url, attempt + 1, status, error, payload, started, self._rt.clock())
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
