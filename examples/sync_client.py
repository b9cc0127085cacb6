"""The synchronous client against the bundled emulator: `python examples/sync_client.py`.

Swap `emulator_thread()` for your real key (`SyncNovitaClient()` reads NOVITA_API_KEY) to run it for real.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from anyio.from_thread import start_blocking_portal

from novita_async import SyncNovitaClient
from novita_async.testing import EmulatorServer


@contextmanager
def emulator_thread() -> Iterator[EmulatorServer]:
    """The offline emulator, served from a thread of its own."""
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(EmulatorServer()) as server:
        yield server


def main() -> None:
    with emulator_thread() as server, SyncNovitaClient(
        api_key=server.api_key, base_url=server.url, assets_url=server.storage_url, rate_limits=None
    ) as client:
        request = dict(model_name="sd_xl_base_1.0.safetensors", prompt="a lighthouse at dusk", width=512,
                       height=512, image_num=1, steps=20, guidance_scale=7.5, sampler_name="Euler a")
        task = client.images.txt2img(**request)
        print("submitted", task.task_id)
        result = task.result(timeout=60)
        print("image:", result.images[0].image_url[:60], "...")
        items = [{"id": f"boat-{i}", "endpoint": "txt2img", "request": {**request, "prompt": f"boat {i}"}}
                 for i in range(3)]
        for outcome in client.batch(items):
            print(outcome.id, outcome.status, outcome.task_id)


if __name__ == "__main__":
    main()
