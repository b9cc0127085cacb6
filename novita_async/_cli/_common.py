"""What every command shares: opening a client against the real API or the bundled emulator, and the
errors that end a command with one clear line."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

from .. import _constants as C
from .._client import NovitaClient
from .._polling import PollPolicy

__all__ = ("CLIError", "RedactFilter", "open_client", "parse_rpm")


class CLIError(Exception):
    """A usage or configuration problem: printed as one line, exit status 2."""


class RedactFilter(logging.Filter):
    """Belt and braces: the client never logs its headers, but no log line may ever carry the key."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secret and self.secret in record.getMessage():
            record.msg = record.getMessage().replace(self.secret, "***")
            record.args = ()
        return True


def _redact_logs(key: str) -> None:
    for logger in (logging.getLogger(), logging.getLogger("novita_async")):
        for handler in logger.handlers:
            handler.addFilter(RedactFilter(key))


def parse_rpm(text: str | float | None) -> float | None:
    """`--rpm`: None (learn the pace), or a number >= 0 (0 = no pacing); anything else is a CLIError."""
    if text is None:
        return None
    try:
        rpm = float(text)
    except ValueError:
        rpm = float("nan")
    if not 0 <= rpm < float("inf"):  # also rejects NaN
        raise CLIError(f"--rpm must be a number >= 0 (0 = no pacing), not {text!r}")
    return rpm


@contextlib.asynccontextmanager
async def open_client(
    emulator: bool, *, task_duration: tuple[float, float] = (0.5, 1.5), poll_interval: float | None = None,
    rpm: str | float | None = None,
) -> AsyncIterator[NovitaClient]:
    """A client on `$NOVITA_API_KEY` / `$NOVITA_BASE_URL`, or on an in-process emulator (`--emulator`).

    `rpm`: None learns each family's pace from 429s (the default); N > 0 pins every family to N units
    (images, or requests for video) per minute; 0 disables pacing.
    """
    rate_limits: dict[str, Any] = {}
    if (rpm := parse_rpm(rpm)) is not None:
        rate_limits["rate_limits"] = {"*": rpm} if rpm > 0 else None
    if emulator:
        from ..testing import EmulatorConfig, EmulatorServer

        async with EmulatorServer(EmulatorConfig(task_duration=task_duration)) as server:
            logging.getLogger("novita_async").info("using the bundled emulator at %s", server.url)
            async with NovitaClient(
                api_key=server.api_key, base_url=server.url, assets_url=server.storage_url,
                poll_policy=PollPolicy(first_delay=0.2, min_interval=0.1, max_interval=1.0), **rate_limits,
            ) as client:
                yield client
        return
    key = os.environ.get(C.API_KEY_ENV)
    if not key:
        raise CLIError(f"no API key: set {C.API_KEY_ENV} (or use --emulator to try things offline)")
    _redact_logs(key)
    kwargs: dict[str, Any] = dict(rate_limits)
    if poll_interval is not None:
        kwargs["poll_policy"] = PollPolicy(first_delay=poll_interval, min_interval=poll_interval,
                                           max_interval=max(poll_interval, 1.0))
    async with NovitaClient(key, **kwargs) as client:
        yield client
