"""What the model endpoints of today (novita-api-2026.md §15-§17) share: image-input flavours, size strings.

Part 2 §13.3: model pages disagree on how an image goes in. A request Struct declares, per field, which
flavour the page documents, in `__image_inputs__` (dotted path, `[]` for list items → flavour and byte
limit); the client turns a `pathlib.Path`, bytes or string into that flavour before anything is sent:

* `url`: a public `http(s)://` URL only (e.g. `image-remove-background.image`); a path or bytes is refused
  client-side, because there is no upload that yields a URL.
* `data_uri`: a URL, or a `data:image/<fmt>;base64,...` URI (Seedream 4.0 "must be" a data URI; the pages
  that say "URL or base64" without saying which get a data URI too, as §13.3 recommends).
* `base64`: bare base64 (`video-merge-face.request.face_image_base64`).

Size strings use two separators (§13.3): `"W*H"` (FLUX.1 Kontext dev, FLUX.2, Qwen-Image, Hunyuan Image 3,
Z-Image) and `"WxH"` (Seedream, GLM Image). The checks below run in `__post_init__`, so a bad size is a
`RequestValidationError` naming the field, before anything is sent.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, RequestStruct
from .common import V3Extra

__all__ = ("AsyncModelRequest", "ImageFlavour", "ModelRequest", "ModelSeed", "OutputFormat")
# The size checks (`check_size`, `check_pixels`, `parse_size`) are shared by the model modules only.

ImageFlavour = Literal["url", "data_uri", "base64"]
"""How an image field must be sent (§13.3): URL only, URL or data URI, bare base64."""

OutputFormat = Literal["jpeg", "png", "webp"]
"""`output_format` of the model endpoints that have one (default `jpeg`)."""

ModelSeed = Annotated[int, Meta(ge=-1, le=2147483647, description="Seed, -1 (default) for random.")]
"""The seed range of most model pages, [-1, 2147483647] (§13.3)."""

_SIZE = {"*": re.compile(r"^(\d{1,5})\*(\d{1,5})$"), "x": re.compile(r"^(\d{1,5})x(\d{1,5})$")}

DEFAULT_IMAGE_LIMIT = 30 * MiB
"""Largest image file the client will encode when a page gives no limit (the Part 1 case-tool limit)."""


def parse_size(value: str, sep: Literal["*", "x"]) -> tuple[int, int] | None:
    """`"1024*768"` (sep `*`) or `"1024x768"` (sep `x`) as (width, height); None if it is not that form."""
    match = _SIZE[sep].match(value)
    return (int(match[1]), int(match[2])) if match else None


def check_size(value: str, sep: Literal["*", "x"], lo: int, hi: int, field: str = "size") -> tuple[int, int]:
    """A `W<sep>H` size with each side in [lo, hi]; raises `ValueError` naming the field."""
    size = parse_size(value, sep)
    if size is None:
        raise ValueError(f"{field} must look like '1024{sep}1024', got {value!r}")
    if not all(lo <= side <= hi for side in size):
        raise ValueError(f"{field}: each side must be in [{lo}, {hi}], got {value!r}")
    return size


def check_pixels(
    value: str,
    tokens: tuple[str, ...],
    lo: int,
    hi: int,
    field: str = "size",
    ratio: float = 16.0,
) -> None:
    """A size token (`2K`) or `"WxH"` with W×H in [lo, hi] and aspect ratio within [1/ratio, ratio]."""
    if value in tokens:
        return
    size = parse_size(value, "x")
    if size is None:
        choices = ", ".join(tokens)
        raise ValueError(f"{field} must be one of {choices} or look like '2048x2048', got {value!r}")
    width, height = size
    if not lo <= width * height <= hi:
        raise ValueError(f"{field}: width × height must be in [{lo}, {hi}], got {value!r}")
    if width == 0 or height == 0 or not 1 / ratio <= width / height <= ratio:
        raise ValueError(f"{field}: aspect ratio must be within [1/{ratio:g}, {ratio:g}], got {value!r}")


class ModelRequest(RequestStruct, kw_only=True):
    """A request body of a Part 2 model endpoint (flat: every field at the top level)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {}


class AsyncModelRequest(ModelRequest, kw_only=True):
    """A flat `/v3/async/<model>` body.

    `extra` is not on the model pages (only Wan 2.1 shows `extra.webhook`), but §14.5 recommends allowing
    `extra.webhook` on every async submit: delivery is guaranteed only where the page shows it, and the
    client keeps polling either way.
    """

    extra: V3Extra | UnsetType = UNSET
    """Optional v3 `extra` (e.g. `webhook`); most model pages do not document it."""
