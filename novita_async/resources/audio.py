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

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anyio.to_thread

from .._errors import APIResponseValidationError
from .._files.downloads import Downloader
from .._files.storage import storage_session
from .._transport import RawResponse
from ..types import audio_responses as R
from ..types import audio_speech as S
from ..types import audio_tools as G
from ..types._base import RequestStruct
from ..types._part2 import TaskExtra
from ._audio_results import AudioContent, SpeechAudio, check_base_resp
from .audio_streams import DEFAULT_MAX_EVENT_BYTES, SpeechStreams, audio_format

if TYPE_CHECKING:
    from .._polling import Task
    from .._session import RequestOptions
    from ..types.tasks import TaskResult

TodayExtra = TaskExtra | dict[str, Any] | None

__all__ = ("DEFAULT_MAX_EVENT_BYTES", "Audio")


Req = TypeVar("Req", bound=RequestStruct)


class Audio(SpeechStreams):
    """MiniMax and GLM speech, GLM-ASR, voice cloning."""

    # --- MiniMax sync (§17.1, rows 171-176): JSON with hex audio or a URL -----------------------------------

    async def minimax_speech_02_hd(
        self,
        request: S.MiniMaxSpeech02Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> SpeechAudio:
        """`POST /v3/minimax-speech-02-hd` (row 171): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return await self._speech("/v3/minimax-speech-02-hd", S.MiniMaxSpeech02Request, request, fields, options)

    async def minimax_speech_02_turbo(
        self,
        request: S.MiniMaxSpeech02Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> SpeechAudio:
        """`POST /v3/minimax-speech-02-turbo` (row 172): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return await self._speech("/v3/minimax-speech-02-turbo", S.MiniMaxSpeech02Request, request, fields, options)

    async def minimax_speech_25_hd_preview(
        self,
        request: S.MiniMaxSpeech25Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> SpeechAudio:
        """`POST /v3/minimax-speech-2.5-hd-preview` (row 173): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return await self._speech(
            "/v3/minimax-speech-2.5-hd-preview", S.MiniMaxSpeech25Request, request, fields, options
        )

    async def minimax_speech_26_hd(
        self,
        request: S.MiniMaxSpeech25Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> SpeechAudio:
        """`POST /v3/minimax-speech-2.6-hd` (row 174, inferred): `SpeechAudio`; streaming: `_stream`."""
        return await self._speech("/v3/minimax-speech-2.6-hd", S.MiniMaxSpeech25Request, request, fields, options)

    async def minimax_speech_28_hd(
        self,
        request: S.MiniMaxSpeech28Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> SpeechAudio:
        """`POST /v3/minimax-speech-2.8-hd` (row 175): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return await self._speech("/v3/minimax-speech-2.8-hd", S.MiniMaxSpeech28Request, request, fields, options)

    async def minimax_speech_28_turbo(
        self,
        request: S.MiniMaxSpeech28Request | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> SpeechAudio:
        """`POST /v3/minimax-speech-2.8-turbo` (row 176): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return await self._speech("/v3/minimax-speech-2.8-turbo", S.MiniMaxSpeech28Request, request, fields, options)

    # --- MiniMax async long text (§17.2, rows 177-181): tasks with `audios[]` ----------------------------------

    async def minimax_speech_02_hd_async(
        self,
        request: S.MiniMaxSpeech02AsyncRequest | None = None,
        /,
        *,
        extra: TodayExtra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/minimax-speech-02-hd` (row 177): a `Task` whose result has `audios[]`."""
        return await self._submit_task(
            "/v3/async/minimax-speech-02-hd", S.MiniMaxSpeech02AsyncRequest, request, fields, extra, options, deadline
        )

    async def minimax_speech_02_turbo_async(
        self,
        request: S.MiniMaxSpeech02AsyncRequest | None = None,
        /,
        *,
        extra: TodayExtra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/minimax-speech-02-turbo` (row 178): a `Task` whose result has `audios[]`."""
        return await self._submit_task(
            "/v3/async/minimax-speech-02-turbo",
            S.MiniMaxSpeech02AsyncRequest,
            request,
            fields,
            extra,
            options,
            deadline,
        )

    async def minimax_speech_25_hd_preview_async(
        self,
        request: S.MiniMaxSpeech25AsyncRequest | None = None,
        /,
        *,
        extra: TodayExtra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/minimax-speech-2.5-hd-preview` (row 179): a `Task` whose result has `audios[]`."""
        return await self._submit_task(
            "/v3/async/minimax-speech-2.5-hd-preview",
            S.MiniMaxSpeech25AsyncRequest,
            request,
            fields,
            extra,
            options,
            deadline,
        )

    async def minimax_speech_28_hd_async(
        self,
        request: S.MiniMaxSpeech28AsyncRequest | None = None,
        /,
        *,
        extra: TodayExtra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/minimax-speech-2.8-hd` (row 180): a `Task` whose result has `audios[]`."""
        return await self._submit_task(
            "/v3/async/minimax-speech-2.8-hd", S.MiniMaxSpeech28AsyncRequest, request, fields, extra, options, deadline
        )

    async def minimax_speech_28_turbo_async(
        self,
        request: S.MiniMaxSpeech28AsyncRequest | None = None,
        /,
        *,
        extra: TodayExtra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/minimax-speech-2.8-turbo` (row 181): a `Task` whose result has `audios[]`."""
        return await self._submit_task(
            "/v3/async/minimax-speech-2.8-turbo",
            S.MiniMaxSpeech28AsyncRequest,
            request,
            fields,
            extra,
            options,
            deadline,
        )

    # --- shared bodies ---------------------------------------------------------------------------------------

    async def _speech(
        self,
        path: str,
        request_type: type[Req],
        request: Req | None,
        fields: dict[str, Any],
        options: RequestOptions | None,
    ) -> SpeechAudio:
        if fields.get("stream") or getattr(request, "stream", None) is True:
            name = path.rsplit("/", 1)[-1].replace("-", "_").replace(".", "")
            raise TypeError(f"{path}: for `stream: true` call `client.audio.{name}_stream(...)`")
        fmt = audio_format(request, fields)
        answer = await self._post(path, request_type, request, fields, R.MiniMaxSpeechResponse, options=options)
        return await SpeechAudio.from_response(answer, path, fmt, fetch=self._download)

    async def _download(self, url: str, target: Path) -> Path:
        """Save a URL answer (`output_format="url"`) at `target` through the files wing's header-less session."""
        async with Downloader(session=storage_session(self._client)) as downloader:
            got = await downloader.download(url, target.parent, target.stem)
        if got != target:
            await anyio.to_thread.run_sync(os.replace, got, target)
        return target

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
