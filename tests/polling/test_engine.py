"""The poller end to end against the emulator: resolution, failure, deadlines, cancellation, faults."""

from __future__ import annotations

import time
from typing import Any

import anyio
import pytest

from novita_async import (
    ClientStateError,
    NovitaClient,
    TaskCancelledError,
    TaskFailedError,
    TaskStatus,
    TaskTimeoutError,
)
from novita_async._polling import PollPolicy, Task
from novita_async.testing import EmulatorConfig, EmulatorServer, Fault

TXT2IMG: dict[str, Any] = dict(
    model_name="sd_xl_base_1.0.safetensors",
    prompt="a cat",
    width=512,
    height=512,
    image_num=1,
    steps=20,
    guidance_scale=7.5,
    sampler_name="Euler a",
)
RESULT = "/v3/async/task-result"


async def submit(client: NovitaClient, **change: Any) -> Task[Any]:
    return await client.images.txt2img(**{**TXT2IMG, **change})


async def test_resolves_with_the_result(client: NovitaClient, emulator: EmulatorServer) -> None:
    task = await submit(client)
    result = await task.result(timeout=10)
    assert result.task.status == "TASK_STATUS_SUCCEED" and task.status is TaskStatus.SUCCEEDED
    assert task.done() and task.exception() is None
    assert client.poller_statistics().tracked == 0
    assert emulator.state.polls[task.task_id] == task.polls >= 1


async def test_failed_status_is_task_failed_error(client: NovitaClient) -> None:
    task = await submit(client, prompt="a cat [fail]")
    with pytest.raises(TaskFailedError) as info:
        await task
    assert info.value.task_id == task.task_id and "failure marker" in info.value.reason


@pytest.mark.parametrize("emulator_config", [EmulatorConfig(seed=3, task_duration=(30.0, 30.0))])
async def test_deadline_in_wall_clock_seconds(client: NovitaClient) -> None:
    started = time.monotonic()
    task = await client.images.txt2img(**TXT2IMG, deadline=0.4)
    with pytest.raises(TaskTimeoutError) as info:
        await task
    elapsed = time.monotonic() - started
    assert 0.35 <= elapsed < 1.5 and info.value.task_id == task.task_id
    # result(timeout=) bounds one wait only: the task stays tracked.
    other = await submit(client)
    with pytest.raises(TaskTimeoutError):
        await other.result(timeout=0.05)
    assert not other.done() and client.poller_statistics().tracked == 1


@pytest.mark.parametrize("emulator_config", [EmulatorConfig(seed=3, task_duration=(0.4, 0.4))])
async def test_cancel_then_attach_resumes(client: NovitaClient, emulator: EmulatorServer) -> None:
    task = await submit(client)
    task.cancel()
    assert task.cancelled() and client.poller_statistics().tracked == 0
    with pytest.raises(TaskCancelledError):
        await task
    polls = emulator.state.polls[task.task_id]
    await anyio.sleep(0.1)
    assert emulator.state.polls[task.task_id] == polls  # really no longer polled
    resumed = client.tasks.attach(task.task_id)
    result = await resumed.result(timeout=10)
    assert result.task.task_id == task.task_id


@pytest.mark.parametrize("emulator_config", [EmulatorConfig(seed=3, task_duration=(0.3, 0.3))])
async def test_cancel_scope_around_await_leaves_the_task_tracked(client: NovitaClient) -> None:
    task = await submit(client)
    with anyio.move_on_after(0.05) as scope:
        await task
    assert scope.cancelled_caught and not task.done()
    assert (await task.result(timeout=10)).task.status == "TASK_STATUS_SUCCEED"


async def test_attach_unknown_task_fails_cleanly(client: NovitaClient) -> None:
    task = client.tasks.attach("no-such-task")
    with pytest.raises(Exception) as info:
        await task.result(timeout=10)
    assert "not found" in str(info.value).lower()


@pytest.mark.parametrize(
    "fault",
    [Fault.http(503), Fault.http(429, retry_after=0.05), Fault.reset_before(), Fault.malformed(), Fault.truncate()],
    ids=["503", "429", "reset", "malformed", "truncate"],
)
async def test_transient_poll_errors_never_fail_a_task(
    client: NovitaClient, emulator: EmulatorServer, fault: Fault
) -> None:
    emulator.faults.add(RESULT, fault, times=3)
    task = await submit(client)
    result = await task.result(timeout=20)
    assert result.task.status == "TASK_STATUS_SUCCEED"
    # (the transport may absorb a reset on a reused connection itself)
    assert 1 <= client.poller_statistics().poll_errors <= 3 and emulator.faults.pending == 0


async def test_unknown_status_is_in_flight_until_terminal(client: NovitaClient, emulator: EmulatorServer) -> None:
    emulator.faults.add(RESULT, Fault.unknown_status(), times=2)
    task = await submit(client)
    seen = [u.status async for u in task.updates()]
    assert TaskStatus.UNKNOWN in seen and seen[-1] is TaskStatus.SUCCEEDED


@pytest.mark.parametrize("emulator_config", [EmulatorConfig(seed=3, task_duration=(0.2, 0.2))])
async def test_unknown_status_forever_ends_at_the_deadline(client: NovitaClient, emulator: EmulatorServer) -> None:
    emulator.faults.add("/v3/async/txt2img", Fault.unknown_status())
    task = await client.images.txt2img(**TXT2IMG, deadline=0.5)
    with pytest.raises(TaskTimeoutError):
        await task
    assert task.status is TaskStatus.UNKNOWN


