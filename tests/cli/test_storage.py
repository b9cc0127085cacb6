"""Journal and disk failures end a batch with one clear line, lose nothing, and resume once fixed.

Corrupt, truncated and unopenable journals run in-process. A full disk and a read-only directory are
real: a small tmpfs mounted in a private user+mount namespace (`unshare -r -m`), skipped where the
system does not allow that. The CLI also reads its input from stdin (`-`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import anyio
import anyio.to_thread
import pytest
from _cli_helpers import read_results, write_input

from novita_async._cli import main
from novita_async.testing import EmulatorConfig, EmulatorServer

pytestmark = pytest.mark.timeout(60)
FAST = ["--poll-interval", "0.05", "--rpm", "0"]


def _one_error_line(err: str) -> str:
    assert "Traceback" not in err and "ExceptionGroup" not in err and "interrupted" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("novita-async: error:")]
    assert len(errors) == 1, err
    return errors[0]


async def _cli(args: list[str], server: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> int:
    """`main(args)` against `server`, in a worker thread so the emulator keeps serving on this loop."""
    monkeypatch.setenv("NOVITA_BASE_URL", server.url)
    monkeypatch.setenv("NOVITA_API_KEY", server.api_key)
    code: int = await anyio.to_thread.run_sync(main, args)
    return code


@pytest.mark.parametrize("damage", ["garbage", "truncated", "directory"])
async def test_a_broken_journal_is_one_line_and_nothing_is_sent(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_input(tmp_path / "in.jsonl", 40)
    out = tmp_path / "out"
    journal = out / "journal.sqlite3"
    async with EmulatorServer(EmulatorConfig(task_duration=(0.01, 0.02), seed=2)) as server:
        if damage == "truncated":  # a real journal, cut in half
            assert await _cli(["batch", str(src), "--out", str(out), *FAST], server, monkeypatch) == 0
            data = journal.read_bytes()
            journal.write_bytes(data[: len(data) // 2])
            for extra in out.glob("journal.sqlite3-*"):
                extra.unlink()
        elif damage == "garbage":
            out.mkdir()
            journal.write_bytes(os.urandom(5000))
        else:
            journal.mkdir(parents=True)
        before = server.state.tasks_created_total
        snapshot = journal.read_bytes() if journal.is_file() else None
        capsys.readouterr()
        code = await _cli(["batch", str(src), "--out", str(out), *FAST], server, monkeypatch)
        assert code == 2
        line = _one_error_line(capsys.readouterr().err)
        assert str(journal) in line and "Nothing was sent" in line
        assert ("Is a directory" if damage == "directory" else "It records what earlier runs paid for") in line
        assert server.state.tasks_created_total == before  # nothing was sent
        assert snapshot is None or journal.read_bytes() == snapshot  # the evidence is left as it was


def test_stdin_input(tmp_path: Path) -> None:
    src = write_input(tmp_path / "in.jsonl", 5, extra_lines=("{not json",))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "novita_async", "batch", "-", "--out", str(out), "--emulator",
               "--task-duration", "0.02", "0.05", "--poll-interval", "0.05"]
    first = subprocess.run(command, input=src.read_bytes(), capture_output=True, timeout=60)
    assert first.returncode == 1, first.stderr  # the bad line fails alone
    results = read_results(out)
    assert [r["status"] for r in results] == ["succeeded"] * 5 + ["failed"]
    again = subprocess.run(command, input=src.read_bytes(), capture_output=True, timeout=60)
    assert b"5 from an earlier run" in again.stderr and read_results(out) == results


def _can_mount_tmpfs(tmp_path: Path) -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    done = subprocess.run(["unshare", "-r", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {probe}"],
                          capture_output=True, timeout=10)
    return done.returncode == 0


async def _in_namespace(script: str, server: EmulatorServer) -> None:
    """Run `script` under `unshare -r -m` while this loop keeps the emulator serving."""
    env = {**os.environ, "NOVITA_BASE_URL": server.url, "NOVITA_API_KEY": server.api_key, "PY": sys.executable}
    proc = subprocess.Popen(["unshare", "-r", "-m", "sh", "-c", textwrap.dedent(script)], env=env)  # noqa: ASYNC220
    try:
        with anyio.fail_after(50):
            while proc.poll() is None:  # noqa: ASYNC110 - a subprocess has no event to wait on
                await anyio.sleep(0.02)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize(("journal_on", "size", "fill"), [
    ("full-disk", "4m", 2_900_000),  # room for the journal's 1 MB reserve: every task id is recorded
    ("full-disk", "1m", 880_000),  # no room for a reserve: unrecorded task ids are named in the error line
    ("other-disk", "1m", 880_000),  # only the outputs fail: the batch stops paying for what it cannot save
], ids=["journal-with-reserve", "journal-without-reserve", "journal-elsewhere"])
async def test_disk_full_then_resume_once_space_is_back(journal_on: str, size: str, fill: int, tmp_path: Path) -> None:
    """A disk that fills up mid-run: no traceback, nothing lost, nothing paid twice, resume once space is back."""
    if not _can_mount_tmpfs(tmp_path):
        pytest.skip("needs unshare -r -m and tmpfs (Linux user namespaces)")
    n = 30
    src = write_input(tmp_path / "in.jsonl", n)
    disk, keep = tmp_path / "disk", tmp_path / "keep"
    disk.mkdir()
    keep.mkdir()
    journal = f"--journal {keep}/journal.sqlite3" if journal_on == "other-disk" else ""
    run = f'"$PY" -m novita_async batch {src} --out {disk}/out {journal} --max-submits 2 {" ".join(FAST)}'
    async with EmulatorServer(EmulatorConfig(task_duration=(0.02, 0.05), seed=6)) as server:
        await _in_namespace(f"""
            mount -t tmpfs -o size={size} tmpfs {disk}
            head -c {fill} /dev/zero > {disk}/filler
            {run} 2> {keep}/err1; echo $? > {keep}/rc1
            rm {disk}/filler
            {run} 2> {keep}/err2; echo $? > {keep}/rc2
            cp -r {disk}/out {keep}/out
        """, server)
        first_err = (keep / "err1").read_text()
        assert int((keep / "rc1").read_text()) != 0, first_err
        assert "Traceback" not in first_err and "interrupted" not in first_err, first_err
        assert "disk is full" in first_err or "No space left" in first_err, first_err
        errors = [line for line in first_err.splitlines() if line.startswith("novita-async: error:")]
        assert len(errors) <= 1, first_err
        line = errors[0] if errors else ""
        assert int((keep / "rc2").read_text()) in (0, 1), (keep / "err2").read_text()

        results = read_results(keep / "out")
        assert [r["id"] for r in results] == [f"img-{i:03d}" for i in range(n)]
        prompts = [json.loads(t.request_info)["prompts"][0] for t in server.state.tasks.values()]
        assert len(prompts) == len(set(prompts))  # nothing was paid twice
        for r in results:
            assert r["status"] in ("succeeded", "unknown"), r
            if r["status"] == "succeeded":
                assert r["task_id"] in server.state.tasks and (keep / "out" / r["files"][0]).is_file()
            else:  # created but its id could not be journaled: it was named in the error line
                assert r["id"] in line
        assert server.state.tasks_created_total == n  # every created task is accounted for
        if size == "4m":
            assert all(r["status"] == "succeeded" for r in results)  # the reserve recorded every task id


async def test_read_only_directories_are_one_line(tmp_path: Path) -> None:
    if not _can_mount_tmpfs(tmp_path):
        pytest.skip("needs unshare -r -m and tmpfs (Linux user namespaces)")
    src = write_input(tmp_path / "in.jsonl", 3)
    ro, keep = tmp_path / "ro", tmp_path / "keep"
    ro.mkdir()
    keep.mkdir()
    async with EmulatorServer(EmulatorConfig(task_duration=(0.02, 0.05), seed=6)) as server:
        await _in_namespace(f"""
            mount -t tmpfs -o ro,size=64k tmpfs {ro}
            "$PY" -m novita_async batch {src} --out {ro}/out {" ".join(FAST)} 2> {keep}/err1; echo $? > {keep}/rc1
            "$PY" -m novita_async batch {src} --out {keep}/out --journal {ro}/j.sqlite3 {" ".join(FAST)} \
                2> {keep}/err2; echo $? > {keep}/rc2
        """, server)
        for name in ("1", "2"):
            assert int((keep / f"rc{name}").read_text()) == 2
            line = _one_error_line((keep / f"err{name}").read_text())
            assert "read-only" in line.lower()
        assert server.state.tasks_created_total == 0
