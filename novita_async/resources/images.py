"""`client.images`: the v3 image generation endpoints (reference §7.3).

Async endpoints return a `Task[TaskResult]` as soon as the submit returned (its `task_id` is known);
`await` it for the images. LCM endpoints are synchronous and return their images directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types.common import V3Extra
from ..types.images_v3 import (
    ADetailerRequest,
    Img2ImgRequest,
    InpaintingRequest,
    Txt2ImgRequest,
    UpscaleRequest,
)
from ..types.lcm import LCMImg2ImgRequest, LCMImg2ImgResponse, LCMTxt2ImgRequest, LCMTxt2ImgResponse
from ..types.tasks import TaskResult
from .image_models import ImageModels

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("Images",)


class Images(ImageModels):
    """Text-to-image, image-to-image, inpainting, upscaling, ADetailer and LCM (the 2024 surface), and today's
    image models (FLUX, Seedream, Qwen-Image, ...: `ImageModels`, Part 2 §15)."""

    async def txt2img(
        self,
        request: Txt2ImgRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/txt2img`. Keywords are the fields of `Txt2ImgRequest` (reference §7.3.4)."""
        return await self._submit_v3(
            "/v3/async/txt2img", Txt2ImgRequest, request, fields,
            extra=extra, wrapped=True, options=options, deadline=deadline,
        )

    async def img2img(
        self,
        request: Img2ImgRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/img2img` (§7.3.5). `image_base64` accepts a path, bytes or base64."""
        return await self._submit_v3(
            "/v3/async/img2img", Img2ImgRequest, request, fields,
            extra=extra, wrapped=True, options=options, deadline=deadline,
        )

    async def inpainting(
        self,
        request: InpaintingRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/inpainting` (§7.3.7)."""
        return await self._submit_v3(
            "/v3/async/inpainting", InpaintingRequest, request, fields,
            extra=extra, wrapped=True, options=options, deadline=deadline,
        )

    async def upscale(
        self,
        request: UpscaleRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/upscale` (§7.3.8).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._submit_v3(
            "/v3/async/upscale", UpscaleRequest, request, fields,
            extra=extra, wrapped=True, options=options, deadline=deadline,
        )

    async def adetailer(
        self,
        request: ADetailerRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/adetailer` (§7.3.6): the v3 successor of `/v2/adetailer`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._submit_v3(
            "/v3/async/adetailer", ADetailerRequest, request, fields,
            extra=extra, wrapped=True, options=options, deadline=deadline,
        )

    async def lcm_txt2img(
        self,
        request: LCMTxt2ImgRequest | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> LCMTxt2ImgResponse:
        """`POST /v3/lcm-txt2img` (§7.3.1), synchronous: base64 images in the answer.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post(
            "/v3/lcm-txt2img", LCMTxt2ImgRequest, request, fields, LCMTxt2ImgResponse, options=options
        )

    async def lcm_img2img(
        self,
        request: LCMImg2ImgRequest | None = None,
        /,
        *,
        options: RequestOptions | None = None,
        **fields: Any,
    ) -> LCMImg2ImgResponse:
        """`POST /v3/lcm-img2img` (§7.3.2), synchronous: image URLs in the answer.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post(
            "/v3/lcm-img2img", LCMImg2ImgRequest, request, fields, LCMImg2ImgResponse, options=options
        )
