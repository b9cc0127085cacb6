"""The official Python SDK (`novita-client` 0.7.1, which nobody here wrote) works against the emulator.

It decodes `task-result` into dataclasses that require all four `debug_info` fields; before the emulator
sent `complete_time_ms` while a task was PROCESSING, every SDK call that polls crashed on its first poll.
"""

from __future__ import annotations

import anyio
import pytest

from novita_async.testing import EmulatorConfig, EmulatorServer

novita_client = pytest.importorskip("novita_client")
# The SDK downloads images through a ThreadPool it never closes: its leak, not ours.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")


async def test_sdk_txt2img_polls_through_processing_and_downloads() -> None:
    config = EmulatorConfig(task_duration=(1.2, 1.2), queue_delay=0.3)
    async with EmulatorServer(config) as server:
        sdk = novita_client.NovitaClient(server.api_key, base_url=server.url)
        seen: list[str] = []

        def run() -> object:
            return sdk.txt2img_v3(
                model_name="sd_xl_base_1.0.safetensors", prompt="a lighthouse", image_num=1, width=512, height=384,
                steps=20, guidance_scale=7.5, sampler_name="Euler a", seed=7,
                callback=lambda progress: seen.append(progress.task.status.value), download_images=True,
            )

        result = await anyio.to_thread.run_sync(run)
    assert "TASK_STATUS_PROCESSING" in seen and seen[-1] == "TASK_STATUS_SUCCEED"
    assert result.extra.debug_info.complete_time_ms  # type: ignore[attr-defined]
    assert len(result.images_encoded) == 1  # type: ignore[attr-defined]


async def test_sdk_account_and_models() -> None:
    async with EmulatorServer() as server:
        sdk = novita_client.NovitaClient(server.api_key, base_url=server.url)
        user = await anyio.to_thread.run_sync(sdk.user_info)
        models = await anyio.to_thread.run_sync(lambda: sdk.query_model_v3(visibility="public", limit="5"))
    assert user.credit_balance > 0
    assert models.models
