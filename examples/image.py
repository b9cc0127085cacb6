"""Today's image models against the bundled emulator: `python examples/image.py`.

FLUX.2 (async: a task), Seedream 4.0 (synchronous: URLs in the answer), FLUX.1 Kontext editing a local file,
and a model this client does not know yet through the escape hatch. Drop the emulator (and pass your key,
or set NOVITA_API_KEY) to run it for real.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import anyio

from novita_async import NovitaClient
from novita_async.testing import EmulatorServer
from novita_async.testing._media import png  # a tiny real PNG to edit


async def main() -> None:
    async with EmulatorServer() as server, NovitaClient(
        api_key=server.api_key, base_url=server.url, assets_url=server.storage_url, rate_limits=None
    ) as client:
        # Async model: a Task as soon as the submit returned, then one shared poller resolves it.
        task = await client.images.flux_2_pro(prompt="a ceramic teapot on a wooden table", size="1024*768")
        result = await task
        print("flux-2-pro:", result.images[0].image_url[:60], "...")

        # Synchronous model: the answer carries the image URLs.
        seedream = await client.images.seedream_4_0(
            prompt="a fox, three seasons", size="2K", sequential_image_generation="auto", max_images=3
        )
        print("seedream-4.0:", len(seedream.images), "images")

        # Image inputs: a Path is read off the event loop and sent as the page wants it (here a data URI).
        with tempfile.TemporaryDirectory() as tmp:
            photo = Path(tmp) / "photo.png"
            await anyio.Path(photo).write_bytes(png())
            edit = await client.images.flux_1_kontext_dev(prompt="make the jacket red", images=[photo])
            print("flux-1-kontext-dev:", (await edit).images[0].image_type)

        # A model released tomorrow: any async path, same submit safety and poller, untyped body.
        raw = await client.tasks.submit("/v3/async/qwen-image-txt2img", {"prompt": "a poster", "size": "1024*1024"})
        print("raw submit:", len((await raw).images), "image")

        print("balance:", (await client.account.balance()).available_usd, "USD")


if __name__ == "__main__":
    anyio.run(main)
