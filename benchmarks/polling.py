"""Polling benchmark: this client's poller against the hand-written 0.5 s loop, on the emulator.

    python -m benchmarks.polling                 # N = 1,000 and 10,000
    python -m benchmarks.polling --n 1000 --quick
    python -m benchmarks.polling --n 2000 --modes progress --engines warm

Method (printed with the results):
* Every measured run uses two fresh processes: an emulator (`EmulatorServer`, plus a debug route added
  here only, serving the per-task finish times) and a client. Client CPU is `time.process_time()` of the
  client process alone, so the emulator's work is not counted; peak RSS is the client's `ru_maxrss`.
* Both processes read CLOCK_MONOTONIC (`time.monotonic`), which is system-wide on Linux, so detection lag
  = client's resolution time (a done callback / the naive loop's terminal answer) − emulator finish time.
* Ideal wall time = last task's finish − first submit. Polls per task counts every status request the
  emulator received (including any the client could not use).
* `engine cold`: a brand-new client. `engine warm`: the same client after a warm-up batch of W tasks
  of the same kind (its learner has a duration sample); the warm-up is not measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import subprocess
import sys
import time
from typing import Any

from ._emulator import serve_with_debug
from ._report import print_table

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
MODES = {
    "silent": dict(report_progress=False, report_eta=False),
    "progress": dict(report_progress=True, report_eta=False),
}
ENGINES = ("cold", "warm", "naive")
SUBMITTERS = 128


# --- emulator process -----------------------------------------------------------------------------


async def _serve(mode: str, seed: int) -> None:
    from aiohttp import web

    from novita_async.testing import EmulatorConfig, EmulatorServer

    config = EmulatorConfig(seed=seed, task_duration=(1.0, 2.0), queue_delay=0.0, **MODES[mode])  # type: ignore[arg-type]
    async with EmulatorServer(config) as server:

        async def tasks(request: web.Request) -> web.Response:
            out = {t.id: [t.created_at, t.finished_at, server.state.polls[t.id]] for t in server.state.tasks.values()}
            return web.json_response(out)

        await serve_with_debug(server, tasks)


# --- client process -------------------------------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


async def _submit_all(client: Any, n: int, per_task: Any) -> float:
    """Submit `n` tasks from SUBMITTERS workers; returns the time of the first submit."""
    import anyio

    counter = iter(range(n))
    first = time.monotonic()

    async def worker() -> None:
        for _ in counter:
            await per_task()

    async with anyio.create_task_group() as tg:
        for _ in range(min(SUBMITTERS, n)):
            tg.start_soon(worker)
    return first


async def _run_engine(client: Any, n: int) -> tuple[float, dict[str, float], float]:
    """Submit n tasks through the poller; returns (first submit, task id -> resolution time, CPU s)."""
    import anyio

    from novita_async._polling import Task

    resolved: dict[str, float] = {}
    done = anyio.Event()

    def on_done(task: Task[Any]) -> None:
        resolved[task.task_id] = time.monotonic()
        if len(resolved) == n:
            done.set()

    async def one() -> None:
        task = await client.images.txt2img(**TXT2IMG)
        task.add_done_callback(on_done)

    cpu0 = time.process_time()
    first = await _submit_all(client, n, one)
    await done.wait()
    return first, resolved, time.process_time() - cpu0


async def _run_naive(client: Any, n: int) -> tuple[float, dict[str, float], float]:
    """What users hand-write today: a coroutine per task, polling every 0.5 s."""
    import anyio

    resolved: dict[str, float] = {}
    terminal = {"TASK_STATUS_SUCCEED", "TASK_STATUS_FAILED"}

    async def one() -> None:
        handle = await client.images.txt2img(**TXT2IMG)
        handle.cancel()  # the client tracks every handle; stop that, so that only the loop below polls
        tg.start_soon(loop, handle.task_id)

    async def loop(task_id: str) -> None:
        while True:
            r = await client.tasks.get(task_id)
            if r.task.status in terminal:
                resolved[task_id] = time.monotonic()
                return
            await anyio.sleep(0.5)

    cpu0 = time.process_time()
    async with anyio.create_task_group() as tg:
        first = await _submit_all(client, n, one)
    return first, resolved, time.process_time() - cpu0


async def _client_run(spec: dict[str, Any]) -> dict[str, Any]:
    import aiohttp

    from novita_async import NovitaClient
    from novita_async._polling import PollPolicy

    rss0 = _rss_mb()
    n, engine = spec["n"], spec["engine"]
    policy = PollPolicy(max_concurrent_polls=256)
    async with NovitaClient(
        api_key=spec["key"], base_url=spec["url"], rate_limits=None, max_concurrency=256, poll_policy=policy,
        task_deadline=600.0,
    ) as client:
        warm_polls = 0
        if engine == "warm":
            await _run_engine(client, spec["warmup"])
            warm_polls = client.poller_statistics().polls_sent
        runner = _run_naive if engine == "naive" else _run_engine
        first, resolved, cpu = await runner(client, n)
        sent = client.poller_statistics().polls_sent - warm_polls
        models = client.poller.cadence.describe()
    async with aiohttp.ClientSession() as s:
        async with s.get(spec["debug"] + "/debug/tasks") as r:
            records: dict[str, list[float]] = await r.json()
    lags = sorted(resolved[i] - records[i][1] for i in resolved)
    polls = sum(records[i][2] for i in resolved)
    last_finish = max(records[i][1] for i in resolved)
    wall = max(resolved.values()) - first
    return {
        "n": n,
        "wall": wall,
        "ideal": last_finish - first,
        "polls": polls / n,
        "poller_polls": sent / n if engine != "naive" else None,
        "lag_mean": sum(lags) / n,
        "lag_p95": lags[min(n - 1, int(0.95 * n))],
        "cpu_ms_per_task": cpu / n * 1000.0,
        "rss_mb": _rss_mb(),
        "rss0_mb": rss0,
        "negative_lags": sum(1 for x in lags if x < 0),
        "models": models,
    }


# --- driver ---------------------------------------------------------------------------------------


def _spawn(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.polling", *args], stdout=subprocess.PIPE, text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )


def measure(mode: str, engine: str, n: int, warmup: int, seed: int) -> dict[str, Any]:
    emu = _spawn(["--serve", mode, "--seed", str(seed)])
    try:
        assert emu.stdout is not None
        info = json.loads(emu.stdout.readline())
        spec = {**info, "n": n, "engine": engine, "warmup": warmup}
        client = _spawn(["--client", json.dumps(spec)])
        out, _ = client.communicate(timeout=900)
        if client.returncode != 0:
            raise RuntimeError(f"client run failed ({mode}/{engine}/{n})")
        return dict(json.loads(out.strip().splitlines()[-1]))
    finally:
        emu.terminate()
        emu.wait(timeout=10)


def frontier_no_info(polls: float) -> float:
    """Best mean lag (s) for durations U(1, 2) with `polls` expected polls per task and no progress.

    Optimal schedules have gaps shrinking linearly (d, d-l, d-2l, ...) ending at 2 s: a poll's cost is
    paid only by the tasks still running, so later gaps are cheaper to make short. Searched numerically.
    """
    best = math.inf
    for k in range(1, 12):
        for step in range(0, 400):
            lam = step / 400 * (2.0 / (k * (k - 1)) if k > 1 else 0.0)
            d = (1.0 + lam * k * (k - 1) / 2) / k
            gaps = [d - i * lam for i in range(k)]
            if gaps[-1] < 0:
                continue
            t, expect, lag = 1.0, 0.0, 0.0
            for g in gaps:
                expect += 2.0 - t  # P(T > previous poll) for U(1, 2)
                lag += g * g / 2.0
                t += g
            if expect <= polls + 1e-9:
                best = min(best, lag)
    return best


def frontier_informed(polls: float) -> float:
    """Best mean lag with a perfect predictor after the first answer: first poll at 1 + x, x = 2 - polls."""
    x = min(1.0, max(0.0, 2.0 - polls))
    return x * x / 2.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", default="1000,10000", help="comma-separated task counts")
    parser.add_argument("--quick", action="store_true", help="CI-sized run (N=300, warm-up 100)")
    parser.add_argument("--modes", default="silent,progress")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--client", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        asyncio.run(_serve(args.serve, args.seed))
        return
    if args.client:
        print(json.dumps(asyncio.run(_client_run(json.loads(args.client)))))
        return
    sizes = [300] if args.quick else [int(x) for x in args.n.split(",")]
    warmup = 100 if args.quick else args.warmup
    rows = []
    for n in sizes:
        for mode in args.modes.split(","):
            for engine in args.engines.split(","):
                r = measure(mode, engine, n, warmup, args.seed)
                label = {"cold": "engine cold", "warm": f"engine warm ({warmup})", "naive": "naive 0.5 s"}[engine]
                rows.append(
                    [f"{n:>5} {mode:<8} {label}", r["wall"] / r["ideal"], r["polls"], r["lag_mean"] * 1000,
                     r["lag_p95"] * 1000, r["cpu_ms_per_task"], r["rss_mb"]]
                )
                print(f"# done: n={n} mode={mode} engine={engine} models={r['models']}", file=sys.stderr)
    print_table(
        ["N mode engine", "wall/ideal", "polls/task", "lag mean ms", "lag p95 ms", "CPU ms/task", "peak RSS MB"],
        rows,
        title="Polling: durations U(1.0, 2.0) s, queue_delay 0, emulator in its own process",
    )
    print()
    print_table(
        ["polls/task", "best lag, no progress (ms)", "best lag, perfect progress (ms)"],
        [[p, frontier_no_info(p) * 1000, frontier_informed(p) * 1000] for p in (1.0, 1.25, 1.5, 1.6, 1.75, 2.0, 3.0)],
        title="Theoretical frontier for U(1, 2) s (zero latency; the physical limit is 1 poll, 0 ms)",
    )
    print()
    print(__doc__.split("Method (printed with the results):\n")[1])


if __name__ == "__main__":
    main()
