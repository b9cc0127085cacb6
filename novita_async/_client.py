"""`NovitaClient`: configuration, lifecycle, and the API areas.

The client owns, between `async with` and its exit: one aiohttp session (`_transport`), the request
limiter (`_limits`), and the poller's background task. Every API call goes through `_session.Session`
(limit → send → map status → decode, with the retry policy of `_retry`).
"""

from __future__ import annotations

import dataclasses
import enum
import os
import time
from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import anyio

from . import _constants as C
from ._errors import ClientStateError, ConfigurationError, MissingAPIKeyError, RequestValidationError
from ._limits import LimiterStats, RateLimit, RequestLimiter, documented_rate_limits
from ._polling import BACKENDS, PollerStats, PollPolicy, Task, TaskBackend
from ._polling._poller import Poller
from ._retry import RetryPolicy
from ._security import APIKey, check_service_url
from ._session import RequestOptions, Session
from ._transport import AiohttpTransport, Timeout, Transport
from ._version import __version__

if TYPE_CHECKING:
    from collections.abc import AsyncIterable, Iterable

    from ._batch import Batch, BatchItem
    from ._files.storage import StorageSession
    from ._webhooks import WebhookReceiver, Webhooks
    from .resources.account import Account
    from .resources.assets import Assets
    from .resources.audio import Audio
    from .resources.images import Images
    from .resources.models import Models
    from .resources.tasks import Tasks
    from .resources.tools import Tools
    from .resources.training import Training
    from .resources.v2 import V2
    from .resources.video import Video

__all__ = ("ClientState", "NovitaClient", "RequestOptions")

T = TypeVar("T")


class ClientState(enum.Enum):
    UNOPENED = "unopened"
    OPENED = "opened"
    CLOSED = "closed"


class _Default(enum.Enum):
    """Marks "not passed": `None` is a meaningful value for `rate_limits` (no pacing)."""

    DEFAULT = "DEFAULT"


