"""Async image models: Qwen-Image, Hunyuan Image 3, GLM Image, Z-Image Turbo (+ LoRA).

Reference: novita-api-2026.md §15.8-15.12, rows 112-117. Every one answers `{"task_id"}`; the outputs land in
task-result `images[]`. `image_url_ttl` may be the string `"0"` there (Qwen example, §15.8): it decodes as 0.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._models import (
    DEFAULT_IMAGE_LIMIT,
    AsyncModelRequest,
    ImageFlavour,
    ModelSeed,
    OutputFormat,
    check_size,
    parse_size,
)
from .flux import FluxLoRA

__all__ = (
    "GLM_IMAGE_SIZES",
    "GlmImageRequest",
    "HunyuanImage3Request",
    "QwenImageEditRequest",
    "QwenImageRequest",
    "ZImageTurboLoraRequest",
    "ZImageTurboRequest",
)

GLM_IMAGE_SIZES = frozenset(
    {"1280x1280", "1568x1056", "1056x1568", "1472x1088", "1088x1472", "1728x960", "960x1728"}
)
"""GLM Image's recommended sizes (§15.11); `960x1728` is outside its own custom rule, so both are accepted."""


class _StarSized(AsyncModelRequest, kw_only=True):
    """A `"W*H"` size with each side in [256, 1536] (§13.3)."""

    prompt: str
    """The prompt."""

    size: str | UnsetType = UNSET
    """`"W*H"`, each side in [256, 1536] (default `1024*1024`)."""

    def __post_init__(self) -> None:
        if isinstance(self.size, str):
            check_size(self.size, "*", 256, 1536)


class QwenImageRequest(_StarSized, kw_only=True):
    """`POST /v3/async/qwen-image-txt2img` (§15.8): `prompt` and `size` only."""


class QwenImageEditRequest(AsyncModelRequest, kw_only=True):
    """`POST /v3/async/qwen-image-edit` (§15.9)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image": ("data_uri", DEFAULT_IMAGE_LIMIT)}

    prompt: str
    """The edit to make."""

    image: str
    """The input image: URL or data URI (the page does not say which, §13.3; paths/bytes accepted)."""

    seed: ModelSeed | UnsetType = UNSET
    """Seed, -1 (default) for random."""

    output_format: OutputFormat | UnsetType = UNSET
    """`jpeg` (default), `png` or `webp`."""


class HunyuanImage3Request(_StarSized, kw_only=True):
    """`POST /v3/async/hunyuan-image-3` (§15.10)."""

    seed: ModelSeed | UnsetType = UNSET
    """Seed, -1 (default) for random."""


class GlmImageRequest(AsyncModelRequest, kw_only=True):
    """`POST /v3/async/glm-image` (§15.11)."""

    prompt: str
    """The prompt."""

    size: str | UnsetType = UNSET
    """`"WxH"` (note `x`): a recommended size (`GLM_IMAGE_SIZES`) or custom: each side 1024-2048, both
    multiples of 32, W×H ≤ 4194304 (default `1280x1280`)."""

    quality: Literal["hd"] | UnsetType = UNSET
    """Only `hd` is documented."""

    watermark_enabled: bool | UnsetType = UNSET
    """Add a watermark (default true)."""

    def __post_init__(self) -> None:
        if not isinstance(self.size, str) or self.size in GLM_IMAGE_SIZES:
            return
        size = parse_size(self.size, "x")
        if size is None:
            raise ValueError(f"size must look like '1280x1280', got {self.size!r}")
        width, height = size
        if not (1024 <= width <= 2048 and 1024 <= height <= 2048):
            raise ValueError(f"size: each side must be in [1024, 2048], got {self.size!r}")
        if width % 32 or height % 32:
            raise ValueError(f"size: both sides must be multiples of 32, got {self.size!r}")
        if width * height > 4194304:
            raise ValueError(f"size: width × height must be at most 4194304, got {self.size!r}")


class ZImageTurboRequest(_StarSized, kw_only=True):
    """`POST /v3/async/z-image-turbo` (§15.12)."""

    seed: ModelSeed | UnsetType = UNSET
    """Seed, -1 (default) for random."""

    enable_base64_output: bool | UnsetType = UNSET
    """Return base64 instead of a URL (where it appears is undocumented; inferred: `images[].image_url`)."""


class ZImageTurboLoraRequest(_StarSized, kw_only=True):
    """`POST /v3/async/z-image-turbo-lora` (§15.12; the size range is stated on the non-LoRA page only)."""

    seed: ModelSeed | UnsetType = UNSET
    """Seed, -1 (default) for random."""

    loras: Annotated[list[FluxLoRA], Meta(max_length=3)] | UnsetType = UNSET
    """Up to 3 LoRAs `{path, scale}` (default none)."""
