"""`client.audio`, streamed: the MiniMax sync speech endpoints with `stream: true` (Part 2 §17.1, rows 171-176).

Each returns a `SpeechStream` once the status line is in (a refusal raises then): `async with` it and iterate
decoded `SpeechChunk`s, or `await stream.write_to(path)`. Mixed into `client.audio` (`resources.audio.Audio`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from ..types import audio_speech as S
from ..types._base import RequestStruct
from ._audio_results import SpeechStream
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._session import RequestOptions

__all__ = ("DEFAULT_MAX_EVENT_BYTES", "SpeechStreams", "audio_format")

DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024
"""Largest single server-sent event accepted (hex doubles the audio: a final frame repeating 3 MB of
audio is 6 MB); a larger one raises instead of growing memory."""

Req = TypeVar("Req", bound=RequestStruct)


def audio_format(request: RequestStruct | None, fields: dict[str, Any]) -> str:
    """The requested `audio_setting.format` (default `mp3`), for the content type of the answer."""
    setting = getattr(request, "audio_setting", None) if request is not None else fields.get("audio_setting")
    if setting is None or setting is msgspec.UNSET:
        return "mp3"
    value = setting.get("format") if isinstance(setting, dict) else getattr(setting, "format", None)
    return value if isinstance(value, str) else "mp3"


class SpeechStreams(AsyncResource):
    """The `*_stream` twins of the MiniMax sync speech methods."""

    async def minimax_speech_02_hd_stream(
        self,
        request: S.MiniMaxSpeech02Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        **fields: Any,
    ) -> SpeechStream:
        """`POST /v3/minimax-speech-02-hd` (row 171), `stream: true`: a `SpeechStream`."""
        return await self._speech_stream(
            "/v3/minimax-speech-02-hd", S.MiniMaxSpeech02Request, request, fields, options, max_event_bytes
        )

    async def minimax_speech_02_turbo_stream(
        self,
        request: S.MiniMaxSpeech02Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        **fields: Any,
    ) -> SpeechStream:
        """`POST /v3/minimax-speech-02-turbo` (row 172), `stream: true`: a `SpeechStream`."""
        return await self._speech_stream(
            "/v3/minimax-speech-02-turbo", S.MiniMaxSpeech02Request, request, fields, options, max_event_bytes
        )

    async def minimax_speech_25_hd_preview_stream(
        self,
        request: S.MiniMaxSpeech25Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        **fields: Any,
    ) -> SpeechStream:
        """`POST /v3/minimax-speech-2.5-hd-preview` (row 173), `stream: true`: a `SpeechStream`."""
        return await self._speech_stream(
            "/v3/minimax-speech-2.5-hd-preview", S.MiniMaxSpeech25Request, request, fields, options, max_event_bytes
        )

    async def minimax_speech_26_hd_stream(
        self,
        request: S.MiniMaxSpeech25Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        **fields: Any,
    ) -> SpeechStream:
        """`POST /v3/minimax-speech-2.6-hd` (row 174, shape inferred), `stream: true`: a `SpeechStream`."""
        return await self._speech_stream(
            "/v3/minimax-speech-2.6-hd", S.MiniMaxSpeech25Request, request, fields, options, max_event_bytes
        )

    async def minimax_speech_28_hd_stream(
        self,
        request: S.MiniMaxSpeech28Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        **fields: Any,
    ) -> SpeechStream:
        """`POST /v3/minimax-speech-2.8-hd` (row 175), `stream: true`: a `SpeechStream`."""
        return await self._speech_stream(
            "/v3/minimax-speech-2.8-hd", S.MiniMaxSpeech28Request, request, fields, options, max_event_bytes
        )

    async def minimax_speech_28_turbo_stream(
        self,
        request: S.MiniMaxSpeech28Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        **fields: Any,
    ) -> SpeechStream:
        """`POST /v3/minimax-speech-2.8-turbo` (row 176), `stream: true`: a `SpeechStream`."""
        return await self._speech_stream(
            "/v3/minimax-speech-2.8-turbo", S.MiniMaxSpeech28Request, request, fields, options, max_event_bytes
        )

    async def _speech_stream(
        self,
        path: str,
        request_type: type[Req],
        request: Req | None,
        fields: dict[str, Any],
        options: RequestOptions | None,
        max_event_bytes: int,
    ) -> SpeechStream:
        if request is not None:
            request = msgspec.structs.replace(request, stream=True)
        else:
            fields = {**fields, "stream": True}
        fmt = audio_format(request, fields)
        built = await self._build(request_type, request, fields, path)
        body = await self._encode(built, built)
        response = await self._client._session.open_stream(path, body, endpoint=path, options=options)
        sse = "text/event-stream" in response.headers.get("Content-Type", "")
        return SpeechStream(response, path=path, fmt=fmt, max_event_bytes=max_event_bytes, sse=sse)
