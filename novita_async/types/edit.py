"""The v3 "case" (image editing) endpoints of novita-api.md §7.4.

Flat bodies with an optional top-level `extra`. Synchronous ones answer `ImageFileResponse`
(`{"image_file", "image_type"}`); `replace-object` and `make-photo` are async (`AsyncSubmitResponse`, then
`TaskResult`); `img2prompt` and `img2mask` have their own responses.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, RequestStruct, ResponseStruct
from .common import (
    ClipSkip,
    LoRAList,
    ModelName,
    NegativePromptText,
    PromptText,
    Seed,
    UnitFloat,
    V3Extra,
    V3Sampler,
)

__all__ = (
    "CleanupRequest",
    "CreateTileRequest",
    "DoodleRequest",
    "Img2MaskRequest",
    "Img2MaskResponse",
    "Img2PromptRequest",
    "Img2PromptResponse",
    "MakePhotoRequest",
    "MaskImage",
    "MergeFaceRequest",
    "MixPoseRequest",
    "OutpaintingRequest",
    "ReimagineRequest",
    "RelightRequest",
    "RemoveBackgroundRequest",
    "RemoveTextRequest",
    "RemoveWatermarkRequest",
    "ReplaceBackgroundRequest",
    "ReplaceObjectRequest",
    "ReplaceSkyRequest",
    "RestoreFaceRequest",
)

_IMAGE = {"image_file": 30 * MiB}


class _ImageFileRequest(RequestStruct, kw_only=True):
    """A flat v3 body whose input is one base64 `image_file`."""

    __image_fields__: ClassVar[dict[str, int]] = _IMAGE

    image_file: str
    """Base64 input image."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options (`response_image_type`, `enterprise_plan`)."""


class CleanupRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/cleanup` (sync): erase the masked area. Image and mask ≤16 MP, ≤30 MB."""

    __image_fields__: ClassVar[dict[str, int]] = {**_IMAGE, "mask_file": 30 * MiB}

    mask_file: str
    """Base64 mask of the area to erase."""


class OutpaintingRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/outpainting` (sync): extend the image. Input ≤1024×1024, ≤30 MB."""

    # Docs mark `prompt` required, but the official SDKs never send it; the reference says optional (§10).
    prompt: PromptText | UnsetType = UNSET
    """What to paint in the new area."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""

    width: Annotated[int, Meta(ge=1, le=4096)]
    """New width; larger than the original, ≤4096."""

    height: Annotated[int, Meta(ge=1, le=4096)]
    """New height; larger than the original, ≤4096."""

    center_x: int
    """Horizontal offset of the original in pixels (0 = centred), within ±(new+orig)/2."""

    center_y: int
    """Vertical offset of the original in pixels (0 = centred), within ±(new+orig)/2."""


class RemoveBackgroundRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/remove-background` (sync). Input ≤16 MP, ≤30 MB, PNG/JPEG."""


class RemoveTextRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/remove-text` (sync). Input ≤1024×1024, ≤30 MB."""


class ReimagineRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/reimagine` (sync): a variation of the image. Input ≤1024×1024, ≤30 MB."""


class DoodleRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/doodle` (sync): turn a doodle into an image. Input ≤1024×1024, ≤30 MB."""

    prompt: PromptText
    """What the doodle shows, 1-1024 characters."""

    # D24 marks it required, but the official SDK sends null when unset (§1.5); values <0 become 0.5.
    similarity: Annotated[float, Meta(le=1)] | UnsetType = UNSET
    """Closeness to the doodle, (0, 1]."""


class MixPoseRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/mix-pose` (sync): apply the pose of `pose_image_file`."""

    __image_fields__: ClassVar[dict[str, int]] = {**_IMAGE, "pose_image_file": 30 * MiB}

    pose_image_file: str
    """Base64 image with the target pose."""


class ReplaceBackgroundRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/replace-background` (sync). Input ≤2048×2048, ≤30 MB."""

    prompt: PromptText
    """The new background."""


class ReplaceSkyRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/replace-sky` (sync)."""

    sky: Literal["bluesky", "sunset", "sunrise", "galaxy"]
    """The new sky."""


class RestoreFaceRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/restore-face` (sync)."""

    fidelity: float | UnsetType = UNSET
    """Fidelity to the original face (SDK default 0.7; range undocumented, presumably [0, 1])."""


class CreateTileRequest(RequestStruct, kw_only=True):
    """`POST /v3/create-tile` (sync): a seamless tile from a prompt (no input image)."""

    prompt: Annotated[str, Meta(min_length=1, max_length=512)]
    """Prompt, 1-512 characters."""

    negative_prompt: Annotated[str, Meta(max_length=512)]
    """Negative prompt, 0-512 characters (required per D24; may be empty)."""

    width: Annotated[int, Meta(ge=128, le=1024)]
    """Width, [128, 1024]."""

    height: Annotated[int, Meta(ge=128, le=1024)]
    """Height, [128, 1024]."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options."""


class RemoveWatermarkRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/remove-watermark` (sync)."""


class MergeFaceRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/merge-face` (sync): put `face_image_file`'s face into `image_file` (each ≤2048², ≤30 MB)."""

    __image_fields__: ClassVar[dict[str, int]] = {**_IMAGE, "face_image_file": 30 * MiB}

    face_image_file: str
    """Base64 image of the face to merge in."""


class ReplaceObjectRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/async/replace-object` (async): replace `object_prompt` with `prompt`."""

    object_prompt: str
    """What to replace, e.g. `1girl`."""

    prompt: PromptText
    """What to put instead, e.g. `a dog`."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""


class RelightRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/relight` (sync): relight a subject."""

    __image_fields__: ClassVar[dict[str, int]] = {**_IMAGE, "background_image_file": 30 * MiB}

    prompt: PromptText
    """Prompt."""

    model_name: ModelName
    """Checkpoint `sd_name`."""

    lighting_preference: str
    """Light direction, e.g. `TOP_LIGHT` (other values undocumented)."""

    steps: Annotated[int, Meta(ge=1)]
    """Steps."""

    sampler_name: V3Sampler
    """Sampler (§8.1)."""

    guidance_scale: Annotated[float, Meta(ge=0)]
    """Prompt adherence."""

    strength: UnitFloat
    """Denoising strength, [0, 1]."""

    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random."""

    background_image_file: str | UnsetType = UNSET
    """Optional base64 background image."""

    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""

    clip_skip: ClipSkip | UnsetType = UNSET
    """CLIP layers to skip (JS SDK only)."""


class MakePhotoRequest(RequestStruct, kw_only=True):
    """`POST /v3/async/make-photo` (async): photos of a person from face uploads (§7.4.17)."""

    image_assets_ids: Annotated[list[str], Meta(min_length=1)]
    """Face photos uploaded via `PUT https://assets.novitai.com/image`."""

    model_name: ModelName
    """SDXL checkpoint."""

    prompt: PromptText
    """Prompt, 1-1024 characters."""

    # D24 marks `negative_prompt` and `loras` required, but the official SDK sends null (§1.5).
    negative_prompt: NegativePromptText | UnsetType = UNSET
    """Negative prompt."""

    loras: LoRAList | UnsetType = UNSET
    """Up to 5 LoRAs."""

    strength: UnitFloat
    """Noise amount, [0, 1]."""

    width: Annotated[int, Meta(ge=128, le=1024)]
    """Width, [128, 1024]."""

    height: Annotated[int, Meta(ge=128, le=1024)]
    """Height, [128, 1024]."""

    image_num: Annotated[int, Meta(ge=1, le=8)]
    """Number of images, [1, 8]."""

    steps: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Steps (SDK default 50)."""

    seed: Seed | UnsetType = UNSET
    """Seed, -1 for random."""

    guidance_scale: Annotated[float, Meta(ge=0)] | UnsetType = UNSET
    """Prompt adherence (SDK default 7.5)."""

    sampler_name: V3Sampler | UnsetType = UNSET
    """Sampler (SDK default `Euler a`)."""

    crop_face: bool | UnsetType = UNSET
    """Crop the face from the inputs."""

    extra: V3Extra | UnsetType = UNSET
    """Common v3 options."""


class Img2PromptRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/img2prompt` (sync): describe an image. Input ≤2048×2048, ≤30 MB."""


class Img2PromptResponse(ResponseStruct, kw_only=True):
    """Response of `POST /v3/img2prompt`."""

    prompt: str = ""
    """The generated prompt."""


class Img2MaskRequest(_ImageFileRequest, kw_only=True):
    """`POST /v3/img2mask` (sync): segment an image into masks."""


class MaskImage(ResponseStruct, kw_only=True):
    """One mask returned by `POST /v3/img2mask`."""

    image_file: str = ""
    """Base64 mask image."""

    image_type: str = ""
    """Image format."""

    # Python SDK: int[]; JS SDK: number. Layout ([x, y, w, h] or [x1, y1, x2, y2]) is undocumented.
    bbox: list[float] | float = msgspec.field(default_factory=list)
    """Bounding box of the mask."""

    area: float = 0
    """Mask area in pixels."""


class Img2MaskResponse(ResponseStruct, kw_only=True):
    """Response of `POST /v3/img2mask`: the sources disagree on `mask` vs `masks` (§7.4.18); both decode."""

    mask: MaskImage | None = None
    """A single mask (Python SDK shape)."""

    masks: list[MaskImage] = msgspec.field(default_factory=list)
    """All masks (JS SDK shape)."""

    @property
    def masks_all(self) -> list[MaskImage]:
        """Every mask, whichever shape the server used (`masks`, else `[mask]`)."""
        if self.masks:
            return list(self.masks)
        return [self.mask] if self.mask is not None else []
