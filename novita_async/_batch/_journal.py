"""The batch journal: an embedded SQLite file that makes a batch resumable and never double-paying.

Each item moves `submitting` → `submitted` (task id known) → `succeeded` / `failed` / `unknown`, with
`refused` in between while the server turns attempts away (429, 503, connection never opened).
The order of writes is the guarantee:

* `submitting` is committed (with `synchronous=FULL`) *before* each attempt of the submit is sent. If the
  process dies before the answer arrives, a re-run finds `submitting` and reports the item `unknown`
  instead of paying a second time. An attempt the server provably refused is marked `refused`, so a
  process killed during the back-off that follows leaves an item a re-run simply submits.
* `submitted` (with the task id) is committed before the engine does anything else with the task, so a
  re-run re-attaches to the task by id instead of submitting it again.

All SQLite work happens on one dedicated writer thread, never on the event loop. Writes queued while the
previous transaction commits are committed together (group commit): ten thousand items cost a few hundred
transactions, not ten thousand fsyncs. WAL mode keeps every committed transaction across `kill -9`.

Every failure of the file itself (unopenable, corrupt or truncated, disk full) is one `JournalError`
saying which, never a raw `sqlite3` error; a failed transaction changes nothing, so a later write (once
space is back) continues from a consistent journal. A full disk is met with a reserve: a file of
`_RESERVE_BYTES` kept next to the journal is deleted the first time a write fails for lack of space, and
the write is retried, so the task ids of submits already in flight are still recorded; `reserve_spent`
then tells the batch to stop submitting.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ._journal_errors import DISK_FULL, JournalError, reason_of

__all__ = ("Journal", "JournalEntry", "JournalError")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    endpoint TEXT NOT NULL,
    state TEXT NOT NULL,
    request TEXT,
    task_id TEXT,
    kind TEXT,
    files TEXT,
    error TEXT,
    error_type TEXT,
    run TEXT NOT NULL
)
"""
_MAX_GROUP = 2000
_RESERVE_BYTES = 1 << 20  # room for the writes of the submits in flight when the disk fills up
_Op = Callable[[sqlite3.Connection], Any]


class JournalEntry(NamedTuple):
    """One item's row."""

    id: str
    seq: int
    endpoint: str
    state: str
    task_id: str | None
    kind: str | None
    files: tuple[str, ...]
    error: str | None
    error_type: str | None
    run: str


class _Job:
    __slots__ = ("critical", "future", "loop", "op")

    def __init__(self, op: _Op, critical: bool, loop: asyncio.AbstractEventLoop | None) -> None:
        self.op = op
        self.critical = critical
        self.loop = loop
        self.future: asyncio.Future[Any] | None = loop.create_future() if loop is not None else None


def _resolve(future: asyncio.Future[Any], value: Any, error: BaseException | None) -> None:
    if future.done():  # the waiter was cancelled; the write happened anyway
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)


def _row(row: Sequence[Any]) -> JournalEntry:
    files = tuple(json.loads(row[6])) if row[6] else ()
    return JournalEntry(row[0], row[1], row[2], row[3], row[4], row[5], files, row[7], row[8], row[9])


_COLUMNS = "id, seq, endpoint, state, task_id, kind, files, error, error_type, run"


