"""Asset uploads to `https://assets.novitai.com/{image|video}` (novita-api.md §5.1)."""

from __future__ import annotations

from ._base import ResponseStruct

__all__ = ("AssetUploadResponse",)


class AssetUploadResponse(ResponseStruct, kw_only=True):
    """Response of `PUT https://assets.novitai.com/image` (or `/video`)."""

    assets_id: str = ""
    """Opaque asset id to pass as `image_assets_ids`, `image_assets_id`, etc."""
