"""The library call under every fault (issue 8): nothing paid twice, nothing hidden, nothing untyped.

Each scenario sends a few paid submits through `tests/_hostile.HostileProxy` in front of the emulator,
with a fault (the emulator's own, or the proxy's) on some of them, then awaits every task it got. The
invariants, checked per scenario against the emulator's own record of the tasks it created:

* every task on the server was reported to the caller as created (a `Task`) or unknown
  (`SubmitOutcomeUnknownError`): nothing was paid behind the caller's back;
* every `Task` the caller got is a real task on the server, and no submit created two (duplicates: 0);
* every failure is a `NovitaError` (no `RecursionError`, `KeyError`, aiohttp error...);
* every task handle resolves (result or `TaskError`) within its deadline + 1 s.

The soak variant repeats the whole matrix with more submits per scenario.
"""

from __future__ import annotations

import collections
import dataclasses
import time
from collections.abc import Callable
from typing import Any

import anyio
import pytest
from _hostile import HostileProxy, Misbehave

from novita_async import (
    NovitaClient,
    NovitaError,
    PollPolicy,
    RequestOptions,
    SubmitOutcomeUnknownError,
    Task,
    TaskError,
    Timeout,
)
from novita_async.testing import EmulatorConfig, EmulatorServer, Fault

SUBMIT = "/v3/async/txt2img"
RESULT = "/v3/async/task-result"
MiB = 1024 * 1024
DEADLINE = 5.0
FAST = EmulatorConfig(task_duration=(0.05, 0.15))
OPTIONS = RequestOptions(timeout=Timeout(connect=1.0, read=0.5, total=2.0))

Script = Callable[[EmulatorServer, HostileProxy, int], None]


def emu(path: str, fault: Fault) -> Script:
    return lambda server, proxy, n: server.faults.add(path, fault, times=n)


def hostile(path: str, behaviour: Misbehave) -> Script:
    return lambda server, proxy, n: proxy.script(path, behaviour, times=n)


SCENARIOS: dict[str, Script] = {
    # the emulator's faults, on the submit
    "500": emu(SUBMIT, Fault.http(500)),
    "502": emu(SUBMIT, Fault.http(502)),
    "503 (retried)": emu(SUBMIT, Fault.http(503)),
    "504": emu(SUBMIT, Fault.http(504)),
    "429 with Retry-After": emu(SUBMIT, Fault.http(429, retry_after=0.05)),
    "429 without Retry-After": emu(SUBMIT, Fault.http(429)),
    "reset before processing": emu(SUBMIT, Fault.reset_before()),
    "reset after processing": emu(SUBMIT, Fault.reset_after()),
    "late answer (past the read timeout)": emu(SUBMIT, Fault.delay_after(1.0)),
    "slow answer (within the timeout)": emu(SUBMIT, Fault.delay(0.2)),
    "truncated answer": emu(SUBMIT, Fault.truncate()),
    "invalid JSON, not processed": emu(SUBMIT, Fault.malformed()),
    # a gateway or a broken backend, after the task was created
    "create then 500": hostile(SUBMIT, Misbehave.create_then(500)),
    "create then 502": hostile(SUBMIT, Misbehave.create_then(502)),
    "create then 504": hostile(SUBMIT, Misbehave.create_then(504)),
    "create then late": hostile(SUBMIT, Misbehave.late(1.0)),
    "create then reset": hostile(SUBMIT, Misbehave.reset_after()),
    "create then truncated": hostile(SUBMIT, Misbehave.truncated()),
    "create then invalid JSON": hostile(SUBMIT, Misbehave.invalid_json()),
    "create then {}": hostile(SUBMIT, Misbehave.answer(b"{}")),
    "create then HTTP 200 error envelope": hostile(SUBMIT, Misbehave.error_envelope_200()),
    "create then HTML 200": hostile(SUBMIT, Misbehave.html()),
    "create then HTML 502": hostile(SUBMIT, Misbehave.html(status=502)),
    "create then wrong content type": hostile(SUBMIT, Misbehave(content_type="text/plain")),
    "create then 50 MB announced": hostile(SUBMIT, Misbehave.huge(50 * MiB, declared=True)),
    "create then 50 MB streamed": hostile(SUBMIT, Misbehave.huge(50 * MiB, declared=False)),
    "create then gzip bomb": hostile(SUBMIT, Misbehave.gzip_bomb(100 * MiB)),
    "create then nested JSON": hostile(SUBMIT, Misbehave.nested()),
    "429 from the gateway, with Retry-After": hostile(SUBMIT, Misbehave.rate_limited(0.05)),
    "429 from the gateway, without Retry-After": hostile(SUBMIT, Misbehave.rate_limited()),
    "reset by the gateway before forwarding": hostile(SUBMIT, Misbehave.reset_before()),
    # hostile answers to the polls: the tasks still resolve
    "polls: 500": emu(RESULT, Fault.http(500)),
    "polls: reset": emu(RESULT, Fault.reset_after()),
    "polls: gzip bomb": hostile(RESULT, Misbehave.gzip_bomb(100 * MiB, forward=False)),
    "polls: nested JSON": hostile(RESULT, Misbehave.nested(forward=False)),
    "polls: HTTP 200 error envelope": hostile(RESULT, Misbehave.error_envelope_200(forward=False)),
    "polls: HTML": hostile(RESULT, Misbehave.html(forward=False)),
    "polls: truncated": hostile(RESULT, Misbehave.truncated()),
}


