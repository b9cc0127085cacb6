"""`LoopMonitor`: how healthy the event loop stayed while some code ran (loop lag, slow callbacks).

Why four measures: a heartbeat's lateness is what every other task feels (loop lag); asyncio's debug
mode names the callbacks that held the loop (`Executing <Handle ...> took 0.112 seconds`, wall time); and
the CPU time each callback used on the loop thread (`busy_callbacks`) tells a callback that *worked* that
long from one that was preempted by another process or waited for the GIL, which on a shared machine is
the only measure a test can hold strictly. Cyclic garbage collection passes that happen to run inside a
callback are counted apart (`max_gc`): their cost grows with everything the process holds (a test
runner's whole heap), not with the callback's work. Used by the loop-health tests and `benchmarks.loop_lag`.

The fourth, `max_own_lag`, is the lateness this process caused itself (its threads working, or holding the
GIL), which a test can hold on a loaded machine too. Of each heartbeat's lateness it drops the time the
loop thread sat runnable waiting for a CPU (other processes ran: Linux's per-thread run-queue delay), and
it never counts more than the CPU time the process's threads used meanwhile (while the machine stalled the
process, a stopped job or a hypervisor stealing the CPU, none of them ran). A thread holding the GIL runs,
so it stays counted. Where `/proc/thread-self/schedstat` is missing, only the CPU cap applies.

    async with LoopMonitor(slow_callback=0.05) as monitor:
        ...
    assert not monitor.slow_callbacks, monitor.slow_callbacks
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import threading
import time
from collections.abc import Callable
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


def _run_queue_clock() -> tuple[Callable[[], float], Callable[[], None]]:
    """A reader of the calling thread's run-queue delay so far (seconds runnable but not running), and its
    closer. Linux only (the second field of `/proc/thread-self/schedstat`); elsewhere it reads 0."""
    try:
        fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
    except OSError:
        return (lambda: 0.0), (lambda: None)

    def read() -> float:
        try:
            return int(os.pread(fd, 128, 0).split()[1]) / 1e9
        except (OSError, ValueError, IndexError):
            return 0.0

    def close() -> None:
        with contextlib.suppress(OSError):
            os.close(fd)

    return read, close


class LoopMonitor:
    """Turns on asyncio debug mode with `slow_callback` seconds, records slow callbacks and the max lag."""

    def __init__(self, *, slow_callback: float = 0.05, tick: float = 0.005) -> None:
        self.slow_callback = slow_callback
        self.tick = tick
        self.slow_callbacks: list[str] = []
        """asyncio's "Executing ... took N seconds" messages, one per callback over the threshold."""
        self.max_lag = 0.0
        """Largest lateness of a heartbeat that sleeps `tick` seconds (seconds)."""
        self.max_own_lag = 0.0
        """Largest lateness of a heartbeat that this process caused (seconds; see the module docstring)."""
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
        waited, close = _run_queue_clock()  # opened on the loop thread: it reads the loop thread's delay
        try:
            while True:
                start, cpu, wait = time.perf_counter(), time.process_time(), waited()
                await asyncio.sleep(self.tick)
                late = time.perf_counter() - start - self.tick
                self.max_lag = max(self.max_lag, late)
                own = min(late - (waited() - wait), time.process_time() - cpu)
                self.max_own_lag = max(self.max_own_lag, own)
        finally:
            close()

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
