"""`client.video`: the v3 video endpoints, all asynchronous (mode A3).

Each method returns a `Task[TaskResult]`; the finished result carries `videos[]` (`video_url`,
`video_url_ttl`, `video_type`). Part 1 (reference §7.7): `extra=` takes `response_video_type` (`mp4`/`gif`),
`webhook`, ... Part 2, the models of today (novita-api-2026.md §16, types in `types.video_kling`,
`types.video_wan`, `types.video_others`): one method per catalogue row, `extra=` takes only `webhook`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types import video_kling as K
from ..types import video_others as O
from ..types import video_wan as W
from ..types.common import V3Extra
from ..types.image_tools import VideoMergeFaceRequest
from ..types.tasks import TaskResult
from ..types.video import AnimateAnyoneRequest, Img2VideoMotionRequest, Img2VideoRequest, Txt2VideoRequest
from ._base import AsyncResource
from ._methods import task_method

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("ANIMATE_ANYONE_PATH", "Video")

ANIMATE_ANYONE_PATH = "/v3/async/animate-anyone"
"""The JS SDK's spelling; the Python SDK used `/v3/async/animated-anyone`. The reference recommends the JS
one (§7.7.4, §10 CONFLICT): it was added in a dedicated commit and matches the endpoint's name."""

Extra = V3Extra | dict[str, Any] | None


