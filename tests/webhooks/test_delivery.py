"""Webhook mode end to end: the emulator pushes results over loopback HTTP to the client's receiver."""

from __future__ import annotations

import time
from typing import Any

import pytest

from novita_async import (
    ClientStateError,
    NovitaClient,
    TaskFailedError,
    WebhookPolicy,
    gather_tasks,
)
from novita_async.testing import EmulatorConfig, EmulatorServer, Fault

from ._hooks import TXT2IMG, event, post, wait_until

TXT2VIDEO: dict[str, Any] = dict(
    model_name="darkSushiMixMix_225D_64380.safetensors", width=512, height=512, steps=20, seed=-1,
    prompts=[{"prompt": "a girl holds matches", "frames": 32}],
)  # fmt: skip


def polls(emulator: EmulatorServer, tasks: list[Any]) -> list[int]:
    return [emulator.state.polls[t.task_id] for t in tasks]


async def test_pushed_results_resolve_without_polls(client: NovitaClient, emulator: EmulatorServer) -> None:
    async with client.webhooks.serve(confirm=False) as hook:
        tasks = [await client.images.txt2img(**TXT2IMG) for _ in range(8)]
        outcomes = await gather_tasks(tasks, timeout=10)
    assert all(o.ok for o in outcomes)
    first = outcomes[0].unwrap()
    assert first.images and first.task.status == "TASK_STATUS_SUCCEED"
    assert polls(emulator, tasks) == [0] * 8
    assert emulator.state.tasks[tasks[0].task_id].webhook == {"url": hook.url}
    stats = hook.statistics()
    assert (stats.accepted, stats.pushed, stats.confirmed, stats.held) == (8, 8, 0, 0)
    assert client.poller_statistics().pushed == 8


async def test_confirmation_is_one_read_per_task(client: NovitaClient, emulator: EmulatorServer) -> None:
    async with client.webhooks.serve() as hook:
        tasks = [await client.images.txt2img(**TXT2IMG) for _ in range(8)]
        outcomes = await gather_tasks(tasks, timeout=10)
    assert all(o.ok for o in outcomes)
    assert polls(emulator, tasks) == [1] * 8
    assert hook.statistics().confirmed == 8


@pytest.mark.parametrize(
    "emulator_config", [EmulatorConfig(seed=5, task_duration=(0.05, 0.1), webhook_duplicates=1.0,
                                       webhook_retry_delay=0.01)]
)  # fmt: skip
async def test_duplicates_are_idempotent(client: NovitaClient, emulator: EmulatorServer) -> None:
    async with client.webhooks.serve() as hook:
        tasks = [await client.images.txt2img(**TXT2IMG) for _ in range(5)]
        await gather_tasks(tasks, timeout=10)
        await wait_until(lambda: hook.statistics().duplicates >= 5)
    assert all(t.done() and t.exception() is None for t in tasks)
    assert len(emulator.state.webhook_deliveries) == 10
    assert polls(emulator, tasks) == [1] * 5  # the second delivery triggered nothing
    assert hook.statistics().confirmed == 5


@pytest.mark.parametrize(
    "emulator_config", [EmulatorConfig(seed=5, task_duration=(0.05, 0.1), webhook_loss=0.5)]
)  # fmt: skip
async def test_lost_events_fall_back_to_polling(client: NovitaClient, emulator: EmulatorServer) -> None:
    # A delivered event lands a few ms after its task finishes (0.05-0.1 s), but on a loaded machine an
    # event can lag by a few hundred ms: a grace of 1 s keeps "held until its event came" about the
    # client's hold, not about the machine's scheduler (at 0.2 s this failed once in CI).
    policy = WebhookPolicy(grace=1.0, cold_wait=0.2)
    async with client.webhooks.serve(confirm=False, policy=policy) as hook:
        tasks = [await client.images.txt2img(**TXT2IMG) for _ in range(12)]
        start = time.monotonic()
        outcomes = await gather_tasks(tasks, timeout=10)
        elapsed = time.monotonic() - start
    assert all(o.ok for o in outcomes)
    lost = set(emulator.state.webhooks_lost)
    assert 0 < len(lost) < 12
    for task in tasks:
        if task.task_id in lost:
            assert emulator.state.polls[task.task_id] >= 1  # the poller took over
        else:
            assert emulator.state.polls[task.task_id] == 0  # held until its event came
    assert elapsed < 3.0  # bounded by the expected finish plus the grace period, not by the 10 s deadline
    assert hook.statistics().pushed == 12 - len(lost)


