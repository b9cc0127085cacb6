"""Today's URL-based image editors (async) and the wrapped video face merge.

Reference: novita-api-2026.md §15.13-15.16, rows 118-121. The editors take an image **URL** (§13.3 flavour
a), unlike Part 1's synchronous base64 tools, which are still documented and still in `client.tools`.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from msgspec import UNSET, UnsetType

from ._base import MiB
from ._models import DEFAULT_IMAGE_LIMIT, AsyncModelRequest, ImageFlavour, ModelRequest, OutputFormat

__all__ = (
    "ImageEraserRequest",
    "ImageRemoveBackgroundRequest",
    "ImageUpscalerRequest",
    "VideoMergeFaceRequest",
)


class ImageRemoveBackgroundRequest(AsyncModelRequest, kw_only=True):
    """`POST /v3/async/image-remove-background` (§15.13); the result is an image in task-result."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image": ("url", DEFAULT_IMAGE_LIMIT)}

    image: str
    """Public URL of the image (URL only)."""


class ImageUpscalerRequest(AsyncModelRequest, kw_only=True):
    """`POST /v3/async/image-upscaler` (§15.14)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image": ("url", DEFAULT_IMAGE_LIMIT)}

    image: str
    """Public URL of the original image."""

    resolution: Literal["2k", "4k", "8k"] | UnsetType = UNSET
    """Target resolution (default `4k`)."""

    output_format: OutputFormat | UnsetType = UNSET
    """`jpeg` (default), `png` or `webp`."""


class ImageEraserRequest(AsyncModelRequest, kw_only=True):
    """`POST /v3/async/image-eraser` (§15.15): erase what `mask` (white) or `prompt` names.

    Whether one of `mask`/`prompt` is required is unknown; the page's siblings take URLs and base64 is not
    excluded, so a URL is sent as is and a path/bytes as a data URI (§13.3's recommendation for unknowns).
    """

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "image": ("data_uri", DEFAULT_IMAGE_LIMIT),
        "mask": ("data_uri", DEFAULT_IMAGE_LIMIT),
    }

    image: str
    """The original image (a URL preferred)."""

    mask: str | UnsetType = UNSET
    """Mask: white = erase, black = keep."""

    prompt: str | UnsetType = UNSET
    """The object to remove, e.g. `"dog"`."""

    output_format: OutputFormat | UnsetType = UNSET
    """`jpeg` (default), `png` or `webp`."""


class VideoMergeFaceRequest(ModelRequest, kw_only=True):
    """The `request` object of `POST /v3/async/video-merge-face` (§15.16, a **wrapped** body).

    The video goes up first (`client.assets.upload_video`, raw MP4 ≤ 3840×2160, ≤ 100 MB → `assets_id`);
    the output format is `extra.response_video_type` (`mp4` default, `gif`). The result is `videos[0]`.
    """

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"face_image_base64": ("base64", 30 * MiB)}

    video_assets_id: str
    """Asset id of the uploaded MP4."""

    enable_restore: bool
    """Restore the face (more detail, slower); required."""

    face_image_base64: str
    """The face image as **bare** base64 (≤ 2048×2048, ≤ 30 MB); paths and bytes are encoded for you."""