class Journal:
    """A journal file; `await journal.start()` (or `async with`) before use, `await journal.close()` after."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self.commits = 0
        """Transactions committed so far (group commits make this much smaller than the writes)."""
        self._reserve = self.path.with_name(self.path.name + "-reserve")
        self.reserve_spent: JournalError | None = None
        """Set when the disk filled up and the reserve was used: record what is in flight, send nothing new."""

    # --- lifecycle ---------------------------------------------------------------------------------

    async def start(self) -> Journal:
        """Open (or create) the file; raises `JournalError` if it cannot be opened or is not a journal."""
        if self._thread is None:
            loop = asyncio.get_running_loop()
            ready: asyncio.Future[None] = loop.create_future()
            try:
                await loop.run_in_executor(None, lambda: self.path.parent.mkdir(parents=True, exist_ok=True))
            except OSError as exc:
                raise JournalError(self.path, "create its directory", exc) from exc
            try:  # SQLite would only say "unable to open": ask the OS why (read-only, a directory, ...)
                await loop.run_in_executor(None, lambda: self.path.open("ab").close())
            except OSError as exc:
                raise JournalError(self.path, "open it", exc) from exc
            thread = threading.Thread(
                target=self._writer, args=(loop, ready), name=f"novita-journal:{self.path.name}", daemon=True
            )
            thread.start()
            try:
                await ready
            except (sqlite3.Error, OSError) as exc:
                raise JournalError(self.path, "open it", exc) from exc
            self._thread = thread
        return self

    async def close(self) -> None:
        """Commit what is queued and stop the writer thread."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            await asyncio.get_running_loop().run_in_executor(None, thread.join)

    async def __aenter__(self) -> Journal:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
            conn.execute(f"SELECT {_COLUMNS} FROM items LIMIT 1").fetchall()  # another file's `items` table
        except BaseException:
            conn.close()
            raise
        return conn

    def _writer(self, loop: asyncio.AbstractEventLoop, ready: asyncio.Future[None]) -> None:
        try:
            conn = self._connect()
        except BaseException as exc:
            loop.call_soon_threadsafe(_resolve, ready, None, exc)
            return
        loop.call_soon_threadsafe(_resolve, ready, None, None)
        self._make_reserve()
        sync_full = False
        try:
            while True:
                first = self._jobs.get()
                if first is None:
                    return
                group = [first]
                stop = False
                while len(group) < _MAX_GROUP:
                    try:
                        job = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if job is None:
                        stop = True
                        break
                    group.append(job)
                critical = any(j.critical for j in group)
                if critical != sync_full:
                    conn.execute(f"PRAGMA synchronous={'FULL' if critical else 'NORMAL'}")
                    sync_full = critical
                self._run_group(conn, group)
                if stop:
                    return
        finally:
            conn.close()
            self._reserve.unlink(missing_ok=True)

    def _make_reserve(self) -> None:
        try:
            if not self._reserve.exists() or self._reserve.stat().st_size < _RESERVE_BYTES:
                with self._reserve.open("wb") as f:
                    f.write(bytes(_RESERVE_BYTES))
                    f.flush()
                    os.fsync(f.fileno())
        except OSError:  # no room for it: the journal works without one
            self._reserve.unlink(missing_ok=True)

    def _run_group(self, conn: sqlite3.Connection, group: list[_Job]) -> None:
        results = self._try_group(conn, group)
        full = next((e for _, e in results if e is not None and reason_of(e) == DISK_FULL), None)
        if full is not None and self.reserve_spent is None and self._reserve.exists():
            self._reserve.unlink()
            self.reserve_spent = JournalError(self.path, "write to it", full)
            failed = [i for i, (_, e) in enumerate(results) if e is not None]
            for i, result in zip(failed, self._try_group(conn, [group[i] for i in failed]), strict=True):
                results[i] = result
        for job, (value, error) in zip(group, results, strict=True):
            if job.future is not None and job.loop is not None:
                job.loop.call_soon_threadsafe(_resolve, job.future, value, error)

    def _try_group(self, conn: sqlite3.Connection, group: list[_Job]) -> list[tuple[Any, BaseException | None]]:
        results: list[tuple[Any, BaseException | None]] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for job in group:
                try:
                    results.append((job.op(conn), None))
                except sqlite3.Error as exc:
                    results.append((None, exc))
            conn.execute("COMMIT")
            self.commits += 1
        except BaseException as exc:
            if conn.in_transaction:
                conn.rollback()
            results = [(None, exc)] * len(group)
        return results

    async def _submit(self, op: _Op, action: str, *, critical: bool = False) -> Any:
        if self._thread is None:
            raise RuntimeError("the journal is not started")
        job = _Job(op, critical, asyncio.get_running_loop())
        self._jobs.put(job)
        assert job.future is not None
        try:
            return await job.future
        except (sqlite3.Error, OSError) as exc:
            raise JournalError(self.path, action, exc) from exc

    # --- reads -------------------------------------------------------------------------------------

    async def lookup(self, ids: Iterable[str]) -> dict[str, JournalEntry]:
        """The rows of `ids` that exist (one round trip for a whole chunk of input)."""
        wanted = list(ids)

        def op(conn: sqlite3.Connection) -> dict[str, JournalEntry]:
            found: dict[str, JournalEntry] = {}
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                marks = ",".join("?" * len(part))
                for row in conn.execute(f"SELECT {_COLUMNS} FROM items WHERE id IN ({marks})", part):
                    found[row[0]] = _row(row)
            return found

        result: dict[str, JournalEntry] = await self._submit(op, "read it")
        return result

    async def counts(self) -> dict[str, int]:
        """Items per state."""

        def op(conn: sqlite3.Connection) -> dict[str, int]:
            return dict(conn.execute("SELECT state, COUNT(*) FROM items GROUP BY state").fetchall())

        result: dict[str, int] = await self._submit(op, "read it")
        return result

    # --- writes ------------------------------------------------------------------------------------

    async def mark_submitting(self, item_id: str, seq: int, endpoint: str, request: str, run: str) -> None:
        """Durably record that a paid submit is about to be sent (committed with `synchronous=FULL`)."""

        def op(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO items (id, seq, endpoint, state, request, run) VALUES (?, ?, ?, 'submitting', ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET seq=excluded.seq, endpoint=excluded.endpoint, state='submitting', "
                "request=excluded.request, task_id=NULL, kind=NULL, files=NULL, error=NULL, error_type=NULL, "
                "run=excluded.run",
                (item_id, seq, endpoint, request, run),
            )

        await self._submit(op, "record a submit", critical=True)

    async def mark_refused(self, item_id: str, run: str) -> None:
        """The attempt recorded by `mark_submitting` provably created nothing (429, 503, never connected)."""

        def op(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE items SET state='refused' WHERE id=? AND state='submitting' AND run=?", (item_id, run)
            )

        await self._submit(op, "record a refused submit")

    async def mark_submitted(self, item_id: str, task_id: str, kind: str, run: str) -> None:
        """Durably record the task id; after this, a re-run attaches instead of submitting."""

        def op(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE items SET state='submitted', task_id=?, kind=?, run=? WHERE id=?",
                (task_id, kind, run, item_id),
            )

        await self._submit(op, "record a task id", critical=True)

    async def mark_attached(self, item_id: str, run: str) -> None:
        """Claim a resumed item for this run (so a duplicate id later in the input is detected)."""

        def op(conn: sqlite3.Connection) -> None:
            conn.execute("UPDATE items SET run=? WHERE id=?", (run, item_id))

        await self._submit(op, "record a resumed item")

    async def mark_finished(
        self,
        item_id: str,
        *,
        seq: int,
        endpoint: str,
        state: str,
        run: str,
        task_id: str | None = None,
        kind: str | None = None,
        files: Sequence[str] = (),
        error: str | None = None,
        error_type: str | None = None,
    ) -> None:
        """Record a terminal state (`succeeded`, `failed`, `unknown`), creating the row if needed."""
        files_json = json.dumps(list(files))

        def op(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO items (id, seq, endpoint, state, task_id, kind, files, error, error_type, run) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET state=excluded.state, "
                "task_id=COALESCE(excluded.task_id, items.task_id), kind=COALESCE(excluded.kind, items.kind), "
                "files=excluded.files, error=excluded.error, error_type=excluded.error_type, run=excluded.run",
                (item_id, seq, endpoint, state, task_id, kind, files_json, error, error_type, run),
            )

        await self._submit(op, "record an outcome")
