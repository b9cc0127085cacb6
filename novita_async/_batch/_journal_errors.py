"""`JournalError`: the one error for a journal file that cannot be opened, read or written, saying why."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from .._errors import NovitaError

__all__ = ("DISK_FULL", "JournalError", "reason_of")

_SQLITE_REASONS = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_CORRUPT": "the file is corrupt or truncated",
    "SQLITE_NOTADB": "the file is not a journal (not an SQLite database)",
    "SQLITE_CANTOPEN": "the file cannot be opened",
    "SQLITE_READONLY": "the file or its directory is read-only",
    "SQLITE_PERM": "permission denied",
}


DISK_FULL = _SQLITE_REASONS["SQLITE_FULL"]


class JournalError(NovitaError):
    """The journal file cannot be opened, read or written (corrupt, truncated, read-only, disk full).

    `disk_full` tells the one case a user fixes by freeing space; `unsaved` lists `(item id, task id)`
    of created tasks a batch could not record (also named in the message), so no task id is lost.
    """

    def __init__(self, path: Path, action: str, cause: BaseException, *, unsaved: Sequence[tuple[str, str]] = ()):
        self.path = path
        self.action = action
        self.cause = cause
        self.reason = reason_of(cause)
        self.disk_full = self.reason == _SQLITE_REASONS["SQLITE_FULL"]
        self.corrupt = self.reason in (_SQLITE_REASONS["SQLITE_CORRUPT"], _SQLITE_REASONS["SQLITE_NOTADB"])
        """The file is damaged (not merely unreachable): it still records what earlier runs paid for."""
        self.unsaved = tuple(unsaved)
        # A full disk fails a whole group commit, whichever write or read came first: no action to name.
        doing = "" if self.disk_full else f"cannot {action}: "
        message = f"journal {path}: {doing}{self.reason}"
        if self.unsaved:
            listed = ", ".join(f"{item}={task}" for item, task in self.unsaved[:20])
            more = f" and {len(self.unsaved) - 20} more" if len(self.unsaved) > 20 else ""
            message += f"; created tasks not recorded (item=task id): {listed}{more}"
        super().__init__(message)

    def with_unsaved(self, unsaved: Sequence[tuple[str, str]]) -> JournalError:
        return JournalError(self.path, self.action, self.cause, unsaved=unsaved)


def reason_of(exc: BaseException) -> str:
    """What is wrong with the file, in words, from an sqlite3 or OS error."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        for prefix, reason in _SQLITE_REASONS.items():
            if name.startswith(prefix):
                return reason
        if name.startswith("SQLITE_IOERR"):
            return f"I/O error ({exc})"
        return str(exc)
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return _SQLITE_REASONS["SQLITE_FULL"]
        if exc.errno == errno.EROFS:
            return _SQLITE_REASONS["SQLITE_READONLY"]
        return exc.strerror or str(exc)
    return str(exc)
