"""When to retry, and how long to wait: small pure functions, fed to `backoff`.

The one rule that matters most: a submit creates paid work, so it is retried only when the request
provably never reached the server (the connection could not be opened) or when the server said so
(429 Too Many Requests, 503 Service Unavailable, v2 "host unavailable"). Any other failure of a submit
is *ambiguous* and becomes `SubmitOutcomeUnknownError`; it is never re-sent. Reads (GET) are idempotent
and retried on every transient failure.

A 429 on a submit is special: it means nothing was created, so re-sending it is free of risk. It is
re-sent for as long as the call's budget allows (`rate_limit_budget`: the task's deadline, or the call's
own timeout), not bounded by `max_retries`, and the family's learned pace (`_limits`) spaces the re-sends.

Every decision is logged at DEBUG with its reason. The log never contains headers, so never the key.
"""

from __future__ import annotations

import datetime
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import backoff

from ._constants import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
)
from ._errors import APIConnectionError, APIStatusError, NovitaError, RateLimitError

__all__ = (
    "RetryPolicy",
    "cap_retry_after",
    "free_resend",
    "parse_retry_after",
    "rate_limit_budget",
    "retry_delay",
    "retry_reason",
    "retrying",
    "submit_refused",
    "with_retries",
)

logger = logging.getLogger("novita_async")
T = TypeVar("T")

