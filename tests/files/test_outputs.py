"""Every output a call paid for is saved: URLs, inline base64, binary bodies, self-writing results.

Driven through the real batch engine and the `novita-async` CLI against the emulator over loopback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import msgspec
import pytest
from _files_helpers import PNG, PNG_B64

from novita_async import NovitaClient
from novita_async._cli import main
from novita_async._files import Downloader, collect_outputs, save_outputs, storage_session
from novita_async.testing import EmulatorServer
from novita_async.types import ImageFileResponse

pytestmark = pytest.mark.timeout(30)
FAST = ["--emulator", "--task-duration", "0.02", "0.05", "--poll-interval", "0.05"]
LCM = dict(model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=2, steps=4,
           guidance_scale=2.0)  # fmt: skip


async def test_sync_endpoints_in_a_batch_save_what_they_paid_for(
    tmp_path: Path, server: EmulatorServer, client: NovitaClient
) -> None:
    requests: list[dict[str, Any]] = [
        {"id": "rb", "endpoint": "remove_background", "request": {"image_file": PNG_B64}},
        {"id": "lcm", "endpoint": "lcm_txt2img", "request": LCM},
    ]
    outcomes = {o.id: o async for o in client.batch(requests, out_dir=tmp_path)}
    assert server.state.storage_auth_headers_seen == 0
    assert outcomes["rb"].ok and outcomes["rb"].files == ("rb/0.png",), outcomes["rb"]
    assert outcomes["lcm"].ok and outcomes["lcm"].files == ("lcm/0.png", "lcm/1.png"), outcomes["lcm"]
    _check_tree(tmp_path, [f for o in outcomes.values() for f in o.files])


def _check_tree(root: Path, files: list[str], magic: bytes = b"\x89PNG") -> None:
    for rel in files:
        assert (root / rel).read_bytes().startswith(magic)
    assert not list(root.rglob("*.part"))


def test_cli_batch_writes_sync_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "bg-1", "endpoint": "remove-background", "request": {"image_file": PNG_B64}})
                   + "\n")
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), *FAST]) == 0
    [line] = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    assert line["status"] == "succeeded" and line["files"] == ["bg-1/0.png"]
    assert (out / "bg-1" / "0.png").read_bytes().startswith(b"\x89PNG")
    assert "Traceback" not in capsys.readouterr().err


class _Audio:
    """A stand-in for a streamed speech result: it writes itself (the `WritableOutput` protocol)."""

    extension = "wav"

    def __init__(self) -> None:
        self.data = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 28

    async def write_to(self, path: Path) -> None:
        await anyio.Path(path).write_bytes(self.data)


class _SyncAudio:
    def __init__(self) -> None:
        self.data = b"ID3\x04" + b"\x00" * 40

    def write_to(self, path: Path) -> None:
        path.write_bytes(self.data)


async def test_every_kind_of_output_is_saved_through_one_call(tmp_path: Path, client: NovitaClient) -> None:
    result = {
        "inline": ImageFileResponse(image_file=PNG_B64, image_type="png"),
        "body": PNG,
        "stream": _Audio(),
        "sync_writer": _SyncAudio(),
        "hostile_type": {"image_file": PNG_B64, "image_type": "../../etc"},
    }
    assert len(collect_outputs(result)) == 5
    async with Downloader(session=storage_session(client)) as downloader:
        files = await save_outputs(client, downloader, tmp_path, "../up", None, None, result)
    assert [f.split("/")[1] for f in files] == ["0.png", "1.png", "2.wav", "3.mp3", "4.png"]
    assert all(not f.startswith(".") and "/../" not in f for f in files)
    _check_tree(tmp_path, files[2:3], b"RIFF")


async def test_a_paid_sync_output_that_cannot_be_saved_is_never_resent(
    tmp_path: Path, server: EmulatorServer, client: NovitaClient
) -> None:
    """The output could not be written (here: its directory is taken by a file): `failed`, and a re-run
    reports it from the journal instead of paying for the same request again."""
    out = tmp_path / "out"
    await anyio.Path(out).mkdir()
    await anyio.Path(out / "rb").write_bytes(b"not a directory")
    requests = [{"id": "rb", "endpoint": "remove_background", "request": {"image_file": PNG_B64}}]
    journal = tmp_path / "journal.sqlite3"
    [first] = [o async for o in client.batch(requests, out_dir=out, journal=journal)]
    [again] = [o async for o in client.batch(requests, out_dir=out, journal=journal)]
    sent = server.state.request_count("POST", "/v3/remove-background")
    assert first.status == "failed" and first.error_type == "DownloadError", first
    assert again.status == "failed" and again.resumed, again
    assert sent == 1


VOICE = {"voice_id": "Calm_Woman", "speed": 1.0}


async def test_audio_results_of_every_kind_are_saved_by_the_batch(
    tmp_path: Path, server: EmulatorServer, client: NovitaClient
) -> None:
    """Binary bodies (GLM TTS), hex-decoded sync speech, a URL-only speech answer, streamed (SSE) speech."""
    requests: list[dict[str, Any]] = [
        {"id": "tts", "endpoint": "glm_tts", "request": {"input": "hello", "voice": "tongtong",
                                                         "response_format": "wav"}},
        {"id": "speech", "endpoint": "minimax_speech_02_hd",
         "request": {"text": "Hello there.", "voice_setting": VOICE, "audio_setting": {"format": "mp3"}}},
        {"id": "url", "endpoint": "minimax_speech_02_hd",
         "request": {"text": "Hello there.", "voice_setting": VOICE, "output_format": "url"}},
        {"id": "sse", "endpoint": "minimax_speech_02_hd_stream",
         "request": {"text": "Hello there.", "voice_setting": VOICE, "audio_setting": {"format": "mp3"}}},
    ]  # fmt: skip
    outcomes = {o.id: o async for o in client.batch(requests, out_dir=tmp_path)}
    assert server.state.storage_auth_headers_seen == 0
    assert {k: (o.status, o.files) for k, o in outcomes.items()} == {
        "tts": ("succeeded", ("tts/0.wav",)),
        "speech": ("succeeded", ("speech/0.mp3",)),
        "url": ("succeeded", ("url/0.mp3",)),
        "sse": ("succeeded", ("sse/0.mp3",)),
    }, outcomes
    _check_tree(tmp_path, ["tts/0.wav"], b"RIFF")
    for rel in ("speech/0.mp3", "url/0.mp3", "sse/0.mp3"):
        assert (tmp_path / rel).stat().st_size > 0


def test_outputs_are_found_by_field_name() -> None:
    from novita_async.types.progress_v2 import ProgressData
    from novita_async.types.tasks import TaskResult

    result = msgspec.convert({
        "images": [{"image_url": "https://s3/a.png", "image_type": "png"}, {"image_url": PNG_B64}],
        "videos": [{"video_url": "https://s3/v.mp4", "video_type": "mp4"}],
        "audios": [{"audio_url": "https://s3/a.mp3", "audio_type": "mp3"}],
        "extra": {"seed": "1"},
    }, TaskResult, strict=False)  # fmt: skip
    assert [(o.url, o.b64 is not None, o.hint) for o in collect_outputs(result)] == [
        ("https://s3/a.png", False, "png"), (None, True, None), ("https://s3/v.mp4", False, "mp4"),
        ("https://s3/a.mp3", False, "mp3"),
    ]  # fmt: skip
    progress = ProgressData(status=2, imgs=["https://s3/1.png"], current_images=["https://s3/preview.png"])
    assert [o.url for o in collect_outputs(progress)] == ["https://s3/1.png"]
    raw = {"voice_id": "v", "demo_audio_url": "https://s3/demo.mp3", "prompt": "not an output"}
    assert [o.url for o in collect_outputs(raw)] == ["https://s3/demo.mp3"]
    assert collect_outputs({"prompt": "a cat", "image_url": ""}) == []


async def test_save_result_for_direct_calls(tmp_path: Path, server: EmulatorServer, client: NovitaClient) -> None:
    import novita_async

    answer = await client.tools.remove_background(image_file=PNG)
    assert await novita_async.save_result(client, answer, tmp_path) == [tmp_path / "output" / "0.png"]
    task = await client.images.txt2img(model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512,
                                       height=512, image_num=2, steps=20, guidance_scale=7.5, sampler_name="Euler a")
    saved = await novita_async.save_result(client, await task, tmp_path, name="cats", task_id=task.task_id)
    assert [p.name for p in saved] == ["0.png", "1.png"] and server.state.storage_auth_headers_seen == 0
    _check_tree(tmp_path, [str(p.relative_to(tmp_path)) for p in saved])
