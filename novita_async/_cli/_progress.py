"""A dependency-free progress display on stderr: a redrawn `\\r` line on a TTY, a status line every ~2 s
otherwise (so CI logs and `nohup` files stay readable)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

import anyio

from .._batch import BatchStats

__all__ = ("Progress",)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    """Renders `stats` until stopped. `total` (if known) enables the bar and the ETA."""

    def __init__(self, stats: BatchStats, total: int | None, *, stream: TextIO | None = None) -> None:
        self.stats = stats
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = 0.1 if self.tty else 2.0
        self._width = 0

    def line(self) -> str:
        s = self.stats
        elapsed = max(1e-9, time.monotonic() - s.started_at)
        rate = s.done / elapsed
        parts = []
        if self.total:
            filled = int(24 * min(1.0, s.done / self.total))
            parts.append(f"[{'#' * filled}{'.' * (24 - filled)}] {s.done}/{self.total}")
        else:
            parts.append(f"{s.done} done")
        parts.append(f"ok {s.succeeded} failed {s.failed} unknown {s.unknown}")
        parts.append(f"in flight {s.in_flight} (submit {s.submitting}, tasks {s.tasks_in_flight}, dl {s.downloading})")
        eta = ""
        if self.total and rate > 0 and s.done < self.total:
            eta = f" ETA {_duration((self.total - s.done) / rate)}"
        parts.append(f"{rate:.1f}/s{eta}")
        return " | ".join(parts)

    def draw(self, final: bool = False) -> None:
        text = self.line()
        if self.tty:
            pad = " " * max(0, self._width - len(text))
            self._width = len(text)
            self.stream.write(f"\r{text}{pad}" + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    async def run(self) -> None:
        """Redraw until cancelled."""
        while True:
            await anyio.sleep(self.interval)
            self.draw()
