"""v3 image generation: txt2img, img2img, inpainting, upscale and adetailer (wrapped bodies).

The wrapped endpoints' `...Request` Structs are the inner `request` object; send them inside
`V3WrappedBody(request=..., extra=V3Extra(...))`. Reference: novita-api.md §7.3. The LCM types live in
`lcm` and are re-exported here.
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
    V3Sampler,
)
from .lcm import LCMImg2ImgImage as LCMImg2ImgImage
from .lcm import LCMImg2ImgRequest as LCMImg2ImgRequest
from .lcm import LCMImg2ImgResponse as LCMImg2ImgResponse
from .lcm import LCMTxt2ImgRequest as LCMTxt2ImgRequest
from .lcm import LCMTxt2ImgResponse as LCMTxt2ImgResponse

__all__ = (
    "ADetailerRequest",
    "ControlNet",
    "ControlNetUnit",
    "HiresFix",
    "IPAdapter",
    "Img2ImgRequest",
    "InpaintingRequest",
    "Refiner",
    "Txt2ImgRequest",
    "UpscaleRequest",
    "V3Preprocessor",
)

V3Preprocessor = Literal[
    "scribble_hed",
    "softedge_hed",
    "scribble_hedsafe",
    "softedge_hedsafe",
    "depth_midas",
    "mlsd",
    "openpose",
    "openpose_face",
    "openpose_faceonly",
    "openpose_full",
    "openpose_hand",
    "dwpose",
    "scribble_pidinet",
    "softedge_pidinet",
    "scribble_pidsafe",
    "softedge_pidsafe",
    "normal_bae",
    "lineart_coarse",
    "lineart_realistic",
    "lineart_anime",
    "lineart",
    "depth_zoe",
    "shuffle",
    "mediapipe_face",
    "canny",
    "depth",
    "depth_leres",
    "depth_leres++",
]
"""v3 ControlNet preprocessors (§8.2); omit the field for no preprocessing."""

Size = Annotated[int, Meta(ge=128, le=2048, description="Pixels, [128, 2048].")]
ImageNum = Annotated[int, Meta(ge=1, le=8, description="Number of images, [1, 8].")]
Steps = Annotated[int, Meta(ge=1, le=100, description="Denoising steps, [1, 100].")]
GuidanceScale = Annotated[float, Meta(ge=1, le=30, description="Prompt adherence, [1, 30].")]


class HiresFix(RequestStruct, kw_only=True):
    """High-resolution fix: upscale and refine the generated image (txt2img)."""

    target_width: Annotated[int, Meta(ge=128, le=4096)]
    """Final width, [128, 4096]."""

    target_height: Annotated[int, Meta(ge=128, le=4096)]
    """Final height, [128, 4096]."""

    strength: UnitFloat
    """Denoising strength of the refinement pass, [0, 1]."""

    upscaler: Literal["RealESRGAN_x4plus_anime_6B", "RealESRNet_x4plus", "Latent"] | UnsetType = UNSET
    """Upscaler to use."""


class Refiner(RequestStruct, kw_only=True):
    """SDXL refiner pass (txt2img)."""

    switch_at: UnitFloat
    """Fraction of steps after which the refiner takes over, [0, 1]."""


class ControlNetUnit(RequestStruct, kw_only=True):
    """One ControlNet unit of v3 img2img."""

    model_name: ModelName
    """ControlNet model, e.g. `control_v11p_sd15_canny` or `controlnet-canny-sdxl-1.0`."""

    image_base64: str
    """Base64 control image."""

    strength: UnitFloat
    """Weight of this unit, [0, 1] (docs default 1)."""

    preprocessor: V3Preprocessor | UnsetType = UNSET
    """Preprocessor applied to the control image; omit for none."""

    guidance_start: UnitFloat | UnsetType = UNSET
    """Fraction of steps where the unit starts acting (default 0)."""

    guidance_end: UnitFloat | UnsetType = UNSET
    """Fraction of steps where the unit stops acting (default 1)."""


class ControlNet(RequestStruct, kw_only=True):
    """The `controlnet` object of v3 img2img."""

    units: list[ControlNetUnit]
    """ControlNet units."""


class IPAdapter(RequestStruct, kw_only=True):
    """An IP-Adapter image prompt (v3 img2img)."""

    model_name: Literal["ip-adapter_sd15.bin", "ip-adapter_sdxl.bin"]
    """IP-Adapter model matching the checkpoint family."""

    image_base64: str
    """Base64 reference image."""

    strength: UnitFloat | UnsetType = UNSET
    """Weight, [0, 1]."""


class _SDRequest(RequestStruct, kw_only=True):
    """Fields every v3 Stable Diffusion request shares (txt2img, img2img, inpainting, adetailer)."""

    model_name: ModelName
    """Checkpoint `sd_name`."""

    prompt: PromptText
    """Positive prompt, 1-1024 characters."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt, up to 1024 characters."""

    steps: Steps
    """Denoising steps, [1, 100]."""

    guidance_scale: GuidanceScale
    """Prompt adherence, [1, 30]."""

    sampler_name: V3Sampler
    """Sampler (§8.1; the official SDK's ADetailer default `DPM++ Karras` is accepted)."""

    seed: Seed | UnsetType = UNSET
    """Seed, -1 (default) for random."""

    sd_vae: str | UnsetType = UNSET
    """VAE `sd_name`."""

    clip_skip: ClipSkip | UnsetType = UNSET
    """CLIP layers to skip, [1, 12]."""

    loras: LoRAList | UnsetType = UNSET
    """Up to 5 LoRAs."""

    embeddings: EmbeddingList | UnsetType = UNSET
    """Up to 5 textual-inversion embeddings."""


