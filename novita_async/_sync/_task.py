"""`SyncTask`: the blocking twin of `Task`, for code that cannot `await`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

import anyio

from ._portal import SyncIterator, run_blocking

if TYPE_CHECKING:
    from anyio.from_thread import BlockingPortal

    from .._polling import Task, TaskStatus, TaskUpdate

__all__ = ("SyncTask",)

R = TypeVar("R")


class SyncTask(Generic[R]):
    """A submitted task. `task.result(timeout=60)` blocks this thread only and returns the result.

    Everything else mirrors `Task`: `task_id`, `status`, `progress_percent`, `eta`, `done()`,
    `exception()`, `cancel()` (stops tracking; the task keeps running server-side), `updates()` (a plain
    iterator), and `wait(timeout=...)`. The async handle is `task.async_task`.
    """

    __slots__ = ("_portal", "_task")

    def __init__(self, portal: BlockingPortal, task: Task[R]) -> None:
        self._portal = portal
        self._task = task

    def __repr__(self) -> str:
        return repr(self._task).replace("<Task", "<SyncTask", 1)

    @property
    def async_task(self) -> Task[R]:
        return self._task

    # Plain attribute reads: the loop thread replaces these objects whole, so a read is never torn.
    @property
    def task_id(self) -> str:
        return self._task.task_id

    @property
    def kind(self) -> str:
        return self._task.kind

    @property
    def endpoint(self) -> str:
        return self._task.endpoint

    @property
    def status(self) -> TaskStatus:
        return self._task.status

    @property
    def progress_percent(self) -> float | None:
        return self._task.progress_percent

    @property
    def eta(self) -> float | None:
        return self._task.eta

    @property
    def last_update(self) -> TaskUpdate | None:
        return self._task.last_update

    def done(self) -> bool:
        return self._task.done()

    def cancelled(self) -> bool:
        return self._task.cancelled()

    def exception(self) -> BaseException | None:
        return self._task.exception()

    def result(self, timeout: float | None = None) -> R:
        """The task's result, waiting at most `timeout` seconds (`TaskTimeoutError` after that).

        Raises `TaskFailedError` if the service reports failure. Ctrl-C while waiting raises
        `KeyboardInterrupt` here; the task stays tracked and can be waited for again.
        """
        return run_blocking(self._portal, self._task.result, timeout)  # type: ignore[no-any-return]

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the task is done, without raising its error; False if `timeout` passed first."""
        run_blocking(self._portal, _wait, self._task, timeout)
        return self._task.done()

    def cancel(self) -> None:
        """Stop tracking this task. The task keeps running on the server; resume it by `task_id`."""
        run_blocking(self._portal, self._task.cancel)

    def updates(self) -> SyncIterator[TaskUpdate]:
        """Each change of status or progress until the task is done, as a plain iterator."""
        return SyncIterator(self._portal, self._task.updates)


async def _wait(task: Task[Any], timeout: float | None) -> None:
    with anyio.move_on_after(timeout):
        await task.wait()
