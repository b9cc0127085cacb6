"""The sync client's runtime: threads, iterators, batches, Ctrl-C and interpreter exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from novita_async import SyncNovitaClient, TaskStatus
from novita_async.testing import EmulatorServer

TXT2IMG: dict[str, Any] = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1,
    steps=20, guidance_scale=7.5, sampler_name="Euler a",
)


def test_eight_threads_share_one_client(sync_client: SyncNovitaClient, emulator: EmulatorServer) -> None:
    def one(i: int) -> str:
        task = sync_client.images.txt2img(**{**TXT2IMG, "prompt": f"cat {i}"})
        return task.result(timeout=30).task.task_id

    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(one, range(32)))
    assert len(set(ids)) == 32
    assert emulator.state.tasks_created_total == 32


def test_batch_is_a_plain_iterator(sync_client: SyncNovitaClient, emulator: EmulatorServer, tmp_path: Path) -> None:
    items = [{"id": f"item-{i}", "endpoint": "txt2img", "request": TXT2IMG} for i in range(6)]
    batch = sync_client.batch(items, out_dir=tmp_path, journal=tmp_path / "journal.sqlite3", order="input")
    outcomes = list(batch)
    assert [o.id for o in outcomes] == [f"item-{i}" for i in range(6)]
    assert all(o.status == "succeeded" and o.files for o in outcomes)
    assert all((tmp_path / f).is_file() for o in outcomes for f in o.files)  # relative to out_dir
    assert batch.stats.succeeded == 6
    assert emulator.state.tasks_created_total == 6


def test_leaving_a_batch_early_stops_it(sync_client: SyncNovitaClient, emulator: EmulatorServer) -> None:
    items = ({"id": f"item-{i}", "endpoint": "txt2img", "request": TXT2IMG} for i in range(1000))
    with sync_client.batch(items, max_tasks=2) as batch:
        first = next(iter(batch))
    assert first.status == "succeeded"
    assert emulator.state.tasks_created_total < 20  # the input was not drained
    assert sync_client.account.user().credit_balance > 0  # the client is still healthy


def test_async_iterators_become_iterators(sync_client: SyncNovitaClient) -> None:
    models = sync_client.models.list(limit=2)
    names = [m.name for _, m in zip(range(5), models, strict=False)]
    models.close()
    assert len(names) == 5
    task = sync_client.images.txt2img(**TXT2IMG)
    statuses = [update.status for update in task.updates()]
    assert statuses[-1] is TaskStatus.SUCCEEDED


def test_client_calls_from_many_threads_while_one_waits(sync_client: SyncNovitaClient) -> None:
    """A thread blocked in `.result()` blocks only itself."""
    slow = sync_client.images.txt2img(**TXT2IMG)
    done = threading.Event()

    def wait() -> None:
        slow.result(timeout=30)
        done.set()

    waiter = threading.Thread(target=wait)
    waiter.start()
    started = time.monotonic()
    assert sync_client.account.user().credit_balance > 0
    assert time.monotonic() - started < 5
    waiter.join(30)
    assert done.is_set()


_CHILD = textwrap.dedent(
    """
    import signal, sys, time
    # A runner started in the background (`cmd &` in a script) passes SIGINT on ignored: undo that here.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from anyio.from_thread import start_blocking_portal
    from novita_async import SyncNovitaClient
    from novita_async.testing import EmulatorConfig, EmulatorServer

    with start_blocking_portal() as portal, portal.wrap_async_context_manager(
        EmulatorServer(EmulatorConfig(task_duration=(60.0, 60.0)))
    ) as server:
        client = SyncNovitaClient(api_key=server.api_key, base_url=server.url, rate_limits=None)
        task = client.images.txt2img(model_name="m.safetensors", prompt="a cat", width=512, height=512,
                                     image_num=1, steps=20, guidance_scale=7.5, sampler_name="Euler a")
        print("waiting", flush=True)
        if sys.argv[1] == "interrupt":
            try:
                task.result()
            except KeyboardInterrupt:
                print("KeyboardInterrupt reached the caller", flush=True)
                client.close()
        else:
            print("leaving without close()", flush=True)
    """
)


def _run_child(mode: str, interrupt: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOVITA_")}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    if interrupt:
        assert child.stdout.readline().strip() == "waiting"
        time.sleep(0.3)
        child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=20)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def test_ctrl_c_while_blocked_in_result_reaches_the_caller() -> None:
    started = time.monotonic()
    result = _run_child("interrupt", interrupt=True)
    assert "KeyboardInterrupt reached the caller" in result.stdout, result.stderr
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 15


def test_interpreter_exit_without_close_does_not_hang() -> None:
    started = time.monotonic()
    result = _run_child("forget", interrupt=False)
    assert "leaving without close()" in result.stdout
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert time.monotonic() - started < 15


VOICE = {"voice_id": "Wise_Woman"}


def test_streamed_speech_is_a_plain_iterator_and_writes_files(sync_client: SyncNovitaClient, tmp_path: Path) -> None:
    with sync_client.audio.minimax_speech_28_hd_stream(text="Hello there.", voice_setting=VOICE) as stream:
        chunks = list(stream)
    assert chunks[-1].is_final and b"".join(c.audio for c in chunks)
    stream = sync_client.audio.minimax_speech_02_hd_stream(text="Hi", voice_setting=VOICE)
    path = stream.write_to(tmp_path / "speech.mp3")
    assert path.stat().st_size > 0 and stream.content_type == "audio/mpeg"
    with sync_client.audio.minimax_speech_02_hd_stream(text="Hi", voice_setting=VOICE) as early:
        first = next(iter(early))  # leaving early closes the stream
    assert first.status == 1
