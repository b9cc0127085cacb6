"""`Task`: the awaitable handle of one asynchronous job.

Shaped like `anyio.Future`: it completes exactly once, `await task` gives the result or raises, and the
poller (not the task) does the watching, so ten thousand handles cost ten thousand small objects and no
coroutines. The `task_id` is known from the moment the submit returned, so a task can always be resumed
(`client.tasks.attach(task_id)`) even after the handle is dropped, cancelled or timed out.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Callable, Generator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import anyio

from .._errors import TaskCancelledError, TaskFailedError, TaskTimeoutError
from ._status import TaskStatus, TaskUpdate

if TYPE_CHECKING:
    from ._backends import TaskBackend

__all__ = ("Task",)

R = TypeVar("R")


class Task(Generic[R]):
    """A submitted task. `await task` returns its result (e.g. `TaskResult`) or raises `TaskError`.

    Attributes reflect the latest poll: `status`, `progress_percent`, `eta`. Use `updates()` to follow
    changes, `result(timeout=...)` to bound the wait, `cancel()` to stop tracking.
    """

    __slots__ = (
        "__weakref__",
        "_callbacks",
        "_changed",
        "_done",
        "_finished",
        "_error",
        "_on_cancel",
        "_result",
        "_tracking",
        "backend",
        "deadline",
        "endpoint",
        "eta",
        "last_update",
        "model",
        "polls",
        "progress_percent",
        "started_at",
        "status",
        "task_id",
    )

    def __init__(
        self,
        task_id: str,
        backend: TaskBackend[R],
        *,
        endpoint: str = "",
        model: str = "",
        started_at: float = 0.0,
        deadline: float = math.inf,
        on_cancel: Callable[[Task[Any]], None] | None = None,
    ) -> None:
        self.task_id = task_id
        self.backend = backend
        self.endpoint = endpoint
        self.model = model
        """The request's `model_name` ("" if none): durations are learned per endpoint and model."""
        self.started_at = started_at
        self.deadline = deadline
        self.status = TaskStatus.QUEUED
        self.progress_percent: float | None = None
        self.eta: float | None = None
        self.last_update: TaskUpdate | None = None
        self.polls = 0
        # Both events are created only when a coroutine waits (most handles are followed by callbacks or
        # awaited once): an anyio.Event costs more CPU than the rest of a handle.
        self._finished = False
        self._done: anyio.Event | None = None
        self._changed: anyio.Event | None = None
        self._result: R | None = None
        self._error: BaseException | None = None
        self._on_cancel = on_cancel
        self._callbacks: list[Callable[[Task[Any]], None]] = []
        self._tracking: Any = None
        """The poller's notes while it tracks this handle (None when untracked)."""

    @property
    def kind(self) -> str:
        """Which status endpoint tracks it: `v3`, `v2`, `v2-enterprise`, `training-subject`, ..."""
        return self.backend.kind

    def __repr__(self) -> str:
        progress = f" {self.progress_percent:.0f}%" if self.progress_percent is not None else ""
        return f"<Task {self.task_id} {self.kind} {self.status.value}{progress}>"

    # --- state, driven by the poller ---------------------------------------------------------------

    def done(self) -> bool:
        return self._finished

    def _finish(self) -> None:
        self._finished = True
        if self._done is not None:
            self._done.set()

    def _notify(self) -> None:
        changed, self._changed = self._changed, None
        if changed is not None:
            changed.set()
        if self._callbacks and self._finished:
            callbacks, self._callbacks = self._callbacks, []
            for callback in callbacks:
                callback(self)

    def add_done_callback(self, callback: Callable[[Task[Any]], None]) -> None:
        """Call `callback(task)` once the task is done (at once if it already is).

        Cheaper than a coroutine per task: `as_completed` over ten thousand handles uses this.
        """
        if self.done():
            callback(self)
        else:
            self._callbacks.append(callback)

    def remove_done_callback(self, callback: Callable[[Task[Any]], None]) -> None:
        try:
            self._callbacks.remove(callback)
        except ValueError:
            pass

    def _apply(self, update: TaskUpdate) -> None:
        """Record one poll. Resolves the task on a terminal status."""
        if self._finished:
            return
        self.last_update = update
        self.status = update.status
        if update.progress_percent is not None:
            self.progress_percent = update.progress_percent
        self.eta = update.eta
        if update.status is TaskStatus.SUCCEEDED:
            self._result = update.result
            self._finish()
        elif update.status is TaskStatus.FAILED:
            self._error = TaskFailedError(task_id=self.task_id, reason=update.reason, result=update.result)
            self._finish()
        self._notify()

    def _fail(self, error: BaseException) -> None:
        """End the task with `error` (deadline passed, task unknown to the server, client closed)."""
        if self.done():
            return
        self._error = error
        self._finish()
        self._notify()

    def cancel(self) -> None:
        """Stop tracking this task. The task keeps running on the server; resume it by `task_id`."""
        if self.done():
            return
        self._fail(TaskCancelledError(task_id=self.task_id))
        if self._on_cancel is not None:
            self._on_cancel(self)

    def cancelled(self) -> bool:
        return isinstance(self._error, TaskCancelledError)

    # --- waiting -----------------------------------------------------------------------------------

    async def wait(self) -> None:
        """Wait until the task is done, without raising its error."""
        await self._done_event().wait()

    def _done_event(self) -> anyio.Event:
        """The event `done()` sets, made on first wait (set at once if the task is already done: waiting on
        it still passes through a checkpoint, as anyio's waits do)."""
        if self._done is None:
            self._done = anyio.Event()
            if self._finished:
                self._done.set()
        return self._done

    def exception(self) -> BaseException | None:
        """The error the task ended with (None if it succeeded). Only valid once `done()`."""
        if not self.done():
            raise RuntimeError(f"task {self.task_id} is not done yet")
        return self._error

    async def result(self, timeout: float | None = None) -> R:
        """The task's result, waiting at most `timeout` seconds (the task keeps being tracked after that).

        Raises `TaskFailedError` if the service reports failure and `TaskTimeoutError` on a deadline.
        """
        if timeout is None:
            await self._done_event().wait()
        else:
            with anyio.move_on_after(timeout):
                await self._done_event().wait()
            if not self._finished:
                raise TaskTimeoutError(task_id=self.task_id, deadline=timeout)
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]

    def __await__(self) -> Generator[Any, None, R]:
        return self.result().__await__()

    async def updates(self) -> AsyncIterator[TaskUpdate]:
        """Yield each change of status or progress until the task is done (the last one included)."""
        seen: TaskUpdate | None = None
        while True:
            current = self.last_update
            if current is not None and current is not seen:
                seen = current
                yield current
                continue  # look again: an update may have come in while the caller held this one
            if self._finished:
                return
            if self._changed is None:
                self._changed = anyio.Event()
            await self._changed.wait()
