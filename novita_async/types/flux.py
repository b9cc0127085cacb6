"""FLUX: FLUX.1 [schnell] (synchronous), FLUX.1 Kontext dev/pro/max and FLUX.2 dev/flex/pro (async).

Reference: novita-api-2026.md §15.1-15.4, rows 101-107. §15.3 CONFLICT: Novita's agent skill lists one
Kontext field set for every tier, the pages give dev and pro/max different schemas; as §18 recommends these
follow the pages: one Struct for dev, one for pro/max.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from ._base import ResponseStruct
from ._models import (
    DEFAULT_IMAGE_LIMIT,
    AsyncModelRequest,
    ImageFlavour,
    ModelRequest,
    ModelSeed,
    OutputFormat,
    check_size,
)
from .tasks import ImageOutput

__all__ = (
    "Flux1KontextDevRequest",
    "Flux1KontextProRequest",
    "Flux1SchnellRequest",
    "Flux1SchnellResponse",
    "Flux2DevRequest",
    "Flux2Request",
    "FluxLoRA",
    "SubmitTaskInfo",
)

KontextAspectRatio = Literal["21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21"]


class Flux1SchnellRequest(ModelRequest, kw_only=True):
    """`POST /v3beta/flux-1-schnell` (§15.1, note the `/v3beta/` prefix): synchronous text to image."""

    prompt: Annotated[str, Meta(min_length=1, max_length=1024)]
    """Prompt, 1-1024 characters."""

    seed: Annotated[int, Meta(ge=0, le=4294967295)]
    """Seed, [0, 2^32-1]; required, and no -1 here (§13.3)."""

    steps: Annotated[int, Meta(ge=1, le=100)]
    """Inference steps, [1, 100] (the docs' example uses 4)."""

    width: Annotated[int, Meta(ge=64, le=2048)]
    """Width in pixels, [64, 2048]."""

    height: Annotated[int, Meta(ge=64, le=2048)]
    """Height in pixels, [64, 2048]."""

    image_num: Annotated[int, Meta(ge=1, le=8)]
    """Number of images, [1, 8]."""

    response_image_format: OutputFormat | UnsetType = UNSET
    """`png` (default), `webp` or `jpeg` (named `response_image_format` here, not `response_image_type`)."""


class SubmitTaskInfo(ResponseStruct, kw_only=True):
    """The informational `task` object of a synchronous answer."""

    task_id: str = ""
    """An id for support requests; there is nothing to poll."""


class Flux1SchnellResponse(ResponseStruct, kw_only=True):
    """Answer of FLUX.1 [schnell]: short-lived image URLs inline (`image_url_ttl` an int, e.g. 604800)."""

    task: SubmitTaskInfo = msgspec.field(default_factory=SubmitTaskInfo)
    """`task.task_id` is informational: there is nothing to poll."""

    images: list[ImageOutput] = msgspec.field(default_factory=list)
    """The generated images (URL, TTL, format)."""




class Flux1KontextDevRequest(AsyncModelRequest, kw_only=True):
    """`POST /v3/async/flux-1-kontext-dev` (§15.2): edit or generate; outputs in task-result `images[]`."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "images[]": ("data_uri", DEFAULT_IMAGE_LIMIT)
    }

    prompt: str
    """What to generate, or the edit to make."""

    images: Annotated[list[str], Meta(max_length=4)] | UnsetType = UNSET
    """Up to 4 input images (URL or data URI: the page does not say which, §13.3; paths/bytes accepted)."""

    fast_mode: bool | UnsetType = UNSET
    """Faster and cheaper, may reduce quality (default false)."""

    size: str | UnsetType = UNSET
    """`"W*H"`, each side in [256, 1536]."""

    num_inference_steps: Annotated[int, Meta(ge=1, le=50)] | UnsetType = UNSET
    """Steps, [1, 50] (default 28)."""

    guidance_scale: Annotated[float, Meta(ge=1.0, le=20.0)] | UnsetType = UNSET
    """Guidance, [1, 20] (default 2.5)."""

    num_images: Annotated[int, Meta(ge=1, le=4)] | UnsetType = UNSET
    """Outputs, [1, 4] (default 1)."""

    seed: ModelSeed | UnsetType = UNSET
    """Seed, -1 (default) for random."""

    output_format: OutputFormat | UnsetType = UNSET
    """`jpeg` (default), `png` or `webp`."""

    def __post_init__(self) -> None:
        if isinstance(self.size, str):
            check_size(self.size, "*", 256, 1536)


class Flux1KontextProRequest(AsyncModelRequest, kw_only=True):
    """`POST /v3/async/flux-1-kontext-pro` and `/flux-1-kontext-max` (§15.3): one schema for both."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "images[]": ("data_uri", DEFAULT_IMAGE_LIMIT)
    }

    prompt: str
    """What to generate, or the edit to make."""

    images: Annotated[list[str], Meta(max_length=4)] | UnsetType = UNSET
    """Up to 4 input images."""

    guidance_scale: Annotated[float, Meta(ge=1.0, le=20.0)] | UnsetType = UNSET
    """Guidance, [1, 20] (default 3.5)."""

    aspect_ratio: KontextAspectRatio | UnsetType = UNSET
    """Output aspect ratio."""

    seed: ModelSeed | UnsetType = UNSET
    """Seed, -1 (default) for random."""

    safety_tolerance: Literal["1", "2", "3", "4", "5"] | UnsetType = UNSET
    """A **string** `"1"` (strictest) to `"5"` (default `"2"`); text to image only, says the pro page."""


class FluxLoRA(ModelRequest, kw_only=True):
    """A LoRA for FLUX.2 dev / Z-Image Turbo LoRA (§15.4 infers the FLUX.2 items from §15.12)."""

    path: str
    """URL or path of the LoRA weights."""

    scale: Annotated[float, Meta(ge=0.0, le=4.0)] | UnsetType = UNSET
    """Strength, [0, 4] (default 1)."""


class Flux2Request(AsyncModelRequest, kw_only=True):
    """`POST /v3/async/flux-2-flex` and `/flux-2-pro` (§15.4); FLUX.2 dev adds `loras`."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"images[]": ("url", DEFAULT_IMAGE_LIMIT)}

    prompt: str
    """The expected result or editing effect."""

    size: str | UnsetType = UNSET
    """`"W*H"`, each side in [256, 1536]."""

    seed: ModelSeed | UnsetType = UNSET
    """Seed, -1 (default) for random."""

    images: Annotated[list[str], Meta(min_length=1, max_length=3)] | UnsetType = UNSET
    """1-3 input image **URLs** for editing (the page says URLs)."""

    def __post_init__(self) -> None:
        if isinstance(self.size, str):
            check_size(self.size, "*", 256, 1536)


class Flux2DevRequest(Flux2Request, kw_only=True):
    """`POST /v3/async/flux-2-dev` (§15.4)."""

    loras: Annotated[list[FluxLoRA], Meta(max_length=3)] | UnsetType = UNSET
    """Up to 3 LoRAs (item fields inferred from Z-Image LoRA, §15.12: `path`, `scale`)."""
