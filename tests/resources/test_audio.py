"""`client.audio` (novita-api-2026.md §17): every result kind end to end over loopback.

Sync JSON with hex or URL audio, server-sent events (decoded chunks, straight to a file, closed on early
exit, bounded), async tasks with `audios[]`, GLM-TTS's binary body, clones and ASR. Faults the emulator
cannot produce (malformed or oversized frames, in-band MiniMax errors) come from a small hostile server.
"""

from __future__ import annotations

import wave
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import anyio
import pytest
from aiohttp import web

from novita_async import (
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    InsufficientBalanceError,
    InvalidRequestError,
    NovitaClient,
    RequestOptions,
    RequestValidationError,
    SubmitOutcomeUnknownError,
)
from novita_async._catalogue import PART2_AUDIO
from novita_async.testing import EmulatorServer
from novita_async.testing._media import file_bytes

VOICE = {"voice_id": "Calm_Woman", "speed": 1.0}
SYNC = ["02_hd", "02_turbo", "25_hd_preview", "26_hd", "28_hd", "28_turbo"]
ASYNC = ["02_hd", "02_turbo", "25_hd_preview", "28_hd", "28_turbo"]
WAV_URL = "https://example.com/sample.wav"


def test_every_established_audio_row_is_exercised() -> None:
    """Rows 171-185: the parametrized tests below call each catalogue method (the SSE twins too)."""
    calls = {e.call.removeprefix("client.audio.") for e in PART2_AUDIO if e.established}
    exercised = {f"minimax_speech_{v}" for v in SYNC} | {f"minimax_speech_{v}_async" for v in ASYNC}
    exercised |= {"glm_tts", "glm_tts_voice_clone", "glm_asr", "minimax_voice_cloning"}
    assert calls == exercised


