"""What the synchronous speech endpoints give back: audio bytes you can save, and a stream of chunks.

* `AudioContent`: bytes plus content type (GLM-TTS's binary body, mode SB, §17.3); `write_to(path)`.
* `SpeechAudio`: a MiniMax sync answer (§17.1) with the hex audio decoded, or its URL (`output_format="url"`).
* `SpeechStream`: the server-sent events of a MiniMax call with `stream: true`, as an async iterator of
  `SpeechChunk`s (hex decoded), or straight to a file with `await stream.write_to(path)`.

Files are written off the event loop, to a temporary name in the target directory and renamed into place
when complete, so a crash never leaves a truncated file under the final name. Raw bytes are always there
(`.data`, `await stream.read()`) for callers that save outputs themselves.
"""

from __future__ import annotations

import binascii
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

import anyio.to_thread

from .._codec import DECODE_ERRORS, decoder_for
from .._errors import APIResponseValidationError, status_error_class
from .._files.atomic import open_temp, write_atomic
from .._sse import SSEDecoder, SSEError
from ..types.audio_responses import MiniMaxBaseResp, MiniMaxSpeechExtraInfo, MiniMaxSpeechResponse, SpeechChunk

if TYPE_CHECKING:
    from .._transport import StreamingResponse

__all__ = ("AudioContent", "SpeechAudio", "SpeechStream", "check_base_resp", "decode_hex")

_AUDIO_TYPES = {"mp3": "audio/mpeg", "wav": "audio/wav", "flac": "audio/flac", "pcm": "audio/pcm"}
# Upstream MiniMax codes seen in 2xx bodies (3P basis, §14.3): which of our errors they are.
_MINIMAX_STATUS = {1002: 429, 1004: 401, 1008: 400, 1000: 500, 1001: 504, 1024: 500, 1033: 500}
_MINIMAX_REASON = {1008: "BILLING_BALANCE_NOT_ENOUGH"}
_THREAD_HEX = 512 * 1024
_WRITE_BATCH = 256 * 1024


def content_type_for(fmt: str) -> str:
    return _AUDIO_TYPES.get(fmt.lower(), "application/octet-stream")


def check_base_resp(base: MiniMaxBaseResp | None, path: str) -> None:
    """A 2xx body whose `base_resp.status_code != 0` is an error with reason `MINIMAX_<code>` (§14.3)."""
    if base is None or base.status_code == 0:
        return
    code = base.status_code
    status = _MINIMAX_STATUS.get(code, 400)
    cls = status_error_class(status, _MINIMAX_REASON.get(code, ""))
    raise cls(
        base.status_msg or f"MiniMax error {code}",
        method="POST",
        path=path,
        status_code=200,
        reason=f"MINIMAX_{code}",
        metadata={"status_code": str(code)},
    )


def decode_hex(text: str, path: str) -> bytes:
    try:
        return binascii.unhexlify(text)
    except (binascii.Error, ValueError):
        raise APIResponseValidationError(
            "`audio` is not hex", method="POST", path=path, status_code=200, body=text[:200].encode()
        ) from None


class AudioContent:
    """Audio bytes and their content type; `await audio.write_to(path)` saves them off the event loop."""

    __slots__ = ("content_type", "data")

    def __init__(self, data: bytes, content_type: str) -> None:
        self.data = data
        self.content_type = content_type

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.data)} bytes, {self.content_type!r})"

    async def write_to(self, path: str | os.PathLike[str]) -> Path:
        """Write the audio to `path` (atomically, in a worker thread) and return it."""
        target = Path(path)
        await anyio.to_thread.run_sync(write_atomic, target, self.data)
        return target


class SpeechAudio(AudioContent):
    """A MiniMax sync speech answer: `data` (decoded audio) or `url` (`output_format="url"`, valid 24 h)."""

    __slots__ = ("_fetch", "extra_info", "status", "subtitle_file", "trace_id", "url")

    def __init__(
        self,
        data: bytes,
        content_type: str,
        *,
        url: str = "",
        status: int = 0,
        subtitle_file: str = "",
        trace_id: str = "",
        extra_info: MiniMaxSpeechExtraInfo | None = None,
        fetch: Callable[[str, Path], Awaitable[Path]] | None = None,
    ) -> None:
        super().__init__(data, content_type)
        self._fetch = fetch
        self.url = url
        self.status = status
        self.subtitle_file = subtitle_file
        self.trace_id = trace_id
        self.extra_info = extra_info

    async def write_to(self, path: str | os.PathLike[str]) -> Path:
        """Write the audio to `path`; a URL answer is downloaded (no API key sent) by the client that made it."""
        if self.url and not self.data:
            if self._fetch is None:
                raise ValueError("this answer is a URL (output_format='url'): download `url` instead")
            return await self._fetch(self.url, Path(path))
        return await super().write_to(path)

    @classmethod
    async def from_response(
        cls,
        answer: MiniMaxSpeechResponse,
        path: str,
        fmt: str,
        fetch: Callable[[str, Path], Awaitable[Path]] | None = None,
    ) -> SpeechAudio:
        check_base_resp(answer.base_resp, path)
        text = answer.audio_text
        info = answer.extra_info
        fmt = (info.audio_format if info is not None and info.audio_format else "") or fmt
        url = text if text.startswith(("https://", "http://")) else ""
        data = b""
        if not url:
            if len(text) > _THREAD_HEX:
                data = await anyio.to_thread.run_sync(decode_hex, text, path)
            else:
                data = decode_hex(text, path)
        sub = answer.data.subtitle_file if answer.data is not None else ""
        return cls(
            data, content_type_for(fmt), url=url, status=answer.status_value, subtitle_file=sub,
            trace_id=answer.trace_id, extra_info=info, fetch=fetch,
        )  # fmt: skip


