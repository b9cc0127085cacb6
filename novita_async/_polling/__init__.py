"""Submit-then-poll made awaitable: task handles and the one poller per client."""

from ._backends import BACKENDS, TaskBackend
from ._cadence import PollPolicy
from ._poller import Poller, PollerStats
from ._status import TaskStatus, TaskUpdate
from ._task import Task

__all__ = (
    "BACKENDS",
    "PollPolicy",
    "Poller",
    "PollerStats",
    "Task",
    "TaskBackend",
    "TaskStatus",
    "TaskUpdate",
)
