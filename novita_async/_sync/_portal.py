"""One event loop in one background thread, and the calls that cross into it.

Why a thread of our own instead of `anyio.run` per call: the async client keeps a connection pool, a
poller and a limiter alive between calls, and they belong to one event loop. Running that loop in a
daemon thread makes the sync client usable from any thread, including one whose own event loop is
running (a notebook cell, code inside `asyncio.run`): the caller's loop is never touched.

Why not `anyio.from_thread.start_blocking_portal()`: its thread belongs to a `ThreadPoolExecutor`, which
Python joins at interpreter exit *before* `atexit` handlers run, so a client the user forgot to close
would hang the exit. A daemon thread cannot, and an `atexit` hook still closes it cleanly.
"""

from __future__ import annotations

import atexit
import functools
import inspect
import threading
import weakref
from collections.abc import AsyncIterable, AsyncIterator, Callable
from concurrent.futures import Future
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import anyio
from anyio.from_thread import BlockingPortal
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from .._errors import ClientStateError
from .._polling import Task

if TYPE_CHECKING:
    from .._client import NovitaClient

__all__ = ("SyncIterator", "SyncResource", "SyncRuntime", "run_blocking")

T = TypeVar("T")
A = TypeVar("A")

_CLOSE_TIMEOUT = 10.0
"""Seconds `close()` waits for the loop thread to finish closing the async client."""