DEFAULT = _Default.DEFAULT


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
    * `allow_insecure_http`: both URLs must be `https://`, or `http://` to a loopback host (`localhost`,
      127.0.0.0/8, `::1`); anything else raises `ConfigurationError` unless this is True, because plain
      http would carry the key in clear text.
    * `timeout`: a `Timeout` or seconds; per call via `options=RequestOptions(timeout=...)`.
    * `max_retries`: retries of idempotent calls (and of submits that provably never left).
    * `max_concurrency`: HTTP requests in flight at once, across everything this client does.
    * `rate_limits`: by default nothing is paced until the server answers 429, then each endpoint family
      learns its sustainable pace (`_limits`). A mapping pins families (units per minute, or `RateLimit`;
      units are images for image endpoints, requests for video; the key `"*"` pins every family not
      named), `"documented"` pins the documented
      defaults (the old behaviour), `None` disables pacing and learning.
    * `poll_policy`: cadence and budget of the poller; `task_deadline`: default seconds per task.
    """

    def __init__(
        self,
        api_key: str | APIKey | None = None,
        *,
        base_url: str | None = None,
        assets_url: str = C.DEFAULT_ASSETS_URL,
        timeout: Timeout | float | None = None,
        max_retries: int = C.DEFAULT_MAX_RETRIES,
        max_concurrency: int = C.DEFAULT_MAX_CONCURRENCY,
        rate_limits: Mapping[str, RateLimit | float] | Literal["documented"] | None | _Default = DEFAULT,
        poll_policy: PollPolicy | None = None,
        task_deadline: float = C.DEFAULT_TASK_DEADLINE,
        transport: Transport | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        # The key goes straight into a holder whose repr is redacted, and the plain-str argument is
        # deleted: a traceback rendered with locals (Sentry, pytest -l) of any error raised below shows
        # `key=APIKey('<redacted>')`, never the key.
        if isinstance(api_key, APIKey):
            key = api_key
        else:
            key = APIKey(api_key if api_key is not None else os.environ.get(C.API_KEY_ENV) or "")
        del api_key
        if not key:
            raise MissingAPIKeyError(
                f"no API key: pass NovitaClient(api_key=...) or set the {C.API_KEY_ENV} environment variable"
            )
        self._api_key = key
        self.base_url = check_service_url(
            base_url if base_url is not None else os.environ.get(C.BASE_URL_ENV) or C.DEFAULT_BASE_URL,
            name="base_url",
            allow_insecure_http=allow_insecure_http,
        )
        self.assets_url = check_service_url(assets_url, name="assets_url", allow_insecure_http=allow_insecure_http)
        self.timeout = Timeout.coerce(timeout) if timeout is not None else Timeout()
        self.retry_policy = RetryPolicy(max_retries=max_retries)
        self.task_deadline = task_deadline
        if rate_limits == "documented":
            rate_limits = documented_rate_limits()
        elif isinstance(rate_limits, str):
            raise ConfigurationError(f'rate_limits must be a mapping, "documented" or None, not {rate_limits!r}')
        learn = rate_limits is not None
        pinned = rate_limits if isinstance(rate_limits, Mapping) else None
        self._limiter = RequestLimiter(max_concurrency, pinned, learn=learn)
        self._transport: Transport = transport or AiohttpTransport(
            self.base_url,
            headers={"Accept": "application/json", "User-Agent": f"{C.USER_AGENT_PREFIX}/{__version__}"},
            api_key=key,
            connections=max_concurrency,
        )
        self._session = Session(
            self._transport,
            self._limiter,
            timeout=self.timeout,
            retry_policy=self.retry_policy,
            check_open=self._check_open,
            task_deadline=task_deadline,
        )
        # The one path for API calls (resources) and for polls (the poller).
        self._request = self._session.request
        self._poller = Poller(self._session.poll_once, poll_policy, learn=learn)
        self._state = ClientState.UNOPENED
        self._task_group: Any = None
        # Header-less session for storage hosts (assets, pre-signed S3), opened on first upload.
        self._storage_session: StorageSession | None = None
        # The open webhook receiver new submits are attached to (`client.webhooks`), if any.
        self._webhook: WebhookReceiver | None = None

    def __repr__(self) -> str:
        # The key is deliberately absent: reprs end up in logs and tracebacks.
        # getattr: a traceback rendered with locals may repr a client whose __init__ raised half-way.
        state = getattr(self, "_state", ClientState.UNOPENED)
        return f"NovitaClient(base_url={getattr(self, 'base_url', '?')!r}, state={state.value})"

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
        try:
            if self._webhook is not None:  # stop taking events before the poller stops
                await self._webhook.aclose()
        finally:
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
    def audio(self) -> Audio:
        from .resources.audio import Audio

        return Audio(self)

    @cached_property
    def v2(self) -> V2:
        from .resources.v2 import V2

        return V2(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Receive task results by webhook (`client.webhooks.serve(...)`), polling as the fallback."""
        from ._webhooks import Webhooks

        return Webhooks(self)

    @cached_property
    def assets(self) -> Assets:
        from .resources.assets import Assets

        return Assets(self)

    # --- raw calls (the escape hatch, `resources/_raw.py`) -----------------------------------------

    @overload
    async def post(
        self, path: str, *, body: Any = None, cast: None = None, options: RequestOptions | None = None
    ) -> Any: ...

    @overload
    async def post(
        self, path: str, *, body: Any = None, cast: type[T], options: RequestOptions | None = None
    ) -> T: ...

    async def post(
        self, path: str, *, body: Any = None, cast: type[T] | None = None, options: RequestOptions | None = None
    ) -> Any:
        """POST JSON `body` to an API `path` this client has no method for; decoded JSON, or `cast`.

        Always treated as a **paid submit**: re-sent only when it provably never reached the server (or on
        429/503); an ambiguous failure raises `SubmitOutcomeUnknownError`. For async endpoints prefer
        `client.tasks.submit(path, body)`, which also tracks the task.
        """
        from .resources._raw import RawCalls

        return await RawCalls(self).post(path, body=body, cast=cast, options=options)

    @overload
    async def get(
        self, path: str, *, params: Mapping[str, Any] | None = None, cast: None = None,
        options: RequestOptions | None = None,
    ) -> Any: ...

    @overload
    async def get(
        self, path: str, *, params: Mapping[str, Any] | None = None, cast: type[T],
        options: RequestOptions | None = None,
    ) -> T: ...

    async def get(
        self, path: str, *, params: Mapping[str, Any] | None = None, cast: type[T] | None = None,
        options: RequestOptions | None = None,
    ) -> Any:
        """GET an API `path` with query `params`; decoded JSON, or `cast`. Retried like every read."""
        from .resources._raw import RawCalls

        return await RawCalls(self).get(path, params=params, cast=cast, options=options)

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
        """Concurrency, and per endpoint family (plus `polls`, the poller's budget): pace, 429s, time paced."""
        stats = self._limiter.statistics()
        families = {**stats.families, "polls": self._poller.budget.statistics(time.monotonic())}
        return dataclasses.replace(stats, families=families)

    def poller_statistics(self) -> PollerStats:
        return self._poller.statistics()

    @property
    def limiter(self) -> RequestLimiter:
        return self._limiter

    @property
    def poller(self) -> Poller:
        return self._poller

    # --- tasks -------------------------------------------------------------------------------------

    def _track(
        self,
        task_id: str,
        backend: TaskBackend[T] | str,
        *,
        endpoint: str = "",
        model: str = "",
        deadline: float | None = None,
    ) -> Task[T]:
        """A handle for `task_id`, tracked by the poller until it resolves or its deadline passes.

        `endpoint` and `model` (the request's `model_name`, if any) name what the poller learns durations
        for: a 4-step turbo model and a 50-step SDXL model share an endpoint, not a duration."""
        self._check_open()
        if not isinstance(task_id, str) or not task_id.strip():
            raise RequestValidationError(f"task_id must be a non-empty str, not {task_id!r}", endpoint=endpoint)
        if isinstance(backend, str):
            if backend not in BACKENDS:
                kinds = ", ".join(repr(k) for k in BACKENDS)
                raise RequestValidationError(
                    f"unknown task kind {backend!r}; expected one of {kinds}", endpoint=endpoint, field="kind"
                )
            backend = BACKENDS[backend]
        now = time.monotonic()
        seconds = self.task_deadline if deadline is None else deadline
        task: Task[T] = Task(
            task_id,
            backend,
            endpoint=endpoint,
            model=model,
            started_at=now,
            deadline=now + seconds,
            on_cancel=self._poller.untrack,
        )
        self._poller.track(task)
        return task
