from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from novita_async import NovitaClient, PollPolicy
from novita_async.testing import EmulatorConfig, EmulatorServer

FAST = PollPolicy(first_delay=0.05, min_interval=0.02, max_interval=0.3, seed=1)


@pytest.fixture
def emulator_config() -> EmulatorConfig:
    return EmulatorConfig(seed=5, task_duration=(0.1, 0.2), webhook_retry_delay=0.01)


@pytest.fixture
async def emulator(emulator_config: EmulatorConfig) -> AsyncIterator[EmulatorServer]:
    async with EmulatorServer(emulator_config) as server:
        yield server


@pytest.fixture
async def client(emulator: EmulatorServer) -> AsyncIterator[NovitaClient]:
    async with NovitaClient(
        api_key=emulator.api_key, base_url=emulator.url, assets_url=emulator.storage_url,
        rate_limits=None, poll_policy=FAST, max_retries=0,
    ) as c:
        yield c
