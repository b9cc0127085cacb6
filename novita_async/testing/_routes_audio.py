"""Part 2 audio endpoints (novita-api-2026.md §17, §20): MiniMax speech (sync JSON, SSE, async), GLM-TTS
(binary body), GLM-TTS voice clone, GLM-ASR, MiniMax voice cloning.

Outputs are real files: a WAV written with the stdlib `wave` module, raw PCM, and small MP3/FLAC samples.
Sync MiniMax answers use the 02 page shape (`{audio, status}`) for 02/2.5/2.6 and the 2.8 page shape
(`{data, trace_id, base_resp, extra_info}`) for 2.8. With `stream: true` the answer is `text/event-stream`:
status-1 chunks, then a status-2 frame that carries no audio on 02 (as NLS shows) and the aggregated audio
on 2.5/2.6/2.8 (as upstream MiniMax does, unless `stream_options.exclude_aggregated_audio`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from aiohttp import web

from ._http import ApiError, Body, json_response, read_json
from ._media import CONTENT_TYPES, file_bytes
from ._routes_v3 import TaskSpec
from ._runtime import Runtime

__all__ = ("AUDIO_TASK_ROUTES", "AudioRoutes")

_SYNC_SPEECH = ("02-hd", "02-turbo", "2.5-hd-preview", "2.6-hd", "2.8-hd", "2.8-turbo")
_RATES = (8000, 16000, 22050, 24000, 32000, 44100)
_FORMATS = ("mp3", "pcm", "flac", "wav")
_URL_TTL = 86400  # MiniMax audio URLs are valid 24 h (§14.1)
_STREAM_CHUNKS = 3


def _enum(b: Body, key: str, values: tuple[Any, ...]) -> Any:
    value = b.get(key)
    if value is not None and (isinstance(value, bool) or value not in values):
        raise ApiError.invalid(f"{b.name(key)} must be one of {', '.join(map(str, values))}")
    return value


def _voice(b: Body, *, required: bool) -> None:
    voice = b.obj("voice_setting")
    has_voice = voice.has("voice_id") and bool(voice.req_str("voice_id"))
    weights = b.opt_list("timber_weights", 4)
    if required and not has_voice:
        raise ApiError.invalid("voice_setting.voice_id is required")
    if not has_voice and not weights:
        raise ApiError.invalid("voice_setting.voice_id or timber_weights is required")
    if voice.has("speed"):
        voice.req_num("speed", 0.5, 2)
    if voice.has("vol"):
        voice.req_num("vol", 0, 10, lo_open=True)
    voice.opt_int("pitch", 0, -12, 12)


def _audio_format(b: Body, rate_key: str = "sample_rate") -> str:
    setting = b.obj("audio_setting")
    _enum(setting, rate_key, _RATES)
    _enum(setting, "bitrate", (32000, 64000, 128000, 256000))
    _enum(setting, "channel", (1, 2))
    return str(_enum(setting, "format", _FORMATS) or "mp3")


def _async_speech(version: str) -> Callable[[Body], TaskSpec]:
    is_28 = version.startswith("2.8")

    def check(b: Body) -> TaskSpec:
        if is_28 and b.has("text_file_id"):
            text = ""
            b.req_int("text_file_id")
        else:
            text = b.req_str("text", 50000)
        _voice(b, required=True)
        fmt = _audio_format(b, "audio_sample_rate" if is_28 else "sample_rate")
        answer: dict[str, object] = {}
        if is_28:
            answer = {"file_id": 1000 + len(text), "task_token": "emulator-token", "usage_characters": len(text),
                      "base_resp": {"status_code": 0, "status_msg": "success"}}  # fmt: skip
        return TaskSpec("TXT_TO_AUDIO", 1, text, is_audio=True, output_ext=fmt, answer=answer)

    return check


AUDIO_TASK_ROUTES: dict[str, Callable[[Body], TaskSpec]] = {
    f"minimax-speech-{version}": _async_speech(version)
    for version in ("02-hd", "02-turbo", "2.5-hd-preview", "2.8-hd", "2.8-turbo")
}


def _hex_frame(payload: dict[str, Any]) -> bytes:
    return b"data: " + msgspec.json.encode(payload) + b"\n\n"


class AudioRoutes:
    """Handlers of the synchronous audio endpoints."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def register(self, app: web.Application) -> None:
        for version in _SYNC_SPEECH:
            app.router.add_post(f"/v3/minimax-speech-{version}", self._minimax(version))
        app.router.add_post("/v3/glm-tts", self.glm_tts)
        app.router.add_post("/v3/glm-tts-voice-clone", self.glm_tts_voice_clone)
        app.router.add_post("/v3/glm-asr", self.glm_asr)
        app.router.add_post("/v3/minimax-voice-cloning", self.minimax_voice_cloning)

    async def _work(self, text: str) -> None:
        cfg = self._rt.config
        if cfg.fail_prompt_marker and cfg.fail_prompt_marker in text:
            raise ApiError(500, "TASK_FAILED", "emulated failure: text contains the failure marker")
        if cfg.sync_delay > 0:
            await asyncio.sleep(cfg.sync_delay)

    def _file_url(self, ext: str, ttl: int = _URL_TTL) -> str:
        rt = self._rt
        return rt.signer.sign(rt.storage_url, f"/files/{rt.new_id()}/0.{ext}", ttl, rt.wall())

    # --- MiniMax sync / SSE (§17.1) ---------------------------------------------------------------------

    def _minimax(self, version: str) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        wrapped = version.startswith("2.8")

        def shape(audio: str, status: int, *, final: bool, fmt: str, size: int) -> dict[str, Any]:
            if not wrapped:
                return {"audio": audio, "status": status} if audio or not final else {"status": status}
            out: dict[str, Any] = {
                "data": {"audio": audio, "status": status, "subtitle_file": ""},
                "trace_id": "emulator-trace", "base_resp": {"status_code": 0, "status_msg": "success"},
            }  # fmt: skip
            if final:
                out["extra_info"] = {"audio_format": fmt, "audio_size": size, "audio_sample_rate": 24000,
                                     "audio_channel": 1, "audio_length": 250, "bitrate": 128000}  # fmt: skip
            return out

        async def handler(request: web.Request) -> web.StreamResponse:
            b = await read_json(request)
            text = b.req_str("text", 9999)
            _voice(b, required=False)
            fmt = _audio_format(b)
            stream = b.opt_bool("stream")
            output = _enum(b, "output_format", ("hex", "url")) or "hex"
            if stream and output == "url":
                raise ApiError.invalid("output_format url is for non-streaming requests only")
            await self._work(text)
            audio = file_bytes(fmt)
            if not stream:
                value = self._file_url(fmt) if output == "url" else audio.hex()
                return json_response(request, shape(value, 2, final=True, fmt=fmt, size=len(audio)))
            resp = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
            await resp.prepare(request)
            step = -(-len(audio) // _STREAM_CHUNKS)
            for i in range(0, len(audio), step):
                await resp.write(_hex_frame(shape(audio[i : i + step].hex(), 1, final=False, fmt=fmt, size=0)))
            exclude = b.obj("stream_options").opt_bool("exclude_aggregated_audio")
            aggregate = "" if version.startswith("02") or exclude else audio.hex()
            await resp.write(_hex_frame(shape(aggregate, 2, final=True, fmt=fmt, size=len(audio))))
            await resp.write_eof()
            return resp

        return handler

    # --- GLM (§17.3-§17.5) ------------------------------------------------------------------------------

    async def glm_tts(self, request: web.Request) -> web.Response:
        b = await read_json(request)
        text = b.req_str("input", 1024)
        b.req_str("voice")
        if b.has("speed"):
            b.req_num("speed", 0.5, 2)
        if b.has("volume"):
            b.req_num("volume", 0, 10, lo_open=True)
        fmt = _enum(b, "response_format", ("wav", "pcm")) or "pcm"
        b.opt_bool("watermark_enabled")
        await self._work(text)
        return web.Response(body=file_bytes(fmt), headers={"Content-Type": CONTENT_TYPES[fmt]})

    async def glm_tts_voice_clone(self, request: web.Request) -> web.Response:
        b = await read_json(request)
        text = b.req_str("input")
        url = b.req_str("audio_url")
        if not url.startswith(("http://", "https://")):
            raise ApiError.invalid("audio_url must be a URL")
        name = b.req_str("voice_name")
        b.opt_str("text")
        await self._work(text)
        return json_response(request, {"voice": f"clone-{name}", "audio_url": self._file_url("wav")})

    async def glm_asr(self, request: web.Request) -> web.Response:
        b = await read_json(request)
        file = b.req_str("file")
        if not file.startswith(("http://", "https://")):
            b.req_b64("file")  # data:audio/...;base64,... or bare base64
        prompt = b.opt_str("prompt")
        if len(prompt) > 8000:
            raise ApiError.out_of_range("prompt must be at most 8000 characters")
        hotwords = b.opt_list("hotwords", 100)
        await self._work("")
        words = " ".join(str(w) for w in hotwords)
        return json_response(request, {"text": f"Hello {words}.".replace(" .", ".")})

    async def minimax_voice_cloning(self, request: web.Request) -> web.Response:
        b = await read_json(request)
        url = b.req_str("audio_url")
        if not url.startswith(("http://", "https://")):
            raise ApiError.invalid("audio_url must be a URL")
        prompt = b.obj("clone_prompt")
        if prompt.data:
            prompt.req_str("prompt_audio_url")
        text = b.opt_str("text")
        if len(text) > 2000:
            raise ApiError.out_of_range("text must be at most 2000 characters")
        if text and not b.has("model"):
            raise ApiError.invalid("model is required with text")
        if b.has("accuracy"):
            b.req_num("accuracy", 0, 1)
        await self._work(text)
        demo = self._file_url("mp3") if text else ""
        return json_response(request, {"voice_id": f"voice-{self._rt.new_id()[:8]}", "demo_audio_url": demo})