async def test_event_before_the_submit_answer(client: NovitaClient, emulator: EmulatorServer) -> None:
    # The task finishes (0.1-0.2 s) and its event arrives while the submit's answer is held back.
    emulator.faults.add("/v3/async/txt2img", Fault.delay_after(0.6))
    async with client.webhooks.serve() as hook:
        task = await client.images.txt2img(**TXT2IMG)
        assert emulator.state.webhook_deliveries, "the event should have come first"
        result = await task.result(timeout=1.0)
    assert result.images
    assert hook.statistics().early == 1
    assert emulator.state.polls[task.task_id] == 1  # the confirming read


async def test_opt_out_and_endpoints_without_documented_webhooks(
    client: NovitaClient, emulator: EmulatorServer
) -> None:
    with pytest.raises(ClientStateError, match="open receiver"):
        await client.images.txt2img(**TXT2IMG, webhook=True)
    assert emulator.state.tasks_created_total == 0
    async with client.webhooks.serve(confirm=False) as hook:
        with pytest.raises(TypeError, match="webhook="):
            await client.images.txt2img(**TXT2IMG, webhook="yes")
        opted_out = await client.images.txt2img(**TXT2IMG, webhook=False)
        undocumented = await client.video.txt2video(**TXT2VIDEO)
        forced = await client.video.txt2video(**TXT2VIDEO, webhook=True)
        await gather_tasks([opted_out, undocumented, forced], timeout=10)
    records = emulator.state.tasks
    assert records[opted_out.task_id].webhook is None and emulator.state.polls[opted_out.task_id] >= 1
    assert records[undocumented.task_id].webhook is None
    assert records[forced.task_id].webhook == {"url": hook.url}
    assert emulator.state.polls[forced.task_id] == 0
    assert all(t.exception() is None for t in (opted_out, undocumented, forced))


async def test_a_webhook_of_your_own_wins(client: NovitaClient, emulator: EmulatorServer) -> None:
    own = {"url": "http://127.0.0.1:9/elsewhere"}
    async with client.webhooks.serve(confirm=False):
        task = await client.images.txt2img(**TXT2IMG, extra={"webhook": own, "response_image_type": "jpeg"})
        await task.result(timeout=10)
    assert emulator.state.tasks[task.task_id].webhook == own
    assert emulator.state.polls[task.task_id] >= 1  # not ours: polled as usual


async def test_test_mode_events(client: NovitaClient, emulator: EmulatorServer) -> None:
    async with client.webhooks.serve(test_mode="TASK_STATUS_FAILED") as hook:
        task = await client.images.txt2img(**TXT2IMG)
        with pytest.raises(TaskFailedError):
            await task.result(timeout=5)
    hook_sent = emulator.state.tasks[task.task_id].webhook
    assert hook_sent == {"url": hook.url, "test_mode": {"enabled": True, "return_task_status": "TASK_STATUS_FAILED"}}
    assert emulator.state.polls[task.task_id] == 0  # a simulated event: nothing to confirm


async def test_holds_follow_learned_durations(client: NovitaClient, emulator: EmulatorServer) -> None:
    policy = WebhookPolicy(grace=0.5, cold_wait=20.0)
    async with client.webhooks.serve(confirm=False, policy=policy):
        cold = await client.images.txt2img(**TXT2IMG)
        assert cold._tracking.not_before - cold.started_at == pytest.approx(20.5, abs=0.01)
        tasks = [cold, *[await client.images.txt2img(**TXT2IMG) for _ in range(9)]]
        await gather_tasks(tasks, timeout=10)
        warm = await client.images.txt2img(**TXT2IMG)
        held = warm._tracking.not_before - warm.started_at
        await warm.result(timeout=5)
    # The events' own debug_info stamps taught the poller the durations (0.1-0.2 s).
    assert 0.5 < held < 1.0