def run_blocking(portal: BlockingPortal, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run `func` (sync or async) in the loop thread and wait for its result in this one.

    Unlike `portal.call`, an interruption of the wait (Ctrl-C raises `KeyboardInterrupt` here) cancels
    the work in the loop thread too, so nothing keeps running on behalf of a caller who has gone.
    """

    async def invoke() -> Any:
        # Await a coroutine, but never a returned awaitable: a `Task` handle must come back as a handle.
        value = func(*args, **kwargs)
        return await value if inspect.iscoroutine(value) else value

    try:
        future: Future[Any] = portal.start_task_soon(invoke)
    except RuntimeError as exc:
        if "not running" in str(exc):
            raise ClientStateError("the client is closed") from None
        raise
    try:
        return future.result()
    except BaseException:
        future.cancel()
        raise


def _wrap(portal: BlockingPortal, value: Any) -> Any:
    """Give back sync handles for the async objects a call returns."""
    from ..resources._audio_results import SpeechStream
    from ._stream import SyncSpeechStream
    from ._task import SyncTask

    if isinstance(value, Task):
        return SyncTask(portal, value)
    if isinstance(value, SpeechStream):
        return SyncSpeechStream(portal, value)
    if isinstance(value, (AsyncIterator, AsyncIterable)):
        return SyncIterator(portal, lambda: value)
    return value


class SyncIterator(Generic[T]):
    """A plain iterator over an async iterable that lives in the loop thread.

    The whole async iteration runs as one task in the loop (async generators that open task groups, like
    the batch engine, must not hop between tasks) and hands items over through a zero-buffer stream, so
    the producer waits for the consumer (backpressure). `close()` (or leaving a `with` block, or the
    iterator being garbage collected) stops the producer.
    """

    def __init__(self, portal: BlockingPortal, source: Callable[[], AsyncIterable[T]]) -> None:
        self._portal = portal
        send, receive = run_blocking(portal, _stream_pair)
        self._receive: MemoryObjectReceiveStream[tuple[bool, Any]] = receive
        self._producer: Future[None] = portal.start_task_soon(_produce, source, send)
        self._finished = False

    def __iter__(self) -> SyncIterator[T]:
        return self

    def __next__(self) -> T:
        if self._finished:
            raise StopIteration
        try:
            ok, item = run_blocking(self._portal, self._receive.receive)
        except (anyio.EndOfStream, anyio.ClosedResourceError):
            self.close()
            raise StopIteration from None
        except BaseException:
            self.close()
            raise
        if not ok:
            self.close()
            raise item
        return item  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the producer and release the stream (idempotent)."""
        if self._finished:
            return
        self._finished = True
        if not self._producer.done():
            self._producer.cancel()
        try:
            run_blocking(self._portal, self._receive.close)
        except (ClientStateError, RuntimeError):
            pass  # the loop is gone (client closed, interpreter exit): nothing left to release

    def __enter__(self) -> SyncIterator[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # the loop may already be gone at interpreter exit
            pass


def _stream_pair() -> tuple[MemoryObjectSendStream[tuple[bool, Any]], MemoryObjectReceiveStream[tuple[bool, Any]]]:
    return anyio.create_memory_object_stream[tuple[bool, Any]](0)


async def _produce(source: Callable[[], AsyncIterable[T]], send: MemoryObjectSendStream[tuple[bool, Any]]) -> None:
    async with send:
        iterable = source()
        try:
            async for item in iterable:
                await send.send((True, item))
        except anyio.BrokenResourceError:
            return  # the consumer went away
        except Exception as exc:
            await send.send((False, exc))
        finally:
            # Close an async generator here, in its own task (a batch's task group must exit where it began).
            aclose = getattr(iterable, "aclose", None)
            if aclose is not None:
                with anyio.CancelScope(shield=True):
                    await aclose()


class SyncResource(Generic[A]):
    """Base of the generated API areas: forwards each call to the async area `A` in the loop thread."""

    def __init__(self, runtime: BlockingPortal, async_resource: A) -> None:
        self._runtime = runtime
        self._async = async_resource

    def _call(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return _wrap(self._runtime, run_blocking(self._runtime, func, *args, **kwargs))

    def _context(self, func: Callable[..., AbstractAsyncContextManager[T]], *args: Any, **kwargs: Any) -> Any:
        """A sync context manager around the async one `func` returns, entered and exited in one loop task."""
        return self._runtime.wrap_async_context_manager(run_blocking(self._runtime, func, *args, **kwargs))

    def _iterate(self, func: Callable[..., AsyncIterable[T]], *args: Any, **kwargs: Any) -> SyncIterator[T]:
        return SyncIterator(self._runtime, lambda: func(*args, **kwargs))


class SyncRuntime:
    """Owns the loop thread and the async client inside it; `SyncNovitaClient` builds on it."""

    _async_client: NovitaClient
    _runtime: BlockingPortal

    def _start(self, make_client: Callable[[], NovitaClient]) -> None:
        # Build the client here so a bad argument (no API key, bad URL) raises in the caller's thread
        # before any thread exists; anyio primitives are created lazily, so no loop is needed yet.
        client = make_client()
        ready: Future[BlockingPortal] = Future()
        self._thread = threading.Thread(
            target=anyio.run, args=(_serve, ready), kwargs={"backend": "asyncio"},
            name="novita-async-loop", daemon=True,
        )
        self._thread.start()
        self._runtime = ready.result()
        self._async_client = client
        self._lock = threading.Lock()
        self._closed = False
        # The client's task group must be entered and exited in one task: the portal keeps one for it.
        self._opened = self._runtime.wrap_async_context_manager(client)
        try:
            self._opened.__enter__()
        except BaseException:
            self._stop_loop()
            raise
        # Close at interpreter exit if the user did not; a weak reference lets an unused client be collected.
        self._atexit = functools.partial(_close_ref, weakref.ref(self))
        atexit.register(self._atexit)

    def close(self) -> None:
        """Close the async client (stops the poller, closes connections) and end the loop thread."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        atexit.unregister(self._atexit)
        try:
            self._opened.__exit__(None, None, None)
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        try:
            self._runtime.start_task_soon(self._runtime.stop, True).result(timeout=_CLOSE_TIMEOUT)
        except Exception:  # the loop is already stopping
            pass
        self._thread.join(timeout=_CLOSE_TIMEOUT)

    def _check_usable(self) -> None:
        if self._closed:
            raise ClientStateError("the client is closed")


def _close_ref(ref: weakref.ref[SyncRuntime]) -> None:
    runtime = ref()
    if runtime is not None:
        runtime.close()


async def _serve(ready: Future[BlockingPortal]) -> None:
    async with BlockingPortal() as portal:
        ready.set_result(portal)
        await portal.sleep_until_stopped()