@pytest.mark.parametrize("emulator_config", [EmulatorConfig(seed=3, task_duration=(0.3, 0.3))])
async def test_updates_stream_progress_until_done(client: NovitaClient) -> None:
    task = await submit(client)
    updates = [u async for u in task.updates()]
    assert updates[-1].status is TaskStatus.SUCCEEDED
    assert any(u.progress_percent for u in updates[:-1]) or len(updates) == 1
    assert task.progress_percent == 100.0


async def test_client_close_fails_pending_handles(emulator: EmulatorServer) -> None:
    async with NovitaClient(api_key=emulator.api_key, base_url=emulator.url, rate_limits=None) as client:
        task = await submit(client)
    with pytest.raises(ClientStateError):
        await task


EXACT_ETA = EmulatorConfig(
    seed=3, task_duration=(0.6, 0.6), report_eta=True, report_progress=False, eta_resolution=0.001
)


@pytest.mark.parametrize("poll_policy", [PollPolicy(first_delay=0.05, max_interval=1.0, seed=1)])
@pytest.mark.parametrize("emulator_config", [EXACT_ETA])
async def test_eta_gives_one_poll_after_finish(client: NovitaClient, emulator: EmulatorServer) -> None:
    # The cold-start first poll at 0.05 s reads an exact eta; the next one lands just after the finish.
    # (0.6 s tasks, and a gap of up to 1 s allowed: the first poll must come before the finish, and with
    # 0.2 s tasks a process frozen for 0.15 s pushed it past the finish, 1 poll: 1 failure in 5 runs with
    # stalls of up to 0.3 s.)
    task = await submit(client)
    await task.result(timeout=10)
    assert task.polls == 2
    record = emulator.state.tasks[task.task_id]
    assert record.finished_at <= time.monotonic()


async def _sleep_running(seconds: float) -> None:
    """Sleep until the loop has been running for `seconds`: a gap between two 5 ms ticks counts 20 ms at
    most, so the time a frozen process (a stalled VM, a busy CI host) could not send anything is added."""
    running, last = 0.0, time.monotonic()
    while running < seconds:
        await anyio.sleep(0.005)
        now = time.monotonic()
        running, last = running + min(now - last, 0.02), now


BUDGET = PollPolicy(first_delay=0.0, min_interval=0.02, polls_per_second=40.0, scouts=64, seed=1)  # all polled
SLOW_SILENT = EmulatorConfig(seed=3, task_duration=(5.0, 5.0), report_eta=False, report_progress=False)


@pytest.mark.parametrize("poll_policy", [BUDGET])
@pytest.mark.parametrize("emulator_config", [SLOW_SILENT])
async def test_poll_budget_is_respected_and_fair(client: NovitaClient, emulator: EmulatorServer) -> None:
    started = time.monotonic()  # polls start with the first submit; submits are slow on a loaded machine
    tasks = [await submit(client) for _ in range(20)]
    await _sleep_running(1.0)
    sent = client.poller_statistics().polls_sent
    elapsed = time.monotonic() - started
    # At most 40/s over the wall-clock window plus a small burst; at least 30 in a second of running (a
    # process frozen for 0.3 s of a plain 1 s sleep sent 26).
    assert 30 <= sent <= 40 * elapsed + 6, (sent, elapsed)
    # Fairness: every task got polled, none twice as often as another (most overdue goes first).
    counts = [emulator.state.polls[t.task_id] for t in tasks]
    assert min(counts) >= 1 and max(counts) - min(counts) <= 1, counts
    for t in tasks:
        t.cancel()


SCOUTS = PollPolicy(scouts=2, seed=1)
SILENT_1S = EmulatorConfig(seed=3, task_duration=(1.0, 1.0), report_eta=False, report_progress=False)


@pytest.mark.parametrize("poll_policy", [SCOUTS])
@pytest.mark.parametrize("emulator_config", [SILENT_1S])
async def test_a_cold_batch_waits_on_its_scouts(client: NovitaClient, emulator: EmulatorServer) -> None:
    tasks = [await submit(client) for _ in range(8)]
    # Timed from the tasks, not from the submits (on a loaded machine eight submits can outlast the 0.2 s a
    # fixed 0.8 s sleep left before the first finish): the scouts are looked at from 0.5 s (`first_delay`;
    # waited for, so a stalled process only delays it), and 0.15 s before the first task finishes (the
    # emulator and the test share `time.monotonic`) nobody else has been. What makes the look valid is that
    # no scout has seen a finish yet (checked: a process frozen past the finish wakes this sleep before the
    # scouts' next answers are read, since this timer is due first).
    for _ in range(500):  # (a counter with no event to wait on)
        if min(emulator.state.polls[t.task_id] for t in tasks[:2]) >= 1:
            break
        await anyio.sleep(0.01)
    first_finish = emulator.state.tasks[tasks[0].task_id].finished_at
    await anyio.sleep(max(0.0, first_finish - 0.15 - time.monotonic()))
    polls = [emulator.state.polls[t.task_id] for t in tasks]
    assert not any(t.done() for t in tasks[:2]), "a scout saw a finish before the look: nothing to check"
    assert min(polls[:2]) >= 1 and polls[2:] == [0] * 6, polls  # only the scouts look before any finished
    with anyio.fail_after(3.0):
        for t in tasks:
            await t
    assert sum(emulator.state.polls[t.task_id] for t in tasks[2:]) <= 6 * 2


@pytest.mark.parametrize("poll_policy", [SCOUTS])
@pytest.mark.parametrize("emulator_config", [SILENT_1S])
async def test_followers_are_not_stranded_when_their_scouts_are_cancelled(
    client: NovitaClient, emulator: EmulatorServer
) -> None:
    tasks = [await submit(client) for _ in range(6)]
    for t in tasks[:2]:
        t.cancel()
    with anyio.fail_after(2.5):  # the loop's pace takes over: 1 s tasks resolve by about 1.5 s
        for t in tasks[2:]:
            await t
