"""Speech benchmark: the SSE parser alone, and streamed vs plain MiniMax speech calls through the emulator.

    python -m benchmarks.speech [--calls 200] [--concurrency 50]

1. Parser: 4 MB of hex audio in 32 KiB `data:` frames, fed in 64 KiB network reads, through the bounded
   incremental `SSEDecoder`, side by side with the naive "read everything, split on blank lines" baseline
   (which needs the whole body in memory before the first chunk).
2. End to end (client and emulator in one process, loopback): N calls of `minimax_speech_02_hd` (JSON with
   hex audio) vs N of `minimax_speech_02_hd_stream` (SSE, chunks decoded as they come), `concurrency` at
   a time: wall time, calls/s, and mean time to the first audio byte.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import anyio

from benchmarks._report import print_table
from novita_async import NovitaClient
from novita_async._sse import SSEDecoder
from novita_async.testing import EmulatorServer

VOICE = {"voice_id": "Calm_Woman"}


def parser_rows() -> list[list[Any]]:
    frame = b'data: {"audio": "' + b"ab" * 16384 + b'", "status": 1}\n\n'
    body = frame * (4 * 1024 * 1024 // (32 * 1024))
    reads = [body[i : i + 65536] for i in range(0, len(body), 65536)]
    rows = []
    start = time.perf_counter()
    decoder = SSEDecoder(1 << 20)
    events = sum(len(decoder.feed(chunk)) for chunk in reads)
    took = time.perf_counter() - start
    rows.append(["SSEDecoder, incremental (64 KiB reads)", events, len(body) / took / 1e6, "one event"])
    start = time.perf_counter()
    whole = b"".join(reads)
    naive = [part for part in whole.split(b"\n\n") if part]
    took = time.perf_counter() - start
    rows.append(["naive: whole body, split on blank lines", len(naive), len(body) / took / 1e6, "whole body"])
    return rows


async def _one(client: NovitaClient, limiter: anyio.CapacityLimiter, stream: bool, firsts: list[float]) -> None:
    async with limiter:
        began = time.perf_counter()
        if not stream:
            await client.audio.minimax_speech_02_hd(text="hi", voice_setting=VOICE)
            firsts.append(time.perf_counter() - began)
            return
        first = None
        async with await client.audio.minimax_speech_02_hd_stream(text="hi", voice_setting=VOICE) as speech:
            async for _chunk in speech:
                first = first or time.perf_counter() - began
        firsts.append(first or 0.0)


async def end_to_end(calls: int, concurrency: int) -> list[list[Any]]:
    rows = []
    async with EmulatorServer() as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, rate_limits=None, max_concurrency=concurrency
    ) as client:
        for label, stream in (("plain JSON (hex)", False), ("SSE stream", True)):
            firsts: list[float] = []
            limiter = anyio.CapacityLimiter(concurrency)
            start = time.perf_counter()
            async with anyio.create_task_group() as group:
                for _ in range(calls):
                    group.start_soon(_one, client, limiter, stream, firsts)
            wall = time.perf_counter() - start
            rows.append([label, calls, wall, calls / wall, 1000 * sum(firsts) / max(len(firsts), 1)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    print_table(["parser", "events", "MB/s", "memory held"], parser_rows(), title="SSE parsing (4 MB of frames)")
    print()
    rows = anyio.run(end_to_end, args.calls, args.concurrency)
    print_table(["speech call", "calls", "wall s", "calls/s", "first audio ms"], rows,
                title=f"MiniMax 02-hd through the emulator, {args.concurrency} at a time")  # fmt: skip


if __name__ == "__main__":
    main()
