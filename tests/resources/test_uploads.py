"""Uploads without the API key: assets (§5.1) and the training flow end to end (§5.2, §7.6)."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path
from typing import Any

import pytest

from novita_async import (
    APIConnectionError,
    AuthenticationError,
    NovitaClient,
    PermissionDeniedError,
    RequestValidationError,
    ServerError,
    TaskStatus,
)
from novita_async.testing import EmulatorServer, Fault
from novita_async.types import TrainingStatus

from ._data import JPEG, MP4, PNG, PNG_B64

SUBJECT: dict[str, Any] = dict(
    name="me_v1", base_model="v1-5-pruned-emaonly", width=512, height=512,
    expert_setting={"instance_prompt": "a close photo of ohwx man", "class_prompt": "person",
                    "max_train_steps": 500, "learning_rate": "1e-4", "lr_scheduler": "constant"},
    components=[{"name": "face_crop_region", "args": [{"name": "ratio", "value": "1.4"}]},
                {"name": "resize", "args": [{"name": "width", "value": "512"}, {"name": "height", "value": "512"}]}],
)  # fmt: skip


async def test_upload_image_and_video(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, tmp_path: Path
) -> None:
    file = tmp_path / "face.jpg"
    file.write_bytes(JPEG)
    ids = [
        await novita_client.assets.upload_image(file),
        await novita_client.assets.upload_image(PNG),
        await novita_client.assets.upload_image(PNG_B64),
    ]
    assert base64.b64decode(ids[0]).startswith(b"r2/novita-ai-asset/image/")
    assert ids[1] == ids[2]  # same bytes, deterministic id
    video = await novita_client.assets.upload_video(MP4)
    assert base64.b64decode(video).endswith(b".mp4")
    assert [r.path for r in novita_emulator.state.storage_requests] == ["/image"] * 3 + ["/video"]
    assert novita_emulator.state.storage_auth_headers_seen == 0
    assert len(novita_emulator.state.assets) == 3


async def test_upload_errors_are_mapped(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    with pytest.raises(RequestValidationError, match="empty"):
        await novita_client.assets.upload_image(b"")
    novita_emulator.faults.add("/image", Fault.http(403))
    with pytest.raises(PermissionDeniedError) as denied:
        await novita_client.assets.upload_image(PNG)
    assert denied.value.reason == "AccessDenied" and denied.value.status_code == 403
    # 5xx is retried with the client's policy, then succeeds.
    novita_emulator.faults.add("/image", Fault.http(503))
    assert await novita_client.assets.upload_image(PNG)
    assert not isinstance(denied.value, AuthenticationError)


async def test_upload_connection_error(novita_emulator: EmulatorServer) -> None:
    async with NovitaClient(
        api_key="k", base_url=novita_emulator.url, assets_url="http://127.0.0.1:9", max_retries=0
    ) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.assets.upload_image(PNG)
        assert info.value.sent is False
        session = client._storage_session
        assert session is not None
    assert session._session is None  # closed with the client


async def test_upload_server_error_exhausts_retries(novita_emulator: EmulatorServer) -> None:
    async with NovitaClient(
        api_key=novita_emulator.api_key, base_url=novita_emulator.url, assets_url=novita_emulator.storage_url,
        max_retries=0,
    ) as client:  # fmt: skip
        novita_emulator.faults.add("/video", Fault.http(500))
        with pytest.raises(ServerError):
            await client.assets.upload_video(MP4)


async def test_training_end_to_end(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, tmp_path: Path
) -> None:
    paths = []
    for i in range(3):
        paths.append(tmp_path / f"{i}.jpg")
        paths[-1].write_bytes(JPEG + bytes([i]))
    ids = await novita_client.training.upload_images([*paths, PNG, PNG_B64, JPEG])
    assert len(ids) == 6 and len(set(ids)) == 6
    assert all(novita_emulator.state.training_assets[str(i)] for i in ids)  # every PUT arrived
    assert novita_emulator.state.storage_auth_headers_seen == 0
    puts = [r.path for r in novita_emulator.state.storage_requests]
    assert sum(p.endswith(".jpeg") for p in puts) == 4 and sum(p.endswith(".png") for p in puts) == 2

    subject = await novita_client.training.create_subject(
        **SUBJECT, image_dataset_items=[{"assets_id": i} for i in ids]
    )
    style = await novita_client.training.create_style(
        name="watercolor", base_model="v1-5-pruned-emaonly", width=512, height=512,
        image_dataset_items=[{"assets_id": i, "caption": "a watercolor"} for i in ids[:2]],
    )  # fmt: skip
    assert subject.kind == "training-subject" and style.kind == "training-style"
    done = await subject
    assert isinstance(done, TrainingStatus) and subject.status is TaskStatus.SUCCEEDED
    assert done.task_status == "SUCCESS" and all(m.model_status == "SERVING" for m in done.models)
    assert (await style).models[0].is_serving

    status = await novita_client.training.get_subject(subject.task_id)
    assert status.task_id == subject.task_id and status.models[0].model_name == done.models[0].model_name
    assert (await novita_client.training.get_style(style.task_id)).task_status == "SUCCESS"

    listed = [t async for t in novita_client.training.list(limit=1)]
    assert {t.task_id for t in listed} == {subject.task_id, style.task_id}
    assert novita_emulator.state.requests[("GET", "/v3/training")] == 2
    wire: dict[str, Any] = {"pagination.limit": 10}
    only_style = await novita_client.training.list_page(task_type="style", **wire)
    assert [t.task_name for t in only_style.tasks] == ["watercolor"]


async def test_training_validation(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    with pytest.raises(RequestValidationError, match="instance_prompt"):
        await novita_client.training.create_subject(
            name="x", base_model="v1-5-pruned-emaonly", width=512, height=512, image_dataset_items=[{"assets_id": "a"}]
        )
    with pytest.raises(RequestValidationError, match="caption"):
        await novita_client.training.create_style(
            name="x", base_model="v1-5-pruned-emaonly", width=512, height=512, image_dataset_items=[{"assets_id": "a"}]
        )
    assert novita_emulator.state.requests[("POST", "/v3/training/subject")] == 0


async def test_training_uploads_are_bounded(novita_client: NovitaClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from novita_async.resources import training

    active = peak = 0
    real = training.storage_put  # type: ignore[attr-defined]

    async def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        try:
            await asyncio.sleep(0.01)
            return await real(*args, **kwargs)
        finally:
            active -= 1

    monkeypatch.setattr(training, "storage_put", counting)
    ids = await novita_client.training.upload_images([PNG + bytes([i]) for i in range(12)])
    assert len(ids) == 12 and peak == training.UPLOAD_CONCURRENCY


async def test_storage_never_sees_an_authorization_header(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    """Even a caller (or a pre-signed header list) passing one: the storage session drops it."""
    from novita_async._files import storage_put
    from novita_async.types.assets import AssetUploadResponse

    answer = await storage_put(
        novita_client, novita_emulator.storage_url + "/image", PNG, content_type="image/png",
        headers={"Authorization": f"Bearer {novita_emulator.api_key}"}, cast=AssetUploadResponse,
    )
    assert answer.assets_id
    with pytest.raises(RequestValidationError, match="not an image"):
        await novita_client.assets.upload_image(MP4)  # a video is not an image
    assert await novita_client.assets.upload_video(MP4)
    assert novita_emulator.state.storage_auth_headers_seen == 0
    assert [r.path for r in novita_emulator.state.storage_requests] == ["/image", "/video"]
