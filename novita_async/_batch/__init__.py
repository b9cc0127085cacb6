"""Batch generation: an engine that never loses or double-pays a task, with a durable journal."""

from ._endpoints import UnknownEndpointError, normalize_endpoint, resolve_endpoint
from ._engine import Batch
from ._journal import Journal, JournalEntry, JournalError
from ._types import BatchItem, BatchOutcome, BatchStats, InvalidInput, OutcomeStatus

__all__ = (
    "Batch",
    "BatchItem",
    "BatchOutcome",
    "BatchStats",
    "InvalidInput",
    "Journal",
    "JournalEntry",
    "JournalError",
    "OutcomeStatus",
    "UnknownEndpointError",
    "normalize_endpoint",
    "resolve_endpoint",
)
