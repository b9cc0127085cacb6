from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from emulator_helpers import FakeClock

from novita_async.testing import EmulatorConfig, EmulatorServer


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def server(clock: FakeClock) -> AsyncIterator[EmulatorServer]:
    config = EmulatorConfig(seed=7, clock=clock, task_duration=(1.0, 1.0), queue_delay=1.0)
    async with EmulatorServer(config) as srv:
        yield srv


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s
