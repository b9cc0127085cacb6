"""The escape hatch for models released tomorrow: raw calls to any API path, and raw async submits.

`client.post(path, body=...)` / `client.get(path, params=...)` return decoded JSON (or a Struct when
`cast=` names one), like openai-python's `client.post(..., cast_to=...)`. `client.tasks.submit(path, body)`
submits to any async endpoint and returns the same `Task` the typed methods return.

**A raw POST is treated as a paid submit**, always: this client cannot know whether an unknown endpoint
creates paid work, and guessing wrong in the other direction pays twice. So it is re-sent only when it
provably never reached the server (or on 429/503), and an ambiguous failure raises
`SubmitOutcomeUnknownError` carrying the exact body. A GET is a read and retries like every read.

Paths are relative to the client's `base_url`: an absolute URL (another host) is refused, because every
API request carries the API key. The body is sent as given (no client-side validation: that is what the
typed methods are for); its rate-limit cost comes from the catalogue when the path is known (§14.6).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import anyio.to_thread

from .._codec import encode
from .._errors import RequestValidationError
from .._limits import submit_cost
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task
    from ..types.tasks import TaskResult

__all__ = ("RawCalls", "check_path", "encode_body")

T = TypeVar("T")
_THREAD_ENCODE_THRESHOLD = 256 * 1024


def check_path(path: str) -> str:
    """An API path (`/v3/async/new-model`); refuses absolute URLs and anything that could leave the host."""
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//") or "://" in path:
        raise RequestValidationError(
            f"expected an API path such as '/v3/async/<model>', got {path!r} (absolute URLs are refused: "
            "every API request carries the API key)",
            endpoint=str(path),
        )
    if any(ch in path for ch in "?#\r\n ") or ".." in path.split("/"):
        raise RequestValidationError(
            "the path must not carry a query, fragment, whitespace or '..' (pass params= instead)", endpoint=path
        )
    return path


async def encode_body(body: Any, path: str) -> bytes:
    """JSON bytes of `body` (dict, list, Struct, or already-encoded bytes); large bodies off the loop."""
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body)
    try:
        if _looks_large(body):
            return await anyio.to_thread.run_sync(encode, body)
        return encode(body)
    except TypeError as exc:
        raise RequestValidationError(f"the body cannot be encoded as JSON: {exc}", endpoint=path) from None


def _looks_large(body: Any) -> bool:
    """Whether `body` carries enough text (base64 images, at any nesting) to make encoding slow."""
    return _text_size(body, 0) > _THREAD_ENCODE_THRESHOLD


def _text_size(value: Any, depth: int) -> int:
    if isinstance(value, str | bytes):
        return len(value)
    if depth > 4:
        return 0
    if isinstance(value, Mapping):
        return sum(_text_size(v, depth + 1) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(_text_size(v, depth + 1) for v in value)
    return 0


class RawCalls(AsyncResource):
    """Raw calls on a client; reached as `client.post`, `client.get` and `client.tasks.submit`."""

    async def post(
        self, path: str, *, body: Any = None, cast: type[T] | None = None, options: RequestOptions | None = None
    ) -> Any:
        """POST `body` (JSON) to `path`; the decoded answer (`cast` type, or plain JSON). A paid submit."""
        path = check_path(path)
        data = await encode_body({} if body is None else body, path)
        answer_type: Any = cast if cast is not None else Any
        return await self._client._request(
            "POST", path, answer_type, body=data, submit=True, endpoint=path, options=options,
            cost=submit_cost(path, body),
        )

    async def get(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        cast: type[T] | None = None,
        options: RequestOptions | None = None,
    ) -> Any:
        """GET `path` with query `params`; the decoded answer. A read: retried like every read."""
        path = check_path(path)
        answer_type: Any = cast if cast is not None else Any
        return await self._get(path, answer_type, params=dict(params or {}), options=options)

    async def submit(
        self, path: str, body: Any, *, options: RequestOptions | None = None, deadline: float | None = None
    ) -> Task[TaskResult]:
        """Submit `body` to any async endpoint and track the task it creates (the typed methods' path)."""
        path = check_path(path)
        if body is None:
            raise RequestValidationError("a submit needs a body", endpoint=path)
        data = await encode_body(body, path)
        return await self._submit_encoded(path, data, options=options, deadline=deadline, cost=submit_cost(path, body))
