"""`novita-async emulator`: every EmulatorConfig field is a flag, config files, faults, the banner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import typing
from pathlib import Path
from typing import Any

import pytest

from novita_async._cli import build_parser
from novita_async._cli._emulator_cmd import build_config
from novita_async.testing import EmulatorConfig
from novita_async.testing._options import FieldInfo, config_fields


def _sample(info: FieldInfo) -> tuple[list[str], Any]:
    """Command-line words that set `info` to a non-default value, and the value expected in the config."""
    base = info.type
    args = [a for a in typing.get_args(base) if a is not type(None)]
    if args and typing.get_origin(base) in (typing.Union, __import__("types").UnionType):
        base = args[0]
    origin = typing.get_origin(base)
    if base is bool:
        return ([info.flag] if not info.default else ["--no-" + info.flag[2:]]), not info.default
    if base is int:
        return [info.flag, "7"], 7
    if base is float:
        return [info.flag, "0.25"], 0.25
    if base is str:
        return [info.flag, "xyz"], "xyz"
    if origin is tuple:
        return [info.flag, "1.5,2.5"], (1.5, 2.5)
    if origin is frozenset:
        return [info.flag, "k1,k2"], frozenset({"k1", "k2"})
    if origin is typing.Literal:
        value = next(v for v in typing.get_args(base) if v != info.default)
        return [info.flag, str(value)], value
    if origin is dict:
        return [info.flag, "txt2img=5/1"], None  # checked by key below
    raise AssertionError(f"add a sample for {info.name}: {info.type}")


@pytest.mark.parametrize("info", config_fields(), ids=lambda info: info.name)
def test_every_config_field_is_a_documented_flag(info: FieldInfo) -> None:
    parser = build_parser()
    words, expected = _sample(info)
    config, _ = build_config(parser.parse_args(["emulator", *words]))
    value = getattr(config, info.name)
    if expected is None:
        assert value and "txt2img" in value
    else:
        assert value == expected
    assert info.doc, f"EmulatorConfig.{info.name} needs a docstring: it is the flag's --help text"


def test_help_lists_every_knob_and_the_fault_grammar(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["emulator", "--help"])
    text = capsys.readouterr().out
    for info in config_fields():
        assert info.flag in text
    assert "--storage-port" in text and "--config" in text and "reset_after" in text


def test_config_file_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "emu.json"
    path.write_text(json.dumps({"task_duration": [1, 3], "report_eta": False, "rate_limits": {"txt2img": [5, 1]},
                                "faults": ["http:503@/v3/async/*,rate=0.1"]}))
    args = build_parser().parse_args(["emulator", "--config", str(path), "--task-duration", "2", "--fault",
                                      "reset_after@/v3/async/txt2img,times=2"])
    config, faults = build_config(args)
    assert config.task_duration == (2.0, 2.0)  # the flag wins over the file
    assert config.report_eta is False and config.rate_limits == {"txt2img": (5, 1.0)}
    assert [(f.fault.kind, f.path, f.probability, f.times) for f in faults] == [
        ("status", "/v3/async/*", 0.1, None), ("reset_after", "/v3/async/txt2img", None, 2)]


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["--task-duration", "abc"], "--task-duration"),
        (["--fault", "explode"], "unknown fault"),
        (["--fault", "http:503,rate=2"], "rate"),
        (["--config", "/no/such/file.json"], "No such file"),
        (["--rate-limits", "txt2img"], "KEY=VALUE"),
    ],
)
def test_bad_values_are_one_line_usage_errors(words: list[str], message: str) -> None:
    result = _cli(["emulator", "--port", "0", *words], timeout=20)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def _cli(argv: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOVITA_")}
    return subprocess.run([sys.executable, "-m", "novita_async", *argv], capture_output=True, text=True,
                          timeout=timeout, env=env)


def _spawn(argv: list[str]) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOVITA_")}
    return subprocess.Popen([sys.executable, "-m", "novita_async", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _banner(child: subprocess.Popen[str]) -> dict[str, str]:
    assert child.stdout is not None
    found: dict[str, str] = {}
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(found) < 3:
        line = child.stdout.readline()
        for label in ("API host:", "storage host:", "API key:"):
            if line.strip().startswith(label):
                found[label] = line.split(label, 1)[1].split()[0]
    return found


async def test_knobs_are_observed_in_behaviour(tmp_path: Path) -> None:
    import aiohttp
    import anyio

    argv = ["emulator", "--port", "0", "--storage-port", "0", "--api-keys", "alpha,beta", "--task-duration", "0.4",
            "--no-report-progress", "--strict-models", "--fault", "http:503@/v3/user,times=1",
            "--fault", "http:429@/v3/async/txt2img,times=1,retry_after=3"]
    child = _spawn(argv)
    try:
        banner = _banner(child)
        api, storage, key = banner["API host:"], banner["storage host:"], banner["API key:"]
        assert key == "alpha" and api != storage
        headers = {"Authorization": f"Bearer {key}"}
        request = {"model_name": "no_such.safetensors", "prompt": "a cat", "width": 512, "height": 512,
                   "image_num": 1, "steps": 20, "guidance_scale": 7.5, "sampler_name": "Euler a"}
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{api}/v3/user", headers={"Authorization": "Bearer beta"}) as r:
                assert r.status == 503  # the scripted fault
            async with http.get(f"{api}/v3/user", headers={"Authorization": "Bearer beta"}) as r:
                assert r.status == 200  # a second key from --api-keys
            async with http.post(f"{api}/v3/async/txt2img", json={"request": request}, headers=headers) as r:
                assert (r.status, r.headers.get("Retry-After")) == (429, "3")
            async with http.post(f"{api}/v3/async/txt2img", json={"request": request}, headers=headers) as r:
                task_id = (await r.json())["task_id"]
            async with http.get(f"{api}/v3/async/task-result", params={"task_id": task_id}, headers=headers) as r:
                running = await r.json()
            assert running["task"]["progress_percent"] == 0  # --no-report-progress
            await anyio.sleep(0.5)  # --task-duration 0.4
            async with http.get(f"{api}/v3/async/task-result", params={"task_id": task_id}, headers=headers) as r:
                done = await r.json()
            assert (done["task"]["status"], done["task"]["reason"]) == ("TASK_STATUS_FAILED", "model not found")
            async with http.put(f"{storage}/image", data=b"\x89PNG\r\n\x1a\n0000") as r:
                assert r.status == 200  # the storage host the banner names is the one that serves
    finally:
        child.terminate()
        child.communicate(timeout=10)


def test_default_config_is_untouched_by_an_empty_command_line() -> None:
    config, faults = build_config(build_parser().parse_args(["emulator"]))
    assert config == EmulatorConfig() and faults == []
