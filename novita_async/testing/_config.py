"""Knobs of the emulator.

The defaults are tuned for fast tests: tasks finish in a tenth of a second, nothing is rate limited and
the account never runs dry. Benchmarks and users' offline pipelines turn the knobs towards realism.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Literal

__all__ = ("DurationShape", "EmulatorConfig")

DurationShape = Literal["uniform", "exponential", "lognormal"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class EmulatorConfig:
    """Behaviour of an `EmulatorServer`. Immutable; build a new one with `dataclasses.replace`."""

    api_keys: frozenset[str] = frozenset({"test-key"})
    """Keys accepted on the API host. The first (sorted) one is `EmulatorServer.api_key`."""
    task_duration: tuple[float, float] = (0.05, 0.15)
    """Seconds a generation task spends PROCESSING, drawn per task (seeded by `seed`) from
    `duration_distribution` with these two parameters (lo, hi)."""
    duration_distribution: DurationShape = "uniform"
    """How `task_duration` and `model_durations` are read, per task:

    * `uniform`: uniform on [lo, hi];
    * `exponential`: lo plus an exponential of mean hi - lo (memoryless: a task's age tells nothing);
    * `lognormal`: log-normal with 5th percentile lo and 95th percentile hi (a heavy right tail)."""
    model_durations: dict[str, tuple[float, float]] = dataclasses.field(default_factory=dict)
    """`model_name` -> (lo, hi) replacing `task_duration` for that model's tasks (a 4-step turbo model and
    a 50-step SDXL model share an endpoint, not a duration)."""
    queue_delay: float = 0.0
    """Seconds a task stays QUEUED before it starts PROCESSING (or before it joins the `capacity` queue)."""
    capacity: int | None = None
    """At most this many generation tasks PROCESSING at once (None: unlimited). Later ones wait QUEUED,
    first in first out; while queued, their eta (if reported) is estimated from their queue position:
    (position + 1) / capacity mean durations, plus their own mean duration."""
    report_progress: bool = True
    """If False, `progress_percent` (v3) and `progress` (v2) stay 0, as real image tasks often do."""
    report_eta: bool = True
    """If False, `eta` (v3) and `eta_relative` (v2) stay 0."""
    eta_resolution: float = 1.0
    """The v3 `eta` is rounded up to a multiple of this many seconds (the service reports whole seconds;
    with time scaled down, scale this with it). The v2 `eta_relative` is always whole seconds."""
    image_url_ttl: int = 3600
    """Seconds the pre-signed output URLs stay valid; afterwards the storage host answers 403."""
    image_size: int = 0
    """Extra padding bytes appended to every generated output file (for download benchmarks)."""
    render_images: bool = True
    """Draw image outputs at the requested size, from the prompt and seed (see `_render`); False serves a
    tiny fixed placeholder instead (cheaper, for download benchmarks). Padding (`image_size`) implies False."""
    training_duration: tuple[float, float] = (0.2, 0.4)
    """Seconds a training task spends TRAINING."""
    credit_balance: int = 1_000_000
    """Starting balance, in the API's unit (0.0001 USD)."""
    cost_per_image: int = 0
    """Credits charged per generated image; 0 disables billing."""
    rate_limits: dict[str, tuple[int, float]] = dataclasses.field(default_factory=dict)
    """Family (last path segment such as `txt2img`, or a full path) -> (max requests, per seconds)."""
    retry_after: float | None = None
    """If set, every 429 answer (rate limit) carries `Retry-After` with this many seconds."""
    submit_rate_limit: tuple[float, float] | None = None
    """(units, per seconds): a sliding-window limit per API key and endpoint on submits only (task
    creations and synchronous generations; polls and reads are never limited). Units are images for image
    endpoints and requests for video, as the documented IPM/RPM limits. Over it: 429, with `Retry-After`
    only if `retry_after` is set (the real service documents none)."""
    fail_prompt_marker: str = "[fail]"
    """A task whose prompt contains this string ends FAILED (v2 status 3) with a reason."""
    timeout_prompt_marker: str = "[timeout]"
    """A task whose prompt contains this ends as v2 status 4 (timeout) / v3 FAILED with reason timeout."""
    sync_delay: float = 0.0
    """Seconds the synchronous v3 endpoints (case APIs, LCM) take to answer."""
    webhook_timeout: float = 5.0
    """Seconds a webhook receiver has to answer (the real service: 5 s)."""
    webhook_retry_delay: float = 0.05
    """Seconds between webhook delivery attempts (up to 5 retries, as documented)."""
    webhook_delay: tuple[float, float] = (0.0, 0.0)
    """Seconds between a task's finish and its event's first delivery attempt, drawn uniformly."""
    webhook_loss: float = 0.0
    """Fraction of events never delivered at all (every attempt lost), drawn per task."""
    webhook_duplicates: float = 0.0
    """Fraction of events delivered twice (a retry whose first answer was lost), drawn per task."""
    strict_models: bool = False
    """Unknown `model_name`s fail: the task ends FAILED with reason `model not found` (reference §3.2)."""
    strict_assets: bool = False
    """Every `*_assets_id(s)` field must name an asset uploaded to this emulator's storage host (400 if not)."""
    seed: int | None = None
    """Seed for task ids, durations and generation seeds; None = fresh randomness."""
    clock: Callable[[], float] = time.monotonic
    """Clock driving task state; inject a fake one to step time by hand."""
