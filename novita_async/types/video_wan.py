"""Wan video requests: Wan 2.1 (flat), Wan 2.2 and 2.6 (DashScope-style `{input, parameters}` bodies), and
Hunyuan Video Fast (novita-api-2026.md §16.9-§16.12, rows 145-149, 151).

Wan 2.1 and Hunyuan Video Fast exist in two page versions that disagree on which fields are required; §16.9
and §16.12 recommend sending the fields valid under both, so these Structs fill them in when left out
(`model_name`, `width`/`height`, `seed`, Hunyuan `frames`). Row 150 (Wan 2.6 t2v) is not established.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, RequestStruct
from ._models import ImageFlavour
from ._part2 import AsyncRequest, MediaRef, NegativePrompt2000, Prompt2000, Seed31, SeedWide

__all__ = (
    "HunyuanVideoFastRequest",
    "Wan22I2VInput",
    "Wan22I2VParameters",
    "Wan22I2VRequest",
    "Wan22T2VInput",
    "Wan22T2VParameters",
    "Wan22T2VRequest",
    "Wan26I2VInput",
    "Wan26I2VParameters",
    "Wan26I2VRequest",
    "WanI2VRequest",
    "WanLoRA",
    "WanT2VRequest",
)

_WAN21_SIZES = frozenset({(480, 832), (832, 480), (1280, 720), (720, 1280)})
_HUNYUAN_SIZES = frozenset({(640, 480), (480, 640), (480, 864), (864, 480), (1280, 720), (720, 1280)})


def _check_pair(width: int, height: int, allowed: frozenset[tuple[int, int]]) -> None:
    if (width, height) not in allowed:
        pairs = ", ".join(f"{w}x{h}" for w, h in sorted(allowed))
        raise ValueError(f"`width` x `height` must be one of {pairs}")


# --- Wan 2.1 (§16.9) -------------------------------------------------------------------------------


class WanLoRA(RequestStruct, kw_only=True):
    """One LoRA of a Wan 2.1 request."""

    path: str
    """LoRA location (URL or model path)."""

    scale: float
    """Strength (range not stated on the page)."""


class _Wan21Base(AsyncRequest, kw_only=True):
    """Fields shared by Wan 2.1 t2v and i2v; fills in what the old page requires (§16.9)."""

    prompt: Prompt2000
    """What happens in the video, 1-2000 characters."""

    negative_prompt: NegativePrompt2000 | UnsetType = UNSET
    """What to avoid, up to 2000 characters."""

    # Old page: required; new page: optional with 832x480. Filled in when absent (§16.9 recommendation).
    width: Literal[480, 720, 832, 1280] | UnsetType = UNSET
    """Width; pairs (480,832), (832,480), (1280,720), (720,1280); default 832."""

    height: Literal[480, 720, 832, 1280] | UnsetType = UNSET
    """Height (see `width`); default 480. For i2v the input's aspect ratio wins; size sets clarity."""

    seed: SeedWide | UnsetType = UNSET
    """Seed, [-1, 9999999999]; -1 (random) when absent."""

    loras: Annotated[list[WanLoRA], Meta(max_length=3)] | UnsetType = UNSET
    """Up to 3 LoRAs."""

    steps: Annotated[int, Meta(ge=1, le=40)] | UnsetType = UNSET
    """Steps, [1, 40] (default 30)."""

    guidance_scale: Annotated[float, Meta(ge=0, le=10)] | UnsetType = UNSET
    """Prompt adherence, [0, 10] (default 5.0)."""

    flow_shift: Annotated[float, Meta(ge=1, le=10)] | UnsetType = UNSET
    """Motion speed/magnitude, [1, 10] (default 5.0)."""

    enable_safety_checker: bool | UnsetType = UNSET
    """Run the safety checker."""

    fast_mode: bool | UnsetType = UNSET
    """Faster generation (new page only)."""

    model_name: str | UnsetType = UNSET
    """`wan2.1-t2v` / `wan2.1-i2v`: required by the old page, absent from the new one; filled in (§16.9).
    The JS SDK's `"wan-t2v"` is on no page (§18)."""

    _MODEL: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if self.model_name is UNSET:
            self.model_name = self._MODEL
        elif self.model_name != self._MODEL:
            raise ValueError(f"`model_name` must be {self._MODEL!r}")
        if self.width is UNSET and self.height is UNSET:
            self.width, self.height = 832, 480
        elif self.width is UNSET or self.height is UNSET:
            raise ValueError("give both `width` and `height`, or neither")
        _check_pair(self.width, self.height, _WAN21_SIZES)
        if self.seed is UNSET:
            self.seed = -1


