"""Batch benchmark: N requests through the batch engine against the in-process emulator.

    python -m benchmarks.batch [--n 10000] [--max-tasks 500] [--no-downloads] [--no-journal]

The emulator runs with `rate_limits=None` and short task durations, so the ideal wall time is bounded by
the tasks lane: ceil(N / max_tasks) waves of one mean task duration. The gap to ideal is engine, journal,
poller and download overhead (all in one process: client *and* emulator share the event loop and CPU).
Peak RSS is the whole process, emulator included.
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio

from benchmarks._report import print_table
from novita_async import NovitaClient, PollPolicy
from novita_async.testing import EmulatorConfig, EmulatorServer

REQUEST = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1, steps=20,
    guidance_scale=7.5, sampler_name="Euler a",
)


def _rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


async def run(n: int, max_tasks: int, downloads: bool, journal: bool, duration: tuple[float, float]) -> list[Any]:
    def requests() -> Any:
        for i in range(n):
            yield {"id": f"b{i}", "request": {**REQUEST, "prompt": f"prompt {i}"}}

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # Placeholder outputs: drawing 10,000 images would measure the emulator, which shares this process.
        config = EmulatorConfig(task_duration=duration, seed=1, render_images=False)
        async with EmulatorServer(config) as server:
            async with NovitaClient(
                api_key=server.api_key, base_url=server.url, rate_limits=None, max_concurrency=128,
                poll_policy=PollPolicy(first_delay=duration[0], min_interval=0.05, max_interval=1.0),
            ) as client:
                batch = client.batch(
                    requests(), out_dir=out if downloads else None, journal=out / "j.sqlite3" if journal else None,
                    max_submits=32, max_tasks=max_tasks, max_downloads=32,
                )
                start = time.monotonic()
                ok = 0
                async for outcome in batch:
                    ok += outcome.ok
                wall = time.monotonic() - start
            created = server.state.tasks_created_total
            polls = sum(server.state.polls.values())
    ideal = math.ceil(n / max_tasks) * (duration[0] + duration[1]) / 2
    commits = batch.journal.commits if batch.journal is not None else "-"
    return [n, ok, created, wall, ideal, wall / ideal, n / wall, polls / n, commits, _rss_mb()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--max-tasks", type=int, default=500)
    parser.add_argument("--no-downloads", action="store_true")
    parser.add_argument("--no-journal", action="store_true")
    parser.add_argument("--duration", type=float, nargs=2, default=(0.2, 0.4), metavar=("MIN", "MAX"))
    args = parser.parse_args()
    row = anyio.run(run, args.n, args.max_tasks, not args.no_downloads, not args.no_journal, tuple(args.duration))
    print_table(
        ["requests", "succeeded", "tasks created", "wall s", "ideal s", "x ideal", "items/s", "polls/item",
         "journal commits", "peak RSS MB"],
        [row],
        title=f"batch: max_tasks={args.max_tasks}, downloads={'off' if args.no_downloads else 'on'}, "
        f"journal={'off' if args.no_journal else 'on'}, task duration {args.duration[0]}-{args.duration[1]} s",
    )


if __name__ == "__main__":
    main()
