"""Legacy v2 endpoints: txt2img, img2img, upscale, adetailer and `/v2/progress` (novita-api.md §3.1, §7.2).

All v2 responses use the envelope `V2Response[T]`: submits return `V2Response[V2SubmitData]`, progress
returns `V2Response[ProgressData]` (defined in `progress_v2`, re-exported here). The same bodies go to the
`/v2/enterprise/*` twins.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, RequestStruct
from .common import ModelName, NSFWDetectionLevel, UnitFloat
from .progress_v2 import ProgressData as ProgressData
from .progress_v2 import ProgressDebugInfo as ProgressDebugInfo
from .progress_v2 import V2TaskStatus as V2TaskStatus

__all__ = (
    "V2ADetailer",
    "V2ADetailerRequest",
    "V2ControlNetUnit",
    "V2Extra",
    "V2Img2ImgRequest",
    "V2Preprocessor",
    "V2Refiner",
    "V2Sampler",
    "V2Txt2ImgRequest",
    "V2Upscaler",
    "V2UpscaleRequest",
)

V2Sampler = Literal[
    "DPM++ 2M Karras",
    "DPM++ SDE Karras",
    "DPM++ 2M SDE Exponential",
    "DPM++ 2M SDE Karras",
    "Euler a",
    "Euler",
    "LMS",
    "Heun",
    "DPM2",
    "DPM2 a",
    "DPM++ 2S a",
    "DPM++ 2M",
    "DPM++ SDE",
    "DPM++ 2M SDE",
    "DPM++ 2M SDE Heun",
    "DPM++ 2M SDE Heun Karras",
    "DPM++ 2M SDE Heun Exponential",
    "DPM++ 3M SDE",
    "DPM++ 3M SDE Karras",
    "DPM++ 3M SDE Exponential",
    "DPM fast",
    "DPM adaptive",
    "LMS Karras",
    "DPM2 Karras",
    "DPM2 a Karras",
    "DPM++ 2S a Karras",
    "Restart",
    "DDIM",
    "PLMS",
    "UniPC",
    # Not in the doc list but in the official SDKs' sampler constants (§8.1).
    "DPM++ Karras",
]
"""Sampler names accepted by `/v2/txt2img` and `/v2/img2img` (§8.1)."""

V2Preprocessor = Literal[
    "none", "canny", "depth", "depth_leres", "depth_leres++", "hed", "hed_safe", "mediapipe_face", "mlsd",
    "normal_map", "openpose", "openpose_hand", "openpose_face", "openpose_faceonly", "openpose_full",
    "clip_vision", "color", "pidinet", "pidinet_safe", "pidinet_sketch", "pidinet_scribble", "scribble_xdog",
    "scribble_hed", "segmentation", "threshold", "depth_zoe", "normal_bae", "oneformer_coco",
    "oneformer_ade20k", "lineart", "lineart_coarse", "lineart_anime", "lineart_standard", "shuffle",
    "tile_resample", "invert", "lineart_anime_denoise", "reference_only", "reference_adain",
    "reference_adain+attn", "inpaint", "inpaint_only", "inpaint_only+lama", "tile_colorfix",
    "tile_colorfix+sharp", "depth_anything",
]  # fmt: skip
"""v2 ControlNet `module` values (§8.2)."""

V2Upscaler = Literal["ESRGAN_4x", "R-ESRGAN 4x+", "R-ESRGAN 4x+ Anime6B"]
"""Upscaler names of `/v2/upscale` (JS SDK enum)."""

V2Size = Annotated[int, Meta(gt=0, le=2048, description="Pixels, (0, 2048].")]
V2Count = Annotated[int, Meta(ge=0, le=8, description="Count, [0, 8].")]
ExpireTTL = Annotated[int, Meta(ge=0, le=604800, description="Seconds, [0, 604800].")]


class V2ControlNetUnit(RequestStruct, kw_only=True):
    """One entry of v2 `controlnet_units`."""

    model: str
    """ControlNet model, e.g. `control_v11p_sd15_canny`, `t2i-adapter_xl_canny`."""

    input_image: str
    """Base64 control image."""

    weight: float | UnsetType = UNSET
    """Weight (default 1)."""

    module: V2Preprocessor | UnsetType = UNSET
    """Preprocessor (default `none`)."""

    control_mode: Literal[0, 1, 2] | UnsetType = UNSET
    """0 balanced, 1 prompt more important, 2 ControlNet more important."""

    resize_mode: Literal[0, 1, 2] | UnsetType = UNSET
    """0 just resize, 1 crop and resize, 2 resize and fill."""

    mask: str | UnsetType = UNSET
    """Base64 mask (inpaint ControlNet only)."""

    processor_res: int | UnsetType = UNSET
    """Preprocessor resolution (default 512)."""

    threshold_a: int | UnsetType = UNSET
    """Preprocessor argument A (default 64)."""

    threshold_b: int | UnsetType = UNSET
    """Preprocessor argument B (default 64)."""

    guidance_start: UnitFloat | UnsetType = UNSET
    """Fraction of steps where the unit starts acting."""

    guidance_end: UnitFloat | UnsetType = UNSET
    """Fraction of steps where the unit stops acting."""

    pixel_perfect: bool | UnsetType = UNSET
    """Pixel-perfect preprocessing."""

    lowvram: bool | UnsetType = UNSET
    """Low-VRAM mode (JS type and a doc example only)."""


class V2Refiner(RequestStruct, kw_only=True):
    """v2 `sd_refiner`."""

    checkpoint: Literal["sd_xl_refiner_1.0.safetensors"]
    """Refiner checkpoint (the only documented value)."""

    switch_at: UnitFloat
    """Fraction of steps after which the refiner takes over."""


class V2Extra(RequestStruct, kw_only=True):
    """v2 `extra`."""

    enable_nsfw_detection: bool | UnsetType = UNSET
    """Run NSFW detection (default false)."""

    nsfw_detection_level: NSFWDetectionLevel | UnsetType = UNSET
    """NSFW strictness 0, 1 or 2."""

    enable_progress_info: bool | UnsetType = UNSET
    """Fill `current_images` previews while running."""

    response_image_type: Literal["png", "jpeg"] | UnsetType = UNSET
    """Output format (default png)."""


class V2ADetailer(RequestStruct, kw_only=True):
    """Inline `adetailer` of `/v2/txt2img` (official Python SDK only, not in the docs)."""

    prompt: str
    """Prompt for the face pass."""

    negative_prompt: str | UnsetType = UNSET
    """Negative prompt."""

    steps: int | UnsetType = UNSET
    """Steps (default 20)."""

    strength: UnitFloat | UnsetType = UNSET
    """Denoising strength (default 0.5)."""

    seed: int | UnsetType = UNSET
    """Seed."""


class _V2ImageRequest(RequestStruct, kw_only=True):
    """Fields shared by `/v2/txt2img` and `/v2/img2img`.

    The docs mark `negative_prompt` and `sampler_name` required, but the official SDK sends them as null
    (§1.5), so they are optional here; `restore_faces` is omitted in the §11 example.
    """

    model_name: ModelName
    """Checkpoint `sd_name`, e.g. `sd_xl_base_1.0.safetensors`."""

    prompt: str
    """Prompt; LoRAs are invoked inline as `<lora:sd_name:weight>`."""

    negative_prompt: str | UnsetType = UNSET
    """Negative prompt."""

    sampler_name: V2Sampler | UnsetType = UNSET
    """Sampler (§8.1)."""

    batch_size: V2Count
    """Images per batch, [0, 8]."""

    n_iter: V2Count
    """Number of batches, [0, 8]."""

    steps: Annotated[int, Meta(gt=0, le=50)]
    """Steps, (0, 50]."""

    cfg_scale: Annotated[float, Meta(gt=0, le=30)]
    """Classifier-free guidance scale, (0, 30]."""

    seed: int
    """Seed, -1 for random."""

    width: V2Size
    """Width, (0, 2048]."""

    height: V2Size
    """Height, (0, 2048]."""

    restore_faces: bool | UnsetType = UNSET
    """Restore faces."""

    restore_faces_model: str | UnsetType = UNSET
    """Face restoration model, e.g. `CodeFormer` (deprecated)."""

    sd_vae: str | UnsetType = UNSET
    """VAE `sd_name`."""

    clip_skip: Annotated[int, Meta(ge=0)] | UnsetType = UNSET
    """CLIP layers to skip."""

    img_expire_ttl: ExpireTTL | UnsetType = UNSET
    """Seconds the result URLs stay valid, [0, 604800] (default 3600)."""

    sd_refiner: V2Refiner | UnsetType = UNSET
    """SDXL refiner."""

    controlnet_units: list[V2ControlNetUnit] | UnsetType = UNSET
    """ControlNet units."""

    controlnet_no_detectmap: bool | UnsetType = UNSET
    """Do not return the ControlNet detect maps."""

    extra: V2Extra | UnsetType = UNSET
    """v2 options (NSFW detection, progress previews, output format)."""


class V2Txt2ImgRequest(_V2ImageRequest, kw_only=True):
    """Body of `POST /v2/txt2img` (and `/v2/enterprise/txt2img`) (§7.2.1)."""

    __image_fields__: ClassVar[dict[str, int]] = {
        "controlnet_units[].input_image": 30 * MiB,
        "controlnet_units[].mask": 30 * MiB,
    }

    enable_hr: bool | UnsetType = UNSET
    """Enable the hires fix."""

    hr_upscaler: Literal["Latent", "ESRGAN_4x", "R-ESRGAN 4x+", "R-ESRGAN 4x+ Anime6B"] | UnsetType = UNSET
    """Hires-fix upscaler."""

    hr_scale: Annotated[float, Meta(ge=1, le=2)] | UnsetType = UNSET
    """Hires-fix factor, documented values 1 and 2; ignored if a resize is given."""

    hr_resize_x: Annotated[int, Meta(ge=0, le=2048)] | UnsetType = UNSET
    """Hires-fix target width, ≤2048 (only with `hr_scale=1`)."""

    hr_resize_y: Annotated[int, Meta(ge=0, le=2048)] | UnsetType = UNSET
    """Hires-fix target height, ≤2048 (only with `hr_scale=1`)."""

    adetailer: V2ADetailer | UnsetType = UNSET
    """Face detail pass (official Python SDK only)."""


class V2Img2ImgRequest(_V2ImageRequest, kw_only=True):
    """Body of `POST /v2/img2img` (and `/v2/enterprise/img2img`) (§7.2.2)."""

    __image_fields__: ClassVar[dict[str, int]] = {
        "init_images[]": 30 * MiB,
        "mask": 30 * MiB,
        "controlnet_units[].input_image": 30 * MiB,
        "controlnet_units[].mask": 30 * MiB,
    }

    init_images: Annotated[list[str], Meta(min_length=1)]
    """Base64 input images."""

    denoising_strength: UnitFloat | UnsetType = UNSET
    """How much to change the input, [0, 1]."""

    mask: str | UnsetType = UNSET
    """Base64 PNG inpainting mask."""

    mask_blur: Annotated[int, Meta(ge=0)] | UnsetType = UNSET
    """Mask blur radius (default 4)."""

    resize_mode: Literal[0, 1, 2, 3] | UnsetType = UNSET
    """0 just resize, 1 crop and resize, 2 resize and fill, 3 just resize (latent upscale)."""

    image_cfg_scale: int | UnsetType = UNSET
    """Image CFG scale (docs only)."""

    inpainting_fill: Literal[0, 1, 2, 3] | UnsetType = UNSET
    """0 fill, 1 original, 2 latent noise, 3 latent nothing."""

    inpaint_full_res: Literal[0, 1] | UnsetType = UNSET
    """0 whole picture, 1 only masked."""

    inpaint_full_res_padding: Annotated[int, Meta(ge=0)] | UnsetType = UNSET
    """Margin in pixels in only-masked mode."""

    # Go SDK typo `inpaint_mask_invert`; PY, JS and the docs agree on this name (§10).
    inpainting_mask_invert: Literal[0, 1] | UnsetType = UNSET
    """0 inpaint masked, 1 inpaint not masked."""

    initial_noise_multiplier: Annotated[float, Meta(ge=0)] | UnsetType = UNSET
    """Initial noise multiplier (default 1.0)."""


class V2UpscaleRequest(RequestStruct, kw_only=True):
    """Body of `POST /v2/upscale` (§7.4.1); poll `/v2/progress`."""

    __image_fields__: ClassVar[dict[str, int]] = {"image": 30 * MiB}

    image: str
    """Base64 input image."""

    upscaler_1: V2Upscaler | UnsetType = UNSET
    """First upscaler."""

    resize_mode: Literal[0, 1] | UnsetType = UNSET
    """0 scale by `upscaling_resize`, 1 scale to `upscaling_resize_w` × `upscaling_resize_h`."""

    upscaling_resize: Annotated[float, Meta(gt=0)] | UnsetType = UNSET
    """Scale factor (output ≤2048)."""

    upscaling_resize_w: Annotated[int, Meta(gt=0, le=2048)] | UnsetType = UNSET
    """Target width, ≤2048 (mode 1)."""

    upscaling_resize_h: Annotated[int, Meta(gt=0, le=2048)] | UnsetType = UNSET
    """Target height, ≤2048 (mode 1)."""

    upscaling_crop: bool | UnsetType = UNSET
    """Crop to fit the target size."""

    upscaler_2: V2Upscaler | UnsetType = UNSET
    """Second upscaler."""

    extras_upscaler_2_visibility: UnitFloat | UnsetType = UNSET
    """Blend of the second upscaler, [0, 1]."""

    gfpgan_visibility: UnitFloat | UnsetType = UNSET
    """GFPGAN face restoration visibility, [0, 1]."""

    codeformer_visibility: UnitFloat | UnsetType = UNSET
    """CodeFormer visibility, [0, 1]."""

    codeformer_weight: UnitFloat | UnsetType = UNSET
    """CodeFormer weight, [0, 1] (0 = maximum effect)."""

    img_expire_ttl: ExpireTTL | UnsetType = UNSET
    """Seconds the result URLs stay valid, [0, 604800]."""


class V2ADetailerRequest(RequestStruct, kw_only=True):
    """Body of `POST /v2/adetailer` (§7.2.4; replaced by `/v3/async/adetailer` in May 2024)."""

    __image_fields__: ClassVar[dict[str, int]] = {"input_image": 30 * MiB}

    model_name: ModelName
    """Checkpoint `sd_name`."""

    input_image: str
    """Base64 input image."""

    prompt: str
    """Prompt."""

    steps: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Steps (default 20)."""

    strength: UnitFloat | UnsetType = UNSET
    """Denoising strength (default 0.3)."""

    negative_prompt: str | UnsetType = UNSET
    """Negative prompt."""

    vae: str | UnsetType = UNSET
    """VAE `sd_name` (named `sd_vae` in v3)."""

    seed: int | UnsetType = UNSET
    """Seed."""

    clip_skip: Annotated[int, Meta(ge=0)] | UnsetType = UNSET
    """CLIP layers to skip."""
