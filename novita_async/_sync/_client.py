"""`SyncNovitaClient`: the async client, driven from plain synchronous code.

    with SyncNovitaClient() as client:
        task = client.images.txt2img(model_name="...", prompt="a cat", ...)   # a SyncTask, at once
        result = task.result(timeout=60)                                     # blocks this thread only

It is not a second client: the real `NovitaClient` runs in one background event loop (see `_portal`), and
every method is generated from the async one (`_generated.py`), so both have the same namespaces,
arguments, return types and errors. Thread-safe: any number of threads may share one instance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from .._batch import BatchOutcome
from ._generated import GeneratedClient
from ._portal import SyncIterator, run_blocking

if TYPE_CHECKING:
    from .._batch import BatchItem, BatchStats
    from .._client import ClientState
    from .._limits import LimiterStats
    from .._polling import PollerStats
    from .._session import RequestOptions

__all__ = ("SyncBatch", "SyncNovitaClient")

T = TypeVar("T")


class SyncBatch(SyncIterator[BatchOutcome]):
    """`for outcome in client.batch(items, ...)`: the batch engine's outcomes as a plain iterator.

    `stats` is the live `BatchStats`; `close()` (or leaving a `with` block) stops the batch cleanly, as a
    `break` out of `async for` does.
    """

    def __init__(self, runtime: Any, batch: Any) -> None:
        super().__init__(runtime, lambda: batch)
        self._batch = batch

    @property
    def stats(self) -> BatchStats:
        return self._batch.stats  # type: ignore[no-any-return]


class SyncNovitaClient(GeneratedClient):
    """A synchronous client for the Novita.ai API; takes the same arguments as `NovitaClient`.

    Use it as a context manager, or call `close()` when done (it is also closed at interpreter exit).
    Works from any thread, including one whose event loop is already running (a Jupyter cell).
    """

    def __repr__(self) -> str:
        # getattr: a traceback rendered with locals may repr a client whose constructor raised half-way.
        client = getattr(self, "_async_client", None)
        return f"Sync{client!r}" if client is not None else "SyncNovitaClient(<not started>)"

    def __enter__(self) -> SyncNovitaClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def state(self) -> ClientState:
        return self._async_client.state

    @property
    def base_url(self) -> str:
        return self._async_client.base_url

    @property
    def async_client(self) -> Any:
        """The `NovitaClient` behind this one (its coroutines run only in the client's own loop thread)."""
        return self._async_client

    def batch(self, requests: Iterable[BatchItem | dict[str, Any]], **options: Any) -> SyncBatch:
        """Run many requests: `for outcome in client.batch(items, out_dir=..., journal=...)`.

        The same engine and options as `NovitaClient.batch` (journal, resume, lanes, ordering).
        """
        batch = run_blocking(self._runtime, self._async_client.batch, requests, **options)
        return SyncBatch(self._runtime, batch)

    def post(
        self, path: str, *, body: Any = None, cast: type[T] | None = None, options: RequestOptions | None = None
    ) -> Any:
        """`NovitaClient.post`: JSON to an API path this client has no method for; decoded JSON, or `cast`.
        Always a paid submit: never re-sent when its outcome is ambiguous."""
        return run_blocking(self._runtime, self._async_client.post, path, body=body, cast=cast, options=options)

    def get(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        cast: type[T] | None = None,
        options: RequestOptions | None = None,
    ) -> Any:
        """`NovitaClient.get`: GET an API path; decoded JSON, or `cast`. Retried like every read."""
        return run_blocking(self._runtime, self._async_client.get, path, params=params, cast=cast, options=options)

    def limiter_statistics(self) -> LimiterStats:
        return self._async_client.limiter_statistics()

    def poller_statistics(self) -> PollerStats:
        return self._async_client.poller_statistics()
