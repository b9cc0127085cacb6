"""Model listing and lookup (reference §7.5) plus the account endpoints (§7.1).

Two endpoints here are invented because the real paths are unknown (reference §7.1.1, §7.5.1): the
account S3 configuration under `/v3/user/s3-config` and `POST /v2/model/sync`. They are provisional and
must not be relied on by the client's public surface.
"""

from __future__ import annotations

from aiohttp import web

from ._catalogue import CIVITAI_FIXTURE_ID, Model, catalogue, civitai_fixture_bytes, v2_model_info
from ._http import ApiError, Body, json_response, raw_json_response, read_json, v2_ok
from ._runtime import Runtime

__all__ = ("ModelRoutes", "parse_bool", "parse_cursor")


def parse_bool(value: str, name: str) -> bool:
    """Query-string booleans, case-insensitive (`True`/`false`/`1`/`0`; reference §1.5)."""
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise ApiError.invalid(f"{name} must be a boolean")


def parse_cursor(query: dict[str, str] | web.Request) -> tuple[int, int]:
    """(offset, limit) from `pagination.cursor` (`c_<int>`, empty = start) and `pagination.limit`."""
    q = query.query if isinstance(query, web.Request) else query
    limit_text = q.get("pagination.limit", "10")
    try:
        limit = int(limit_text)
    except ValueError:
        raise ApiError.invalid("pagination.limit must be an integer") from None
    if not 0 < limit <= 100:
        raise ApiError.out_of_range("pagination.limit must be in (0, 100]")
    cursor = q.get("pagination.cursor", "")
    if not cursor:
        return 0, limit
    if not cursor.startswith("c_") or not cursor[2:].isdigit():
        raise ApiError.invalid("pagination.cursor is invalid")
    return int(cursor[2:]), limit


def next_cursor(offset: int, limit: int, total: int) -> str:
    return f"c_{offset + limit}" if offset + limit < total else ""


class ModelRoutes:
    """Handlers of the model and account endpoints."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def register(self, app: web.Application) -> None:
        r = app.router
        r.add_get("/v3/model", self.v3_models)
        r.add_get("/v2/models", self.v2_models)
        r.add_get("/v2/model/civitai_version_id/{version_id}", self.civitai)
        r.add_post("/v2/model/sync", self.sync)
        r.add_get("/v3/user", self.user)
        r.add_get("/openapi/v1/billing/balance/detail", self.balance)
        r.add_post("/v3/user/s3-config", self.s3_set)
        r.add_get("/v3/user/s3-config", self.s3_get)
        r.add_delete("/v3/user/s3-config", self.s3_delete)

    async def v3_models(self, request: web.Request) -> web.Response:
        q = request.query
        models: list[Model] = list(catalogue())
        if visibility := q.get("filter.visibility"):
            models = [m for m in models if m.visibility == visibility]
        if source := q.get("filter.source"):
            models = [m for m in models if m.source == source]
        # The docs say `filter.types`, the Python SDK sends `filter.type` (reference §10): accept both.
        types_text = q.get("filter.types") or q.get("filter.type")
        if types_text:
            wanted = {t.strip() for t in types_text.split(",") if t.strip()}
            models = [m for m in models if m.type in wanted]
        if "filter.is_sdxl" in q and q["filter.is_sdxl"] != "":
            sdxl = parse_bool(q["filter.is_sdxl"], "filter.is_sdxl")
            models = [m for m in models if m.is_sdxl == sdxl]
        if "filter.is_inpainting" in q and parse_bool(
            q["filter.is_inpainting"] or "false", "filter.is_inpainting"
        ):
            models = [m for m in models if m.is_inpainting]
        if text := q.get("filter.query", "").lower():
            models = [
                m
                for m in models
                if text in m.sd_name.lower()
                or text in str(m.v3["name"]).lower()
                or any(text in t for t in m.v3["tags"])
            ]
        offset, limit = parse_cursor(request)
        page = [m.v3 for m in models[offset : offset + limit]]
        return json_response(
            request, {"models": page, "pagination": {"next_cursor": next_cursor(offset, limit, len(models))}}
        )

    async def v2_models(self, request: web.Request) -> web.Response:
        kind = request.query.get("type", "")
        wanted = {kind} if kind else {"checkpoint", "lora"}
        return v2_ok(request, {"models": [m.v2 for m in catalogue() if m.type in wanted]})

    async def civitai(self, request: web.Request) -> web.Response:
        text = request.match_info["version_id"]
        if not text.isdigit():
            return json_response(request, {"code": 1, "msg": "civitai_version_id must be an integer"})
        version_id = int(text)
        if version_id == CIVITAI_FIXTURE_ID:
            return raw_json_response(request, civitai_fixture_bytes())
        info = v2_model_info(version_id)
        if info is None and version_id in self._rt.state.synced_civitai_versions:
            info = _synced_model(version_id)
        if info is None:
            return json_response(
                request, {"code": 2, "msg": f"model with civitai_version_id {version_id} not exist"}
            )
        return v2_ok(request, {"model": info})

    async def sync(self, request: web.Request) -> web.Response:
        """PROVISIONAL (invented path and body, reference §7.5.1): import a civitai version."""
        body = await read_json(request)
        version_id = body.req_int("civitai_version_id", 1)
        self._rt.state.synced_civitai_versions.add(version_id)
        return v2_ok(request, {"civitai_version_id": version_id})

    async def user(self, request: web.Request) -> web.Response:
        return json_response(
            request,
            {
                "allow_features": ["txt2img", "img2img", "upscale", "training", "video"],
                "credit_balance": self._rt.state.credit_balance,
                "free_trial": {},
            },
        )

    async def balance(self, request: web.Request) -> web.Response:
        """Today's balance (Part 2 §14.4): numeric strings in 0.0001 USD; the emulator grants no credit line."""
        available = self._rt.state.credit_balance
        return json_response(
            request,
            {
                "availableBalance": str(available),
                "cashBalance": str(available),
                "creditLimit": "0",
                "outstandingInvoices": "0",
            },
        )

    async def s3_set(self, request: web.Request) -> web.Response:
        """PROVISIONAL (invented, reference §7.1.1): store the account-level S3 output configuration."""
        body: Body = await read_json(request)
        config = {
            "region": body.req_str("region"),
            "bucket": body.req_str("bucket"),
            "path": body.opt_str("path"),
            "save_to_path_directly": body.opt_bool("save_to_path_directly"),
        }
        self._rt.state.s3_config = config
        return json_response(request, config)

    async def s3_get(self, request: web.Request) -> web.Response:
        """PROVISIONAL (invented): read the stored S3 configuration."""
        if self._rt.state.s3_config is None:
            raise ApiError(404, "S3_CONFIG_NOT_FOUND", "no S3 configuration is stored")
        return json_response(request, self._rt.state.s3_config)

    async def s3_delete(self, request: web.Request) -> web.Response:
        """PROVISIONAL (invented): forget the S3 configuration."""
        self._rt.state.s3_config = None
        return json_response(request, {})


def _synced_model(version_id: int) -> dict[str, object]:
    base = dict(catalogue()[0].v2)
    base.update(
        id=None,
        name=f"civitai version {version_id}",
        sd_name=f"civitai_{version_id}.safetensors",
        download_name=f"civitai_{version_id}.safetensors",
        civitai_version_id=version_id,
        civitai_download_url=f"https://civitai.com/api/download/models/{version_id}",
    )
    return base
