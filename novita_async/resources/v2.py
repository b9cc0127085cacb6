"""`client.v2`: the legacy v2 generation endpoints (reference §7.2, §7.4.1; catalogue mode A2).

Submits answer in the v2 envelope (`{"code", "msg", "data": {"task_id"}}`, §2.1); the returned
`Task[ProgressData]` is polled on `/v2/progress`, or `/v2/enterprise/progress` for tasks submitted with
`enterprise=True` (the `/v2/enterprise/*` twins exist for txt2img and img2img only, §6 rows 5-7).
Image fields (`init_images[]`, `mask`, `image`, `input_image`, ControlNet `input_image`) take a
`pathlib.Path`, bytes, or base64. The v3 successors live on `client.images`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types.images_v2 import V2ADetailerRequest, V2Img2ImgRequest, V2Txt2ImgRequest, V2UpscaleRequest
from ..types.progress_v2 import ProgressData
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("V2",)


class V2(AsyncResource):
    """txt2img, img2img, upscale and ADetailer of the v2 API, and `/v2/progress`."""

    async def txt2img(
        self, request: V2Txt2ImgRequest | None = None, /, *, enterprise: bool = False,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[ProgressData]:
        """`POST /v2/txt2img` (§7.2.1), or `/v2/enterprise/txt2img` with `enterprise=True`.

        Deprecated: Novita labels the v2 API deprecated, to be removed (Part 2 §14.8); prefer the v3 endpoints.
        """
        path = "/v2/enterprise/txt2img" if enterprise else "/v2/txt2img"
        return await self._submit_v2(path, V2Txt2ImgRequest, request, fields,
                                     options=options, deadline=deadline, enterprise=enterprise)

    async def img2img(
        self, request: V2Img2ImgRequest | None = None, /, *, enterprise: bool = False,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[ProgressData]:
        """`POST /v2/img2img` (§7.2.2), or `/v2/enterprise/img2img` with `enterprise=True`.

        Deprecated: Novita labels the v2 API deprecated, to be removed (Part 2 §14.8); prefer the v3 endpoints.
        """
        path = "/v2/enterprise/img2img" if enterprise else "/v2/img2img"
        return await self._submit_v2(path, V2Img2ImgRequest, request, fields,
                                     options=options, deadline=deadline, enterprise=enterprise)

    async def upscale(
        self, request: V2UpscaleRequest | None = None, /, *,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[ProgressData]:
        """`POST /v2/upscale` (§7.4.1); the v3 successor is `client.images.upscale`.

        Deprecated: Novita labels the v2 API deprecated, to be removed (Part 2 §14.8); prefer the v3 endpoints.
        """
        return await self._submit_v2("/v2/upscale", V2UpscaleRequest, request, fields,
                                     options=options, deadline=deadline)

    async def adetailer(
        self, request: V2ADetailerRequest | None = None, /, *,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[ProgressData]:
        """`POST /v2/adetailer` (§7.2.4, until May 2024); the v3 successor is `client.images.adetailer`.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._submit_v2("/v2/adetailer", V2ADetailerRequest, request, fields,
                                     options=options, deadline=deadline)

    async def progress(
        self, task_id: str, *, enterprise: bool = False, options: RequestOptions | None = None
    ) -> ProgressData:
        """`GET /v2/progress` (or `/v2/enterprise/progress`) once (§3.1); same as `client.tasks.progress`.

        Deprecated: Novita labels the v2 API deprecated, to be removed (Part 2 §14.8); prefer the v3 endpoints.
        """
        path = "/v2/enterprise/progress" if enterprise else "/v2/progress"
        return await self._get(path, ProgressData, params={"task_id": task_id}, v2=True, options=options)
