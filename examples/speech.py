"""Speech against the bundled emulator: `python examples/speech.py [OUT_DIR]`.

Every way audio comes back: MiniMax sync speech (hex, decoded for you), the same call streamed as server-sent
events straight into a file, a long text as an async task (`audios[]`), GLM-TTS's binary body, and GLM-ASR
reading a local WAV back. Drop the emulator and pass your key to run it for real.
"""

from __future__ import annotations

import sys
from pathlib import Path

import anyio

from novita_async import NovitaClient
from novita_async.testing import EmulatorServer

VOICE = {"voice_id": "Calm_Woman", "speed": 1.0}


async def main(out_dir: Path) -> None:
    async with EmulatorServer() as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, rate_limits=None
    ) as client:
        speech = await client.audio.minimax_speech_28_hd(text="Hello there.", voice_setting=VOICE)
        print("sync:", await speech.write_to(out_dir / "hello.mp3"), len(speech.data), "bytes")

        async with await client.audio.minimax_speech_02_turbo_stream(
            text="Streamed, chunk by chunk.", voice_setting=VOICE, audio_setting={"format": "wav"}
        ) as stream:
            print("stream:", await stream.write_to(out_dir / "streamed.wav"))

        task = await client.audio.minimax_speech_02_hd_async(text="Chapter one. It begins.", voice_setting=VOICE)
        result = await task
        print("async:", result.audios[0].audio_url[:60], "...")

        tts = await client.audio.glm_tts(input="你好", voice="tongtong", response_format="wav")
        wav = await tts.write_to(out_dir / "glm.wav")
        print("glm-tts:", wav, tts.content_type)

        print("asr:", (await client.audio.glm_asr(file=wav, hotwords=["Novita"])).text)


if __name__ == "__main__":
    anyio.run(main, Path(sys.argv[1] if len(sys.argv) > 1 else "out-speech"))
