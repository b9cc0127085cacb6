"""Training endpoints (reference §7.6): dataset upload URLs, subject/style training, status and listing.

Training status is lazy like generation tasks: QUEUING → TRAINING → SUCCESS, whose model is DEPLOYING for
a short while before SERVING. A training whose name contains the failure marker ends FAILED.
"""

from __future__ import annotations

from typing import Any, Literal

from aiohttp import web

from ._http import ApiError, json_response, read_json
from ._routes_models import next_cursor, parse_cursor
from ._runtime import Runtime
from ._state import TrainingRecord

__all__ = ("BASE_MODELS", "TrainingRoutes")

BASE_MODELS = frozenset(
    """stable-diffusion-xl-base-1.0 dreamshaperXL09Alpha_alpha2Xl10_91562
    protovisionXLHighFidelity3D_release0630Bakedvae_154359 v1-5-pruned-emaonly epicrealism_naturalSin_121250
    chilloutmix_NiPrunedFp32Fix abyssorangemix3AOM3_aom3a3_10864 dreamshaper_8_93211 WFChild_v1.0
    majichenmixrealistic_v10 realisticVisionV51_v51VAE_94301 sdxlUnstableDiffusers_v11_216694
    realisticVisionV40_v40VAE_81510 epicrealismXL_v10_247189 somboy_v10_172675 yesmixXL_v10_283329
    animagineXLV31_v31_325600""".split()
)
UPLOAD_TTL = 120


class TrainingRoutes:
    """Handlers of `/v3/assets/training_dataset` and `/v3/training*`."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def register(self, app: web.Application) -> None:
        r = app.router
        r.add_post("/v3/assets/training_dataset", self.upload_url)
        r.add_post("/v3/training/subject", self.create_subject)
        r.add_post("/v3/training/style", self.create_style)
        r.add_get("/v3/training/subject", self.get_subject)
        r.add_get("/v3/training/style", self.get_style)
        r.add_get("/v3/training", self.list)

    async def upload_url(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        ext = body.opt_str("file_extension", "png")
        if ext not in ("png", "jpeg", "jpg", "webp"):
            raise ApiError.invalid("file_extension must be one of png, jpeg, webp")
        rt = self._rt
        assets_id = rt.new_id().replace("-", "")
        rt.state.training_assets[assets_id] = False
        url = rt.signer.sign(
            rt.storage_url, f"/training-upload/{assets_id}.{ext}", UPLOAD_TTL, rt.wall(), "&x-id=PutObject"
        )
        host = rt.storage_url.split("://", 1)[-1]
        return json_response(
            request,
            {
                "assets_id": assets_id,
                "upload_url": url,
                "method": "PUT",
                "headers": {"Host": {"values": [host]}},
            },
        )

    async def create_subject(self, request: web.Request) -> web.Response:
        return await self._create(request, "subject")

    async def create_style(self, request: web.Request) -> web.Response:
        return await self._create(request, "style")

    async def _create(self, request: web.Request, task_type: Literal["subject", "style"]) -> web.Response:
        body = await read_json(request)
        name = body.req_str("name")
        base = body.req_str("base_model")
        if base not in BASE_MODELS:
            raise ApiError.invalid(f"base_model {base!r} is not supported")
        body.req_int("width", 1)
        body.req_int("height", 1)
        items = body.items("image_dataset_items", required=True, max_len=50)
        for item in items:
            asset = item.get("assets_id")
            if asset is None or asset == "":
                raise ApiError.invalid(f"{item.name('assets_id')} is required")
            if not self._rt.state.training_assets.get(str(asset)):
                raise ApiError.invalid(f"{item.name('assets_id')} {asset!r} was not uploaded")
            if task_type == "style":
                item.req_str("caption", 1024)
            else:
                item.opt_str("caption")
        expert = body.obj("expert_setting")
        if task_type == "subject":
            expert.req_str("instance_prompt")
            expert.req_str("class_prompt")
        for comp in body.items("components"):
            comp.req_str("name")
        rt = self._rt
        now = rt.clock()
        started = now + rt.config.queue_delay
        span = rt.draw(rt.config.training_duration)
        marker = rt.config.fail_prompt_marker
        record = TrainingRecord(
            id=rt.new_id(),
            task_type=task_type,
            name=name,
            created_at=now,
            created_unix=int(rt.wall()),
            started_at=started,
            finished_at=started + span,
            serving_at=started + span * 1.25,
            model_name=f"model_{int(rt.wall())}_{rt.rng.getrandbits(40):010X}.safetensors",
            failed=bool(marker) and marker in name,
        )
        rt.state.trainings[record.id] = record
        rt.state.tasks_created[request.path] += 1
        return json_response(request, {"task_id": record.id})

    def _status(self, t: TrainingRecord, now: float) -> dict[str, Any]:
        models: list[dict[str, str]] = []
        if now < t.started_at:
            status = "QUEUING"
        elif now < t.finished_at:
            status = "TRAINING"
        elif t.failed:
            status = "FAILED"
        else:
            status = "SUCCESS"
            models = [
                {
                    "model_name": t.model_name,
                    "model_status": "SERVING" if now >= t.serving_at else "DEPLOYING",
                }
            ]
        span = t.finished_at - t.started_at
        done = min(1.0, max(0.0, (now - t.started_at) / span)) if span > 0 else 1.0
        extra = {
            "eta_relative": round(max(0.0, t.finished_at - now), 3) if self._rt.config.report_eta else 0,
            "progress_percent": int(done * 100) if self._rt.config.report_progress else 0,
        }
        return {
            "task_id": t.id,
            "task_status": status,
            "model_type": "lora",
            "models": models,
            "extra": extra,
        }

    async def get_subject(self, request: web.Request) -> web.Response:
        return self._get(request, "subject")

    async def get_style(self, request: web.Request) -> web.Response:
        return self._get(request, "style")

    def _get(self, request: web.Request, task_type: str) -> web.Response:
        task_id = request.query.get("task_id", "")
        if not task_id:
            raise ApiError.invalid("task_id is required")
        record = self._rt.state.trainings.get(task_id)
        if record is None or record.task_type != task_type:
            raise ApiError(
                404, "TASK_NOT_FOUND", f"training task {task_id} not found", metadata={"task_id": task_id}
            )
        self._rt.state.polls[task_id] += 1
        return json_response(request, self._status(record, self._rt.clock()))

    async def list(self, request: web.Request) -> web.Response:
        offset, limit = parse_cursor(request)
        wanted = request.query.get("task_type", "")
        records = [r for r in self._rt.state.trainings.values() if not wanted or r.task_type == wanted]
        records.sort(key=lambda r: r.created_at, reverse=True)
        now = self._rt.clock()
        tasks = []
        for r in records[offset : offset + limit]:
            status = self._status(r, now)
            tasks.append(
                {
                    "task_name": r.name,
                    "task_id": r.id,
                    "task_type": r.task_type,
                    "task_status": status["task_status"],
                    "created_at": r.created_unix,
                    "models": status["models"],
                }
            )
        return json_response(
            request, {"tasks": tasks, "pagination": {"next_cursor": next_cursor(offset, limit, len(records))}}
        )
