from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from novita_async import NovitaClient
from novita_async._polling import PollPolicy
from novita_async.testing import EmulatorConfig, EmulatorServer

FAST = PollPolicy(first_delay=0.05, interval=0.1, min_interval=0.02, max_interval=0.3, seed=1)


@pytest.fixture
def emulator_config() -> EmulatorConfig:
    return EmulatorConfig(seed=3, task_duration=(0.1, 0.2))


@pytest.fixture
async def emulator(emulator_config: EmulatorConfig) -> AsyncIterator[EmulatorServer]:
    async with EmulatorServer(emulator_config) as server:
        yield server


@pytest.fixture
def poll_policy() -> PollPolicy:
    return FAST


@pytest.fixture
async def client(emulator: EmulatorServer, poll_policy: PollPolicy) -> AsyncIterator[NovitaClient]:
    async with NovitaClient(
        api_key=emulator.api_key, base_url=emulator.url, rate_limits=None, poll_policy=poll_policy, max_retries=0
    ) as c:
        yield c
