"""Face tools: InstantID and InstantStyle (novita-api.md §7.8). Async; inputs are §5.1 asset ids."""

from __future__ import annotations

from typing import Annotated

from msgspec import UNSET, Meta, UnsetType

from ._base import RequestStruct
from .common import (
    ClipSkip,
    EmbeddingList,
    LoRAList,
    ModelName,
    NegativePromptText,
    Seed,
    UnitFloat,
    V3Extra,
    V3Sampler,
)
from .images_v3 import V3Preprocessor

__all__ = (
    "InstantIDControlNet",
    "InstantIDControlNetUnit",
    "InstantIDRequest",
    "InstantStyleRequest",
)


class InstantIDControlNetUnit(RequestStruct, kw_only=True):
    """A ControlNet unit of InstantID; the control image is the pose reference."""

    model_name: ModelName
    """E.g. `controlnet-openpose-sdxl-1.0`, `controlnet-canny-sdxl-1.0`."""

    strength: UnitFloat | UnsetType = UNSET
    """Weight, [0, 1]."""

    preprocessor: V3Preprocessor | UnsetType = UNSET
    """E.g. `openpose`, `canny`."""


class InstantIDControlNet(RequestStruct, kw_only=True):
    """The `controlnet` object of InstantID."""

    units: list[InstantIDControlNetUnit]
    """ControlNet units."""


class InstantIDRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/async/instant-id` (§7.8.1): identity-preserving generation from face photos."""

    face_image_assets_ids: Annotated[list[str], Meta(min_length=1)]
    """Face photo asset ids."""

    ref_image_assets_ids: list[str] | UnsetType = UNSET
    """Pose reference asset ids (the SDK falls back to the first face)."""

    model_name: ModelName
    """SDXL checkpoint."""

    prompt: str
    """Prompt."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""

    # The official SDK always sends them (defaulting to the reference image's size).
    width: Annotated[int, Meta(ge=1)]
    """Output width."""

    height: Annotated[int, Meta(ge=1)]
    """Output height."""

    id_strength: float | UnsetType = UNSET
    """Identity strength (SDK default 1.0)."""

    adapter_strength: float | UnsetType = UNSET
    """Adapter strength (SDK default 1.0)."""

    steps: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Steps (SDK default 20)."""

    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random."""

    image_num: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Number of images (SDK default 1)."""

    guidance_scale: Annotated[float, Meta(ge=0)] | UnsetType = UNSET
    """Prompt adherence (SDK default 5.0)."""

    sampler_name: V3Sampler | UnsetType = UNSET
    """Sampler (SDK default `Euler`)."""

    controlnet: InstantIDControlNet | UnsetType = UNSET
    """ControlNet units."""

    loras: LoRAList | UnsetType = UNSET
    """LoRAs."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options."""


class InstantStyleRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/async/instant-style` (§7.8.2): generation in the style of a reference image."""

    ref_image_assets_id: str
    """Style reference asset id."""

    source_image_assets_id: str | UnsetType = UNSET
    """Optional source image asset id."""

    model_name: ModelName
    """SDXL checkpoint."""

    prompt: str
    """Prompt."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""

    width: Annotated[int, Meta(ge=1)]
    """Output width."""

    height: Annotated[int, Meta(ge=1)]
    """Output height."""

    image_num: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Number of images."""

    steps: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Steps."""

    guidance_scale: Annotated[float, Meta(ge=0)] | UnsetType = UNSET
    """Prompt adherence."""

    sampler_name: V3Sampler | UnsetType = UNSET
    """Sampler."""

    style_mode: int | UnsetType = UNSET
    """Style mode (SDK default 1)."""

    source_image_conditioning_scale: float | UnsetType = UNSET
    """Source image conditioning (SDK default 0.5)."""

    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random."""

    clip_skip: ClipSkip | UnsetType = UNSET
    """CLIP layers to skip."""

    loras: LoRAList | UnsetType = UNSET
    """LoRAs."""

    embeddings: EmbeddingList | UnsetType = UNSET
    """Textual-inversion embeddings."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options."""
