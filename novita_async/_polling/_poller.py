"""The poller: one background coroutine per client that watches every pending task.

Pending tasks sit in a min-heap keyed by the time their next poll is due (`Cadence` decides it). The
loop sleeps until the earliest due time, or until a task is tracked earlier than that, then dispatches
what is due. A task costs a heap entry and a small `Tracking` record, not a coroutine: only polls that
are actually in flight are coroutines, at most `max_concurrent_polls` of them.

Fairness under limits comes from dispatching in due order: when the concurrency cap or the global poll
budget (a `TokenBucket`: `polls_per_second`, or learned from 429s on polls) holds polls back, the one
that has been due the longest goes first, and a task that waits keeps its place, so none starves however
many newer tasks arrive.

A poll that fails transiently (timeout, reset, 5xx, 429, a malformed body) is a reason to poll again
later, never a reason to fail the task. Only a terminal status, the task's deadline, or an answer that
says the task cannot be tracked (unknown task id, bad key) ends it.

Nothing the network does can stall the poller or stretch a deadline:
* every poll runs under its own short timeout (`PollPolicy.poll_timeout`), so a slow answer holds one
  poll slot for a moment and is then retried like any transient failure;
* deadlines are timers: a second coroutine (`_expire`) sleeps until the earliest deadline and fails the
  task then, whether or not a poll of it is in flight (that poll is cancelled, freeing its slot).

Polls are plain asyncio tasks (aiohttp needs asyncio anyway) and their timeouts sit in one heap that
`_expire` watches too: a poll costs a task and a heap entry, not a task-group task and a timer of its
own, which keeps the CPU of a poll close to that of a bare aiohttp request.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.abc

from .._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    ClientStateError,
    RateLimitError,
    ServerError,
    TaskTimeoutError,
)
from .._limits import TokenBucket, poll_budget
from ._backends import Poll
from ._cadence import Cadence, Key, PollPolicy, Tracking
from ._status import TaskUpdate
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
    pushed: int = 0
    """Tasks resolved from a pushed result (webhook) without a poll."""


class Poller:
    """Tracks tasks and resolves their handles; started and stopped by the client."""

    def __init__(
        self,
        poll: Poll,
        policy: PollPolicy | None = None,
        *,
        learn: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._poll = poll
        self.policy = policy or PollPolicy()
        self.cadence = Cadence(self.policy)
        self._clock = clock
        self._heap: list[tuple[float, int, int, Task[Any]]] = []
        self._seq = itertools.count()
        self._wakeup = anyio.Event()
        self._deadlines: list[tuple[float, int, Task[Any]]] = []
        self._expiries: list[tuple[float, int, asyncio.Task[None], Tracking]] = []
        """Polls in flight by the time they are abandoned (see `PollPolicy.poll_timeout`)."""
        self._polls: set[asyncio.Task[None]] = set()
        self._deadline_wakeup = anyio.Event()
        self._slot_free = anyio.Event()
        self._tracked: dict[int, Task[Any]] = {}
        self._in_flight = 0
        self._polls_sent = 0
        self._poll_errors = 0
        self._resolved = 0
        self._pushed = 0
        self._running = False
        self.budget: TokenBucket = poll_budget(self.policy.polls_per_second, learn=learn, clock=clock)
        self._tg: anyio.abc.TaskGroup | None = None

    # --- tracking ----------------------------------------------------------------------------------

    def track(self, task: Task[Any]) -> None:
        """Start watching `task`; its first poll is scheduled by the cadence."""
        if not self._running:
            raise ClientStateError("the client is not open; use `async with NovitaClient(...)`")
        if task._tracking is not None:
            return
        learn = task.endpoint != "attach"
        tr = Tracking(key=(task.kind, task.endpoint, task.model), start=task.started_at, learn=learn)
        task._tracking = tr
        self._tracked[id(task)] = task
        self.cadence.start(tr)
        if task.deadline < math.inf:
            dl = self._deadlines
            if not dl or task.deadline < dl[0][0]:
                self._deadline_wakeup.set()
            heapq.heappush(dl, (task.deadline, next(self._seq), task))
        self._push(task, tr, self.cadence.first_due(tr))

    def untrack(self, task: Task[Any]) -> None:
        """Stop watching `task` (its heap entries become stale and are skipped; a poll in flight is
        cancelled)."""
        tr = task._tracking
        if tr is None:
            return
        task._tracking = None
        self._tracked.pop(id(task), None)
        if self.cadence.forget(tr):  # a scout left: what its cohort's followers wait on changed
            self._replan(tr.key, self._clock())
        if tr.scope is not None:
            tr.scope.cancel()  # the poll in flight: nobody waits for its answer any more
        dl = self._deadlines
        if len(dl) > 2 * len(self._tracked) + 1024:  # drop finished tasks' timers (they hold results)
            self._deadlines = [e for e in dl if e[2]._tracking is not None]
            heapq.heapify(self._deadlines)

    def _push(self, task: Task[Any], tr: Tracking, due: float) -> None:
        due = min(max(due, tr.not_before), task.deadline)
        tr.gen += 1
        tr.due = due
        wake = not self._heap or due < self._heap[0][0]
        heapq.heappush(self._heap, (due, next(self._seq), tr.gen, task))
        if wake:
            self._wakeup.set()

    # --- pushed results (webhooks, `novita_async._webhooks`) ---------------------------------------

    def hold(self, task: Task[Any], until: float, *, recheck: float = 0.0) -> None:
        """Do not poll `task` before `until`: a webhook should resolve it first. If none has by then, the
        poller checks: a task found still running is checked again `recheck` seconds later (0: at the
        cadence's pace), so a lost event is noticed without polling as if there were no webhook.
        `hold(task, 0.0)` lifts the hold.
        """
        tr = task._tracking
        if tr is None or tr.in_flight or (tr.not_before == until and tr.recheck == recheck):
            return
        tr.not_before = until
        tr.recheck = recheck
        self._push(task, tr, self.cadence.first_due(tr))

    def poll_now(self, task: Task[Any]) -> None:
        """Poll `task` at once, ahead of its schedule and of any hold (a webhook says it finished: one
        confirming read of the authoritative state)."""
        tr = task._tracking
        if tr is None or tr.in_flight:
            return
        tr.not_before = tr.recheck = 0.0
        now = self._clock()
        if tr.due > now:
            self._push(task, tr, now)

    def resolve(self, task: Task[Any], update: TaskUpdate) -> bool:
        """Resolve `task` from a terminal result pushed to us instead of polled (trusted webhooks).

        Learns the duration like a poll would (from the server's own stamps when present). False if the
        update is not terminal or the task is no longer tracked (then nothing changes).
        """
        tr = task._tracking
        if tr is None or not update.status.terminal:
            return False
        now = self._clock()
        replan = self.cadence.completed(tr, update, now)
        self._resolved += 1
        self._pushed += 1
        self.untrack(task)
        task._apply(update)
        if replan:
            self._replan(tr.key, now)
        return True

    def statistics(self) -> PollerStats:
        return PollerStats(
            tracked=len(self._tracked),
            polls_sent=self._polls_sent,
            poll_errors=self._poll_errors,
            in_flight=self._in_flight,
            resolved=self._resolved,
            pushed=self._pushed,
        )

    # --- the loop ----------------------------------------------------------------------------------

    async def run(self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        """Poll until cancelled. On exit every still-tracked handle fails with `ClientStateError`."""
        self._running = True
        try:
            async with anyio.create_task_group() as tg:
                self._tg = tg
                tg.start_soon(self._expire)
                task_status.started()
                await self._loop(tg)
        finally:
            self._running = False
            self._tg = None
            self._heap.clear()
            polls, self._polls = self._polls, set()
            for poll in polls:
                poll.cancel()
            if polls:
                with anyio.CancelScope(shield=True):
                    await asyncio.gather(*polls, return_exceptions=True)
            closed = ClientStateError("the client was closed while this task was being tracked")
            for task in list(self._tracked.values()):
                self._finish(task, closed)

    async def _loop(self, tg: anyio.abc.TaskGroup) -> None:
        heap = self._heap
        dispatched = 0
        while True:
            now = self._clock()
            if heap and heap[0][0] <= now:
                if self._in_flight >= self.policy.max_concurrent_polls:
                    self._slot_free = anyio.Event()
                    await self._slot_free.wait()
                    continue
                _, _, gen, task = heap[0]
                tr = task._tracking
                if tr is None or tr.gen != gen or task.done():
                    heapq.heappop(heap)
                    continue
                if now >= task.deadline:
                    heapq.heappop(heap)
                    self._finish(task, TaskTimeoutError(task_id=task.task_id, deadline=task.deadline - task.started_at))
                    continue
                wait = self.budget.take(1.0, now)
                if wait > 0:
                    await anyio.sleep(wait)
                    continue
                heapq.heappop(heap)
                self._dispatch(task, tr, now)
                dispatched += 1
                if dispatched % 64 == 0:
                    await anyio.lowlevel.checkpoint()  # let the polls just started begin
                continue
            self._wakeup = anyio.Event()
            if heap:
                with anyio.move_on_after(heap[0][0] - now):
                    await self._wakeup.wait()
            else:
                await self._wakeup.wait()

    def _dispatch(self, task: Task[Any], tr: Tracking, now: float) -> None:
        """Start one poll of `task` as an asyncio task, abandoned at its poll timeout by `_expire`."""
        tr.in_flight = True
        self._in_flight += 1
        poll = asyncio.get_running_loop().create_task(self._poll_one(task, tr))
        tr.scope = poll
        self._polls.add(poll)
        poll.add_done_callback(self._poll_done)
        expiry = now + self.cadence.poll_timeout(tr)
        ex = self._expiries
        if not ex or expiry < ex[0][0]:
            self._deadline_wakeup.set()
        heapq.heappush(ex, (expiry, next(self._seq), poll, tr))

    def _poll_done(self, poll: asyncio.Task[None]) -> None:
        self._polls.discard(poll)
        if not poll.cancelled() and poll.exception() is not None:  # a bug: never silently
            logger.error("poll failed unexpectedly", exc_info=poll.exception())

    async def _expire(self) -> None:
        """The timers: fail each task when its deadline passes, whatever its polls are doing, and abandon
        each poll at its timeout."""
        while True:
            now = self._clock()
            dl = self._deadlines
            while dl and dl[0][0] <= now:
                deadline, _, task = heapq.heappop(dl)
                if task._tracking is not None:
                    self._finish(task, TaskTimeoutError(task_id=task.task_id, deadline=deadline - task.started_at))
            ex = self._expiries
            while ex and (ex[0][0] <= now or ex[0][2].done()):  # answered polls leave early: no wakeups
                _, _, poll, tr = heapq.heappop(ex)
                if not poll.done():
                    tr.timed_out = True
                    poll.cancel()
            self._deadline_wakeup = anyio.Event()
            wake = min(dl[0][0] if dl else math.inf, ex[0][0] if ex else math.inf)
            with anyio.move_on_after(wake - now):
                await self._deadline_wakeup.wait()

    async def _poll_one(self, task: Task[Any], tr: Tracking) -> None:
        self._polls_sent += 1
        task.polls += 1
        sent = self._clock()
        timeout = self.cadence.poll_timeout(tr)
        update: TaskUpdate | None = None
        error: Exception | None = None
        tr.timed_out = False
        try:
            update = await task.backend.fetch(self._poll, task.task_id)
        except asyncio.CancelledError:
            if not tr.timed_out and task._tracking is tr:
                raise  # the client is closing
            # else abandoned at its timeout (handled below), or its task ended meanwhile
        except Exception as exc:  # sorted below: transient, or the end of this task
            error = exc
        finally:
            tr.scope = None
            self._release(tr)
        if isinstance(error, RateLimitError):  # slows the polls' budget only, never submits
            self.budget.on_rate_limited(1.0, sent, error.retry_after, self._clock())
        elif update is not None:
            self.budget.on_accepted(1.0, self._clock())
        if task._tracking is not tr:  # cancelled, timed out or closed while the poll was in flight
            return
        if update is None and error is None:
            tr.timeouts += 1
            error = APITimeoutError(
                f"no status answer within {timeout:.3g}s", method="GET", path=task.kind, sent=True
            )
        elif error is None:
            tr.timeouts = 0
        if error is not None:
            self._poll_errors += 1
            if isinstance(error, _TRANSIENT):
                tr.errors += 1
                due = self.cadence.error_due(tr, self._clock(), error)
                logger.debug("poll of task %s failed (%s); next try in %.2fs", task.task_id, error, due - sent)
                self._push(task, tr, due)
            else:  # not found, bad key, or a bug: end this task, keep the poller alive
                logger.warning("task %s can no longer be tracked: %s", task.task_id, error)
                self._finish(task, error)
            return
        assert update is not None
        now = self._clock()
        at = (sent + now) / 2.0
        tr.errors = 0
        if update.status.terminal:
            replan = self.cadence.completed(tr, update, at)
            self._resolved += 1
            self.untrack(task)
            task._apply(update)
            if replan:
                self._replan(tr.key, now)
            return
        replan = self.cadence.observe(tr, update, at)
        task._apply(update)
        self._push(task, tr, self._next_due(tr, now))
        if replan:
            self._replan(tr.key, now)

    def _next_due(self, tr: Tracking, now: float) -> float:
        """After a non-terminal answer: the cadence's choice, or for a held task `recheck` later."""
        due = self.cadence.next_due(tr, now)
        return max(due, now + tr.recheck) if tr.recheck else due

    def _release(self, tr: Tracking) -> None:
        tr.in_flight = False
        self._in_flight -= 1
        self._slot_free.set()

    def _replan(self, key: Key, now: float) -> None:
        """The model of `key` just improved: move waiting tasks of that kind to its schedule. A task already
        due (e.g. `poll_now` for a webhook's confirmation) keeps its place: re-planning must not delay it."""
        for task in list(self._tracked.values()):
            tr = task._tracking
            if tr is None or tr.key != key or tr.due <= now:
                continue
            due = self.cadence.replan(tr, now)
            if due is not None and min(max(due, tr.not_before), task.deadline) != tr.due:
                self._push(task, tr, due)

    def _finish(self, task: Task[Any], error: BaseException) -> None:
        self.untrack(task)
        task._fail(error)
