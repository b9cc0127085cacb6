"""`examples/video.py` and `examples/speech.py` run end to end against the emulator (they are documentation)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import anyio
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str) -> object:
    spec = importlib.util.spec_from_file_location(f"_example_{name}", ROOT / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["video", "speech"])
async def test_example_runs(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    await _load(name).main(tmp_path)  # type: ignore[attr-defined]
    written = sorted([p.suffix async for p in anyio.Path(tmp_path).iterdir()])
    assert written == ([".mp4"] * 3 if name == "video" else [".mp3", ".wav", ".wav"])
    assert "Traceback" not in capsys.readouterr().out
