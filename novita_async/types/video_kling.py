"""Kling video requests: V1.6, V2.1, 2.5 Turbo, O1 and V2.6 Pro (novita-api-2026.md §16.2-§16.6, rows 131-142).

All are async (A3, flat bodies): submit answers `{"task_id"}`, the video arrives in `TaskResult.videos`.
The pages disagree on purpose-identical fields and each Struct follows its own page (§13.3, §18):

* `duration` is a JSON **string** (`"5"`, `"10"`) on V2.1 and 2.5 Turbo, an **integer** on V1.6, O1, V2.6;
* guidance is `guidance_scale` on V1.6/V2.1 and `cfg_scale` on 2.5 Turbo/V2.6;
* `mode` is `Standard`/`Professional` on V1.6/V2.1 but lower-case `pro` on 2.5 Turbo;
* the first frame is `image_url` (URL only) on V1.6 and `image` on the later pages.

Rows 140 (O1 ref2v) and 164 (V3.0) have no established path and no Struct (§16.5, §16.6).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import MiB
from ._models import ImageFlavour
from ._part2 import (
    AspectRatio,
    AsyncRequest,
    MediaRef,
    NegativePrompt2000,
    NegativePrompt2500,
    Prompt2000,
    Prompt2500,
    UnitScale,
)

__all__ = (
    "Kling25TurboI2VRequest",
    "Kling25TurboT2VRequest",
    "KlingO1I2VRequest",
    "KlingO1T2VRequest",
    "KlingV16I2VRequest",
    "KlingV16T2VRequest",
    "KlingV21I2VMasterRequest",
    "KlingV21I2VRequest",
    "KlingV21T2VMasterRequest",
    "KlingV26ProI2VRequest",
    "KlingV26ProT2VRequest",
)

KlingStringDuration = Literal["5", "10"]
"""V2.1 / 2.5 Turbo: a JSON string (§16.3: send `"5"`, not `5`)."""
KlingIntDuration = Literal[5, 10]
"""V1.6 (new page), O1, V2.6: an integer."""

# The V2.1+ pages say "jpg/jpeg/png, ≤ 10 MB" without saying URL or base64 (§16.3): a URL passes through, a
# file becomes a data URI, the §13.3 recommendation for flavour (c).


# --- V1.6 (§16.2) ----------------------------------------------------------------------------------


class _KlingV16Base(AsyncRequest, kw_only=True):
    """Fields shared by Kling V1.6 t2v and i2v."""

    prompt: Prompt2000
    """What happens in the video, 1-2000 characters."""

    negative_prompt: NegativePrompt2000 | UnsetType = UNSET
    """What to avoid, up to 2000 characters."""

    guidance_scale: UnitScale | UnsetType = UNSET
    """Prompt adherence, [0, 1] (default 0.5)."""


class KlingV16T2VRequest(_KlingV16Base, kw_only=True):
    """Body of `POST /v3/async/kling-v1.6-t2v` (§16.2, row 131): a 5 s 720p video from text."""

    mode: Literal["Standard"] | UnsetType = UNSET
    """`Standard` (the only value the page lists)."""

    duration: KlingIntDuration | UnsetType = UNSET
    """Seconds, `5` or `10` (integer; new page only, default 5)."""


class KlingV16I2VRequest(_KlingV16Base, kw_only=True):
    """Body of `POST /v3/async/kling-v1.6-i2v` (§16.2, row 132): animate a start frame."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "image_url": ("url", 10 * MiB),
        "end_image_url": ("url", 10 * MiB),
    }

    image_url: MediaRef
    """Start frame: a public URL (flavour a, §13.3)."""

    mode: Literal["Standard", "Professional"] | UnsetType = UNSET
    """`Standard` (720p, default) or `Professional` (1080p, allows `end_image_url`)."""

    end_image_url: MediaRef | UnsetType = UNSET
    """End frame URL; only with `mode="Professional"`."""

    def __post_init__(self) -> None:
        if self.end_image_url is not UNSET and self.mode != "Professional":
            raise ValueError('`end_image_url` needs `mode="Professional"`')


# --- V2.1 (§16.3) ----------------------------------------------------------------------------------


class _KlingV21Base(AsyncRequest, kw_only=True):
    """Fields shared by the Kling V2.1 requests (string `duration`)."""

    prompt: Prompt2500
    """What happens in the video, up to 2500 characters."""

    negative_prompt: NegativePrompt2500 | UnsetType = UNSET
    """What to avoid, up to 2500 characters."""

    duration: KlingStringDuration | UnsetType = UNSET
    """Seconds as a **string**, `"5"` (default) or `"10"`."""

    guidance_scale: UnitScale | UnsetType = UNSET
    """Prompt adherence, [0, 1] (default 0.5)."""


class KlingV21I2VRequest(_KlingV21Base, kw_only=True):
    """Body of `POST /v3/async/kling-v2.1-i2v` (§16.3, row 133)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image": ("data_uri", 10 * MiB)}

    image: MediaRef
    """First frame: jpg/jpeg/png, ≤ 10 MB, ≥ 300×300 px (URL, or a file sent as a data URI)."""

    mode: Literal["Standard", "Professional"] | UnsetType = UNSET
    """`Standard` (720p, default) or `Professional` (1080p)."""


class KlingV21I2VMasterRequest(_KlingV21Base, kw_only=True):
    """Body of `POST /v3/async/kling-v2.1-i2v-master` (§16.3, row 134)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image": ("data_uri", 10 * MiB)}

    image: MediaRef
    """First frame: jpg/jpeg/png, ≤ 10 MB, ≥ 300×300 px."""


