"""Today's image models (novita-api-2026.md §15, rows 101-121), served per §20.

Each handler validates what its page documents (required fields, types, enums, the ranges of sizing and
count fields, the image-input flavour of §13.3) and answers like the page: synchronous models inline (URLs,
or base64 for Seedream 3.0 `b64_json`), async models `{"task_id"}` with outputs in task-result `images[]`
(`videos[]` for the wrapped video face merge). Output formats the pages leave open (§19 question 3) are the
§15 picks: jpeg, png for background removal. `task_type` values are invented except Qwen's and UPSCALE.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Awaitable, Callable

from aiohttp import web

from ._faults import current_fault_kind
from ._http import ApiError, Body, decode_b64, encode, json_response, read_json
from ._media import b64_file
from ._routes_v3 import video_type
from ._runtime import Runtime
from ._webhooks import WebhookSender

__all__ = ("ImageModelRoutes",)

_FORMATS = ("jpeg", "png", "webp")
_GLM_SIZES = {"1280x1280", "1568x1056", "1056x1568", "1472x1088", "1088x1472", "1728x960", "960x1728"}


@dataclasses.dataclass
class _Out:
    count: int = 1
    ext: str = "jpeg"
    prompt: str = ""
    seed: int = -1
    is_video: bool = False


def _enum(b: Body, key: str, choices: tuple[str, ...], default: str) -> str:
    value = b.opt_str(key, default)
    if value not in choices:
        raise ApiError.invalid(f"{b.name(key)} must be one of {', '.join(choices)}")
    return value


def _size(b: Body, sep: str, lo: int, hi: int) -> None:
    value = b.opt_str("size")
    if not value:
        return
    match = re.fullmatch(rf"(\d+){re.escape(sep)}(\d+)", value)
    if match is None:
        raise ApiError.invalid(f"{b.name('size')} must look like 1024{sep}1024")
    if not all(lo <= int(side) <= hi for side in match.groups()):
        raise ApiError.out_of_range(f"{b.name('size')}: each side must be in [{lo}, {hi}]")


def _pixels(b: Body, tokens: tuple[str, ...], lo: int, hi: int) -> None:
    value = b.opt_str("size")
    if not value or value in tokens:
        return
    match = re.fullmatch(r"(\d+)x(\d+)", value)
    if match is None:
        raise ApiError.invalid(f"{b.name('size')} must be one of {', '.join(tokens)} or WxH")
    width, height = int(match[1]), int(match[2])
    if not lo <= width * height <= hi or not 1 / 16 <= width / max(height, 1) <= 16:
        raise ApiError.out_of_range(f"{b.name('size')}: width × height must be in [{lo}, {hi}], ratio ≤ 16")


def _image(b: Body, key: str, flavour: str, value: object = None) -> None:
    """One image input of the given §13.3 flavour: `url`, `data_uri` (URL or data URI), `any` (+ bare b64)."""
    text = b.get(key) if value is None else value
    name = b.name(key)
    if not isinstance(text, str) or not text:
        raise ApiError.invalid(f"{name} must be a non-empty string")
    if text.startswith(("http://", "https://")):
        return
    if flavour == "url":
        raise ApiError.invalid(f"{name} must be a URL")
    if flavour == "data_uri" and not text.startswith("data:image/"):
        raise ApiError.invalid(f"{name} must be a URL or a data:image/<fmt>;base64 URI")
    decode_b64(text, name)


def _images(b: Body, key: str, flavour: str, lo: int, hi: int) -> int:
    items = b.req_list(key, lo, hi) if lo else b.opt_list(key, hi)
    for i, item in enumerate(items):
        _image(b, f"{key}[{i}]", flavour, item if item is not None else "")
    return len(items)


def _seed(b: Body) -> int:
    return b.opt_int("seed", -1, -1, 2147483647)


def _loras(b: Body) -> None:
    for lora in b.items("loras", max_len=3):
        lora.req_str("path")
        if lora.has("scale"):
            lora.req_num("scale", 0, 4)


def _kontext_dev(b: Body) -> _Out:
    prompt = b.req_str("prompt")
    _images(b, "images", "any", 0, 4)
    b.opt_bool("fast_mode")
    _size(b, "*", 256, 1536)
    b.opt_int("num_inference_steps", 28, 1, 50)
    if b.has("guidance_scale"):
        b.req_num("guidance_scale", 1, 20)
    n = b.opt_int("num_images", 1, 1, 4)
    return _Out(n, _enum(b, "output_format", _FORMATS, "jpeg"), prompt, _seed(b))


def _kontext_pro(b: Body) -> _Out:
    prompt = b.req_str("prompt")
    _images(b, "images", "any", 0, 4)
    if b.has("guidance_scale"):
        b.req_num("guidance_scale", 1, 20)
    _enum(b, "aspect_ratio", ("21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21"), "1:1")
    _enum(b, "safety_tolerance", ("1", "2", "3", "4", "5"), "2")
    return _Out(1, "jpeg", prompt, _seed(b))


def _flux2(b: Body, loras: bool = False) -> _Out:
    prompt = b.req_str("prompt")
    _size(b, "*", 256, 1536)
    if b.has("images"):
        _images(b, "images", "url", 1, 3)
    if loras:
        _loras(b)
    return _Out(1, "jpeg", prompt, _seed(b))


def _star(b: Body) -> _Out:
    prompt = b.req_str("prompt")
    _size(b, "*", 256, 1536)
    return _Out(1, "jpeg", prompt, _seed(b))


def _qwen_edit(b: Body) -> _Out:
    prompt = b.req_str("prompt")
    _image(b, "image", "any")
    return _Out(1, _enum(b, "output_format", _FORMATS, "jpeg"), prompt, _seed(b))


def _glm(b: Body) -> _Out:
    prompt = b.req_str("prompt")
    size = b.opt_str("size")
    if size and size not in _GLM_SIZES:
        match = re.fullmatch(r"(\d+)x(\d+)", size)
        if match is None:
            raise ApiError.invalid("size must look like 1280x1280")
        w, h = int(match[1]), int(match[2])
        if not (1024 <= w <= 2048 and 1024 <= h <= 2048) or w % 32 or h % 32 or w * h > 4194304:
            raise ApiError.out_of_range("size: sides in [1024, 2048], multiples of 32, at most 4194304 pixels")
    _enum(b, "quality", ("hd",), "hd")
    b.opt_bool("watermark_enabled", True)
    return _Out(1, "jpeg", prompt)


def _z_turbo(b: Body, loras: bool = False) -> _Out:
    out = _star(b)
    if loras:
        _loras(b)
    else:
        b.opt_bool("enable_base64_output")
    return out


def _remove_background(b: Body) -> _Out:
    _image(b, "image", "url")
    return _Out(1, "png")


def _upscaler(b: Body) -> _Out:
    _image(b, "image", "url")
    _enum(b, "resolution", ("2k", "4k", "8k"), "4k")
    return _Out(1, _enum(b, "output_format", _FORMATS, "jpeg"))


def _eraser(b: Body) -> _Out:
    _image(b, "image", "any")
    if b.has("mask"):
        _image(b, "mask", "any")
    prompt = b.opt_str("prompt")
    return _Out(1, _enum(b, "output_format", _FORMATS, "jpeg"), prompt)


def _merge_face(b: Body) -> _Out:
    b.req_str("video_assets_id")
    if b.get("enable_restore") is None:
        raise ApiError.invalid(f"{b.name('enable_restore')} is required")
    b.opt_bool("enable_restore")
    b.req_b64("face_image_base64")
    return _Out(1, "mp4", is_video=True)


_ASYNC: dict[str, tuple[str, Callable[[Body], _Out]]] = {
    "flux-1-kontext-dev": ("FLUX_1_KONTEXT_DEV", _kontext_dev),
    "flux-1-kontext-pro": ("FLUX_1_KONTEXT_PRO", _kontext_pro),
    "flux-1-kontext-max": ("FLUX_1_KONTEXT_MAX", _kontext_pro),
    "flux-2-dev": ("FLUX_2_DEV", lambda b: _flux2(b, loras=True)),
    "flux-2-flex": ("FLUX_2_FLEX", _flux2),
    "flux-2-pro": ("FLUX_2_PRO", _flux2),
    "qwen-image-txt2img": ("QWEN_IMAGE_TEXT_TO_IMAGE", _star),
    "qwen-image-edit": ("QWEN_IMAGE_EDIT", _qwen_edit),
    "hunyuan-image-3": ("HUNYUAN_IMAGE_3", _star),
    "glm-image": ("GLM_IMAGE", _glm),
    "z-image-turbo": ("Z_IMAGE_TURBO", _z_turbo),
    "z-image-turbo-lora": ("Z_IMAGE_TURBO_LORA", lambda b: _z_turbo(b, loras=True)),
    "image-remove-background": ("REMOVE_BACKGROUND", _remove_background),
    "image-upscaler": ("UPSCALE", _upscaler),
    "image-eraser": ("IMAGE_ERASER", _eraser),
}
_WRAPPED = {"video-merge-face": ("VIDEO_MERGE_FACE", _merge_face)}


class ImageModelRoutes:
    """Handlers of rows 101-121."""

    def __init__(self, rt: Runtime, webhooks: WebhookSender) -> None:
        self._rt = rt
        self._webhooks = webhooks

    def register(self, app: web.Application) -> None:
        r = app.router
        for slug, (task_type, check) in {**_ASYNC, **_WRAPPED}.items():
            r.add_post(f"/v3/async/{slug}", self._submit(task_type, check, wrapped=slug in _WRAPPED))
        r.add_post("/v3beta/flux-1-schnell", self.flux_schnell)
        r.add_post("/v3/seedream-3-0-txt2img", self.seedream_3)
        r.add_post("/v3/seedream-4.0", self.seedream_4)
        r.add_post("/v3/seedream-4.5", self.seedream_45)
        r.add_post("/v3/seedream-5.0-lite", self.seedream_50_lite)

    def _submit(
        self, task_type: str, check: Callable[[Body], _Out], *, wrapped: bool
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handler(request: web.Request) -> web.Response:
            body = await read_json(request)
            extra = body.obj("extra")
            out = check(Body(body.obj("request").data, "request.") if wrapped else body)
            if out.is_video:
                out.ext = video_type(extra)
            webhook = extra.obj("webhook")
            if webhook.data:
                webhook.req_str("url")
            task = self._rt.create_task(
                endpoint=request.path,
                kind="v3",
                task_type=task_type,
                image_count=out.count,
                output_ext=out.ext,
                is_video=out.is_video,
                prompt_text=out.prompt,
                seed=out.seed,
                enable_nsfw_detection=extra.opt_bool("enable_nsfw_detection"),
                request_info=encode({"prompts": [out.prompt], "num_images_per_prompt": out.count}).decode(),
                webhook=webhook.data or None,
                unknown_status=current_fault_kind() == "unknown_status",
            )
            if webhook.data:
                self._webhooks.schedule(task)
            return json_response(request, {"task_id": task.id})

        return handler

    async def flux_schnell(self, request: web.Request) -> web.Response:
        b = await read_json(request)
        prompt = b.req_str("prompt", 1024)
        b.req_int("seed", 0, 4294967295)
        b.req_int("steps", 1, 100)
        b.req_int("width", 64, 2048)
        b.req_int("height", 64, 2048)
        n = b.req_int("image_num", 1, 8)
        ext = _enum(b, "response_image_format", _FORMATS, "png")
        await self._rt.sync_work(prompt, n)
        ttl = 604800  # the page's example TTL, sent as an int (§15.1, §20)
        urls = self._rt.inline_urls(n, ext, ttl, prefix="flux-schnell")
        images = [{"image_url": u, "image_url_ttl": ttl, "image_type": ext} for u in urls]
        return json_response(request, {"task": {"task_id": self._rt.new_id()}, "images": images})

    async def seedream_3(self, request: web.Request) -> web.Response:
        b = await read_json(request)
        prompt = b.req_str("prompt")
        _enum(b, "model", ("seedream-3-0-t2i-250415",), "seedream-3-0-t2i-250415")
        fmt = _enum(b, "response_format", ("url", "b64_json"), "url")
        _size(b, "x", 512, 2048)
        _seed(b)
        if b.has("guidance_scale"):
            b.req_num("guidance_scale", 1, 10)
        b.opt_bool("watermark", True)
        await self._rt.sync_work(prompt, 1)
        if fmt == "b64_json":
            return json_response(request, {"binary_data_base64": [b64_file("jpeg")]})
        return json_response(request, {"image_urls": self._rt.inline_urls(1, "jpeg", prefix="seedream")})

    async def _seedream(
        self, request: web.Request, field: str, tokens: tuple[str, ...], lo: int, hi: int
    ) -> web.Response:
        b = await read_json(request)
        prompt = b.req_str("prompt")
        if field == "images":  # 4.0: URL or data URI only (bare base64 refused, §15.6)
            given = _images(b, "images", "data_uri", 0, 10)
        else:  # 4.5 / 5.0-lite: URL or base64
            given = _images(b, "image", "any", 0, 14)
        _pixels(b, tokens, lo, hi)
        mode = _enum(b, "sequential_image_generation", ("auto", "disabled"), "disabled")
        opts = b.obj("sequential_image_generation_options")
        limit = opts.opt_int("max_images", 15, 1, 15) if field == "image" else b.opt_int("max_images", 15, 1, 15)
        if field == "image":
            _enum(b.obj("optimize_prompt_options"), "mode", ("standard",), "standard")
        b.opt_bool("watermark", True)
        n = max(1, min(limit, 15 - given, 3)) if mode == "auto" else 1
        await self._rt.sync_work(prompt, n)
        return json_response(request, {"images": self._rt.inline_urls(n, "jpeg", prefix="seedream")})

    async def seedream_4(self, request: web.Request) -> web.Response:
        return await self._seedream(request, "images", ("1K", "2K", "4K"), 1024 * 1024, 4096 * 4096)

    async def seedream_45(self, request: web.Request) -> web.Response:
        return await self._seedream(request, "image", ("2K", "4K"), 3686400, 16777216)

    async def seedream_50_lite(self, request: web.Request) -> web.Response:
        return await self._seedream(request, "image", ("2K", "3K"), 3686400, 10404496)
