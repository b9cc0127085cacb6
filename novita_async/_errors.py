"""The exceptions of novita_async.

Every failure a user can see is one of these; aiohttp and socket errors are translated at the transport
seam (`_transport.map_transport_errors`), msgspec validation errors at the request and response edges.

    NovitaError
    ├── RequestValidationError        bad input, caught client-side: nothing was sent, nothing was paid
    ├── ConfigurationError            a bad constructor argument (e.g. a plain-http or malformed URL)
    │   └── MissingAPIKeyError        no api_key given and NOVITA_API_KEY unset (raised at construction)
    ├── ClientStateError              the client was used before `async with` or after it closed
    ├── APIConnectionError            no (usable) answer from the server
    │   ├── APITimeoutError           connect or read timeout
    │   └── SubmitOutcomeUnknownError a paid submit was sent but no answer proves what it did (lost, 5xx
    │                                 other than 503, undecodable 2xx): it may have created a task.
    │                                 Never retried silently; carries what is known.
    ├── APIResponseValidationError    the server answered with a body we cannot decode
    │   └── ResponseTooLargeError     the answer exceeded the size cap (on the wire or decompressed)
    ├── APIStatusError                the API refused (v3: HTTP 4xx/5xx; v2: HTTP 200 with `code != 0`)
    │   ├── InvalidRequestError       400 INVALID_REQUEST_BODY and friends; v2 codes 1, 6, 8, 10, 11
    │   ├── AuthenticationError       401, MISSING_API_KEY, INVALID_API_KEY; v2 code 4
    │   ├── PermissionDeniedError     403 (feature not allowed, real-name verification, ...)
    │   ├── InsufficientBalanceError  BILLING_BALANCE_NOT_ENOUGH; v2 code 7
    │   ├── NotFoundError             404 (API_NOT_FOUND, TASK_NOT_FOUND); v2 codes 2, 3
    │   ├── RateLimitError            429 RATE_LIMIT_EXCEEDED
    │   └── ServerError               5xx; v2 codes -1, 5, 9
    └── TaskError                     the task exists, but did not produce a result
        ├── TaskFailedError           the service reports the task FAILED (or timed out on its side)
        ├── TaskTimeoutError          our own deadline for the task passed; the task may still finish
        └── TaskCancelledError        we stopped tracking it (`Task.cancel()`); the task may still run

Every error that concerns a task carries its `task_id`, so a task is never lost behind an exception.
"""

from __future__ import annotations

from typing import Any

__all__ = (
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "ClientStateError",
    "ConfigurationError",
    "InsufficientBalanceError",
    "InvalidRequestError",
    "MissingAPIKeyError",
    "NotFoundError",
    "NovitaError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "ResponseTooLargeError",
    "ServerError",
    "SubmitOutcomeUnknownError",
    "TaskError",
    "TaskCancelledError",
    "TaskFailedError",
    "TaskTimeoutError",
)


class NovitaError(Exception):
    """Base class of every error raised by novita_async."""


class RequestValidationError(NovitaError, ValueError):
    """A request failed client-side validation; nothing was sent.

    `field` is the JSON path of the offending field when known (e.g. `$.request.width`).
    """

    def __init__(self, message: str, *, endpoint: str = "", field: str | None = None) -> None:
        self.message = message
        self.endpoint = endpoint
        self.field = field
        prefix = f"{endpoint}: " if endpoint else ""
        super().__init__(f"{prefix}invalid request: {message}")


class ConfigurationError(NovitaError, ValueError):
    """A constructor argument is unusable (raised at construction, before anything is sent)."""


class MissingAPIKeyError(ConfigurationError):
    """No API key: pass `api_key=` or set `NOVITA_API_KEY`."""


class ClientStateError(NovitaError, RuntimeError):
    """The client is not open: use it inside `async with NovitaClient(...)`."""


