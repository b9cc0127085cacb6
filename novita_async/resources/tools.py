"""`client.tools`: the image editing ("case") endpoints, reference §7.4, plus InstantID/InstantStyle (§7.8).

Synchronous endpoints (catalogue mode S) block for the whole generation and return the result directly:
`ImageFileResponse` (`image_file` base64 + `image_type`), `Img2PromptResponse` or `Img2MaskResponse`.
Asynchronous ones (`replace_object`, `make_photo`, `instant_id`, `instant_style`; mode A3) return a
`Task[TaskResult]` handle as soon as the task id is known.

Keywords are the wire field names (flat bodies, §4): every image field (`image_file`, `mask_file`, ...)
takes a `pathlib.Path`, bytes, or a base64 string. `extra=` is the common v3 `extra` object (§4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types.common import ImageFileResponse, V3Extra
from ..types.edit import (
    CleanupRequest,
    CreateTileRequest,
    DoodleRequest,
    Img2MaskRequest,
    Img2MaskResponse,
    Img2PromptRequest,
    Img2PromptResponse,
    MergeFaceRequest,
    MixPoseRequest,
    OutpaintingRequest,
    ReimagineRequest,
    RelightRequest,
    RemoveBackgroundRequest,
    RemoveTextRequest,
    RemoveWatermarkRequest,
    ReplaceBackgroundRequest,
    ReplaceSkyRequest,
    RestoreFaceRequest,
)
from ._base import AsyncResource
from ._tools_async import AsyncTools

if TYPE_CHECKING:
    from .._client import RequestOptions

__all__ = ("Tools",)

Extra = V3Extra | dict[str, Any] | None


class Tools(AsyncTools, AsyncResource):
    """Image editors: cleanup, outpainting, background/text/watermark removal, faces, masks, prompts."""

    async def cleanup(
        self, request: CleanupRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/cleanup` (§7.4.2): erase what `mask_file` marks from `image_file`."""
        return await self._post("/v3/cleanup", CleanupRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def outpainting(
        self, request: OutpaintingRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/outpainting` (§7.4.3): extend `image_file` to `width`×`height` around `center_x/y`.

        `prompt` is optional here: the docs require it but the official SDKs never send it (§7.4.3 CONFLICT).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._post("/v3/outpainting", OutpaintingRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def remove_background(
        self, request: RemoveBackgroundRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/remove-background` (§7.4.4)."""
        return await self._post("/v3/remove-background", RemoveBackgroundRequest, request, fields,
                                ImageFileResponse, options=options, extra=extra)

    async def remove_text(
        self, request: RemoveTextRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/remove-text` (§7.4.5)."""
        return await self._post("/v3/remove-text", RemoveTextRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def reimagine(
        self, request: ReimagineRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/reimagine` (§7.4.6). The answer's `image_type` may be `gif`.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._post("/v3/reimagine", ReimagineRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def doodle(
        self, request: DoodleRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/doodle` (§7.4.7): `image_file`, `prompt`, optional `similarity` (0, 1].

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post("/v3/doodle", DoodleRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def mix_pose(
        self, request: MixPoseRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/mix-pose` (§7.4.8): `image_file` and `pose_image_file`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post("/v3/mix-pose", MixPoseRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def replace_background(
        self, request: ReplaceBackgroundRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/replace-background` (§7.4.9): `image_file` and `prompt`."""
        return await self._post("/v3/replace-background", ReplaceBackgroundRequest, request, fields,
                                ImageFileResponse, options=options, extra=extra)

    async def replace_sky(
        self, request: ReplaceSkyRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/replace-sky` (§7.4.10): `sky` is `bluesky`, `sunset`, `sunrise` or `galaxy`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post("/v3/replace-sky", ReplaceSkyRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def restore_face(
        self, request: RestoreFaceRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/restore-face` (§7.4.11): `image_file`, optional `fidelity`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post("/v3/restore-face", RestoreFaceRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def create_tile(
        self, request: CreateTileRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/create-tile` (§7.4.12): a seamless tile from `prompt`; no input image.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post("/v3/create-tile", CreateTileRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def remove_watermark(
        self, request: RemoveWatermarkRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/remove-watermark` (§7.4.13).

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post("/v3/remove-watermark", RemoveWatermarkRequest, request, fields,
                                ImageFileResponse, options=options, extra=extra)

    async def merge_face(
        self, request: MergeFaceRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/merge-face` (§7.4.14): put the face of `face_image_file` into `image_file`."""
        return await self._post("/v3/merge-face", MergeFaceRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def relight(
        self, request: RelightRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> ImageFileResponse:
        """`POST /v3/relight` (§7.4.19): relight `image_file` per `prompt` and `lighting_preference`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post("/v3/relight", RelightRequest, request, fields, ImageFileResponse,
                                options=options, extra=extra)

    async def img2prompt(
        self, request: Img2PromptRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> Img2PromptResponse:
        """`POST /v3/img2prompt` (§7.4.16): a prompt describing `image_file`, in `.prompt`.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._post("/v3/img2prompt", Img2PromptRequest, request, fields, Img2PromptResponse,
                                options=options, extra=extra)

    async def img2mask(
        self, request: Img2MaskRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, **fields: Any,
    ) -> Img2MaskResponse:
        """`POST /v3/img2mask` (§7.4.18): masks of `image_file`.

        The answer's shape is disputed (§10: `{"mask": {...}}` vs `{"masks": [...]}`); both are decoded.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._post("/v3/img2mask", Img2MaskRequest, request, fields, Img2MaskResponse,
                                options=options, extra=extra)