class Video(AsyncResource):
    """Image-to-video (SVD), motion transfer, text-to-video (AnimateDiff), Animate Anyone; face merge."""

    async def merge_face(
        self, request: VideoMergeFaceRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/video-merge-face` (Part 2 §15.16): put a face onto every frame of a video.

        A **wrapped** body: keywords are the `request` fields (`video_assets_id` from
        `client.assets.upload_video`, `enable_restore`, `face_image_base64` as a path, bytes or base64);
        `extra={"response_video_type": "gif"}` picks the format. The result carries `videos[0]`. 10 RPM.
        """
        return await self._submit_v3("/v3/async/video-merge-face", VideoMergeFaceRequest, request, fields,
                                     extra=extra, wrapped=True, options=options, deadline=deadline)

    async def img2video(
        self, request: Img2VideoRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/img2video` (§7.7.1). `image_file` takes a path, bytes or base64.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._submit_v3("/v3/async/img2video", Img2VideoRequest, request, fields,
                                     extra=extra, options=options, deadline=deadline)

    async def img2video_motion(
        self, request: Img2VideoMotionRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/img2video-motion` (§7.7.2): `image_assets_id` + `motion_video_assets_id` (§5.1).

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._submit_v3("/v3/async/img2video-motion", Img2VideoMotionRequest, request, fields,
                                     extra=extra, options=options, deadline=deadline)

    async def txt2video(
        self, request: Txt2VideoRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/txt2video` (§7.7.3): `prompts` is a list of `{prompt, frames}` (≤128 frames).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._submit_v3("/v3/async/txt2video", Txt2VideoRequest, request, fields,
                                     extra=extra, options=options, deadline=deadline)

    async def animate_anyone(
        self, request: AnimateAnyoneRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/animate-anyone` (§7.7.4): `image_assets_id` + `pose_video_assets_id`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._submit_v3(ANIMATE_ANYONE_PATH, AnimateAnyoneRequest, request, fields,
                                     extra=extra, options=options, deadline=deadline)

    # --- Part 2: the models of today (novita-api-2026.md §16; rows 140, 150, 163, 164 not established) ------

    kling_v16_t2v = task_method("/v3/async/kling-v1.6-t2v", K.KlingV16T2VRequest, "§16.2, row 131")
    kling_v16_i2v = task_method("/v3/async/kling-v1.6-i2v", K.KlingV16I2VRequest, "§16.2, row 132")
    kling_v21_i2v = task_method("/v3/async/kling-v2.1-i2v", K.KlingV21I2VRequest, "§16.3, row 133")
    kling_v21_i2v_master = task_method(
        "/v3/async/kling-v2.1-i2v-master", K.KlingV21I2VMasterRequest, "§16.3, row 134"
    )
    kling_v21_t2v_master = task_method(
        "/v3/async/kling-v2.1-t2v-master", K.KlingV21T2VMasterRequest, "§16.3, row 135"
    )
    kling_25_turbo_t2v = task_method("/v3/async/kling-2.5-turbo-t2v", K.Kling25TurboT2VRequest, "§16.4, row 136")
    kling_25_turbo_i2v = task_method("/v3/async/kling-2.5-turbo-i2v", K.Kling25TurboI2VRequest, "§16.4, row 137")
    kling_o1_t2v = task_method("/v3/async/kling-o1-t2v", K.KlingO1T2VRequest, "§16.5, row 138")
    kling_o1_i2v = task_method("/v3/async/kling-o1-i2v", K.KlingO1I2VRequest, "§16.5, row 139")
    kling_v26_pro_t2v = task_method("/v3/async/kling-v2.6-pro-t2v", K.KlingV26ProT2VRequest, "§16.6, row 141")
    kling_v26_pro_i2v = task_method("/v3/async/kling-v2.6-pro-i2v", K.KlingV26ProI2VRequest, "§16.6, row 142")
    minimax_hailuo_02 = task_method("/v3/async/minimax-hailuo-02", O.Hailuo02Request, "§16.7, row 143")
    minimax_video_01 = task_method("/v3/async/minimax-video-01", O.MinimaxVideo01Request, "§16.8, row 144")
    wan_t2v = task_method("/v3/async/wan-t2v", W.WanT2VRequest, "Wan 2.1, §16.9, row 145")
    wan_i2v = task_method("/v3/async/wan-i2v", W.WanI2VRequest, "Wan 2.1, §16.9, row 146")
    wan_22_t2v = task_method("/v3/async/wan-2.2-t2v", W.Wan22T2VRequest, "§16.10, row 147")
    wan_22_i2v = task_method("/v3/async/wan-2.2-i2v", W.Wan22I2VRequest, "§16.10, row 148")
    wan_26_i2v = task_method("/v3/async/wan2.6-i2v", W.Wan26I2VRequest, "§16.11, row 149")
    hunyuan_video_fast = task_method("/v3/async/hunyuan-video-fast", W.HunyuanVideoFastRequest, "§16.12, row 151")
    vidu_q1_text2video = task_method("/v3/async/vidu-q1-text2video", O.ViduQ1Text2VideoRequest, "§16.13, row 152")
    vidu_q1_reference2video = task_method(
        "/v3/async/vidu-q1-reference2video", O.ViduQ1Reference2VideoRequest, "§16.13, row 153"
    )
    vidu_q2_reference2video = task_method(
        "/v3/async/vidu-q2-reference2video", O.ViduQ2Reference2VideoRequest, "§16.14, row 154"
    )
    vidu_q3_pro_t2v = task_method("/v3/async/vidu-q3-pro-t2v", O.ViduQ3ProT2VRequest, "§16.15, row 155")
    vidu_q3_pro_i2v = task_method("/v3/async/vidu-q3-pro-i2v", O.ViduQ3ProI2VRequest, "§16.15, row 156")
    vidu_q3_turbo_t2v = task_method("/v3/async/vidu-q3-turbo-t2v", O.ViduQ3TurboT2VRequest, "§16.15, row 157")
    vidu_q3_turbo_i2v = task_method("/v3/async/vidu-q3-turbo-i2v", O.ViduQ3TurboI2VRequest, "§16.15, row 158")
    seedance_v1_pro_t2v = task_method(
        "/v3/async/seedance-v1-pro-t2v", O.SeedanceV1ProT2VRequest, "§16.16, row 159"
    )
    seedance_v1_pro_i2v = task_method(
        "/v3/async/seedance-v1-pro-i2v", O.SeedanceV1ProI2VRequest, "§16.16, row 160"
    )
    seedance_v15_pro_t2v = task_method(
        "/v3/async/seedance-v1.5-pro-t2v", O.SeedanceV15ProT2VRequest, "§16.17, row 161"
    )
    seedance_v15_pro_i2v = task_method(
        "/v3/async/seedance-v1.5-pro-i2v", O.SeedanceV15ProI2VRequest, "§16.17, row 162"
    )
