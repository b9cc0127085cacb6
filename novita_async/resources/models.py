"""`client.models`: the model catalogue (reference §7.5; catalogue rows 14-16 and 44).

* `list(...)` iterates `GET /v3/model` over all pages; `list_page(...)` fetches one page.
* `list_v2(type=...)` is the legacy `GET /v2/models` (no pagination).
* `civitai(version_id)` is `GET /v2/model/civitai_version_id/{id}`.
* `sync_civitai(civitai_version_id)` is PROVISIONAL: the real path is unknown (§7.5.1, §12 q2).

Query keywords of `list`/`list_page` are the wire names, e.g. `**{"filter.types": "lora",
"pagination.limit": 50}`; the short aliases `visibility`, `source`, `types`, `is_sdxl`, `query`,
`is_inpainting`, `limit` and `cursor` mean the same `filter.*`/`pagination.*` parameters.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from .._codec import encode
from .._errors import NotFoundError
from ..types.models import (
    CivitaiModelData,
    Model,
    ModelListQuery,
    ModelListResponse,
    SyncCivitaiModelRequest,
    V2ModelInfo,
    V2ModelList,
)
from ._base import AsyncResource
from ._paging import build_query, paginate

if TYPE_CHECKING:
    from .._client import RequestOptions

__all__ = ("SYNC_CIVITAI_PATH", "Models")

SYNC_CIVITAI_PATH = "/v2/model/sync"
"""PROVISIONAL: invented path of "sync civitai model" (reference §7.5.1: no source documents it)."""


class Models(AsyncResource):
    """Query models: v3 with filters and cursor pagination, v2 legacy list, Civitai lookups."""

    async def list_page(self, *, options: RequestOptions | None = None, **query: Any) -> ModelListResponse:
        """One page of `GET /v3/model` (§7.5.4); pass the previous `pagination.next_cursor` as `cursor`."""
        params = build_query(ModelListQuery, query, "/v3/model")
        return await self._get("/v3/model", ModelListResponse, params=params, options=options)

    async def list(self, *, options: RequestOptions | None = None, **query: Any) -> AsyncIterator[Model]:
        """Every model of `GET /v3/model` matching the filters, fetching pages as needed (§7.5.4).

        `async for model in client.models.list(visibility="public", types="lora", limit=50): ...`
        """
        params = build_query(ModelListQuery, query, "/v3/model")

        async def fetch(page_query: dict[str, Any]) -> ModelListResponse:
            return await self._get("/v3/model", ModelListResponse, params=page_query, options=options)

        async for model in paginate(fetch, params, lambda p: p.models, lambda p: p.pagination.next_cursor):
            yield model

    async def list_v2(
        self, type: str | None = None, *, options: RequestOptions | None = None
    ) -> builtins.list[V2ModelInfo]:
        """`GET /v2/models` (§7.5.3): checkpoints and LoRAs by default; `type="vae"`, `"controlnet"`, ...

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        data = await self._get("/v2/models", V2ModelList, params={"type": type}, v2=True, options=options)
        return data.models

    async def civitai(self, civitai_version_id: int | str, *, options: RequestOptions | None = None) -> V2ModelInfo:
        """`GET /v2/model/civitai_version_id/{civitai_version_id}` (§7.5.2): `enable == 1` means usable.

        An unknown version raises `NotFoundError` (v2 `code` 2).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        path = f"/v2/model/civitai_version_id/{civitai_version_id}"
        data = await self._get(path, CivitaiModelData, v2=True, options=options)
        if data.model is None:
            raise NotFoundError("no model in the answer", method="GET", path=path, status_code=200)
        return data.model

    async def sync_civitai(
        self, civitai_version_id: int, *, options: RequestOptions | None = None
    ) -> dict[str, Any]:
        """PROVISIONAL `POST /v2/model/sync` `{"civitai_version_id"}`: ask Novita to import a Civitai version.

        The path and body are guesses (reference §7.5.1, open question 2): only the emulator serves them.
        Poll `civitai(civitai_version_id)` until `enable == 1` to know the model is usable.
        """
        built = await self._build(
            SyncCivitaiModelRequest, None, {"civitai_version_id": civitai_version_id}, SYNC_CIVITAI_PATH
        )
        answer_type: Any = dict[str, Any] | None  # undocumented answer: decoded loosely
        result: dict[str, Any] | None = await self._client._request(
            "POST", SYNC_CIVITAI_PATH, answer_type, body=encode(built), v2=True,
            endpoint=SYNC_CIVITAI_PATH, options=options,
        )
        return result or {}