class APIConnectionError(NovitaError):
    """The request got no usable answer: connection refused or reset, DNS failure, truncated body.

    `sent` tells whether the request may have reached the server. When it is False the failure happened
    while connecting, so retrying cannot duplicate anything.
    """

    def __init__(self, message: str, *, method: str, path: str, sent: bool) -> None:
        self.method = method
        self.path = path
        self.sent = sent
        super().__init__(f"{method} {path}: {message}")


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, or waiting for the answer)."""


class SubmitOutcomeUnknownError(APIConnectionError):
    """A paid submit reached the network but no answer proves what it did: a task may or may not exist.

    Raised when the answer was lost (reset, timeout, truncated body), when the server answered a 5xx that
    is not a refusal (500/502/504: it may have created the task first), and when a 2xx answer cannot be
    decoded or carries no task id (truncated JSON, `{}`, HTML, an error object sent with HTTP 200).
    It is never re-sent automatically, because that could pay twice. `endpoint` names the call,
    `request_body` holds the exact JSON that was sent; `status_code` and `response_body` (its first 2 KiB)
    hold the answer when there was one, so the caller (or the batch journal) can decide. `sent` is True.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        endpoint: str,
        request_body: bytes,
        status_code: int | None = None,
        response_body: bytes = b"",
    ) -> None:
        self.endpoint = endpoint
        self.request_body = request_body
        self.status_code = status_code
        self.response_body = response_body
        super().__init__(
            f"outcome unknown, the request may have created a paid task ({message}); "
            "it was not re-sent",
            method=method,
            path=path,
            sent=True,
        )


class APIResponseValidationError(NovitaError):
    """The server's answer could not be decoded into the documented shape."""

    def __init__(self, message: str, *, method: str, path: str, status_code: int, body: bytes) -> None:
        self.method = method
        self.path = path
        self.status_code = status_code
        self.body = body
        super().__init__(f"{method} {path}: malformed response (HTTP {status_code}): {message}")


class ResponseTooLargeError(APIResponseValidationError):
    """The answer was larger than `limit` bytes (as announced, as received, or once decompressed).

    Reading stopped at the cap, so a huge body or a compression bomb costs at most `limit` bytes.
    """

    def __init__(self, message: str, *, method: str, path: str, status_code: int, limit: int) -> None:
        self.limit = limit
        super().__init__(message, method=method, path=path, status_code=status_code, body=b"")


class APIStatusError(NovitaError):
    """The API refused the request.

    For v3 endpoints `status_code` is the HTTP status and `reason`/`message`/`metadata` come from the
    error body (reference §2.4). For v2 endpoints the HTTP status is 200, `v2_code` holds the envelope's
    `code` and `message` its `msg` (reference §2.1).
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        status_code: int,
        reason: str = "",
        metadata: dict[str, Any] | None = None,
        v2_code: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.message = message
        self.method = method
        self.path = path
        self.status_code = status_code
        self.reason = reason
        self.metadata = metadata or {}
        self.v2_code = v2_code
        self.retry_after = retry_after
        code = f"v2 code {v2_code}" if v2_code is not None else f"HTTP {status_code}"
        why = f" {reason}" if reason else ""
        super().__init__(f"{method} {path}: {code}{why}: {message}")


class InvalidRequestError(APIStatusError):
    """The server rejected the request body (400 INVALID_REQUEST_BODY, bad image, illegal prompt...)."""


class AuthenticationError(APIStatusError):
    """The API key is missing or invalid."""


class PermissionDeniedError(APIStatusError):
    """The key is valid but may not use this feature."""


class InsufficientBalanceError(APIStatusError):
    """The account cannot pay for the request."""


class NotFoundError(APIStatusError):
    """The path, task or model does not exist."""


class RateLimitError(APIStatusError):
    """Too many requests; `retry_after` holds the server's hint in seconds, if it sent one."""


class ServerError(APIStatusError):
    """The service failed (HTTP 5xx, or a v2 internal/unavailable/timeout code)."""


class TaskError(NovitaError):
    """A task was created but did not produce a result. `task_id` always identifies it."""

    def __init__(self, message: str, *, task_id: str) -> None:
        self.task_id = task_id
        super().__init__(f"task {task_id}: {message}")


class TaskFailedError(TaskError):
    """The service reports that the task failed; `reason` is its explanation, `result` the last snapshot."""

    def __init__(self, *, task_id: str, reason: str, result: object = None) -> None:
        self.reason = reason
        self.result = result
        super().__init__(f"failed: {reason or 'no reason given'}", task_id=task_id)


class TaskTimeoutError(TaskError):
    """The task did not finish within its deadline. It may still finish: resume it by `task_id`."""

    def __init__(self, *, task_id: str, deadline: float) -> None:
        self.deadline = deadline
        super().__init__(
            f"not finished within {deadline:g} s; it may still complete "
            "(resume with client.tasks.attach(task_id))",
            task_id=task_id,
        )


