"""`client.tools`: every editing endpoint against the emulator, and image inputs (path, bytes, base64)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from novita_async import NovitaClient, RequestValidationError
from novita_async.testing import EmulatorServer
from novita_async.types import ImageFileResponse, MiB, RemoveBackgroundRequest

from ._data import JPEG, PNG, PNG_B64, SD

SYNC_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("cleanup", "/v3/cleanup", {"image_file": PNG, "mask_file": PNG}),
    ("outpainting", "/v3/outpainting", {"image_file": PNG, "width": 1024, "height": 768, "center_x": 0, "center_y": 0}),
    ("remove_background", "/v3/remove-background", {"image_file": PNG}),
    ("remove_text", "/v3/remove-text", {"image_file": PNG}),
    ("reimagine", "/v3/reimagine", {"image_file": PNG}),
    ("doodle", "/v3/doodle", {"image_file": PNG, "prompt": "a cute girl", "similarity": 0.8}),
    ("mix_pose", "/v3/mix-pose", {"image_file": PNG, "pose_image_file": PNG}),
    ("replace_background", "/v3/replace-background", {"image_file": PNG, "prompt": "in a warehouse"}),
    ("replace_sky", "/v3/replace-sky", {"image_file": PNG, "sky": "sunset"}),
    ("restore_face", "/v3/restore-face", {"image_file": PNG, "fidelity": 0.7}),
    ("create_tile", "/v3/create-tile", {"prompt": "dogs", "negative_prompt": "lowres", "width": 1024, "height": 1024}),
    ("remove_watermark", "/v3/remove-watermark", {"image_file": PNG}),
    ("merge_face", "/v3/merge-face", {"image_file": PNG, "face_image_file": JPEG}),
    (
        "relight",
        "/v3/relight",
        {
            "image_file": PNG, "prompt": "a sunny day",
            "model_name": "realisticVisionV60B1_v60B1VAE_190174.safetensors",
            "lighting_preference": "TOP_LIGHT", "steps": 15, "sampler_name": "Euler a", "guidance_scale": 10,
            "strength": 0.5, "seed": -1, "background_image_file": PNG,
        },
    ),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "fields"), SYNC_CASES, ids=[c[0] for c in SYNC_CASES])
async def test_sync_editor(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, method: str, path: str, fields: dict[str, Any]
) -> None:
    result = await getattr(novita_client.tools, method)(**fields, extra={"response_image_type": "webp"})
    assert isinstance(result, ImageFileResponse)
    assert result.image_type == "webp"
    assert base64.b64decode(result.image_file)
    assert novita_emulator.state.requests[("POST", path)] == 1


async def test_img2prompt_and_img2mask(novita_client: NovitaClient) -> None:
    prompt = await novita_client.tools.img2prompt(image_file=PNG)
    assert prompt.prompt
    masks = await novita_client.tools.img2mask(image_file=PNG)
    # Both disputed shapes (§10) decode: `mask` and `masks`.
    assert masks.mask is not None and masks.mask.image_file
    assert masks.masks and masks.masks[0].area == 64 and masks.masks[0].bbox == [0, 0, 8, 8]


async def test_image_from_path_bytes_and_base64(novita_client: NovitaClient, tmp_path: Path) -> None:
    file = tmp_path / "in.png"
    file.write_bytes(PNG)
    for image in (file, PNG, bytearray(PNG), PNG_B64, "data:image/png;base64," + PNG_B64):
        result = await novita_client.tools.remove_background(image_file=image)
        assert result.image_type == "png"


async def test_request_struct_with_extra(novita_client: NovitaClient) -> None:
    request = RemoveBackgroundRequest(image_file=PNG_B64)
    result = await novita_client.tools.remove_background(request, extra={"response_image_type": "jpeg"})
    assert result.image_type == "jpeg"


async def test_client_side_size_limit(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, tmp_path: Path
) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as handle:
        handle.truncate(30 * MiB + 1)
    with pytest.raises(RequestValidationError, match="30 MiB") as info:
        await novita_client.tools.remove_background(image_file=big)
    assert info.value.field == "image_file"
    with pytest.raises(RequestValidationError, match="MiB"):
        await novita_client.tools.cleanup(image_file=PNG, mask_file=bytes(30 * MiB + 1))
    assert novita_emulator.state.requests[("POST", "/v3/remove-background")] == 0


async def test_missing_file_and_filename_as_str(novita_client: NovitaClient, tmp_path: Path) -> None:
    with pytest.raises(RequestValidationError, match="cannot read"):
        await novita_client.tools.reimagine(image_file=tmp_path / "nope.png")
    with pytest.raises(RequestValidationError, match="pathlib.Path"):
        await novita_client.tools.reimagine(image_file="photo.png")


async def test_bad_enum_refused_client_side(novita_client: NovitaClient) -> None:
    with pytest.raises(RequestValidationError) as info:
        await novita_client.tools.replace_sky(image_file=PNG, sky="storm")
    assert info.value.field == "$.sky"


async def test_emulator_rejects_what_the_types_would_refuse(novita_emulator: EmulatorServer) -> None:
    """The server-side check for a missing required field, bypassing client validation (§2.4)."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.post(
            novita_emulator.make_url("/v3/merge-face"),
            json={"image_file": PNG_B64},
            headers={"Authorization": f"Bearer {novita_emulator.api_key}"},
        ) as resp:
            body = await resp.json()
    assert resp.status == 400 and body["reason"] == "INVALID_REQUEST_BODY"


async def test_async_editors(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    face = await novita_client.assets.upload_image(PNG)
    tasks = [
        await novita_client.tools.replace_object(image_file=PNG, object_prompt="1girl", prompt="a dog"),
        await novita_client.tools.make_photo(
            image_assets_ids=[face], model_name="sd_xl_base_1.0.safetensors", prompt="anime portrait",
            strength=0.25, width=1024, height=1024, image_num=2, crop_face=True,
            extra={"response_image_type": "jpeg"},
        ),
        await novita_client.tools.instant_id(
            face_image_assets_ids=[face], ref_image_assets_ids=[face],
            model_name="sdxlUnstableDiffusers_v8HEAVENSWRATH_133813.safetensors", prompt="flat illustration",
            width=1024, height=1024, id_strength=0.8, adapter_strength=0.8, sampler_name="Euler",
            controlnet={"units": [{"model_name": "controlnet-openpose-sdxl-1.0", "strength": 0.4,
                                   "preprocessor": "openpose"}]},
        ),
        await novita_client.tools.instant_style(
            ref_image_assets_id=face, model_name="protovisionXLHighFidelity3D_release0620Bakedvae_131308.safetensors",
            prompt="a man", width=768, height=1024, style_mode=2, **{k: SD[k] for k in ("steps", "guidance_scale")},
        ),
    ]  # fmt: skip
    results = [await task for task in tasks]
    assert [len(r.images) for r in results] == [1, 2, 1, 1]
    assert results[1].images[0].image_type == "jpeg"
    assert {r.task.task_type for r in results} == {"REPLACE_OBJECT", "MAKE_PHOTO", "INSTANT_ID", "INSTANT_STYLE"}
    assert novita_emulator.state.storage_auth_headers_seen == 0
