"""Webhook mode: task results pushed to us instead of polled, with polling as the safety net."""

from ._namespace import Webhooks
from ._policy import WebhookPolicy
from ._receiver import UnknownEventHandler, WebhookReceiver
from ._stats import WebhookStats

__all__ = ("UnknownEventHandler", "WebhookReceiver", "WebhookPolicy", "WebhookStats", "Webhooks")
