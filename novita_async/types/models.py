"""Model catalogue: `GET /v3/model`, `GET /v2/models`, `GET /v2/model/civitai_version_id/{id}` (§7.5)."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from ._base import RequestStruct, ResponseStruct

__all__ = (
    "CivitaiImage",
    "CivitaiImageMeta",
    "CivitaiModelData",
    "Model",
    "ModelListQuery",
    "ModelListResponse",
    "ModelType",
    "ModelTypeName",
    "Pagination",
    "SyncCivitaiModelRequest",
    "V2ModelInfo",
    "V2ModelList",
)

# JS says `text_inversion`; PY, GO and the docs use `textualinversion` (§10).
ModelTypeName = Literal["checkpoint", "lora", "vae", "controlnet", "upscaler", "textualinversion"]
"""Model types accepted by the `filter.types` / `type` query parameters."""


class ModelType(ResponseStruct, kw_only=True):
    """The `type` object of a v3 model."""

    name: str = ""
    """Machine name: `checkpoint`, `lora`, `vae`, `controlnet`, `upscaler`, `textualinversion`, `locon`…"""

    display_name: str = ""
    """Human name, e.g. `Checkpoint`."""


class Model(ResponseStruct, kw_only=True):
    """One model of `GET /v3/model`."""

    id: int = 0
    """Model id."""

    name: str = ""
    """Display name."""

    hash_sha256: str = ""
    """Short uppercase hash (10 hex characters in examples)."""

    sd_name: str = ""
    """File name."""

    sd_name_in_api: str = ""
    """The name to put in API requests (LoRAs drop the extension)."""

    type: ModelType = msgspec.field(default_factory=ModelType)
    """Model type."""

    categories: list[str] = msgspec.field(default_factory=list)
    """Categories."""

    status: int = 0
    """0 unavailable, 1 available."""

    download_url: str = ""
    """Pre-signed download URL."""

    download_url_ttl: int = 0
    """Seconds the download URL stays valid."""

    tags: list[str] = msgspec.field(default_factory=list)
    """Tags."""

    cover_url: str = ""
    """Cover image URL."""

    source: str = ""
    """`civitai`, `training` or `uploading`."""

    base_model: str = ""
    """E.g. `SD 1.5`, `SDXL 1.0`."""

    base_model_type: str = ""
    """`Standard` or `Inpainting`."""

    is_sdxl: bool = False
    """Whether the model is SDXL."""

    is_nsfw: bool = False
    """NSFW flag (Python SDK only)."""

    visibility: str = ""
    """`public` or `private` (the Python SDK fills it from the filter used)."""


class Pagination(ResponseStruct, kw_only=True):
    """Cursor pagination of `/v3/model` and `/v3/training`."""

    next_cursor: str = ""
    """Opaque cursor of the next page (`c_<offset>` in 2024); empty/absent at the end."""


class ModelListResponse(ResponseStruct, kw_only=True):
    """Response of `GET /v3/model`."""

    models: list[Model] = msgspec.field(default_factory=list)
    """This page of models."""

    pagination: Pagination = msgspec.field(default_factory=Pagination)
    """Cursor of the next page."""


class ModelListQuery(RequestStruct, kw_only=True):
    """Query parameters of `GET /v3/model`; `to_dict()` gives the dotted wire names."""

    visibility: Literal["public", "private"] | UnsetType = msgspec.field(default=UNSET, name="filter.visibility")
    """Only public or only private models."""

    source: Literal["civitai", "training", "uploading"] | UnsetType = msgspec.field(default=UNSET, name="filter.source")
    """Only models from this source."""

    # The Python SDK sends `filter.type` (singular); the docs say `filter.types` (§10).
    types: ModelTypeName | UnsetType = msgspec.field(default=UNSET, name="filter.types")
    """Only models of this type."""

    is_sdxl: bool | UnsetType = msgspec.field(default=UNSET, name="filter.is_sdxl")
    """Only SDXL (true) or only non-SDXL (false) models."""

    query: str | UnsetType = msgspec.field(default=UNSET, name="filter.query")
    """Substring search over `sd_name`, `name` and tags."""

    is_inpainting: bool | UnsetType = msgspec.field(default=UNSET, name="filter.is_inpainting")
    """Only inpainting checkpoints."""

    limit: Annotated[int, Meta(gt=0, le=100)] | UnsetType = msgspec.field(default=UNSET, name="pagination.limit")
    """Page size, (0, 100]."""

    cursor: str | UnsetType = msgspec.field(default=UNSET, name="pagination.cursor")
    """`next_cursor` of the previous page; empty or `c_0` for the first."""


# ------------------------------------------------------------------------------------------------------------
# v2


class CivitaiImageMeta(ResponseStruct, kw_only=True):
    """Generation parameters of a Civitai sample image."""

    prompt: str = ""
    """Prompt."""

    negative_prompt: str = ""
    """Negative prompt."""

    sampler_name: str = ""
    """Sampler."""

    steps: int = 0
    """Steps."""

    cfg_scale: float = 0
    """CFG scale."""

    seed: int = 0
    """Seed."""

    height: int = 0
    """Height."""

    width: int = 0
    """Width."""

    model_name: str = ""
    """Model used."""


class CivitaiImage(ResponseStruct, kw_only=True):
    """A Civitai sample image of a v2 model."""

    url: str = ""
    """Image URL."""

    nsfw: str = ""
    """Civitai NSFW level, e.g. `None`."""

    meta: CivitaiImageMeta | None = None
    """Generation parameters."""


class V2ModelInfo(ResponseStruct, kw_only=True):
    """A model of the v2 API (`/v2/models` items, `/v2/model/civitai_version_id/{id}` `data.model`)."""

    id: int | None = None
    """Internal id (may be null)."""

    model_id: str = ""
    """Model id."""

    hash: str = ""
    """Short hash, e.g. `ECEFB796FF`."""

    name: str = ""
    """Display name."""

    type: str = ""
    """`checkpoint`, `lora`, `vae`, `controlnet`, `textualinversion`, `upscaler`."""

    version: str = ""
    """Version string."""

    sd_name: str = ""
    """File name to use in v2 requests."""

    third_source: str = ""
    """Origin, e.g. `civitai`."""

    enable: int | None = None
    """1 when usable in `/v2/txt2img` and `/v2/img2img`."""

    download_name: str = ""
    """Downloaded file name."""

    download_status: int = 0
    """1 ready, 0 not ready."""

    dependency_status: int = 0
    """1 ready, 0 not ready."""

    delete_time: str = ""
    """Deletion time (may be empty)."""

    create_time: str = ""
    """Creation time (may be empty)."""

    update_time: str = ""
    """Update time (may be empty)."""

    civitai_link: str = ""
    """Civitai model page."""

    civitai_model_id: int = 0
    """Civitai model id."""

    civitai_version_id: int = 0
    """Civitai version id."""

    civitai_nsfw: bool = False
    """Civitai NSFW flag."""

    # PY types it bool, the SEED example and GO a string such as `Rent`; string per the reference (§10).
    civitai_allow_commercial_use: str = ""
    """Civitai commercial-use permission, e.g. `Rent`."""

    civitai_allow_different_license: bool = False
    """Civitai different-license permission."""

    civitai_download_url: str = ""
    """Civitai download URL."""

    civitai_create_at: str = ""
    """`YYYY-MM-DD HH:MM:SS`."""

    civitai_update_at: str = ""
    """`YYYY-MM-DD HH:MM:SS`."""

    civitai_trained_words: str = ""
    """Trigger words."""

    civitai_tags: str = ""
    """Comma-separated tags."""

    civitai_download_count: int = 0
    """Download count."""

    civitai_favorite_count: int = 0
    """Favourite count."""

    civitai_comment_count: int = 0
    """Comment count."""

    civitai_rating_count: int = 0
    """Rating count."""

    civitai_rating: float = 0
    """Average rating."""

    civitai_images: list[CivitaiImage] = msgspec.field(default_factory=list)
    """Sample images with their generation parameters."""

    civitai_image_url: str = ""
    """Cover image URL."""

    # PY types it bool; the example sends a string such as `None` (§7.5.2).
    civitai_image_nsfw: str = ""
    """Cover image NSFW level."""

    civitai_origin_image_url: str = ""
    """Original cover image URL."""

    civitai_image_prompt: str = ""
    """Cover image prompt."""

    civitai_image_negative_prompt: str = ""
    """Cover image negative prompt."""

    civitai_image_sampler_name: str = ""
    """Cover image sampler."""

    civitai_image_height: int = 0
    """Cover image height."""

    civitai_image_width: int = 0
    """Cover image width."""

    civitai_image_steps: int = 0
    """Cover image steps."""

    civitai_image_cfg_scale: float = 0
    """Cover image CFG scale."""

    civitai_image_seed: int = 0
    """Cover image seed."""

    civitai_dependency_model_name: str = ""
    """For LoRAs, the base checkpoint."""

    civitai_dependency_version_id: int | None = None
    """Civitai version id of the dependency."""

    omni_used_count: int = 0
    """Usage count (JS SDK only)."""

    novita_used_count: int = 0
    """Usage count (Python SDK only)."""


class V2ModelList(ResponseStruct, kw_only=True):
    """`data` of `GET /v2/models`."""

    models: list[V2ModelInfo] = msgspec.field(default_factory=list)
    """All models (no pagination)."""


class CivitaiModelData(ResponseStruct, kw_only=True):
    """`data` of `GET /v2/model/civitai_version_id/{civitai_version_id}`."""

    model: V2ModelInfo | None = None
    """The model."""


class SyncCivitaiModelRequest(RequestStruct, kw_only=True):
    """PROVISIONAL: "sync civitai model" — the real path and body are unknown (§7.5.1, §12)."""

    civitai_version_id: int
    """Civitai version id to import (a guess)."""
