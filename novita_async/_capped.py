"""Bounded reading of API answers: the one capped reader every response body goes through.

`iter_capped`/`read_capped` refuse a `Content-Length` over the cap before reading, stop a streamed body at
the cap, and inflate gzip/deflate themselves in bounded steps (the session is opened with
`auto_decompress=False`), so a compression bomb costs at most the cap and never blocks the loop.
`read_error_body` reads a refusal's message, never failing on its own. Re-exported by `_transport`.
"""

from __future__ import annotations

import asyncio
import sys
import zlib
from collections.abc import AsyncGenerator, Iterator

import aiohttp

from ._constants import DECOMPRESS_STEP, MAX_DECOMPRESSED_BYTES, MAX_ERROR_BODY_BYTES, MAX_RESPONSE_BYTES
from ._errors import APIResponseValidationError, ResponseTooLargeError

__all__ = ("iter_capped", "read_capped", "read_error_body")


class _Inflater:
    """gzip/deflate decoding in steps of at most `DECOMPRESS_STEP` bytes (multi-member gzip included)."""

    def __init__(self, encoding: str) -> None:
        self._wbits = 47  # 32 + 15: zlib or gzip header, detected
        self._raw_fallback = encoding == "deflate"  # some servers send raw deflate for "deflate"
        self._obj = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self._obj.decompress(data, DECOMPRESS_STEP)
            except zlib.error:
                if self._raw_fallback and not self._started:
                    self._raw_fallback = False
                    self._wbits = -15
                    self._obj = zlib.decompressobj(self._wbits)
                    continue
                raise
            self._started = True
            data = self._obj.unconsumed_tail
            if out:
                yield out
            if self._obj.eof:
                data = self._obj.unused_data
                if not data.strip(b"\0"):
                    return
                self._obj = zlib.decompressobj(self._wbits)  # the next gzip member


async def iter_capped(
    response: aiohttp.ClientResponse,
    *,
    method: str,
    path: str,
    limit: int = MAX_RESPONSE_BYTES,
    decompressed_limit: int = MAX_DECOMPRESSED_BYTES,
) -> AsyncGenerator[bytes, None]:
    """The decoded body of `response` in chunks, never more than the caps.

    The request must be made with `auto_decompress=False` (as `AiohttpTransport` does): this function
    decodes gzip/deflate itself, a bounded step at a time. Raises `ResponseTooLargeError` when the
    announced `Content-Length`, the received bytes, or the decoded bytes pass their cap, and
    `APIResponseValidationError` for an unknown `Content-Encoding` or a corrupt compressed stream.
    """
    status = response.status
    declared = response.content_length
    if declared is not None and declared > limit:
        raise ResponseTooLargeError(
            f"the answer announces {declared} bytes, more than the {limit}-byte cap",
            method=method, path=path, status_code=status, limit=limit,
        )
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    inflater: _Inflater | None = None
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = _Inflater(encoding)
    elif encoding not in ("", "identity"):
        raise APIResponseValidationError(
            f"unsupported Content-Encoding {encoding!r}", method=method, path=path, status_code=status, body=b""
        )
    received = produced = 0
    async for chunk in response.content.iter_any():
        received += len(chunk)
        if received > limit:
            raise ResponseTooLargeError(
                f"the answer passed the {limit}-byte cap", method=method, path=path, status_code=status, limit=limit
            )
        if inflater is None:
            yield chunk
            continue
        try:
            for piece in inflater.feed(chunk):
                produced += len(piece)
                if produced > decompressed_limit:
                    raise ResponseTooLargeError(
                        f"the answer decompresses past the {decompressed_limit}-byte cap",
                        method=method, path=path, status_code=status, limit=decompressed_limit,
                    )
                yield piece
                if len(piece) >= DECOMPRESS_STEP:
                    await asyncio.sleep(0)  # a long inflate never holds the loop
        except zlib.error as exc:
            raise APIResponseValidationError(
                f"corrupt {encoding} body: {exc}", method=method, path=path, status_code=status, body=b""
            ) from None


async def read_capped(
    response: aiohttp.ClientResponse,
    *,
    method: str,
    path: str,
    limit: int = MAX_RESPONSE_BYTES,
    decompressed_limit: int = MAX_DECOMPRESSED_BYTES,
) -> bytes:
    """The whole decoded body of `response`, within the caps of `iter_capped`."""
    declared = response.content_length
    if declared is not None and declared <= limit and "Content-Encoding" not in response.headers:
        return await response.read()  # the common case: bounded by Content-Length, one call
    chunks = [
        chunk
        async for chunk in iter_capped(
            response, method=method, path=path, limit=limit, decompressed_limit=decompressed_limit
        )
    ]
    return b"".join(chunks)


async def read_error_body(response: aiohttp.ClientResponse, *, method: str, path: str) -> bytes:
    """At most `MAX_ERROR_BODY_BYTES` of a refusal's decoded body, never an error of its own.

    An error answer is only read for its message: a huge or bomb-like one is cut short (the connection is
    then closed, not reused), so a 5xx stays a `ServerError` (retried for reads) whatever its body.
    """
    chunks: list[bytes] = []
    size = 0
    stream = iter_capped(response, method=method, path=path, limit=sys.maxsize, decompressed_limit=sys.maxsize)
    try:
        async for chunk in stream:
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_ERROR_BODY_BYTES:
                break
    except APIResponseValidationError:
        pass  # an unreadable error body: the status alone tells what happened
    finally:
        await stream.aclose()
    return b"".join(chunks)[:MAX_ERROR_BODY_BYTES]