class WanT2VRequest(_Wan21Base, kw_only=True):
    """Body of `POST /v3/async/wan-t2v` (§16.9, row 145): Wan 2.1 text to video, 5 s."""

    _MODEL: ClassVar[str] = "wan2.1-t2v"


class WanI2VRequest(_Wan21Base, kw_only=True):
    """Body of `POST /v3/async/wan-i2v` (§16.9, row 146): Wan 2.1 image to video, 5 s."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image_url": ("url", 10 * MiB)}
    _MODEL: ClassVar[str] = "wan2.1-i2v"

    image_url: MediaRef
    """Input image URL."""


# --- Wan 2.2 (§16.10): {input, parameters} ------------------------------------------------------------


class Wan22T2VInput(RequestStruct, kw_only=True):
    """`input` of Wan 2.2 t2v."""

    prompt: Annotated[str, Meta(min_length=1)]
    """The prompt (≤ 800 characters; the service truncates the excess)."""

    negative_prompt: Annotated[str, Meta(max_length=500)] | UnsetType = UNSET
    """What to avoid, up to 500 characters."""


class Wan22T2VParameters(RequestStruct, kw_only=True):
    """`parameters` of Wan 2.2 t2v; ranges inferred from DashScope where the page shows none (§16.10)."""

    size: Annotated[str, Meta(pattern=r"^\d+\*\d+$")] | UnsetType = UNSET
    """`"W*H"` (inferred tiers 832*480, 480*832, 624*624, 1920*1080, 1080*1920, 1440*1440, ...)."""

    prompt_extend: bool | UnsetType = UNSET
    """Let the service rewrite the prompt (inferred default true)."""

    seed: Seed31 | UnsetType = UNSET
    """Seed, inferred [0, 2147483647]; random when absent."""


class Wan22T2VRequest(AsyncRequest, kw_only=True):
    """Body of `POST /v3/async/wan-2.2-t2v` (§16.10, row 147; path `wan-2.2-`, page slug `wan2.2-`)."""

    input: Wan22T2VInput
    """`{"prompt": ..., "negative_prompt": ...}`."""

    parameters: Wan22T2VParameters | UnsetType = UNSET
    """`{"size": "1920*1080", "prompt_extend": true, "seed": ...}`."""


class Wan22I2VInput(RequestStruct, kw_only=True):
    """`input` of Wan 2.2 i2v."""

    img_url: MediaRef
    """Input image: a public http(s) URL; JPEG/PNG(no alpha)/BMP/WEBP, sides [360, 2000] px."""

    prompt: Annotated[str, Meta(min_length=1)] | UnsetType = UNSET
    """The prompt (≤ 800 characters; the service truncates the excess)."""

    negative_prompt: Annotated[str, Meta(max_length=500)] | UnsetType = UNSET
    """What to avoid, up to 500 characters."""


class Wan22I2VParameters(RequestStruct, kw_only=True):
    """`parameters` of Wan 2.2 i2v."""

    resolution: Literal["480P", "1080P"] | UnsetType = UNSET
    """`480P` or `1080P` (default); the aspect ratio follows the input image."""

    duration: Literal[5] | UnsetType = UNSET
    """Seconds; the page fixes it at 5."""

    prompt_extend: bool | UnsetType = UNSET
    """Let the service rewrite the prompt."""

    seed: Seed31 | UnsetType = UNSET
    """Seed, inferred [0, 2147483647]."""


class Wan22I2VRequest(AsyncRequest, kw_only=True):
    """Body of `POST /v3/async/wan-2.2-i2v` (§16.10, row 148)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"input.img_url": ("url", 10 * MiB)}

    input: Wan22I2VInput
    """`{"img_url": ..., "prompt": ...}`."""

    parameters: Wan22I2VParameters | UnsetType = UNSET
    """`{"resolution": "1080P", "duration": 5, ...}`."""