@dataclasses.dataclass
class Tally:
    created: dict[str, str] = dataclasses.field(default_factory=dict)  # prompt -> task id
    unknown: set[str] = dataclasses.field(default_factory=set)  # prompts
    refused: set[str] = dataclasses.field(default_factory=set)  # prompts: a definite answer, nothing created
    errors: list[BaseException] = dataclasses.field(default_factory=list)
    late: list[float] = dataclasses.field(default_factory=list)


def request(prompt: str) -> dict[str, Any]:
    return dict(model_name="sd_xl_base_1.0.safetensors", prompt=prompt, width=512, height=512, image_num=1,
                steps=20, guidance_scale=7.5, sampler_name="Euler a")


async def submit_all(client: NovitaClient, prompts: list[str], tally: Tally) -> list[Task[Any]]:
    tasks: list[Task[Any]] = []
    for prompt in prompts:
        try:
            task = await client.images.txt2img(**request(prompt), options=OPTIONS, deadline=DEADLINE)
        except SubmitOutcomeUnknownError:
            tally.unknown.add(prompt)
        except NovitaError:
            tally.refused.add(prompt)
        except BaseException as exc:
            tally.errors.append(exc)
        else:
            tally.created[prompt] = task.task_id
            tasks.append(task)
    return tasks


async def await_all(tasks: list[Task[Any]], tally: Tally) -> None:
    async def one(task: Task[Any]) -> None:
        start = time.monotonic()
        try:
            await task
        except TaskError:
            pass
        except BaseException as exc:
            tally.errors.append(exc)
        tally.late.append(time.monotonic() - start - DEADLINE)

    with anyio.fail_after(DEADLINE + 5):
        async with anyio.create_task_group() as tg:
            for task in tasks:
                tg.start_soon(one, task)


def check(server: EmulatorServer, prompts: list[str], tally: Tally) -> dict[str, int]:
    assert not tally.errors, [repr(e) for e in tally.errors]
    on_server = collections.Counter(t.prompt for t in server.state.tasks.values())
    duplicates = sum(n - 1 for n in on_server.values() if n > 1)
    assert duplicates == 0, on_server
    assert set(on_server) <= set(tally.created) | tally.unknown, "a task was created behind the caller's back"
    assert set(tally.created) <= set(on_server)
    server_ids = set(server.state.tasks)
    assert set(tally.created.values()) <= server_ids
    assert not tally.refused & set(on_server), "a submit reported refused had created a task"
    assert all(late <= 1.0 for late in tally.late), max(tally.late)
    return {"submits": len(prompts), "tasks": len(on_server), "unknown": len(tally.unknown), "dups": duplicates}


async def run_scenario(name: str, submits: int, faulted: int) -> dict[str, int]:
    async with EmulatorServer(FAST) as server, HostileProxy(server.url) as proxy, NovitaClient(
        api_key=server.api_key, base_url=proxy.url, rate_limits=None,
        poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.2, poll_timeout=0.5),
    ) as client:
        SCENARIOS[name](server, proxy, faulted)
        prompts = [f"{name} #{i}" for i in range(submits)]
        tally = Tally()
        tasks = await submit_all(client, prompts, tally)
        await await_all(tasks, tally)
        figures = check(server, prompts, tally)
        return {**figures, "faults": len(server.faults.fired) + len(proxy.applied)}


@pytest.mark.parametrize("name", list(SCENARIOS))
async def test_library_call_under_fault(name: str) -> None:
    figures = await run_scenario(name, submits=3, faulted=1 if "429" in name else 2)
    assert figures["dups"] == 0


async def test_server_restart_mid_run() -> None:
    """The API host goes away for a moment while submits and polls are in flight, then comes back."""
    async with EmulatorServer(FAST) as server, HostileProxy(server.url) as proxy, NovitaClient(
        api_key=server.api_key, base_url=proxy.url, rate_limits=None,
        poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.2, poll_timeout=0.5),
    ) as client:
        prompts = [f"restart #{i}" for i in range(12)]
        tally = Tally()
        tasks: list[Task[Any]] = []

        async def submit_slowly() -> None:
            for prompt in prompts:
                tasks.extend(await submit_all(client, [prompt], tally))
                await anyio.sleep(0.03)

        async with anyio.create_task_group() as tg:
            tg.start_soon(submit_slowly)
            await anyio.sleep(0.12)
            await proxy.restart(down_for=0.15)
        await await_all(tasks, tally)
        figures = check(server, prompts, tally)
    assert figures["tasks"] >= 6  # most submits went through; the ones during the outage were retried or refused


@pytest.mark.soak
async def test_fault_matrix_soak_short() -> None:
    """Every scenario with 8 submits, 5 of them faulted (CI runs this short variant)."""
    totals: collections.Counter[str] = collections.Counter()
    for name in SCENARIOS:
        totals.update(await run_scenario(name, submits=8, faulted=5))
    print(dict(totals))  # the README's figures: python -m pytest -m soak -k fault_matrix_soak_short -s
    assert totals["dups"] == 0
