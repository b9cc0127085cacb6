"""`client.video` (§7.7) and `client.v2` (§7.2, §7.4.1) against the emulator."""

from __future__ import annotations

from typing import Any

import pytest

from novita_async import NotFoundError, NovitaClient, RequestValidationError
from novita_async.testing import EmulatorServer
from novita_async.types import V2Txt2ImgRequest

from ._data import MP4, PNG

V2_TXT2IMG: dict[str, Any] = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a red fox", negative_prompt="blurry",
    sampler_name="DPM++ 2M Karras", batch_size=1, n_iter=2, steps=25, cfg_scale=7, seed=-1,
    width=1024, height=1024, extra={"response_image_type": "jpeg"},
)  # fmt: skip


async def test_video_endpoints(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    image_id = await novita_client.assets.upload_image(PNG)
    motion_id = await novita_client.assets.upload_video(MP4)
    tasks = [
        await novita_client.video.img2video(
            model_name="SVD-XT", image_file=PNG, frames_num=25, frames_per_second=6, seed=20231127,
            image_file_resize_mode="CROP_TO_ASPECT_RATIO", steps=20, motion_bucket_id=127, cond_aug=0.02,
            extra={"response_video_type": "gif"},
        ),
        await novita_client.video.img2video_motion(
            image_assets_id=image_id, motion_video_assets_id=motion_id, seed=-1
        ),
        await novita_client.video.txt2video(
            model_name="darkSushiMixMix_225D_64380.safetensors", width=512, height=512, steps=20, seed=-1,
            prompts=[{"prompt": "a girl holds matches", "frames": 32}, {"prompt": "the match lights", "frames": 32}],
            negative_prompt="lowres", guidance_scale=7.5, closed_loop=False,
        ),
        await novita_client.video.animate_anyone(
            image_assets_id=image_id, pose_video_assets_id=motion_id, width=512, height=512, steps=20
        ),
    ]  # fmt: skip
    results = [await t for t in tasks]
    assert all(len(r.videos) == 1 and not r.images for r in results)
    assert results[0].videos[0].video_type == "gif" and results[0].task.task_type == "IMG_TO_VIDEO"
    assert results[1].videos[0].video_url.startswith(novita_emulator.storage_url)
    assert results[3].videos[0].video_type == "mp4"
    # §10: the JS spelling, not the Python SDK's `animated-anyone`.
    assert novita_emulator.state.requests[("POST", "/v3/async/animate-anyone")] == 1
    assert novita_emulator.state.requests[("POST", "/v3/async/animated-anyone")] == 0


async def test_video_constraints_refused_client_side(novita_client: NovitaClient) -> None:
    with pytest.raises(RequestValidationError, match="frames"):
        await novita_client.video.txt2video(
            model_name="m", width=512, height=512, steps=20, prompts=[{"prompt": "x", "frames": 4}]
        )
    with pytest.raises(RequestValidationError):
        await novita_client.video.img2video(
            model_name="SVD-XT", image_file=PNG, frames_num=25, frames_per_second=6,
            image_file_resize_mode="ORIGINAL_DIMENSION", steps=20,  # the Python SDK's misspelling (§10)
        )  # fmt: skip


@pytest.mark.parametrize("enterprise", [False, True])
async def test_v2_txt2img_and_progress(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, enterprise: bool
) -> None:
    task = await novita_client.v2.txt2img(**V2_TXT2IMG, enterprise=enterprise)
    data = await task
    assert data.status == 2 and len(data.imgs or []) == 2
    assert data.imgs is not None and ".jpeg?" in data.imgs[0]
    again = await novita_client.v2.progress(task.task_id, enterprise=enterprise)
    assert again.status == 2
    prefix = "/v2/enterprise" if enterprise else "/v2"
    assert novita_emulator.state.requests[("POST", f"{prefix}/txt2img")] == 1
    # An enterprise task is unknown to the other progress endpoint (§3.1): v2 code 3.
    with pytest.raises(NotFoundError) as info:
        await novita_client.v2.progress(task.task_id, enterprise=not enterprise)
    assert info.value.v2_code == 3


async def test_v2_img2img_upscale_adetailer(novita_client: NovitaClient) -> None:
    img2img = await novita_client.v2.img2img(
        **{k: v for k, v in V2_TXT2IMG.items() if k != "extra"}, init_images=[PNG], denoising_strength=0.6,
        enterprise=True,
    )  # fmt: skip
    upscale = await novita_client.v2.upscale(image=PNG, upscaler_1="R-ESRGAN 4x+", resize_mode=0, upscaling_resize=2)
    adetailer = await novita_client.v2.adetailer(
        model_name="dreamshaper_8_93211.safetensors", input_image=PNG, prompt="detailed face", steps=20, strength=0.3
    )
    for task in (img2img, upscale, adetailer):
        data = await task
        assert data.status == 2 and data.imgs


async def test_v2_request_struct(novita_client: NovitaClient) -> None:
    fields = {k: v for k, v in V2_TXT2IMG.items() if k != "extra"}
    task = await novita_client.v2.txt2img(V2Txt2ImgRequest(**fields))
    assert (await task).status == 2


async def test_v2_error_envelope(novita_client: NovitaClient) -> None:
    task = await novita_client.v2.txt2img(**{**V2_TXT2IMG, "model_name": "m", "prompt": "x [fail]"})
    with pytest.raises(Exception, match="fail"):
        await task
