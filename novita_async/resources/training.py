"""`client.training`: LoRA fine-tuning (reference §7.6; catalogue rows 35-40).

The flow: `upload_images([...])` → assets ids; `create_subject(...)` / `create_style(...)` →
`Task[TrainingStatus]`, which resolves only once training succeeded **and** every produced model is
`SERVING` (before that the LoRA cannot be used, §7.6.3); `get_subject`/`get_style` read a status once;
`list(...)` iterates all training tasks.

Each upload is two steps (§5.2, §7.6.1): `POST /v3/assets/training_dataset` returns a pre-signed S3 URL,
then the bytes are PUT there **without** the API key, through the header-less storage session.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any

import anyio

from .._codec import encode
from .._errors import APIResponseValidationError
from .._files import MediaInput, image_extension, read_media, storage_put
from ..types._base import MiB
from ..types.training import (
    StyleTrainingRequest,
    SubjectTrainingRequest,
    TrainingDatasetUpload,
    TrainingDatasetUploadRequest,
    TrainingListQuery,
    TrainingListResponse,
    TrainingStatus,
    TrainingTaskSummary,
)
from ._base import AsyncResource, Req, SubmittedTaskId
from ._paging import build_query, paginate

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("Training",)

UPLOAD_CONCURRENCY = 4
"""Dataset images uploaded at once: the pre-signed URLs expire after 120 s (§7.6.1), so keep it moving."""
IMAGE_LIMIT = 30 * MiB
_DATASET_PATH = "/v3/assets/training_dataset"
_CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


class Training(AsyncResource):
    """Dataset uploads, subject/style training, status and listing."""

    async def upload_image(self, image: MediaInput, *, options: RequestOptions | None = None) -> str | int:
        """Upload one dataset image (a `pathlib.Path`, bytes or base64); returns its `assets_id`.

        The id is returned exactly as the server sent it (a string, or an integer per one doc schema,
        §7.6.1 CONFLICT): pass it back unchanged in `image_dataset_items[].assets_id`.
        """
        data = await read_media(image, field="image", limit=IMAGE_LIMIT, endpoint=_DATASET_PATH)
        ext = image_extension(data, image)
        request = TrainingDatasetUploadRequest(file_extension=ext)  # type: ignore[arg-type]
        target: TrainingDatasetUpload = await self._client._request(
            "POST", _DATASET_PATH, TrainingDatasetUpload, body=encode(request), endpoint=_DATASET_PATH,
            options=options,
        )
        if not target.upload_url or target.assets_id in ("", None):
            raise APIResponseValidationError(
                "no upload_url/assets_id in the answer", method="POST", path=_DATASET_PATH, status_code=200,
                body=b"",
            )
        # Signed headers other than Host (which aiohttp derives from the URL) must be sent as given.
        headers = {
            name: header.values[0]
            for name, header in target.headers.items()
            if name.lower() not in ("host", "content-type", "authorization") and header.values
        }
        await storage_put(
            self._client, target.upload_url, data, content_type=_CONTENT_TYPES[ext], headers=headers
        )
        return target.assets_id

    async def upload_images(
        self, images: Sequence[MediaInput], *, options: RequestOptions | None = None
    ) -> builtins.list[str | int]:
        """Upload dataset images concurrently (at most `UPLOAD_CONCURRENCY` at once); ids in input order."""
        ids: builtins.list[str | int] = [""] * len(images)
        limiter = anyio.CapacityLimiter(UPLOAD_CONCURRENCY)

        async def one(index: int, image: MediaInput) -> None:
            async with limiter:
                ids[index] = await self.upload_image(image, options=options)

        async with anyio.create_task_group() as group:
            for index, image in enumerate(images):
                group.start_soon(one, index, image)
        return ids

    async def create_subject(
        self, request: SubjectTrainingRequest | None = None, /, *, options: RequestOptions | None = None,
        deadline: float | None = None, **fields: Any,
    ) -> Task[TrainingStatus]:
        """`POST /v3/training/subject` (§7.6.2): `name`, `base_model`, `width`, `height`,
        `image_dataset_items`, `expert_setting` (with `instance_prompt`, `class_prompt`), `components`."""
        return await self._create("/v3/training/subject", "training-subject", SubjectTrainingRequest,
                                  request, fields, options, deadline)

    async def create_style(
        self, request: StyleTrainingRequest | None = None, /, *, options: RequestOptions | None = None,
        deadline: float | None = None, **fields: Any,
    ) -> Task[TrainingStatus]:
        """`POST /v3/training/style` (§7.6.4): as `create_subject`, every item needs a `caption`."""
        return await self._create("/v3/training/style", "training-style", StyleTrainingRequest,
                                  request, fields, options, deadline)

    async def _create(
        self, path: str, kind: str, request_type: type[Req], request: Req | None, fields: dict[str, Any],
        options: RequestOptions | None, deadline: float | None,
    ) -> Task[TrainingStatus]:
        built = await self._build(request_type, request, fields, path)
        answer = await self._client._request(
            "POST", path, SubmittedTaskId, body=encode(built), submit=True, endpoint=path, options=options
        )
        task: Task[TrainingStatus] = self._task_from(answer.resolved_task_id, kind, path, deadline)
        return task

    async def get_subject(self, task_id: str, *, options: RequestOptions | None = None) -> TrainingStatus:
        """`GET /v3/training/subject?task_id=` (§7.6.3) once."""
        return await self._get("/v3/training/subject", TrainingStatus, params={"task_id": task_id}, options=options)

    async def get_style(self, task_id: str, *, options: RequestOptions | None = None) -> TrainingStatus:
        """`GET /v3/training/style?task_id=` (§7.6.5) once."""
        return await self._get("/v3/training/style", TrainingStatus, params={"task_id": task_id}, options=options)

    async def list_page(self, *, options: RequestOptions | None = None, **query: Any) -> TrainingListResponse:
        """One page of `GET /v3/training` (§7.6.6): `pagination.limit`, `pagination.cursor`, `task_type`
        (aliases `limit`, `cursor`)."""
        params = build_query(TrainingListQuery, query, "/v3/training")
        return await self._get("/v3/training", TrainingListResponse, params=params, options=options)

    async def list(self, *, options: RequestOptions | None = None, **query: Any) -> AsyncIterator[TrainingTaskSummary]:
        """Every training task (newest first), fetching pages as needed (§7.6.6)."""
        params = build_query(TrainingListQuery, query, "/v3/training")

        async def fetch(page_query: dict[str, Any]) -> TrainingListResponse:
            return await self._get("/v3/training", TrainingListResponse, params=page_query, options=options)

        async for task in paginate(fetch, params, lambda p: p.tasks, lambda p: p.pagination.next_cursor):
            yield task
