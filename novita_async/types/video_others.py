"""MiniMax (Hailuo-02, Video-01) and Vidu (Q1, Q2, Q3) video requests (novita-api-2026.md §16.7, §16.8,
§16.13-§16.15; rows 143, 144, 152-158). Seedance is in `video_seedance`.

All async (A3, flat bodies), results in `TaskResult.videos`. Image inputs: Vidu "must include a content type"
(flavour b), Seedance and Hailuo-02 take "URL or base64" (flavour c): both are sent as URLs or data URIs
(§13.3). Vidu Q3 pro-i2v's `audio` is a URL string where the other Q3 pages have a boolean (§18: per page).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, RequestStruct
from ._models import ImageFlavour
from ._part2 import AspectRatio, AsyncRequest, MediaRef, Prompt2000, Seed31

__all__ = (
    "Hailuo02Request",
    "MinimaxVideo01Request",
    "ViduQ1Reference2VideoRequest",
    "ViduQ1Text2VideoRequest",
    "ViduQ2Reference2VideoRequest",
    "ViduQ2Subject",
    "ViduQ3ProI2VRequest",
    "ViduQ3ProT2VRequest",
    "ViduQ3TurboI2VRequest",
    "ViduQ3TurboT2VRequest",
)



# --- MiniMax (§16.7, §16.8) ------------------------------------------------------------------------


class Hailuo02Request(AsyncRequest, kw_only=True):
    """Body of `POST /v3/async/minimax-hailuo-02` (§16.7, row 143): text or first frame to video.

    Old page: `image_url` (URL); new page: `image` (URL or data URI) + `end_image`. §18: send `image`;
    `image_url` is accepted for callers of the old page.
    """

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "image": ("data_uri", 20 * MiB),
        "end_image": ("data_uri", 20 * MiB),
        "image_url": ("url", 20 * MiB),
    }

    prompt: Prompt2000
    """What happens in the video, 1-2000 characters."""

    image: MediaRef | UnsetType = UNSET
    """First frame: public URL or `data:image/jpeg;base64,...` (a file is sent as a data URI)."""

    end_image: MediaRef | UnsetType = UNSET
    """End frame, same forms."""

    image_url: MediaRef | UnsetType = UNSET
    """First-frame URL (old page); prefer `image`."""

    duration: Literal[6, 10] | UnsetType = UNSET
    """Seconds, 6 (default) or 10."""

    resolution: Literal["768P", "1080P"] | UnsetType = UNSET
    """`768P` (default) or `1080P`; 10 s videos are 768P only."""

    enable_prompt_expansion: bool | UnsetType = UNSET
    """Optimise the prompt (default true)."""

    fast_pretreatment: bool | UnsetType = UNSET
    """Shorten the prompt optimisation time (default false; name from a reseller copy of the page)."""

    def __post_init__(self) -> None:
        if self.duration == 10 and self.resolution == "1080P":
            raise ValueError('10-second videos are `resolution="768P"` only')
        if self.image is not UNSET and self.image_url is not UNSET:
            raise ValueError("give `image` or the old `image_url`, not both")


class MinimaxVideo01Request(AsyncRequest, kw_only=True):
    """Body of `POST /v3/async/minimax-video-01` (§16.8, row 144): 6 s, 720p, 25 fps; text or image."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image_url": ("url", 20 * MiB)}

    prompt: Prompt2000
    """What happens in the video, 1-2000 characters."""

    image_url: MediaRef | UnsetType = UNSET
    """First-frame URL (image to video)."""

    enable_prompt_expansion: bool | UnsetType = UNSET
    """Optimise the prompt (default true)."""


# --- Vidu Q1 (§16.13) ------------------------------------------------------------------------------

Movement = Literal["auto", "small", "medium", "large"]


class _ViduQ1Base(AsyncRequest, kw_only=True):
    """Fields shared by Vidu Q1 text2video and reference2video."""

    prompt: Annotated[str, Meta(min_length=1, max_length=1500)]
    """What happens in the video, up to 1500 characters."""

    duration: Literal[5] | UnsetType = UNSET
    """Seconds; only 5."""

    seed: int | UnsetType = UNSET
    """Seed (random when absent)."""

    aspect_ratio: AspectRatio | UnsetType = UNSET
    """`16:9` (default), `9:16` or `1:1`."""

    resolution: Literal["1080p"] | UnsetType = UNSET
    """Only `1080p`."""

    movement_amplitude: Movement | UnsetType = UNSET
    """`auto` (default), `small`, `medium`, `large`."""

    bgm: bool | UnsetType = UNSET
    """Add background music (default false)."""


class ViduQ1Text2VideoRequest(_ViduQ1Base, kw_only=True):
    """Body of `POST /v3/async/vidu-q1-text2video` (§16.13, row 152)."""

    style: Literal["general", "anime"] | UnsetType = UNSET
    """`general` (default) or `anime`."""


