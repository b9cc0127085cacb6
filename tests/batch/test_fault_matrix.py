"""The batch under every submit fault, then a resume: nothing paid twice, nothing lost, `unknown` honest.

Each case runs a journaled batch whose first submits meet one fault (the emulator's own fault injection,
or `HostileProxy` for a server that creates the task and *then* answers badly), then runs it again with
the same journal. For every case:

* tasks created on the server == items reported with a task id + items reported `unknown` when the fault
  created the task; never fewer with-id items than tasks, never more tasks than id + unknown;
* no item is `unknown` when every request was refused (429, 503);
* the journal agrees with the outcomes; the re-run re-sends nothing and pays nothing twice.
"""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import anyio
import pytest
from _batch_helpers import items
from _batch_hostile import SUBMIT, HostileProxy

from novita_async import NovitaClient, PollPolicy, Timeout
from novita_async._batch import Journal
from novita_async.testing import EmulatorConfig, EmulatorServer, Fault

pytestmark = pytest.mark.timeout(60)

N = 6
LATE = 0.8  # seconds: past the client's read timeout below
TIMEOUT = Timeout(connect=2.0, read=0.4, total=2.0)


@dataclass(frozen=True)
class Case:
    name: str
    fault: Fault | str  # an emulator Fault, or a HostileProxy behaviour
    times: int
    creates: Literal["yes", "no", "maybe"]
    """Does the faulted submit create a task on the server? `maybe`: the client cannot tell (unknown)."""


CASES = [
    # refused: retried by the client's rule, never unknown
    Case("429-retry-after", Fault.http(429, retry_after=0.05), 3, "no"),
    Case("429-no-retry-after", Fault.http(429), 2, "no"),
    Case("503", Fault.http(503), 3, "no"),
    # sent, not processed, but the client cannot know: unknown, nothing created
    Case("500-before-processing", Fault.http(500), 2, "maybe"),
    Case("reset-before-answer", Fault.reset_before(), 2, "maybe"),
    Case("malformed-200", Fault.malformed(), 2, "maybe"),
    Case("late-answer-emulator", Fault.delay(LATE), 1, "maybe"),  # the client hangs up before it is read
    # created, answer lost or unreadable: unknown, and the task exists
    Case("reset-after-processing", Fault.reset_after(), 2, "yes"),
    Case("truncated-body", Fault.truncate(), 2, "yes"),
    Case("create-then-500", "then-500", 2, "yes"),
    Case("create-then-502", "then-502", 1, "yes"),
    Case("create-then-504", "then-504", 1, "yes"),
    Case("create-then-empty-object", "then-empty", 1, "yes"),
    Case("create-then-html", "then-html", 1, "yes"),
    Case("create-then-200-error-envelope", "then-envelope", 1, "yes"),
    Case("create-then-truncated-json", "then-truncated", 1, "yes"),
    Case("create-then-late-answer", "then-late", 2, "yes"),
    Case("create-then-reset", "then-reset", 1, "yes"),
]


@contextlib.asynccontextmanager
async def _client(case: Case) -> AsyncIterator[tuple[EmulatorServer, NovitaClient, HostileProxy | None]]:
    async with EmulatorServer(EmulatorConfig(seed=11, task_duration=(0.05, 0.1))) as server:
        async with contextlib.AsyncExitStack() as stack:
            proxy = None
            if isinstance(case.fault, str):
                proxy = await stack.enter_async_context(HostileProxy(server.url, late=LATE))
                proxy.script(case.fault, times=case.times)
            else:
                server.faults.add(SUBMIT, case.fault, times=case.times)
            client = await stack.enter_async_context(NovitaClient(
                api_key=server.api_key, base_url=proxy.url if proxy else server.url, assets_url=server.storage_url,
                rate_limits=None, timeout=TIMEOUT,
                poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.2),
            ))
            yield server, client, proxy


def _prompts(server: EmulatorServer) -> list[str]:
    return [json.loads(t.request_info)["prompts"][0] for t in server.state.tasks.values()]


async def _check_journal(path: Path, outcomes: list[Any]) -> None:
    async with Journal(path) as journal:
        rows = await journal.lookup([o.id for o in outcomes])
    for o in outcomes:
        row = rows[o.id]
        assert row.state == o.status, (o.id, row.state, o.status)
        assert row.task_id == o.task_id, (o.id, row.task_id, o.task_id)


