"""The session layer: the one path every API call takes.

    limiter slot → transport.send → HTTP status to error → decode into a Struct

wrapped, per logical request, in the retry policy of `_retry`. A paid submit whose attempt failed in a way
that does not prove it created nothing (`_retry.submit_refused`: a lost answer, a 500/502/504, a 2xx answer
that does not decode) becomes `SubmitOutcomeUnknownError` here, before the retry policy sees it, so it is
never re-sent. A `SubmitWatcher` (set in `SUBMIT_WATCHER` by the batch journal) sees each attempt of a
submit around the moment its bytes may leave, after pacing, so it knows what was really sent.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, TypeVar

import msgspec

from ._codec import DECODE_ERRORS, decode_response
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    NovitaError,
    RateLimitError,
    SubmitOutcomeUnknownError,
    status_error_class,
    v2_error,
)
from ._limits import RequestLimiter, endpoint_family
from ._retry import (
    RetryPolicy,
    cap_retry_after,
    parse_retry_after,
    rate_limit_budget,
    submit_refused,
    with_retries,
)
from ._transport import RawResponse, StreamingResponse, Timeout, Transport

__all__ = ("SUBMIT_WATCHER", "RequestOptions", "Session", "SubmitWatcher")

logger = logging.getLogger("novita_async")
T = TypeVar("T")


class RequestOptions(msgspec.Struct, frozen=True, kw_only=True):
    """Per-call overrides of the client's defaults."""

    timeout: Timeout | float | None = None
    max_retries: int | None = None
    rate_limit_wait: float | None = None
    """Seconds a submit keeps re-sending after 429 answers (a 429 created nothing). Default: the task's
    deadline (or this call's `timeout`, if shorter); 0 raises the first `RateLimitError`."""


class _ErrorObject(msgspec.Struct):
    message: str = ""
    code: int | str = ""


class _V3ErrorBody(msgspec.Struct):
    """The flat error body (§2.4), or the `{"error": {"message", "code"}}` shape as a fallback.

    Part 2 §14.3 CONFLICT: the error table and the JS SDK show the flat shape; Novita's agent skill and CLI
    parse only `{"error": {...}}` (the LLM API's OpenAI shape). Following its recommendation, the flat
    fields are read first and the `error` object fills whatever they left empty (`code` → reason).
    """

    code: int | str = 0
    reason: str = ""
    message: str = ""
    metadata: dict[str, Any] | None = None
    error: _ErrorObject | str | None = None

    def __post_init__(self) -> None:
        error = self.error
        if isinstance(error, _ErrorObject):
            if not self.reason and isinstance(error.code, str):
                self.reason = error.code
            if not self.message:
                self.message = error.message
        elif isinstance(error, str) and not self.message:
            self.message = error


class _V2Envelope(msgspec.Struct):
    code: int = 0
    msg: str = ""
    # `msgspec.Raw | None` cannot decode an object (it only matches `null`): keep the raw bytes always.
    data: msgspec.Raw = msgspec.field(default_factory=lambda: msgspec.Raw(b"null"))


class SubmitWatcher(Protocol):
    """Sees every attempt of a paid submit. `attempt()` is entered once the pace and a request slot are
    granted, right before the bytes may leave, and exited with the attempt's answer or error (HTTP
    refusals included), before decoding."""

    def attempt(self) -> AbstractAsyncContextManager[None]: ...


SUBMIT_WATCHER: contextvars.ContextVar[SubmitWatcher | None] = contextvars.ContextVar(
    "novita_submit_watcher", default=None
)
"""The watcher of the submits made in this context (the batch sets one per item)."""


def _unknown_outcome(
    exc: NovitaError, path: str, endpoint: str, body: bytes | None
) -> SubmitOutcomeUnknownError | None:
    """How a failed attempt of a paid POST ends: None if it provably created nothing (`submit_refused`: the
    retry rule may re-send it), else the `SubmitOutcomeUnknownError` carrying what is known."""
    if submit_refused(exc) or isinstance(exc, SubmitOutcomeUnknownError):
        return None
    logger.warning("POST %s: outcome unknown (%s); not re-sending a paid submit", path, exc)
    return SubmitOutcomeUnknownError(
        str(exc), method="POST", path=path, endpoint=endpoint or path, request_body=body or b"",
        status_code=getattr(exc, "status_code", None), response_body=getattr(exc, "body", b""),
    )


