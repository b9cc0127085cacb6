"""`client.assets`: uploads to the assets host (reference §5.1, catalogue row 52).

`PUT {assets_url}/image` or `/video` with the raw bytes answers `{"assets_id": ...}`; the id is what
make-photo, instant-id, instant-style, adetailer v3, img2video-motion and animate-anyone take. The
assets host receives no `Authorization` header (none of the official clients send one), so uploads go
through the separate header-less storage session (see `_files.storage`).
"""

from __future__ import annotations

from .._errors import APIResponseValidationError
from .._files import MediaInput, image_extension, read_media, storage_put
from ..types._base import MiB
from ..types.assets import AssetUploadResponse
from ._base import AsyncResource

__all__ = ("Assets",)

IMAGE_LIMIT = 30 * MiB
"""Largest image accepted for upload (the documented per-image limit, §1.6)."""
VIDEO_LIMIT = 100 * MiB
"""Largest video accepted for upload (no documented limit; a generous client-side guard)."""

_CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


class Assets(AsyncResource):
    """Image and video uploads returning `assets_id`s."""

    async def upload_image(self, image: MediaInput) -> str:
        """Upload an image (a `pathlib.Path`, bytes, or base64 text); returns its `assets_id` (§5.1)."""
        data = await read_media(image, field="image", limit=IMAGE_LIMIT, endpoint="PUT /image")
        content_type = _CONTENT_TYPES[image_extension(data, image)]
        return await self._put("/image", data, content_type)

    async def upload_video(self, video: MediaInput, *, content_type: str = "video/mp4") -> str:
        """Upload a video (mp4 by default; a `pathlib.Path`, bytes, or base64 text); returns its `assets_id`."""
        data = await read_media(video, field="video", limit=VIDEO_LIMIT, endpoint="PUT /video", image=False)
        return await self._put("/video", data, content_type)

    async def _put(self, path: str, data: bytes, content_type: str) -> str:
        answer: AssetUploadResponse = await storage_put(
            self._client, self._client.assets_url + path, data, content_type=content_type, cast=AssetUploadResponse
        )
        if not answer.assets_id:
            raise APIResponseValidationError(
                "the upload answer carries no assets_id", method="PUT", path=path, status_code=200, body=b""
            )
        return answer.assets_id
