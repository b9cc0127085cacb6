"""`WebhookStats`: what a receiver answered, and what became of the events it accepted."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ("WebhookStats",)


@dataclass(frozen=True)
class WebhookStats:
    """Counters of one receiver (answers given, and what became of the accepted events)."""

    accepted: int
    """Events answered 200 and queued."""
    forbidden: int
    """Requests with a missing or wrong token (403)."""
    malformed: int
    """Bodies that did not decode into an event (400)."""
    oversized: int
    """Bodies over `max_body` (413)."""
    busy: int
    """Requests refused while closed or with a full queue (503; the service retries)."""
    ignored: int
    """Other event types (acknowledged, ignored, as the reference says)."""
    duplicates: int
    """Events for tasks already done (retried deliveries)."""
    early: int
    """Events that came before their submit's answer and were matched later."""
    unknown: int
    """Events no task of this client claimed within the window."""
    confirmed: int
    """Events that triggered a confirming read of the task result."""
    pushed: int
    """Tasks resolved from an event's payload, without any request."""
    held: int
    """Tasks currently held (waiting for their event)."""
