"""Video generation: img2video, img2video-motion, txt2video, animate-anyone (novita-api.md §7.7).

All are async v3 endpoints with flat bodies; submit answers `AsyncSubmitResponse`, outputs arrive in
`TaskResult.videos`. Set `extra.response_video_type` (`mp4`/`gif`) for the output format.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, RequestStruct
from .common import (
    ClipSkip,
    EmbeddingList,
    LoRAList,
    ModelName,
    NegativePromptText,
    PromptText,
    Seed,
    UnitFloat,
    V3Extra,
)

__all__ = (
    "AnimateAnyoneRequest",
    "Img2VideoMotionRequest",
    "Img2VideoRequest",
    "Txt2VideoRequest",
    "VideoPrompt",
)

_FRAMES_FOR_MODEL = {"SVD-XT": 25, "SVD": 14}


class Img2VideoRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/async/img2video` (§7.7.1); result `task_type` `IMG_TO_VIDEO`."""

    __image_fields__: ClassVar[dict[str, int]] = {"image_file": 30 * MiB}

    model_name: Literal["SVD-XT", "SVD"]
    """Stable Video Diffusion model."""

    image_file: str
    """Base64 input image, ≤2048×2048 and ≤30 MB."""

    frames_num: Literal[14, 25]
    """Frames: 25 for `SVD-XT`, 14 for `SVD`."""

    frames_per_second: Literal[6]
    """Frame rate; only 6 is supported."""

    # Docs mark it required, but the official SDK sends null when unset (§1.5).
    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random."""

    # The Python SDK spells the first value `ORIGINAL_DIMENSION`; docs and JS say `ORIGINAL_RESOLUTION` (§10).
    image_file_resize_mode: Literal["ORIGINAL_RESOLUTION", "CROP_TO_ASPECT_RATIO"]
    """Keep the size (must be < 576×1024) or crop to the aspect ratio into 576×1024."""

    steps: Annotated[int, Meta(ge=1, le=50)]
    """Steps, [1, 50]."""

    motion_bucket_id: Annotated[int, Meta(ge=1, le=255)] | UnsetType = UNSET
    """Amount of motion, [1, 255] (default 127)."""

    cond_aug: UnitFloat | UnsetType = UNSET
    """Noise added to the conditioning image, [0, 1] (default 0.02)."""

    enable_frame_interpolation: bool | UnsetType = UNSET
    """Interpolate to 24 fps."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options (`response_video_type`, `webhook`, `enterprise_plan`)."""

    def __post_init__(self) -> None:
        expected = _FRAMES_FOR_MODEL[self.model_name]
        if self.frames_num != expected:
            raise ValueError(f"`frames_num` must be {expected} for model `{self.model_name}`")


class Img2VideoMotionRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/async/img2video-motion` (§7.7.2): animate an image with a motion video."""

    image_assets_id: str
    """Image asset id from `PUT https://assets.novitai.com/image`."""

    motion_video_assets_id: str
    """Motion (DensePose-style) video asset id from `PUT https://assets.novitai.com/video`."""

    seed: Seed
    """Seed, -1 for random."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options (`response_video_type`)."""


class VideoPrompt(RequestStruct, kw_only=True):
    """One segment of a txt2video prompt schedule."""

    prompt: PromptText
    """Prompt of this segment, 1-1024 characters."""

    frames: Annotated[int, Meta(ge=8, le=64)]
    """Frames of this segment, [8, 64]."""


class Txt2VideoRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/async/txt2video` (§7.7.3)."""

    model_name: ModelName
    """SD 1.x checkpoint."""

    height: Annotated[int, Meta(ge=256, le=1024)]
    """Height, [256, 1024]."""

    width: Annotated[int, Meta(ge=256, le=1024)]
    """Width, [256, 1024]."""

    steps: Annotated[int, Meta(ge=1, le=50)]
    """Steps, [1, 50]."""

    # D24 marks it required, but the official SDK never serialises it (§7.7.3).
    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random."""

    prompts: Annotated[list[VideoPrompt], Meta(min_length=1)]
    """Prompt schedule; the frames add up to at most 128."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""

    guidance_scale: Annotated[float, Meta(ge=1, le=30)] | UnsetType = UNSET
    """Prompt adherence, [1, 30] (default 7.5)."""

    loras: LoRAList | UnsetType = UNSET
    """Up to 5 LoRAs."""

    embeddings: EmbeddingList | UnsetType = UNSET
    """Up to 5 textual-inversion embeddings."""

    closed_loop: bool | UnsetType = UNSET
    """Loop back to the first frame."""

    clip_skip: ClipSkip | UnsetType = UNSET
    """CLIP layers to skip, [1, 12]."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options (`response_video_type`, `webhook`)."""

    def __post_init__(self) -> None:
        total = sum(p.frames for p in self.prompts)
        if total > 128:
            raise ValueError(f"the frames of `prompts` add up to {total}; at most 128 are allowed")


class AnimateAnyoneRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/async/animate-anyone` (§7.7.4; the Python SDK uses `animated-anyone`)."""

    image_assets_id: str
    """Image asset id from `PUT https://assets.novitai.com/image`."""

    pose_video_assets_id: str
    """Pose video asset id from `PUT https://assets.novitai.com/video`."""

    width: Annotated[int, Meta(ge=1)]
    """Output width."""

    height: Annotated[int, Meta(ge=1)]
    """Output height."""

    steps: Annotated[int, Meta(ge=1)]
    """Steps."""

    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options (`response_video_type`)."""
