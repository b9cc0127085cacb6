"""Uploads to storage hosts: the assets host (reference §5.1) and pre-signed S3 URLs (§5.2, §7.6.1).

They go through the client's header-less `StorageSession`, never the API transport. Network failures
become `APIConnectionError` (via `map_transport_errors`) and non-2xx answers the `APIStatusError` subclass
matching the status (`status_error_class`). Uploads are retried with the client's policy: re-uploading the
same bytes is harmless (§5.1: the official SDK retries too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import msgspec

from .._codec import DECODE_ERRORS, decode_response
from .._errors import APIStatusError, status_error_class
from .._retry import retrying
from .._transport import RawResponse
from .storage import storage_session

if TYPE_CHECKING:
    from .._client import NovitaClient

__all__ = ("storage_put",)

_S3_CODE = re.compile(rb"<Code>([^<]*)</Code>")
_S3_MESSAGE = re.compile(rb"<Message>([^<]*)</Message>")


class _ErrorBody(msgspec.Struct):
    code: int | str = 0
    reason: str = ""
    message: str = ""
    metadata: dict[str, Any] | None = None


def _status_error(raw: RawResponse, path: str) -> APIStatusError:
    """The error for a refused upload: a §2.4 JSON body (assets host) or an S3 XML error."""
    reason, message, metadata = "", "", None
    if raw.body.lstrip().startswith(b"{"):
        try:
            err = msgspec.json.decode(raw.body, type=_ErrorBody)
            reason, message, metadata = err.reason, err.message, err.metadata
        except DECODE_ERRORS:
            pass
    else:
        if code := _S3_CODE.search(raw.body):
            reason = code.group(1).decode("utf-8", "replace")
        if text := _S3_MESSAGE.search(raw.body):
            message = text.group(1).decode("utf-8", "replace")
    cls = status_error_class(raw.status, reason)
    return cls(
        message or f"HTTP {raw.status}",
        method="PUT",
        path=path,
        status_code=raw.status,
        reason=reason,
        metadata=metadata,
    )


async def storage_put(
    client: NovitaClient,
    url: str,
    data: bytes,
    *,
    content_type: str,
    headers: Mapping[str, str] | None = None,
    cast: type[Any] | None = None,
) -> Any:
    """PUT `data` to a storage URL with retries; decode the answer into `cast` (or return None)."""
    client._check_open()
    session = storage_session(client)
    path = urlsplit(url).path or "/"
    send_headers = {**(headers or {}), "Content-Type": content_type}

    async def attempt() -> Any:
        raw = await session.put(url, data, headers=send_headers, timeout=client.timeout)
        if raw.status >= 300:
            raise _status_error(raw, path)
        if cast is None:
            return None
        return decode_response(raw.body, cast, method="PUT", path=path, status=raw.status)

    policy = client.retry_policy
    if policy.max_retries <= 0:
        return await attempt()
    return await retrying(policy, submit=False, describe=f"PUT {path}")(attempt)()
