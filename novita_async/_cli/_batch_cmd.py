"""`novita-async batch INPUT.jsonl --out DIR`: the batch engine with a journal, downloads, progress.

`results.jsonl` is written to a temp file while outcomes arrive and moved into place at the end, so it
always holds exactly one line per input, also after a crash and resume (resumed items come from the
journal); temp files a killed run left behind are removed by the next run. The journal defaults to
`DIR/journal.sqlite3`: re-running the same command resumes. INPUT `-` reads the JSONL from stdin.
A journal or disk problem (corrupt file, full disk, read-only directory) ends the run with one line.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import anyio
import anyio.to_thread
import msgspec

from .._batch import Batch, BatchOutcome, InvalidInput, JournalError
from ._common import CLIError, open_client, parse_rpm
from ._gallery import write_gallery
from ._progress import Progress

__all__ = ("add_parser", "run_batch_command")

_CHUNK = 512


def add_parser(sub: Any) -> None:
    p = sub.add_parser("batch", help="run a JSONL file of requests, resumably", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", type=Path,
                   help='JSONL: {"id": "...", "endpoint": "txt2img", "request": {...}}; - reads stdin')
    p.add_argument("--out", type=Path, required=True, help="output directory (files under DIR/<id>/)")
    p.add_argument("--journal", type=Path, help="journal file (default DIR/journal.sqlite3)")
    p.add_argument("--emulator", action="store_true", help="run against the bundled offline emulator")
    p.add_argument("--order", choices=("input", "completion"), default="input",
                   help="order of results.jsonl lines (default: input)")
    p.add_argument("--max-submits", type=int, default=8, metavar="N", help="submits in flight (default 8)")
    p.add_argument("--max-tasks", type=int, default=64, metavar="N", help="tasks in flight (default 64)")
    p.add_argument("--max-downloads", type=int, default=8, metavar="N", help="downloads in flight (default 8)")
    p.add_argument("--on-fatal", choices=("stop", "skip"), default="stop",
                   help="on balance/permission errors: stop submitting (default) or skip the item")
    p.add_argument("--resubmit-unknown", action="store_true",
                   help="re-send items whose earlier submit had an unknown outcome (may pay twice)")
    p.add_argument("--task-duration", type=float, nargs=2, default=(0.5, 1.5), metavar=("MIN", "MAX"),
                   help=argparse.SUPPRESS)
    p.add_argument("--rpm", default=None, metavar="N",
                   help="pin every endpoint to N per minute (images; requests for video). Default: learn each "
                        "endpoint's pace from the server's 429 answers. 0 = no pacing")
    p.add_argument("--poll-interval", type=float, default=None, help=argparse.SUPPRESS)


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            count += block.count(b"\n")
    return count


async def _read_items(source: Path | BinaryIO) -> AsyncIterator[Any]:
    """Lines of `source` (a path, or stdin), read in chunks in a worker thread; a bad line becomes an
    `InvalidInput`."""
    f = source if not isinstance(source, Path) else await anyio.to_thread.run_sync(source.open, "rb")
    try:
        number = 0
        while True:
            lines: list[bytes] = await anyio.to_thread.run_sync(f.readlines, 1 << 16)
            if not lines:
                return
            for line in lines:
                number += 1
                if not line.strip():
                    continue
                try:
                    value = msgspec.json.decode(line)
                except msgspec.DecodeError as exc:
                    yield InvalidInput(f"line-{number}", f"line {number}: invalid JSON: {exc}")
                    continue
                if not isinstance(value, dict):
                    yield InvalidInput(f"line-{number}", f"line {number}: expected a JSON object")
                    continue
                yield value
    finally:
        if f is not source:
            await anyio.to_thread.run_sync(f.close)


class _ResultsWriter:
    """Appends outcome lines to a temp file (flushed in chunks off the loop) and publishes it atomically."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        self._file: TextIO | None = None
        self._pending: list[bytes] = []

    async def open(self) -> None:
        self._file = await anyio.to_thread.run_sync(self._open)

    def _open(self) -> TextIO:
        # Temp files of earlier runs whose process is gone (killed) are garbage: the journal has their work.
        prefix = f".{self.final.name}."
        for stale in self.final.parent.glob(f"{prefix}*.tmp"):
            pid = stale.name[len(prefix):-len(".tmp")]
            if not (pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid))):
                stale.unlink(missing_ok=True)
        return self.tmp.open("w", encoding="utf-8")

    async def add(self, outcome: BatchOutcome) -> None:
        self._pending.append(msgspec.json.encode(outcome.to_json()))
        if len(self._pending) >= _CHUNK:
            await self._flush()

    async def _flush(self) -> None:
        lines, self._pending = self._pending, []
        file = self._file
        assert file is not None
        await anyio.to_thread.run_sync(file.write, "".join(line.decode() + "\n" for line in lines))

    def _publish(self) -> None:
        assert self._file is not None
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.tmp, self.final)
        # Downloads are all done: temp files left by a killed earlier run are garbage now.
        for stale in self.final.parent.rglob("*.part"):
            stale.unlink(missing_ok=True)

    async def commit(self) -> None:
        await self._flush()
        await anyio.to_thread.run_sync(self._publish)

    async def discard(self) -> None:
        def drop() -> None:
            if self._file is not None:
                with contextlib.suppress(OSError):  # a full disk may refuse the flush on close
                    self._file.close()
            self.tmp.unlink(missing_ok=True)

        await anyio.to_thread.run_sync(drop)


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) is a liveness probe on POSIX only (CTRL_C_EVENT on Windows)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _storage_error(exc: JournalError | OSError, journal: Path) -> CLIError:
    """One line for a journal or disk problem: what happened, whether anything is lost, what to do."""
    if isinstance(exc, JournalError):
        if exc.corrupt:
            hint = ("Nothing was sent. It records what earlier runs paid for: repair or move it away "
                    "(or pass --journal) to start over")
        elif exc.action in ("open it", "create its directory"):
            hint = "Nothing was sent: fix that (or pass --journal elsewhere), then re-run the same command"
        elif exc.disk_full:
            hint = "Stopped submitting; finished work is journaled: free some space, then re-run the same command"
            if exc.unsaved:
                hint += " (it reports the items listed unknown: their tasks exist, attach them by task id)"
        else:
            hint = "Stopped submitting; finished work is journaled: fix it, then re-run the same command"
        return CLIError(f"{exc}. {hint}")
    where = f" ({exc.filename})" if exc.filename else ""
    return CLIError(f"{exc.strerror or exc}{where}; finished work is journaled in {journal}: "
                    "fix that, then re-run the same command to resume")


