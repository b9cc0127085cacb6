"""Polling benchmark: this client's poller against a hand-written 0.5 s aiohttp loop, per workload.

    python -m benchmarks.polling                          # every workload, N = 1,000, cold/warm/naive
    python -m benchmarks.polling --workloads uniform,queued --engines cold,naive
    python -m benchmarks.polling --n 10000 --workloads uniform --engines cold     # memory at 10,000
    python -m benchmarks.polling --plot polling.png       # also draw polls/task vs lag (needs `.[bench]`)

Method (printed with the results):
* Every measured run uses two fresh processes: an emulator (`EmulatorServer`, plus a debug route added
  here only, serving the per-task finish times and poll counts) and a client. Client CPU is
  `time.process_time()` of the client process alone (submits included, for both sides); peak RSS is the
  client's `ru_maxrss`.
* Both processes read CLOCK_MONOTONIC, which is system-wide on Linux, so detection lag = the client's
  resolution time (a done callback / the loop's terminal answer) - the emulator's finish time.
* `naive 0.5 s`: what users hand-write: bare aiohttp, one coroutine per task, submit then poll at once and
  every 0.5 s after each answer. `engine cold`: a brand-new `NovitaClient` with default poll policy.
  `engine warm`: the same client after an unmeasured warm-up batch of W tasks of the same workload.
* All N tasks are submitted at once (128 concurrent submitters). Ideal wall = last finish - first submit.
  Polls per task counts every status request the emulator received. CPU per request = client CPU /
  (submits + polls).
* Video-like tasks run at 1/10 of real time: 60-180 s become 6-18 s, and their eta, whole seconds in
  reality, is reported in steps of 0.1 s.
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

SDXL = "sd_xl_base_1.0.safetensors"
TURBO = "sdxl_turbo_4step.safetensors"
TXT2IMG: dict[str, Any] = dict(
    prompt="a cat", width=512, height=512, image_num=1, steps=20, guidance_scale=7.5, sampler_name="Euler a"
)
SILENT: dict[str, Any] = dict(report_progress=False, report_eta=False)
WORKLOADS: dict[str, dict[str, Any]] = {
    "uniform": dict(
        label="U(1, 2) s, server reports nothing (eta 0, progress 0)",
        config=dict(task_duration=(1.0, 2.0), **SILENT),
    ),
    "progress": dict(
        label="U(1, 2) s, server reports progress",
        config=dict(task_duration=(1.0, 2.0), report_progress=True, report_eta=False),
    ),
    "exponential": dict(
        label="0.5 s + exponential, mean 1.5 s total, nothing reported",
        config=dict(task_duration=(0.5, 1.5), duration_distribution="exponential", **SILENT),
    ),
    "lognormal": dict(
        label="log-normal, 5%-95% = 0.5-4 s (heavy tail), nothing reported",
        config=dict(task_duration=(0.5, 4.0), duration_distribution="lognormal", **SILENT),
    ),
    "mixture": dict(
        label="two models on one endpoint: turbo U(0.2, 0.6) s + SDXL U(3, 5) s, nothing reported",
        config=dict(task_duration=(3.0, 5.0), model_durations={TURBO: (0.2, 0.6)}, **SILENT),
        models=(TURBO, SDXL),
    ),
    "video": dict(
        label="video-like U(60, 180) s at 1/10 time, eta in whole (scaled) seconds",
        config=dict(task_duration=(6.0, 18.0), report_progress=False, report_eta=True, eta_resolution=0.1),
        n=200,
    ),
    "queued": dict(
        label="U(1, 2) s behind a capacity of 100 (FIFO), eta from queue position",
        config=dict(task_duration=(1.0, 2.0), capacity=100, report_progress=False, report_eta=True),
    ),
}
ENGINES = ("cold", "warm", "naive")
SUBMITTERS = 128
TERMINAL = {"TASK_STATUS_SUCCEED", "TASK_STATUS_FAILED"}


def _request(i: int, models: tuple[str, ...]) -> dict[str, Any]:
    return {**TXT2IMG, "model_name": models[i % len(models)]}


# --- emulator process -----------------------------------------------------------------------------


async def _serve(workload: str, seed: int) -> None:
    from aiohttp import web

    from novita_async.testing import EmulatorConfig, EmulatorServer

    config = EmulatorConfig(seed=seed, **WORKLOADS[workload]["config"])
    async with EmulatorServer(config) as server:

        async def tasks(request: web.Request) -> web.Response:
            out = {t.id: [t.created_at, t.finished_at, server.state.polls[t.id]] for t in server.state.tasks.values()}
            return web.json_response(out)

        await serve_with_debug(server, tasks)


# --- client process -------------------------------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


async def _submit_all(n: int, per_task: Any) -> float:
    """Call `per_task(i)` for i < n from SUBMITTERS workers; returns the time of the first submit."""
    import anyio

    counter = iter(range(n))
    first = time.monotonic()

    async def worker() -> None:
        for i in counter:
            await per_task(i)

    async with anyio.create_task_group() as tg:
        for _ in range(min(SUBMITTERS, n)):
            tg.start_soon(worker)
    return first


async def _run_engine(client: Any, n: int, models: tuple[str, ...]) -> tuple[float, dict[str, float], float]:
    """Submit n tasks through the client; returns (first submit, task id -> resolution time, CPU s)."""
    import anyio

    from novita_async._polling import Task

    resolved: dict[str, float] = {}
    done = anyio.Event()

    def on_done(task: Task[Any]) -> None:
        resolved[task.task_id] = time.monotonic()
        if len(resolved) == n:
            done.set()

    async def one(i: int) -> None:
        task = await client.images.txt2img(**_request(i, models))
        task.add_done_callback(on_done)

    cpu0 = time.process_time()
    first = await _submit_all(n, one)
    await done.wait()
    return first, resolved, time.process_time() - cpu0


async def _run_naive(spec: dict[str, Any], n: int, models: tuple[str, ...]) -> tuple[float, dict[str, float], float]:
    """The hand-written loop: bare aiohttp, a coroutine per task, a poll every 0.5 s."""
    import aiohttp
    import anyio

    resolved: dict[str, float] = {}
    headers = {"Authorization": f"Bearer {spec['key']}"}
    base = spec["url"]

    async with aiohttp.ClientSession(
        headers=headers, connector=aiohttp.TCPConnector(limit=256)
    ) as session, anyio.create_task_group() as tg:

        async def loop(task_id: str) -> None:
            while True:
                async with session.get(f"{base}/v3/async/task-result", params={"task_id": task_id}) as r:
                    body = json.loads(await r.read())
                if r.status == 200 and body["task"]["status"] in TERMINAL:
                    resolved[task_id] = time.monotonic()
                    return
                await anyio.sleep(0.5)

        async def one(i: int) -> None:
            async with session.post(f"{base}/v3/async/txt2img", json={"request": _request(i, models)}) as r:
                task_id = json.loads(await r.read())["task_id"]
            tg.start_soon(loop, task_id)

        cpu0 = time.process_time()
        first = await _submit_all(n, one)
    return first, resolved, time.process_time() - cpu0


async def _client_run(spec: dict[str, Any]) -> dict[str, Any]:
    import aiohttp

    from novita_async import NovitaClient

    rss0 = _rss_mb()
    n, engine = spec["n"], spec["engine"]
    models = tuple(WORKLOADS[spec["workload"]].get("models", (SDXL,)))
    describe: dict[str, Any] = {}
    if engine == "naive":
        first, resolved, cpu = await _run_naive(spec, n, models)
    else:
        async with NovitaClient(
            api_key=spec["key"], base_url=spec["url"], rate_limits=None, task_deadline=900.0
        ) as client:
            if engine == "warm":
                await _run_engine(client, spec["warmup"], models)
            first, resolved, cpu = await _run_engine(client, n, models)
            describe = client.poller.cadence.describe()
    async with aiohttp.ClientSession() as s, s.get(spec["debug"] + "/debug/tasks") as r:
        records: dict[str, list[float]] = await r.json()
    lags = sorted(resolved[i] - records[i][1] for i in resolved)
    polls = sum(records[i][2] for i in resolved)
    return {
        "n": n,
        "wall": max(resolved.values()) - first,
        "ideal": max(records[i][1] for i in resolved) - first,
        "polls": polls / n,
        "lag_mean": sum(lags) / n,
        "lag_p95": lags[min(n - 1, int(0.95 * n))],
        "cpu_ms_per_task": cpu / n * 1000.0,
        "cpu_us_per_request": cpu / (n + polls) * 1e6,
        "rss_mb": _rss_mb(),
        "rss0_mb": rss0,
        "models": describe,
    }


async def _micro(spec: dict[str, Any]) -> dict[str, float]:
    """CPU per request, 64 at a time, bare aiohttp side by side with the client's paths: submits (the same
    txt2img request) and status reads of one finished task. Each bare path runs before and after the
    client's (the table shows their mean). The client's submit handles are cancelled at once, so no poll
    of theirs is counted (cancelling costs about 1% of a submit)."""
    import aiohttp
    import anyio

    from novita_async import NovitaClient
    from novita_async._polling import BACKENDS

    count, workers = spec["count"], 64
    url = spec["url"]
    request = _request(0, (SDXL,))
    out: dict[str, float] = {}
    async with NovitaClient(api_key=spec["key"], base_url=url, rate_limits=None) as client:
        task = await client.images.txt2img(**request)
        await task
        headers = {"Authorization": f"Bearer {spec['key']}"}
        async with aiohttp.ClientSession(headers=headers, connector=aiohttp.TCPConnector(limit=64)) as session:

            async def bare_submit() -> None:
                async with session.post(url + "/v3/async/txt2img", json={"request": request}) as r:
                    assert json.loads(await r.read())["task_id"]

            async def client_submit() -> None:
                (await client.images.txt2img(**request)).cancel()

            async def bare_poll() -> None:
                async with session.get(url + "/v3/async/task-result", params={"task_id": task.task_id}) as r:
                    body = json.loads(await r.read())
                assert body["task"]["status"] in TERMINAL

            backend = BACKENDS["v3"]

            async def poller_poll() -> None:
                update = await backend.fetch(client._session.poll_once, task.task_id)
                assert update.status.terminal

            async def tasks_get() -> None:
                await client.tasks.get(task.task_id)

            paths = (
                ("submit: bare aiohttp POST + json", bare_submit), ("submit: client.images.txt2img", client_submit),
                ("submit: bare aiohttp POST + json ", bare_submit),
                ("poll: bare aiohttp GET + json", bare_poll), ("poll: the poller's poll", poller_poll),
                ("poll: client.tasks.get", tasks_get), ("poll: bare aiohttp GET + json ", bare_poll),
            )
            for name, call in paths:
                left = iter(range(count))

                async def worker(call: Any = call, left: Any = left) -> None:
                    for _ in left:
                        await call()

                cpu0 = time.process_time()
                async with anyio.create_task_group() as tg:
                    for _ in range(workers):
                        tg.start_soon(worker)
                used = (time.process_time() - cpu0) / count * 1e6
                key = name.strip()
                out[key] = (out[key] + used) / 2 if key in out else used  # a bare path: mean of both runs
    return out


def _micro_rows(micro: dict[str, float]) -> list[list[Any]]:
    """The CPU table's rows: each path with its ratio to the bare aiohttp path of the same kind."""
    bare = {name.split(":")[0]: us for name, us in micro.items() if "bare aiohttp" in name}
    return [[name, us, us / bare[name.split(":")[0]]] for name, us in micro.items()]


