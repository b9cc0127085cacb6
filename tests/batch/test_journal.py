"""The journal: resume skips finished work, re-attaches submitted tasks, never re-sends an ambiguous submit."""

from __future__ import annotations

from pathlib import Path

import pytest
from _batch_helpers import emulated, items

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
