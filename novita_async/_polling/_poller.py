"""The poller: one background coroutine per client that watches every pending task.

Pending tasks sit in a min-heap keyed by the time their next poll is due. The loop sleeps until the
earliest due time (or until a new task is tracked earlier than that), then polls what is due, each poll
under a concurrency cap and, optionally, a global poll budget in requests per second. There are no
per-task sleep loops: a task costs a heap entry, not a coroutine.

A poll that fails transiently (timeout, reset, 5xx, 429, a malformed body) is a reason to poll again
later, never a reason to fail the task. Only a terminal status, the task's deadline, or an answer that
says the task cannot be tracked (unknown task id, bad key) ends it.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio

from .._errors import (
    APIConnectionError,
    APIResponseValidationError,
    ClientStateError,
    RateLimitError,
    ServerError,
    TaskTimeoutError,
)
from ._backends import Poll
from ._cadence import Cadence, PollPolicy
from ._task import Task

__all__ = ("Poller", "PollerStats")

logger = logging.getLogger("novita_async")

_TRANSIENT = (APIConnectionError, ServerError, RateLimitError, APIResponseValidationError)


@dataclass(frozen=True)
class PollerStats:
    """Counters of one poller, for tests and benchmarks."""

    tracked: int
    polls_sent: int
    poll_errors: int
    in_flight: int
    resolved: int


class Poller:
    """Tracks tasks and resolves their handles; started and stopped by the client."""

    def __init__(
        self,
        poll: Poll,
        policy: PollPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._poll = poll
        self.policy = policy or PollPolicy()
        self.cadence = Cadence(self.policy, clock=clock)
        self._clock = clock
        self._heap: list[tuple[float, int, Task[Any]]] = []
        self._seq = itertools.count()
        self._wakeup = anyio.Event()
        self._tracked: dict[int, Task[Any]] = {}
        self._errors: dict[int, int] = {}
        self._limiter = anyio.CapacityLimiter(self.policy.max_concurrent_polls)
        self._polls_sent = 0
        self._poll_errors = 0
        self._resolved = 0
        self._running = False
        self._next_slot = 0.0

    # --- tracking ----------------------------------------------------------------------------------

    def track(self, task: Task[Any]) -> None:
        """Start watching `task`; its first poll is scheduled by the cadence."""
        if not self._running:
            raise ClientStateError("the client is not open; use `async with NovitaClient(...)`")
        if id(task) in self._tracked:
            return
        self._tracked[id(task)] = task
        self._schedule(task, self.cadence.first_delay(task))

    def untrack(self, task: Task[Any]) -> None:
        self._tracked.pop(id(task), None)
        self._errors.pop(id(task), None)

    def _schedule(self, task: Task[Any], delay: float) -> None:
        due = min(self._clock() + max(0.0, delay), task.deadline)
        wake = not self._heap or due < self._heap[0][0]
        heapq.heappush(self._heap, (due, next(self._seq), task))
        if wake:
            self._wakeup.set()

    def statistics(self) -> PollerStats:
        return PollerStats(
            tracked=len(self._tracked),
            polls_sent=self._polls_sent,
            poll_errors=self._poll_errors,
            in_flight=self._limiter.borrowed_tokens,
            resolved=self._resolved,
        )

    # --- the loop ----------------------------------------------------------------------------------

    async def run(self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        """Poll until cancelled. On exit every still-tracked handle fails with `ClientStateError`."""
        self._running = True
        try:
            async with anyio.create_task_group() as tg:
                task_status.started()
                while True:
                    now = self._clock()
                    while self._heap and self._heap[0][0] <= now:
                        _, _, task = heapq.heappop(self._heap)
                        if id(task) not in self._tracked or task.done():
                            continue
                        if now >= task.deadline:
                            self._finish(task, TaskTimeoutError(task_id=task.task_id, deadline=task.deadline - task.started_at))
                            continue
                        tg.start_soon(self._poll_one, task)
                    delay = self._heap[0][0] - now if self._heap else math.inf
                    if delay > 0:
                        with anyio.move_on_after(delay):
                            await self._wakeup.wait()
                    self._wakeup = anyio.Event()
        finally:
            self._running = False
            self._heap.clear()
            closed = ClientStateError("the client was closed while this task was being tracked")
            for task in list(self._tracked.values()):
                self._finish(task, closed)

    async def _pace(self) -> None:
        """Space polls out to respect the global budget (`polls_per_second`), if one is set."""
        rate = self.policy.polls_per_second
        if not rate:
            return
        now = self._clock()
        slot = max(now, self._next_slot)
        self._next_slot = slot + 1.0 / rate
        if slot > now:
            await anyio.sleep(slot - now)

    async def _poll_one(self, task: Task[Any]) -> None:
        async with self._limiter:
            await self._pace()
            if task.done() or id(task) not in self._tracked:
                return
            self._polls_sent += 1
            task.polls += 1
            try:
                update = await task.backend.fetch(self._poll, task.task_id)
            except _TRANSIENT as exc:
                self._poll_errors += 1
                errors = self._errors.get(id(task), 0) + 1
                self._errors[id(task)] = errors
                delay = self.cadence.error_delay(errors, exc)
                logger.debug("poll of task %s failed (%s); next try in %.2fs", task.task_id, exc, delay)
                self._schedule(task, delay)
                return
            except Exception as exc:  # not found, bad key, or a bug: end this task, keep the poller alive
                self._poll_errors += 1
                logger.warning("task %s can no longer be tracked: %s", task.task_id, exc)
                self._finish(task, exc)
                return
        self._errors.pop(id(task), None)
        task._apply(update)
        if task.done():
            self._resolved += 1
            self.cadence.observe_done(task, self._clock())
            self.untrack(task)
        else:
            self._schedule(task, self.cadence.next_delay(task, update))

    def _finish(self, task: Task[Any], error: BaseException) -> None:
        task._fail(error)
        self.untrack(task)
