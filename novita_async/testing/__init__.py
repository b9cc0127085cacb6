"""A bundled emulator of the Novita.ai HTTP API, for offline pipelines, tests and benchmarks.

It speaks the wire format of the reference (`novita-api.md`) over real loopback HTTP and is deliberately
built from plain dicts, never from the client's own types, so that it can catch a misspelt field.
"""

from __future__ import annotations

from ._config import EmulatorConfig
from ._faults import Fault, FaultKind, FaultSchedule
from ._loop_health import LoopMonitor
from ._process import EmulatorProcess
from ._server import EmulatorServer, serve
from ._state import EmulatorState, StorageRequest, TaskRecord, TrainingRecord, WebhookDelivery

__all__ = (
    "EmulatorConfig",
    "EmulatorServer",
    "EmulatorState",
    "EmulatorProcess",
    "Fault",
    "FaultKind",
    "FaultSchedule",
    "LoopMonitor",
    "StorageRequest",
    "TaskRecord",
    "TrainingRecord",
    "WebhookDelivery",
    "serve",
)
