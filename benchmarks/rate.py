"""Rate-control benchmark: an account limit the client is never told about, against the emulator.

    python -m benchmarks.rate [--n 150] [--limit 5] [--quick]

The emulator enforces `--limit` submits per second per key (a 1 s sliding window, the submit side only)
and answers 429 *without* `Retry-After`, as the real service documents none. A batch of N txt2img items
(one image each; the engine's default 8 submits in flight) runs through the client:

* `learned`: the default client (`NovitaClient()`): nothing paced until the first 429, then the pace is
  learned. Also with `Retry-After: 1` on every 429.
* `no pacing`: `rate_limits=None`: no pacing, no learning; 429s are re-sent with exponential back-off
  (the behaviour before rate learning, when pacing was turned off).

Columns: `of limit` is the time the limit allows for N submits ((N - limit) / limit: the first second's
worth goes at once) divided by the time the submits took (first to last task created) - 100% is the
limit exactly; `429/submit` is 429 answers per created task; `created` must equal N and `errors` (outcomes
that failed) must be 0. The last two rows run without any limit, learned vs `rate_limits=None`, to show the
limiter's overhead when nothing is paced (submits per second, N x 5 items).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import anyio

from benchmarks._report import print_table
from novita_async import NovitaClient, PollPolicy
from novita_async.testing import EmulatorConfig, EmulatorServer

REQUEST = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1, steps=20,
    guidance_scale=7.5, sampler_name="Euler a",
)
_UNSET: Any = object()


async def run(n: int, limit: float | None, retry_after: float | None, rate_limits: Any) -> dict[str, Any]:
    config = EmulatorConfig(
        task_duration=(0.02, 0.05), seed=1, retry_after=retry_after,
        submit_rate_limit=(limit, 1.0) if limit else None,
    )
    kwargs = {} if rate_limits is _UNSET else {"rate_limits": rate_limits}
    items = [{"id": f"r{i}", "endpoint": "txt2img", "request": {**REQUEST, "prompt": f"cat {i}"}} for i in range(n)]
    async with EmulatorServer(config) as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, max_concurrency=128,
        poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.5), **kwargs,
    ) as client:
        started = time.monotonic()
        errors = 0
        async for outcome in client.batch(items):
            errors += not outcome.ok
        wall = time.monotonic() - started
        family = client.limiter_statistics().families.get("txt2img")
        created = sorted(task.created_at for task in server.state.tasks.values())
        return {
            "created": server.state.tasks_created_total,
            "rate_limited": server.state.submits_rate_limited,
            "errors": errors,
            "span": created[-1] - created[0] if len(created) > 1 else 0.0,
            "wall": wall,
            "learned": None if family is None or family.per_minute is None else family.per_minute / 60.0,
        }


async def main_async(n: int, limit: float, quick: bool) -> None:
    rows = []
    cases: list[tuple[str, float | None, Any]] = [
        ("learned (default)", None, _UNSET),
        ("learned, Retry-After: 1", 1.0, _UNSET),
        ("no pacing (rate_limits=None)", None, None),
    ]
    if quick:
        cases = cases[:1]
    ideal = (n - limit) / limit
    for name, retry_after, rate_limits in cases:
        r = await run(n, limit, retry_after, rate_limits)
        rows.append([
            name, f"{limit:g}/s", r["created"], r["errors"], f"{r['span']:.1f}s",
            f"{100 * ideal / r['span']:.0f}%" if r["span"] else "-", f"{r['rate_limited'] / max(1, r['created']):.2f}",
            "-" if r["learned"] is None else f"{r['learned']:.2f}/s",
        ])
    free = 5 * n
    for name, rate_limits in (("learned, no limit", _UNSET), ("rate_limits=None, no limit", None)):
        r = await run(free, None, None, rate_limits)
        rows.append([name, "none", r["created"], r["errors"], f"{r['span']:.1f}s",
                     f"{(r['created'] - 1) / r['span']:.0f} submits/s", "0.00", "-"])
    print_table(
        ["client", "limit", "created", "errors", "submit span", "of limit", "429/submit", "learned pace"],
        rows,
        title=f"Rate control: N={n} txt2img submits through client.batch, emulator limit {limit:g}/s per key, "
        "no Retry-After unless stated",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=150, help="submits per limited run (default 150)")
    parser.add_argument("--limit", type=float, default=5.0, help="emulator submit limit per second (default 5)")
    parser.add_argument("--quick", action="store_true", help="only the default client under a limit")
    args = parser.parse_args()
    anyio.run(main_async, args.n, args.limit, args.quick)


if __name__ == "__main__":
    main()
