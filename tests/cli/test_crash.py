"""`kill -9` in the middle of a batch, then the same command again: nothing lost, nothing paid twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import anyio
import pytest
from _cli_helpers import read_results, write_input

from novita_async.testing import EmulatorConfig, EmulatorServer, Fault

pytestmark = pytest.mark.timeout(60)
SUBMIT = "/v3/async/txt2img"
# `python -m novita_async`, but with Python's own SIGINT handler: a test runner started in the background
# (`cmd &` in a script, as CI jobs may be) passes SIGINT on ignored, and the CLI would rightly ignore Ctrl-C.
CLI = [sys.executable, "-c", "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
       "from novita_async._cli import main; sys.exit(main())"]


async def _run(
    args: list[str], env: dict[str, str], *, kill_when: int | None, server: EmulatorServer,
    sig: int = signal.SIGKILL, stderr: Path | None = None, submits_seen: int | None = None,
    ready: Callable[[], bool] = lambda: True,
) -> int:
    """Run the CLI; send `sig` once `kill_when` tasks exist (or `submits_seen` submits arrived and `ready()`)."""
    with open(stderr or os.devnull, "w") as err:  # noqa: ASYNC230 - opening a log file is instant
        proc = subprocess.Popen(  # noqa: ASYNC220 - Popen only forks; we poll without blocking
            [*CLI, *args], env=env, stdout=subprocess.DEVNULL, stderr=err
        )
    try:
        while proc.poll() is None:
            if submits_seen is not None and server.state.request_count("POST", SUBMIT) >= submits_seen and ready():
                kill_when, submits_seen = 0, None
            if kill_when is not None and server.state.tasks_created_total >= kill_when:
                os.kill(proc.pid, sig)
                kill_when = None
                if sig == signal.SIGKILL:
                    proc.wait()
                    return -9
            await anyio.sleep(0.01)  # keep the in-process emulator serving
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode


def _all_refused(journal: Path, at_least: int) -> bool:
    """The (running) CLI journaled `at_least` items refused and none is mid-submit; read-only access."""
    if not journal.exists():
        return False
    try:
        with closing(sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=0.05)) as conn:
            rows = dict(conn.execute("SELECT state, count(*) FROM items GROUP BY state").fetchall())
    except sqlite3.Error:  # created but not yet initialised, or busy: ask again on the next tick
        return False
    return rows.get("refused", 0) >= at_least and not rows.get("submitting", 0)


def _prompts(server: EmulatorServer) -> list[str]:
    return [json.loads(t.request_info)["prompts"][0] for t in server.state.tasks.values()]


async def _crash_and_resume(tmp_path: Path, n: int, kill_at: int) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    src = write_input(tmp_path / "in.jsonl", n)
    out = tmp_path / "out"
    async with EmulatorServer(EmulatorConfig(task_duration=(0.3, 0.8), seed=3)) as server:
        env = {**os.environ, "NOVITA_BASE_URL": server.url, "NOVITA_API_KEY": server.api_key}
        args = ["batch", str(src), "--out", str(out), "--max-tasks", "8", "--max-submits", "2",
                "--poll-interval", "0.1", "--rpm", "0"]
        assert await _run(args, env, kill_when=kill_at, server=server) == -9
        assert 0 < server.state.tasks_created_total < n  # the kill landed mid-run
        code = await _run(args, env, kill_when=None, server=server)

        results = read_results(out)
        assert [r["id"] for r in results] == [f"img-{i:03d}" for i in range(n)]  # one line per input
        prompts = _prompts(server)
        assert len(prompts) == len(set(prompts))  # no input was paid twice
        unknown = [r for r in results if r["status"] == "unknown"]
        # Only a submit cut off by the kill can be unknown; everything else succeeded, with its files.
        assert len(unknown) <= 2
        for r in results:
            if r["status"] == "succeeded":
                assert r["task_id"] in server.state.tasks
                assert all((out / f).is_file() for f in r["files"]) and r["files"]
        assert server.state.tasks_created_total == n - len(unknown) + sum(
            f"prompt number {int(r['id'][4:])}" in prompts for r in unknown
        )
        assert code == (0 if not unknown else 1)
        if not unknown:
            assert server.state.tasks_created_total == n  # exactly one task per input
        assert not list(out.rglob("*.part"))
        assert not list(out.glob(".results.jsonl.*.tmp"))  # the killed run's temp file is gone too


async def test_sigkill_then_resume(tmp_path: Path) -> None:
    await _crash_and_resume(tmp_path, n=40, kill_at=15)


@pytest.mark.soak
async def test_sigkill_then_resume_short_soak(tmp_path: Path) -> None:
    for round_ in range(3):
        await _crash_and_resume(tmp_path / f"r{round_}", n=30, kill_at=5 + 7 * round_)


@pytest.mark.soak
async def test_sigkill_then_resume_long_soak(tmp_path: Path) -> None:
    for round_ in range(10):
        await _crash_and_resume(tmp_path / f"r{round_}", n=60, kill_at=5 + 5 * round_)


async def test_kill_during_429_backoff_then_resume_reports_nothing_unknown(tmp_path: Path) -> None:
    """Items whose every submit was refused with 429 created nothing: after a kill during the back-off
    they are submitted again, not reported `unknown` (which would push users to re-pay real ones)."""
    n = 12
    src = write_input(tmp_path / "in.jsonl", n)
    out = tmp_path / "out"
    async with EmulatorServer(EmulatorConfig(task_duration=(0.05, 0.1), seed=4)) as server:
        server.faults.add(SUBMIT, Fault.http(429, retry_after=30), times=1000)  # a 429 storm
        env = {**os.environ, "NOVITA_BASE_URL": server.url, "NOVITA_API_KEY": server.api_key}
        args = ["batch", str(src), "--out", str(out), "--max-submits", "4", "--poll-interval", "0.05", "--rpm", "0"]
        # Kill once the 429s are journaled (`refused`): killed between a submit's arrival and the journal write
        # that records its 429, an item is rightly `unknown` (the client cannot know), which is not this test.
        journal = out / "journal.sqlite3"
        assert await _run(args, env, kill_when=None, server=server, submits_seen=4,
                          ready=lambda: _all_refused(journal, 4)) == -9
        assert server.state.tasks_created_total == 0 and server.state.request_count("POST", SUBMIT) >= 4
        server.faults.clear()
        assert await _run(args, env, kill_when=None, server=server) == 0
        results = read_results(out)
        assert [r["status"] for r in results] == ["succeeded"] * n  # nothing unknown, nothing lost
        assert server.state.tasks_created_total == n
        assert not list(out.glob(".results.jsonl.*.tmp"))  # the killed run's temp file was swept


async def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path: Path) -> None:
    src = write_input(tmp_path / "in.jsonl", 30)
    out = tmp_path / "out"
    log = tmp_path / "stderr.txt"
    async with EmulatorServer(EmulatorConfig(task_duration=(0.3, 0.6), seed=5)) as server:
        env = {**os.environ, "NOVITA_BASE_URL": server.url, "NOVITA_API_KEY": server.api_key}
        args = ["batch", str(src), "--out", str(out), "--max-tasks", "6", "--poll-interval", "0.1", "--rpm", "0"]
        code = await _run(args, env, kill_when=8, server=server, sig=signal.SIGINT, stderr=log)
        assert code == 130
        text = log.read_text()
        assert "resume with: novita-async batch" in text and "Traceback" not in text
        assert await _run(args, env, kill_when=None, server=server) == 0
        results = read_results(out)
        assert len(results) == 30 and all(r["status"] == "succeeded" for r in results)
        assert server.state.tasks_created_total == 30  # in-flight submits finished and were journaled
