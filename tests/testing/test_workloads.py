"""Workload knobs of the emulator: duration distributions, per-model durations, a FIFO capacity queue."""

from __future__ import annotations

import random
import statistics

import aiohttp
import pytest
from emulator_helpers import AUTH, TXT2IMG, FakeClock

from novita_async.testing import EmulatorConfig, EmulatorServer
from novita_async.testing._runtime import draw_duration, mean_duration
from novita_async.testing._state import CapacityQueue


@pytest.mark.parametrize(
    ("shape", "bounds", "mean", "low", "high"),
    [
        ("uniform", (1.0, 2.0), 1.5, 1.0, 2.0),
        ("exponential", (0.5, 1.5), 1.5, 0.5, None),
        ("lognormal", (0.5, 4.0), None, None, None),
    ],
)
def test_duration_distributions(shape: str, bounds: tuple[float, float], mean: float | None, low: float | None,
                                high: float | None) -> None:
    rng = random.Random(1)
    draws = sorted(draw_duration(rng, bounds, shape) for _ in range(20000))
    assert statistics.fmean(draws) == pytest.approx(mean_duration(bounds, shape), rel=0.03)
    if mean is not None:
        assert mean_duration(bounds, shape) == pytest.approx(mean)
    if low is not None:
        assert draws[0] >= low
    if high is not None:
        assert draws[-1] <= high
    if shape == "lognormal":  # 5th and 95th percentiles at the bounds, a long tail beyond
        assert draws[1000] == pytest.approx(0.5, rel=0.05) and draws[19000] == pytest.approx(4.0, rel=0.05)
        assert draws[-1] > 8.0


def test_capacity_queue_is_fifo_and_knows_positions() -> None:
    queue = CapacityQueue(2)
    # Four tasks arrive at 0 with durations 3, 1, 1, 1: two start at once, then one each time a worker frees.
    assert [queue.schedule(0.0, d) for d in (3.0, 1.0, 1.0, 1.0)] == [(0, 0.0), (1, 0.0), (2, 1.0), (3, 2.0)]
    assert queue.schedule(5.0, 1.0) == (4, 5.0)  # an idle worker: no wait
    assert [queue.position(i, 0.5) for i in range(4)] == [0, 0, 0, 1]
    assert queue.position(3, 1.5) == 0 and queue.position(3, 2.5) == 0


async def _status(session: aiohttp.ClientSession, server: EmulatorServer, task_id: str) -> dict[str, object]:
    url = server.make_url("/v3/async/task-result")
    async with session.get(url, params={"task_id": task_id}, headers=AUTH) as r:
        task: dict[str, object] = (await r.json())["task"]
        return task


async def test_capacity_queues_tasks_and_quotes_eta_from_position(session: aiohttp.ClientSession,
                                                                  clock: FakeClock) -> None:
    config = EmulatorConfig(clock=clock, task_duration=(2.0, 2.0), capacity=1, report_progress=False,
                            eta_resolution=1.0)
    async with EmulatorServer(config) as server:
        ids = []
        for _ in range(3):
            async with session.post(server.make_url("/v3/async/txt2img"), json=TXT2IMG, headers=AUTH) as r:
                ids.append((await r.json())["task_id"])
        first, second, third = [await _status(session, server, i) for i in ids]
        assert first["status"] == "TASK_STATUS_PROCESSING" and first["eta"] == 2.0
        # Queued: (position + 1) / capacity mean durations to start, plus its own mean duration.
        assert (second["status"], second["eta"]) == ("TASK_STATUS_QUEUED", 4.0)
        assert (third["status"], third["eta"]) == ("TASK_STATUS_QUEUED", 6.0)
        clock.advance(2.5)  # the first finished, the second runs, the third moved up
        states = [await _status(session, server, i) for i in ids]
        assert [s["status"] for s in states] == ["TASK_STATUS_SUCCEED", "TASK_STATUS_PROCESSING", "TASK_STATUS_QUEUED"]
        assert states[1]["eta"] == 2.0  # 1.5 s left, rounded up to whole seconds
        assert states[2]["eta"] == 4.0
        record = server.state.tasks[ids[2]]
        assert (record.started_at - record.created_at, record.finished_at - record.created_at) == (4.0, 6.0)


async def test_per_model_durations(session: aiohttp.ClientSession, clock: FakeClock) -> None:
    config = EmulatorConfig(clock=clock, task_duration=(5.0, 5.0), model_durations={"turbo": (0.5, 0.5)})
    async with EmulatorServer(config) as server:
        for model in ("turbo", "sdxl"):
            body = {"request": {**TXT2IMG["request"], "model_name": model}}  # type: ignore[dict-item]
            async with session.post(server.make_url("/v3/async/txt2img"), json=body, headers=AUTH) as r:
                assert r.status == 200
        spans = {t.model: t.finished_at - t.created_at for t in server.state.tasks.values()}
        assert spans == {"turbo": 0.5, "sdxl": 5.0}
