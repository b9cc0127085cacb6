"""The synchronous client reaches today's models and the escape hatch like the async one."""

from __future__ import annotations

import pytest

from novita_async import SubmitOutcomeUnknownError, SyncNovitaClient
from novita_async.testing import EmulatorServer, Fault
from novita_async.types import BalanceDetail


def test_todays_models_and_raw_calls(sync_client: SyncNovitaClient, emulator: EmulatorServer) -> None:
    assert len(sync_client.images.flux_2_pro(prompt="a teapot").result(timeout=10).images) == 1
    assert len(sync_client.images.seedream_4_0(prompt="a fox").images) == 1
    task = sync_client.tasks.submit("/v3/async/qwen-image-txt2img", {"prompt": "a poster"})
    assert task.result(timeout=10).images
    body = {"prompt": "x", "width": 64, "height": 64, "seed": 1, "steps": 1, "image_num": 1}
    assert len(sync_client.post("/v3beta/flux-1-schnell", body=body)["images"]) == 1
    assert sync_client.get("/openapi/v1/billing/balance/detail", cast=BalanceDetail).available_usd > 0
    assert sync_client.account.balance().available_usd > 0
    emulator.faults.add("/v3beta/flux-1-schnell", Fault.reset_after())
    with pytest.raises(SubmitOutcomeUnknownError):
        sync_client.post("/v3beta/flux-1-schnell", body=body)
    assert emulator.state.request_count("POST", "/v3beta/flux-1-schnell") == 2
