"""Field types shared by the Part 2 (2025-2026) video and audio requests (novita-api-2026.md §13.3, §16, §17).

Part 2 pages differ per model in names, ranges and even JSON types of the same idea (durations `"5"` vs `5`,
`guidance_scale` vs `cfg_scale`, three seed ranges): the aliases here are named after what they constrain,
and each request module picks the one its page documents. Nothing is normalised across models.
"""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import RequestStruct
from .common import Webhook

__all__ = (
    "AspectRatio",
    "AsyncRequest",
    "NegativePrompt2000",
    "NegativePrompt2500",
    "Prompt2000",
    "Prompt2500",
    "Seed31",
    "SeedWide",
    "TaskExtra",
    "UnitScale",
)

MediaRef = str
"""An image/audio/video input on the wire: a URL, a `data:` URI or base64 depending on the field's flavour
(§13.3). Resource methods also take a `pathlib.Path` or bytes and produce the documented flavour."""

AspectRatio = Literal["16:9", "9:16", "1:1"]
"""The three ratios of the Kling, Vidu Q1 and O1 pages."""

Prompt2000 = Annotated[str, Meta(min_length=1, max_length=2000)]
Prompt2500 = Annotated[str, Meta(min_length=1, max_length=2500)]
NegativePrompt2000 = Annotated[str, Meta(max_length=2000)]
NegativePrompt2500 = Annotated[str, Meta(max_length=2500)]
UnitScale = Annotated[float, Meta(ge=0, le=1)]
"""Guidance / cfg scale of the Kling pages, [0, 1]."""
Seed31 = Annotated[int, Meta(ge=0, le=2147483647)]
"""`[0, 2^31-1]` (Wan 2.2/2.6 inferred, Vidu Q3 where 0 = random)."""
SeedWide = Annotated[int, Meta(ge=-1, le=9999999999)]
"""`[-1, 9999999999]` (Wan 2.1, Hunyuan Video Fast)."""


class TaskExtra(RequestStruct, kw_only=True):
    """The `extra` object of a Part 2 async submit: only `webhook`.

    Only the Wan 2.1 pages show `extra.webhook`; §14.5 recommends allowing it on every async submit
    (delivery is guaranteed only where the page shows it; polling stays the fallback).
    """

    webhook: Webhook | UnsetType = UNSET
    """Deliver the task result to this URL when the task finishes (§14.5)."""


class AsyncRequest(RequestStruct, kw_only=True):
    """Base of every Part 2 async (A3) request body: its fields plus the optional `extra` (webhook)."""

    extra: TaskExtra | UnsetType = UNSET
    """Optional `{"webhook": {...}}` (§14.5)."""
