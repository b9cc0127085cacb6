"""Pytest fixtures for testing code against the emulator (registered through the `pytest11` entry point).

`novita_emulator` is an async fixture: it needs the anyio pytest plugin, with `anyio_backend` returning
`"asyncio"` (aiohttp is asyncio-only).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

from ._server import EmulatorServer

if TYPE_CHECKING:
    from .. import NovitaClient

__all__ = ("novita_client", "novita_emulator")


@pytest.fixture
async def novita_emulator() -> AsyncIterator[EmulatorServer]:
    """A running `EmulatorServer` with the default (fast) configuration, fresh for each test."""
    async with EmulatorServer() as server:
        yield server


# --- novita_client -------------------------------------------------------------------------------
# The client team adds a `novita_client` fixture here: a client pointed at `novita_emulator.url` with
# `novita_emulator.api_key`. This module must not import the client at import time (the emulator stays
# independent of the client's types), so import it inside the fixture body.


@pytest.fixture
async def novita_client(novita_emulator: EmulatorServer) -> AsyncIterator[NovitaClient]:
    """A `NovitaClient` open against `novita_emulator`, with pacing off and a fast poll cadence."""
    from .. import NovitaClient, PollPolicy

    async with NovitaClient(
        api_key=novita_emulator.api_key,
        base_url=novita_emulator.url,
        assets_url=novita_emulator.storage_url,
        rate_limits=None,
        poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.5),
    ) as client:
        yield client
