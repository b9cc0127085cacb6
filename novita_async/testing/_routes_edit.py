"""Synchronous v3 endpoints (reference §2.3, §7.3.1–2, §7.4): the result comes back in the response.

The "case" editors all answer `{"image_file": <base64>, "image_type": ...}`; the table below lists only
what each one requires, so adding an editor is one line.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from ._http import ApiError, Body, json_response, read_json
from ._media import b64_file
from ._routes_v3 import V3_SAMPLERS, image_type
from ._runtime import Runtime

__all__ = ("EditRoutes",)

_SKIES = ("bluesky", "sunset", "sunrise", "galaxy")


def _check_sky(b: Body) -> None:
    if b.req_str("sky") not in _SKIES:
        raise ApiError.invalid(f"sky must be one of {', '.join(_SKIES)}")


def _check_outpainting(b: Body) -> None:
    b.req_int("width", 1, 4096)
    b.req_int("height", 1, 4096)
    b.opt_int("center_x", 0)
    b.opt_int("center_y", 0)


def _check_create_tile(b: Body) -> None:
    b.req_int("width", 128, 1024)
    b.req_int("height", 128, 1024)


def _check_relight(b: Body) -> None:
    b.req_str("model_name")
    b.req_str("lighting_preference")
    b.req_int("steps", 1, 100)
    if b.req_str("sampler_name") not in V3_SAMPLERS:
        raise ApiError.invalid("sampler_name is not a known sampler")
    b.req_num("guidance_scale")
    b.req_num("strength", 0, 1)
    b.opt_b64("background_image_file")


def _check_restore_face(b: Body) -> None:
    if b.has("fidelity"):
        b.req_num("fidelity", 0, 1)


# path -> (required base64 fields, required prompt-like fields (max length), extra check)
_CASES: dict[str, tuple[tuple[str, ...], tuple[tuple[str, int], ...], Callable[[Body], None] | None]] = {
    "cleanup": (("image_file", "mask_file"), (), None),
    "outpainting": (("image_file",), (), _check_outpainting),
    "remove-background": (("image_file",), (), None),
    "remove-text": (("image_file",), (), None),
    "reimagine": (("image_file",), (), None),
    "doodle": (("image_file",), (("prompt", 1024),), None),
    "mix-pose": (("image_file", "pose_image_file"), (), None),
    "replace-background": (("image_file",), (("prompt", 1024),), None),
    "replace-sky": (("image_file",), (), _check_sky),
    "restore-face": (("image_file",), (), _check_restore_face),
    "create-tile": ((), (("prompt", 512),), _check_create_tile),
    "remove-watermark": (("image_file",), (), None),
    "merge-face": (("image_file", "face_image_file"), (), None),
    "relight": (("image_file",), (("prompt", 1024),), _check_relight),
}


class EditRoutes:
    """Handlers of the synchronous v3 endpoints."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def register(self, app: web.Application) -> None:
        for name, (files, texts, check) in _CASES.items():
            app.router.add_post(f"/v3/{name}", self._case(files, texts, check))
        app.router.add_post("/v3/lcm-txt2img", self.lcm_txt2img)
        app.router.add_post("/v3/lcm-img2img", self.lcm_img2img)
        app.router.add_post("/v3/img2prompt", self.img2prompt)
        app.router.add_post("/v3/img2mask", self.img2mask)

    async def _work(self, prompt: str, images: int) -> None:
        await self._rt.sync_work(prompt, images)

    def _case(
        self,
        files: tuple[str, ...],
        texts: tuple[tuple[str, int], ...],
        check: Callable[[Body], None] | None,
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handler(request: web.Request) -> web.Response:
            body = await read_json(request)
            for name in files:
                body.req_b64(name)
            prompt = " ".join(body.req_str(name, limit) for name, limit in texts)
            if check is not None:
                check(body)
            ext = image_type(body.obj("extra"))
            await self._work(prompt, 1)
            return json_response(request, {"image_file": b64_file(ext), "image_type": ext})

        return handler

    async def lcm_txt2img(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        prompt = body.req_str("prompt", 1024)
        body.req_int("width", 128, 2048)
        body.req_int("height", 128, 2048)
        n = body.req_int("image_num", 1, 16)
        body.req_int("steps", 1, 8)
        body.req_num("guidance_scale", 2, 14)
        body.items("loras", max_len=5)
        body.items("embeddings", max_len=5)
        ext = image_type(body.obj("extra"))
        await self._work(prompt, n)
        data = b64_file(ext)
        return json_response(request, {"images": [{"image_file": data, "image_type": ext} for _ in range(n)]})

    async def lcm_img2img(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        body.req_str("model_name")
        body.req_b64("input_image")
        prompt = body.req_str("prompt", 1024)
        n = body.req_int("image_num", 1, 16)
        body.req_int("steps", 1, 8)
        body.items("loras", max_len=5)
        body.items("embeddings", max_len=5)
        ext = image_type(body.obj("extra"))
        await self._work(prompt, n)
        ttl = self._rt.config.image_url_ttl
        urls = self._rt.inline_urls(n, ext, ttl, prefix="lcm")
        images = [{"image_url": url, "image_type": ext, "image_url_ttl": str(ttl)} for url in urls]
        return json_response(request, {"images": images})

    async def img2prompt(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        body.req_b64("image_file")
        await self._work("", 0)
        return json_response(
            request, {"prompt": "a placeholder image of a blue square, flat colour, minimal"}
        )

    async def img2mask(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        body.req_b64("image_file")
        ext = image_type(body.obj("extra"))
        await self._work("", 1)
        mask = {"image_file": b64_file(ext), "image_type": ext, "bbox": [0, 0, 8, 8], "area": 64}
        # Both shapes (reference §7.4.18): JS reads `masks`, the Python SDK reads `mask`.
        return json_response(request, {"masks": [mask], "mask": mask})
