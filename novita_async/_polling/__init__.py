"""Submit-then-poll made awaitable: task handles, the one poller per client, and waiting helpers."""

from ._backends import BACKENDS, TaskBackend
from ._cadence import PollPolicy
from ._durations import DurationModel
from ._helpers import TaskOutcome, as_completed, gather_tasks
from ._poller import Poller, PollerStats
from ._status import TaskStatus, TaskUpdate
from ._task import Task

__all__ = (
    "BACKENDS",
    "DurationModel",
    "PollPolicy",
    "Poller",
    "PollerStats",
    "Task",
    "TaskBackend",
    "TaskOutcome",
    "TaskStatus",
    "TaskUpdate",
    "as_completed",
    "gather_tasks",
)
