"""`LoopMonitor`: how healthy the event loop stayed while some code ran (loop lag, slow callbacks).

Why three measures: a heartbeat's lateness is what every other task feels (loop lag); asyncio's debug
mode names the callbacks that held the loop (`Executing <Handle ...> took 0.112 seconds`, wall time); and
the CPU time each callback used on the loop thread (`busy_callbacks`) tells a callback that *worked* that
long from one that was preempted by another process or waited for the GIL, which on a shared machine is
the only measure a test can hold strictly. Cyclic garbage collection passes that happen to run inside a
callback are counted apart (`max_gc`): their cost grows with everything the process holds (a test
runner's whole heap), not with the callback's work. Used by the loop-health tests and `benchmarks.loop_lag`.

    async with LoopMonitor(slow_callback=0.05) as monitor:
        ...
    assert not monitor.slow_callbacks, monitor.slow_callbacks
"""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
import time
from types import TracebackType
from typing import Any

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
        self.busy_callbacks: list[tuple[str, float]] = []
        """(callback, CPU seconds on the loop thread) of each callback that used more than `slow_callback`."""
        self.max_busy = 0.0
        """Most CPU time one callback used on the loop thread, GC passes excluded (seconds)."""
        self.max_gc = 0.0
        """Longest cyclic GC pass seen on the loop thread (seconds of CPU)."""
        self._gc_start = 0.0
        self._gc_spent = 0.0
        self._handler = _Capture(self.slow_callbacks)
        self._original_run: Any = None
        self._loop_thread = 0
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
        self._patch_handles()
        self._task = asyncio.create_task(self._beat())
        return self

    def _patch_handles(self) -> None:
        original = self._original_run = asyncio.Handle._run
        loop_thread = threading.get_ident()
        threshold, sink = self.slow_callback, self.busy_callbacks
        monitor = self

        def timed_run(handle: asyncio.Handle) -> None:
            if threading.get_ident() != loop_thread:
                return original(handle)
            monitor._gc_spent = 0.0
            start = time.thread_time()
            try:
                return original(handle)
            finally:
                spent = time.thread_time() - start - monitor._gc_spent
                monitor.max_busy = max(monitor.max_busy, spent)
                if spent > threshold:
                    sink.append((repr(handle)[:300], spent))

        asyncio.Handle._run = timed_run  # type: ignore[method-assign,assignment]
        self._loop_thread = loop_thread
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if threading.get_ident() != self._loop_thread:
            return
        if phase == "start":
            self._gc_start = time.thread_time()
        else:
            pause = time.thread_time() - self._gc_start
            self._gc_spent += pause
            self.max_gc = max(self.max_gc, pause)

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        if self._original_run is not None:
            asyncio.Handle._run = self._original_run  # type: ignore[method-assign]
            self._original_run = None
            gc.callbacks.remove(self._on_gc)
        loop = asyncio.get_running_loop()
        log = logging.getLogger("asyncio")
        log.removeHandler(self._handler)
        if self._saved is not None:
            debug, duration, level, _ = self._saved
            loop.set_debug(debug)
            loop.slow_callback_duration = duration
            log.setLevel(level)
