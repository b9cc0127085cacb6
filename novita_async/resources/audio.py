"""`client.audio`: speech synthesis, recognition and voice cloning (novita-api-2026.md §17, rows 171-185).

Every result kind of §13.2 is here:

* MiniMax sync speech (`minimax_speech_*`): JSON with the audio hex-encoded (decoded for you) or a URL →
  `SpeechAudio`; the `*_stream` twins send `stream: true` and return a `SpeechStream` of server-sent events;
* MiniMax async long-text speech (`minimax_speech_*_async`): a `Task` whose result carries `audios[]`;
* GLM-TTS (`glm_tts`): the binary audio body → `AudioContent`;
* voice cloning and ASR: small JSON answers.

Every call here is paid, so it is sent as a submit: never re-sent once it may have reached the server.
Row 186 (Fish Audio) has no established path and no method (§17.7).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from .._errors import APIResponseValidationError
from .._transport import RawResponse
from ..types import audio_responses as R
from ..types import audio_speech as S
from ..types import audio_tools as G
from ..types._base import RequestStruct
from ._audio_results import AudioContent, SpeechAudio, SpeechStream, check_base_resp
from ._base import AsyncResource
from ._methods import task_method

if TYPE_CHECKING:
    from .._polling import Task
    from .._session import RequestOptions
    from ..types.tasks import TaskResult

__all__ = ("DEFAULT_MAX_EVENT_BYTES", "Audio")

DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024
"""Largest single server-sent event accepted (hex doubles the audio: a final frame repeating 3 MB of
audio is 6 MB); a larger one raises instead of growing memory."""

Req = TypeVar("Req", bound=RequestStruct)


def _audio_format(request: RequestStruct | None, fields: dict[str, Any]) -> str:
    setting = getattr(request, "audio_setting", None) if request is not None else fields.get("audio_setting")
    if setting is None or setting is msgspec.UNSET:
        return "mp3"
    value = setting.get("format") if isinstance(setting, dict) else getattr(setting, "format", None)
    return value if isinstance(value, str) else "mp3"


def _speech(path: str, request_type: type[Req], summary: str) -> Callable[..., Coroutine[Any, Any, SpeechAudio]]:
    async def method(
        self: AsyncResource, request: Req | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> SpeechAudio:
        if fields.get("stream") or getattr(request, "stream", None) is True:
            raise TypeError(f"{path}: for `stream: true` call `{method.__name__}_stream(...)`")
        fmt = _audio_format(request, fields)
        answer = await self._post(path, request_type, request, fields, R.MiniMaxSpeechResponse, options=options)
        return await SpeechAudio.from_response(answer, path, fmt)

    method.__doc__ = (
        f"`POST {path}` ({summary}): fields of `{request_type.__name__}`. Returns `SpeechAudio` (the audio "
        "decoded from hex, or `.url` with `output_format='url'`)."
    )
    method.__qualname__ = method.__name__ = path.rsplit("/", 1)[-1].replace("-", "_").replace(".", "")
    return method


def _speech_stream(
    path: str, request_type: type[Req], summary: str
) -> Callable[..., Coroutine[Any, Any, SpeechStream]]:
    async def method(
        self: AsyncResource,
        request: Req | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        **fields: Any,
    ) -> SpeechStream:
        if request is not None:
            request = msgspec.structs.replace(request, stream=True)
        else:
            fields["stream"] = True
        fmt = _audio_format(request, fields)
        built = await self._build(request_type, request, fields, path)
        body = await self._encode(built, built)
        response = await self._client._session.open_stream(path, body, endpoint=path, options=options)
        sse = "text/event-stream" in response.headers.get("Content-Type", "")
        return SpeechStream(response, path=path, fmt=fmt, max_event_bytes=max_event_bytes, sse=sse)

    method.__doc__ = (
        f"`POST {path}` with `stream: true` ({summary}): returns a `SpeechStream` of decoded `SpeechChunk`s "
        "(use `async with`; or `await stream.write_to(path)`)."
    )
    method.__qualname__ = method.__name__ = path.rsplit("/", 1)[-1].replace("-", "_").replace(".", "") + "_stream"
    return method


def _speech28_async(path: str, summary: str) -> Callable[..., Coroutine[Any, Any, Task[TaskResult]]]:
    """2.8 async submits answer more than `{task_id}` (`file_id`, `task_token`, `base_resp`; §17.2)."""
    request_type = S.MiniMaxSpeech28AsyncRequest

    async def method(
        self: AsyncResource,
        request: S.MiniMaxSpeech28AsyncRequest | None = None,
        /,
        *,
        extra: dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        request, fields = await self._with_extra(request_type, request, fields, extra, path)
        built = await self._build(request_type, request, fields, path)
        body = await self._encode(built, built)
        answer = await self._client._request(
            "POST", path, R.MiniMaxSpeech28AsyncSubmitResponse, body=body, submit=True, endpoint=path,
            options=options,
        )  # fmt: skip
        if not answer.task_id:
            check_base_resp(answer.base_resp, path)
        return self._task_from(answer.task_id, "v3", path, deadline)

    method.__doc__ = f"`POST {path}` ({summary}): a `Task` whose result carries `audios[]` (URLs valid 24 h)."
    method.__qualname__ = method.__name__ = path.rsplit("/", 1)[-1].replace("-", "_").replace(".", "") + "_async"
    return method


class Audio(AsyncResource):
    """MiniMax and GLM speech, GLM-ASR, voice cloning."""

    # --- MiniMax sync (§17.1, rows 171-176) and their streamed twins -------------------------------------
    minimax_speech_02_hd = _speech("/v3/minimax-speech-02-hd", S.MiniMaxSpeech02Request, "row 171")
    minimax_speech_02_turbo = _speech("/v3/minimax-speech-02-turbo", S.MiniMaxSpeech02Request, "row 172")
    minimax_speech_25_hd_preview = _speech(
        "/v3/minimax-speech-2.5-hd-preview", S.MiniMaxSpeech25Request, "row 173"
    )
    minimax_speech_26_hd = _speech("/v3/minimax-speech-2.6-hd", S.MiniMaxSpeech25Request, "row 174")
    minimax_speech_28_hd = _speech("/v3/minimax-speech-2.8-hd", S.MiniMaxSpeech28Request, "row 175")
    minimax_speech_28_turbo = _speech("/v3/minimax-speech-2.8-turbo", S.MiniMaxSpeech28Request, "row 176")
    minimax_speech_02_hd_stream = _speech_stream("/v3/minimax-speech-02-hd", S.MiniMaxSpeech02Request, "row 171")
    minimax_speech_02_turbo_stream = _speech_stream(
        "/v3/minimax-speech-02-turbo", S.MiniMaxSpeech02Request, "row 172"
    )
    minimax_speech_25_hd_preview_stream = _speech_stream(
        "/v3/minimax-speech-2.5-hd-preview", S.MiniMaxSpeech25Request, "row 173"
    )
    minimax_speech_26_hd_stream = _speech_stream("/v3/minimax-speech-2.6-hd", S.MiniMaxSpeech25Request, "row 174")
    minimax_speech_28_hd_stream = _speech_stream("/v3/minimax-speech-2.8-hd", S.MiniMaxSpeech28Request, "row 175")
    minimax_speech_28_turbo_stream = _speech_stream(
        "/v3/minimax-speech-2.8-turbo", S.MiniMaxSpeech28Request, "row 176"
    )

    # --- MiniMax async long text (§17.2, rows 177-181) -----------------------------------------------------
    minimax_speech_02_hd_async = task_method(
        "/v3/async/minimax-speech-02-hd", S.MiniMaxSpeech02AsyncRequest, "§17.2, row 177", outputs="audios"
    )
    minimax_speech_02_turbo_async = task_method(
        "/v3/async/minimax-speech-02-turbo", S.MiniMaxSpeech02AsyncRequest, "§17.2, row 178", outputs="audios"
    )
    minimax_speech_25_hd_preview_async = task_method(
        "/v3/async/minimax-speech-2.5-hd-preview", S.MiniMaxSpeech25AsyncRequest, "§17.2, row 179",
        outputs="audios",
    )  # fmt: skip
    minimax_speech_28_hd_async = _speech28_async("/v3/async/minimax-speech-2.8-hd", "§17.2, row 180")
    minimax_speech_28_turbo_async = _speech28_async("/v3/async/minimax-speech-2.8-turbo", "§17.2, row 181")

    # --- GLM and cloning (§17.3-§17.6, rows 182-185) --------------------------------------------------------

    async def glm_tts(
        self, request: G.GlmTtsRequest | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> AudioContent:
        """`POST /v3/glm-tts` (§17.3, row 182): the answer body **is** the audio (`wav`, or raw 24 kHz
        16-bit mono `pcm`, the default). Returns `AudioContent` (`.data`, `.content_type`, `.write_to`)."""
        path = "/v3/glm-tts"
        raw = await self._post(path, G.GlmTtsRequest, request, fields, RawResponse, options=options)
        content_type = raw.headers.get("Content-Type", "").partition(";")[0].strip().lower()
        if "json" in content_type or not raw.body:
            # Errors are JSON with an error status; a 2xx JSON or empty body is not the documented audio.
            raise APIResponseValidationError(
                f"expected a binary audio body, got {content_type or 'no content type'}",
                method="POST", path=path, status_code=raw.status, body=raw.body[:2048],
            )  # fmt: skip
        if not content_type.startswith("audio/"):
            # The reply's Content-Type is UNKNOWN (§17.3, §19): name it from the bytes.
            content_type = "audio/wav" if raw.body[:4] == b"RIFF" else "audio/pcm"
        return AudioContent(raw.body, content_type)

    async def glm_tts_voice_clone(
        self,
        request: G.GlmTtsVoiceCloneRequest | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> G.GlmTtsVoiceCloneResponse:
        """`POST /v3/glm-tts-voice-clone` (§17.4, row 183): `{voice, audio_url}` (synchronous per the page)."""
        return await self._post(
            "/v3/glm-tts-voice-clone", G.GlmTtsVoiceCloneRequest, request, fields, G.GlmTtsVoiceCloneResponse,
            options=options,
        )  # fmt: skip

    async def glm_asr(
        self, request: G.GlmAsrRequest | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> G.GlmAsrResponse:
        """`POST /v3/glm-asr` (§17.5, row 184): `file` is a URL, a `pathlib.Path` or bytes (sent as a
        `data:audio/...;base64,` URI); returns `{text}`."""
        return await self._post("/v3/glm-asr", G.GlmAsrRequest, request, fields, G.GlmAsrResponse, options=options)

    async def minimax_voice_cloning(
        self,
        request: G.MiniMaxVoiceCloneRequest | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> G.MiniMaxVoiceCloneResponse:
        """`POST /v3/minimax-voice-cloning` (§17.6, row 185): `{voice_id, demo_audio_url}` (`preview_url`
        reads either preview key)."""
        path = "/v3/minimax-voice-cloning"
        answer = await self._post(
            path, G.MiniMaxVoiceCloneRequest, request, fields, G.MiniMaxVoiceCloneResponse, options=options
        )
        check_base_resp(answer.base_resp, path)
        return answer
