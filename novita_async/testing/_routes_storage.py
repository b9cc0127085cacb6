"""The storage host: the assets host (`assets.novitai.com`, reference §5.1) and S3 (output files and
training-dataset uploads, §3.2 and §7.6.1) on one separate port.

It requires no authentication, like the real hosts, and counts every `Authorization` header it sees: a
client must never leak the API key to storage (`state.storage_auth_headers_seen` should stay 0).

URL layout:
* `PUT /image`, `PUT /video` → `{"assets_id": ...}` (deterministic: derived from the bytes)
* `GET /files/<task_id>/<i>.<ext>?X-Amz-...` → the output file; 403 XML once expired
* `PUT /training-upload/<assets_id>.<ext>?X-Amz-...` → 200; marks the dataset asset as uploaded
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from xml.sax.saxutils import escape

from aiohttp import web

from ._http import json_response
from ._media import CONTENT_TYPES, file_bytes
from ._render import render_image
from ._runtime import Runtime

__all__ = ("StorageRoutes",)


def s3_error(status: int, code: str, message: str, resource: str) -> web.Response:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
        f"<Resource>{escape(resource)}</Resource><RequestId>EMULATOR</RequestId></Error>"
    )
    return web.Response(status=status, text=body, content_type="application/xml")


class StorageRoutes:
    """Handlers of the storage host."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def register(self, app: web.Application) -> None:
        app.router.add_put("/image", self.put_asset)
        app.router.add_put("/video", self.put_asset)
        app.router.add_get("/files/{task_id}/{name}", self.get_file)
        app.router.add_put("/training-upload/{name}", self.put_training)

    async def put_asset(self, request: web.Request) -> web.Response:
        data = await request.read()
        if not data:
            return json_response(
                request,
                {"code": 400, "reason": "INVALID_REQUEST_BODY", "message": "empty upload", "metadata": {}},
                status=400,
            )
        kind = request.path.strip("/")
        digest = hashlib.sha256(data).hexdigest()[:32]
        ext = "mp4" if kind == "video" else "jpeg"
        assets_id = base64.b64encode(f"r2/novita-ai-asset/{kind}/{digest}.{ext}".encode()).decode()
        self._rt.state.assets[assets_id] = len(data)
        return json_response(request, {"assets_id": assets_id})

    def _check(self, request: web.Request) -> web.Response | None:
        problem = self._rt.signer.check(request.path, dict(request.query), self._rt.wall())
        if problem is None:
            return None
        return s3_error(403, problem[0], problem[1], request.path)

    async def get_file(self, request: web.Request) -> web.StreamResponse:
        refused = self._check(request)
        if refused is not None:
            return refused
        ext = request.match_info["name"].rpartition(".")[2]
        if ext not in CONTENT_TYPES:
            return s3_error(404, "NoSuchKey", "The specified key does not exist.", request.path)
        return web.Response(body=await self._file(request, ext), content_type=CONTENT_TYPES[ext])

    async def _file(self, request: web.Request, ext: str) -> bytes:
        """A drawn image for image outputs (in a worker thread: it takes milliseconds), else a placeholder."""
        cfg = self._rt.config
        task = self._rt.state.tasks.get(request.match_info["task_id"])
        index = request.match_info["name"].partition(".")[0]
        if (
            task is None or task.is_video or not cfg.render_images or cfg.image_size
            or ext not in ("png", "jpeg", "webp") or not index.isdigit()
        ):
            return file_bytes(ext, cfg.image_size)
        width, height = task.size
        return await asyncio.to_thread(render_image, task.prompt, task.seed, int(index), width, height, ext)

    async def put_training(self, request: web.Request) -> web.Response:
        refused = self._check(request)
        await request.read()
        if refused is not None:
            return refused
        assets_id = request.match_info["name"].partition(".")[0]
        if assets_id not in self._rt.state.training_assets:
            return s3_error(404, "NoSuchUpload", "Unknown upload", request.path)
        self._rt.state.training_assets[assets_id] = True
        return web.Response(status=200, headers={"ETag": f'"{assets_id}"'})
