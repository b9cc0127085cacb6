from __future__ import annotations

import gc
import os

import pytest


# A full cyclic GC pass stops the whole process (the event loop, the in-process emulator, every timer) for as
# long as it takes to scan every tracked object, and the runner's heap grows through the suite: by the last
# directories a pass took 250-450 ms of CPU (measured over a whole run), far above the 0.1-0.3 s margins of
# the timing tests, and it lands on whichever test happens to run. So the heap is collected and frozen
# between tests: the objects that live on (reports, modules, fixtures) are never scanned again, a pass during
# a test sees only what that test made (a few ms), and the collection itself runs between tests, untimed.
def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    gc.collect()  # only what the last test left (everything older is frozen): no cyclic garbage is frozen
    gc.freeze()


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