async def run_batch_command(args: argparse.Namespace, argv: list[str]) -> int:
    parse_rpm(args.rpm)  # a bad --rpm is a usage error before anything starts
    stdin = str(args.input) == "-"
    if not stdin and not args.input.is_file():
        raise CLIError(f"input file not found: {args.input}")
    for name in ("max_submits", "max_tasks", "max_downloads"):
        if getattr(args, name) < 1:
            raise CLIError(f"--{name.replace('_', '-')} must be >= 1")
    out: Path = args.out
    journal: Path = args.journal or out / "journal.sqlite3"
    try:
        await anyio.Path(out).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CLIError(f"cannot create the output directory {out}: {exc.strerror or exc}") from None
    total = None if stdin else await anyio.to_thread.run_sync(_count_lines, args.input)
    writer = _ResultsWriter(out / "results.jsonl")
    started = time.monotonic()
    async with open_client(
        args.emulator, task_duration=tuple(args.task_duration), poll_interval=args.poll_interval, rpm=args.rpm
    ) as client:
        batch = Batch(
            client, _read_items(sys.stdin.buffer if stdin else args.input), out_dir=out, journal=journal,
            order=args.order, max_submits=args.max_submits, max_tasks=args.max_tasks,
            max_downloads=args.max_downloads, on_fatal=args.on_fatal, resubmit_unknown=args.resubmit_unknown,
        )
        progress = Progress(batch.stats, total)
        committed = False
        failure: JournalError | OSError | None = None
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(progress.run)
                try:  # caught in here: one line below, not a task group's traceback
                    await writer.open()
                    async with batch:
                        async for outcome in batch:
                            await writer.add(outcome)
                    await writer.commit()
                    committed = True
                except (JournalError, OSError) as exc:
                    failure = exc
                tg.cancel_scope.cancel()
        except (KeyboardInterrupt, anyio.get_cancelled_exc_class()):
            sys.stderr.write("\n")
            again = " (with the same input on stdin)" if stdin else ""
            sys.stderr.write(f"interrupted; finished work is journaled in {journal}.\n"
                             f"resume with: novita-async {shlex.join(argv)}{again}\n")
            raise
        finally:
            if not committed:
                with anyio.CancelScope(shield=True):
                    await writer.discard()
        if failure is not None:
            raise _storage_error(failure, journal) from None
        progress.draw(final=True)
    gallery = await anyio.to_thread.run_sync(write_gallery, out, args.input)
    s = batch.stats
    elapsed = time.monotonic() - started
    print(
        f"{s.done} items in {elapsed:.1f}s: {s.succeeded} succeeded, {s.failed} failed, {s.unknown} unknown, "
        f"{s.skipped} skipped ({s.resumed} from an earlier run, {s.submits} submitted, {s.attached} re-attached)"
        f" -> {writer.final}, gallery {gallery}",
        file=sys.stderr,
    )
    if s.stopped:
        print(f"stopped submitting: {s.stopped}", file=sys.stderr)
    if s.unknown:
        print("unknown = the submit may have created a paid task; inspect, then re-run with --resubmit-unknown "
              "to send those again", file=sys.stderr)
    return 0 if s.succeeded == s.done else 1
