"""Requests encode to the §11 example bodies, omit unset fields and reject invalid input by field name."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest

from novita_async import types as t
from novita_async.types import (
    ADetailerRequest,
    Img2ImgRequest,
    InpaintingRequest,
    RequestStruct,
    Txt2ImgRequest,
    UpscaleRequest,
    V3Extra,
    V3WrappedBody,
)


def roundtrip(body: dict[str, Any], tp: Any) -> dict[str, Any]:
    """Validate `body` as the client does, then encode it again."""
    obj = msgspec.convert(body, tp)
    encoded: dict[str, Any] = json.loads(msgspec.json.encode(obj))
    return encoded


# (request type, §11 body). Wrapped v3 bodies use V3WrappedBody[inner].
EXAMPLES: list[tuple[Any, str]] = [
    (
        t.V2Img2ImgRequest,
        '{"model_name":"sd_xl_base_1.0.safetensors","prompt":"oil painting","negative_prompt":"",'
        '"sampler_name":"Euler a","batch_size":1,"n_iter":1,"steps":20,"cfg_scale":7,"seed":-1,"width":1024,'
        '"height":1024,"init_images":["<b64>"],"denoising_strength":0.6,"extra":{"response_image_type":"png"}}',
    ),
    (
        t.V2Txt2ImgRequest,
        '{"model_name":"sd_xl_base_1.0.safetensors","prompt":"a red fox, <lora:add_detail_44319:0.7>",'
        '"negative_prompt":"blurry","sampler_name":"DPM++ 2M Karras","batch_size":1,"n_iter":1,"steps":25,'
        '"cfg_scale":7,"seed":-1,"width":1024,"height":1024,"restore_faces":false,'
        '"extra":{"enable_nsfw_detection":false,"response_image_type":"jpeg"}}',
    ),
    (t.V2UpscaleRequest, '{"image":"<b64>","upscaler_1":"R-ESRGAN 4x+","resize_mode":0,"upscaling_resize":2}'),
    (
        t.V2ADetailerRequest,
        '{"model_name":"dreamshaper_8_93211.safetensors","input_image":"<b64>","prompt":"detailed face",'
        '"steps":20,"strength":0.3}',
    ),
    (
        t.LCMTxt2ImgRequest,
        '{"prompt":"a dog","width":512,"height":512,"image_num":2,"steps":4,"guidance_scale":7.5}',
    ),
    (
        t.LCMImg2ImgRequest,
        '{"model_name":"dreamshaper_8_93211.safetensors","input_image":"<b64>","prompt":"a cat","image_num":1,'
        '"steps":8,"guidance_scale":2,"sd_vae":""}',
    ),
    (
        V3WrappedBody[Txt2ImgRequest],
        '{"extra":{"response_image_type":"jpeg","enable_nsfw_detection":false},'
        '"request":{"model_name":"realisticVisionV51_v51VAE_94301.safetensors","prompt":"a cute dog",'
        '"negative_prompt":"bad face","width":512,"height":512,"image_num":2,"steps":20,"seed":123,'
        '"clip_skip":1,"sampler_name":"Euler a","guidance_scale":7.5,'
        '"loras":[{"model_name":"add_detail_44319","strength":0.7}],'
        '"hires_fix":{"target_width":1024,"target_height":1024,"strength":0.5,"upscaler":"Latent"}}}',
    ),
    (
        V3WrappedBody[Img2ImgRequest],
        '{"extra":{"response_image_type":"png"},"request":{"model_name":"cyberrealistic_v31_62396.safetensors",'
        '"image_base64":"<b64>","prompt":"a garden","width":512,"height":768,"image_num":1,"steps":25,'
        '"guidance_scale":7.5,"sampler_name":"DPM++ 2M Karras","strength":0.8,"controlnet":{"units":[{'
        '"model_name":"control_v11p_sd15_lineart","image_base64":"<b64>","strength":1,"preprocessor":"lineart",'
        '"guidance_start":0,"guidance_end":1}]}}}',
    ),
    (
        V3WrappedBody[InpaintingRequest],
        '{"extra":{"response_image_type":"jpeg"},"request":{'
        '"model_name":"realisticVisionV40_v40VAE-inpainting_81543.safetensors","image_base64":"<b64>",'
        '"mask_image_base64":"<b64>","prompt":"black rabbit","image_num":1,"steps":20,"guidance_scale":7,'
        '"sampler_name":"Euler a","seed":1,"mask_blur":1,"inpainting_full_res":1,"inpainting_full_res_padding":32,'
        '"inpainting_mask_invert":0,"initial_noise_multiplier":1,"strength":0.85}}',
    ),
    (
        V3WrappedBody[UpscaleRequest],
        '{"extra":{"response_image_type":"png"},"request":{"model_name":"RealESRNet_x4plus",'
        '"image_base64":"<b64>","scale_factor":2}}',
    ),
    (
        V3WrappedBody[ADetailerRequest],
        '{"extra":{},"request":{"model_name":"dreamshaper_8_93211.safetensors","prompt":"beautiful face",'
        '"image_assets_ids":["cjIvbm92..."],"steps":20,"guidance_scale":7.5,"sampler_name":"Euler a",'
        '"strength":0.3}}',
    ),
    (t.CleanupRequest, '{"image_file":"<b64>","mask_file":"<b64>","extra":{"response_image_type":"png"}}'),
    (
        t.OutpaintingRequest,
        '{"image_file":"<b64>","prompt":"wide landscape","width":1024,"height":768,"center_x":0,"center_y":0}',
    ),
    (t.RemoveBackgroundRequest, '{"image_file":"<b64>"}'),
    (t.RemoveTextRequest, '{"image_file":"<b64>"}'),
    (t.ReimagineRequest, '{"image_file":"<b64>"}'),
    (t.DoodleRequest, '{"image_file":"<b64>","prompt":"a cute girl, sunny day","similarity":0.8}'),
    (t.MixPoseRequest, '{"image_file":"<b64>","pose_image_file":"<b64>"}'),
    (t.ReplaceBackgroundRequest, '{"image_file":"<b64>","prompt":"in a warehouse"}'),
    (t.ReplaceSkyRequest, '{"image_file":"<b64>","sky":"sunset"}'),
    (t.RestoreFaceRequest, '{"image_file":"<b64>","fidelity":0.7}'),
    (t.CreateTileRequest, '{"prompt":"dogs","negative_prompt":"lowres","width":1024,"height":1024}'),
    (t.RemoveWatermarkRequest, '{"image_file":"<b64>"}'),
    (t.MergeFaceRequest, '{"image_file":"<b64>","face_image_file":"<b64>"}'),
    (
        t.RelightRequest,
        '{"image_file":"<b64>","prompt":"a sunny day","model_name":"realisticVisionV60B1_v60B1VAE_190174.safetensors",'
        '"lighting_preference":"TOP_LIGHT","steps":15,"sampler_name":"Euler a","guidance_scale":10,"strength":0.5,'
        '"seed":-1}',
    ),
    (t.Img2PromptRequest, '{"image_file":"<b64>"}'),
    (t.Img2MaskRequest, '{"image_file":"<b64>"}'),
    (
        t.ReplaceObjectRequest,
        '{"image_file":"<b64>","object_prompt":"1girl","prompt":"a dog","negative_prompt":"lowres"}',
    ),
    (
        t.MakePhotoRequest,
        '{"image_assets_ids":["cjIvbm92..."],"model_name":"sd_xl_base_1.0.safetensors","prompt":"anime portrait",'
        '"negative_prompt":"photo, deformed","loras":[{"model_name":"sdxl_wrong_lora","strength":0.8}],'
        '"strength":0.25,"width":1024,"height":1024,"image_num":1,"steps":25,"guidance_scale":7.5,'
        '"sampler_name":"Euler a","crop_face":true,"extra":{"response_image_type":"jpeg",'
        '"enterprise_plan":{"enabled":false}}}',
    ),
    (
        t.InstantIDRequest,
        '{"face_image_assets_ids":["..."],"ref_image_assets_ids":["..."],'
        '"model_name":"sdxlUnstableDiffusers_v8HEAVENSWRATH_133813.safetensors","prompt":"flat illustration of a man",'
        '"negative_prompt":"lowres","width":1024,"height":1024,"id_strength":0.8,"adapter_strength":0.8,"steps":20,'
        '"seed":42,"image_num":1,"guidance_scale":5,"sampler_name":"Euler","controlnet":{"units":[{'
        '"model_name":"controlnet-openpose-sdxl-1.0","strength":0.4,"preprocessor":"openpose"}]},'
        '"extra":{"response_image_type":"jpeg"}}',
    ),
    (
        t.InstantStyleRequest,
        '{"ref_image_assets_id":"...","model_name":"protovisionXLHighFidelity3D_release0620Bakedvae_131308.safetensors",'
        '"style_mode":2,"prompt":"a man, masterpiece","negative_prompt":"bad quality","width":768,"height":1024,'
        '"image_num":1,"steps":25,"seed":-1,"guidance_scale":4.5,"sampler_name":"Euler a",'
        '"extra":{"response_image_type":"jpeg"}}',
    ),
    (t.TrainingDatasetUploadRequest, '{"file_extension":"jpeg"}'),
    (
        t.SubjectTrainingRequest,
        '{"name":"me_v1","base_model":"v1-5-pruned-emaonly","width":512,"height":512,"image_dataset_items":[{'
        '"assets_id":"3455...cf43"}],"expert_setting":{"instance_prompt":"a close photo of ohwx man",'
        '"class_prompt":"person","max_train_steps":500,"learning_rate":"1e-4","lr_scheduler":"constant",'
        '"with_prior_preservation":true,"prior_loss_weight":1.0,"lora_r":32,"lora_alpha":32},"components":[{'
        '"name":"face_crop_region","args":[{"name":"ratio","value":"1.4"}]},{"name":"resize","args":[{'
        '"name":"width","value":"512"},{"name":"height","value":"512"}]},{"name":"face_restore","args":[{'
        '"name":"method","value":"gfpgan_1.4"},{"name":"upscale","value":"1.0"}]}]}',
    ),
    (
        t.StyleTrainingRequest,
        '{"name":"style_v1","base_model":"v1-5-pruned-emaonly","width":512,"height":512,"image_dataset_items":[{'
        '"assets_id":"abc","caption":"a watercolor of a lighthouse"}]}',
    ),
    (
        t.Img2VideoRequest,
        '{"model_name":"SVD-XT","image_file":"<b64>","frames_num":25,"frames_per_second":6,"seed":20231127,'
        '"image_file_resize_mode":"CROP_TO_ASPECT_RATIO","steps":20,"motion_bucket_id":127,"cond_aug":0.02,'
        '"enable_frame_interpolation":false,"extra":{"response_video_type":"mp4"}}',
    ),
    (
        t.Img2VideoMotionRequest,
        '{"image_assets_id":"cjIvbm92...","motion_video_assets_id":"cjIvbm92...","seed":-1,'
        '"extra":{"response_video_type":"mp4"}}',
    ),
    (
        t.Txt2VideoRequest,
        '{"model_name":"darkSushiMixMix_225D_64380.safetensors","width":512,"height":512,"steps":20,"seed":-1,'
        '"prompts":[{"prompt":"a girl holds matches","frames":32},{"prompt":"the match lights up","frames":32}],'
        '"negative_prompt":"nsfw, lowres","guidance_scale":7.5,"closed_loop":false,'
        '"extra":{"response_video_type":"mp4"}}',
    ),
    (
        t.AnimateAnyoneRequest,
        '{"image_assets_id":"a","pose_video_assets_id":"b","width":512,"height":768,"steps":20,"seed":-1}',
    ),
]


@pytest.mark.parametrize(("tp", "body"), EXAMPLES, ids=[str(getattr(tp, "__name__", tp)) for tp, _ in EXAMPLES])
def test_reference_examples_roundtrip(tp: Any, body: str) -> None:
    expected = json.loads(body)
    assert roundtrip(expected, tp) == expected


def test_unset_fields_are_omitted() -> None:
    req = Txt2ImgRequest(
        model_name="m",
        prompt="p",
        width=512,
        height=512,
        image_num=1,
        steps=20,
        guidance_scale=7.5,
        sampler_name="Euler a",
    )
    assert json.loads(msgspec.json.encode(req)) == {
        "model_name": "m",
        "prompt": "p",
        "width": 512,
        "height": 512,
        "image_num": 1,
        "steps": 20,
        "guidance_scale": 7.5,
        "sampler_name": "Euler a",
    }
    assert req.to_dict()["sampler_name"] == "Euler a"
    body = V3WrappedBody(request=req)
    assert set(json.loads(msgspec.json.encode(body))) == {"request"}
    body = V3WrappedBody(request=req, extra=V3Extra(response_image_type="jpeg"))
    assert json.loads(msgspec.json.encode(body))["extra"] == {"response_image_type": "jpeg"}


def test_explicit_false_and_zero_are_sent() -> None:
    extra = V3Extra(
        enable_nsfw_detection=False, nsfw_detection_level=0, enterprise_plan=t.EnterprisePlan(enabled=False)
    )
    assert extra.to_dict() == {
        "enable_nsfw_detection": False,
        "nsfw_detection_level": 0,
        "enterprise_plan": {"enabled": False},
    }


def test_webhook_extra() -> None:
    extra = msgspec.convert(
        {
            "webhook": {
                "url": "https://example.com/hook",
                "test_mode": {"enabled": True, "return_task_status": "TASK_STATUS_FAILED"},
            },
            "custom_storage": {"aws_s3": {"region": "us-east-1", "bucket": "b", "path": "/out"}},
        },
        V3Extra,
    )
    assert extra.to_dict()["webhook"]["test_mode"]["return_task_status"] == "TASK_STATUS_FAILED"
    assert extra.to_dict()["custom_storage"] == {"aws_s3": {"region": "us-east-1", "bucket": "b", "path": "/out"}}


def test_query_structs_use_dotted_names() -> None:
    q = t.ModelListQuery(visibility="public", types="lora", limit=2, cursor="c_0", is_inpainting=False)
    assert q.to_dict() == {
        "filter.visibility": "public",
        "filter.types": "lora",
        "filter.is_inpainting": False,
        "pagination.limit": 2,
        "pagination.cursor": "c_0",
    }
    assert t.TrainingListQuery(limit=10, cursor="c_0").to_dict() == {
        "pagination.limit": 10,
        "pagination.cursor": "c_0",
    }


def test_lora_strength_wire_name() -> None:
    assert t.LoRA(model_name="x", strength=0.5).to_dict() == {"model_name": "x", "strength": 0.5}
    with pytest.raises(msgspec.ValidationError, match="strenth"):
        msgspec.convert({"model_name": "x", "strenth": 0.5}, t.LoRA)


def test_training_item_accepts_int_assets_id() -> None:
    item = msgspec.convert({"assets_id": 100024, "caption": "c"}, t.TrainingImageItem)
    assert item.to_dict() == {"assets_id": 100024, "caption": "c"}


# -- validation -----------------------------------------------------------------------------------------------

TXT2IMG = {
    "model_name": "m",
    "prompt": "p",
    "width": 512,
    "height": 512,
    "image_num": 1,
    "steps": 20,
    "guidance_scale": 7.5,
    "sampler_name": "Euler a",
}


def _bad(tp: Any, body: dict[str, Any], *fragments: str) -> None:
    with pytest.raises(msgspec.ValidationError) as info:
        msgspec.convert(body, tp)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        ({"width": 64}, ("$.width", ">= 128")),
        ({"height": 4096}, ("$.height", "<= 2048")),
        ({"image_num": 9}, ("$.image_num",)),
        ({"steps": 0}, ("$.steps",)),
        ({"guidance_scale": 31}, ("$.guidance_scale",)),
        ({"prompt": ""}, ("$.prompt",)),
        ({"prompt": "x" * 1025}, ("$.prompt",)),
        ({"seed": -2}, ("$.seed",)),
        ({"clip_skip": 13}, ("$.clip_skip",)),
        ({"sampler_name": "Euler b"}, ("$.sampler_name",)),
        ({"loras": [{"model_name": "l"}] * 6}, ("$.loras",)),
        ({"loras": [{"model_name": "l", "strength": 1.5}]}, ("$.loras[0].strength",)),
        ({"hires_fix": {"target_width": 5000, "target_height": 1024, "strength": 0.5}}, ("$.hires_fix.target_width",)),
    ],
)
def test_out_of_range_values_name_the_field(change: dict[str, Any], fragments: tuple[str, ...]) -> None:
    _bad(Txt2ImgRequest, {**TXT2IMG, **change}, *fragments)


def test_missing_and_unknown_fields_name_the_field() -> None:
    body = dict(TXT2IMG)
    del body["prompt"]
    _bad(Txt2ImgRequest, body, "missing required field `prompt`")
    _bad(Txt2ImgRequest, {**TXT2IMG, "promt": "x"}, "unknown field `promt`")
    _bad(V3WrappedBody[Txt2ImgRequest], {"request": {**TXT2IMG, "width": 1}}, "$.request.width")
    _bad(V3WrappedBody[Txt2ImgRequest], {"request": TXT2IMG, "extra": {"response_image_type": "gif"}}, "$.extra")


def test_lenient_optional_tuning_values() -> None:
    # §1.5: the server accepted these from the official SDK.
    inpaint = {
        "model_name": "m",
        "image_base64": "x",
        "mask_image_base64": "y",
        "prompt": "p",
        "image_num": 1,
        "steps": 20,
        "guidance_scale": 7,
        "sampler_name": "Euler a",
        "clip_skip": 0,
        "negative_prompt": "",
    }
    msgspec.convert(inpaint, InpaintingRequest)
    lcm = {"model_name": "m", "input_image": "x", "prompt": "p", "image_num": 1, "steps": 8, "guidance_scale": 0}
    msgspec.convert(lcm, t.LCMImg2ImgRequest)
    msgspec.convert({**TXT2IMG, "sampler_name": "DPM++ Karras"}, Txt2ImgRequest)


def test_cross_field_rules() -> None:
    adetailer = {"model_name": "m", "prompt": "p", "steps": 20, "guidance_scale": 7.5, "sampler_name": "Euler a"}
    _bad(ADetailerRequest, adetailer, "image_assets_ids", "image_urls")
    msgspec.convert({**adetailer, "image_urls": ["https://faas-output-image/x.png"]}, ADetailerRequest)

    video = {
        "model_name": "SVD",
        "image_file": "x",
        "frames_num": 25,
        "frames_per_second": 6,
        "image_file_resize_mode": "ORIGINAL_RESOLUTION",
        "steps": 20,
    }
    _bad(t.Img2VideoRequest, video, "frames_num")
    msgspec.convert({**video, "frames_num": 14}, t.Img2VideoRequest)
    _bad(t.Img2VideoRequest, {**video, "image_file_resize_mode": "ORIGINAL_DIMENSION"}, "image_file_resize_mode")

    txt2video = {
        "model_name": "m",
        "width": 512,
        "height": 512,
        "steps": 20,
        "prompts": [{"prompt": "a", "frames": 64}, {"prompt": "b", "frames": 64}, {"prompt": "c", "frames": 8}],
    }
    _bad(t.Txt2VideoRequest, txt2video, "prompts", "128")
    _bad(t.Txt2VideoRequest, {**txt2video, "prompts": [{"prompt": "a", "frames": 4}]}, "$.prompts[0].frames")

    training = {
        "name": "n",
        "base_model": "b",
        "width": 512,
        "height": 512,
        "image_dataset_items": [{"assets_id": "a"}],
    }
    _bad(t.SubjectTrainingRequest, training, "expert_setting.instance_prompt")
    _bad(
        t.SubjectTrainingRequest,
        {**training, "expert_setting": {"instance_prompt": "ohwx"}},
        "expert_setting.class_prompt",
    )
    _bad(t.StyleTrainingRequest, training, "image_dataset_items[0].caption")
    _bad(t.StyleTrainingRequest, {**training, "image_dataset_items": []}, "$.image_dataset_items")


def test_other_endpoint_ranges() -> None:
    _bad(UpscaleRequest, {"model_name": "RealESRNet_x4plus", "image_base64": "x", "scale_factor": 1}, "$.scale_factor")
    _bad(t.ReplaceSkyRequest, {"image_file": "x", "sky": "cloudy"}, "$.sky")
    _bad(t.CreateTileRequest, {"prompt": "p", "negative_prompt": "", "width": 2048, "height": 512}, "$.width")
    _bad(t.V2UpscaleRequest, {"image": "x", "img_expire_ttl": 604801}, "$.img_expire_ttl")
    _bad(
        t.V2Txt2ImgRequest,
        {"model_name": "m", "prompt": "p", "batch_size": 1, "n_iter": 1, "steps": 51, "cfg_scale": 7, "seed": -1,
         "width": 512, "height": 512},
        "$.steps",
    )  # fmt: skip
    _bad(t.TrainingDatasetUploadRequest, {"file_extension": "gif"}, "$.file_extension")
    _bad(t.ExpertSetting, {"lora_r": 2}, "$.lora_r")
    _bad(Img2ImgRequest, {**TXT2IMG, "image_base64": "x", "ip_adapters": [
        {"model_name": "ip-adapter_sd15.bin", "image_base64": "x"}] * 2}, "$.ip_adapters")  # fmt: skip


def test_every_request_is_a_request_struct() -> None:
    for name in t.__all__:
        obj = getattr(t, name)
        if name.endswith("Request"):
            assert isinstance(obj, type) and issubclass(obj, RequestStruct), name