async def _run(client: NovitaClient, journal: Path) -> list[Any]:
    return [o async for o in client.batch(items(N), journal=journal, max_submits=2, order="input")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_fault_then_resume(case: Case, tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite3"
    async with _client(case) as (server, client, proxy):
        first = await _run(client, journal)
        if case.name.startswith(("late", "create-then-late")):
            await anyio.sleep(LATE + 0.3)  # the late answers' tasks exist by now
        assert (proxy.applied if proxy else server.faults.pending == 0)  # the fault really fired
        created = server.state.tasks_created_total
        with_id = {o.id for o in first if o.task_id}
        unknown = {o.id for o in first if o.status == "unknown"}

        assert [o.id for o in first] == [f"item-{i}" for i in range(N)]
        assert not with_id & unknown
        assert all(o.status in ("succeeded", "unknown") for o in first), [(o.id, o.error) for o in first]
        assert all(o.ok for o in first if o.task_id)
        if case.creates == "no":
            assert not unknown and created == N
        else:
            assert len(unknown) == case.times  # exactly the faulted submits, no more
        if case.creates == "yes":
            assert created == len(with_id) + len(unknown)
        assert len(with_id) <= created <= len(with_id) + len(unknown)
        assert sorted(_prompts(server)) == sorted(set(_prompts(server)))  # nothing paid twice
        await _check_journal(journal, first)

        again = await _run(client, journal)  # the re-run: finished items come back, unknown stays unknown
        assert [(o.id, o.status, o.task_id) for o in again] == [(o.id, o.status, o.task_id) for o in first]
        assert all(o.resumed for o in again)
        assert server.state.tasks_created_total == created  # nothing re-sent, nothing paid twice
        await _check_journal(journal, again)


async def _random_mix(tmp_path: Path, n: int) -> None:
    """Every fault at once, at random (seeded), on `n` items; then a resume. Prints the figures."""
    journal = tmp_path / "journal.sqlite3"
    async with EmulatorServer(EmulatorConfig(seed=13, task_duration=(0.02, 0.1))) as server:
        for fault, p in [(Fault.http(429, retry_after=0.05), 0.05), (Fault.http(503), 0.03), (Fault.http(500), 0.01),
                         (Fault.reset_before(), 0.01), (Fault.reset_after(), 0.01), (Fault.truncate(), 0.01),
                         (Fault.malformed(), 0.01)]:
            server.faults.add(SUBMIT, fault, probability=p, method="POST")
        async with HostileProxy(server.url, late=LATE) as proxy, NovitaClient(
            api_key=server.api_key, base_url=proxy.url, assets_url=server.storage_url, rate_limits=None,
            timeout=TIMEOUT, poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.3),
        ) as client:
            proxy.randomly(0.04, seed=5)
            source = items(n)
            first = [o async for o in client.batch(source, journal=journal, max_submits=8, max_tasks=64)]
            await anyio.sleep(LATE + 0.3)
            created = server.state.tasks_created_total
            with_id = sum(1 for o in first if o.task_id)
            unknown = sum(1 for o in first if o.status == "unknown")
            assert len(first) == n and all(o.status in ("succeeded", "unknown") for o in first)
            assert with_id <= created <= with_id + unknown
            proxy.randomly(0.0, seed=0)
            server.faults.clear()
            again = [o async for o in client.batch(source, journal=journal, max_submits=8, max_tasks=64)]
            key = sorted((o.id, o.status, o.task_id) for o in first)
            assert sorted((o.id, o.status, o.task_id) for o in again) == key
            assert server.state.tasks_created_total == created  # the resume re-sent nothing
        prompts = _prompts(server)
        duplicates = len(prompts) - len(set(prompts))
        assert duplicates == 0
        injected = len(server.faults.fired) + len(proxy.applied)
        print(f"\nbatch fault mix: {n} items, {injected} faults injected ({len(proxy.applied)} create-then-misbehave),"
              f" {created} tasks created, {with_id} reported with a task id, {unknown} unknown, duplicates: 0")


async def test_random_fault_mix_then_resume(tmp_path: Path) -> None:
    await _random_mix(tmp_path, 120)


@pytest.mark.soak
async def test_random_fault_mix_soak_short(tmp_path: Path) -> None:
    await _random_mix(tmp_path, 600)


@pytest.mark.soak
@pytest.mark.timeout(600)
async def test_random_fault_mix_soak_long(tmp_path: Path) -> None:
    await _random_mix(tmp_path, 5000)


async def test_connection_never_opened_is_failed_not_unknown(tmp_path: Path) -> None:
    """Nothing reached a server (connection refused): every item is `failed` with the journal saying
    `failed`, never `unknown`, and a re-run against a live server submits each item exactly once."""
    journal = tmp_path / "journal.sqlite3"
    with socket.socket() as sock:  # a port that refuses connections
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
        async with NovitaClient(api_key="k", base_url=dead, rate_limits=None) as client:
            first = [o async for o in client.batch(items(4), journal=journal, max_submit_retries=1)]
    assert [o.status for o in first] == ["failed"] * 4
    assert all(o.error_type == "APIConnectionError" for o in first)
    async with Journal(journal) as j:
        assert await j.counts() == {"failed": 4}
    async with EmulatorServer(EmulatorConfig(seed=3, task_duration=(0.02, 0.05))) as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, rate_limits=None,
        poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.2),
    ) as client:
        again = [o async for o in client.batch(items(4), journal=journal)]
        assert [o.status for o in again] == ["succeeded"] * 4
        assert server.state.tasks_created_total == 4
