"""Webhook benchmark: the same workload resolved by polling and by webhooks, with and without lost events.

    python -m benchmarks.webhooks                # N = 1,000 (about a minute)
    python -m benchmarks.webhooks --n 300

Method (printed with the results):
* Each row uses two fresh processes: an emulator (`EmulatorServer`, tasks of U(1, 2) s unless
  `--durations` says otherwise, plus a debug route
  added here only, serving per-task finish times, polls and which events it dropped) and a client that
  submits N txt2img tasks from 128 workers and waits for all of them.
* Both processes read CLOCK_MONOTONIC (system-wide on Linux), so detection lag = the handle's resolution
  time (a done callback) - the emulator's finish time. The emulator posts each event at the finish time.
  "answer ms": mean time the receiver took to answer a delivery, as the emulator saw it (send to answer).
  "lag mean/p95" are over the tasks whose event was delivered (all tasks when polling); polls per task
  and CPU are over all tasks. "emulator CPU" is the emulator process's whole CPU time (start-up, submits,
  polls, event deliveries) per task: on 2 shared cores, when client + emulator need more than the cores
  give, every request queues and lags grow (confirmation doubles the emulator's requests per task).
* `polling`: no receiver, the poller alone (cold). `webhook`: `client.webhooks.serve()` on loopback,
  `confirm=False` (the event resolves the handle) or `confirm=True` (one read of the task result does).
* `10% lost`: the emulator drops 10% of the events (`webhook_loss=0.1`). Their tasks are polled from their
  hold's end: the expected finish (p90 of the learned durations) plus the grace period (1 s here). "lost:
  past expected" is detection - max(finish, expected finish): the part of a lost event's lag that the
  grace period is meant to bound.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from typing import Any

from ._emulator import serve_with_debug
from ._report import print_table

GRACE = 1.0
SUBMITTERS = 128
TXT2IMG: dict[str, Any] = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1, steps=20,
    guidance_scale=7.5, sampler_name="Euler a",
)
ROWS = (
    ("polling", None, 0.0),
    ("webhook, confirm=False", False, 0.0),
    ("webhook, confirm=True", True, 0.0),
    ("webhook, confirm=False, 10% lost", False, 0.1),
    ("webhook, confirm=True, 10% lost", True, 0.1),
)


# --- emulator process -----------------------------------------------------------------------------


async def _serve(loss: float, seed: int, durations: tuple[float, float]) -> None:
    from aiohttp import web

    from novita_async.testing import EmulatorConfig, EmulatorServer

    config = EmulatorConfig(
        seed=seed, task_duration=durations, report_progress=False, report_eta=False, webhook_loss=loss
    )
    async with EmulatorServer(config) as server:

        async def tasks(request: web.Request) -> web.Response:
            state = server.state
            sent = {d.task_id: [d.started_at, d.answered_at] for d in state.webhook_deliveries}
            out = {t.id: [t.finished_at, state.polls[t.id], *sent.get(t.id, [0.0, 0.0])] for t in state.tasks.values()}
            cpu = time.process_time()
            return web.json_response({"tasks": out, "lost": state.webhooks_lost, "cpu": cpu})

        await serve_with_debug(server, tasks)


# --- client process -------------------------------------------------------------------------------


async def _workload(client: Any, n: int, holds: dict[str, float]) -> tuple[dict[str, float], float]:
    """Submit n tasks from SUBMITTERS workers and wait for all; returns resolution times and client CPU s."""
    import anyio

    from novita_async import Task

    resolved: dict[str, float] = {}
    done = anyio.Event()

    def on_done(task: Task[Any]) -> None:
        resolved[task.task_id] = time.monotonic()
        if task.exception() is not None:
            print(f"# task {task.task_id} failed: {task.exception()!r}", file=sys.stderr)
        if len(resolved) == n:
            done.set()

    counter = iter(range(n))

    async def worker() -> None:
        for _ in counter:
            task = await client.images.txt2img(**TXT2IMG)
            task.add_done_callback(on_done)

    cpu0 = time.process_time()
    async with anyio.create_task_group() as tg:
        for _ in range(min(SUBMITTERS, n)):
            tg.start_soon(worker)
    with anyio.fail_after(120):
        await done.wait()
    return resolved, time.process_time() - cpu0


async def _client_run(spec: dict[str, Any]) -> dict[str, Any]:
    import contextlib

    import aiohttp

    from novita_async import NovitaClient, PollPolicy, WebhookPolicy

    n, confirm = spec["n"], spec["confirm"]
    async with NovitaClient(
        api_key=spec["key"], base_url=spec["url"], rate_limits=None, max_concurrency=256,
        poll_policy=PollPolicy(max_concurrent_polls=256), task_deadline=600.0,
    ) as client:
        # Instrumentation for the report only: the last hold end set for each task.
        holds: dict[str, float] = {}
        hold = client.poller.hold

        def recording_hold(task: Any, until: float, **kw: Any) -> None:
            if until:
                holds[task.task_id] = until
            hold(task, until, **kw)

        client.poller.hold = recording_hold  # type: ignore[method-assign]
        receiver: Any = contextlib.nullcontext()
        if confirm is not None:
            receiver = client.webhooks.serve(confirm=confirm, policy=WebhookPolicy(grace=GRACE))
        async with receiver as hook:
            resolved, cpu = await _workload(client, n, holds)
            stats = hook.statistics() if hook is not None else None
    async with aiohttp.ClientSession() as s, s.get(spec["debug"] + "/debug/tasks") as r:
        debug = await r.json()
    records: dict[str, list[float]] = debug["tasks"]
    lost = set(debug["lost"])
    lags = sorted(resolved[i] - records[i][0] for i in resolved if i not in lost)
    sent = sorted(records[i][2] - records[i][0] for i in resolved if records[i][2])
    answered = sorted(records[i][3] - records[i][2] for i in resolved if records[i][2])
    lost_lags = [resolved[i] - records[i][0] for i in lost if i in resolved]
    past_expected = [
        resolved[i] - max(records[i][0], holds.get(i, 0.0) - GRACE) for i in lost if i in resolved
    ]
    return {
        "n": n,
        "resolved": len(resolved),
        "polls": sum(records[i][1] for i in resolved) / n,
        "lag_mean": sum(lags) / len(lags),
        "lag_p95": lags[min(len(lags) - 1, int(0.95 * len(lags)))],
        "lost": len(lost),
        "sent_lag_mean": sum(sent) / len(sent) if sent else None,
        "answer_mean": sum(answered) / len(answered) if answered else None,
        "lost_lag_mean": sum(lost_lags) / len(lost_lags) if lost_lags else None,
        "lost_lag_max": max(lost_lags) if lost_lags else None,
        "lost_past_max": max(past_expected) if past_expected else None,
        "cpu_ms_per_task": cpu / n * 1000.0,
        "emulator_cpu_ms_per_task": debug["cpu"] / n * 1000.0,
        "stats": None if stats is None else stats.__dict__,
    }


# --- driver ---------------------------------------------------------------------------------------


def _spawn(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.webhooks", *args], stdout=subprocess.PIPE, text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )


def measure(n: int, confirm: bool | None, loss: float, seed: int, durations: str) -> dict[str, Any]:
    emu = _spawn(["--serve", str(loss), "--seed", str(seed), "--durations", durations])
    try:
        assert emu.stdout is not None
        info = json.loads(emu.stdout.readline())
        client = _spawn(["--client", json.dumps({**info, "n": n, "confirm": confirm})])
        out, _ = client.communicate(timeout=300)
        if client.returncode != 0:
            raise RuntimeError(f"client run failed (confirm={confirm}, loss={loss})")
        return dict(json.loads(out.strip().splitlines()[-1]))
    finally:
        emu.terminate()
        emu.wait(timeout=10)


def _ms(value: float | None) -> float | None:
    return None if value is None else value * 1000.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="tasks per row")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--durations", default="1,2", help="task durations: uniform between these seconds")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--client", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve is not None:
        lo, hi = (float(x) for x in args.durations.split(","))
        asyncio.run(_serve(float(args.serve), args.seed, (lo, hi)))
        return
    if args.client:
        print(json.dumps(asyncio.run(_client_run(json.loads(args.client)))))
        return
    rows = []
    for label, confirm, loss in ROWS:
        r = measure(args.n, confirm, loss, args.seed, args.durations)
        print(f"# done: {label}: {r['stats']}; emulator sent events {_ms(r['sent_lag_mean'])} ms after "
              f"finish on average, answered in {_ms(r['answer_mean'])} ms", file=sys.stderr)
        rows.append([
            label, f"{r['resolved']}/{r['n']}", r["polls"], _ms(r["lag_mean"]), _ms(r["lag_p95"]),
            r["lost"] or "-", _ms(r["lost_lag_mean"]), _ms(r["lost_lag_max"]), _ms(r["lost_past_max"]),
            _ms(r["answer_mean"]), r["cpu_ms_per_task"], r["emulator_cpu_ms_per_task"],
        ])  # fmt: skip
    print_table(
        ["mode", "resolved", "polls/task", "lag mean ms", "lag p95 ms", "lost events", "lost: mean lag ms",
         "lost: max lag ms", "lost: max past expected ms", "answer ms", "CPU ms/task", "emulator CPU ms/task"],
        rows,
        title=f"Webhooks vs polling: N={args.n}, durations U({args.durations}) s, grace {GRACE:g} s, "
        "emulator in its own process",
    )  # fmt: skip
    print()
    print((__doc__ or "").split("Method (printed with the results):\n")[1])


if __name__ == "__main__":
    main()