class SpeechStream:
    """The server-sent events of a streamed MiniMax speech call, decoded.

        async with await client.audio.minimax_speech_28_hd_stream(text=..., voice_setting=...) as stream:
            async for chunk in stream:          # SpeechChunk: .audio (bytes), .status, .is_final
                ...
        # or: await stream.write_to("speech.mp3")   (consumes and closes the stream)

    Per §17.1 the audio is the concatenation of the status-1 chunks; the final status-2 frame's audio is
    used only when no chunk came before it (it repeats the whole audio otherwise). Leaving the `async with`
    block (or `aclose()`) closes the connection, also after an early `break`. An event larger than
    `max_event_bytes`, a frame that is not the documented JSON, or a body that ends before the final frame
    raises `APIResponseValidationError`.
    """

    def __init__(
        self, response: StreamingResponse, *, path: str, fmt: str, max_event_bytes: int, sse: bool = True
    ) -> None:
        self._response = response
        self._path = path
        self._sse = sse
        self._max = max_event_bytes
        self._body = bytearray()
        self._decoder = SSEDecoder(max_event_bytes)
        self._ready: list[bytes] = []
        self._got_audio = False
        self._done = False
        self.content_type = content_type_for(fmt)
        """Content type of the concatenated audio (from the request's `audio_setting.format`)."""

    def __repr__(self) -> str:
        state = "done" if self._done else "open"
        return f"SpeechStream({self._path!r}, {state})"

    # --- lifecycle -------------------------------------------------------------------------------------

    async def __aenter__(self) -> SpeechStream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop reading and release the connection (idempotent)."""
        self._done = True
        self._response.close()

    def __del__(self) -> None:
        # A stream dropped without `async with`/`aclose()` still gives its connection back.
        response = getattr(self, "_response", None)
        if response is not None and not response.closed:
            response.close()

    # --- iteration -------------------------------------------------------------------------------------

    def __aiter__(self) -> SpeechStream:
        return self

    async def __anext__(self) -> SpeechChunk:
        if self._done:
            raise StopAsyncIteration
        try:
            return await self._next()
        except BaseException:
            await self.aclose()
            raise

    async def _next(self) -> SpeechChunk:
        while not self._ready:
            chunk = await self._response.read_chunk()
            if not self._sse:
                # The server answered plain JSON despite `stream: true`: one frame, the whole body.
                self._body += chunk
                if len(self._body) > self._max:
                    raise self._malformed(f"the answer exceeds {self._max} bytes", b"")
                if not chunk:
                    self._ready.append(bytes(self._body))
                continue
            try:
                self._ready.extend(self._decoder.feed(chunk) if chunk else self._decoder.finish())
            except SSEError as exc:
                raise self._malformed(str(exc), chunk) from None
            if not chunk and not self._ready:
                raise self._malformed("the stream ended before its final (status 2) frame", b"")
        frame = self._ready.pop(0)
        chunk_obj = self._decode(frame)
        if chunk_obj.is_final:
            await self.aclose()
        return chunk_obj

    def _decode(self, frame: bytes) -> SpeechChunk:
        try:
            answer: MiniMaxSpeechResponse = decoder_for(MiniMaxSpeechResponse).decode(frame)
        except DECODE_ERRORS as exc:
            raise self._malformed(f"a frame is not the documented JSON: {exc}", frame) from None
        check_base_resp(answer.base_resp, self._path)
        status = answer.status_value
        if status not in (1, 2):
            raise self._malformed(f"a frame has status {status} (expected 1 or 2)", frame)
        final = status == 2
        audio = b"" if final and self._got_audio else decode_hex(answer.audio_text, self._path)
        self._got_audio = self._got_audio or bool(audio)
        data = answer.data
        return SpeechChunk(
            audio=audio, status=status, is_final=final, subtitle_file=data.subtitle_file if data else "",
            trace_id=answer.trace_id, extra_info=answer.extra_info,
        )  # fmt: skip

    def _malformed(self, message: str, body: bytes) -> APIResponseValidationError:
        return APIResponseValidationError(
            message, method="POST", path=self._path, status_code=self._response.status, body=body[:2048]
        )

    # --- consuming -----------------------------------------------------------------------------------

    async def read(self) -> bytes:
        """The whole audio (the rest of the stream), joined."""
        parts = [chunk.audio async for chunk in self]
        return b"".join(parts)

    async def write_to(self, path: str | os.PathLike[str]) -> Path:
        """Stream the (rest of the) audio into `path`: chunks are gathered up to `_WRITE_BATCH` bytes and written
        in a worker thread, so memory stays bounded and small chunks cost no thread hop each; the file appears
        under its name only when the stream is complete (atomic rename)."""
        target = Path(path)
        fd, tmp = await anyio.to_thread.run_sync(open_temp, target)
        handle: IO[bytes] = os.fdopen(fd, "wb")
        pending = bytearray()
        try:
            async for chunk in self:
                pending += chunk.audio
                if len(pending) >= _WRITE_BATCH:
                    await anyio.to_thread.run_sync(handle.write, bytes(pending))
                    pending.clear()
            if pending:
                await anyio.to_thread.run_sync(handle.write, bytes(pending))
            await anyio.to_thread.run_sync(handle.close)
            await anyio.to_thread.run_sync(os.replace, tmp, target)
        except BaseException:
            handle.close()
            os.unlink(tmp)
            raise
        return target
