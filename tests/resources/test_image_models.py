"""Today's image models (Part 2 §15, rows 101-121): every row end to end against the emulator over loopback."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from novita_async import NovitaClient, RequestValidationError, Task
from novita_async._catalogue import PART2_IMAGE
from novita_async.testing import EmulatorServer
from novita_async.types import Flux1SchnellResponse, Flux2DevRequest, Seedream3Response, SeedreamResponse, TaskResult

from ._data import JPEG, MP4, PNG, PNG_B64

URL = "https://example.com/in.png"

# row -> (method on client.images / client.video, keyword fields, expected outputs, expected format)
ROWS: dict[int, tuple[str, dict[str, Any], int, str]] = {
    101: ("flux_1_schnell", dict(prompt="a lighthouse", width=512, height=512, seed=2024, steps=4, image_num=2,
                                 response_image_format="webp"), 2, "webp"),
    102: ("flux_1_kontext_dev", dict(prompt="make it red", images=[URL, PNG], size="1024*1024", num_images=2,
                                     output_format="png"), 2, "png"),
    103: ("flux_1_kontext_pro", dict(prompt="a fox", aspect_ratio="16:9", safety_tolerance="2"), 1, "jpeg"),
    104: ("flux_1_kontext_max", dict(prompt="a fox", images=[URL], seed=7), 1, "jpeg"),
    105: ("flux_2_dev", dict(prompt="a teapot", size="1024*768", loras=[{"path": URL, "scale": 0.8}]), 1, "jpeg"),
    106: ("flux_2_flex", dict(prompt="a teapot", images=[URL]), 1, "jpeg"),
    107: ("flux_2_pro", dict(prompt="a teapot", seed=-1), 1, "jpeg"),
    108: ("seedream_3_0", dict(prompt="a paper boat", size="1024x1024", watermark=False), 1, "jpeg"),
    109: ("seedream_4_0", dict(prompt="a fox, three seasons", images=[PNG], size="2K",
                               sequential_image_generation="auto", max_images=3), 3, "jpeg"),
    110: ("seedream_4_5", dict(prompt="a fox", image=[URL], size="2048x2048"), 1, "jpeg"),
    111: ("seedream_5_0_lite", dict(prompt="a fox", size="3K", optimize_prompt_options={"mode": "standard"}), 1,
          "jpeg"),
    112: ("qwen_image_txt2img", dict(prompt="a poster", size="1024*1024"), 1, "jpeg"),
    113: ("qwen_image_edit", dict(prompt="add a hat", image=JPEG, output_format="webp"), 1, "webp"),
    114: ("hunyuan_image_3", dict(prompt="a castle", size="768*1024", seed=5), 1, "jpeg"),
    115: ("glm_image", dict(prompt="a castle", size="1088x1472", quality="hd"), 1, "jpeg"),
    116: ("z_image_turbo", dict(prompt="a castle", size="512*512"), 1, "jpeg"),
    117: ("z_image_turbo_lora", dict(prompt="a castle", loras=[{"path": URL, "scale": 1}]), 1, "jpeg"),
    118: ("image_remove_background", dict(image=URL), 1, "png"),
    119: ("image_upscaler", dict(image=URL, resolution="2k", output_format="png"), 1, "png"),
    120: ("image_eraser", dict(image=URL, prompt="dog"), 1, "jpeg"),
}  # fmt: skip


def _call(client: NovitaClient, ref: int) -> Any:
    row = next(e for e in PART2_IMAGE if e.ref == ref)
    target: Any = client
    for part in row.call.split(".")[1:]:
        target = getattr(target, part)
    return target


def _urls(answer: Any) -> tuple[list[str], list[str]]:
    """(urls, formats) of any image answer: a task result or one of the synchronous shapes."""
    if isinstance(answer, TaskResult):
        return [i.image_url for i in answer.images], [i.image_type for i in answer.images]
    if isinstance(answer, Flux1SchnellResponse):
        return [i.image_url for i in answer.images], [i.image_type for i in answer.images]
    if isinstance(answer, Seedream3Response):
        return list(answer.image_urls or []), ["jpeg"] * len(answer.image_urls or [])
    assert isinstance(answer, SeedreamResponse)
    return answer.images, ["jpeg"] * len(answer.images)


@pytest.mark.parametrize("ref", sorted(ROWS))
async def test_row_end_to_end(ref: int, novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    name, fields, count, fmt = ROWS[ref]
    row = next(e for e in PART2_IMAGE if e.ref == ref)
    assert row.call.endswith(name)
    answer = await _call(novita_client, ref)(**fields)
    if row.mode == "A3":
        assert isinstance(answer, Task) and answer.task_id
        answer = await answer.result(timeout=10)
    urls, formats = _urls(answer)
    assert len(urls) == count and set(formats) == {fmt}
    if ref == 112:  # Qwen's task result has a model-specific `extra` (§15.8): decoded leniently
        assert isinstance(answer, TaskResult) and answer.extra.seed is None and answer.extra.debug_info is None
    assert novita_emulator.state.request_count("POST", row.path) == 1
    async with aiohttp.ClientSession() as http, http.get(urls[0]) as resp:
        assert resp.status == 200
        assert resp.content_type == ("image/jpeg" if fmt == "jpeg" else f"image/{fmt}")


async def test_flux_schnell_ttl_is_an_int_and_the_task_id_informational(novita_client: NovitaClient) -> None:
    answer = await novita_client.images.flux_1_schnell(
        prompt="x", width=64, height=64, seed=0, steps=1, image_num=1
    )
    assert answer.images[0].image_url_ttl == 604800 and answer.task.task_id


async def test_seedream_3_base64(novita_client: NovitaClient) -> None:
    answer = await novita_client.images.seedream_3_0(prompt="x", response_format="b64_json")
    assert answer.image_urls is None and answer.binary_data_base64 and answer.binary_data_base64[0]


async def test_struct_request_and_extra_webhook(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    task = await novita_client.images.flux_2_dev(
        Flux2DevRequest(prompt="a teapot", size="512*512"), extra={"enable_nsfw_detection": True}
    )
    result = await task.result(timeout=10)
    assert result.images[0].nsfw_detection_result is not None


async def test_video_merge_face_is_wrapped_and_returns_videos(
    novita_client: NovitaClient, novita_emulator: EmulatorServer, tmp_path: Path
) -> None:
    video_id = await novita_client.assets.upload_video(MP4)
    face = tmp_path / "face.png"
    face.write_bytes(PNG)
    task = await novita_client.video.merge_face(
        video_assets_id=video_id, enable_restore=True, face_image_base64=face, extra={"response_video_type": "gif"}
    )
    result = await task.result(timeout=10)
    assert len(result.videos) == 1 and result.videos[0].video_type == "gif" and not result.images


@pytest.mark.parametrize(
    ("call", "fields", "field"),
    [
        ("flux_2_pro", dict(prompt="x", size="1024x1024"), None),  # `*` separator on FLUX.2
        ("flux_2_pro", dict(prompt="x", size="2048*1024"), None),  # each side ≤ 1536
        ("seedream_4_0", dict(prompt="x", size="1024*1024"), None),  # `x` separator on Seedream
        ("seedream_4_5", dict(prompt="x", size="1024x1024"), None),  # too few pixels for 4.5
        ("glm_image", dict(prompt="x", size="1030x1030"), None),  # not a multiple of 32
        ("flux_1_schnell", dict(prompt="x", width=64, height=64, seed=-1, steps=1, image_num=1), "$.seed"),
        ("flux_1_kontext_pro", dict(prompt="x", safety_tolerance=2), "$.safety_tolerance"),  # a string
        ("flux_2_flex", dict(prompt="x", images=[PNG]), "images[0]"),  # URL only: a file cannot go
        ("image_remove_background", dict(image=PNG_B64), "image"),  # URL only: base64 refused
        ("qwen_image_edit", dict(prompt="x", image="not a file name.png"), "image"),
        ("image_upscaler", dict(image=URL, resolution="16k"), "$.resolution"),
    ],
)
async def test_bad_input_is_refused_before_sending(
    call: str, fields: dict[str, Any], field: str | None, novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    with pytest.raises(RequestValidationError) as info:
        await getattr(novita_client.images, call)(**fields)
    if field is not None:
        assert info.value.field == field
    assert sum(novita_emulator.state.requests.values()) == 0


async def test_inputs_get_the_documented_flavour(
    novita_client: NovitaClient, novita_emulator: EmulatorServer
) -> None:
    # Seedream 4.0 refuses bare base64 (§15.6): bytes and bare base64 both go out as data URIs, URLs as is.
    answer = await novita_client.images.seedream_4_0(prompt="x", images=[JPEG, PNG_B64, URL])
    assert len(answer.images) == 1
    # video-merge-face wants bare base64: a data URI loses its prefix.
    video_id = await novita_client.assets.upload_video(MP4)
    task = await novita_client.video.merge_face(
        video_assets_id=video_id, enable_restore=False, face_image_base64="data:image/png;base64," + PNG_B64
    )
    assert (await task.result(timeout=10)).videos


EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "image.py")


async def test_example_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    example = runpy.run_path(EXAMPLE)
    await example["main"]()
    assert "seedream-4.0: 3 images" in capsys.readouterr().out
