"""The `novita-async` command: output layout, resume, exit codes, one-line errors, no key in logs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from _cli_helpers import read_results, write_input

from novita_async._cli import main

pytestmark = pytest.mark.timeout(30)
FAST = ["--emulator", "--task-duration", "0.02", "0.05", "--poll-interval", "0.05"]


def test_batch_on_the_emulator_writes_files_and_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_input(tmp_path / "in.jsonl", 6)
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), *FAST]) == 0
    results = read_results(out)
    assert [r["id"] for r in results] == [f"img-{i:03d}" for i in range(6)]
    for r in results:
        assert r["status"] == "succeeded" and r["error"] is None and r["task_id"]
        assert r["files"] == [f"{r['id']}/0.png"] and (out / r["files"][0]).is_file()
    assert (out / "journal.sqlite3").is_file()
    assert not (out / "journal.sqlite3-reserve").exists()  # the disk-full reserve is removed on close
    err = capsys.readouterr().err
    assert "6 succeeded" in err and "Traceback" not in err


def test_rerun_resumes_and_keeps_one_line_per_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_input(tmp_path / "in.jsonl", 4)
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), *FAST]) == 0
    first = read_results(out)
    # The emulator is fresh in every run: resumed items are answered from the journal, not re-run.
    assert main(["batch", str(src), "--out", str(out), *FAST, "--order", "completion"]) == 0
    second = read_results(out)
    assert sorted(map(str, second)) == sorted(map(str, first))
    assert "4 from an earlier run, 0 submitted" in capsys.readouterr().err


def test_bad_lines_fail_alone_with_exit_1(tmp_path: Path) -> None:
    src = write_input(tmp_path / "in.jsonl", 2, extra_lines=("{not json", '{"id": "x", "endpoint": "nope"}'))
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), *FAST]) == 1
    results = read_results(out)
    assert [r["status"] for r in results] == ["succeeded", "succeeded", "failed", "failed"]
    assert results[2]["id"] == "line-3" and "invalid JSON" in results[2]["error"]
    assert "unknown endpoint" in results[3]["error"]


def test_usage_and_config_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path)]) == 2
    assert "input file not found" in capsys.readouterr().err
    src = write_input(tmp_path / "in.jsonl", 1)
    assert main(["batch", str(src), "--out", str(tmp_path / "o")]) == 2  # no NOVITA_API_KEY, no --emulator
    err = capsys.readouterr().err
    assert "NOVITA_API_KEY" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as info:
        main(["batch"])
    assert info.value.code == 2


def test_small_commands_on_the_emulator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["txt2img", "--model", "sd_xl_base_1.0.safetensors", "--prompt", "a cat", "--width", "512",
                 "--height", "512", "--out", str(tmp_path), "--emulator"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and Path(printed[0]).is_file() and printed[0].endswith("0.png")
    assert main(["user", "--emulator"]) == 0
    assert "credit_balance" in capsys.readouterr().out
    assert main(["models", "list", "--limit", "3", "--emulator"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3


def test_verbose_logs_never_show_the_key(tmp_path: Path) -> None:
    env = {**os.environ, "NOVITA_API_KEY": "sk-very-secret-123", "NOVITA_BASE_URL": "http://127.0.0.1:9"}
    proc = subprocess.run(
        [sys.executable, "-m", "novita_async", "--verbose", "user"], env=env, capture_output=True, text=True,
        timeout=60,
    )
    assert proc.returncode == 1  # connection refused: an API error, one line, no crash
    assert proc.stderr.strip().splitlines()[-1].startswith("novita-async: APIConnectionError")
    assert "DEBUG" in proc.stderr and "sk-very-secret-123" not in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("rpm", ["-5", "abc", "nan", "inf"])
def test_bad_rpm_is_a_one_line_usage_error(rpm: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_input(tmp_path / "in.jsonl", 1)
    assert main(["batch", str(src), "--out", str(tmp_path / "o"), *FAST, "--rpm", rpm]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--rpm" in err and "0 = no pacing" in err
    assert not (tmp_path / "o").exists()  # nothing started


@pytest.mark.parametrize("rpm", ["0", "600"])
def test_rpm_zero_disables_pacing_and_n_pins_it(rpm: str, tmp_path: Path) -> None:
    src = write_input(tmp_path / "in.jsonl", 3)
    assert main(["batch", str(src), "--out", str(tmp_path / "o"), *FAST, "--rpm", rpm]) == 0


def test_batch_takes_todays_models_by_name_or_path(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "flux", "endpoint": "flux-2-dev", "request": {"prompt": "a teapot", "size": "512*512"}}\n'
        '{"id": "qwen", "endpoint": "/v3/async/qwen-image-txt2img", "request": {"prompt": "a poster"}}\n'
        '{"id": "seedream", "endpoint": "seedream-4.0", "request": {"prompt": "a fox"}}\n'
    )
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), *FAST]) == 0
    results = {r["id"]: r for r in read_results(out)}
    assert all(r["status"] == "succeeded" and len(r["files"]) == 1 for r in results.values())
    assert results["flux"]["files"][0].endswith(".jpeg") and results["seedream"]["task_id"] is None
