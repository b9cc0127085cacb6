"""The journal: resume skips finished work, re-attaches submitted tasks, never re-sends an ambiguous submit."""

from __future__ import annotations

import time
from pathlib import Path

import anyio
import pytest
from _batch_helpers import emulated, items

from novita_async import NovitaClient, PollPolicy
from novita_async._batch import Journal
from novita_async.testing import Fault

pytestmark = pytest.mark.timeout(30)


async def test_ambiguous_submit_is_unknown_and_never_resent(tmp_path: Path) -> None:
    journal = tmp_path / "j.sqlite3"
    async with emulated() as (server, client):
        server.faults.add("/v3/async/txt2img", Fault.reset_after())
        first = [o async for o in client.batch(items(5), journal=journal, max_submits=1, order="input")]
        assert [o.status for o in first] == ["unknown", "succeeded", "succeeded", "succeeded", "succeeded"]
        assert first[0].error_type == "SubmitOutcomeUnknownError" and first[0].task_id is None
        assert server.state.tasks_created_total == 5  # four plus the orphan the lost answer created

        again = [o async for o in client.batch(items(5), journal=journal, order="input")]
        assert [o.status for o in again] == ["unknown"] + ["succeeded"] * 4
        assert all(o.resumed for o in again)
        assert server.state.tasks_created_total == 5  # nothing re-sent

        opted = [o async for o in client.batch(items(5), journal=journal, resubmit_unknown=True, order="input")]
        assert [o.status for o in opted] == ["succeeded"] * 5
        assert server.state.tasks_created_total == 6  # the user asked for it


async def test_stopping_early_then_resuming_reattaches_by_task_id(tmp_path: Path) -> None:
    journal = tmp_path / "j.sqlite3"
    async with emulated(task_duration=(0.2, 1.0)) as (server, client):
        async with client.batch(items(12), journal=journal, max_tasks=6) as batch:
            async for _ in batch:
                break  # stop after the first outcome: other tasks are in flight
        created = server.state.tasks_created_total
        assert 6 <= created < 12
        resumed = client.batch(items(12), journal=journal, max_tasks=6)
        outcomes = [o async for o in resumed]
    assert all(o.ok for o in outcomes), [(o.id, o.error) for o in outcomes if not o.ok]
    assert resumed.stats.attached >= 1  # submitted-but-unfinished items were re-attached
    assert resumed.stats.resumed == created  # everything the first run created came back, none re-sent
    assert resumed.stats.submits == 12 - created
    assert server.state.tasks_created_total == 12  # exactly one task per input


async def test_a_state_of_submitting_found_on_resume_is_unknown(tmp_path: Path) -> None:
    journal_path = tmp_path / "j.sqlite3"
    async with Journal(journal_path) as journal:  # what a process killed mid-submit leaves behind
        await journal.mark_submitting("item-1", 1, "txt2img", "{}", run="dead")
    async with emulated() as (server, client):
        outcomes = {o.id: o for o in [o async for o in client.batch(items(3), journal=journal_path)]}
    assert outcomes["item-1"].status == "unknown" and "resubmit_unknown" in (outcomes["item-1"].error or "")
    assert outcomes["item-0"].ok and outcomes["item-2"].ok
    assert server.state.tasks_created_total == 2


async def test_group_commits(tmp_path: Path) -> None:
    async with emulated(task_duration=(0.01, 0.02)) as (_, client):
        journal = Journal(tmp_path / "j.sqlite3")
        async with journal:
            outcomes = [o async for o in client.batch(items(200), journal=journal, max_submits=16, max_tasks=200)]
            counts = await journal.counts()
    assert counts == {"succeeded": 200}
    assert len(outcomes) == 200
    assert journal.commits < 3 * 200  # lookups + 3 writes per item, grouped


async def test_stopping_during_429_backoff_leaves_nothing_unknown(tmp_path: Path) -> None:
    """Every attempt was refused (429): the ledger records `refused`, so a stop during the back-off is
    prompt, and the re-run submits those items instead of reporting them `unknown`."""
    journal = tmp_path / "j.sqlite3"
    async with emulated() as (server, client):
        server.faults.add("/v3/async/txt2img", Fault.http(429, retry_after=30), times=100)

        async def run() -> None:
            async with client.batch(items(4), journal=journal, max_submits=4) as batch:
                async for _ in batch:
                    pass

        async with anyio.create_task_group() as tg:
            tg.start_soon(run)
            # Stop once all four attempts were sent (not after a fixed time, which a loaded machine outlasts).
            with anyio.fail_after(30):
                while server.state.request_count("POST", "/v3/async/txt2img") < 4:  # noqa: ASYNC110
                    await anyio.sleep(0.01)
            started = time.monotonic()
            tg.cancel_scope.cancel()
        assert time.monotonic() - started < 2.0  # the back-off (30 s) is not shielded
        assert server.state.request_count("POST", "/v3/async/txt2img") == 4
        async with Journal(journal) as j:
            assert await j.counts() == {"refused": 4}
        server.faults.clear()
        async with NovitaClient(  # a new process would have a new client, whose limiter is not paused
            api_key=server.api_key, base_url=server.url, rate_limits=None,
            poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.3),
        ) as fresh:
            again = [o async for o in fresh.batch(items(4), journal=journal)]
    assert [o.status for o in again] == ["succeeded"] * 4
    assert server.state.tasks_created_total == 4
