"""The webhook rules as small pure functions: which submits carry a webhook, with what, and how long a
held task waits for its event before the poller takes over.

The reference (§3.3; 2026 §14.5) says: one event type, `ASYNC_TASK_RESULT`, carrying exactly the
task-result body; deliveries time out after 5 s and are retried up to five times; there is **no
signature**. Its recommendations, followed here: treat the body as untrusted, put an unguessable token
in the URL path, re-fetch the task result for the authoritative state, make receivers idempotent on
`task_id`, answer 2xx quickly, and always keep polling as the fallback.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

import msgspec

from .. import _constants as C
from .._polling import DurationModel

__all__ = (
    "TestStatus",
    "WebhookPolicy",
    "expected_duration",
    "hold_until",
    "hook_url",
    "new_token",
    "token_ok",
    "wants_webhook",
    "with_webhook",
)

TestStatus = Literal["TASK_STATUS_SUCCEED", "TASK_STATUS_FAILED"]


@dataclass(frozen=True)
class WebhookPolicy:
    """How a receiver waits for events and what it accepts.

    * `grace`: seconds a task waits for its event past its expected finish; then the poller takes over.
    * `expected_quantile`: the expected finish is this quantile of the durations learned for the task's
      kind (high, so that tasks are rarely polled while their event is still to come);
      `cold_wait`: the expected duration before enough are learned (`PollPolicy.min_samples`).
    * `max_body`: bytes accepted per delivery (413 beyond).
    * `early_window`, `max_early`: how long and how many events for not-yet-known task ids wait for their
      submit's answer (an event can beat it); afterwards they count as unknown (`on_unknown`).
    * `remember`: finished task ids remembered to recognize retried deliveries.
    * `max_queue`: accepted events not yet processed; beyond, deliveries get 503 and are retried.
    """

    grace: float = C.DEFAULT_WEBHOOK_GRACE
    expected_quantile: float = C.DEFAULT_WEBHOOK_QUANTILE
    cold_wait: float = C.DEFAULT_WEBHOOK_COLD_WAIT
    max_body: int = C.DEFAULT_WEBHOOK_MAX_BODY
    early_window: float = C.DEFAULT_WEBHOOK_EARLY_WINDOW
    max_early: int = C.DEFAULT_WEBHOOK_MAX_EARLY
    remember: int = C.DEFAULT_WEBHOOK_REMEMBER
    max_queue: int = C.DEFAULT_WEBHOOK_MAX_QUEUE

    def __post_init__(self) -> None:
        if self.grace < 0 or self.cold_wait < 0 or self.early_window < 0:
            raise ValueError("grace, cold_wait and early_window must be >= 0")
        if not 0.0 < self.expected_quantile <= 1.0:
            raise ValueError("expected_quantile must be in (0, 1]")
        if min(self.max_body, self.max_early, self.remember, self.max_queue) < 1:
            raise ValueError("max_body, max_early, remember and max_queue must be >= 1")


def wants_webhook(path: str, webhook: bool | None) -> bool:
    """Whether a submit to `path` carries the active receiver's webhook.

    `None` (the default): only where the API documents webhooks (`WEBHOOK_ENDPOINTS`); `True` forces it on
    any v3 async submit (the reference allows it everywhere, "delivery only guaranteed where documented":
    polling covers the rest); `False` opts out.
    """
    if webhook is None:
        return path in C.WEBHOOK_ENDPOINTS
    return webhook and path.startswith("/v3/async/")


def with_webhook(extra: Any, url: str, test_mode: TestStatus | None) -> dict[str, Any] | None:
    """`extra` (a `V3Extra`, dict or None) with `webhook` set to `url`; None if the caller already set a
    webhook of their own (theirs wins, and the task is then simply polled)."""
    data: dict[str, Any] = {} if extra is None else dict(msgspec.to_builtins(extra))
    if data.get("webhook"):
        return None
    hook: dict[str, Any] = {"url": url}
    if test_mode is not None:
        hook["test_mode"] = {"enabled": True, "return_task_status": test_mode}
    data["webhook"] = hook
    return data


def expected_duration(
    model: DurationModel | None, eta: float | None, min_samples: int, policy: WebhookPolicy
) -> float:
    """Seconds from submit to the expected finish of a task we are not polling.

    The server's eta when we have one; else a high quantile of the durations learned for this kind of
    task (from polls and from the events themselves, whose `debug_info` stamps are exact); else, before
    enough are known, a conservative cold guess.
    """
    if eta is not None and eta > 0:
        return eta
    if model is not None and len(model) >= min_samples:
        q = model.quantile(policy.expected_quantile)
        if q is not None:
            return q
    return policy.cold_wait


def hold_until(start: float, expected: float, grace: float) -> float:
    """When the poller takes over a task whose event has not come: its expected finish plus `grace`."""
    return start + expected + grace


def new_token() -> str:
    """An unguessable URL-safe token (256 bits): the only thing that authenticates an unsigned event."""
    return secrets.token_urlsafe(32)


def token_ok(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so the answer's timing tells an attacker nothing about the token."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode())


def hook_url(base: str, token: str) -> str:
    """`base` (the receiver's public URL, without the token) followed by `/<token>`."""
    return f"{base.rstrip('/')}/{quote(token, safe='')}"
