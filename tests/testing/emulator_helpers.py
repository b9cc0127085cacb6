from __future__ import annotations

import base64
import dataclasses
from typing import Any

from novita_async.testing._media import png

AUTH = {"Authorization": "Bearer test-key"}


@dataclasses.dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


B64 = base64.b64encode(png()).decode()

TXT2IMG: dict[str, Any] = {
    "extra": {"response_image_type": "jpeg"},
    "request": {
        "model_name": "sd_xl_base_1.0.safetensors",
        "prompt": "a cute dog",
        "negative_prompt": None,
        "width": 512,
        "height": 512,
        "image_num": 2,
        "steps": 20,
        "guidance_scale": 7.5,
        "sampler_name": "Euler a",
        "seed": 123,
        "unknown_field": "ignored",
    },
}


def txt2img(**overrides: Any) -> dict[str, Any]:
    return {"extra": dict(TXT2IMG["extra"]), "request": {**TXT2IMG["request"], **overrides}}