async def _get(url: str) -> tuple[bytes, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        return await resp.read(), resp.headers["Content-Type"]


@pytest.mark.parametrize("version", SYNC)
async def test_minimax_sync_hex(novita_client: NovitaClient, version: str) -> None:
    """Rows 171-176: both page shapes decode; the hex audio comes back as bytes."""
    call = getattr(novita_client.audio, f"minimax_speech_{version}")
    audio = await call(text="Hello there.", voice_setting=VOICE, audio_setting={"format": "mp3"})
    assert audio.data == file_bytes("mp3") and audio.content_type == "audio/mpeg" and audio.status == 2
    if version.startswith("28"):
        assert audio.trace_id and audio.extra_info is not None and audio.extra_info.audio_format == "mp3"


async def test_minimax_sync_url_and_write_to(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, tmp_path: Path
) -> None:
    audio = await novita_client.audio.minimax_speech_02_turbo(
        text="Hi", voice_setting=VOICE, audio_setting={"format": "wav"}, output_format="url"
    )
    assert audio.url and not audio.data
    body, content_type = await _get(audio.url)
    assert content_type == "audio/wav" and body[:4] == b"RIFF"
    saved = await audio.write_to(tmp_path / "url" / "x.wav")  # downloaded, without the API key
    with wave.open(str(saved)) as reader:
        assert reader.getnframes() > 0
    hexed = await novita_client.audio.minimax_speech_02_turbo(
        text="Hi", voice_setting=VOICE, audio_setting={"format": "wav"}
    )
    path = await hexed.write_to(tmp_path / "sub" / "hi.wav")
    with wave.open(str(path)) as reader:  # a real WAV
        assert reader.getnframes() > 0 and reader.getnchannels() == 1
    assert novita_emulator.state.storage_auth_headers_seen == 0


@pytest.mark.parametrize("version", SYNC)
async def test_minimax_stream_chunks(novita_client: NovitaClient, version: str) -> None:
    """`stream: true`: status-1 chunks then a status-2 frame; an aggregated final frame is not repeated."""
    call = getattr(novita_client.audio, f"minimax_speech_{version}_stream")
    async with await call(text="Hello there.", voice_setting=VOICE) as stream:
        chunks = [chunk async for chunk in stream]
    assert [c.status for c in chunks] == [1, 1, 1, 2] and chunks[-1].is_final
    assert b"".join(c.audio for c in chunks) == file_bytes("mp3")
    assert chunks[-1].audio == b""


async def test_minimax_stream_write_to(novita_client: NovitaClient, tmp_path: Path) -> None:
    stream = await novita_client.audio.minimax_speech_28_hd_stream(
        text="Hi", voice_setting=VOICE, audio_setting={"format": "flac"},
        stream_options={"exclude_aggregated_audio": True},
    )  # fmt: skip
    path = await stream.write_to(tmp_path / "speech.flac")
    assert path.read_bytes() == file_bytes("flac") and stream.content_type == "audio/flac"
    assert sorted(p.name for p in path.parent.iterdir()) == ["speech.flac"]  # no temp file left


async def test_stream_refusals_and_misuse(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    with pytest.raises(TypeError, match="_stream"):
        await novita_client.audio.minimax_speech_02_hd(text="x", voice_setting=VOICE, stream=True)
    with pytest.raises(RequestValidationError, match="non-streaming"):
        await novita_client.audio.minimax_speech_02_hd_stream(text="x", voice_setting=VOICE, output_format="url")
    with pytest.raises(RequestValidationError, match="voice_id"):
        await novita_client.audio.minimax_speech_28_hd(text="x")
    with pytest.raises(RequestValidationError):
        await novita_client.audio.minimax_speech_02_hd(text="x", voice_setting={"voice_id": "v", "speed": 3})
    assert sum(n for (m, _), n in novita_emulator.state.requests.items() if m == "POST") == 0


@pytest.mark.parametrize("version", ASYNC)
async def test_minimax_async_audios(novita_client: NovitaClient, novita_emulator: EmulatorServer, version: str) -> None:
    """Rows 177-181: tasks whose results carry `audios[]` (2.8 names the rate `audio_sample_rate`)."""
    rate_key = "audio_sample_rate" if version.startswith("28") else "sample_rate"
    call = getattr(novita_client.audio, f"minimax_speech_{version}_async")
    task = await call(text="Chapter one. It begins.", voice_setting=VOICE,
                      audio_setting={"format": "wav", rate_key: 24000})  # fmt: skip
    result = await task.result(timeout=10)
    assert len(result.audios) == 1 and not result.images and not result.videos
    audio = result.audios[0]
    assert audio.audio_type == "wav" and audio.audio_url.startswith(novita_emulator.storage_url)
    body, _ = await _get(audio.audio_url)
    assert body[:4] == b"RIFF"
    assert audio.audio_metadata is not None and audio.audio_metadata.text == "Chapter one. It begins."


async def test_glm_tts_binary(novita_client: NovitaClient, tmp_path: Path) -> None:
    """Row 182: the body is the audio; default `pcm`, or a WAV."""
    pcm = await novita_client.audio.glm_tts(input="你好", voice="tongtong")
    assert pcm.content_type == "audio/pcm" and pcm.data == file_bytes("pcm")
    wav = await novita_client.audio.glm_tts(input="hello", voice="tongtong", response_format="wav", speed=1.5)
    assert wav.content_type == "audio/wav"
    path = await wav.write_to(tmp_path / "glm.wav")
    with wave.open(str(path)) as reader:
        assert reader.getframerate() == 24000


async def test_glm_clone_asr_and_minimax_clone(novita_client: NovitaClient, tmp_path: Path) -> None:
    """Rows 183-185; ASR takes a Path (sent as a `data:audio/wav;base64,` URI) or a URL."""
    clone = await novita_client.audio.glm_tts_voice_clone(input="preview", audio_url=WAV_URL, voice_name="me")
    assert clone.voice == "clone-me" and (await _get(clone.audio_url))[0][:4] == b"RIFF"
    sample = tmp_path / "s.wav"
    sample.write_bytes(file_bytes("wav"))
    assert (await novita_client.audio.glm_asr(file=sample, hotwords=["Novita"])).text == "Hello Novita."
    assert (await novita_client.audio.glm_asr(file=WAV_URL)).text == "Hello."
    voice = await novita_client.audio.minimax_voice_cloning(audio_url=WAV_URL, text="hi", model="speech-02-hd")
    assert voice.voice_id and voice.preview_url.startswith("http")
    with pytest.raises(RequestValidationError, match="model"):
        await novita_client.audio.minimax_voice_cloning(audio_url=WAV_URL, text="hi")
    with pytest.raises(RequestValidationError, match="URL"):
        await novita_client.audio.minimax_voice_cloning(audio_url=sample)


# --- hostile servers --------------------------------------------------------------------------------------


def _sse(*frames: bytes, tail: bytes = b"") -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handler(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)
        for frame in frames:
            await resp.write(frame)
        if tail:
            await resp.write(tail)
        return resp

    return handler


@pytest.mark.parametrize(
    ("frames", "match"),
    [
        ((b'data: {"audio": "zz", "status": 1}\n\n',), "hex"),
        ((b"data: not json\n\n",), "JSON"),
        ((b'data: {"audio": "00", "status": 7}\n\n',), "status 7"),
        ((b'data: {"audio": "00", "status": 1}\n\n',), "final"),
        ((b"garbage line\n\n",), "event-stream"),
        ((b"data: " + b"0" * 5000,), "exceeds"),
    ],
)
async def test_malformed_streams_raise_typed_errors(hostile: Any, frames: tuple[bytes, ...], match: str) -> None:
    url = await hostile(_sse(*frames))
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        stream = await client.audio.minimax_speech_02_hd_stream(text="x", voice_setting=VOICE, max_event_bytes=4096)
        with pytest.raises(APIResponseValidationError, match=match):
            async for _ in stream:
                pass


async def test_early_exit_closes_the_stream(hostile: Any) -> None:
    """Leaving `async with` after the first chunk closes the connection; the server sees it go."""
    import asyncio

    gone = asyncio.Event()

    async def endless(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)
        try:
            for _ in range(10_000):
                await resp.write(b'data: {"audio": "0001", "status": 1}\n\n')
                await asyncio.sleep(0.01)
        except (ConnectionResetError, asyncio.CancelledError):
            gone.set()
            raise
        return resp

    url = await hostile(endless)
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        async with await client.audio.minimax_speech_02_hd_stream(text="x", voice_setting=VOICE) as stream:
            async for chunk in stream:
                assert chunk.audio == b"\x00\x01"
                break
        await asyncio.wait_for(gone.wait(), 5)
        assert [c async for c in stream] == []  # closed: iteration ends at once


async def test_in_band_minimax_error(hostile: Any) -> None:
    """A 2xx with `base_resp.status_code != 0` is an error with reason MINIMAX_<code> (§14.3)."""

    async def answer(request: web.Request) -> web.Response:
        return web.json_response({"data": None, "base_resp": {"status_code": 1008, "status_msg": "balance"}})

    url = await hostile(answer)
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        with pytest.raises(InsufficientBalanceError) as info:
            await client.audio.minimax_speech_28_hd(text="x", voice_setting=VOICE)
    assert info.value.reason == "MINIMAX_1008"

    async def refused_task(request: web.Request) -> web.Response:
        return web.json_response({"task_id": "", "base_resp": {"status_code": 1004, "status_msg": "auth"}})

    url = await hostile(refused_task)
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        with pytest.raises(AuthenticationError, match="auth") as failed:
            await client.audio.minimax_speech_28_turbo_async(text="x", voice_setting=VOICE)
    assert failed.value.reason == "MINIMAX_1004"


async def test_glm_tts_json_body_is_not_audio(hostile: Any) -> None:
    async def answer(request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    url = await hostile(answer)
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        with pytest.raises(APIResponseValidationError, match="binary audio"):
            await client.audio.glm_tts(input="x", voice="tongtong")


async def test_stream_refusal_and_lost_answer(hostile: Any) -> None:
    """A refused stream is a typed status error; a stream whose answer is lost after sending is reported as
    `SubmitOutcomeUnknownError` (it may have been billed) and is not re-sent."""
    calls = 0

    async def refuse(request: web.Request) -> web.Response:
        body = {"code": 400, "reason": "INVALID_REQUEST_BODY", "message": "bad voice", "metadata": {}}
        return web.json_response(body, status=400)

    async def drop(request: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        await request.read()
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    for handler, error in ((refuse, InvalidRequestError), (drop, SubmitOutcomeUnknownError)):
        url = await hostile(handler)
        async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
            with pytest.raises(error):
                await client.audio.minimax_speech_02_hd_stream(text="x", voice_setting=VOICE)
    assert calls == 1


async def test_json_answer_to_a_stream_request_is_one_final_chunk(hostile: Any, tmp_path: Path) -> None:
    """A server that ignores `stream: true` and answers JSON still yields the audio (one final frame)."""

    async def plain(request: web.Request) -> web.Response:
        return web.json_response({"audio": "00010203", "status": 2})

    url = await hostile(plain)
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        async with await client.audio.minimax_speech_02_hd_stream(text="x", voice_setting=VOICE) as stream:
            chunks = [chunk async for chunk in stream]
    assert [(c.audio, c.is_final) for c in chunks] == [(b"\x00\x01\x02\x03", True)]


async def test_a_stalled_stream_is_bounded_by_the_timeout(hostile: Any) -> None:
    """One chunk, then silence: iteration ends with `APITimeoutError` within the call's timeout."""
    import asyncio

    release = asyncio.Event()

    async def stall(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)
        await resp.write(b'data: {"audio": "0001", "status": 1}\n\n')
        await asyncio.wait_for(release.wait(), 30)
        return resp

    url = await hostile(stall)
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        stream = await client.audio.minimax_speech_02_hd_stream(
            text="x", voice_setting=VOICE, options=RequestOptions(timeout=0.5)
        )
        started = asyncio.get_running_loop().time()
        with pytest.raises(APITimeoutError):
            async for _ in stream:
                pass
        assert asyncio.get_running_loop().time() - started < 3
    release.set()


async def test_stream_write_to_batches_large_audio(hostile: Any, tmp_path: Path) -> None:
    """300 KB of audio in three frames lands in the file whole (one batched write, then the tail)."""
    parts = [bytes([i]) * 100_000 for i in range(3)]
    frames = [b'data: {"audio": "%s", "status": 1}\n\n' % p.hex().encode() for p in parts]
    url = await hostile(_sse(*frames, b'data: {"status": 2}\n\n'))
    async with NovitaClient(api_key="k", base_url=url, rate_limits=None) as client:
        stream = await client.audio.minimax_speech_02_hd_stream(text="x", voice_setting=VOICE)
        path = await stream.write_to(tmp_path / "big.mp3")
    assert await anyio.Path(path).read_bytes() == b"".join(parts)
