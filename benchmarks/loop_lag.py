"""Loop health with large file inputs: max loop lag and callbacks over 50 ms, side by side.

    python -m benchmarks.loop_lag [--n 40] [--mb 5] [--batch 200] [--batch-mb 1] [--repeat 3]

The emulator runs in a child process (`EmulatorProcess`), so the client's loop and GIL carry only the
client's work. Each row runs `--repeat` times on a fresh loop in asyncio debug mode
(`slow_callback_duration = 0.05`, `LoopMonitor`) and reports the median and worst max lag, the callbacks
over 50 ms of wall time (these include preemption by other processes), and the most CPU time one callback
used on the loop thread (what the client itself held the loop for), with cyclic GC pauses apart. Rows:
* direct: `--n` concurrent `images.img2img` calls, each with a `--mb` MB image as bytes (client encodes it);
* base64: the same with the image already a base64 str (client validates it);
* batch: `--batch` batch items with `--batch-mb` MB base64 inputs, as read from JSONL.
Each shape runs with the default file-work threads (1) and with 40, the behaviour before the fix (anyio's
default thread pool: forty `binascii` calls fighting the loop for the GIL).
"""

from __future__ import annotations

import argparse
import base64
import statistics
import time
from typing import Any

import anyio

import novita_async._files.inputs as inputs
from benchmarks._report import print_table
from novita_async import NovitaClient, PollPolicy
from novita_async.testing import EmulatorProcess, LoopMonitor
from novita_async.testing._media import png

SD = dict(model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1, steps=20,
          guidance_scale=7.5, sampler_name="Euler a")  # fmt: skip
MiB = 1024 * 1024


async def _run(emulator: EmulatorProcess, shape: str, n: int, mb: float) -> tuple[float, float, int, float, float]:
    image = png(padding=int(mb * MiB))
    value: Any = base64.b64encode(image).decode() if shape != "direct" else image
    async with NovitaClient(api_key=emulator.api_key, base_url=emulator.url, rate_limits=None, max_retries=0,
                            poll_policy=PollPolicy(first_delay=0.1, min_interval=0.1)) as client:
        start = time.perf_counter()
        async with LoopMonitor(slow_callback=0.05) as monitor:
            if shape == "batch":
                items = [{"id": f"i{i}", "endpoint": "img2img", "request": {**SD, "image_base64": value}}
                         for i in range(n)]
                async for outcome in client.batch(items, max_submits=16, max_tasks=n):
                    assert outcome.ok, outcome
            else:
                async with anyio.create_task_group() as tg:
                    for _ in range(n):
                        tg.start_soon(lambda: client.images.img2img(**SD, image_base64=value))
        wall = time.perf_counter() - start
        return wall, monitor.max_lag, len(monitor.slow_callbacks), monitor.max_busy, monitor.max_gc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--mb", type=float, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--batch-mb", type=float, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    shapes = [("direct", args.n, args.mb), ("base64", args.n, args.mb), ("batch", args.batch, args.batch_mb)]
    default = inputs.FILE_WORK_THREADS
    rows = []
    with EmulatorProcess(seed=1, task_duration=[0.2, 0.4]) as emulator:
        for shape, n, mb in shapes:
            for threads in (default, 40):
                inputs.FILE_WORK_THREADS = threads
                runs = [anyio.run(_run, emulator, shape, n, mb) for _ in range(args.repeat)]
                lags = [r[1] * 1000 for r in runs]
                rows.append([f"{shape} {n} x {mb:g} MB", threads, statistics.median(r[0] for r in runs),
                             statistics.median(lags), max(lags), max(r[2] for r in runs),
                             max(r[3] for r in runs) * 1000, max(r[4] for r in runs) * 1000])
    inputs.FILE_WORK_THREADS = default
    print_table(["inputs", "file threads", "wall s", "max lag ms (median)", "max lag ms (worst)",
                 "callbacks > 50 ms wall (worst)", "max callback CPU ms", "max GC pause ms"], rows,
                title=f"loop health, {args.repeat} runs per row, debug mode")


if __name__ == "__main__":
    main()
