"""Every example response of novita-api.md decodes into the response types (lenient decoding)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from novita_async.types import (
    AssetUploadResponse,
    AsyncSubmitResponse,
    CivitaiModelData,
    ImageFileResponse,
    Img2MaskResponse,
    Img2PromptResponse,
    LCMImg2ImgResponse,
    LCMTxt2ImgResponse,
    ModelListResponse,
    ProgressData,
    TrainedModelStatus,
    TrainingDatasetUpload,
    TrainingListResponse,
    TrainingStatus,
    TrainingTaskStatus,
    UserInfo,
    V2ModelList,
    V2Response,
    V2SubmitData,
    V2TaskStatus,
    V3ErrorResponse,
    V3TaskStatus,
    WebhookEvent,
)
from novita_async.types.tasks import TaskResult

FIXTURE = Path("/work/shared/fixtures/civitai_version_64094.json")
if not FIXTURE.exists():  # pragma: no cover - fallback when run outside the shared workspace
    FIXTURE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "civitai_version_64094.json"


def decode(text: str | bytes, tp: Any) -> Any:
    return msgspec.json.Decoder(tp, strict=False).decode(text)


# -- envelopes and submits (§2) ------------------------------------------------------------------------------


def test_v2_submit_envelope() -> None:
    r = decode(
        '{"code":0,"msg":"","data":{"task_id":"a1b0d99b-2ef0-4b20-8eeb-c641ae84ed45"}}', V2Response[V2SubmitData]
    )
    assert r.code == 0 and r.data is not None
    assert r.data.task_id == "a1b0d99b-2ef0-4b20-8eeb-c641ae84ed45"
    assert r.data.warn == ""


def test_v2_error_envelope_has_no_data() -> None:
    r = decode('{"code":4,"msg":"invalid key"}', V2Response[V2SubmitData])
    assert (r.code, r.msg, r.data) == (4, "invalid key", None)


def test_v3_submit_bare_and_enveloped() -> None:
    bare = decode('{"task_id":"f10333f2-2dd7-4f56-a177-e3c02a774d9a"}', AsyncSubmitResponse)
    assert bare.resolved_task_id == "f10333f2-2dd7-4f56-a177-e3c02a774d9a"
    wrapped = decode('{"code":0,"msg":"","data":{"task_id":"abc"}}', AsyncSubmitResponse)
    assert wrapped.task_id == "" and wrapped.resolved_task_id == "abc"
    assert decode("{}", AsyncSubmitResponse).resolved_task_id == ""


def test_v3_error_body() -> None:
    body = '{"code":400,"reason":"INVALID_REQUEST_BODY","message":"request.prompt is required","metadata":{}}'
    r = decode(body, V3ErrorResponse)
    assert (r.code, r.reason, r.message, r.metadata) == (
        400,
        "INVALID_REQUEST_BODY",
        "request.prompt is required",
        {},
    )
    r = decode('{"code":500,"reason":"INTERNAL","message":"failed to exec task, err: x"}', V3ErrorResponse)
    assert r.reason == "INTERNAL" and r.metadata == {}


# -- §3.1 v2 progress ----------------------------------------------------------------------------------------


PROGRESS_SUCCESS = """{"code":0,"msg":"","data":{"status":2,"progress":1,"eta_relative":0,
 "imgs":["https://faas-output-image.s3.ap-southeast-1.amazonaws.com/prod/abc-0.png?X-Amz-Expires=3600&x=1"],
 "failed_reason":"","current_images":[],"info":"",
 "submit_time":"2024-03-01 10:00:00","execution_time":"2024-03-01 10:00:00",
 "txt2img_time":"2024-03-01 10:00:04","finish_time":"2024-03-01 10:00:05",
 "enable_nsfw_detection":false,"nsfw_detection_result":null,
 "debug_info":{"submit_time_ms":1709287200000,"execution_time_ms":1709287200120,
               "txt2img_time_ms":1709287204000,"finish_time_ms":1709287205000}}}"""


def test_progress_success() -> None:
    r = decode(PROGRESS_SUCCESS, V2Response[ProgressData])
    d = r.data
    assert d is not None
    assert d.status == 2 and d.status_enum is V2TaskStatus.SUCCEEDED and d.is_terminal
    assert d.progress == 1.0 and d.imgs is not None and d.imgs[0].startswith("https://faas-output-image")
    assert d.finish_time == "2024-03-01 10:00:05"
    assert d.nsfw_detection_result is None
    assert d.debug_info is not None and d.debug_info.finish_time_ms == 1709287205000


def test_progress_running_and_lenient_numbers() -> None:
    running = '{"code":0,"msg":"","data":{"status":1,"progress":0.45,"eta_relative":3,"imgs":null,'
    running += '"failed_reason":"","current_images":[]}}'
    d = decode(running, V2Response[ProgressData]).data
    assert d.status_enum is V2TaskStatus.RUNNING and not d.is_terminal
    assert d.progress == 0.45 and d.eta_relative == 3 and d.imgs is None
    d = decode(
        '{"status":"3","failed_reason":"boom","debug_info":{"submit_time_ms":"1715052533293"},'
        '"nsfw_detection_result":[{"valid":true,"confidence":"98.5"}]}',
        ProgressData,
    )
    assert d.status_enum is V2TaskStatus.FAILED and d.failed_reason == "boom"
    assert d.debug_info.submit_time_ms == 1715052533293
    assert d.nsfw_detection_result[0].confidence == 98.5
    assert decode('{"status":100}', ProgressData).status_enum is None


# -- §3.2 v3 task result -------------------------------------------------------------------------------------

TASK_SUCCESS = """{"task":{"task_id":"6f1c1e2a-0000-4000-8000-000000000001","task_type":"TXT_TO_IMG",
         "status":"TASK_STATUS_SUCCEED","reason":"","eta":0,"progress_percent":100},
 "images":[{"image_url":"https://faas-output-image.s3.ap-southeast-1.amazonaws.com/prod/a.jpeg?X-Amz-Expires=3600",
            "image_url_ttl":"3600","image_type":"jpeg","nsfw_detection_result":null}],
 "videos":[],
 "extra":{"seed":"123456","enable_nsfw_detection":false,
          "debug_info":{"request_info":"{}","submit_time_ms":"1715052533293",
                        "execute_time_ms":"1715052533362","complete_time_ms":"1715052537148"}}}"""


def test_task_result_success_numeric_strings() -> None:
    r = decode(TASK_SUCCESS, TaskResult)
    assert r.task.status_enum is V3TaskStatus.SUCCEED and r.task.is_terminal
    assert r.task.task_type == "TXT_TO_IMG" and r.task.progress_percent == 100
    img = r.images[0]
    assert img.image_url_ttl == 3600 and isinstance(img.image_url_ttl, int)
    assert img.image_type == "jpeg" and img.nsfw_detection_result is None
    assert r.videos == [] and r.audios == []
    assert r.extra.seed == 123456
    assert r.extra.debug_info is not None
    assert r.extra.debug_info.request_info == "{}"
    assert r.extra.debug_info.submit_time_ms == 1715052533293
    assert r.extra.debug_info.execute_time_ms == 1715052533362
    assert r.extra.debug_info.complete_time_ms == 1715052537148


def test_task_result_queued_and_failed() -> None:
    queued = decode(
        '{"task":{"task_id":"q","task_type":"TXT_TO_IMG","status":"TASK_STATUS_QUEUED","reason":"","eta":0,'
        '"progress_percent":0},"images":[],"videos":[],"extra":{}}',
        TaskResult,
    )
    assert queued.task.status_enum is V3TaskStatus.QUEUED and not queued.task.is_terminal
    assert queued.extra.seed is None
    failed = decode(
        '{"task":{"task_id":"f","status":"TASK_STATUS_FAILED","reason":"model not found",'
        '"task_type":"TXT_TO_IMG","eta":0,"progress_percent":0},"images":[],"videos":[]}',
        TaskResult,
    )
    assert failed.task.status_enum is V3TaskStatus.FAILED and failed.task.reason == "model not found"
    assert failed.task.is_terminal


def test_unknown_status_does_not_fail_decoding() -> None:
    r = decode('{"task":{"task_id":"x","status":"TASK_STATUS_SOMETHING_NEW"}}', TaskResult)
    assert r.task.status == "TASK_STATUS_SOMETHING_NEW" and r.task.status_enum is None
    assert not r.task.is_terminal
    assert decode('{"task":{"status":"TASK_STATUS_UNKNOWN"}}', TaskResult).task.status_enum is (V3TaskStatus.UNKNOWN)
    assert decode("{}", TaskResult).task.status == ""


def test_task_result_nsfw_shapes_and_int_ttl() -> None:
    r = decode(
        '{"images":[{"image_url":"u","image_url_ttl":3600,"nsfw_detection_result":{}},'
        '{"image_url":"v","image_url_ttl":"60","nsfw_detection_result":{"valid":true,"confidence":99.1}}]}',
        TaskResult,
    )
    assert r.images[0].image_url_ttl == 3600
    assert r.images[0].nsfw_detection_result is not None and r.images[0].nsfw_detection_result.valid is False
    assert r.images[1].nsfw_detection_result.confidence == pytest.approx(99.1)


def test_replace_object_and_video_results() -> None:
    r = decode(
        '{"task":{"task_id":"d4b2b68f-fd45-41b7-a095-a563e9d3405f","status":"TASK_STATUS_SUCCEED","reason":""},'
        '"images":[{"image_url":"https://x","image_url_ttl":"3600","image_type":"jpeg"}]}',
        TaskResult,
    )
    assert r.task.task_type == "" and r.images[0].image_url_ttl == 3600
    v = decode(
        '{"task":{"task_id":"fa20dff3","task_type":"IMG_TO_VIDEO","status":"TASK_STATUS_SUCCEED","reason":"",'
        '"eta":0,"progress_percent":100},"images":[],"videos":[{"video_url":'
        '"https://faas-output-video.s3.ap-southeast-1.amazonaws.com/x.mp4","video_url_ttl":"3600",'
        '"video_type":"mp4"}]}',
        TaskResult,
    )
    assert v.task.task_type == "IMG_TO_VIDEO"
    assert v.videos[0].video_url_ttl == 3600 and v.videos[0].video_type == "mp4"


def test_webhook_event() -> None:
    body = (
        '{"event_type":"ASYNC_TASK_RESULT","payload":{"task":{"task_id":"f6aec953","task_type":"TXT_TO_IMG",'
        '"status":"TASK_STATUS_SUCCEED","reason":"","eta":0,"progress_percent":0},"extra":{'
        '"enable_nsfw_detection":false,"webhook":{"url":"https://example.com/hook"}},"images":[{"image_url":'
        '"https://x","image_url_ttl":"3600","image_type":"jpeg","nsfw_detection_result":null}],"videos":[],'
        '"audios":[]}}'
    )
    e = decode(body, WebhookEvent)
    assert e.event_type == "ASYNC_TASK_RESULT"
    assert e.payload.task.status_enum is V3TaskStatus.SUCCEED
    assert e.payload.extra.webhook is not None and e.payload.extra.webhook.url == "https://example.com/hook"
    assert e.payload.images[0].image_url_ttl == 3600


# -- §7, §11 sync and misc responses -------------------------------------------------------------------------


def test_user_info() -> None:
    u = decode('{"allow_features":["txt2img"],"credit_balance":52000,"free_trial":{}}', UserInfo)
    assert u.allow_features == ["txt2img"] and u.credit_balance == 52000 and u.free_trial == {}
    u = decode(
        '{"allow_features":["txt2img","img2img"],"credit_balance":"123456","free_trial":{"txt2img":10}}', UserInfo
    )
    assert u.credit_balance == 123456 and u.free_trial == {"txt2img": 10}


def test_sync_image_file_response() -> None:
    r = decode('{"image_file":"<b64>","image_type":"png"}', ImageFileResponse)
    assert (r.image_file, r.image_type) == ("<b64>", "png")


def test_lcm_responses() -> None:
    t = decode(
        '{"images":[{"image_file":"<b64>","image_type":"png"},{"image_file":"<b64>","image_type":"png"}]}',
        LCMTxt2ImgResponse,
    )
    assert len(t.images) == 2 and t.images[1].image_type == "png"
    i = decode(
        '{"images":[{"image_url":"https://.../0.png?X-Amz-Expires=3600","image_type":"png","image_url_ttl":"3600"}]}',
        LCMImg2ImgResponse,
    )
    assert i.images[0].image_url_ttl == 3600 and i.images[0].image_url.startswith("https://")


def test_img2prompt_response() -> None:
    r = decode('{"prompt":"a man standing on a rock near the ocean, ..."}', Img2PromptResponse)
    assert r.prompt.startswith("a man standing")


@pytest.mark.parametrize(
    "body",
    [
        '{"masks":[{"image_file":"<b64>","image_type":"png","bbox":[12,40,200,310],"area":51234}]}',
        '{"mask":{"image_file":"<b64>","image_type":"png","bbox":[12,40,200,310],"area":51234}}',
        '{"mask":{"image_file":"<b64>","image_type":"png","bbox":[12,40,200,310],"area":51234},'
        '"masks":[{"image_file":"<b64>","image_type":"png","bbox":[12,40,200,310],"area":51234}]}',
    ],
)
def test_img2mask_both_shapes(body: str) -> None:
    r = decode(body, Img2MaskResponse)
    masks = r.masks_all
    assert len(masks) == 1
    assert masks[0].bbox == [12, 40, 200, 310] and masks[0].area == 51234 and masks[0].image_type == "png"


def test_img2mask_empty_and_scalar_bbox() -> None:
    assert decode("{}", Img2MaskResponse).masks_all == []
    assert decode('{"masks":[{"bbox":5}]}', Img2MaskResponse).masks_all[0].bbox == 5


def test_asset_upload() -> None:
    r = decode('{"assets_id":"cjIvbm92aXRhLWFpLWFzc2V0L2ltYWdlL214..."}', AssetUploadResponse)
    assert r.assets_id.startswith("cjIvbm92")


# -- §7.5 models ---------------------------------------------------------------------------------------------

V3_MODELS = """{"models":[{"id":114600,"name":"V4.0-inpainting (VAE)","hash_sha256":"1A805277C8",
  "sd_name":"realisticVisionV40_v40VAE-inpainting_81543.safetensors",
  "type":{"name":"checkpoint","display_name":"Checkpoint"},"categories":[],"status":1,
  "tags":["photorealistic","base model"],"cover_url":"https://x.jpeg","source":"civitai",
  "base_model":"SD 1.5","base_model_type":"Inpainting","download_url":"https://d","download_url_ttl":2592000,
  "sd_name_in_api":"realisticVisionV40_v40VAE-inpainting_81543.safetensors","is_sdxl":false}],
 "pagination":{"next_cursor":"c_2"}}"""


def test_v3_model_list() -> None:
    r = decode(V3_MODELS, ModelListResponse)
    m = r.models[0]
    assert m.id == 114600 and m.hash_sha256 == "1A805277C8"
    assert m.type.name == "checkpoint" and m.type.display_name == "Checkpoint"
    assert m.categories == [] and m.status == 1 and m.tags == ["photorealistic", "base model"]
    assert m.base_model == "SD 1.5" and m.base_model_type == "Inpainting"
    assert m.download_url_ttl == 2592000 and m.is_sdxl is False
    assert m.sd_name_in_api == m.sd_name
    assert r.pagination.next_cursor == "c_2"
    end = decode('{"models":[]}', ModelListResponse)
    assert end.pagination.next_cursor == ""


def test_v2_models_list() -> None:
    body = (
        '{"code":0,"msg":"","data":{"models":[{"name":"SDXL VAE","hash":"abc","sd_name":"sdxl_vae.safetensors",'
        '"third_source":"civitai","download_status":1,"download_name":"sdxl_vae.safetensors",'
        '"dependency_status":1,"type":"vae","civitai_version_id":0,"civitai_nsfw":false}]}}'
    )
    r = decode(body, V2Response[V2ModelList])
    m = r.data.models[0]
    assert (m.name, m.type, m.sd_name, m.download_status, m.civitai_nsfw) == (
        "SDXL VAE",
        "vae",
        "sdxl_vae.safetensors",
        1,
        False,
    )


def test_civitai_subset_example() -> None:
    body = (
        '{"code":0,"msg":"","data":{"model":{"hash":"ECEFB796FF","name":"NeverEnding Dream (NED)",'
        '"type":"checkpoint","sd_name":"neverendingDreamNED_v122BakedVae.safetensors","third_source":"civitai",'
        '"enable":1,"download_status":1,"dependency_status":1,"civitai_model_id":10028,'
        '"civitai_version_id":64094,"civitai_nsfw":false,"civitai_tags":"anime,landscapes"}}}'
    )
    r = decode(body, V2Response[CivitaiModelData])
    assert r.data.model.enable == 1 and r.data.model.civitai_version_id == 64094


def test_civitai_fixture_field_by_field() -> None:
    raw = FIXTURE.read_bytes()
    expected: dict[str, Any] = json.loads(raw)["data"]["model"]
    r = decode(raw, V2Response[CivitaiModelData])
    assert r.code == 0 and r.msg == ""
    model = r.data.model
    assert model is not None
    as_builtins = msgspec.to_builtins(model)
    for key, value in expected.items():
        assert key in as_builtins, f"field {key!r} of the fixture is not modelled"
        assert as_builtins[key] == value, key
    assert model.id is None and model.enable is None and model.civitai_dependency_version_id is None
    assert model.civitai_allow_commercial_use == "Rent" and model.civitai_image_nsfw == "None"
    assert model.civitai_rating == 4.96
    image = model.civitai_images[0]
    assert image.nsfw == "None" and image.url.endswith("707744.jpeg")
    meta = image.meta
    assert meta is not None
    exp_meta = expected["civitai_images"][0]["meta"]
    assert meta.prompt == exp_meta["prompt"] and meta.negative_prompt == exp_meta["negative_prompt"]
    assert (meta.sampler_name, meta.steps, meta.cfg_scale, meta.seed) == ("DPM++ SDE Karras", 30, 7, 2972238300)
    assert (meta.height, meta.width, meta.model_name) == (540, 768, "NeverEndingDream_2.2_BakedVae_fp16")


# -- §7.6 training ------------------------------------------------------------------------------------------


def test_training_dataset_upload_string_and_int_ids() -> None:
    body = (
        '{"assets_id":"34558688e2f42a0137ca2d5274a8cf43","upload_url":"https://faas-training-dataset.s3'
        '.ap-southeast-1.amazonaws.com/test/x.png?X-Amz-Expires=120","method":"PUT","headers":{"Host":{"values":'
        '["faas-training-dataset.s3.ap-southeast-1.amazonaws.com"]}}}'
    )
    r = decode(body, TrainingDatasetUpload)
    assert r.assets_id == "34558688e2f42a0137ca2d5274a8cf43" and r.method == "PUT"
    assert r.headers["Host"].values == ["faas-training-dataset.s3.ap-southeast-1.amazonaws.com"]
    assert decode('{"assets_id":100024}', TrainingDatasetUpload).assets_id == 100024


def test_training_status() -> None:
    r = decode('{"task_id":"d660cdd0","task_status":"TRAINING","model_type":"lora","models":[]}', TrainingStatus)
    assert r.status_enum is TrainingTaskStatus.TRAINING and not r.is_terminal
    r = decode(
        '{"task_id":"d660cdd0","task_status":"SUCCESS","model_type":"lora","models":[{"model_name":'
        '"model_1698904832_F2BB461625.safetensors","model_status":"SERVING"}],'
        '"extra":{"eta_relative":"0","progress_percent":100}}',
        TrainingStatus,
    )
    assert r.status_enum is TrainingTaskStatus.SUCCESS and r.is_terminal
    assert r.models[0].is_serving and r.models[0].model_status == TrainedModelStatus.SERVING.value
    assert r.extra is not None and r.extra.progress_percent == 100
    assert decode('{"task_status":"WHATEVER"}', TrainingStatus).status_enum is None


def test_training_list() -> None:
    body = (
        '{"tasks":[{"task_name":"test_01","task_id":"a0c4cc90","task_type":"subject","task_status":"SUCCESS",'
        '"created_at":1699325415,"models":[{"model_name":"model_1699325939_E83A88DAC5.safetensors",'
        '"model_status":"SERVING"}]}],"pagination":{"next_cursor":"c_10"}}'
    )
    r = decode(body, TrainingListResponse)
    t = r.tasks[0]
    assert (t.task_name, t.task_type, t.created_at) == ("test_01", "subject", 1699325415)
    assert t.status_enum is TrainingTaskStatus.SUCCESS and t.models[0].is_serving
    assert r.pagination.next_cursor == "c_10"


def test_responses_ignore_unknown_fields() -> None:
    r = decode('{"task":{"task_id":"x","brand_new":1},"brand_new_top":[1,2]}', TaskResult)
    assert r.task.task_id == "x"
