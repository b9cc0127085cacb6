"""Scripted faults: make the next N requests to a path misbehave in a chosen way.

Faults are what the emulator exists for: a client's retry, timeout and reconciliation logic can only be
tested against a server that fails on purpose, at a known moment, the same way every run.

Usage:

    server.faults.add("/v3/async/txt2img", Fault.http(429, retry_after=1), times=2)
    server.faults.add("/v3/async/txt2img", Fault.reset_after())   # task created, answer lost

Faults for one path are consumed in the order they were added (FIFO); each is used `times` times.
"""

from __future__ import annotations

import contextvars
import dataclasses
import random
import threading
from typing import Any, Literal

__all__ = ("CURRENT_FAULT", "Fault", "FaultKind", "FaultSchedule", "current_fault_kind")

FaultKind = Literal[
    "status", "reset_before", "reset_after", "delay", "delay_after", "truncate", "malformed", "unknown_status"
]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Fault:
    """One way for a request to go wrong.

    * `status`: answer `status_code` with a fitting error body (v3 error object; for `/v2` paths and a
      200 status the v2 envelope with `v2_code`) or `body` if given; `Retry-After` if `retry_after` is set.
    * `reset_before`: close the connection without answering and without processing (no task created).
    * `reset_after`: process the request (a submit creates its task), then close without answering.
    * `delay`: sleep `seconds`, then answer normally.
    * `delay_after`: process (a submit creates its task), then sleep `seconds` before answering: the
      task runs meanwhile, so its webhook can arrive before the submit's answer.
    * `truncate`: process, then send a `Content-Length` larger than the bytes sent and close.
    * `malformed`: answer 200 with a body that is not JSON, without processing.
    * `unknown_status`: on a submit path, the created task always reports `TASK_STATUS_UNKNOWN`; on
      `/v3/async/task-result`, that one poll reports it.
    """

    kind: FaultKind
    status_code: int = 500
    body: Any = None
    """Custom body for `status`: a dict/list is sent as JSON, str/bytes verbatim."""
    retry_after: float | None = None
    seconds: float = 0.0
    v2_code: int = -1
    message: str | None = None

    @classmethod
    def http(
        cls,
        status_code: int,
        *,
        body: Any = None,
        retry_after: float | None = None,
        v2_code: int = -1,
        message: str | None = None,
    ) -> Fault:
        """Answer with `status_code` and an error body."""
        return cls(
            kind="status",
            status_code=status_code,
            body=body,
            retry_after=retry_after,
            v2_code=v2_code,
            message=message,
        )

    @classmethod
    def reset_before(cls) -> Fault:
        """Drop the connection before the request is processed."""
        return cls(kind="reset_before")

    @classmethod
    def reset_after(cls) -> Fault:
        """Process the request, then drop the connection: the ambiguous submit."""
        return cls(kind="reset_after")

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        """Answer normally after `seconds`."""
        return cls(kind="delay", seconds=seconds)

    @classmethod
    def delay_after(cls, seconds: float) -> Fault:
        """Process the request, then answer after `seconds` (a slow answer to a request that did happen)."""
        return cls(kind="delay_after", seconds=seconds)

    @classmethod
    def truncate(cls) -> Fault:
        """Send fewer body bytes than `Content-Length` promises, then close."""
        return cls(kind="truncate")

    @classmethod
    def malformed(cls) -> Fault:
        """Answer 200 with invalid JSON."""
        return cls(kind="malformed")

    @classmethod
    def unknown_status(cls) -> Fault:
        """Report `TASK_STATUS_UNKNOWN` (see the class docstring)."""
        return cls(kind="unknown_status")


CURRENT_FAULT: contextvars.ContextVar[Fault | None] = contextvars.ContextVar("novita_emulator_fault", default=None)
"""The fault applied to the request being handled (set by the middleware; a context variable because a
request handler runs in the middleware's task and aiohttp's request storage wants version-specific keys)."""


def current_fault_kind() -> FaultKind | None:
    fault = CURRENT_FAULT.get()
    return None if fault is None else fault.kind


@dataclasses.dataclass
class _Entry:
    path: str
    method: str | None
    fault: Fault
    remaining: int
    """Applications left; -1 for a random fault that never runs out."""
    probability: float | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path


class FaultSchedule:
    """The queue of pending faults, shared by the API host and the storage host."""

    def __init__(self, seed: int | None = None) -> None:
        self._entries: list[_Entry] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.fired: list[tuple[str, str, FaultKind]] = []
        """(method, path, kind) of every fault that was applied, in order."""

    def add(
        self,
        path: str,
        fault: Fault,
        *,
        times: int | None = None,
        method: str | None = None,
        probability: float | None = None,
    ) -> None:
        """Queue `fault` for the next `times` requests to `path` (a trailing `*` matches a prefix).

        With `probability`, each matching request draws: the fault hits that share of them (seeded by
        `EmulatorConfig.seed`), `times` times at most, or for ever when `times` is None. That is how a
        long-running emulator injects, say, 10% of 503s (`novita-async emulator --fault http:503,rate=0.1`).
        """
        if times is not None and times < 1:
            raise ValueError("times must be >= 1")
        if probability is not None and not 0 < probability <= 1:
            raise ValueError("probability must be in (0, 1]")
        remaining = times if times is not None else (-1 if probability is not None else 1)
        with self._lock:
            self._entries.append(_Entry(path, method.upper() if method else None, fault, remaining, probability))

    def clear(self) -> None:
        """Forget every pending fault."""
        with self._lock:
            self._entries.clear()

    @property
    def pending(self) -> int:
        """How many fault applications are still queued (random faults without a count are not counted)."""
        return sum(e.remaining for e in self._entries if e.remaining > 0)

    def take(self, method: str, path: str) -> Fault | None:
        """Consume and return the first fault matching this request, if any."""
        if not self._entries:  # the hot path: no faults scripted
            return None
        with self._lock:
            for i, entry in enumerate(self._entries):
                if entry.matches(method, path):
                    if entry.probability is not None and self._rng.random() >= entry.probability:
                        continue
                    entry.remaining -= 1
                    if entry.remaining == 0:
                        del self._entries[i]
                    self.fired.append((method, path, entry.fault.kind))
                    return entry.fault
        return None