class _SDImagesRequest(_SDRequest, kw_only=True):
    """A v3 request that generates `image_num` images."""

    image_num: ImageNum
    """Number of images, [1, 8]."""


class _SDSizedRequest(_SDImagesRequest, kw_only=True):
    """A v3 request that also chooses the output size."""

    width: Size
    """Width in pixels, [128, 2048]."""

    height: Size
    """Height in pixels, [128, 2048]."""


class Txt2ImgRequest(_SDSizedRequest, kw_only=True):
    """`request` of `POST /v3/async/txt2img` (§7.3.4); result `task_type` `TXT_TO_IMG`."""

    hires_fix: HiresFix | UnsetType = UNSET
    """High-resolution fix."""

    refiner: Refiner | UnsetType = UNSET
    """SDXL refiner."""

    restore_faces: bool | UnsetType = UNSET
    """Restore faces (2025 docs only; availability in 2024 unknown)."""

    enable_transparent_background: bool | UnsetType = UNSET
    """Transparent background; needs png + SDXL (2025 docs only)."""


class Img2ImgRequest(_SDSizedRequest, kw_only=True):
    """`request` of `POST /v3/async/img2img` (§7.3.5); result `task_type` `IMG_TO_IMG`."""

    __image_fields__: ClassVar[dict[str, int]] = {
        "image_base64": 10 * MiB,
        "controlnet.units[].image_base64": 30 * MiB,
        "ip_adapters[].image_base64": 30 * MiB,
    }

    image_base64: str
    """Base64 input image, ≤16 MP and ≤10 MB."""

    strength: UnitFloat | UnsetType = UNSET
    """How much to transform the input, [0, 1] (1 ≈ ignore it)."""

    controlnet: ControlNet | UnsetType = UNSET
    """ControlNet units."""

    ip_adapters: Annotated[list[IPAdapter], Meta(max_length=1)] | UnsetType = UNSET
    """At most one IP-Adapter."""


class InpaintingRequest(_SDImagesRequest, kw_only=True):
    """`request` of `POST /v3/async/inpainting` (§7.3.7)."""

    __image_fields__: ClassVar[dict[str, int]] = {"image_base64": 30 * MiB, "mask_image_base64": 30 * MiB}

    image_base64: str
    """Base64 input image, ≤16 MP and ≤30 MB."""

    mask_image_base64: str
    """Base64 mask, same resolution as the image."""

    mask_blur: Annotated[int, Meta(ge=0, le=64)] | UnsetType = UNSET
    """Mask blur radius, [0, 64]."""

    strength: UnitFloat | UnsetType = UNSET
    """Denoising strength, [0, 1]."""

    # The v3 names start with `inpainting_` (v2 img2img uses `inpaint_full_res`); integers, not bools.
    inpainting_full_res: Literal[0, 1] | UnsetType = UNSET
    """0 inpaint the whole image (default), 1 only the masked area."""

    inpainting_full_res_padding: Annotated[int, Meta(ge=0, le=256)] | UnsetType = UNSET
    """Margin in pixels around the mask in only-masked mode, [0, 256]."""

    inpainting_mask_invert: Literal[0, 1] | UnsetType = UNSET
    """0 inpaint the masked area (default), 1 the unmasked area."""

    initial_noise_multiplier: Annotated[float, Meta(ge=0, le=1.5)] | UnsetType = UNSET
    """Initial noise multiplier, [0, 1.5], default 0.5."""


class UpscaleRequest(RequestStruct, kw_only=True):
    """`request` of `POST /v3/async/upscale` (§7.3.8)."""

    __image_fields__: ClassVar[dict[str, int]] = {"image_base64": 30 * MiB}

    model_name: Literal["RealESRGAN_x4plus_anime_6B", "RealESRNet_x4plus", "4x-UltraSharp"]
    """Upscaler model."""

    image_base64: str
    """Base64 input image, ≤2048×2048 and ≤30 MB."""

    scale_factor: Annotated[float, Meta(gt=1, le=4)]
    """Scale factor, (1, 4]."""


class ADetailerRequest(_SDRequest, kw_only=True):
    """`request` of `POST /v3/async/adetailer` (§7.3.6): face detail repair on earlier images.

    Give the images as `image_assets_ids` (§5.1 uploads) or `image_urls` (earlier Novita outputs).
    """

    image_assets_ids: list[str] | UnsetType = UNSET
    """Asset ids from `PUT https://assets.novitai.com/image`; this or `image_urls` is required."""

    image_urls: list[str] | UnsetType = UNSET
    """URLs of earlier Novita outputs; this or `image_assets_ids` is required."""

    strength: UnitFloat | UnsetType = UNSET
    """Denoising strength, [0, 1]."""

    def __post_init__(self) -> None:
        if not self.image_assets_ids and not self.image_urls:
            raise ValueError("one of `image_assets_ids` or `image_urls` is required")