class Session:
    """Sends API requests for one client; `check_open` raises unless the client is open."""

    def __init__(
        self,
        transport: Transport,
        limiter: RequestLimiter,
        *,
        timeout: Timeout,
        retry_policy: RetryPolicy,
        check_open: Callable[[], None],
        task_deadline: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.limiter = limiter
        self.timeout = timeout
        # The poller abandons every poll at its own, shorter timeout (`PollPolicy.poll_timeout`), so aiohttp
        # need not arm and cancel read and total timers on each answer: only connecting is bounded here.
        self._poll_timeout = Timeout(connect=timeout.connect, read=None, total=None)
        self.retry_policy = retry_policy
        self.task_deadline = task_deadline
        self._check_open = check_open
        self._clock = clock

    async def send_once(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None,
        body: bytes | None,
        family: str | None,
        timeout: Timeout,
        cost: float = 1.0,
        watcher: SubmitWatcher | None = None,
    ) -> RawResponse:
        """One HTTP exchange under the limiter; a refusal becomes an `APIStatusError`.

        `family` is paced and learns from the answer (429 or not); None skips pacing (polls: the
        poller has its own budget).
        """
        self._check_open()
        async with self.limiter.slot(family, cost) as sent_at:
            if watcher is None:
                return await self._exchange(method, path, params, body, family, timeout, cost, sent_at)
            async with watcher.attempt():
                return await self._exchange(method, path, params, body, family, timeout, cost, sent_at)

    async def _exchange(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: bytes | None,
        family: str | None,
        timeout: Timeout,
        cost: float,
        sent_at: float,
    ) -> RawResponse:
        raw = await self.transport.send(method, path, params=params, body=body, timeout=timeout)
        if raw.status >= 400:
            error = self._status_error(method, path, raw)
            if family is not None:
                self._observe(family, error, cost, sent_at)
            raise error
        if family is not None:
            self.limiter.accepted(family, cost)
        return raw

    def _observe(self, family: str, error: APIStatusError | None, cost: float, sent_at: float) -> None:
        """Tell the family's rate learner how the server answered a request sent at `sent_at`."""
        if isinstance(error, RateLimitError):
            self.limiter.rate_limited(family, error.retry_after, cost=cost, sent_at=sent_at)
        else:
            self.limiter.accepted(family, cost)

    def _plan(
        self, options: RequestOptions | None, *, submit: bool, deadline: float | None
    ) -> tuple[Timeout, RetryPolicy, float | None]:
        """The call's timeout, retry policy, and (submits) until when 429s are re-sent (`_retry`)."""
        timeout, policy = self.timeout, self.retry_policy
        call_timeout = wait = None
        if options is not None:
            if options.timeout is not None:
                timeout = Timeout.coerce(options.timeout)
                call_timeout = timeout.total
            if options.max_retries is not None:
                policy = RetryPolicy(max_retries=options.max_retries)
            wait = options.rate_limit_wait
        if not submit:
            return timeout, policy, None
        budget = rate_limit_budget(
            deadline=self.task_deadline if deadline is None else deadline, timeout=call_timeout, wait=wait
        )
        return timeout, policy, self._clock() + budget

    def _status_error(self, method: str, path: str, raw: RawResponse) -> APIStatusError:
        try:
            err = msgspec.json.decode(raw.body, type=_V3ErrorBody) if raw.body else _V3ErrorBody()
        except DECODE_ERRORS:
            err = _V3ErrorBody(message=raw.body[:200].decode("utf-8", "replace"))
        cls = status_error_class(raw.status, err.reason)
        # Capped once, here: every consumer (retry delays, family pauses, the poller) sees a sane wait.
        retry_after = cap_retry_after(parse_retry_after(raw.headers.get("Retry-After"), metadata=err.metadata))
        return cls(
            err.message or f"HTTP {raw.status}",
            method=method,
            path=path,
            status_code=raw.status,
            reason=err.reason,
            metadata=err.metadata,
            retry_after=retry_after,
        )

    @staticmethod
    def decode(raw: RawResponse, cast: type[T], method: str, path: str, v2: bool) -> T:
        """Decode an answer; for v2 endpoints check the envelope's `code` and decode its `data`.

        `cast=RawResponse` returns the answer undecoded (binary bodies such as GLM-TTS audio).
        """
        if cast is RawResponse:
            return raw  # type: ignore[return-value]
        if not v2:
            return decode_response(raw.body, cast, method=method, path=path, status=raw.status)
        envelope = decode_response(raw.body, _V2Envelope, method=method, path=path, status=raw.status)
        if envelope.code != 0:
            raise v2_error(envelope.code, envelope.msg, method=method, path=path)
        return decode_response(bytes(envelope.data), cast, method=method, path=path, status=raw.status)

    async def request(
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
        deadline: float | None = None,
    ) -> T:
        """Send one logical request with retries, and decode its answer into `cast`.

        `submit=True` marks a POST that creates paid work: see `_retry` for what that changes; `cost`
        is what it spends of its family's limit (`_limits.submit_cost`), `deadline` the seconds its task
        may take (bounds the re-sending of 429s). For v2 endpoints (`v2=True`) the envelope is checked
        and its `data` decoded into `cast`.
        """
        self._check_open()
        family = endpoint_family(path)
        timeout, policy, resend_until = self._plan(options, submit=submit, deadline=deadline)

        watcher = SUBMIT_WATCHER.get() if submit else None

        async def attempt() -> T:
            try:
                raw = await self.send_once(
                    method, path, params=params, body=body, family=family, timeout=timeout, cost=cost,
                    watcher=watcher,
                )
                return self.decode(raw, cast, method, path, v2)
            except (APIConnectionError, APIStatusError, APIResponseValidationError) as exc:
                unknown = _unknown_outcome(exc, path, endpoint, body) if submit else None
                if unknown is not None:
                    raise unknown from exc
                raise

        if policy.max_retries <= 0 and not submit:
            return await attempt()
        return await with_retries(
            attempt, policy, submit=submit, describe=f"{method} {path}", resend_until=resend_until,
            paced=self.limiter.learn, clock=self._clock,
        )

    async def open_stream(
        self,
        path: str,
        body: bytes,
        *,
        endpoint: str = "",
        options: RequestOptions | None = None,
        max_error_body: int = 64 * 1024,
    ) -> StreamingResponse:
        """POST a paid request whose answer is streamed (SSE): same limiter, errors and submit safety as
        `request`, but it returns once the status line is in. A refusal's body is read (capped) and
        raised; a lost answer after sending is `SubmitOutcomeUnknownError`, never re-sent."""
        self._check_open()
        opener = getattr(self.transport, "open_stream", None)
        if opener is None:
            raise TypeError(f"{type(self.transport).__name__} cannot stream answers")
        family = endpoint_family(path)
        timeout, policy, resend_until = self._plan(options, submit=True, deadline=None)

        async def attempt() -> StreamingResponse:
            self._check_open()
            try:
                async with self.limiter.slot(family, 1.0) as sent_at:
                    stream: StreamingResponse = await opener("POST", path, body=body, timeout=timeout)
                error = None
                if stream.status >= 400:
                    try:
                        payload = await stream.read_at_most(max_error_body)
                    finally:
                        stream.close()
                    error = self._status_error("POST", path, RawResponse(stream.status, stream.headers, payload))
                self._observe(family, error, 1.0, sent_at)
                if error is not None:
                    raise error
            except (APIConnectionError, APIStatusError) as exc:
                unknown = _unknown_outcome(exc, path, endpoint, body)
                if unknown is not None:
                    raise unknown from exc
                raise
            return stream

        return await with_retries(
            attempt, policy, submit=True, describe=f"POST {path}", resend_until=resend_until,
            paced=self.limiter.learn, clock=self._clock,
        )

    async def poll_once(self, path: str, params: dict[str, str], cast: type[Any], *, v2: bool = False) -> Any:
        """The poller's GET: one try, because the poller reschedules failures itself. Not paced with
        the families: polls never wait behind submits; the poller's own budget spaces them."""
        raw = await self.send_once("GET", path, params=params, body=None, family=None, timeout=self._poll_timeout)
        return self.decode(raw, cast, "GET", path, v2)
