"""The item ledger: every journal write of one batch item, and what that item has really sent.

Why one object per item: whether an item can be `unknown` depends on what actually left the machine,
and only the attempt loop inside the client's session sees that. The ledger is that loop's
`SubmitWatcher` (see `_session`): it commits `submitting` right before each attempt's bytes may leave,
and `refused` when the attempt provably created nothing (`_retry.submit_refused`: 429, 503, connection
never opened). So an item is `unknown` only if an attempt was sent and never refused, not because the
process died while it was backing off from a 429.

The engine never writes the journal itself; it tells the ledger what happened (`submitted`, `finish`).
Writes that must precede something (the record before a send, the lookup before deciding) raise
`JournalError`; the others, if the journal fails, are kept and retried by `flush()` at the end of the
batch, and whatever still cannot be written is named in the final `JournalError`, so no task id is lost.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

import anyio
import msgspec

from .._retry import submit_refused
from ._journal import Journal, JournalEntry, JournalError
from ._types import BatchItem, BatchOutcome

__all__ = ("ItemLedger",)


class ItemLedger:
    """The journal rows and the send history of one item (`journal=None`: history only)."""

    def __init__(
        self,
        journal: Journal | None,
        item: BatchItem,
        index: int,
        run: str,
        *,
        on_refused: Callable[[BaseException], None],
        on_failure: Callable[[ItemLedger, JournalError], None],
    ) -> None:
        self._journal = journal
        self._item = item
        self._index = index
        self._run = run
        self._on_refused = on_refused
        self._on_failure = on_failure
        self.sent = False
        """An attempt may have reached the server and was not refused: a task may exist."""
        self.task_id: str | None = None
        self.task_recorded = False
        """The journal holds `task_id` (a re-run re-attaches to it, whatever else failed to be written)."""
        self._pending: dict[str, Any] | None = None  # the last state the journal could not take

    @property
    def item_id(self) -> str:
        return self._item.id

    @staticmethod
    def unrecorded_tasks(ledgers: Iterable[ItemLedger]) -> list[tuple[str, str]]:
        """`(item id, task id)` of created tasks whose id the journal does not hold."""
        return [(led.item_id, led.task_id) for led in ledgers if led.task_id and not led.task_recorded]

    @property
    def unsaved(self) -> bool:
        return self._pending is not None

    async def lookup(self) -> JournalEntry | None:
        """What an earlier run recorded for this item."""
        if self._journal is None:
            return None
        if self._journal.reserve_spent is not None:  # the disk is full: start nothing new
            raise self._journal.reserve_spent
        return (await self._journal.lookup([self._item.id])).get(self._item.id)

    # --- the session's watcher ---------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def attempt(self) -> AsyncIterator[None]:
        """One attempt of the submit, shielded: once sent, its answer (and task id) is not thrown away by
        a cancel, which would turn it into an `unknown`. Pacing and back-off stay outside, cancellable."""
        with anyio.CancelScope(shield=True):
            if self._journal is not None and self._journal.reserve_spent is not None:
                raise self._journal.reserve_spent  # the disk is full: the reserve is for what is in flight
            if self._journal is not None:
                # Encoded here, not held per item: with large image inputs, a thousand items in flight
                # each holding its JSON body cost gigabytes.
                body = msgspec.json.encode({"request": self._item.request, "extra": self._item.extra}).decode()
                await self._journal.mark_submitting(self._item.id, self._index, self._item.endpoint, body, self._run)
            self.sent = True
            try:
                yield
            except Exception as exc:
                if submit_refused(exc):
                    self.sent = False
                    self._on_refused(exc)
                    if self._journal is not None:
                        await self._write("mark_refused", self._item.id, self._run)
                raise

    # --- what the engine reports -------------------------------------------------------------------

    async def submitted(self, task_id: str, kind: str) -> None:
        """The task exists: record its id before anything else happens to it."""
        self.task_id = task_id
        with anyio.CancelScope(shield=True):
            await self._write("mark_submitted", self._item.id, task_id, kind, self._run)

    async def attached(self, task_id: str | None) -> None:
        """Claim an item an earlier run left for this run (so a duplicate id later is detected)."""
        self.task_id = task_id
        self.task_recorded = task_id is not None
        await self._write("mark_attached", self._item.id, self._run)

    async def finish(self, outcome: BatchOutcome, kind: str | None = None) -> BatchOutcome:
        """Record a terminal outcome (`skipped` is not one: a re-run attempts it)."""
        if self._journal is not None and outcome.status != "skipped":
            await self._write(
                "mark_finished", self._item.id, seq=self._index, endpoint=self._item.endpoint,
                state=outcome.status, run=self._run, task_id=outcome.task_id or self.task_id, kind=kind,
                files=outcome.files, error=outcome.error, error_type=outcome.error_type,
            )
        return outcome

    async def flush(self) -> bool:
        """Try the write the journal refused earlier again; True once nothing is pending."""
        pending, self._pending = self._pending, None
        if pending is not None:
            await self._write(pending.pop("__method__"), *pending.pop("__args__"), **pending)
        return self._pending is None

    async def _write(self, method: str, *args: Any, **kwargs: Any) -> None:
        if self._journal is None:
            return
        try:
            await getattr(self._journal, method)(*args, **kwargs)
        except JournalError as exc:
            if method in ("mark_submitted", "mark_finished"):  # a later one supersedes an earlier one
                self._pending = {"__method__": method, "__args__": args, **kwargs}
            self._on_failure(self, exc)
        else:
            if method in ("mark_submitted", "mark_finished"):
                self._pending = None
                self.task_recorded = self.task_recorded or self.task_id is not None
