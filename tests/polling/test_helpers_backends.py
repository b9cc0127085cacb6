"""`as_completed`, `gather_tasks`, and the v2 and training status endpoints."""

from __future__ import annotations

import time
from typing import Any

import pytest

from novita_async import NovitaClient, TaskFailedError, TaskStatus
from novita_async._polling import TaskOutcome, as_completed, gather_tasks
from novita_async.testing import EmulatorConfig, EmulatorServer, TrainingRecord

from .test_engine import TXT2IMG, submit


async def test_as_completed_yields_in_finish_order(client: NovitaClient) -> None:
    tasks = [await submit(client) for _ in range(4)]
    tasks.append(await submit(client, prompt="x [fail]"))
    seen = [t async for t in as_completed(tasks, timeout=20)]
    assert sorted(map(id, seen)) == sorted(map(id, tasks))
    assert all(t.done() for t in seen)


async def test_gather_returns_every_outcome_without_failing_fast(client: NovitaClient) -> None:
    good = await submit(client)
    bad = await submit(client, prompt="x [fail]")
    outcomes = await gather_tasks([good, bad], timeout=20)
    assert [o.task for o in outcomes] == [good, bad]
    assert outcomes[0].ok and outcomes[0].unwrap().task.status == "TASK_STATUS_SUCCEED"
    assert isinstance(outcomes[1].error, TaskFailedError) and not outcomes[1].ok
    with pytest.raises(TaskFailedError):
        await gather_tasks([await submit(client, prompt="y [fail]")], fail_fast=True)


@pytest.mark.parametrize("emulator_config", [EmulatorConfig(seed=3, task_duration=(30.0, 30.0))])
async def test_gather_timeout_reports_unfinished_tasks(client: NovitaClient) -> None:
    task = await submit(client)
    outcomes: list[TaskOutcome[Any]] = await gather_tasks([task], timeout=0.1)
    assert not outcomes[0].ok and not task.done()  # still tracked
    task.cancel()


async def test_v2_backend(client: NovitaClient, emulator: EmulatorServer) -> None:
    record = emulator._rt.create_task(
        endpoint="/v2/txt2img", kind="v2", task_type="txt2img", image_count=1, output_ext="png"
    )
    failed = emulator._rt.create_task(
        endpoint="/v2/txt2img", kind="v2", task_type="txt2img", image_count=1, output_ext="png", prompt_text="[timeout]"
    )
    task = client.tasks.attach(record.id, "v2")
    data = await task.result(timeout=10)
    assert task.status is TaskStatus.SUCCEEDED and data.status == 2 and data.imgs
    with pytest.raises(TaskFailedError, match="timed out"):
        await client.tasks.attach(failed.id, "v2").result(timeout=10)


async def test_training_backend_waits_for_serving(client: NovitaClient, emulator: EmulatorServer) -> None:
    now = time.monotonic()
    record = TrainingRecord(
        id="train-1", task_type="subject", name="me", created_at=now, created_unix=int(time.time()),
        started_at=now, finished_at=now + 0.1, serving_at=now + 0.3, model_name="lora-me",
    )
    emulator.state.trainings[record.id] = record
    task = client.tasks.attach(record.id, "training-subject")
    result = await task.result(timeout=10)
    assert time.monotonic() >= record.serving_at
    assert all(m.model_status == "SERVING" for m in result.models)


async def test_v3_submit_then_gather_many(client: NovitaClient) -> None:
    tasks = [await client.images.txt2img(**TXT2IMG) for _ in range(20)]
    outcomes = await gather_tasks(tasks, timeout=20)
    assert all(o.ok for o in outcomes)
