"""Batch items name any endpoint by name or path: typed when the catalogue knows it, raw otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _batch_helpers import emulated

from novita_async import Task
from novita_async._batch import resolve_endpoint
from novita_async._batch._endpoints import _raw

pytestmark = pytest.mark.timeout(30)


async def test_names_and_paths_resolve_typed_or_raw() -> None:
    async with emulated() as (_, client):
        by_slug = resolve_endpoint(client, "flux-2-dev")
        by_path = resolve_endpoint(client, "/v3/async/flux-2-dev")
        assert by_slug.method == client.images.flux_2_dev and by_path.method == client.images.flux_2_dev
        assert not by_slug.raw and by_slug.name == "flux_2_dev"
        assert resolve_endpoint(client, "seedream-4.0").method == client.images.seedream_4_0
        assert resolve_endpoint(client, "/v3beta/flux-1-schnell").method == client.images.flux_1_schnell
        assert resolve_endpoint(client, "txt2img").method == client.images.txt2img  # Part 1 names still work
        assert resolve_endpoint(client, "remove-background").method == client.tools.remove_background
        tomorrow = resolve_endpoint(client, "flux-3-ultra")
        assert tomorrow.raw and tomorrow.path == "/v3/async/flux-3-ultra" and tomorrow.accepts_deadline
        assert resolve_endpoint(client, "/v3/async/some_model").raw


async def test_raw_submit_is_the_typed_submit_path() -> None:
    async with emulated() as (server, client):
        raw = _raw(client, "/v3/async/flux-2-pro")  # a path the emulator serves, without the typed method
        assert raw.raw and raw.accepts_extra and raw.accepts_options
        task = await raw.method(prompt="a teapot", extra={"enable_nsfw_detection": True})
        assert isinstance(task, Task)
        result = await task.result(timeout=10)
    assert len(result.images) == 1


async def test_batch_mixes_typed_sync_async_and_raw(tmp_path: Path) -> None:
    requests: list[dict[str, Any]] = [
        {"id": "flux", "endpoint": "flux-2-pro", "request": {"prompt": "a teapot", "size": "512*512"}},
        {"id": "kontext", "endpoint": "/v3/async/flux-1-kontext-dev", "request": {"prompt": "x", "num_images": 2}},
        {"id": "seedream", "endpoint": "seedream-4.0", "request": {"prompt": "a fox"}},
        {"id": "seedream-b64", "endpoint": "seedream-3-0-txt2img",
         "request": {"prompt": "x", "response_format": "b64_json"}},
        {"id": "tomorrow", "endpoint": "flux-3-ultra", "request": {"prompt": "x"}},
        {"id": "bad-size", "endpoint": "flux-2-pro", "request": {"prompt": "x", "size": "512x512"}},
    ]
    async with emulated() as (server, client):
        outcomes = {o.id: o async for o in client.batch(requests, out_dir=tmp_path)}
    assert outcomes["flux"].ok and len(outcomes["flux"].files) == 1
    assert outcomes["kontext"].ok and len(outcomes["kontext"].files) == 2
    assert outcomes["seedream"].ok and outcomes["seedream"].task_id is None
    assert len(outcomes["seedream"].files) == 1  # a synchronous answer's URLs are saved too
    assert outcomes["seedream-b64"].ok and outcomes["seedream-b64"].files[0].endswith(".jpeg")  # and base64
    # A model this client does not know is submitted raw; the emulator does not serve it: 404, not paid.
    assert outcomes["tomorrow"].status == "failed" and outcomes["tomorrow"].error_type == "NotFoundError"
    assert server.state.request_count("POST", "/v3/async/flux-3-ultra") == 1
    assert outcomes["bad-size"].error_type == "RequestValidationError"
    assert server.state.request_count("POST", "/v3/async/flux-2-pro") == 1
