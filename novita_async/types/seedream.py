"""Seedream 3.0, 4.0, 4.5 and 5.0-lite: synchronous text/image to image with inline results.

Reference: novita-api-2026.md §15.5-15.7, rows 108-111. §15.7 CONFLICT (mode): Novita's agent skill says
these are async at `/v3/async/seedream-*`; the reference pages give synchronous paths with results inline,
and §18 recommends the pages, so these are synchronous calls. CONFLICT (field name): 4.0 takes `images`,
4.5 and 5.0-lite take `image` (singular): per-endpoint Structs, as recommended.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, ResponseStruct
from ._models import DEFAULT_IMAGE_LIMIT, ImageFlavour, ModelRequest, ModelSeed, check_pixels, check_size

__all__ = (
    "OptimizePromptOptions",
    "Seedream3Request",
    "Seedream3Response",
    "Seedream4Request",
    "Seedream45Request",
    "Seedream50LiteRequest",
    "SeedreamResponse",
    "SequentialImageGenerationOptions",
)

SequentialMode = Literal["auto", "disabled"]


class Seedream3Request(ModelRequest, kw_only=True):
    """`POST /v3/seedream-3-0-txt2img` (§15.5): text to image."""

    prompt: str
    """The prompt."""

    model: Literal["seedream-3-0-t2i-250415"] | UnsetType = UNSET
    """The only documented model version."""

    response_format: Literal["url", "b64_json"] | UnsetType = UNSET
    """`url` (default: a downloadable JPEG link) or `b64_json` (base64 inline)."""

    size: str | UnsetType = UNSET
    """`"WxH"` from 512x512 to 2048x2048 (default `1024x1024`)."""

    seed: ModelSeed | UnsetType = UNSET
    """Seed, -1 (default) for random."""

    guidance_scale: Annotated[float, Meta(ge=1, le=10)] | UnsetType = UNSET
    """Guidance, [1, 10] (default 2.5)."""

    watermark: bool | UnsetType = UNSET
    """Add the "AI generated" label (default true)."""

    def __post_init__(self) -> None:
        if isinstance(self.size, str):
            check_size(self.size, "x", 512, 2048)


class Seedream3Response(ResponseStruct, kw_only=True):
    """Answer of Seedream 3.0: `image_urls` (`response_format=url`) or `binary_data_base64` (`b64_json`).

    Whether the unused key is absent, `null` or `[]` is unknown (§15.5), so both are optional.
    """

    image_urls: list[str] | None = None
    """Download URLs of the JPEG results."""

    binary_data_base64: list[str] | None = None
    """Base64 results."""


class Seedream4Request(ModelRequest, kw_only=True):
    """`POST /v3/seedream-4.0` (§15.6): text or images to one or several images."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"images[]": ("data_uri", 10 * MiB)}

    prompt: str
    """The prompt (up to about 600 English words recommended)."""

    images: Annotated[list[str], Meta(max_length=10)] | UnsetType = UNSET
    """Up to 10 input images: URLs or `data:image/<fmt>;base64,...` URIs (bare base64 is not allowed; paths
    and bytes become data URIs), jpeg/png, ≤ 10 MB each."""

    size: str | UnsetType = UNSET
    """`1K`, `2K`, `4K`, or `"WxH"` with W×H in [1024², 4096²] and ratio in [1/16, 16] (default `2048x2048`)."""

    sequential_image_generation: SequentialMode | UnsetType = UNSET
    """`auto` lets the model decide how many images (default `disabled`)."""

    max_images: Annotated[int, Meta(ge=1, le=15)] | UnsetType = UNSET
    """With `auto`: at most this many images, [1, 15]; inputs + outputs ≤ 15."""

    watermark: bool | UnsetType = UNSET
    """Add a watermark (default true)."""

    def __post_init__(self) -> None:
        if isinstance(self.size, str):
            check_pixels(self.size, ("1K", "2K", "4K"), 1024 * 1024, 4096 * 4096)


class OptimizePromptOptions(ModelRequest, kw_only=True):
    """`optimize_prompt_options` of Seedream 4.5 / 5.0-lite."""

    mode: Literal["standard"] | UnsetType = UNSET
    """Only `standard` is documented."""


class SequentialImageGenerationOptions(ModelRequest, kw_only=True):
    """`sequential_image_generation_options` of Seedream 4.5 / 5.0-lite."""

    max_images: Annotated[int, Meta(ge=1, le=15)] | UnsetType = UNSET
    """With `sequential_image_generation="auto"`: at most this many images, [1, 15] (default 15)."""


class _Seedream45Base(ModelRequest, kw_only=True):
    """The fields Seedream 4.5 and 5.0-lite share (they differ in `size` only)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "image[]": ("data_uri", DEFAULT_IMAGE_LIMIT)
    }

    prompt: str
    """The prompt (up to about 300 Chinese characters or 600 English words recommended)."""

    image: Annotated[list[str], Meta(min_length=1, max_length=14)] | UnsetType = UNSET
    """1-14 input images (**singular** field name): URLs, or data URIs from paths/bytes; jpeg, png, webp,
    bmp, tiff, gif."""

    size: str | UnsetType = UNSET
    """A token or `"WxH"` (default `2048x2048`): see the endpoint's Struct."""

    watermark: bool | UnsetType = UNSET
    """Add a watermark (default true)."""

    optimize_prompt_options: OptimizePromptOptions | UnsetType = UNSET
    """Prompt optimisation (`{"mode": "standard"}`)."""

    sequential_image_generation: SequentialMode | UnsetType = UNSET
    """`auto` lets the model decide how many images (default `disabled`)."""

    sequential_image_generation_options: SequentialImageGenerationOptions | UnsetType = UNSET
    """`{"max_images": n}`, with `auto` only."""


class Seedream45Request(_Seedream45Base, kw_only=True):
    """`POST /v3/seedream-4.5` (§15.7): `size` is `2K`, `4K` or `"WxH"` with W×H in [3686400, 16777216]."""

    def __post_init__(self) -> None:
        if isinstance(self.size, str):
            check_pixels(self.size, ("2K", "4K"), 3686400, 16777216)


class Seedream50LiteRequest(_Seedream45Base, kw_only=True):
    """`POST /v3/seedream-5.0-lite` (§15.7): `size` is `2K`, `3K` or `"WxH"` with W×H in [3686400, 10404496]."""

    def __post_init__(self) -> None:
        if isinstance(self.size, str):
            check_pixels(self.size, ("2K", "3K"), 3686400, 10404496)


class SeedreamResponse(ResponseStruct, kw_only=True):
    """Answer of Seedream 4.0 / 4.5 / 5.0-lite: `{"images": [<download URL>, ...]}`."""

    images: list[str] = msgspec.field(default_factory=list)
    """Download URLs of the results."""
