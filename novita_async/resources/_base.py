"""What every resource shares: building and validating requests, submitting tasks, calling endpoints.

Keyword arguments of resource methods are the request's wire field names (reference §7), so the API
reference doubles as the method documentation. A request Struct can be passed instead of keywords for
static type checking. Either way the request is validated client-side with msgspec (types, ranges,
enums, required fields, unknown names) and images are encoded off the loop before anything is sent.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from .._codec import encode
from .._errors import ClientStateError, RequestValidationError
from .._files.inputs import image_chars, prepare_images, run_file_work
from .._limits import submit_cost
from .._polling import Task
from .._webhooks._policy import wants_webhook, with_webhook
from ..types._base import RequestStruct, number_violation
from ..types.common import AsyncSubmitResponse, V2SubmitData, V3Extra
from ..types.progress_v2 import ProgressData
from ..types.tasks import TaskResult
from ._inputs import prepare_inputs

if TYPE_CHECKING:
    from .._client import NovitaClient, RequestOptions
    from .._webhooks import WebhookReceiver

__all__ = ("AsyncResource", "SubmittedTaskId")

logger = logging.getLogger("novita_async")

Req = TypeVar("Req", bound=RequestStruct)
Resp = TypeVar("Resp")

_FIELD_AT = re.compile(r" - at `(?P<path>[^`]+)`$")
# Above this much image data, JSON encoding takes milliseconds: do it in a worker thread.
_THREAD_ENCODE_THRESHOLD = 256 * 1024


class SubmittedTaskId(AsyncSubmitResponse, kw_only=True):
    """A v3 submit answer that carries a task id, or a documented in-band refusal (MiniMax `base_resp`
    with a non-zero `status_code`, raised by the resource). Anything else without a task id (`{}`, an error
    object sent with HTTP 200) fails decoding, so the session reports the submit's outcome unknown: it may
    have created a task."""

    def __post_init__(self) -> None:
        refused = self.base_resp is not None and bool(self.base_resp.status_code)
        if not self.resolved_task_id and not refused:
            raise ValueError("the submit answer carries no task_id")


class _V2SubmittedTaskId(V2SubmitData, kw_only=True):
    """`SubmittedTaskId` for the `data` of a v2 submit envelope."""

    def __post_init__(self) -> None:
        if not self.task_id:
            raise ValueError("the submit answer carries no task_id")


def _unsupported(value: Any) -> Any:
    raise TypeError(f"cannot send a {type(value).__name__} here; pass a str, number, dict or list")


def _validation_error(exc: Exception, endpoint: str, prefix: str = "") -> RequestValidationError:
    message = str(exc)
    match = _FIELD_AT.search(message)
    field = None
    if match:
        field = match["path"].replace("$", "$" + prefix, 1) if prefix else match["path"]
        message = message[: match.start()] + f" (at {field})"
    return RequestValidationError(message, endpoint=endpoint, field=field)


class AsyncResource:
    """Base of the API areas (`client.images`, `client.tools`, ...)."""

    def __init__(self, client: NovitaClient) -> None:
        self._client = client

    async def _build(
        self, request_type: type[Req], request: Req | None, fields: dict[str, Any], endpoint: str
    ) -> Req:
        """Validate keywords (or a request Struct) into `request_type`, encoding image inputs first."""
        if request is not None:
            if fields:
                raise TypeError(f"{endpoint}: pass a {request_type.__name__} or keyword fields, not both")
            if not isinstance(request, request_type):
                raise TypeError(f"{endpoint}: expected {request_type.__name__}, got {type(request).__name__}")
            fields = msgspec.to_builtins(request)
        else:
            fields = dict(fields)
        if request_type.__image_fields__:
            await prepare_images(fields, request_type.__image_fields__, endpoint)
        # Today's model endpoints declare per-field input flavours (URL / data URI / base64, Part 2 §13.3).
        if inputs := getattr(request_type, "__image_inputs__", None):
            await prepare_inputs(fields, inputs, endpoint)
        try:
            data = msgspec.to_builtins(fields, enc_hook=_unsupported)
            built = msgspec.convert(data, request_type)
        except (msgspec.ValidationError, TypeError) as exc:
            raise _validation_error(exc, endpoint) from None
        except UnicodeEncodeError:  # msgspec met a lone surrogate where a str is not expected
            raise RequestValidationError("text is not valid Unicode (a lone surrogate)", endpoint=endpoint) from None
        except RecursionError:
            raise RequestValidationError("a value is nested too deeply", endpoint=endpoint) from None
        if bad := number_violation(data):
            field, why = bad
            raise RequestValidationError(f"{why} (at {field})", endpoint=endpoint, field=field)
        return built

    async def _build_extra(self, extra: V3Extra | dict[str, Any] | None, endpoint: str) -> V3Extra | None:
        if extra is None:
            return None
        try:
            return msgspec.convert(msgspec.to_builtins(extra), V3Extra)
        except (msgspec.ValidationError, TypeError) as exc:
            raise _validation_error(exc, endpoint, prefix=".extra") from None
        except (RecursionError, UnicodeEncodeError):
            raise RequestValidationError("extra is nested too deeply or not valid Unicode", endpoint=endpoint) from None

    async def _with_extra(
        self,
        request_type: type[Req],
        request: Req | None,
        fields: dict[str, Any],
        extra: V3Extra | dict[str, Any] | None,
        endpoint: str,
    ) -> tuple[Req | None, dict[str, Any]]:
        """Put `extra=` into a flat body (§4 "Flat" shape): a keyword field, or into the request Struct."""
        if extra is None:
            return request, fields
        if "extra" not in request_type.__struct_fields__:
            raise TypeError(f"{endpoint} takes no `extra`")
        if request is None:
            return None, {**fields, "extra": extra}
        built = await self._build_extra(extra, endpoint)
        return msgspec.structs.replace(request, extra=built), fields

    async def _encode(self, body: Any, request: RequestStruct) -> bytes:
        """JSON-encode `body`; in a file-work thread when it carries large images (nested ones included)."""
        if request.__image_fields__ and image_chars(request, request.__image_fields__) > _THREAD_ENCODE_THRESHOLD:
            return await run_file_work(encode, body)
        return encode(body)

    # --- calls -------------------------------------------------------------------------------------

    async def _post(
        self,
        path: str,
        request_type: type[Req],
        request: Req | None,
        fields: dict[str, Any],
        cast: type[Resp],
        *,
        options: RequestOptions | None,
        v2: bool = False,
        extra: V3Extra | dict[str, Any] | None = None,
    ) -> Resp:
        """A synchronous paid POST (case endpoints, LCM): validated, then sent as a submit."""
        request, fields = await self._with_extra(request_type, request, fields, extra, path)
        built = await self._build(request_type, request, fields, path)
        body = await self._encode(built, built)
        return await self._client._request(
            "POST", path, cast, body=body, submit=True, v2=v2, endpoint=path, options=options,
            cost=submit_cost(path, built),
        )

    async def _get(
        self,
        path: str,
        cast: type[Resp],
        *,
        params: dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        v2: bool = False,
    ) -> Resp:
        query = {k: _query_value(v) for k, v in (params or {}).items() if v is not None}
        return await self._client._request("GET", path, cast, params=query, v2=v2, options=options)

    async def _submit_v3(
        self,
        path: str,
        request_type: type[Req],
        request: Req | None,
        fields: dict[str, Any],
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        wrapped: bool = False,
        options: RequestOptions | None = None,
        deadline: float | None = None,
    ) -> Task[TaskResult]:
        """Submit a `/v3/async/*` task and return its tracked handle.

        Wrapped endpoints send `{"request": ..., "extra": ...}`; flat ones carry `extra` as a field.
        While a webhook receiver is open, `extra.webhook` is added where documented (`webhook=` keyword:
        True forces it, False opts out) and the handle waits for the event before it is polled.
        """
        fields, extra, hook = self._webhook(path, request, fields, extra, wrapped)
        if wrapped:
            built = await self._build(request_type, request, fields, path)
            extra_struct = await self._build_extra(extra, path)
            body_obj: Any = {"request": built}
            if extra_struct is not None:
                body_obj["extra"] = extra_struct
        else:
            request, fields = await self._with_extra(request_type, request, fields, extra, path)
            built = await self._build(request_type, request, fields, path)
            body_obj = built
        body = await self._encode(body_obj, built)
        cost = submit_cost(path, built)
        return await self._submit_encoded(
            path, body, options=options, deadline=deadline, cost=cost, hook=hook, model=_model_of(built)
        )

    async def _submit_encoded(
        self,
        path: str,
        body: bytes,
        *,
        options: RequestOptions | None,
        deadline: float | None,
        cost: float = 1.0,
        hook: WebhookReceiver | None = None,
        model: str = "",
    ) -> Task[TaskResult]:
        """The one submit path of every `/v3/async/*` task, typed or raw (`client.tasks.submit`): a paid
        POST (never re-sent when its outcome is ambiguous), then a handle tracked by the shared poller (and
        by the open webhook receiver, `hook`, when the body asked for its events)."""
        answer = await self._client._request(
            "POST", path, SubmittedTaskId, body=body, submit=True, endpoint=path, options=options,
            cost=cost, deadline=deadline,
        )
        if not answer.resolved_task_id and answer.base_resp is not None:
            from ._audio_results import check_base_resp  # MiniMax in-band errors (Part 2 §14.3)

            check_base_resp(answer.base_resp, path)
        task: Task[TaskResult] = self._task_from(answer.resolved_task_id, "v3", path, deadline, model)
        if hook is not None:
            hook.expect(task)
        return task

    def _webhook(
        self,
        path: str,
        request: RequestStruct | None,
        fields: dict[str, Any],
        extra: V3Extra | dict[str, Any] | None,
        wrapped: bool,
    ) -> tuple[dict[str, Any], V3Extra | dict[str, Any] | None, WebhookReceiver | None]:
        """Pop the `webhook=` keyword; put the open receiver's URL into `extra` if this submit takes it.

        A webhook the caller set in `extra` themselves wins: that task is then simply polled.
        """
        fields = dict(fields)
        choice = fields.pop("webhook", None)
        if choice is not None and not isinstance(choice, bool):
            raise TypeError(f"{path}: webhook= takes True, False or None, not {type(choice).__name__}")
        hook = self._client._webhook
        if hook is None:
            if choice:
                raise ClientStateError(f"{path}: webhook=True needs an open receiver (client.webhooks.serve())")
            return fields, extra, None
        if not wants_webhook(path, choice):
            return fields, extra, None
        base: Any = extra
        if base is None and request is not None and not wrapped:
            own = getattr(request, "extra", None)
            base = None if isinstance(own, msgspec.UnsetType) else own
        merged = with_webhook(base, hook.url, hook.test_mode)
        if merged is None:
            return fields, extra, None
        return fields, merged, hook

    async def _submit_task(
        self,
        path: str,
        request_type: type[Req],
        request: Req | None,
        fields: dict[str, Any],
        extra: Any,
        options: RequestOptions | None,
        deadline: float | None,
    ) -> Task[TaskResult]:
        """A Part 2 flat async submit (novita-api-2026.md §16, §17.2): `extra` (only `webhook`) may be a Struct."""
        extra_dict: dict[str, Any] | None = None if extra is None else msgspec.to_builtins(extra)
        return await self._submit_v3(
            path, request_type, request, fields, extra=extra_dict, options=options, deadline=deadline
        )

    async def _submit_v2(
        self,
        path: str,
        request_type: type[Req],
        request: Req | None,
        fields: dict[str, Any],
        *,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        enterprise: bool = False,
    ) -> Task[ProgressData]:
        """Submit a v2 task (envelope answer) and return its handle, polled on `/v2/progress`."""
        built = await self._build(request_type, request, fields, path)
        body = await self._encode(built, built)
        data = await self._client._request(
            "POST", path, _V2SubmittedTaskId, body=body, submit=True, v2=True, endpoint=path, options=options,
            cost=submit_cost(path, built), deadline=deadline,
        )
        kind = "v2-enterprise" if enterprise else "v2"
        return self._task_from(data.task_id, kind, path, deadline, _model_of(built))

    def _task_from(
        self, task_id: str, kind: str, path: str, deadline: float | None, model: str = ""
    ) -> Task[Any]:
        # `task_id` is never empty: the submit answer types (`SubmittedTaskId`) refuse to decode without one.
        # The task id is logged the moment it exists, so it can always be recovered.
        logger.info("submitted %s: task %s", path, task_id)
        return self._client._track(task_id, kind, endpoint=path, model=model, deadline=deadline)


def _model_of(request: Any) -> str:
    """The model a request runs (the poller learns durations per model): `model_name` if it has one."""
    name = getattr(request, "model_name", "")
    return name if isinstance(name, str) else ""


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