class KlingV21T2VMasterRequest(_KlingV21Base, kw_only=True):
    """Body of `POST /v3/async/kling-v2.1-t2v-master` (§16.3, row 135)."""

    aspect_ratio: AspectRatio | UnsetType = UNSET
    """`16:9` (default), `9:16` or `1:1`."""


# --- 2.5 Turbo (§16.4) -----------------------------------------------------------------------------


class _Kling25TurboBase(AsyncRequest, kw_only=True):
    """Fields shared by Kling 2.5 Turbo t2v and i2v (`cfg_scale`, lower-case `mode`)."""

    prompt: Prompt2500
    """What happens in the video, up to 2500 characters."""

    negative_prompt: NegativePrompt2500 | UnsetType = UNSET
    """What to avoid, up to 2500 characters."""

    duration: KlingStringDuration | UnsetType = UNSET
    """Seconds as a **string**, `"5"` (default) or `"10"`."""

    cfg_scale: UnitScale | UnsetType = UNSET
    """Prompt adherence, [0, 1] (default 0.5); this page says `cfg_scale`, not `guidance_scale`."""

    mode: Literal["pro"] | UnsetType = UNSET
    """`pro`, lower-case (the only value)."""


class Kling25TurboT2VRequest(_Kling25TurboBase, kw_only=True):
    """Body of `POST /v3/async/kling-2.5-turbo-t2v` (§16.4, row 136; slug without `v`)."""

    aspect_ratio: AspectRatio | UnsetType = UNSET
    """`16:9` (default), `9:16` or `1:1`."""


class Kling25TurboI2VRequest(_Kling25TurboBase, kw_only=True):
    """Body of `POST /v3/async/kling-2.5-turbo-i2v` (§16.4, row 137)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image": ("data_uri", 10 * MiB)}

    image: MediaRef
    """First frame: jpg/jpeg/png, ≤ 10 MB, ≥ 300×300 px."""


# --- O1 (§16.5) ------------------------------------------------------------------------------------


class _KlingO1Base(AsyncRequest, kw_only=True):
    """Fields shared by Kling O1 t2v and i2v (integer `duration`)."""

    prompt: Annotated[str, Meta(min_length=1)]
    """What happens in the video."""

    duration: KlingIntDuration | UnsetType = UNSET
    """Seconds, `5` (default) or `10` (integer)."""

    aspect_ratio: AspectRatio | UnsetType = UNSET
    """`16:9` (default), `9:16` or `1:1`."""


class KlingO1T2VRequest(_KlingO1Base, kw_only=True):
    """Body of `POST /v3/async/kling-o1-t2v` (§16.5, row 138)."""


class KlingO1I2VRequest(_KlingO1Base, kw_only=True):
    """Body of `POST /v3/async/kling-o1-i2v` (§16.5, row 139).

    The Novita blog says `image_url`; the reference page says `image` (§18: use the page).
    """

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {
        "image": ("data_uri", 10 * MiB),
        "last_image": ("data_uri", 10 * MiB),
    }

    image: MediaRef
    """First frame."""

    last_image: MediaRef | UnsetType = UNSET
    """Last frame."""


# --- V2.6 Pro (§16.6) ------------------------------------------------------------------------------


class _KlingV26Base(AsyncRequest, kw_only=True):
    """Fields shared by Kling V2.6 Pro t2v and i2v."""

    prompt: Prompt2500
    """What happens in the video, up to 2500 characters."""

    negative_prompt: NegativePrompt2500 | UnsetType = UNSET
    """What to avoid, up to 2500 characters."""

    sound: bool | UnsetType = UNSET
    """Generate audio with the video (default true)."""

    duration: KlingIntDuration | UnsetType = UNSET
    """Seconds, `5` (default) or `10` (integer)."""

    cfg_scale: UnitScale | UnsetType = UNSET
    """Prompt adherence, [0, 1]."""

    aspect_ratio: AspectRatio | UnsetType = UNSET
    """`16:9`, `9:16` or `1:1` (printed defaults: t2v `1:1`, i2v `16:9`)."""


class KlingV26ProT2VRequest(_KlingV26Base, kw_only=True):
    """Body of `POST /v3/async/kling-v2.6-pro-t2v` (§16.6, row 141)."""


class KlingV26ProI2VRequest(_KlingV26Base, kw_only=True):
    """Body of `POST /v3/async/kling-v2.6-pro-i2v` (§16.6, row 142)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"image": ("data_uri", 10 * MiB)}

    image: MediaRef
    """First frame: jpg/jpeg/png ≤ 10 MB, ≥ 300 px, aspect 1:2.5 to 2.5:1."""

    voice_list: Annotated[list[Any], Meta(max_length=2)] | UnsetType = UNSET
    """Up to 2 voice ids (the page's item schema is `{}`, so items are passed through)."""
