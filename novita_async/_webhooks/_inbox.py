"""Which task an event is for: bookkeeping only (no I/O, time passed in), so it is testable by hand.

Three memories, each bounded:
* `pending`: hooked tasks awaiting their event, by task id; `claimed`: those whose event came and whose
  resolution is under way (a task leaves both when it is done, however).
* early events: an event can beat the submit's answer (the task id is not known yet when it arrives), so
  an event for an unknown id waits here up to `window` seconds for its task; after that, or when more
  than `max_early` wait, it is handed on as unknown (a task of another process, of an earlier run...).
* finished ids: the service retries deliveries (up to five times), so the same event can come again
  after its task is done, or after it was handed on as unknown; the last `remember` such ids make those
  duplicates no-ops (an unknown event reaches `on_unknown` once, however late its retry comes).
"""

from __future__ import annotations

import collections
import math
from typing import Any

from .._polling import Task
from ..types.tasks import WebhookEvent

__all__ = ("Inbox",)


class Inbox:
    """Matches events to tasks by task id (see the module docstring)."""

    def __init__(self, *, window: float, max_early: int, remember: int) -> None:
        self.window = window
        self.max_early = max_early
        self.remember = remember
        self.pending: dict[str, Task[Any]] = {}
        self.claimed: dict[str, Task[Any]] = {}
        self._early: collections.OrderedDict[str, tuple[float, WebhookEvent]] = collections.OrderedDict()
        self._done: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._evicted: list[WebhookEvent] = []

    def __len__(self) -> int:
        return len(self.pending) + len(self.claimed)

    def add(self, task: Task[Any]) -> WebhookEvent | None:
        """Start waiting for `task`'s event; returns it if it already came (it beat the submit's answer:
        route it again to process it)."""
        self.pending[task.task_id] = task
        entry = self._early.pop(task.task_id, None)
        return None if entry is None else entry[1]

    def forget(self, task_id: str) -> None:
        """`task_id` is done: stop waiting for it, and treat later events for it as duplicates."""
        self.pending.pop(task_id, None)
        self.claimed.pop(task_id, None)
        self._finished(task_id)

    def _finished(self, task_id: str) -> None:
        done = self._done
        done[task_id] = None
        done.move_to_end(task_id)
        while len(done) > self.remember:
            done.popitem(last=False)

    def route(self, event: WebhookEvent, now: float) -> Task[Any] | None:
        """The pending task `event` is for (now claimed); None if it is a duplicate or its task is not
        known (yet)."""
        task_id = event.payload.task.task_id
        task = self.pending.pop(task_id, None)
        if task is not None:
            self.claimed[task_id] = task
            return task
        if self.is_duplicate(task_id) or task_id in self._early:
            return None  # a retried delivery
        self._early[task_id] = (now + self.window, event)
        while len(self._early) > self.max_early:
            evicted_id, (_, evicted) = self._early.popitem(last=False)
            self._finished(evicted_id)  # handed on as unknown: a retry of it is a duplicate
            self._evicted.append(evicted)
        return None

    def is_duplicate(self, task_id: str) -> bool:
        """An event for this task was taken already (its task is done, or being resolved)."""
        return task_id in self._done or task_id in self.claimed

    def expired(self, now: float) -> list[WebhookEvent]:
        """Events whose task never showed up within the window (plus any evicted for room)."""
        out, self._evicted = self._evicted, []
        early = self._early
        while early:
            task_id, (until, event) = next(iter(early.items()))
            if until > now:
                break
            del early[task_id]
            self._finished(task_id)  # handed on as unknown: a retry of it is a duplicate
            out.append(event)
        return out

    def next_expiry(self) -> float:
        """When the oldest early event expires (inf if none waits)."""
        if self._evicted:
            return -math.inf
        return next(iter(self._early.values()))[0] if self._early else math.inf

    @property
    def early(self) -> int:
        """Events currently waiting for their task."""
        return len(self._early)