async def test_wan_2_1_and_forced_part_2_endpoints(client: NovitaClient, emulator: EmulatorServer) -> None:
    """Wan 2.1's pages show `extra.webhook` (§14.5): attached by default; other Part 2 pages only on request."""
    async with client.webhooks.serve(confirm=False) as hook:
        wan = await client.video.wan_t2v(prompt="a cat")
        kling = await client.video.kling_v16_t2v(prompt="a cat")
        forced = await client.video.kling_v16_t2v(prompt="a cat", webhook=True)
        outcomes = await gather_tasks([wan, kling, forced], timeout=10)
    assert all(o.ok for o in outcomes)
    tasks = emulator.state.tasks
    assert tasks[wan.task_id].webhook == {"url": hook.url} and emulator.state.polls[wan.task_id] == 0
    assert tasks[kling.task_id].webhook is None and emulator.state.polls[kling.task_id] >= 1
    assert tasks[forced.task_id].webhook == {"url": hook.url} and emulator.state.polls[forced.task_id] == 0


def test_sync_client_serves_webhooks() -> None:
    from novita_async import SyncNovitaClient
    from novita_async.testing._process import EmulatorProcess

    with EmulatorProcess(task_duration=(0.05, 0.1)) as emu, SyncNovitaClient(
        api_key=emu.api_key, base_url=emu.url, rate_limits=None
    ) as client, client.webhooks.serve(confirm=False) as hook:
        result = client.images.txt2img(**TXT2IMG).result(timeout=10)
        stats = hook.statistics()
    assert result.images and stats.pushed == 1


@pytest.mark.parametrize("emulator_config", [EmulatorConfig(seed=5, task_duration=(30.0, 30.0))])
async def test_a_task_outliving_its_hold_is_only_checked_every_grace(
    client: NovitaClient, emulator: EmulatorServer
) -> None:
    # Expected 0.05 s + grace 0.6 s: the hold ends at 0.65 s while the task runs on. It is checked then, and
    # again a grace later (1.25 s), not at the cadence's own pace (0.3 s); its event, sent right after the
    # second check, resolves it. The event is sent by the test once the second check is seen, so there is a
    # whole grace (0.6 s) of slack before a third check; timed to the emulator's finish instead, it had
    # 0.1-0.3 s and failed when the process was frozen for longer now and then (polls 1 or 3, or resolved
    # by the check: 4 in 20 with 0.25 s checks; 1 in 8 with 0.6 s checks and stalls up to 0.5 s).
    policy = WebhookPolicy(grace=0.6, cold_wait=0.05)
    async with client.webhooks.serve(confirm=False, policy=policy) as hook:
        task = await client.images.txt2img(**TXT2IMG)
        await wait_until(lambda: emulator.state.polls[task.task_id] >= 2)
        # Seen at or after the second check (a stall only makes it later): not before hold end + grace.
        second_seen = time.monotonic() - task.started_at
        assert await post(hook.url, event(task.task_id)) == 200  # its event comes
        await task.result(timeout=5)
    assert second_seen >= 0.05 + 0.6 + 0.6 - 0.01, second_seen
    assert emulator.state.polls[task.task_id] == 2
    assert hook.statistics().pushed == 1


@pytest.mark.parametrize(
    "emulator_config", [EmulatorConfig(seed=5, task_duration=(0.05, 0.05), webhook_delay=(0.3, 0.3))]
)  # fmt: skip
async def test_late_events_are_waited_for(client: NovitaClient, emulator: EmulatorServer) -> None:
    # The event comes 0.35 s after the submit; the grace (2 s) is only a bound, whose slack costs nothing.
    async with client.webhooks.serve(confirm=False, policy=WebhookPolicy(grace=2.0, cold_wait=0.0)) as hook:
        task = await client.images.txt2img(**TXT2IMG)
        await task.result(timeout=5)
        resolved = time.monotonic()
    finished = emulator.state.tasks[task.task_id].finished_at
    delivery = emulator.state.webhook_deliveries[0]
    assert delivery.started_at - finished >= 0.3 and resolved >= delivery.started_at
    assert emulator.state.polls[task.task_id] == 0  # inside the grace period: nobody polled
    assert hook.statistics().pushed == 1
