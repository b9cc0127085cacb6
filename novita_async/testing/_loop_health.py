"""`LoopMonitor`: how healthy the event loop stayed while some code ran (loop lag, slow callbacks).

Why both measures: a heartbeat's lateness is what every other task feels (loop lag), and asyncio's debug
mode names the callbacks that held the loop (`Executing <Handle ...> took 0.112 seconds`), which is what a
fix needs. Used by the loop-health tests and `benchmarks.loop_lag`.

    async with LoopMonitor(slow_callback=0.05) as monitor:
        ...
    assert not monitor.slow_callbacks, monitor.slow_callbacks
"""

from __future__ import annotations

import asyncio
import logging
import time
from types import TracebackType

__all__ = ("LoopMonitor",)


class _Capture(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Executing "):
            self._sink.append(message)


class LoopMonitor:
    """Turns on asyncio debug mode with `slow_callback` seconds, records slow callbacks and the max lag."""

    def __init__(self, *, slow_callback: float = 0.05, tick: float = 0.005) -> None:
        self.slow_callback = slow_callback
        self.tick = tick
        self.slow_callbacks: list[str] = []
        """asyncio's "Executing ... took N seconds" messages, one per callback over the threshold."""
        self.max_lag = 0.0
        """Largest lateness of a heartbeat that sleeps `tick` seconds (seconds)."""
        self._handler = _Capture(self.slow_callbacks)
        self._task: asyncio.Task[None] | None = None
        self._saved: tuple[bool, float, int, bool] | None = None

    async def _beat(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(self.tick)
            self.max_lag = max(self.max_lag, time.perf_counter() - start - self.tick)

    async def __aenter__(self) -> LoopMonitor:
        loop = asyncio.get_running_loop()
        log = logging.getLogger("asyncio")
        self._saved = (loop.get_debug(), loop.slow_callback_duration, log.level, log.propagate)
        loop.set_debug(True)
        loop.slow_callback_duration = self.slow_callback
        log.addHandler(self._handler)
        log.setLevel(logging.WARNING)
        self._task = asyncio.create_task(self._beat())
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        loop = asyncio.get_running_loop()
        log = logging.getLogger("asyncio")
        log.removeHandler(self._handler)
        if self._saved is not None:
            debug, duration, level, _ = self._saved
            loop.set_debug(debug)
            loop.slow_callback_duration = duration
            log.setLevel(level)
