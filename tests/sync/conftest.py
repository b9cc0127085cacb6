"""The emulator for sync-client tests runs in a loop thread of its own.

A sync client blocks the calling thread; if the emulator served from that same thread's event loop (as
the async fixtures do), every call would deadlock. So these fixtures are plain (sync) pytest fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from _sync_helpers import client_for, emulator_thread

from novita_async import SyncNovitaClient
from novita_async.testing import EmulatorServer


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    with emulator_thread() as server:
        yield server


@pytest.fixture
def sync_client(emulator: EmulatorServer) -> Iterator[SyncNovitaClient]:
    with client_for(emulator) as client:
        yield client
