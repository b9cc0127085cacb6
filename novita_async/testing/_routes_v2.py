"""v2 endpoints (reference §7.2, §7.4.1): submit into the v2 envelope, poll with `/v2/progress`.

Errors are HTTP 200 with a non-zero `code` (§2.1): 1 invalid, 3 unknown task, 6 out of range, 8 unknown
sampler. Tasks submitted to `/v2/enterprise/*` can only be polled on `/v2/enterprise/progress` (§3.1).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from ._catalogue import is_known_model
from ._faults import current_fault_kind
from ._http import ApiError, Body, decode_b64, encode, json_response, read_json, v2_ok
from ._results import v2_progress
from ._runtime import Runtime

__all__ = ("V2_SAMPLERS", "V2Routes")

V2_SAMPLERS = frozenset(
    [
        "DPM++ 2M Karras", "DPM++ SDE Karras", "DPM++ 2M SDE Exponential", "DPM++ 2M SDE Karras", "Euler a",
        "Euler", "LMS", "Heun", "DPM2", "DPM2 a", "DPM++ 2S a", "DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE",
        "DPM++ 2M SDE Heun", "DPM++ 2M SDE Heun Karras", "DPM++ 2M SDE Heun Exponential", "DPM++ 3M SDE",
        "DPM++ 3M SDE Karras", "DPM++ 3M SDE Exponential", "DPM fast", "DPM adaptive", "LMS Karras",
        "DPM2 Karras", "DPM2 a Karras", "DPM++ 2S a Karras", "Restart", "DDIM", "PLMS", "UniPC",
        "DPM++ Karras",
    ]
)  # fmt: skip


def _extra(body: Body) -> tuple[str, bool]:
    extra = body.obj("extra")
    ext = extra.opt_str("response_image_type", "png")
    if ext not in ("png", "jpeg"):
        raise ApiError.invalid("extra.response_image_type must be png or jpeg")
    return ext, extra.opt_bool("enable_nsfw_detection")


def _generation(body: Body, *, img2img: bool) -> tuple[str, int]:
    """Validate the shared txt2img/img2img fields; return (prompt, image count)."""
    prompt = body.req_str("prompt")
    body.req_str("model_name")
    if img2img:
        for i, item in enumerate(body.req_list("init_images")):
            if not isinstance(item, str):
                raise ApiError.invalid(f"init_images[{i}] must be a base64 string")
            decode_b64(item, f"init_images[{i}]")
        body.opt_b64("mask")
    body.req_int("width", 0, 2048, lo_open=True)
    body.req_int("height", 0, 2048, lo_open=True)
    body.req_int("steps", 0, 50, lo_open=True)
    if body.has("cfg_scale"):
        body.req_num("cfg_scale", 0, 30, lo_open=True)
    sampler = body.opt_str("sampler_name")
    if sampler and sampler not in V2_SAMPLERS:
        raise ApiError(400, "INVALID_REQUEST_BODY", f"sampler {sampler!r} does not exist", v2_code=8)
    batch = body.opt_int("batch_size", 1, 0, 8)
    n_iter = body.opt_int("n_iter", 1, 0, 8)
    return prompt, max(1, batch) * max(1, n_iter)


class V2Routes:
    """Handlers of the `/v2` generation endpoints."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def register(self, app: web.Application) -> None:
        add = app.router.add_post
        for prefix in ("/v2", "/v2/enterprise"):
            add(f"{prefix}/txt2img", self._submit("TXT_TO_IMG", self._txt2img))
            add(f"{prefix}/img2img", self._submit("IMG_TO_IMG", self._img2img))
            app.router.add_get(f"{prefix}/progress", self.progress)
        add("/v2/upscale", self._submit("UPSCALE", self._upscale))
        add("/v2/adetailer", self._submit("ADETAILER", self._adetailer))

    @staticmethod
    def _txt2img(body: Body) -> tuple[str, int]:
        return _generation(body, img2img=False)

    @staticmethod
    def _img2img(body: Body) -> tuple[str, int]:
        return _generation(body, img2img=True)

    @staticmethod
    def _upscale(body: Body) -> tuple[str, int]:
        body.req_b64("image")
        mode = body.opt_int("resize_mode", 0, 0, 1)
        if mode == 0 and body.has("upscaling_resize"):
            body.req_num("upscaling_resize", 0, 4, lo_open=True)
        else:
            body.opt_int("upscaling_resize_w", 0, 0, 2048)
            body.opt_int("upscaling_resize_h", 0, 0, 2048)
        return "", 1

    @staticmethod
    def _adetailer(body: Body) -> tuple[str, int]:
        body.req_str("model_name")
        body.req_b64("input_image")
        return body.req_str("prompt"), 1

    def _submit(
        self, task_type: str, validate: Callable[[Body], tuple[str, int]]
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handler(request: web.Request) -> web.Response:
            body = await read_json(request)
            prompt, count = validate(body)
            ext, nsfw = _extra(body)
            ttl = body.opt_int("img_expire_ttl", 0, 0, 604800)
            seed = self._rt.resolve_seed(body.opt_int("seed", -1))  # the seed really used, as the service does
            model = body.opt_str("model_name")
            if self._rt.config.strict_models and model and not is_known_model(model):
                # Reference §2.1: v2 code 2, CodeModelNotExist.
                raise ApiError(400, "MODEL_NOT_FOUND", f"model {model!r} not found", v2_code=2)
            info = {
                "model": model,
                "prompts": [prompt],
                "seeds": [seed],
                "num_images": count,
            }
            task = self._rt.create_task(
                endpoint=request.path,
                kind="v2",
                task_type=task_type,
                image_count=count,
                output_ext=ext,
                prompt_text=prompt,
                seed=seed,
                size=(body.opt_int("width", 0), body.opt_int("height", 0)),
                enable_nsfw_detection=nsfw,
                request_info=encode(info).decode(),
                enterprise=request.path.startswith("/v2/enterprise/"),
                url_ttl=ttl or None,
                unknown_status=current_fault_kind() == "unknown_status",
                model=body.opt_str("model_name"),
            )
            return v2_ok(request, {"task_id": task.id, "warn": ""})

        return handler

    async def progress(self, request: web.Request) -> web.Response:
        task_id = request.query.get("task_id", "")
        if not task_id:
            raise ApiError.invalid("task_id is required")
        task = self._rt.state.tasks.get(task_id)
        enterprise = request.path.startswith("/v2/enterprise/")
        if task is None or task.kind != "v2" or task.enterprise != enterprise:
            return json_response(request, {"code": 3, "msg": f"task_id {task_id} does not exist"})
        self._rt.state.polls[task_id] += 1
        data = v2_progress(self._rt, task, self._rt.clock())
        if task.unknown_status or current_fault_kind() == "unknown_status":
            data["status"] = 100  # not a documented status: clients must treat it as unknown
        return v2_ok(request, data)
