"""When to retry, and how long to wait: small pure functions, fed to `backoff`.

The one rule that matters most: a submit creates paid work, so it is retried only when the request
provably never reached the server (the connection could not be opened) or when the server said so
(429 Too Many Requests, 503 Service Unavailable, v2 "host unavailable"). Any other failure of a submit
is *ambiguous* and becomes `SubmitOutcomeUnknownError`; it is never re-sent. Reads (GET) are idempotent
and retried on every transient failure.

Every decision is logged at DEBUG with its reason. The log never contains headers, so never the key.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import backoff

from ._constants import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
)
from ._errors import APIConnectionError, APIStatusError, NovitaError

__all__ = ("RetryPolicy", "parse_retry_after", "retry_delay", "retry_reason", "retrying", "submit_refused")

logger = logging.getLogger("novita_async")

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


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = parsed.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


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
    ceiling = min(policy.max_delay, policy.initial_delay * (2.0**attempt))
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


def _wait_gen(policy: RetryPolicy) -> Generator[float, Any, None]:
    """A `backoff` wait generator: `backoff` sends each failure in, we answer with the delay."""
    attempt = 0
    exc = yield 0.0  # backoff primes the generator once before the first failure
    while True:
        retry_after = exc.retry_after if isinstance(exc, APIStatusError) else None
        exc = yield retry_delay(attempt, policy, retry_after)
        attempt += 1


def retrying(
    policy: RetryPolicy,
    *,
    submit: bool,
    describe: str,
    on_retry: Callable[[BaseException, float], None] | None = None,
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """A `backoff` decorator applying `policy` to one logical request named `describe`."""

    def giveup(exc: Exception) -> bool:
        return retry_reason(exc, submit=submit) is None

    def log_backoff(details: Any) -> None:
        exc = details["exception"]
        wait = details["wait"]
        logger.debug(
            "retrying %s in %.2fs (attempt %d of %d): %s",
            describe,
            wait,
            details["tries"],
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
        lambda: _wait_gen(policy),
        NovitaError,
        max_tries=policy.max_retries + 1,
        giveup=giveup,
        jitter=None,
        on_backoff=log_backoff,
        on_giveup=log_giveup,
        raise_on_giveup=True,
    )
