"""Waiting on many tasks: `as_completed` and `gather_tasks`.

Both are thin, because the poller already does the watching: they only wait on the handles' done
events. `gather_tasks` never fails fast by default: with thousands of paid tasks in flight, one failure
must not throw away the others' results, so each task gets its own `TaskOutcome`.
"""

from __future__ import annotations

import collections
import math
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import anyio

from .._errors import TaskTimeoutError
from ._task import Task

__all__ = ("TaskOutcome", "as_completed", "gather_tasks")

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class TaskOutcome(Generic[R]):
    """How one task ended: `result` if `ok`, else `error` (`TaskFailedError`, `TaskTimeoutError`, ...)."""

    task: Task[R]
    result: R | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def unwrap(self) -> R:
        """The result, or raise the error."""
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]


def _outcome(task: Task[R]) -> TaskOutcome[R]:
    error = task.exception()
    if error is not None:
        return TaskOutcome(task, error=error)
    return TaskOutcome(task, result=task._result)


async def as_completed(tasks: Iterable[Task[R]], *, timeout: float | None = None) -> AsyncIterator[Task[R]]:
    """Yield each task as it finishes (succeeded, failed or timed out); `await` it for its outcome.

    `timeout` bounds the whole iteration: when it passes, `TaskTimeoutError` names an unfinished task
    (all of them keep being tracked). Costs one callback per task, no coroutines.
    """
    pending = list(dict.fromkeys(tasks))
    ready: collections.deque[Task[R]] = collections.deque()
    signal = [anyio.Event()]

    def on_done(task: Task[Any]) -> None:
        ready.append(task)
        signal[0].set()

    for task in pending:
        task.add_done_callback(on_done)
    deadline = math.inf if timeout is None else anyio.current_time() + timeout
    try:
        left = len(pending)
        while left:
            while ready:
                left -= 1
                yield ready.popleft()
            if not left:
                break
            signal[0] = anyio.Event()
            with anyio.move_on_after(deadline - anyio.current_time()):
                await signal[0].wait()
            if not ready and anyio.current_time() >= deadline:
                late = next(t for t in pending if not t.done())
                raise TaskTimeoutError(task_id=late.task_id, deadline=timeout or 0.0)
    finally:
        for task in pending:
            task.remove_done_callback(on_done)


async def gather_tasks(
    tasks: Iterable[Task[R]], *, fail_fast: bool = False, timeout: float | None = None
) -> list[TaskOutcome[R]]:
    """Wait for every task and return one `TaskOutcome` per task, in the order given.

    With `fail_fast=True` the first failure is raised at once instead (the other tasks keep being
    tracked). `timeout` bounds the wait: tasks unfinished by then get a `TaskTimeoutError` outcome and
    keep being tracked (resume them by awaiting the handle or by id).
    """
    handles = list(tasks)
    with anyio.move_on_after(math.inf if timeout is None else timeout):
        async for task in as_completed(handles):
            error = task.exception()
            if fail_fast and error is not None:
                raise error
    outcomes: list[TaskOutcome[Any]] = []
    for task in handles:
        if task.done():
            outcomes.append(_outcome(task))
        else:
            outcomes.append(TaskOutcome(task, error=TaskTimeoutError(task_id=task.task_id, deadline=timeout or 0.0)))
    return outcomes
