"""The retry policy as pure functions: what is retried, and how long we wait."""

from __future__ import annotations

import email.utils

import pytest

from novita_async import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    InvalidRequestError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    SubmitOutcomeUnknownError,
)
from novita_async._errors import v2_error
from novita_async._retry import (
    cap_retry_after,
    free_resend,
    parse_retry_after,
    rate_limit_budget,
    retry_delay,
    retry_reason,
    with_retries,
)


def _status(cls: type, status: int, **kw: object) -> object:
    return cls("x", method="GET", path="/p", status_code=status, **kw)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), ("3", 3.0), ("0.5", 0.5), ("-4", 0.0), ("soon", None), ("nan", None)],
)
def test_parse_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_parse_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    header = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after(header, now=now) == pytest.approx(30.0, abs=1.0)


def test_delay_is_full_jitter_capped() -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=8.0)
    assert retry_delay(0, policy, rand=lambda: 1.0) == 0.5
    assert retry_delay(3, policy, rand=lambda: 1.0) == 4.0
    assert retry_delay(10, policy, rand=lambda: 1.0) == 8.0
    assert retry_delay(10, policy, rand=lambda: 0.0) == 0.0


def test_retry_after_is_honoured_and_capped() -> None:
    policy = RetryPolicy(initial_delay=0.5, max_retry_after=60.0)
    assert retry_delay(0, policy, 12.0, rand=lambda: 0.0) == 12.0
    assert retry_delay(0, policy, 600.0, rand=lambda: 0.0) == 60.0


def test_gets_retry_every_transient_failure() -> None:
    sent = APIConnectionError("reset", method="GET", path="/p", sent=True)
    assert retry_reason(sent, submit=False)
    assert retry_reason(APITimeoutError("t", method="GET", path="/p", sent=True), submit=False)
    for status in (429, 500, 502, 503, 504):
        cls = RateLimitError if status == 429 else ServerError
        assert retry_reason(_status(cls, status), submit=False), status  # type: ignore[arg-type]
    assert retry_reason(_status(InvalidRequestError, 400), submit=False) is None  # type: ignore[arg-type]
    assert retry_reason(_status(AuthenticationError, 403), submit=False) is None  # type: ignore[arg-type]


def test_submits_retry_only_when_provably_unsent_or_told_to() -> None:
    unsent = APIConnectionError("refused", method="POST", path="/p", sent=False)
    assert retry_reason(unsent, submit=True) == "connection failed before the request was sent"
    ambiguous = APIConnectionError("reset", method="POST", path="/p", sent=True)
    assert retry_reason(ambiguous, submit=True) is None
    unknown = SubmitOutcomeUnknownError("x", method="POST", path="/p", endpoint="e", request_body=b"{}")
    assert retry_reason(unknown, submit=True) is None
    assert retry_reason(_status(RateLimitError, 429), submit=True)  # type: ignore[arg-type]
    assert retry_reason(_status(ServerError, 503), submit=True)  # type: ignore[arg-type]
    assert retry_reason(_status(ServerError, 500), submit=True) is None  # type: ignore[arg-type]
    assert retry_reason(_status(ServerError, 502), submit=True) is None  # type: ignore[arg-type]
    assert retry_reason(v2_error(5, "busy", method="POST", path="/v2/txt2img"), submit=True)
    assert retry_reason(v2_error(-1, "boom", method="POST", path="/v2/txt2img"), submit=True) is None


def test_retry_after_from_the_body_metadata_and_header_precedence() -> None:
    assert parse_retry_after(None, metadata={"retry_after_ms": "1500"}) == 1.5
    assert parse_retry_after(None, metadata={"retry_after_ms": 250}) == 0.25
    assert parse_retry_after(None, metadata={"retry_after_ms": "soon"}) is None
    assert parse_retry_after("2", metadata={"retry_after_ms": "9000"}) == 2.0  # the header wins
    assert parse_retry_after("inf") is None


def test_retry_after_http_date_in_the_past_or_without_zone() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0.0
    naive = email.utils.formatdate(now + 10).rsplit(" ", 1)[0] + " -0000"  # UTC, zone not claimed
    assert parse_retry_after(naive, now=now) == pytest.approx(10.0, abs=1.0)


def test_retry_after_is_capped_once_so_no_family_freezes_for_an_hour() -> None:
    assert cap_retry_after(3600.0) == 60.0
    assert cap_retry_after(3600.0, cap=5.0) == 5.0
    assert cap_retry_after(2.0) == 2.0
    assert cap_retry_after(None) is None
    header = email.utils.formatdate(1_700_000_000.0 + 3600, usegmt=True)
    assert cap_retry_after(parse_retry_after(header, now=1_700_000_000.0)) == 60.0


def test_a_429_on_a_submit_is_a_free_resend_within_the_budget() -> None:
    assert free_resend(_status(RateLimitError, 429), submit=True)  # type: ignore[arg-type]
    assert not free_resend(_status(RateLimitError, 429), submit=False)  # type: ignore[arg-type]
    assert not free_resend(_status(ServerError, 503), submit=True)  # type: ignore[arg-type]
    assert rate_limit_budget(deadline=1800.0) == 1800.0
    assert rate_limit_budget(deadline=1800.0, timeout=30.0) == 30.0  # the call's own timeout
    assert rate_limit_budget(deadline=1800.0, timeout=30.0, wait=0.0) == 0.0
    assert rate_limit_budget(deadline=5.0, wait=-1.0) == 0.0


def test_backoff_never_overflows_however_long_the_storm() -> None:
    assert retry_delay(5000, RetryPolicy(), rand=lambda: 1.0) == RetryPolicy().max_delay


@pytest.mark.parametrize(
    ("failures", "submit", "calls", "outcome"),
    [
        ([], True, 1, "ok"),  # the fast path: one call, no `backoff` machinery
        ([503], True, 2, "ok"),  # a refused first submit goes to the policy and is re-sent once
        ([500], True, 1, ServerError),  # an ambiguous submit: never re-sent
        ([500, 500, 500, 500], False, 3, ServerError),  # reads: 1 try + max_retries=2, counted from the first
        ([502, 503], False, 3, "ok"),
    ],
)
async def test_with_retries_hands_a_failed_first_try_to_the_policy(
    failures: list[int], submit: bool, calls: int, outcome: object
) -> None:
    made = 0

    async def attempt() -> str:
        nonlocal made
        made += 1
        if made <= len(failures):
            raise _status(ServerError, failures[made - 1])  # type: ignore[misc]
        return "ok"

    policy = RetryPolicy(max_retries=2, initial_delay=0.0)
    if outcome == "ok":
        assert await with_retries(attempt, policy, submit=submit, describe="POST /p") == "ok"
    else:
        with pytest.raises(ServerError):
            await with_retries(attempt, policy, submit=submit, describe="POST /p")
    assert made == calls
