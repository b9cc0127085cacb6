"""Today's image models on `client.images` (novita-api-2026.md §15, rows 101-120).

Keyword arguments are the wire field names of each page; a request Struct can be passed instead. Image
inputs accept a URL, a `pathlib.Path`, bytes or a string, and are sent in the flavour the page documents
(Part 2 §13.3, `resources/_inputs.py`). Async models return a `Task[TaskResult]` whose result carries
`images`; synchronous ones (FLUX.1 schnell, Seedream) return their answer, with URLs or base64 inline.
Every call is a paid submit: never re-sent when its outcome is ambiguous.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types.common import V3Extra
from ..types.flux import (
    Flux1KontextDevRequest,
    Flux1KontextProRequest,
    Flux1SchnellRequest,
    Flux1SchnellResponse,
    Flux2DevRequest,
    Flux2Request,
)
from ..types.image_models import (
    GlmImageRequest,
    HunyuanImage3Request,
    QwenImageEditRequest,
    QwenImageRequest,
    ZImageTurboLoraRequest,
    ZImageTurboRequest,
)
from ..types.image_tools import (
    ImageEraserRequest,
    ImageRemoveBackgroundRequest,
    ImageUpscalerRequest,
)
from ..types.seedream import (
    Seedream3Request,
    Seedream3Response,
    Seedream4Request,
    Seedream45Request,
    Seedream50LiteRequest,
    SeedreamResponse,
)
from ..types.tasks import TaskResult
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("ImageModels",)


class ImageModels(AsyncResource):
    """FLUX, Seedream, Qwen-Image, Hunyuan Image 3, GLM Image, Z-Image and the URL-based editors."""

    async def flux_1_schnell(
        self, request: Flux1SchnellRequest | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> Flux1SchnellResponse:
        """`POST /v3beta/flux-1-schnell` (Part 2 §15.1).

        FLUX.1 [schnell], synchronous: image URLs in the answer (`image_url_ttl` seconds).
        """
        return await self._post(
            "/v3beta/flux-1-schnell", Flux1SchnellRequest, request, fields, Flux1SchnellResponse, options=options
        )

    async def flux_1_kontext_dev(
        self,
        request: Flux1KontextDevRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/flux-1-kontext-dev` (Part 2 §15.2).

        FLUX.1 Kontext dev: generate or edit (`images`, up to 4).
        """
        return await self._submit_v3(
            "/v3/async/flux-1-kontext-dev", Flux1KontextDevRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def flux_1_kontext_pro(
        self,
        request: Flux1KontextProRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/flux-1-kontext-pro` (Part 2 §15.3).

        FLUX.1 Kontext pro (`aspect_ratio`, string `safety_tolerance`).
        """
        return await self._submit_v3(
            "/v3/async/flux-1-kontext-pro", Flux1KontextProRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def flux_1_kontext_max(
        self,
        request: Flux1KontextProRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/flux-1-kontext-max` (Part 2 §15.3).

        FLUX.1 Kontext max (same fields as pro).
        """
        return await self._submit_v3(
            "/v3/async/flux-1-kontext-max", Flux1KontextProRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def flux_2_dev(
        self,
        request: Flux2DevRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/flux-2-dev` (Part 2 §15.4).

        FLUX.2 dev: `size` as `"W*H"`, up to 3 image URLs, up to 3 `loras`.
        """
        return await self._submit_v3(
            "/v3/async/flux-2-dev", Flux2DevRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def flux_2_flex(
        self,
        request: Flux2Request | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/flux-2-flex` (Part 2 §15.4).

        FLUX.2 flex.
        """
        return await self._submit_v3(
            "/v3/async/flux-2-flex", Flux2Request, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def flux_2_pro(
        self,
        request: Flux2Request | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/flux-2-pro` (Part 2 §15.4).

        FLUX.2 pro.
        """
        return await self._submit_v3(
            "/v3/async/flux-2-pro", Flux2Request, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def seedream_3_0(
        self, request: Seedream3Request | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> Seedream3Response:
        """`POST /v3/seedream-3-0-txt2img` (Part 2 §15.5).

        Seedream 3.0, synchronous: `image_urls` or `binary_data_base64` (`response_format`).
        """
        return await self._post(
            "/v3/seedream-3-0-txt2img", Seedream3Request, request, fields, Seedream3Response, options=options
        )

    async def seedream_4_0(
        self, request: Seedream4Request | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> SeedreamResponse:
        """`POST /v3/seedream-4.0` (Part 2 §15.6).

        Seedream 4.0, synchronous: image URLs in `images`; inputs become data URIs.
        """
        return await self._post(
            "/v3/seedream-4.0", Seedream4Request, request, fields, SeedreamResponse, options=options
        )

    async def seedream_4_5(
        self, request: Seedream45Request | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> SeedreamResponse:
        """`POST /v3/seedream-4.5` (Part 2 §15.7).

        Seedream 4.5, synchronous (input field `image`, singular).
        """
        return await self._post(
            "/v3/seedream-4.5", Seedream45Request, request, fields, SeedreamResponse, options=options
        )

    async def seedream_5_0_lite(
        self, request: Seedream50LiteRequest | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> SeedreamResponse:
        """`POST /v3/seedream-5.0-lite` (Part 2 §15.7).

        Seedream 5.0-lite, synchronous.
        """
        return await self._post(
            "/v3/seedream-5.0-lite", Seedream50LiteRequest, request, fields, SeedreamResponse, options=options
        )

    async def qwen_image_txt2img(
        self,
        request: QwenImageRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/qwen-image-txt2img` (Part 2 §15.8).

        Qwen-Image text to image.
        """
        return await self._submit_v3(
            "/v3/async/qwen-image-txt2img", QwenImageRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def qwen_image_edit(
        self,
        request: QwenImageEditRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/qwen-image-edit` (Part 2 §15.9).

        Qwen-Image edit (`image`: URL, path or bytes).
        """
        return await self._submit_v3(
            "/v3/async/qwen-image-edit", QwenImageEditRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def hunyuan_image_3(
        self,
        request: HunyuanImage3Request | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/hunyuan-image-3` (Part 2 §15.10).

        Hunyuan Image 3.
        """
        return await self._submit_v3(
            "/v3/async/hunyuan-image-3", HunyuanImage3Request, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def glm_image(
        self,
        request: GlmImageRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/glm-image` (Part 2 §15.11).

        GLM Image (`size` as `"WxH"`).
        """
        return await self._submit_v3(
            "/v3/async/glm-image", GlmImageRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def z_image_turbo(
        self,
        request: ZImageTurboRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/z-image-turbo` (Part 2 §15.12).

        Z-Image Turbo.
        """
        return await self._submit_v3(
            "/v3/async/z-image-turbo", ZImageTurboRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def z_image_turbo_lora(
        self,
        request: ZImageTurboLoraRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/z-image-turbo-lora` (Part 2 §15.12).

        Z-Image Turbo with up to 3 LoRAs.
        """
        return await self._submit_v3(
            "/v3/async/z-image-turbo-lora", ZImageTurboLoraRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def image_remove_background(
        self,
        request: ImageRemoveBackgroundRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/image-remove-background` (Part 2 §15.13).

        Remove the background of an image given by URL (the Part 1 base64 tool is `client.tools.remove_background`).
        """
        return await self._submit_v3(
            "/v3/async/image-remove-background", ImageRemoveBackgroundRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def image_upscaler(
        self,
        request: ImageUpscalerRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/image-upscaler` (Part 2 §15.14).

        Upscale an image given by URL to `2k`, `4k` or `8k`.
        """
        return await self._submit_v3(
            "/v3/async/image-upscaler", ImageUpscalerRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )

    async def image_eraser(
        self,
        request: ImageEraserRequest | None = None,
        /,
        *,
        extra: V3Extra | dict[str, Any] | None = None,
        options: RequestOptions | None = None,
        deadline: float | None = None,
        **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/image-eraser` (Part 2 §15.15).

        Erase what `mask` or `prompt` names.
        """
        return await self._submit_v3(
            "/v3/async/image-eraser", ImageEraserRequest, request, fields,
            extra=extra, options=options, deadline=deadline,
        )
