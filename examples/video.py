"""Video models of today against the bundled emulator: `python examples/video.py [OUT_DIR]`.

Three submits of different shapes (Kling V2.1 with a string duration and a local first frame sent as a data
URI, Wan 2.2 with a DashScope `{input, parameters}` body, Seedance 1.5), awaited together; each result's
MP4 is downloaded with a plain session (output URLs are pre-signed: never send the API key there). Drop the
emulator and pass your key (`NovitaClient()` reads NOVITA_API_KEY) to run it for real.
"""

from __future__ import annotations

import sys
from pathlib import Path

import aiohttp
import anyio

from novita_async import NovitaClient, gather_tasks
from novita_async.testing import EmulatorServer
from novita_async.testing._media import png


async def main(out_dir: Path) -> None:
    first_frame = png(64, 64)  # bytes (or a pathlib.Path): sent as `data:image/png;base64,...`
    async with EmulatorServer() as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, rate_limits=None
    ) as client:
        tasks = [
            await client.video.kling_v21_i2v(prompt="the lighthouse beam sweeps", image=first_frame, duration="5"),
            await client.video.wan_22_t2v(input={"prompt": "a cat under the moon"}, parameters={"size": "832*480"}),
            await client.video.seedance_v15_pro_t2v(prompt='a sailor says "ahoy"', duration=5, ratio="16:9"),
        ]
        await anyio.Path(out_dir).mkdir(parents=True, exist_ok=True)
        async with aiohttp.ClientSession() as storage:  # no Authorization header: storage URLs are pre-signed
            for outcome in await gather_tasks(tasks):
                task, video = outcome.task, outcome.unwrap().videos[0]
                async with storage.get(video.video_url) as answer:
                    data = await answer.read()
                target = anyio.Path(out_dir) / f"{task.task_id}.{video.video_type}"
                await target.write_bytes(data)
                print(f"{task.endpoint}: {target} ({len(data)} bytes)")


if __name__ == "__main__":
    anyio.run(main, Path(sys.argv[1] if len(sys.argv) > 1 else "out-video"))