_RETRYABLE_GET_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
_RETRYABLE_SUBMIT_STATUS = frozenset({429, 503})
_V2_HOST_UNAVAILABLE = 5
_V2_AMBIGUOUS = frozenset({-1, 9})  # v2 INTERNAL_ERROR and TIMEOUT: the v2 twins of HTTP 500 and 504


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry. `max_retries=0` disables retries."""

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    max_retry_after: float = MAX_RETRY_AFTER


def parse_retry_after(
    value: str | None, *, metadata: Mapping[str, object] | None = None, now: float | None = None
) -> float | None:
    """Seconds the server asks us to wait, or None if it did not say (or said nothing readable).

    `Retry-After` as delta-seconds or an HTTP date (relative to `now`, Unix time), else the v3 error
    body's `metadata.retry_after_ms`. Not capped here: see `cap_retry_after`.
    """
    seconds: float | None = None
    if value and value.strip():
        value = value.strip()
        try:
            seconds = float(value)
        except ValueError:
            try:
                parsed = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                parsed = None
            if parsed is not None:
                if parsed.tzinfo is None:  # "-0000": UTC with no claim about the local zone
                    parsed = parsed.replace(tzinfo=datetime.timezone.utc)
                seconds = parsed.timestamp() - (time.time() if now is None else now)
    if seconds is None and metadata:
        millis = metadata.get("retry_after_ms")
        try:
            seconds = float(millis) / 1000.0 if isinstance(millis, (str, int, float)) else None
        except ValueError:
            seconds = None
    if seconds is None or seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN, inf
        return None
    return max(0.0, seconds)


def cap_retry_after(seconds: float | None, cap: float = MAX_RETRY_AFTER) -> float | None:
    """Honour a server's wait, but never longer than `cap`: one answer of "3600" must not freeze a family
    for an hour, past every timeout."""
    return None if seconds is None else min(seconds, cap)


def rate_limit_budget(*, deadline: float, timeout: float | None = None, wait: float | None = None) -> float:
    """Seconds a submit keeps re-sending after 429s: `wait` if the call set one (0: never), else the
    task's `deadline`, shortened by the call's own `timeout` when it has one."""
    if wait is not None:
        return max(0.0, wait)
    return deadline if timeout is None else min(deadline, timeout)


def free_resend(exc: BaseException, *, submit: bool) -> bool:
    """A 429 on a submit: nothing was created, so re-sending is safe and not counted as a retry."""
    return submit and isinstance(exc, RateLimitError) and exc.v2_code is None


def retry_delay(
    attempt: int,
    policy: RetryPolicy,
    retry_after: float | None = None,
    *,
    rand: Callable[[], float] = random.random,
) -> float:
    """Delay before retry number `attempt` (0-based).

    Exponential backoff with full jitter (uniform in `[0, min(max_delay, initial * 2**attempt)]`), so a
    thousand coroutines hit by the same outage do not come back in lockstep. A server `Retry-After` is
    honoured (capped at `max_retry_after`) and a little jitter is added on top of it.
    """
    if retry_after is not None:
        return min(retry_after, policy.max_retry_after) + rand() * policy.initial_delay
    ceiling = min(policy.max_delay, policy.initial_delay * (2.0 ** min(attempt, 32)))
    return rand() * ceiling


def retry_reason(exc: BaseException, *, submit: bool) -> str | None:
    """Why `exc` may be retried, or None when it must not be."""
    if isinstance(exc, APIConnectionError):
        if not exc.sent:
            return "connection failed before the request was sent"
        if submit:
            return None  # ambiguous: the submit may have created a task
        return f"transient {type(exc).__name__}"
    if isinstance(exc, APIStatusError):
        if exc.v2_code == _V2_HOST_UNAVAILABLE:
            return "v2 host unavailable"
        allowed = _RETRYABLE_SUBMIT_STATUS if submit else _RETRYABLE_GET_STATUS
        if exc.v2_code is None and exc.status_code in allowed:
            return f"HTTP {exc.status_code}"
    return None


def submit_refused(exc: BaseException) -> bool:
    """Whether a failed submit attempt provably created nothing.

    True when the request never left (the connection could not be opened) or the server refused it: a
    4xx (including 429), a 503, or a v2 error code other than internal error/timeout. Anything else that
    went wrong once the request was sent (a lost or truncated answer, a timeout, 500/502/504, an answer
    that does not decode) is ambiguous: the server may have created the task before failing. The retry
    rule above re-sends a subset of the refusals; everything ambiguous becomes `SubmitOutcomeUnknownError`,
    and the batch journal uses this same test to decide whether an item can be `unknown` at all.
    """
    if isinstance(exc, APIConnectionError):
        return not exc.sent
    if isinstance(exc, APIStatusError):
        if exc.v2_code is not None:
            return exc.v2_code not in _V2_AMBIGUOUS
        return exc.status_code < 500 or exc.status_code == 503
    return False


def _wait_gen(policy: RetryPolicy, paced: bool) -> Generator[float, Any, None]:
    """A `backoff` wait generator: `backoff` sends each failure in, we answer with the delay.

    With `paced`, a 429 is re-sent at once: the family's limiter (learned pace, Retry-After pause) holds
    the re-send, so a second back-off on top would only idle.
    """
    attempt = 0
    exc = yield 0.0  # backoff primes the generator once before the first failure
    while True:
        if paced and isinstance(exc, RateLimitError):
            delay = 0.0
        else:
            retry_after = exc.retry_after if isinstance(exc, APIStatusError) else None
            delay = retry_delay(attempt, policy, retry_after)
            attempt += 1
        exc = yield delay


def retrying(
    policy: RetryPolicy,
    *,
    submit: bool,
    describe: str,
    resend_until: float | None = None,
    paced: bool = False,
    clock: Callable[[], float] = time.monotonic,
    on_retry: Callable[[BaseException, float], None] | None = None,
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """A `backoff` decorator applying `policy` to one logical request named `describe`.

    `max_retries` counts retries; 429s on a submit (`free_resend`) are not counted and go on until
    `resend_until` (a `clock` time; None: they count like any other retry).
    """
    counted = 0

    def giveup(exc: Exception) -> bool:
        nonlocal counted
        if retry_reason(exc, submit=submit) is None:
            return True
        if resend_until is not None and free_resend(exc, submit=submit):
            return clock() >= resend_until
        counted += 1
        return counted > policy.max_retries

    def log_backoff(details: Any) -> None:
        exc = details["exception"]
        wait = details["wait"]
        if resend_until is not None and free_resend(exc, submit=submit):
            logger.debug("re-sending %s in %.2fs: 429, nothing was created", describe, wait)
        else:
            logger.debug(
                "retrying %s in %.2fs (retry %d of %d): %s",
                describe,
                wait,
                counted,
                policy.max_retries,
                retry_reason(exc, submit=submit),
            )
        if on_retry is not None:
            on_retry(exc, wait)

    def log_giveup(details: Any) -> None:
        exc = details["exception"]
        if details["tries"] > 1 or retry_reason(exc, submit=submit) is not None:
            logger.debug("giving up on %s after %d tries: %s", describe, details["tries"], exc)

    return backoff.on_exception(
        lambda: _wait_gen(policy, paced),
        NovitaError,
        max_tries=None,
        giveup=giveup,
        jitter=None,
        on_backoff=log_backoff,
        on_giveup=log_giveup,
        raise_on_giveup=True,
        logger=None,  # backoff's own handlers log every give-up at ERROR (even a 404); ours log at DEBUG
    )


async def with_retries(
    attempt: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    submit: bool,
    describe: str,
    resend_until: float | None = None,
    paced: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """`retrying(policy, ...)(attempt)()`, with the `backoff` machinery built only once a try has failed.

    Building a `backoff` decorator costs more CPU than a whole HTTP exchange on a fast connection, and
    almost every request succeeds on its first try. So the first try runs bare; if it fails, the decorator
    is built around a function whose first call re-raises that failure, so `backoff` sees exactly the
    sequence it would have seen (same tries, give-up rules, waits and logs) and nothing is sent twice.
    """
    try:
        return await attempt()
    except NovitaError as exc:
        failed: NovitaError | None = exc

    async def again() -> T:
        nonlocal failed
        if failed is not None:
            error, failed = failed, None
            raise error
        return await attempt()

    decorated = retrying(policy, submit=submit, describe=describe, resend_until=resend_until, paced=paced, clock=clock)
    result: T = await decorated(again)()
    return result
