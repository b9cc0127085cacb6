"""Shared by the sync-client tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from anyio.from_thread import start_blocking_portal

from novita_async import PollPolicy, SyncNovitaClient
from novita_async.testing import EmulatorConfig, EmulatorServer

FAST_POLLS = PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.5)


@contextmanager
def emulator_thread(**config: Any) -> Iterator[EmulatorServer]:
    """An emulator serving from a loop thread of its own (a sync client blocks the caller's thread)."""
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(
        EmulatorServer(EmulatorConfig(**config))
    ) as server:
        yield server


def client_for(server: EmulatorServer, **options: Any) -> SyncNovitaClient:
    return SyncNovitaClient(
        api_key=server.api_key, base_url=server.url, assets_url=server.storage_url,
        rate_limits=None, poll_policy=FAST_POLLS, **options,
    )