# --- Wan 2.6 (§16.11) ------------------------------------------------------------------------------


class Wan26I2VInput(RequestStruct, kw_only=True):
    """`input` of Wan 2.6 i2v (value sets marked 3P in §16.11 are inferred from the upstream model)."""

    img_url: MediaRef
    """Input image: URL or base64 (flavour c; a file is sent as a data URI), 360-2000 px, ≤ 10 MB."""

    prompt: Annotated[str, Meta(max_length=2000)] | UnsetType = UNSET
    """The prompt, up to 2000 characters (ignored when `template` is set)."""

    template: str | UnsetType = UNSET
    """Effect template name (values not documented)."""

    audio_url: MediaRef | UnsetType = UNSET
    """Soundtrack URL: wav/mp3, 3-30 s, ≤ 15 MB; overrides `parameters.audio`."""

    negative_prompt: Annotated[str, Meta(max_length=500)] | UnsetType = UNSET
    """What to avoid, up to 500 characters."""


class Wan26I2VParameters(RequestStruct, kw_only=True):
    """`parameters` of Wan 2.6 i2v."""

    resolution: Literal["720P", "1080P"] | UnsetType = UNSET
    """`720P` or `1080P` (default)."""

    duration: Literal[5, 10, 15] | UnsetType = UNSET
    """Seconds: 5 (default), 10 or 15."""

    shot_type: Literal["single", "multi"] | UnsetType = UNSET
    """`single` (default) or `multi`; only with `prompt_extend`."""

    audio: bool | UnsetType = UNSET
    """Generate audio automatically (default true)."""

    watermark: bool | UnsetType = UNSET
    """Add a watermark (default false)."""

    prompt_extend: bool | UnsetType = UNSET
    """Let the service rewrite the prompt (default true)."""

    seed: Seed31 | UnsetType = UNSET
    """Seed, [0, 2147483647]."""


class Wan26I2VRequest(AsyncRequest, kw_only=True):
    """Body of `POST /v3/async/wan2.6-i2v` (§16.11, row 149; no hyphen after `wan`)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "input.img_url": ("data_uri", 10 * MiB),
        "input.audio_url": ("url", 15 * MiB),
    }

    input: Wan26I2VInput
    """`{"img_url": ..., "prompt": ..., ...}`."""

    parameters: Wan26I2VParameters | UnsetType = UNSET
    """`{"resolution": "1080P", "duration": 5, ...}`."""

    def __post_init__(self) -> None:
        params = self.parameters
        if params is not UNSET and params.shot_type is not UNSET and params.prompt_extend is False:
            raise ValueError("`parameters.shot_type` needs `parameters.prompt_extend`")


# --- Hunyuan Video Fast (§16.12) -------------------------------------------------------------------


class HunyuanVideoFastRequest(AsyncRequest, kw_only=True):
    """Body of `POST /v3/async/hunyuan-video-fast` (§16.12, row 151).

    The old page requires `frames` [85, 129] and allows 6 sizes; the new page drops `frames` and keeps
    1280x720 / 720x1280. Recommendation (§16.12): send `frames` (85 when absent) and a 720/1280 pair.
    """

    prompt: Prompt2000
    """What happens in the video, 1-2000 characters."""

    width: Literal[480, 640, 720, 864, 1280]
    """Width; new page: 720 or 1280."""

    height: Literal[480, 640, 720, 864, 1280]
    """Height; pairs (640,480), (480,640), (480,864), (864,480), (1280,720), (720,1280)."""

    seed: SeedWide
    """Seed, [-1, 9999999999]."""

    steps: Annotated[int, Meta(ge=2, le=30)]
    """Steps, [2, 30]."""

    frames: Annotated[int, Meta(ge=85, le=129)] | UnsetType = UNSET
    """Frames, [85, 129] (old page; 85 when absent, as the JS SDK sends)."""

    model_name: Literal["hunyuan-video-fast"] | UnsetType = UNSET
    """Always `hunyuan-video-fast` (filled in)."""

    def __post_init__(self) -> None:
        _check_pair(self.width, self.height, _HUNYUAN_SIZES)
        if self.frames is UNSET:
            self.frames = 85
        if self.model_name is UNSET:
            self.model_name = "hunyuan-video-fast"
