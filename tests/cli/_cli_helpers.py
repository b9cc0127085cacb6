from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REQUEST = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1, steps=20,
    guidance_scale=7.5, sampler_name="Euler a",
)


def write_input(path: Path, n: int, *, extra_lines: tuple[str, ...] = ()) -> Path:
    with path.open("w") as f:
        for i in range(n):
            line: dict[str, Any] = {"id": f"img-{i:03d}", "endpoint": "txt2img",
                                    "request": {**REQUEST, "prompt": f"prompt number {i}"}}
            f.write(json.dumps(line) + "\n")
        for line_text in extra_lines:
            f.write(line_text + "\n")
    return path


def read_results(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
