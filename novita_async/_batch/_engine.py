"""The batch engine: stream any number of requests through submit → task → download lanes.

Why it is shaped this way:
* One coroutine per item *in flight*, never per input: a window (semaphore) bounds how many items have
  been pulled from the input and not yet handed to the caller, so a million-line input streams through
  in bounded memory, and a slow consumer slows the input down (backpressure).
* Three lanes with their own limits: submits (AIMD-sized, see `_aimd`), tasks in flight (server-side
  work we wait for; acquired *before* submitting, so we never create more tasks than allowed), and
  saving outputs (`_files.save_outputs`: downloads, inline base64, binary bodies).
* Every item produces exactly one `BatchOutcome`, errors included; nothing is fail-fast.
* With a journal (`_journal`), the item's state is committed before and after the paid submit, so a
  re-run skips finished items, re-attaches submitted ones by task id and never pays twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import uuid
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import anyio
import msgspec
from anyio.streams.memory import MemoryObjectSendStream

from .._client import RequestOptions
from .._errors import (
    APIConnectionError,
    AuthenticationError,
    InsufficientBalanceError,
    NovitaError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SubmitOutcomeUnknownError,
)
from .._files import Downloader, DownloadError, DownloadStats, save_outputs, storage_session
from .._polling import Task
from ._aimd import AIMDLimiter
from ._endpoints import ResolvedEndpoint, UnknownEndpointError, resolve_endpoint
from ._journal import Journal, JournalEntry
from ._types import BatchItem, BatchOutcome, BatchStats, InvalidInput

if TYPE_CHECKING:
    from .._client import NovitaClient
    from ..resources.tasks import TaskKind

__all__ = ("Batch",)

logger = logging.getLogger("novita_async")

_NO_RETRY = RequestOptions(max_retries=0)  # the engine retries submits itself, to drive AIMD
_FATAL = (InsufficientBalanceError, PermissionDeniedError, AuthenticationError)
_SUBMIT_GRACE = 60.0
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
        max_rate_limit_retries: int = 50,
        max_transient_retries: int = 5,
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
        self._max_rl = max_rate_limit_retries
        self._max_transient = max_transient_retries
        self._submits = AIMDLimiter(max_submits)
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
        self.stats = BatchStats(submit_limit=float(max_submits), min_submit_limit=float(max_submits))

    @property
    def download_stats(self) -> DownloadStats | None:
        return self._downloader.stats if self._downloader is not None else None

    # --- iteration ---------------------------------------------------------------------------------

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
                if owned and self.journal is not None:
                    with anyio.CancelScope(shield=True):
                        await self.journal.close()
        if self._feed_error is not None:
            raise self._feed_error

    async def _feed(self, tg: anyio.abc.TaskGroup, send: MemoryObjectSendStream[BatchOutcome]) -> None:
        """Pull one input only once the window has room for it: this is the backpressure."""
        source = _aiter(self._requests)
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
            outcome = BatchOutcome(_raw_id(raw, index), index, "failed", error=f"invalid batch item: {exc}",
                                   error_type="InvalidItem")
        else:
            if item.id in self._active:
                outcome = self._fail(item, index, f"duplicate id {item.id!r} in this batch", "DuplicateId")
            else:
                self._active.add(item.id)
                try:
                    outcome = await self._process(item, index)
                except Exception as exc:
                    logger.exception("batch item %s failed unexpectedly", item.id)
                    outcome = self._fail(item, index, str(exc), type(exc).__name__)
                finally:
                    self._active.discard(item.id)
        self.stats.record(outcome)
        send.send_nowait(outcome)

    # --- one item ----------------------------------------------------------------------------------

    def _fail(self, item: BatchItem, index: int, error: str, error_type: str, **kw: Any) -> BatchOutcome:
        return BatchOutcome(item.id, index, "failed", error=error, error_type=error_type, endpoint=item.endpoint,
                            **kw)

    async def _finish(
        self, item: BatchItem, index: int, outcome: BatchOutcome, kind: str | None = None
    ) -> BatchOutcome:
        if self.journal is not None and outcome.status != "skipped":
            await self.journal.mark_finished(
                item.id, seq=index, endpoint=item.endpoint, state=outcome.status, run=self._run_id,
                task_id=outcome.task_id, kind=kind, files=outcome.files, error=outcome.error,
                error_type=outcome.error_type,
            )
        return outcome

    async def _process(self, item: BatchItem, index: int) -> BatchOutcome:
        entry = None
        if self.journal is not None:
            entry = (await self.journal.lookup([item.id])).get(item.id)
        if entry is not None:
            resumed = await self._resume(item, index, entry)
            if resumed is not None:
                return resumed
        try:
            endpoint = resolve_endpoint(self._client, item.endpoint)
        except UnknownEndpointError as exc:
            return await self._finish(item, index, self._fail(item, index, str(exc), "UnknownEndpoint"))
        if self._stop_reason is not None:
            return self._skipped(item, index)
        async with self._tasks:
            if self._stop_reason is not None:
                return self._skipped(item, index)
            self.stats.lane("tasks_in_flight", 1)
            try:
                handle = await self._submit(item, index, endpoint)
                if isinstance(handle, BatchOutcome):
                    return await self._finish(item, index, handle)
                if not isinstance(handle, Task):  # a synchronous endpoint answered: its outputs are paid for
                    return await self._complete(item, index, None, "sync", handle, None, resumed=False)
                result, error = await _wait(handle)
            finally:
                self.stats.lane("tasks_in_flight", -1)
        return await self._complete(item, index, handle.task_id, handle.kind, result, error, resumed=False)

    async def _resume(self, item: BatchItem, index: int, entry: JournalEntry) -> BatchOutcome | None:
        """What an earlier run left: an outcome to report, or None to submit (again)."""
        assert self.journal is not None
        if entry.run == self._run_id:
            return self._fail(item, index, f"duplicate id {item.id!r} in this batch", "DuplicateId")
        if entry.task_id and (entry.state == "submitted" or entry.error_type == "DownloadError"):
            await self.journal.mark_attached(item.id, self._run_id)
            async with self._tasks:
                self.stats.lane("tasks_in_flight", 1)
                try:
                    kind = cast("TaskKind", entry.kind or "v3")
                    handle = self._client.tasks.attach(entry.task_id, kind, deadline=self._task_deadline)
                    self.stats.attached += 1
                    result, error = await _wait(handle)
                finally:
                    self.stats.lane("tasks_in_flight", -1)
            return await self._complete(item, index, entry.task_id, entry.kind or "v3", result, error, resumed=True)
        if entry.state == "succeeded" or (entry.state == "failed" and (entry.task_id or entry.kind == "sync")):
            # Final: done, or a task that failed on the server, or a synchronous answer whose output could
            # not be saved (each was paid; re-running would pay again).
            outcome = BatchOutcome(item.id, index, entry.state, entry.task_id, entry.files, entry.error,  # type: ignore[arg-type]
                                   entry.error_type, item.endpoint, resumed=True)
            await self.journal.mark_attached(item.id, self._run_id)
            return outcome
        if entry.state in ("submitting", "unknown") and not self._resubmit_unknown:
            why = entry.error or f"the process stopped while submitting; {_UNKNOWN_HINT}"
            outcome = BatchOutcome(item.id, index, "unknown", None, (), why, entry.error_type or "SubmitOutcomeUnknown",
                                   item.endpoint, resumed=True)
            return await self._finish(item, index, outcome)
        return None  # failed before anything was paid, or unknown and the user opted in: submit

    def _skipped(self, item: BatchItem, index: int) -> BatchOutcome:
        return BatchOutcome(item.id, index, "skipped", error=f"not attempted: {self._stop_reason}",
                            error_type="Stopped", endpoint=item.endpoint)

    def _stop(self, reason: str) -> None:
        if self._stop_reason is None:
            logger.warning("batch stops submitting: %s", reason)
            self._stop_reason = self.stats.stopped = reason

    async def _submit(self, item: BatchItem, index: int, endpoint: ResolvedEndpoint) -> Any:
        """Submit with the engine's own retry loop (429 → AIMD); returns a handle or a failure outcome."""
        kwargs: dict[str, Any] = dict(item.request)
        if item.extra is not None:
            kwargs["extra"] = item.extra
        if endpoint.accepts_options:
            kwargs["options"] = _NO_RETRY
        if endpoint.accepts_deadline and self._task_deadline is not None:
            kwargs["deadline"] = self._task_deadline
        body = msgspec.json.encode({"request": item.request, "extra": item.extra}).decode()
        marked = False
        family = endpoint.name.replace("_", "-")
        rate_limited = transient = 0
        while True:
            await self._submits.acquire()
            self.stats.lane("submitting", 1)
            try:
                await self._await_pace(family, item)
                # Shielded: once sent, a submit's answer (and its task id) must reach the journal even if
                # the batch is being cancelled; otherwise a Ctrl-C would turn it into an "unknown".
                # The "submitting" record is written inside the same shield, right before the send: a
                # cancel while still waiting for the lane or the pace leaves no record (nothing was sent),
                # and one that arrives after it cannot separate the record from the send.
                with anyio.CancelScope(shield=True), anyio.fail_after(_SUBMIT_GRACE):
                    if self.journal is not None and not marked:
                        await self.journal.mark_submitting(item.id, index, item.endpoint, body, self._run_id)
                        marked = True
                    handle = await endpoint.method(**kwargs)
                    if isinstance(handle, Task) and self.journal is not None:
                        await self.journal.mark_submitted(item.id, handle.task_id, handle.kind, self._run_id)
            except RateLimitError as exc:
                self._submits.on_rate_limited(exc.retry_after)
                self.stats.rate_limited += 1
                self.stats.min_submit_limit = min(self.stats.min_submit_limit, self._submits.limit)
                rate_limited += 1
                logger.debug("batch %s: 429, submit lane now %.1f", item.id, self._submits.limit)
                if rate_limited > self._max_rl:
                    return self._fail(item, index, str(exc), type(exc).__name__)
                continue
            except SubmitOutcomeUnknownError as exc:
                return BatchOutcome(item.id, index, "unknown", error=f"{exc}; {_UNKNOWN_HINT}",
                                    error_type=type(exc).__name__, endpoint=item.endpoint)
            except (APIConnectionError, ServerError, TimeoutError) as exc:
                # Only failures that provably created nothing arrive here (a connection that never
                # opened, 5xx refusals); a sent-but-unanswered submit is SubmitOutcomeUnknownError.
                transient += 1
                if transient > self._max_transient:
                    return self._fail(item, index, str(exc), type(exc).__name__)
                delay = random.random() * min(8.0, 0.25 * 2**transient)
                logger.debug("batch %s: submit failed before reaching the server (%s); retry in %.2fs",
                             item.id, exc, delay)
                await anyio.sleep(delay)
                continue
            except _FATAL as exc:
                if self._on_fatal == "stop":
                    self._stop(f"{type(exc).__name__}: {exc}")
                return self._fail(item, index, str(exc), type(exc).__name__)
            except (NovitaError, TypeError, ValueError) as exc:
                if self._on_invalid == "stop":
                    self._stop(f"{type(exc).__name__}: {exc}")
                return self._fail(item, index, str(exc), type(exc).__name__)
            finally:
                self.stats.lane("submitting", -1)
                self._submits.release()
            self._submits.on_success()
            self.stats.submit_limit = self._submits.limit
            self.stats.submits += 1
            return handle

    async def _await_pace(self, family: str, item: BatchItem) -> None:
        """Wait for the client's rate-limit token *outside* the shield, so Ctrl-C is not held up by pacing."""
        await self._client.limiter.wait_until_ready(family, float(item.request.get("image_num", 1) or 1))

    async def _complete(
        self, item: BatchItem, index: int, task_id: str | None, kind: str, result: Any, error: BaseException | None,
        *, resumed: bool,
    ) -> BatchOutcome:
        if error is not None:
            outcome = self._fail(item, index, str(error), type(error).__name__, task_id=task_id, resumed=resumed)
            return await self._finish(item, index, outcome, kind)
        files: tuple[str, ...] = ()
        if self._downloader is not None and self.out_dir is not None:
            try:
                files = await save_outputs(
                    self._client, self._downloader, self.out_dir, item.id, task_id, kind, result, self.stats
                )
            except DownloadError as exc:
                outcome = self._fail(item, index, str(exc), "DownloadError", task_id=task_id, resumed=resumed)
                return await self._finish(item, index, outcome, kind)
        outcome = BatchOutcome(item.id, index, "succeeded", task_id, files, endpoint=item.endpoint, result=result,
                               resumed=resumed)
        return await self._finish(item, index, outcome, kind)


async def _wait(handle: Task[Any]) -> tuple[Any, BaseException | None]:
    try:
        return await handle, None
    except NovitaError as exc:
        return None, exc
    finally:
        if not handle.done():  # the batch was stopped: stop polling; the journal keeps the task id
            handle.cancel()


def _raw_id(raw: Any, index: int) -> str:
    if isinstance(raw, InvalidInput):
        return raw.id
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    return f"#{index}"


async def _aiter(source: Iterable[Any] | AsyncIterable[Any]) -> AsyncIterator[Any]:
    if isinstance(source, AsyncIterable):
        async for item in source:
            yield item
    else:
        for item in source:
            yield item
