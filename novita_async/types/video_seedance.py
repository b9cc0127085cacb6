"""Seedance V1 Pro and 1.5 Pro video requests (novita-api-2026.md §16.16, §16.17; rows 159-162).

Async (A3, flat bodies), results in `TaskResult.videos`. Images are "URL or base64" (flavour c): a URL is
sent as is, a file as a `data:` URI (§13.3). 1.5 says `ratio` where V1 says `aspect_ratio` (per page).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import MiB
from ._models import ImageFlavour
from ._part2 import AsyncRequest, MediaRef, Prompt2000

__all__ = (
    "SeedanceV15ProI2VRequest",
    "SeedanceV15ProT2VRequest",
    "SeedanceV1ProI2VRequest",
    "SeedanceV1ProT2VRequest",
)


# --- Seedance (§16.16, §16.17) ---------------------------------------------------------------------



class _SeedanceV1Base(AsyncRequest, kw_only=True):
    """Fields shared by Seedance V1 Pro t2v and i2v."""

    camera_fixed: bool | UnsetType = UNSET
    """Keep the camera still (default false)."""

    seed: Annotated[int, Meta(ge=-1, le=2147483647)] | UnsetType = UNSET
    """Seed, [-1, 2147483647] (default -1)."""


class SeedanceV1ProT2VRequest(_SeedanceV1Base, kw_only=True):
    """Body of `POST /v3/async/seedance-v1-pro-t2v` (§16.16, row 159)."""

    prompt: Prompt2000
    """What happens in the video, up to 2000 characters."""

    resolution: Literal["480p", "720p", "1080p"]
    """`480p`, `720p` or `1080p`."""

    duration: Literal[5, 10]
    """Seconds, 5 or 10."""

    aspect_ratio: Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] | UnsetType = UNSET
    """Aspect ratio (default `16:9`)."""


class SeedanceV1ProI2VRequest(_SeedanceV1Base, kw_only=True):
    """Body of `POST /v3/async/seedance-v1-pro-i2v` (§16.16, row 160)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "image": ("data_uri", 30 * MiB),
        "last_image": ("data_uri", 30 * MiB),
    }

    image: MediaRef
    """First frame: URL or base64 (files become data URIs); ≤ 30 MB, short side > 300 px, ratio 0.4-2.5."""

    last_image: MediaRef | UnsetType = UNSET
    """Last frame, same rules (cropped to the first frame's ratio)."""

    prompt: Annotated[str, Meta(max_length=2000)] | UnsetType = UNSET
    """What happens, up to 2000 characters."""

    resolution: Literal["480p", "720p", "1080p"] | UnsetType = UNSET
    """`480p`, `720p` or `1080p`."""

    duration: Literal[5, 10] | UnsetType = UNSET
    """Seconds, 5 (default) or 10."""

    aspect_ratio: Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16", "9:21"] | UnsetType = UNSET
    """Aspect ratio (adds `9:21` to the t2v list)."""


class _SeedanceV15Base(AsyncRequest, kw_only=True):
    """Fields shared by Seedance 1.5 Pro t2v and i2v."""

    ratio: Literal["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"] | UnsetType = UNSET
    """Aspect ratio (`ratio`, not `aspect_ratio`); default `adaptive`."""

    duration: Annotated[int, Meta(ge=4, le=12)] | UnsetType = UNSET
    """Seconds, [4, 12] (billed by duration)."""

    fps: Literal[24] | UnsetType = UNSET
    """Frames per second; only 24."""

    resolution: Literal["480p", "720p"] | UnsetType = UNSET
    """`480p` or `720p` (no 1080p)."""

    seed: Annotated[int, Meta(ge=-1, le=4294967295)] | UnsetType = UNSET
    """Seed, [-1, 4294967295] (default -1)."""

    watermark: bool | UnsetType = UNSET
    """Watermark."""

    camera_fixed: bool | UnsetType = UNSET
    """Keep the camera still ("effect not guaranteed")."""

    generate_audio: bool | UnsetType = UNSET
    """Synchronised audio; put dialogue in double quotes in the prompt."""

    service_tier: Literal["default", "flex"] | UnsetType = UNSET
    """`default` (online) or `flex` (offline, half price)."""

    execution_expires_after: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Seconds before an unstarted task expires (3P range [3600, 259200]); a scheduling knob, not a dedup key."""


class SeedanceV15ProT2VRequest(_SeedanceV15Base, kw_only=True):
    """Body of `POST /v3/async/seedance-v1.5-pro-t2v` (§16.17, row 161)."""

    prompt: Annotated[str, Meta(min_length=1)]
    """What happens in the video (≤ 500 characters recommended)."""


class SeedanceV15ProI2VRequest(_SeedanceV15Base, kw_only=True):
    """Body of `POST /v3/async/seedance-v1.5-pro-i2v` (§16.17, row 162)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "image": ("data_uri", 30 * MiB),
        "last_image": ("data_uri", 30 * MiB),
    }

    image: MediaRef
    """First frame: URL or `data:image/<fmt>;base64,...`; ratio (0.4, 2.5), sides (300, 6000) px, < 30 MB."""

    last_image: MediaRef | UnsetType = UNSET
    """Last frame, same rules."""

    prompt: str | UnsetType = UNSET
    """What happens (≤ 500 characters recommended)."""
