"""The engine: one outcome per input, ordering, lane limits, backpressure, 429s, fatal errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _batch_helpers import REQUEST, emulated, items

from novita_async._batch import BatchItem, normalize_endpoint
from novita_async.testing import Fault

pytestmark = pytest.mark.timeout(30)


async def test_input_order_and_one_outcome_each() -> None:
    async with emulated(task_duration=(0.02, 0.3)) as (server, client):
        outcomes = [o async for o in client.batch(items(25), order="input", max_tasks=10)]
    assert [o.index for o in outcomes] == list(range(25))
    assert [o.id for o in outcomes] == [f"item-{i}" for i in range(25)]
    assert all(o.status == "succeeded" and o.task_id and o.result is not None for o in outcomes)
    assert server.state.tasks_created_total == 25


async def test_completion_order_yields_everything_as_it_finishes() -> None:
    # The first submit is slow to answer; the others overtake it through the second submit slot.
    async with emulated(task_duration=(0.02, 0.02)) as (server, client):
        server.faults.add("/v3/async/txt2img", Fault.delay(0.5), times=1)
        outcomes = [o async for o in client.batch(items(10), order="completion", max_submits=2)]
    assert sorted(o.index for o in outcomes) == list(range(10))
    assert outcomes[-1].index == 0
    assert server.state.tasks_created_total == 10


async def test_lane_limits_are_observed(tmp_path: Path) -> None:
    async with emulated(task_duration=(0.05, 0.15)) as (server, client):
        batch = client.batch(items(16, image_num=2), out_dir=tmp_path, max_submits=2, max_tasks=3, max_downloads=1)
        outcomes = [o async for o in batch]
    assert all(o.ok and len(o.files) == 2 for o in outcomes)
    assert 1 <= batch.stats.peak_submitting <= 2
    assert batch.stats.peak_tasks == 3
    assert batch.download_stats is not None and batch.download_stats.peak_in_flight == 1
    assert server.state.tasks_created_total == 16


async def test_huge_lazy_input_is_pulled_only_as_far_as_the_window() -> None:
    pulled = 0

    def endless() -> Iterator[dict[str, Any]]:
        nonlocal pulled
        for i in range(1_000_000):
            pulled += 1
            yield {"id": f"x{i}", "request": REQUEST}

    async with emulated(task_duration=(0.01, 0.03)) as (server, client):
        async with client.batch(endless(), max_tasks=4, max_pending=12) as batch:
            seen = 0
            async for outcome in batch:
                assert outcome.ok
                seen += 1
                if seen == 30:
                    break
        assert pulled <= 30 + 12 + 1
        assert server.state.tasks_created_total <= 30 + 12


async def test_async_iterable_input() -> None:
    async def source() -> Any:
        for item in items(5):
            yield BatchItem(id=item["id"], request=item["request"])

    async with emulated() as (_, client):
        outcomes = [o async for o in client.batch(source())]
    assert len(outcomes) == 5 and all(o.ok for o in outcomes)


async def test_429s_are_retried_by_the_client_rule_and_counted() -> None:
    async with emulated(task_duration=(0.01, 0.02)) as (server, client):
        server.faults.add("/v3/async/txt2img", Fault.http(429, retry_after=0.05), times=3)
        batch = client.batch(items(40), max_submits=8)
        outcomes = [o async for o in batch]
        family = client.limiter_statistics().families["txt2img"]
    assert all(o.ok for o in outcomes)
    assert batch.stats.rate_limited == 3
    assert family.rate_limited == 3  # the client's one limiter saw the batch's 429s
    assert server.state.tasks_created_total == 40  # 429s created nothing, nothing was paid twice


async def test_emulator_rate_limits_are_survived() -> None:
    async with emulated(task_duration=(0.01, 0.02), rate_limits={"txt2img": (10, 0.5)}, retry_after=0.1) as (
        server,
        client,
    ):
        batch = client.batch(items(25), max_submits=8)
        outcomes = [o async for o in batch]
    assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
    assert batch.stats.rate_limited > 0
    assert server.state.tasks_created_total == 25


@pytest.mark.parametrize(("on_fatal", "expected"), [("stop", (5, 1, 4)), ("skip", (5, 5, 0))])
async def test_insufficient_balance_stops_or_skips(on_fatal: str, expected: tuple[int, int, int]) -> None:
    async with emulated(cost_per_image=10, credit_balance=50) as (server, client):
        batch = client.batch(items(10), max_submits=1, max_tasks=1, on_fatal=on_fatal, order="input")
        outcomes = [o async for o in batch]
    counts = tuple(sum(o.status == s for o in outcomes) for s in ("succeeded", "failed", "skipped"))
    assert counts == expected
    failed = [o for o in outcomes if o.status == "failed"]
    assert all(o.error_type == "InsufficientBalanceError" for o in failed)
    if on_fatal == "stop":
        assert batch.stats.stopped and "InsufficientBalanceError" in batch.stats.stopped
    assert server.state.tasks_created_total == 5


async def test_bad_items_fail_alone() -> None:
    requests: list[Any] = [
        *items(2),
        {"id": "typo", "endpoint": "txt2imgg", "request": REQUEST},
        {"id": "invalid", "request": {**REQUEST, "width": 64}},
        {"no-id": True},
        items(1)[0],  # duplicate of item-0
    ]
    async with emulated() as (server, client):
        outcomes = {o.index: o for o in [o async for o in client.batch(requests)]}
    assert outcomes[0].ok and outcomes[1].ok
    assert outcomes[2].error_type == "UnknownEndpoint" and "txt2imgg" in (outcomes[2].error or "")
    assert outcomes[3].error_type == "RequestValidationError"
    assert outcomes[4].error_type == "InvalidItem" and outcomes[4].id == "#4"
    assert outcomes[5].status == "failed"
    assert server.state.tasks_created_total == 2  # (or 3 if the duplicate raced: it must not)


def test_endpoint_names_normalize() -> None:
    assert normalize_endpoint("/v3/async/replace-object") == "replace_object"
    assert normalize_endpoint("Make-Photo") == "make_photo"
    assert normalize_endpoint("txt2img") == "txt2img"
