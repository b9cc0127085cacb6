"""`NovitaClient`: configuration, lifecycle, and the session layer every resource goes through.

The client owns, between `async with` and its exit: one aiohttp session (`_transport`), the request
limiter (`_limits`), and the poller's background task. `_request` is the one path for API calls:
limit → send → map status → decode, wrapped in the retry policy of `_retry`.
"""

from __future__ import annotations

import enum
import logging
import math
import os
import time
from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import msgspec

from . import _constants as C
from ._codec import decode_response
from ._errors import (
    APIConnectionError,
    APIStatusError,
    ClientStateError,
    MissingAPIKeyError,
    RateLimitError,
    SubmitOutcomeUnknownError,
    status_error_class,
    v2_error,
)
from ._limits import LimiterStats, RateLimit, RequestLimiter
from ._polling import BACKENDS, PollerStats, PollPolicy, Task, TaskBackend
from ._polling._poller import Poller
from ._retry import RetryPolicy, parse_retry_after, retrying
from ._transport import AiohttpTransport, RawResponse, Timeout, Transport
from ._version import __version__

if TYPE_CHECKING:
    from collections.abc import AsyncIterable, Iterable

    from ._batch import Batch, BatchItem
    from .resources._storage import StorageSession
    from .resources.account import Account
    from .resources.assets import Assets
    from .resources.images import Images
    from .resources.models import Models
    from .resources.tasks import Tasks
    from .resources.tools import Tools
    from .resources.training import Training
    from .resources.v2 import V2
    from .resources.video import Video

__all__ = ("ClientState", "NovitaClient", "RequestOptions")

logger = logging.getLogger("novita_async")
T = TypeVar("T")


class ClientState(enum.Enum):
    UNOPENED = "unopened"
    OPENED = "opened"
    CLOSED = "closed"


class _V3ErrorBody(msgspec.Struct):
    code: int | str = 0
    reason: str = ""
    message: str = ""
    metadata: dict[str, Any] | None = None


class _V2Envelope(msgspec.Struct):
    code: int = 0
    msg: str = ""
    # `msgspec.Raw | None` cannot decode an object (it only matches `null`): keep the raw bytes always.
    data: msgspec.Raw = msgspec.field(default_factory=lambda: msgspec.Raw(b"null"))


class _Default(enum.Enum):
    """Marks "not passed": `None` is a meaningful value for `rate_limits` (no pacing)."""

    DEFAULT = "DEFAULT"


DEFAULT = _Default.DEFAULT


class RequestOptions(msgspec.Struct, frozen=True, kw_only=True):
    """Per-call overrides of the client's defaults."""

    timeout: Timeout | float | None = None
    max_retries: int | None = None


