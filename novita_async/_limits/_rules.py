"""The pure rules of rate control: what a request costs, which family it paces, and how a learned pace
moves (CUBIC's curve, the plateau after a 429). Small functions of numbers, tested without a clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from .._catalogue import ENDPOINTS, cost_field, request_cost
from .._constants import (
    RATE_DECREASE,
    RATE_FLOOR,
    RATE_PROBE_PERIOD,
    RATE_PROBE_UNITS,
)

__all__ = (
    "RateLimit",
    "cubic_rate",
    "documented_rate_limits",
    "endpoint_family",
    "plateau_after_429",
    "probe_period",
    "submit_cost",
)


@dataclass(frozen=True)
class RateLimit:
    """`requests` per `per` seconds, allowing bursts of up to `burst` (default: `requests`)."""

    requests: float
    per: float = 60.0
    burst: float | None = None

    @property
    def rate(self) -> float:
        return self.requests / self.per


def endpoint_family(path: str) -> str:
    """The pacing family of a path: its last segment (`/v3/async/txt2img` → `txt2img`)."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def submit_cost(path: str, request: Any) -> float:
    """Units one submit to `path` spends of its family's limit: its images on IPM endpoints (`image_num`,
    `num_images`, ... per the catalogue), else 1. `request` is a request Struct or a plain dict."""
    if isinstance(request, msgspec.Struct):  # only the field that counts (a request has dozens)
        field = cost_field(path)
        if not field:
            return 1.0
        request = {field: getattr(request, field)} if field in request.__struct_fields__ else None
    return request_cost(path, request if isinstance(request, Mapping) else None)


def documented_rate_limits() -> dict[str, float]:
    """`rate_limits="documented"`: the documented per-minute defaults per family, from the catalogue."""
    return {endpoint_family(e.path): float(e.rate_limit) for e in ENDPOINTS if e.rate_limit is not None}


def cubic_rate(plateau: float, elapsed: float, period: float, *, beta: float = RATE_DECREASE) -> float:
    """CUBIC's curve as a rate: `beta`·plateau at the decrease, the plateau after `period` s, then faster."""
    x = (elapsed - period) / period
    return plateau * (1.0 + (1.0 - beta) * x * x * x)


def probe_period(plateau: float) -> float:
    """Seconds the climb back to `plateau` takes: about `RATE_PROBE_UNITS` units' worth, bounded."""
    low, high = RATE_PROBE_PERIOD
    return min(high, max(low, RATE_PROBE_UNITS / plateau))


def plateau_after_429(current: float | None, accepted: float, minute: float = 0.0) -> float | None:
    """The plateau after a 429, from rates in units/s; None when there is no evidence to learn from.

    What the server accepted lately, never above the pace that failed (`current`). If it accepted nothing
    lately (a per-minute window still full), its average over the last minute, a pace it proved it
    sustains; if that is nothing too, half the pace that failed. An unpaced family with no accepted
    answer at all has no rate to go on (the caller pauses instead).
    """
    estimate = accepted if accepted > 0 else minute
    if estimate <= 0:
        if current is None:
            return None
        estimate = current / 2.0
    if current is not None:
        estimate = min(current, estimate)
    return max(RATE_FLOOR, estimate)