class TaskCancelledError(TaskError):
    """Tracking of the task was cancelled with `Task.cancel()`; the task itself may still run."""

    def __init__(self, *, task_id: str) -> None:
        super().__init__("tracking was cancelled (resume with client.tasks.attach(task_id))", task_id=task_id)


# --- mapping answers to errors ---------------------------------------------------------------------

# Reason → class, from today's error table (Part 2 §14.3, "Image / Video / Audio"), plus the LLM/billing
# tables' names for the same conditions. The reason wins over the HTTP status: `BILLING_BALANCE_NOT_ENOUGH`
# comes as a 400 but is a balance problem, not a bad request.
_REASON_CLASSES: dict[str, type[APIStatusError]] = {
    **dict.fromkeys(
        (
            "INVALID_REQUEST_BODY", "IMAGE_FILE_EXCEEDS_MAX_SIZE", "INVALID_IMAGE_FORMAT",
            "IMAGE_EXCEEDS_MAX_RESOLUTION", "INVALID_IMAGE_SIZE", "IMAGE_NO_FACE_DETECTED",
            "INVALID_CUSTOM_OUTPUT_PATH", "ILLEGAL_PROMPT", "ILLEGAL_IMAGE_CONTENT", "INVALID_AUDIO_FILE",
        ),
        InvalidRequestError,
    ),
    **dict.fromkeys(("BILLING_BALANCE_NOT_ENOUGH", "NOT_ENOUGH_BALANCE"), InsufficientBalanceError),
    # §14.3 CONFLICT (400 / 401 / 403 for a bad key): the reason decides, whatever the status.
    **dict.fromkeys(("MISSING_API_KEY", "INVALID_API_KEY", "FAILED_TO_AUTH"), AuthenticationError),
    **dict.fromkeys(
        ("BILLING_AUTH_FAILED", "FEATURE_NOT_ALLOWED", "API_NOT_ALLOWED", "NEED_REAL_NAME_VERIFY", "ACCESS_DENY"),
        PermissionDeniedError,
    ),
    **dict.fromkeys(("API_NOT_FOUND", "TASK_NOT_FOUND", "MODEL_NOT_FOUND"), NotFoundError),
    **dict.fromkeys(("RATE_LIMIT_EXCEEDED", "TOKEN_LIMIT_EXCEEDED", "LIST_BILL_TOO_FAST"), RateLimitError),
    **dict.fromkeys(
        ("BILLING_FAILED", "CREATE_TASK_FAILED", "GET_RESULT_FAILED", "TASK_FAILED", "SERVICE_NOT_AVAILABLE"),
        ServerError,
    ),
}  # fmt: skip
_V2_ERRORS: dict[int, tuple[type[APIStatusError], str]] = {
    -1: (ServerError, "INTERNAL_ERROR"),
    1: (InvalidRequestError, "INVALID_JSON"),
    2: (NotFoundError, "MODEL_NOT_EXIST"),
    3: (NotFoundError, "TASK_ID_NOT_EXIST"),
    4: (AuthenticationError, "INVALID_AUTH"),
    5: (ServerError, "HOST_UNAVAILABLE"),
    6: (InvalidRequestError, "PARAM_RANGE_OUT_OF_LIMIT"),
    7: (InsufficientBalanceError, "COST_BALANCE_FAILURE"),
    8: (InvalidRequestError, "SAMPLER_NOT_EXIST"),
    9: (ServerError, "TIMEOUT"),
    10: (InvalidRequestError, "NOT_SUPPORT"),
    11: (InvalidRequestError, "PROMPT_ILLEGAL"),
}


def status_error_class(status: int, reason: str) -> type[APIStatusError]:
    """Pick the most specific class: a known `reason` wins over the HTTP status (Part 2 §14.3)."""
    known = _REASON_CLASSES.get(reason)
    if known is not None:
        return known
    if status == 401:
        return AuthenticationError
    if status == 429:
        return RateLimitError
    if status == 403:
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status >= 500:
        return ServerError
    return InvalidRequestError


def v2_error(code: int, msg: str, *, method: str, path: str) -> APIStatusError:
    """The error for a v2 envelope with `code != 0` (HTTP 200, reference §2.1)."""
    cls, name = _V2_ERRORS.get(code, (ServerError if code < 0 else InvalidRequestError, f"CODE_{code}"))
    return cls(msg or name, method=method, path=path, status_code=200, reason=name, v2_code=code)
