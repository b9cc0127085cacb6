"""The asynchronous half of `client.tools` (reference §7.4.15, §7.4.17, §7.8): each returns a `Task`.

Flat bodies with an optional top-level `extra` (§4). make-photo, instant-id and instant-style take
`assets_id`s from `client.assets.upload_image` (§5.1), not base64 images.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types.common import V3Extra
from ..types.edit import MakePhotoRequest, ReplaceObjectRequest
from ..types.faces import InstantIDRequest, InstantStyleRequest
from ..types.tasks import TaskResult
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("AsyncTools",)

Extra = V3Extra | dict[str, Any] | None


class AsyncTools(AsyncResource):
    """replace-object, make-photo, instant-id, instant-style."""

    async def replace_object(
        self, request: ReplaceObjectRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/replace-object` (§7.4.15): replace `object_prompt` in `image_file` by `prompt`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._submit_v3("/v3/async/replace-object", ReplaceObjectRequest, request, fields,
                                     extra=extra, options=options, deadline=deadline)

    async def make_photo(
        self, request: MakePhotoRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/make-photo` (§7.4.17): portraits from face photos (`image_assets_ids`).

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._submit_v3("/v3/async/make-photo", MakePhotoRequest, request, fields,
                                     extra=extra, options=options, deadline=deadline)

    async def instant_id(
        self, request: InstantIDRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/instant-id` (§7.8.1): identity-preserving generation (`face_image_assets_ids`).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return await self._submit_v3("/v3/async/instant-id", InstantIDRequest, request, fields,
                                     extra=extra, options=options, deadline=deadline)

    async def instant_style(
        self, request: InstantStyleRequest | None = None, /, *, extra: Extra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/instant-style` (§7.8.2): generation in the style of `ref_image_assets_id`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return await self._submit_v3("/v3/async/instant-style", InstantStyleRequest, request, fields,
                                     extra=extra, options=options, deadline=deadline)
