"""LCM (latent consistency model) endpoints: `/v3/lcm-txt2img` and `/v3/lcm-img2img` (novita-api.md §7.3.1-2).

Both are synchronous with flat bodies: txt2img answers base64 images, img2img pre-signed URLs.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

import msgspec
from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, RequestStruct, ResponseStruct
from .common import (
    ClipSkip,
    EmbeddingList,
    ImageFileResponse,
    LoRAList,
    ModelName,
    NegativePromptText,
    PromptText,
    Seed,
    UnitFloat,
    V3Extra,
)

__all__ = (
    "LCMImg2ImgImage",
    "LCMImg2ImgRequest",
    "LCMImg2ImgResponse",
    "LCMTxt2ImgRequest",
    "LCMTxt2ImgResponse",
)

Size = Annotated[int, Meta(ge=128, le=2048, description="Pixels, [128, 2048].")]


class LCMTxt2ImgRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/lcm-txt2img` (§7.3.1): fast synchronous generation."""

    prompt: PromptText
    """Positive prompt, 1-1024 characters."""

    model_name: ModelName | UnsetType = UNSET
    """Checkpoint `sd_name_in_api` (optional; the SDKs never send it)."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""

    # Sources disagree ([128,2048] vs [128,1024]); the reference recommends the wider range (§10).
    height: Size
    """Height in pixels, [128, 2048]."""

    width: Size
    """Width in pixels, [128, 2048]."""

    image_num: Annotated[int, Meta(ge=1, le=16)]
    """Number of images, [1, 16]."""

    steps: Annotated[int, Meta(ge=1, le=8)]
    """Steps, [1, 8]."""

    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random (the SDKs do not send it)."""

    guidance_scale: Annotated[float, Meta(ge=2, le=14)]
    """Prompt adherence, [2, 14]."""

    loras: LoRAList | UnsetType = UNSET
    """Up to 5 LoRAs."""

    embeddings: EmbeddingList | UnsetType = UNSET
    """Up to 5 textual-inversion embeddings."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options (`response_image_type`, `enterprise_plan`)."""


class LCMTxt2ImgResponse(ResponseStruct, kw_only=True):
    """Response of `POST /v3/lcm-txt2img`: base64 images."""

    images: list[ImageFileResponse] = msgspec.field(default_factory=list)
    """Generated images, base64."""


class LCMImg2ImgRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/lcm-img2img` (§7.3.2): fast synchronous image-to-image."""

    __image_fields__: ClassVar[dict[str, int]] = {"input_image": 30 * MiB}

    model_name: ModelName
    """Checkpoint `sd_name`."""

    input_image: str
    """Base64 input image, ≤2048×2048 and ≤30 MB; output keeps its size."""

    prompt: PromptText
    """Positive prompt, 1-1024 characters."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""

    image_num: Annotated[int, Meta(ge=1, le=16)]
    """Number of images, [1, 16]."""

    # D24 marks it required, but the official SDK sends null (§1.5) and the §11 example sends "".
    sd_vae: str | UnsetType = UNSET
    """VAE `sd_name`."""

    steps: Annotated[int, Meta(ge=1, le=8)]
    """Steps, [1, 8]."""

    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random."""

    clip_skip: ClipSkip | UnsetType = UNSET
    """CLIP layers to skip."""

    # Documented [2, 14], but the official SDK sends 0 and the server accepts it (§1.5).
    guidance_scale: Annotated[float, Meta(ge=0, le=14)] | UnsetType = UNSET
    """Prompt adherence, [2, 14]."""

    strength: UnitFloat | UnsetType = UNSET
    """Denoising strength, [0, 1] (JS SDK only)."""

    loras: LoRAList | UnsetType = UNSET
    """Up to 5 LoRAs."""

    embeddings: EmbeddingList | UnsetType = UNSET
    """Up to 5 textual-inversion embeddings."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options (`response_image_type`, `enterprise_plan`)."""


class LCMImg2ImgImage(ResponseStruct, kw_only=True):
    """One output of `POST /v3/lcm-img2img`: a pre-signed URL."""

    image_url: str = ""
    """Pre-signed download URL."""

    image_type: str = ""
    """Image format."""

    image_url_ttl: int = 0
    """Seconds the URL stays valid (sent as a number or numeric string)."""


class LCMImg2ImgResponse(ResponseStruct, kw_only=True):
    """Response of `POST /v3/lcm-img2img`: image URLs (not base64)."""

    images: list[LCMImg2ImgImage] = msgspec.field(default_factory=list)
    """Generated images."""
