"""`client.video`: the v3 video endpoints, all asynchronous (mode A3).

Each method returns a `Task[TaskResult]`; the finished result carries `videos[]` (`video_url`,
`video_url_ttl`, `video_type`). Part 1 (reference §7.7): `extra=` takes `response_video_type` (`mp4`/`gif`),
`webhook`, ... Part 2, the models of today (novita-api-2026.md §16, types in `types.video_kling`,
`types.video_wan`, `types.video_others`): one method per catalogue row, `extra=` takes only `webhook`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types.common import V3Extra
from ..types.image_tools import VideoMergeFaceRequest
from ..types.tasks import TaskResult
from ..types.video import AnimateAnyoneRequest, Img2VideoMotionRequest, Img2VideoRequest, Txt2VideoRequest
from .video_today import TodayVideo

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("ANIMATE_ANYONE_PATH", "Video")

ANIMATE_ANYONE_PATH = "/v3/async/animate-anyone"
"""The JS SDK's spelling; the Python SDK used `/v3/async/animated-anyone`. The reference recommends the JS
one (§7.7.4, §10 CONFLICT): it was added in a dedicated commit and matches the endpoint's name."""

Extra = V3Extra | dict[str, Any] | None


class Video(TodayVideo):
    """Image-to-video (SVD), motion transfer, text-to-video (AnimateDiff), Animate Anyone; face merge."""

    async def merge_face(
        self,
        request: VideoMergeFaceRequest | None = None,
        /,
        *,
        extra: Extra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/video-merge-face` (Part 2 §15.16): put a face onto every frame of a video.

        A **wrapped** body: keywords are the `request` fields (`video_assets_id` from
        `client.assets.upload_video`, `enable_restore`, `face_image_base64` as a path, bytes or base64);
        `extra={"response_video_type": "gif"}` picks the format. The result carries `videos[0]`. 10 RPM.
        """
        return await self._submit_v3(
            "/v3/async/video-merge-face",
            VideoMergeFaceRequest,
            request,
            fields,
            extra=extra,
            wrapped=True,
            options=options,
            deadline=deadline,
        )

    async def img2video(
        self,
        request: Img2VideoRequest | None = None,
        /,
        *,
        extra: Extra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/img2video` (§7.7.1). `image_file` takes a path, bytes or base64.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._submit_v3(
            "/v3/async/img2video", Img2VideoRequest, request, fields, extra=extra, options=options, deadline=deadline
        )

    async def img2video_motion(
        self,
        request: Img2VideoMotionRequest | None = None,
        /,
        *,
        extra: Extra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/img2video-motion` (§7.7.2): `image_assets_id` + `motion_video_assets_id` (§5.1).

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._submit_v3(
            "/v3/async/img2video-motion",
            Img2VideoMotionRequest,
            request,
            fields,
            extra=extra,
            options=options,
            deadline=deadline,
        )

    async def txt2video(
        self,
        request: Txt2VideoRequest | None = None,
        /,
        *,
        extra: Extra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/txt2video` (§7.7.3): `prompts` is a list of `{prompt, frames}` (≤128 frames).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._submit_v3(
            "/v3/async/txt2video", Txt2VideoRequest, request, fields, extra=extra, options=options, deadline=deadline
        )

    async def animate_anyone(
        self,
        request: AnimateAnyoneRequest | None = None,
        /,
        *,
        extra: Extra = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/animate-anyone` (§7.7.4): `image_assets_id` + `pose_video_assets_id`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._submit_v3(
            ANIMATE_ANYONE_PATH, AnimateAnyoneRequest, request, fields, extra=extra, options=options, deadline=deadline
        )
