"""Small inputs shared by the resource tests."""

from __future__ import annotations

import base64
from typing import Any

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(64))
PNG_B64 = base64.b64encode(PNG).decode()
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(32)

SD: dict[str, Any] = dict(
    model_name="sd_xl_base_1.0.safetensors",
    prompt="a cat",
    image_num=1,
    steps=20,
    guidance_scale=7.5,
    sampler_name="Euler a",
)
