"""The values a batch takes in and hands out: `BatchItem`, `BatchOutcome`, `BatchStats`.

An item is keyed by a caller-chosen `id`, not by its position: the id names the output directory and
the journal row, so a re-run of the same input (even reordered) finds its earlier work.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from typing import Any, Literal

import msgspec

__all__ = ("BatchItem", "BatchOutcome", "BatchStats", "InvalidInput", "OutcomeStatus", "aiter_any", "raw_id")

OutcomeStatus = Literal["succeeded", "failed", "unknown", "skipped"]
"""`unknown`: a paid submit may or may not have created a task (answer lost, or the process died while
submitting); it is never re-sent unless asked (`resubmit_unknown=True`). `skipped`: never attempted,
because the batch stopped on a fatal error (a re-run will attempt it)."""


class BatchItem(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One request of a batch: `{"id": ..., "endpoint": "txt2img", "request": {...}}`.

    `request` holds the endpoint's wire fields (the keywords of e.g. `client.images.txt2img`), `extra`
    the optional v3 `extra` object.
    """

    id: str
    request: dict[str, Any] = msgspec.field(default_factory=dict)
    endpoint: str = "txt2img"
    extra: dict[str, Any] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class InvalidInput:
    """An input that could not even be parsed (e.g. a malformed JSONL line): it becomes a failed outcome,
    so the "one outcome per input" rule holds for bad input too."""

    id: str
    error: str


@dataclasses.dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What became of one request. Exactly one per input item, errors included (never fail-fast).

    `files` are paths relative to the batch's `out_dir`. `result` is the task's final result (e.g.
    `TaskResult`) when it was fetched in this run; None for items finished by an earlier run
    (`resumed=True`) or that failed.
    """

    id: str
    index: int
    status: OutcomeStatus
    task_id: str | None = None
    files: tuple[str, ...] = ()
    error: str | None = None
    error_type: str | None = None
    endpoint: str = ""
    result: Any = None
    resumed: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "succeeded"

    def to_json(self) -> dict[str, Any]:
        """The `results.jsonl` line of this outcome."""
        return {
            "id": self.id,
            "status": self.status,
            "task_id": self.task_id,
            "files": list(self.files),
            "error": self.error,
            "error_type": self.error_type,
        }


@dataclasses.dataclass
class BatchStats:
    """Live counters of a running batch, for progress displays, tests and benchmarks."""

    started_at: float = dataclasses.field(default_factory=time.monotonic)
    pulled: int = 0
    succeeded: int = 0
    failed: int = 0
    unknown: int = 0
    skipped: int = 0
    resumed: int = 0
    submitting: int = 0
    tasks_in_flight: int = 0
    downloading: int = 0
    peak_submitting: int = 0
    peak_tasks: int = 0
    peak_downloading: int = 0
    submits: int = 0
    attached: int = 0
    rate_limited: int = 0
    """Submit attempts the server refused with 429 (the client's retry rule sent them again later)."""
    stopped: str | None = None
    """Why the batch stopped submitting (a fatal error), if it did."""

    @property
    def done(self) -> int:
        return self.succeeded + self.failed + self.unknown + self.skipped

    @property
    def in_flight(self) -> int:
        return self.pulled - self.done

    def record(self, outcome: BatchOutcome) -> None:
        if outcome.status == "succeeded":
            self.succeeded += 1
        elif outcome.status == "failed":
            self.failed += 1
        elif outcome.status == "unknown":
            self.unknown += 1
        else:
            self.skipped += 1
        if outcome.resumed:
            self.resumed += 1

    def lane(self, name: str, delta: int) -> None:
        """Move a lane counter (`submitting`, `tasks_in_flight`, `downloading`) and track its peak."""
        value = getattr(self, name) + delta
        setattr(self, name, value)
        peak = {"submitting": "peak_submitting", "tasks_in_flight": "peak_tasks"}.get(name, "peak_downloading")
        if value > getattr(self, peak):
            setattr(self, peak, value)


def raw_id(raw: Any, index: int) -> str:
    """The id an input that is not a valid item reports under: its own `id` if it has one, else `#index`."""
    if isinstance(raw, InvalidInput):
        return raw.id
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    return f"#{index}"


async def aiter_any(source: Iterable[Any] | AsyncIterable[Any]) -> AsyncIterator[Any]:
    """Iterate a batch's input, sync or async, the same way."""
    if isinstance(source, AsyncIterable):
        async for item in source:
            yield item
    else:
        for item in source:
            yield item
