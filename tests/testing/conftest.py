from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import aiohttp
import pytest

from novita_async.testing import EmulatorConfig, EmulatorServer

AUTH = {"Authorization": "Bearer test-key"}


@dataclasses.dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


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
