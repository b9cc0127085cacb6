from __future__ import annotations

import pytest

from novita_async import NovitaClient
from novita_async.testing import EmulatorServer


@pytest.fixture
def server(novita_emulator: EmulatorServer) -> EmulatorServer:
    """The plugin's emulator, under a short name."""
    return novita_emulator


@pytest.fixture
def client(novita_client: NovitaClient) -> NovitaClient:
    """The plugin's client (pointed at `server`), under a short name."""
    return novita_client
