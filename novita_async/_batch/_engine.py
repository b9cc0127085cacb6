"""The batch engine: stream any number of requests through submit → task → download lanes.

Why it is shaped this way:
* One coroutine per item *in flight*, never per input: a window (semaphore) bounds how many items have
  been pulled from the input and not yet handed to the caller, so a million-line input streams through
  in bounded memory, and a slow consumer slows the input down (backpressure).
* Three lanes with their own limits: submits, tasks in flight (acquired *before* submitting, so we never
  create more tasks than allowed), and saving outputs (`_files.save_outputs`).
* One submit policy: the engine never retries or re-sends a submit itself. It calls the client's submit
  path, whose retry rule (`_retry`) re-sends only what provably created nothing (429, 503, connection never
  opened) and turns everything ambiguous into `SubmitOutcomeUnknownError`, reported `unknown`.
* Every item produces exactly one `BatchOutcome`, errors included; nothing is fail-fast.
* With a journal, each item's `ItemLedger` commits its state before every attempt and after the answer: a
  re-run skips finished items, re-attaches submitted ones, never pays twice, and reports `unknown` only for
  items that really sent something. A failing journal (corrupt, disk full) stops submits: one `JournalError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import math
import uuid
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import anyio
import msgspec
from anyio.streams.memory import MemoryObjectSendStream

from .. import _constants as C
from .._client import RequestOptions
from .._errors import (
    AuthenticationError,
    InsufficientBalanceError,
    NovitaError,
    PermissionDeniedError,
    RateLimitError,
    SubmitOutcomeUnknownError,
)
from .._files import Downloader, DownloadError, DownloadStats, save_outputs, storage_session
from .._polling import Task
from .._session import SUBMIT_WATCHER
from ._endpoints import ResolvedEndpoint, UnknownEndpointError, resolve_endpoint
from ._journal import Journal, JournalEntry, JournalError
from ._ledger import ItemLedger
from ._types import BatchItem, BatchOutcome, BatchStats, InvalidInput, aiter_any, raw_id

if TYPE_CHECKING:
    from .._client import NovitaClient
    from ..resources.tasks import TaskKind

__all__ = ("Batch",)

logger = logging.getLogger("novita_async")

_FATAL = (InsufficientBalanceError, PermissionDeniedError, AuthenticationError)
_UNKNOWN_HINT = "the submit may have created a paid task; re-run with resubmit_unknown=True to send it again"


class Batch:
    """`async for outcome in client.batch(requests, ...)`; see `NovitaClient.batch` for the options."""

    def __init__(
        self,
        client: NovitaClient,
        requests: Iterable[BatchItem | dict[str, Any]] | AsyncIterable[BatchItem | dict[str, Any]],
        *,
        out_dir: str | Path | None = None,
        journal: str | Path | Journal | None = None,
        order: Literal["completion", "input"] = "completion",
        max_submits: int = 8,
        max_tasks: int = 64,
        max_downloads: int = 8,
        max_pending: int | None = None,
        on_fatal: Literal["stop", "skip"] = "stop",
        on_invalid: Literal["stop", "skip"] = "skip",
        resubmit_unknown: bool = False,
        task_deadline: float | None = None,
        max_submit_retries: int = C.BATCH_SUBMIT_RETRIES,
    ) -> None:
        if order not in ("completion", "input"):
            raise ValueError("order must be 'completion' or 'input'")
        if min(max_submits, max_tasks, max_downloads) < 1:
            raise ValueError("lane limits must be >= 1")
        self._client = client
        self._requests = requests
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self._journal_arg = journal
        self.journal: Journal | None = None
        self.order = order
        self._on_fatal = on_fatal
        self._on_invalid = on_invalid
        self._resubmit_unknown = resubmit_unknown
        self._task_deadline = task_deadline
        # The client's retry rule, with a budget sized for a batch that may meet long 429 storms.
        self._submit_options = RequestOptions(max_retries=max_submit_retries)
        self._submits = anyio.Semaphore(max_submits)
        self._tasks = anyio.Semaphore(max_tasks)
        self._window = anyio.Semaphore(max_pending or (2 * max_tasks + max_submits + 2 * max_downloads))
        self._downloader = (
            Downloader(max_concurrency=max_downloads, session=storage_session(client))
            if self.out_dir is not None else None
        )
        self._run_id = uuid.uuid4().hex
        self._active: set[str] = set()
        self._stop_reason: str | None = None
        self._feed_error: BaseException | None = None
        self._started = False
        self._iterator: AsyncIterator[BatchOutcome] | None = None
        self._journal_error: JournalError | None = None
        self._unsaved: dict[str, ItemLedger] = {}
        self.stats = BatchStats()

    @property
    def download_stats(self) -> DownloadStats | None:
        return self._downloader.stats if self._downloader is not None else None

    def __aiter__(self) -> AsyncIterator[BatchOutcome]:
        if self._iterator is None:
            if self._started:
                raise RuntimeError("a Batch can be iterated only once")
            self._started = True
            self._iterator = self._iterate()
        return self._iterator

    async def __aenter__(self) -> Batch:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop early: in-flight submits finish and are journaled, unfinished tasks stay resumable."""
        if self._iterator is not None:
            await self._iterator.aclose()  # type: ignore[attr-defined]

    async def _iterate(self) -> AsyncIterator[BatchOutcome]:
        send, receive = anyio.create_memory_object_stream[BatchOutcome](math.inf)
        # The lanes run in their own asyncio task: a task group must not span `yield` in a generator.
        runner = asyncio.ensure_future(self._run(send))
        try:
            async with receive:
                if self.order == "input":
                    held: dict[int, BatchOutcome] = {}
                    expected = 0
                    async for outcome in receive:
                        held[outcome.index] = outcome
                        while expected in held:
                            ready = held.pop(expected)
                            expected += 1
                            yield ready
                            self._window.release()
                else:
                    async for outcome in receive:
                        yield outcome
                        self._window.release()
            await runner
        finally:
            if not runner.done():
                runner.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await runner

    async def _run(self, send: MemoryObjectSendStream[BatchOutcome]) -> None:
        owned = False
        async with send, contextlib.AsyncExitStack() as stack:
            if isinstance(self._journal_arg, Journal):
                self.journal = await self._journal_arg.start()
            elif self._journal_arg is not None:
                self.journal = await Journal(self._journal_arg).start()
                owned = True
            try:
                if self._downloader is not None:
                    await stack.enter_async_context(self._downloader)
                async with anyio.create_task_group() as tg:
                    await self._feed(tg, send)
            finally:
                with anyio.CancelScope(shield=True):
                    unsaved = [ledger for ledger in self._unsaved.values() if not await ledger.flush()]
                    if owned and self.journal is not None:
                        await self.journal.close()
        error = self._journal_error or (self.journal.reserve_spent if self.journal is not None else None)
        if error is not None:
            raise error.with_unsaved(ItemLedger.unrecorded_tasks(unsaved))
        if self._feed_error is not None:
            raise self._feed_error

    def _journal_failed(self, ledger: ItemLedger, error: JournalError) -> None:
        """The journal refused a write: stop paying for anything new, keep what could not be written."""
        self._unsaved[ledger.item_id] = ledger
        if self._journal_error is None:
            self._journal_error = error
            self._stop(str(error), level=logging.DEBUG)  # the batch ends with this error: no second report

    def _refused(self, error: BaseException) -> None:
        self.stats.rate_limited += isinstance(error, RateLimitError)

    async def _feed(self, tg: anyio.abc.TaskGroup, send: MemoryObjectSendStream[BatchOutcome]) -> None:
        """Pull one input only once the window has room for it: this is the backpressure."""
        source = aiter_any(self._requests)
        index = 0
        while True:
            await self._window.acquire()
            try:
                raw = await source.__anext__()
            except StopAsyncIteration:
                self._window.release()
                return
            except Exception as exc:
                self._window.release()
                self._feed_error = exc
                return
            self.stats.pulled += 1
            tg.start_soon(self._one, index, raw, send)
            index += 1

    async def _one(self, index: int, raw: Any, send: MemoryObjectSendStream[BatchOutcome]) -> None:
        try:
            if isinstance(raw, InvalidInput):
                raise TypeError(raw.error)
            item = raw if isinstance(raw, BatchItem) else msgspec.convert(raw, BatchItem)
        except (msgspec.ValidationError, TypeError) as exc:
            outcome = BatchOutcome(raw_id(raw, index), index, "failed", error=f"invalid batch item: {exc}",
                                   error_type="InvalidItem")
        else:
            if item.id in self._active:
                outcome = self._fail(item, index, f"duplicate id {item.id!r} in this batch", "DuplicateId")
            else:
                self._active.add(item.id)
                ledger = ItemLedger(self.journal, item, index, self._run_id, on_refused=self._refused,
                                    on_failure=self._journal_failed)
                try:
                    outcome = await self._process(item, index, ledger)
                except JournalError as exc:  # a read, or the record before a send: nothing was sent
                    self._journal_failed(ledger, exc)
                    outcome = self._skipped(item, index)
                except Exception as exc:
                    logger.exception("batch item %s failed unexpectedly", item.id)
                    outcome = await ledger.finish(self._fail(
                        item, index, str(exc), type(exc).__name__, status="unknown" if ledger.sent else "failed"
                    ))
                finally:
                    self._active.discard(item.id)
        self.stats.record(outcome)
        # The consumer may have stopped early (`break`, `aclose`) while this item was finishing: its outcome
        # is journaled already, so it is dropped from the stream rather than failing the close.
        with contextlib.suppress(anyio.BrokenResourceError):
            send.send_nowait(outcome)

    # --- one item ----------------------------------------------------------------------------------

    def _fail(
        self, item: BatchItem, index: int, error: str, error_type: str, *,
        status: Literal["failed", "unknown"] = "failed", **kw: Any,
    ) -> BatchOutcome:
        return BatchOutcome(item.id, index, status, error=error, error_type=error_type, endpoint=item.endpoint,
                            **kw)

    async def _process(self, item: BatchItem, index: int, ledger: ItemLedger) -> BatchOutcome:
        if self._journal_error is not None:
            return self._skipped(item, index)
        entry = await ledger.lookup()
        if entry is not None:
            resumed = await self._resume(item, index, entry, ledger)
            if resumed is not None:
                return resumed
        try:
            endpoint = resolve_endpoint(self._client, item.endpoint)
        except UnknownEndpointError as exc:
            return await ledger.finish(self._fail(item, index, str(exc), "UnknownEndpoint"))
        if self._stop_reason is not None:
            return self._skipped(item, index)
        async with self._tasks:
            if self._stop_reason is not None:
                return self._skipped(item, index)
            self.stats.lane("tasks_in_flight", 1)
            try:
                handle = await self._submit(item, index, endpoint, ledger)
                if isinstance(handle, BatchOutcome):
                    return await ledger.finish(handle)
                if not isinstance(handle, Task):  # a synchronous endpoint answered: its outputs are paid for
                    return await self._complete(item, index, ledger, None, "sync", handle, None, resumed=False)
                result, error = await _wait(handle)
            finally:
                self.stats.lane("tasks_in_flight", -1)
        return await self._complete(item, index, ledger, handle.task_id, handle.kind, result, error, resumed=False)

    async def _resume(
        self, item: BatchItem, index: int, entry: JournalEntry, ledger: ItemLedger
    ) -> BatchOutcome | None:
        """What an earlier run left: an outcome to report, or None to submit (again)."""
        if entry.run == self._run_id:
            return self._fail(item, index, f"duplicate id {item.id!r} in this batch", "DuplicateId")
        if entry.task_id and (entry.state == "submitted" or entry.error_type == "DownloadError"):
            await ledger.attached(entry.task_id)
            async with self._tasks:
                self.stats.lane("tasks_in_flight", 1)
                try:
                    kind = cast("TaskKind", entry.kind or "v3")
                    handle = self._client.tasks.attach(entry.task_id, kind, deadline=self._task_deadline)
                    self.stats.attached += 1
                    result, error = await _wait(handle)
                finally:
                    self.stats.lane("tasks_in_flight", -1)
            return await self._complete(
                item, index, ledger, entry.task_id, entry.kind or "v3", result, error, resumed=True
            )
        if entry.state == "succeeded" or (entry.state == "failed" and (entry.task_id or entry.kind == "sync")):
            # Final: done, or a task that failed on the server, or a synchronous answer whose output could
            # not be saved (each was paid; re-running would pay again).
            outcome = BatchOutcome(item.id, index, entry.state, entry.task_id, entry.files, entry.error,  # type: ignore[arg-type]
                                   entry.error_type, item.endpoint, resumed=True)
            await ledger.attached(entry.task_id)
            return outcome
        if entry.state in ("submitting", "unknown") and not self._resubmit_unknown:
            why = entry.error or f"the process stopped while a submit was in flight; {_UNKNOWN_HINT}"
            outcome = BatchOutcome(item.id, index, "unknown", None, (), why, entry.error_type or "SubmitOutcomeUnknown",
                                   item.endpoint, resumed=True)
            return await ledger.finish(outcome)
        return None  # refused or failed before anything was paid, or unknown and the user opted in: submit

    def _skipped(self, item: BatchItem, index: int) -> BatchOutcome:
        return BatchOutcome(item.id, index, "skipped", error=f"not attempted: {self._stop_reason}",
                            error_type="Stopped", endpoint=item.endpoint)

    def _stop(self, reason: str, *, level: int = logging.WARNING) -> None:
        if self._stop_reason is None:
            logger.log(level, "batch stops submitting: %s", reason)
            self._stop_reason = self.stats.stopped = reason

    async def _submit(self, item: BatchItem, index: int, endpoint: ResolvedEndpoint, ledger: ItemLedger) -> Any:
        """One call of the client's submit path (its retry rule, our ledger watching each attempt); returns
        a handle, a synchronous endpoint's result, or the item's outcome if the submit did not succeed."""
        kwargs: dict[str, Any] = dict(item.request)
        if item.extra is not None:
            kwargs["extra"] = item.extra
        if endpoint.accepts_options:
            kwargs["options"] = self._submit_options
        if endpoint.accepts_deadline and self._task_deadline is not None:
            kwargs["deadline"] = self._task_deadline
        async with self._submits:
            self.stats.lane("submitting", 1)
            watching = SUBMIT_WATCHER.set(ledger)
            try:
                handle = await endpoint.method(**kwargs)
                if isinstance(handle, Task):
                    await ledger.submitted(handle.task_id, handle.kind)
            except SubmitOutcomeUnknownError as exc:
                return self._fail(item, index, f"{exc}; {_UNKNOWN_HINT}", type(exc).__name__, status="unknown")
            except JournalError:
                raise
            except _FATAL as exc:
                if self._on_fatal == "stop":
                    self._stop(f"{type(exc).__name__}: {exc}")
                return self._fail(item, index, str(exc), type(exc).__name__)
            except (NovitaError, TypeError, ValueError) as exc:
                if ledger.sent:  # failed after an attempt that was sent and not refused: a task may exist
                    return self._fail(item, index, f"{exc}; {_UNKNOWN_HINT}", type(exc).__name__, status="unknown")
                if self._on_invalid == "stop":
                    self._stop(f"{type(exc).__name__}: {exc}")
                return self._fail(item, index, str(exc), type(exc).__name__)
            finally:
                SUBMIT_WATCHER.reset(watching)
                self.stats.lane("submitting", -1)
            self.stats.submits += 1
            return handle

    async def _complete(
        self, item: BatchItem, index: int, ledger: ItemLedger, task_id: str | None, kind: str, result: Any,
        error: BaseException | None, *, resumed: bool,
    ) -> BatchOutcome:
        if error is not None:
            outcome = self._fail(item, index, str(error), type(error).__name__, task_id=task_id, resumed=resumed)
            return await ledger.finish(outcome, kind)
        files: tuple[str, ...] = ()
        if self._downloader is not None and self.out_dir is not None:
            try:
                files = await save_outputs(
                    self._client, self._downloader, self.out_dir, item.id, task_id, kind, result, self.stats
                )
            except DownloadError as exc:
                if isinstance(exc.__cause__, OSError) and exc.__cause__.errno == errno.ENOSPC:
                    self._stop(f"the disk is full, outputs cannot be saved ({exc})")  # don't pay for more
                outcome = self._fail(item, index, str(exc), "DownloadError", task_id=task_id, resumed=resumed)
                return await ledger.finish(outcome, kind)
        outcome = BatchOutcome(item.id, index, "succeeded", task_id, files, endpoint=item.endpoint, result=result,
                               resumed=resumed)
        return await ledger.finish(outcome, kind)


async def _wait(handle: Task[Any]) -> tuple[Any, BaseException | None]:
    try:
        return await handle, None
    except NovitaError as exc:
        return None, exc
    finally:
        if not handle.done():  # the batch was stopped: stop polling; the journal keeps the task id
            handle.cancel()

