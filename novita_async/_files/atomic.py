"""Atomic files: the one rule for every file the library writes (downloads, inline outputs, audio).

Bytes go to a temp file in the target's own directory (same filesystem, so the rename is atomic), which is
renamed over the final name only when complete: a reader, or a crash, never sees half a file under the
final name, and a failure leaves no temp file behind. All of it blocks: call it in a worker thread.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ("open_temp", "unlink_quietly", "write_atomic")


def open_temp(path: Path) -> tuple[int, str]:
    """A new temp file beside `path` (directories created): `(fd, name)`; rename it onto `path` when done."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.fchmod(fd, 0o644)  # mkstemp makes 0600; an output file is an ordinary file
    return fd, tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` as `path`, atomically."""
    fd, tmp = open_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        unlink_quietly(tmp)
        raise


def unlink_quietly(path: str | os.PathLike[str]) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