class ViduQ1Reference2VideoRequest(_ViduQ1Base, kw_only=True):
    """Body of `POST /v3/async/vidu-q1-reference2video` (§16.13, row 153)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"images[]": ("data_uri", 10 * MiB)}

    images: Annotated[list[MediaRef], Meta(min_length=1, max_length=7)]
    """1-7 reference images: URLs or `data:image/png;base64,...` (files become data URIs; base64 ≤ 10 MB)."""


# --- Vidu Q2 (§16.14) ------------------------------------------------------------------------------


class ViduQ2Subject(RequestStruct, kw_only=True):
    """One reference subject, addressed as `@1`, `@2`, ... in the prompt (item requiredness UNKNOWN)."""

    id: str | UnsetType = UNSET
    """Subject id."""

    images: list[MediaRef] | UnsetType = UNSET
    """Reference images of the subject (URLs or data URIs)."""

    voice_id: str | UnsetType = UNSET
    """Voice of the subject."""


class ViduQ2Reference2VideoRequest(AsyncRequest, kw_only=True):
    """Body of `POST /v3/async/vidu-q2-reference2video` (§16.14, row 154)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"subjects[].images[]": ("data_uri", 10 * MiB)}

    prompt: Annotated[str, Meta(min_length=1)]
    """The prompt; `@1`, `@2` ... name the subjects."""

    subjects: Annotated[list[ViduQ2Subject], Meta(min_length=1)]
    """At least one subject."""

    duration: Annotated[int, Meta(ge=1, le=10)]
    """Seconds, [1, 10] (required; 5 is the printed default)."""

    audio: bool | UnsetType = UNSET
    """Generate audio (default false)."""

    bgm: bool | UnsetType = UNSET
    """Background music (default false)."""

    seed: int | UnsetType = UNSET
    """Seed."""

    watermark: bool | UnsetType = UNSET
    """Watermark (default false)."""

    resolution: Literal["540p", "720p", "1080p"] | UnsetType = UNSET
    """`540p`, `720p` (default) or `1080p`."""

    aspect_ratio: str | UnsetType = UNSET
    """E.g. `16:9`, `9:16`, `1:1` (the list is open on the page)."""

    movement_amplitude: str | UnsetType = UNSET
    """Values not listed (Q1: auto/small/medium/large)."""


# --- Vidu Q3 (§16.15) ------------------------------------------------------------------------------

Q3AspectRatio = Literal["16:9", "9:16", "4:3", "3:4", "1:1"]


class _ViduQ3Base(AsyncRequest, kw_only=True):
    """Fields shared by every Vidu Q3 request."""

    seed: Seed31 | UnsetType = UNSET
    """Seed, [0, 2147483647]; 0 = random."""

    duration: Annotated[int, Meta(ge=1, le=16)] | UnsetType = UNSET
    """Seconds, [1, 16] (default 5)."""

    off_peak: bool | UnsetType = UNSET
    """Cheaper, processed within 48 hours (default false)."""

    resolution: Literal["540p", "720p", "1080p"] | UnsetType = UNSET
    """`540p`, `720p` (t2v default) or `1080p`."""


class _ViduQ3Branding(_ViduQ3Base, kw_only=True):
    """Aspect ratio and watermark fields of Vidu Q3 t2v and pro-i2v."""

    aspect_ratio: Q3AspectRatio | UnsetType = UNSET
    """`16:9` (default), `9:16`, `4:3`, `3:4`, `1:1`."""

    watermark: bool | UnsetType = UNSET
    """Watermark (default false)."""

    wm_url: str | UnsetType = UNSET
    """Watermark image URL (default: the AI watermark)."""

    wm_position: Annotated[int, Meta(ge=1, le=4)] | UnsetType = UNSET
    """Watermark corner 1-4, passed through: pro says 3 = bottom-left, turbo 3 = bottom-right (§18)."""


class ViduQ3ProT2VRequest(_ViduQ3Branding, kw_only=True):
    """Body of `POST /v3/async/vidu-q3-pro-t2v` (§16.15, row 155)."""

    prompt: Prompt2000
    """What happens in the video, up to 2000 characters."""

    audio: bool | UnsetType = UNSET
    """Synchronised audio (default true)."""


class ViduQ3TurboT2VRequest(_ViduQ3Branding, kw_only=True):
    """Body of `POST /v3/async/vidu-q3-turbo-t2v` (§16.15, row 157)."""

    prompt: Annotated[str, Meta(min_length=1, max_length=5000)]
    """What happens in the video, up to 5000 characters."""

    audio: bool | UnsetType = UNSET
    """Synchronised audio (default true)."""


class ViduQ3ProI2VRequest(_ViduQ3Branding, kw_only=True):
    """Body of `POST /v3/async/vidu-q3-pro-i2v` (§16.15, row 156)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "images[]": ("data_uri", 50 * MiB),
        "audio": ("url", 20 * MiB),
    }

    images: Annotated[list[MediaRef], Meta(min_length=1, max_length=1)]
    """The first frame (the page: "only support one image input now")."""

    prompt: Annotated[str, Meta(max_length=1500)] | UnsetType = UNSET
    """What happens, up to 1500 characters."""

    audio: str | UnsetType = UNSET
    """Background-music URL (mp3/wav/m4a/flac ≤ 20 MB): a **string** on this page, unlike the other Q3."""

    style: Literal["general", "anime"] | UnsetType = UNSET
    """`general` (default) or `anime`."""

    is_rec: bool | UnsetType = UNSET
    """Match audio and visual rhythm (default false)."""


class ViduQ3TurboI2VRequest(_ViduQ3Base, kw_only=True):
    """Body of `POST /v3/async/vidu-q3-turbo-i2v` (§16.15, row 158)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"images[]": ("data_uri", 50 * MiB)}

    images: Annotated[list[MediaRef], Meta(min_length=1)]
    """The input image(s): URLs (files become data URIs), jpg/png/webp, ratio 1:4 to 4:1."""

    prompt: Annotated[str, Meta(max_length=5000)] | UnsetType = UNSET
    """What happens, up to 5000 characters."""

    audio: bool | UnsetType = UNSET
    """Synchronised audio (default true)."""

    is_rec: bool | UnsetType = UNSET
    """Match audio and visual rhythm (default false)."""

    audio_type: Literal["all", "speech_only", "sound_effect_only"] | UnsetType = UNSET
    """Which audio to generate (default `all`)."""