class NovitaClient:
    """An asyncio client for the Novita.ai API.

    Usage:

        async with NovitaClient(api_key="...") as client:
            task = await client.images.txt2img(model_name="...", prompt="a cat", width=512, height=512,
                                               image_num=1, steps=20, guidance_scale=7.5,
                                               sampler_name="Euler a")
            result = await task

    **Parameters:**
    * `api_key`: defaults to `$NOVITA_API_KEY`; a missing key raises `MissingAPIKeyError` here.
    * `base_url`: defaults to `$NOVITA_BASE_URL`, then `https://api.novita.ai`.
    * `assets_url`: the asset upload host (reference §5.1); it never receives the API key.
    * `timeout`: a `Timeout` or seconds; per call via `options=RequestOptions(timeout=...)`.
    * `max_retries`: retries of idempotent calls (and of submits that provably never left).
    * `max_concurrency`: HTTP requests in flight at once, across everything this client does.
    * `rate_limits`: requests per minute (or `RateLimit`) per endpoint family; `None` disables pacing.
    * `poll_policy`: cadence and budget of the poller; `task_deadline`: default seconds per task.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        assets_url: str = C.DEFAULT_ASSETS_URL,
        timeout: Timeout | float | None = None,
        max_retries: int = C.DEFAULT_MAX_RETRIES,
        max_concurrency: int = C.DEFAULT_MAX_CONCURRENCY,
        rate_limits: Mapping[str, RateLimit | float] | None | _Default = DEFAULT,
        poll_policy: PollPolicy | None = None,
        task_deadline: float = C.DEFAULT_TASK_DEADLINE,
        transport: Transport | None = None,
    ) -> None:
        api_key = api_key if api_key is not None else os.environ.get(C.API_KEY_ENV)
        if not api_key:
            raise MissingAPIKeyError(
                f"no API key: pass NovitaClient(api_key=...) or set the {C.API_KEY_ENV} environment variable"
            )
        self._api_key = api_key
        self.base_url = (base_url or os.environ.get(C.BASE_URL_ENV) or C.DEFAULT_BASE_URL).rstrip("/")
        self.assets_url = assets_url.rstrip("/")
        self.timeout = Timeout.coerce(timeout) if timeout is not None else Timeout()
        self.retry_policy = RetryPolicy(max_retries=max_retries)
        self.task_deadline = task_deadline
        limits = C.DEFAULT_RATE_LIMITS if rate_limits is DEFAULT else rate_limits
        self._limiter = RequestLimiter(max_concurrency, limits)
        self._transport: Transport = transport or AiohttpTransport(
            self.base_url,
            headers={
                "Authorization": f"Bearer {api_key}",
                "Accept": "application/json",
                "User-Agent": f"{C.USER_AGENT_PREFIX}/{__version__}",
            },
            connections=max_concurrency,
        )
        self._poller = Poller(self._poll_once, poll_policy)
        self._state = ClientState.UNOPENED
        self._task_group: Any = None
        # Header-less session for storage hosts (assets, pre-signed S3), opened on first upload.
        self._storage_session: StorageSession | None = None

    def __repr__(self) -> str:
        # The key is deliberately absent: reprs end up in logs and tracebacks.
        return f"NovitaClient(base_url={self.base_url!r}, state={self._state.value})"

    # --- lifecycle ---------------------------------------------------------------------------------

    @property
    def state(self) -> ClientState:
        return self._state

    async def __aenter__(self) -> NovitaClient:
        if self._state is ClientState.OPENED:
            raise ClientStateError("the client is already open")
        if self._state is ClientState.CLOSED:
            raise ClientStateError("a closed client cannot be reopened; create a new NovitaClient")
        self._task_group = anyio.create_task_group()
        await self._task_group.__aenter__()
        await self._task_group.start(self._poller.run)
        self._state = ClientState.OPENED
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop the poller (pending handles fail with `ClientStateError`) and close the session."""
        if self._state is not ClientState.OPENED:
            self._state = ClientState.CLOSED
            return
        self._state = ClientState.CLOSED
        try:
            self._task_group.cancel_scope.cancel()
            await self._task_group.__aexit__(None, None, None)
        finally:
            await self._transport.aclose()
            if self._storage_session is not None:
                await self._storage_session.aclose()

    def _check_open(self) -> None:
        if self._state is ClientState.UNOPENED:
            raise ClientStateError("the client is not open: use `async with NovitaClient(...) as client:`")
        if self._state is ClientState.CLOSED:
            raise ClientStateError("the client is closed")

    # --- resources ---------------------------------------------------------------------------------

    @cached_property
    def images(self) -> Images:
        from .resources.images import Images

        return Images(self)

    @cached_property
    def tasks(self) -> Tasks:
        from .resources.tasks import Tasks

        return Tasks(self)

    @cached_property
    def models(self) -> Models:
        from .resources.models import Models

        return Models(self)

    @cached_property
    def account(self) -> Account:
        from .resources.account import Account

        return Account(self)

    @cached_property
    def tools(self) -> Tools:
        from .resources.tools import Tools

        return Tools(self)

    @cached_property
    def training(self) -> Training:
        from .resources.training import Training

        return Training(self)

    @cached_property
    def video(self) -> Video:
        from .resources.video import Video

        return Video(self)

    @cached_property
    def v2(self) -> V2:
        from .resources.v2 import V2

        return V2(self)

    @cached_property
    def assets(self) -> Assets:
        from .resources.assets import Assets

        return Assets(self)

    # --- batches -----------------------------------------------------------------------------------

    def batch(
        self,
        requests: Iterable[BatchItem | dict[str, Any]] | AsyncIterable[BatchItem | dict[str, Any]],
        **options: Any,
    ) -> Batch:
        """Run many requests: `async for outcome in client.batch(items, out_dir=..., journal=...)`.

        One `BatchOutcome` per request, in completion order (or `order="input"`); resumable and never
        double-paying with a `journal=` file. Options: see `novita_async._batch.Batch`.
        """
        from ._batch import Batch

        return Batch(self, requests, **options)

    # --- statistics --------------------------------------------------------------------------------

    def limiter_statistics(self) -> LimiterStats:
        return self._limiter.statistics()

    def poller_statistics(self) -> PollerStats:
        return self._poller.statistics()

    @property
    def limiter(self) -> RequestLimiter:
        return self._limiter

    @property
    def poller(self) -> Poller:
        return self._poller

    # --- the session layer -------------------------------------------------------------------------

    async def _send_once(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None,
        body: bytes | None,
        family: str,
        timeout: Timeout,
        cost: float = 1.0,
    ) -> RawResponse:
        """One HTTP exchange under the limiter; a refusal becomes an `APIStatusError`."""
        self._check_open()
        async with self._limiter.slot(family, cost):
            raw = await self._transport.send(method, path, params=params, body=body, timeout=timeout)
        if raw.status >= 400:
            raise self._status_error(method, path, raw, family)
        return raw

    def _status_error(self, method: str, path: str, raw: RawResponse, family: str) -> APIStatusError:
        try:
            err = msgspec.json.decode(raw.body, type=_V3ErrorBody) if raw.body else _V3ErrorBody()
        except (msgspec.DecodeError, msgspec.ValidationError):
            err = _V3ErrorBody(message=raw.body[:200].decode("utf-8", "replace"))
        retry_after = parse_retry_after(raw.headers.get("Retry-After"))
        cls = status_error_class(raw.status, err.reason)
        if cls is RateLimitError:
            self._limiter.rate_limited(family, retry_after)
        return cls(
            err.message or f"HTTP {raw.status}",
            method=method,
            path=path,
            status_code=raw.status,
            reason=err.reason,
            metadata=err.metadata,
            retry_after=retry_after,
        )

    def _decode(self, raw: RawResponse, cast: type[T], method: str, path: str, v2: bool) -> T:
        if not v2:
            return decode_response(raw.body, cast, method=method, path=path, status=raw.status)
        envelope = decode_response(raw.body, _V2Envelope, method=method, path=path, status=raw.status)
        if envelope.code != 0:
            raise v2_error(envelope.code, envelope.msg, method=method, path=path)
        data = bytes(envelope.data)
        return decode_response(data, cast, method=method, path=path, status=raw.status)

    async def _request(
        self,
        method: str,
        path: str,
        cast: type[T],
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        submit: bool = False,
        v2: bool = False,
        endpoint: str = "",
        options: RequestOptions | None = None,
        cost: float = 1.0,
    ) -> T:
        """Send one logical request with retries, and decode its answer into `cast`.

        `submit=True` marks a POST that creates paid work: see `_retry` for what that changes. For v2
        endpoints (`v2=True`) the envelope is checked and its `data` decoded into `cast`.
        """
        self._check_open()
        family = path.rstrip("/").rsplit("/", 1)[-1]
        timeout = self.timeout
        policy = self.retry_policy
        if options is not None:
            if options.timeout is not None:
                timeout = Timeout.coerce(options.timeout)
            if options.max_retries is not None:
                policy = RetryPolicy(max_retries=options.max_retries)

        async def attempt() -> T:
            try:
                raw = await self._send_once(
                    method, path, params=params, body=body, family=family, timeout=timeout, cost=cost
                )
            except APIConnectionError as exc:
                if submit and exc.sent and not isinstance(exc, SubmitOutcomeUnknownError):
                    logger.warning("%s %s: outcome unknown (%s); not re-sending a paid submit", method, path, exc)
                    raise SubmitOutcomeUnknownError(
                        str(exc), method=method, path=path, endpoint=endpoint or path, request_body=body or b""
                    ) from exc
                raise
            return self._decode(raw, cast, method, path, v2)

        describe = f"{method} {path}"
        if policy.max_retries <= 0:
            return await attempt()
        result: T = await retrying(policy, submit=submit, describe=describe)(attempt)()
        return result

    async def _poll_once(
        self, path: str, params: dict[str, str], cast: type[Any], *, v2: bool = False
    ) -> Any:
        """The poller's GET: one try, because the poller reschedules failures itself."""
        raw = await self._send_once(
            "GET", path, params=params, body=None, family="task-result", timeout=self.timeout
        )
        return self._decode(raw, cast, "GET", path, v2)

    # --- tasks -------------------------------------------------------------------------------------

    def _track(
        self,
        task_id: str,
        backend: TaskBackend[T] | str,
        *,
        endpoint: str = "",
        deadline: float | None = None,
    ) -> Task[T]:
        """A handle for `task_id`, tracked by the poller until it resolves or its deadline passes."""
        self._check_open()
        if isinstance(backend, str):
            backend = BACKENDS[backend]
        now = time.monotonic()
        seconds = self.task_deadline if deadline is None else deadline
        task: Task[T] = Task(
            task_id,
            backend,
            endpoint=endpoint,
            started_at=now,
            deadline=now + seconds if seconds is not None and seconds != math.inf else math.inf,
            on_cancel=self._poller.untrack,
        )
        self._poller.track(task)
        return task
