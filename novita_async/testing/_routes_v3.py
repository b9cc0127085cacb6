"""v3 asynchronous endpoints (reference §6 mode A3, §7.3, §7.4.15/17, §7.7, §7.8) and `task-result` (§3.2).

Each submit handler validates the body, creates a lazy task and answers `{"task_id"}`. `task_type` values
other than `TXT_TO_IMG`, `IMG_TO_IMG` and `IMG_TO_VIDEO` are not documented; the emulator invents
self-explanatory ones (`INPAINTING`, `UPSCALE`, `ADETAILER`, ...).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable

from aiohttp import web

from ._catalogue import is_known_model
from ._faults import current_fault_kind
from ._http import ApiError, Body, encode, json_response, raw_json_response, read_json
from ._results import v3_result
from ._runtime import Runtime
from ._webhooks import WebhookSender, is_loopback_url

__all__ = ("V3_SAMPLERS", "TaskSpec", "V3Routes", "image_type", "video_type")

V3_SAMPLERS = frozenset(
    [
        "Euler a", "Euler", "LMS", "Heun", "DPM2", "DPM2 a", "DPM++ 2S a", "DPM++ 2M", "DPM++ SDE",
        "DPM fast", "DPM adaptive", "LMS Karras", "DPM2 Karras", "DPM2 a Karras", "DPM++ 2S a Karras",
        "DPM++ 2M Karras", "DPM++ SDE Karras", "DDIM", "PLMS", "UniPC",
        "DPM++ Karras",  # in no doc list, but the Python SDK's ADetailer default (reference §8.1)
    ]
)  # fmt: skip
_UPSCALERS = frozenset({"RealESRGAN_x4plus_anime_6B", "RealESRNet_x4plus", "4x-UltraSharp"})
_SVD_FRAMES = {"SVD-XT": 25, "SVD": 14}


@dataclasses.dataclass
class TaskSpec:
    """What a validated submit asks for; route tables of other modules build these too (`add_flat`)."""

    task_type: str
    image_count: int
    prompt: str = ""
    seed: int = -1
    is_video: bool = False
    info: dict[str, object] = dataclasses.field(default_factory=dict)
    output_ext: str = ""
    """Output format; empty = from `extra.response_image_type` / `response_video_type`."""
    is_audio: bool = False
    answer: dict[str, object] = dataclasses.field(default_factory=dict)
    """More fields of the submit answer besides `task_id` (MiniMax 2.8 async speech, §17.2)."""


_Spec = TaskSpec


def image_type(extra: Body) -> str:
    value = extra.opt_str("response_image_type", "png")
    if value not in ("png", "jpeg", "webp"):
        raise ApiError.invalid(f"{extra.name('response_image_type')} must be one of png, jpeg, webp")
    return value


def video_type(extra: Body) -> str:
    value = extra.opt_str("response_video_type", "mp4")
    if value not in ("mp4", "gif"):
        raise ApiError.invalid(f"{extra.name('response_video_type')} must be one of mp4, gif")
    return value


def _sampler(body: Body) -> str:
    name = body.req_str("sampler_name")
    if name not in V3_SAMPLERS:
        raise ApiError.invalid(f"{body.name('sampler_name')} is not a known sampler: {name!r}")
    return name


def _common_sd(r: Body) -> None:
    """Fields shared by the Stable Diffusion style requests."""
    r.opt_str("negative_prompt")
    r.opt_int("seed", -1, -1)
    r.items("loras", max_len=5)
    r.items("embeddings", max_len=5)


def _txt2img(r: Body, *, image: bool = False) -> _Spec:
    model = r.req_str("model_name")
    prompt = r.req_str("prompt", 1024)
    if image:
        r.req_b64("image_base64")
    w, h = r.req_int("width", 128, 2048), r.req_int("height", 128, 2048)
    n = r.req_int("image_num", 1, 8)
    r.req_int("steps", 1, 100)
    r.req_num("guidance_scale", 1, 30)
    _sampler(r)
    _common_sd(r)
    hires = r.obj("hires_fix")
    if hires.data:
        hires.req_int("target_width", 128, 4096)
        hires.req_int("target_height", 128, 4096)
    if image:
        for unit in r.obj("controlnet").items("units", max_len=5):
            unit.req_str("model_name")
            unit.req_b64("image_base64")
        r.items("ip_adapters", max_len=1)
    info = {"model": model, "width": w, "height": h}
    return _Spec("IMG_TO_IMG" if image else "TXT_TO_IMG", n, prompt, r.opt_int("seed", -1), info=info)


def _inpainting(r: Body) -> _Spec:
    model = r.req_str("model_name")
    r.req_b64("image_base64")
    r.req_b64("mask_image_base64")
    prompt = r.req_str("prompt", 1024)
    n = r.req_int("image_num", 1, 8)
    r.req_int("steps", 1, 100)
    r.req_num("guidance_scale", 1, 30)
    _sampler(r)
    _common_sd(r)
    # Reference §7.3.7: integers, not booleans (the Python SDK types two of them as bool; send integers).
    r.opt_int("mask_blur", 0, 0, 64)
    r.opt_int("inpainting_full_res", 0, 0, 1)
    r.opt_int("inpainting_full_res_padding", 8, 0, 256)
    r.opt_int("inpainting_mask_invert", 0, 0, 1)
    return _Spec("INPAINTING", n, prompt, r.opt_int("seed", -1), info={"model": model})


def _upscale(r: Body) -> _Spec:
    model = r.req_str("model_name")
    if model not in _UPSCALERS:
        raise ApiError.invalid(f"{r.name('model_name')} must be one of {', '.join(sorted(_UPSCALERS))}")
    r.req_b64("image_base64")
    factor = r.req_num("scale_factor", 1, 4, lo_open=True)
    return _Spec("UPSCALE", 1, info={"model": model, "scale_factor": factor})


def _adetailer(r: Body) -> _Spec:
    model = r.req_str("model_name")
    prompt = r.req_str("prompt", 1024)
    ids = r.opt_list("image_assets_ids")
    urls = r.opt_list("image_urls")
    if not ids and not urls:
        raise ApiError.invalid(f"{r.name('image_assets_ids')} or {r.name('image_urls')} is required")
    r.req_int("steps", 1, 100)
    r.req_num("guidance_scale", 1, 30)
    _sampler(r)
    _common_sd(r)
    return _Spec("ADETAILER", len(ids or urls), prompt, r.opt_int("seed", -1), info={"model": model})


def _replace_object(r: Body) -> _Spec:
    r.req_b64("image_file")
    obj = r.req_str("object_prompt", 1024)
    prompt = r.req_str("prompt", 1024)
    return _Spec("REPLACE_OBJECT", 1, f"{obj} {prompt}")


def _make_photo(r: Body) -> _Spec:
    r.req_list("image_assets_ids")
    model = r.req_str("model_name")
    prompt = r.req_str("prompt", 1024)
    w, h = r.req_int("width", 128, 1024), r.req_int("height", 128, 1024)
    n = r.opt_int("image_num", 1, 1, 8)
    _common_sd(r)
    return _Spec(
        "MAKE_PHOTO", n, prompt, r.opt_int("seed", -1), info={"model": model, "width": w, "height": h}
    )


def _img2video(r: Body) -> _Spec:
    model = r.req_str("model_name")
    if model not in _SVD_FRAMES:
        raise ApiError.invalid(f"model_name must be one of {', '.join(_SVD_FRAMES)}")
    r.req_b64("image_file")
    frames = r.req_int("frames_num")
    if frames != _SVD_FRAMES[model]:
        raise ApiError.out_of_range(f"frames_num must be {_SVD_FRAMES[model]} for {model}")
    if r.req_int("frames_per_second") != 6:
        raise ApiError.out_of_range("frames_per_second must be 6")
    mode = r.req_str("image_file_resize_mode")
    if mode not in ("ORIGINAL_RESOLUTION", "CROP_TO_ASPECT_RATIO"):
        raise ApiError.invalid("image_file_resize_mode must be ORIGINAL_RESOLUTION or CROP_TO_ASPECT_RATIO")
    r.req_int("steps", 1, 50)
    return _Spec("IMG_TO_VIDEO", 1, seed=r.opt_int("seed", -1), is_video=True, info={"model": model})


def _img2video_motion(r: Body) -> _Spec:
    r.req_str("image_assets_id")
    r.req_str("motion_video_assets_id")
    return _Spec("IMG_TO_VIDEO_MOTION", 1, seed=r.opt_int("seed", -1, -1), is_video=True)


def _txt2video(r: Body) -> _Spec:
    model = r.req_str("model_name")
    r.req_int("width", 256, 1024)
    r.req_int("height", 256, 1024)
    r.req_int("steps", 1, 50)
    total = 0
    texts = []
    for item in r.items("prompts", required=True):
        texts.append(item.req_str("prompt", 1024))
        total += item.req_int("frames", 8, 64)
    if total > 128:
        raise ApiError.out_of_range("the sum of prompts[].frames must be at most 128")
    _common_sd(r)
    return _Spec("TXT_TO_VIDEO", 1, " ".join(texts), r.opt_int("seed", -1), True, info={"model": model})


def _instant_id(r: Body) -> _Spec:
    r.req_list("face_image_assets_ids")
    model = r.req_str("model_name")
    prompt = r.req_str("prompt", 1024)
    n = r.opt_int("image_num", 1, 1, 8)
    return _Spec("INSTANT_ID", n, prompt, r.opt_int("seed", -1), info={"model": model})


def _instant_style(r: Body) -> _Spec:
    r.req_str("ref_image_assets_id")
    model = r.req_str("model_name")
    prompt = r.req_str("prompt", 1024)
    n = r.opt_int("image_num", 1, 1, 8)
    return _Spec("INSTANT_STYLE", n, prompt, r.opt_int("seed", -1), info={"model": model})


def _animate_anyone(r: Body) -> _Spec:
    r.req_str("image_assets_id")
    r.req_str("pose_video_assets_id")
    r.req_int("width", 1)
    r.req_int("height", 1)
    r.req_int("steps", 1)
    return _Spec("ANIMATE_ANYONE", 1, seed=r.opt_int("seed", -1), is_video=True)


_WRAPPED: dict[str, Callable[[Body], _Spec]] = {
    "txt2img": _txt2img,
    "img2img": lambda r: _txt2img(r, image=True),
    "inpainting": _inpainting,
    "upscale": _upscale,
    "adetailer": _adetailer,
}
_FLAT: dict[str, Callable[[Body], _Spec]] = {
    "replace-object": _replace_object,
    "make-photo": _make_photo,
    "img2video": _img2video,
    "img2video-motion": _img2video_motion,
    "txt2video": _txt2video,
    "instant-id": _instant_id,
    "instant-style": _instant_style,
    "animate-anyone": _animate_anyone,
    "animated-anyone": _animate_anyone,  # the Python SDK's spelling (reference §10)
}


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _check_assets(r: Body, known: dict[str, int]) -> None:
    """Strict mode: every `*_assets_id(s)` field must name an asset uploaded to this emulator."""
    for key, value in r.data.items():
        if key.endswith(("assets_id", "assets_ids")):
            for asset in value if isinstance(value, list) else [value]:
                if str(asset) not in known:
                    raise ApiError.invalid(f"{r.name(key)}: asset {asset!r} was not uploaded")


class V3Routes:
    """Handlers of `/v3/async/*`."""

    def __init__(self, rt: Runtime, webhooks: WebhookSender) -> None:
        self._rt = rt
        self._webhooks = webhooks

    def register(self, app: web.Application) -> None:
        for name, spec in {**_WRAPPED, **_FLAT}.items():
            app.router.add_post(f"/v3/async/{name}", self._submit_handler(spec, wrapped=name in _WRAPPED))
        app.router.add_get("/v3/async/task-result", self.task_result)

    def add_flat(self, app: web.Application, table: dict[str, Callable[[Body], TaskSpec]]) -> None:
        """Serve more flat async endpoints: `/v3/async/<name>` → a validator returning a `TaskSpec`."""
        for name, build in table.items():
            app.router.add_post(f"/v3/async/{name}", self._submit_handler(build, wrapped=False))

    def _submit_handler(
        self, build: Callable[[Body], _Spec], *, wrapped: bool
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handler(request: web.Request) -> web.Response:
            body = await read_json(request)
            req = Body(body.obj("request").data, "request.") if wrapped else body
            extra = body.obj("extra")
            spec = build(req)
            rt = self._rt
            if rt.config.strict_assets:
                _check_assets(req, rt.state.assets)
            ext = spec.output_ext or (video_type(extra) if spec.is_video else image_type(extra))
            webhook = extra.obj("webhook")
            hook = None
            if webhook.data:
                if not is_loopback_url(webhook.req_str("url")):
                    raise ApiError.invalid("extra.webhook.url: the emulator delivers to loopback addresses only")
                hook = webhook.data
            seed = rt.resolve_seed(spec.seed)  # request_info shows the seed really used, as the service does
            info = {
                **spec.info,
                "prompts": [spec.prompt],
                "seeds": [seed],
                "num_images_per_prompt": spec.image_count,
            }
            model = spec.info.get("model")
            missing = rt.config.strict_models and isinstance(model, str) and not is_known_model(model)
            task = rt.create_task(
                endpoint=request.path,
                kind="v3",
                task_type=spec.task_type,
                image_count=spec.image_count,
                output_ext=ext,
                is_video=spec.is_video,
                prompt_text=spec.prompt,
                seed=seed,
                enable_nsfw_detection=extra.opt_bool("enable_nsfw_detection"),
                request_info=encode(info).decode(),
                webhook=hook,
                unknown_status=current_fault_kind() == "unknown_status",
                model=str(spec.info.get("model", "")),
                size=(_int(spec.info.get("width")), _int(spec.info.get("height"))),
                # Reference §3.2 failed example: an unknown model is a task that fails with this reason.
                failure="model not found" if missing else None,
                is_audio=spec.is_audio,
                audio_text=spec.prompt if spec.is_audio else "",
            )
            if hook is not None:
                self._webhooks.schedule(task)
            return json_response(request, {"task_id": task.id, **spec.answer})

        return handler

    async def task_result(self, request: web.Request) -> web.Response:
        task_id = request.query.get("task_id", "")
        if not task_id:
            raise ApiError.invalid("task_id is required")
        rt = self._rt
        task = rt.state.tasks.get(task_id)
        if task is None or task.kind != "v3":
            raise ApiError(404, "TASK_NOT_FOUND", f"task {task_id} not found", metadata={"task_id": task_id})
        rt.state.polls[task_id] += 1
        now = rt.clock()
        if current_fault_kind() == "unknown_status":
            return json_response(request, v3_result(rt, task, now, status_override="TASK_STATUS_UNKNOWN"))
        if task.phase(now) != "done" or task.outcome != "success" or task.unknown_status:
            return json_response(request, v3_result(rt, task, now))
        # Finished: the body changes only when the URL signing second does, so cache the bytes.
        key = str(int(rt.wall()))
        payload = task.cache.get(key)
        if payload is None:
            payload = encode(v3_result(rt, task, now))
            task.cache.clear()
            task.cache[key] = payload
        return raw_json_response(request, payload)
