from __future__ import annotations

import os

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """aiohttp is asyncio-only, so every async test runs on asyncio."""
    return "asyncio"


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep a developer's real NOVITA_* settings out of the tests."""
    for name in list(os.environ):
        if name.startswith("NOVITA_"):
            monkeypatch.delenv(name, raising=False)
