"""Large file inputs never hold the event loop: asyncio debug mode, `slow_callback_duration = 0.05`.

The emulator runs in a child process (`EmulatorProcess`), so only the client's work is measured. Before the
fix, 40 concurrent 5 MB inputs were base64-encoded in 40 worker threads at once; `binascii` holds the GIL
for a whole call, and the loop waited 200-2,000 ms for it (plus 2-18 callbacks over 50 ms). Now file work
runs in `FILE_WORK_THREADS` threads, in 1 MiB steps.

Two measures, both held strictly. CPU time per loop callback (`busy_callbacks`: > 50 ms of the loop thread's
own CPU) does not depend on what else the machine runs. The loop lag is held as `max_own_lag`: the
heartbeat's lateness less the time the loop thread waited for a CPU, and at most the CPU time the process
used meanwhile, so preemption by other processes and stalls of the whole process (a busy CI host, a
hypervisor) do not count, while a worker thread holding the GIL does. The plain wall-clock lag failed here
at 158-178 ms with the process frozen now and then for up to 0.3 s. The regression (forty encoding threads)
gives 200-400 ms for 40 x 2 MB on a quiet machine; the fix gives ~10 ms. A measurement is still repeated
(best of five) in case something else in the process (a GC pass of the runner's heap) got in the way.
"""

from __future__ import annotations

import base64
import binascii
import gc
import time
from collections.abc import Iterator
from typing import Any

import anyio
import pytest

from novita_async import NovitaClient, PollPolicy
from novita_async.testing import EmulatorProcess, LoopMonitor
from novita_async.testing._media import png

pytestmark = pytest.mark.timeout(120)
MiB = 1024 * 1024
SD = dict(model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1, steps=20,
          guidance_scale=7.5, sampler_name="Euler a")  # fmt: skip


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorProcess]:
    with EmulatorProcess(seed=3, task_duration=[0.2, 0.4]) as emulator:
        yield emulator


def _client(emulator: EmulatorProcess) -> NovitaClient:
    return NovitaClient(api_key=emulator.api_key, base_url=emulator.url, assets_url=emulator.storage_url,
                        rate_limits=None, max_retries=0, poll_policy=PollPolicy(first_delay=0.1, min_interval=0.1))


async def _direct_calls(emulator: EmulatorProcess, n: int, size: int) -> LoopMonitor:
    """`n` concurrent img2img submits, each with a `size`-byte image given as bytes (encoded by the client)."""
    image = png(padding=size)
    async with _client(emulator) as client, LoopMonitor(slow_callback=0.05) as monitor:

        async def one() -> None:
            task = await client.images.img2img(**SD, image_base64=image)
            assert task.task_id

        async with anyio.create_task_group() as tg:
            for _ in range(n):
                tg.start_soon(one)
    return monitor


async def _batch(emulator: EmulatorProcess, n: int, size: int) -> LoopMonitor:
    """`n` batch items of base64 image inputs (as read from JSONL), submitted and awaited."""
    text = base64.b64encode(png(padding=size)).decode()
    items: list[dict[str, Any]] = [
        {"id": f"i{i}", "endpoint": "img2img", "request": {**SD, "image_base64": text}} for i in range(n)
    ]
    async with _client(emulator) as client, LoopMonitor(slow_callback=0.05) as monitor:
        outcomes = [o async for o in client.batch(items, max_submits=16, max_tasks=n)]
    assert all(o.ok for o in outcomes), [o for o in outcomes if not o.ok][:3]
    return monitor


async def _best_of_five(measure: Any, *args: Any) -> LoopMonitor:
    best = None
    for _ in range(5):
        # A cyclic GC pass scans everything the process holds (the test runner's whole heap): collect now,
        # and freeze the survivors so a pass during the measurement only sees what the measured code made.
        # (Not unfrozen after: the suite keeps the heap frozen between tests, see tests/conftest.py.)
        gc.collect()
        gc.freeze()
        monitor = await measure(*args)
        assert not monitor.busy_callbacks, monitor.busy_callbacks
        if best is None or monitor.max_own_lag < best.max_own_lag:
            best = monitor
        if monitor.max_own_lag < 0.05:
            break
    assert best is not None
    return best


def _lags(monitor: LoopMonitor) -> str:
    return f"loop lag {monitor.max_own_lag * 1000:.0f} ms of its own ({monitor.max_lag * 1000:.0f} ms wall)"


async def test_large_inputs_short(emulator: EmulatorProcess) -> None:
    monitor = await _best_of_five(_direct_calls, emulator, 40, 2 * MiB)
    assert monitor.max_own_lag < 0.15, _lags(monitor)


async def test_large_inputs_through_the_batch_short(emulator: EmulatorProcess) -> None:
    monitor = await _best_of_five(_batch, emulator, 40, 1 * MiB)
    assert monitor.max_own_lag < 0.15, _lags(monitor)


async def test_own_lag_still_sees_a_thread_holding_the_gil() -> None:
    """`max_own_lag` leaves out what other processes cost, not what the process's own threads do: one 32 MiB
    base64 call in a worker holds the GIL for its whole length (~40 ms), as the regression's calls did."""
    data = bytes(32 * MiB)

    def hold_the_gil() -> float:
        start = time.thread_time()
        binascii.b2a_base64(data)
        return time.thread_time() - start

    async with LoopMonitor() as monitor:
        await anyio.sleep(0.02)  # the heartbeat is asleep in the loop when the worker starts
        held = await anyio.to_thread.run_sync(hold_the_gil)
        await anyio.sleep(0.02)
    # Quiet, about 0.8 of the hold is seen; under load too (the worker's CPU time does not grow with it).
    assert monitor.max_own_lag >= 0.5 * held, (monitor.max_own_lag, held)


@pytest.mark.soak
@pytest.mark.timeout(600)
async def test_large_inputs_soak(emulator: EmulatorProcess) -> None:
    """1,000 tasks with 1 MiB inputs through the batch, and 40 direct calls with 5 MiB inputs."""
    for monitor in (await _batch(emulator, 1000, 1 * MiB), await _direct_calls(emulator, 40, 5 * MiB)):
        assert not monitor.busy_callbacks, monitor.busy_callbacks
        assert monitor.max_own_lag < 0.2, _lags(monitor)