# --- driver ---------------------------------------------------------------------------------------


def _spawn(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.polling", *args], stdout=subprocess.PIPE, text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )


def _with_emulator(workload: str, seed: int, spec: dict[str, Any], flag: str) -> dict[str, Any]:
    emu = _spawn(["--serve", workload, "--seed", str(seed)])
    try:
        assert emu.stdout is not None
        info = json.loads(emu.stdout.readline())
        client = _spawn([flag, json.dumps({**info, **spec, "workload": workload})])
        out, _ = client.communicate(timeout=900)
        if client.returncode != 0:
            raise RuntimeError(f"client run failed ({workload} {spec})")
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


FRONTIERS = {"uniform": frontier_no_info, "progress": frontier_informed}


def plot(path: str, results: dict[tuple[str, str], dict[str, Any]], workloads: list[str]) -> None:
    """One panel per workload: polls/task against mean lag, one point per engine, frontier if known."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cols = min(4, len(workloads))
    rows = math.ceil(len(workloads) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.6 * rows), squeeze=False)
    marks = {"cold": ("o", "tab:blue"), "warm": ("s", "tab:green"), "naive": ("x", "tab:red")}
    for ax, w in zip(axes.flat, workloads, strict=False):
        most_lag, most_polls = 0.0, 0.0
        for (wl, engine), r in results.items():
            if wl != w:
                continue
            m, c = marks[engine]
            ax.scatter([r["lag_mean"] * 1000], [r["polls"]], marker=m, color=c, label=engine, s=50)
            most_lag, most_polls = max(most_lag, r["lag_mean"] * 1000), max(most_polls, r["polls"])
        if w in FRONTIERS:
            ps = [1.0 + i * 0.05 for i in range(41)]
            ax.plot([FRONTIERS[w](p) * 1000 for p in ps], ps, color="grey", lw=1, label="frontier")
        ax.set_title(w, fontsize=10)
        ax.set_xlabel("mean lag (ms)")
        ax.set_ylabel("polls / task")
        ax.set_xlim(0, most_lag * 1.2 + 10)
        ax.set_ylim(0, most_polls * 1.2)
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(workloads):]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


REPLAYS = {"uniform": ("uniform", False), "progress": ("uniform", True), "exponential": ("exponential", False),
           "lognormal": ("lognormal", False), "mixture": ("mixture", False)}


def replay(w: str, n: int) -> list[Any]:
    """One row of the virtual-time replay (`novita_async._polling._simulate`): a brand-new client's cadence
    and the 0.5 s loop on the same seeded durations, without the scheduling noise of a shared machine; then
    the cadence again as measured here (1,000 submits land within 0.15 s, a poll costs the client 0.25 ms
    of CPU, so a burst of due polls queues)."""
    from novita_async._polling import PollPolicy
    from novita_async._polling._simulate import naive, simulate, workload

    kind, progress = REPLAYS[w]
    ours, loop, busy = [], [], []
    for seed in range(3):
        durations, keys = workload(kind, n, seed)
        ours.append(simulate(durations, policy=PollPolicy(seed=seed), progress=progress, keys=keys))
        busy.append(simulate(durations, policy=PollPolicy(seed=seed), progress=progress, keys=keys,
                             submit_spread=0.15, poll_cost=0.00025))
        loop.append(naive(durations))
    return [w, *_mean(ours), *_mean(loop), *_mean(busy)]


def _mean(results: list[Any]) -> tuple[float, float]:
    return (sum(r.polls_per_task for r in results) / len(results),
            sum(r.mean_lag for r in results) / len(results) * 1000)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="tasks per run (video: 1/5 of it)")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell (seeds seed..seed+R-1); median shown")
    parser.add_argument("--micro", type=int, default=3000, help="status reads per path in the CPU table (0: skip)")
    parser.add_argument("--plot", help="write a PNG of polls/task vs mean lag here (needs matplotlib)")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--micro-client", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        asyncio.run(_serve(args.serve, args.seed))
        return
    if args.client:
        print(json.dumps(asyncio.run(_client_run(json.loads(args.client)))))
        return
    if args.micro_client:
        print(json.dumps(asyncio.run(_micro(json.loads(args.micro_client)))))
        return
    workloads = args.workloads.split(",")
    unknown = sorted({*workloads, *args.engines.split(",")} - {*WORKLOADS, *ENGINES})
    if unknown:
        parser.error(f"unknown workload or engine: {', '.join(unknown)} (workloads: {', '.join(WORKLOADS)}; "
                     f"engines: {', '.join(ENGINES)})")
    results: dict[tuple[str, str], dict[str, Any]] = {}
    rows = []
    engines = args.engines.split(",")
    for w in workloads:
        n = args.n // 5 if w == "video" else args.n
        warmup = args.warmup // 5 if w == "video" else args.warmup
        runs: dict[str, list[dict[str, Any]]] = {e: [] for e in engines}
        for k in range(args.repeat):  # engines interleaved, so that each repeat sees the same machine load
            for engine in engines:
                spec = {"n": n, "engine": engine, "warmup": warmup}
                runs[engine].append(_with_emulator(w, args.seed + k, spec, "--client"))
                print(f"# done: {w} {engine} n={n} models={runs[engine][-1]['models']}", file=sys.stderr)
        for engine in engines:
            rs = sorted(runs[engine], key=lambda r: float(r["lag_mean"]))
            r = results[(w, engine)] = rs[len(rs) // 2]  # the median run by lag
            spread = "-" if len(rs) < 2 else (
                f"{min(x['polls'] for x in rs):.2f}-{max(x['polls'] for x in rs):.2f}, "
                f"{rs[0]['lag_mean'] * 1000:.0f}-{rs[-1]['lag_mean'] * 1000:.0f}"
            )
            label = {"cold": "engine cold", "warm": f"engine warm ({warmup})", "naive": "naive 0.5 s"}[engine]
            rows.append(
                [f"{w:<11} {label}", n, r["wall"] / r["ideal"], r["polls"], r["lag_mean"] * 1000,
                 r["lag_p95"] * 1000, r["cpu_us_per_request"], r["cpu_ms_per_task"], r["rss_mb"], spread]
            )
    print_table(
        ["workload engine", "N", "wall/ideal", "polls/task", "lag mean ms", "lag p95 ms", "CPU us/req",
         "CPU ms/task", "peak RSS MB", "runs: polls, lag ms"],
        rows,
        title=f"Polling, emulator in its own process (median of {args.repeat} run(s) by lag)",
    )
    print()
    for w in workloads:
        print(f"  {w:<11} {WORKLOADS[w]['label']}")
    if args.micro:
        micro = _with_emulator("uniform", args.seed, {"count": args.micro}, "--micro-client")
        print()
        print_table(
            ["path", "CPU us/request", "vs bare aiohttp"],
            _micro_rows(micro),
            title=f"CPU per request: submits and status reads of a finished task ({args.micro} per path, "
            "64 concurrent; bare: mean of a run before and after)",
        )
    if "uniform" in workloads or "progress" in workloads:
        print()
        print_table(
            ["polls/task", "best lag, no progress (ms)", "best lag, perfect progress (ms)"],
            [[p, frontier_no_info(p) * 1000, frontier_informed(p) * 1000] for p in (1.25, 1.5, 1.6, 1.75, 2.0, 3.0)],
            title="Theoretical frontier for U(1, 2) s (zero latency; the physical limit is 1 poll, 0 ms)",
        )
    replayed = [w for w in workloads if w in REPLAYS]
    if replayed:
        print()
        print_table(
            ["workload", "cold polls/task", "cold lag ms", "loop polls/task", "loop lag ms",
             "as measured: polls/task", "lag ms"],
            [replay(w, args.n) for w in replayed],
            title="The same cadence replayed in virtual time (no machine noise; 4 ms round trip; mean of 3 seeds)",
        )
    if args.plot:
        plot(args.plot, results, workloads)
        print(f"\nplot written to {args.plot}")
    print()
    print((__doc__ or "").split("Method (printed with the results):\n")[1])


if __name__ == "__main__":
    main()
