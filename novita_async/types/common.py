"""Pieces shared by many endpoints: the v3 `extra` object, LoRA/embedding references, envelopes.

Reference: novita-api.md §2 (envelopes), §4 (the common v3 `extra` object), §8 (enumerations).

Required-ness rule used throughout `novita_async.types`: a field the reference marks "req" has no default,
unless an official SDK is shown omitting it or sending `null` (§1.5) — then the server evidently accepts its
absence and the field is optional (`UNSET`, left out of the JSON).
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

import msgspec
from msgspec import UNSET, Meta, UnsetType

from ._base import INT64_MAX, MAX_MODEL_NAME_LENGTH, RequestStruct, ResponseStruct
from .audio_responses import MiniMaxBaseResp

__all__ = (
    "AsyncSubmitResponse",
    "AwsS3Storage",
    "CustomStorage",
    "Embedding",
    "EnterprisePlan",
    "ImageFileResponse",
    "LoRA",
    "NSFWDetectionLevel",
    "ResponseImageType",
    "ResponseVideoType",
    "V2Response",
    "V2SubmitData",
    "V3ErrorResponse",
    "V3Extra",
    "V3Sampler",
    "V3WrappedBody",
    "Webhook",
    "WebhookTestMode",
)

ResponseImageType = Literal["png", "jpeg", "webp"]
"""Output image format of v3 endpoints (§8.4); `png` is the server default."""

ResponseVideoType = Literal["mp4", "gif"]
"""Output video format of v3 video endpoints (§8.4); `mp4` is the server default."""

NSFWDetectionLevel = Literal[0, 1, 2]
"""NSFW strictness: 0 explicit nudity/sex/hate symbols; 1 adds non-explicit nudity; 2 adds swimwear (§4)."""

V3Sampler = Literal[
    "Euler a",
    "Euler",
    "LMS",
    "Heun",
    "DPM2",
    "DPM2 a",
    "DPM++ 2S a",
    "DPM++ 2M",
    "DPM++ SDE",
    "DPM fast",
    "DPM adaptive",
    "LMS Karras",
    "DPM2 Karras",
    "DPM2 a Karras",
    "DPM++ 2S a Karras",
    "DPM++ 2M Karras",
    "DPM++ SDE Karras",
    "DDIM",
    "PLMS",
    "UniPC",
    # In no doc list, but the official Python SDK's ADetailer default; the server accepts it (§8.1).
    "DPM++ Karras",
]
"""Sampler names accepted by the v3 endpoints (§8.1)."""

PromptText = Annotated[str, Meta(min_length=1, max_length=1024, description="Prompt, 1-1024 characters.")]
"""A prompt of 1-1024 characters (the documented v3 limit)."""

# §1.5: the official SDK sends `negative_prompt: ""` and the server accepts it; only the upper bound is kept.
NegativePromptText = Annotated[str, Meta(max_length=1024, description="Negative prompt, up to 1024 characters.")]
"""A negative prompt of up to 1024 characters (empty accepted, §1.5)."""

# §1.5: the official SDK sends `clip_skip: 0` and the server accepts it, so 0 is allowed here.
ClipSkip = Annotated[int, Meta(ge=0, le=12, description="CLIP layers to skip, documented [1,12].")]
"""CLIP skip; documented [1,12], 0 accepted per §1.5."""

Seed = Annotated[int, Meta(ge=-1, le=INT64_MAX, description="Random seed; -1 means random.")]
"""A seed, `-1` for random; at most a signed 64-bit integer (reference 2026 §1: "use int (64-bit)")."""

ModelName = Annotated[str, Meta(min_length=1, max_length=MAX_MODEL_NAME_LENGTH, description="A model's name.")]
"""A checkpoint, LoRA, embedding or ControlNet name: never empty, never longer than any real one."""

UnitFloat = Annotated[float, Meta(ge=0, le=1)]
"""A number in [0, 1]."""

T = TypeVar("T")
RequestT = TypeVar("RequestT", bound=RequestStruct)


# ----------------------------------------------------------------------------------------------------
# The v3 `extra` object (§4)


class WebhookTestMode(RequestStruct, kw_only=True):
    """Webhook test mode: the server sends a simulated event instead of running the task (§3.3)."""

    enabled: bool
    """Whether to send a simulated event."""

    return_task_status: Literal["TASK_STATUS_SUCCEED", "TASK_STATUS_FAILED"] | UnsetType = UNSET
    """The task status the simulated event reports."""


class Webhook(RequestStruct, kw_only=True):
    """Where to deliver `{"event_type": "ASYNC_TASK_RESULT", "payload": <task result>}` (§3.3)."""

    url: str
    """The URL Novita POSTs the event to; it must answer 2xx within 5 s."""

    test_mode: WebhookTestMode | UnsetType = UNSET
    """Optional test mode (no real generation)."""


class AwsS3Storage(RequestStruct, kw_only=True):
    """The customer's own S3 bucket that outputs are written to (§4)."""

    region: str
    """AWS region of the bucket."""

    bucket: str
    """Bucket name; its policy must grant Novita's canonical user `s3:PutObject` and `s3:PutObjectAcl`."""

    path: str
    """Key prefix outputs are written under."""

    save_to_path_directly: bool | UnsetType = UNSET
    """Write directly under `path`; when false (default) Novita adds one directory level."""


class CustomStorage(RequestStruct, kw_only=True):
    """Custom output storage (§4)."""

    aws_s3: AwsS3Storage
    """The S3 bucket to write outputs to."""


class EnterprisePlan(RequestStruct, kw_only=True):
    """Routing to the customer's dedicated endpoints (§4)."""

    enabled: bool | UnsetType = UNSET
    """Use the dedicated (enterprise) endpoints; server default false."""


class V3Extra(RequestStruct, kw_only=True):
    """The common v3 `extra` object (§4): top level of flat bodies, sibling of `request` in wrapped ones."""

    response_image_type: ResponseImageType | UnsetType = UNSET
    """Output image format: `png` (default), `jpeg` or `webp`."""

    response_video_type: ResponseVideoType | UnsetType = UNSET
    """Output video format for video endpoints: `mp4` (default) or `gif`."""

    enable_nsfw_detection: bool | UnsetType = UNSET
    """Run NSFW detection on outputs (billed extra); default false."""

    nsfw_detection_level: NSFWDetectionLevel | UnsetType = UNSET
    """NSFW strictness 0, 1 or 2 (stricter as it grows); default 0."""

    webhook: Webhook | UnsetType = UNSET
    """Deliver the task result to a webhook (async endpoints only)."""

    custom_storage: CustomStorage | UnsetType = UNSET
    """Write outputs to the customer's S3 bucket."""

    enterprise_plan: EnterprisePlan | UnsetType = UNSET
    """Route to dedicated endpoints."""


class V3WrappedBody(RequestStruct, Generic[RequestT], kw_only=True):
    """Body of the wrapped v3 endpoints: `{"extra": {...}, "request": {...}}` (§4).

    Used by `/v3/async/{txt2img,img2img,inpainting,upscale,adetailer}`. `__image_fields__` paths of the
    inner request are relative to `request`.
    """

    request: RequestT
    """The endpoint's parameters."""

    extra: V3Extra | UnsetType = UNSET
    """The common v3 options."""


# ----------------------------------------------------------------------------------------------------
# Model references


class LoRA(RequestStruct, kw_only=True):
    """A LoRA applied to a generation."""

    model_name: ModelName
    """The LoRA's `sd_name_in_api` (or a trained model's `model_name`)."""

    # Wire name is `strength`; the official Python SDK's `strenth` is a typo (§7.3.2, §10).
    strength: UnitFloat | UnsetType = UNSET
    """LoRA weight in [0, 1]; server default 1."""


class Embedding(RequestStruct, kw_only=True):
    """A textual-inversion embedding applied to a generation."""

    model_name: ModelName
    """The embedding's `sd_name_in_api`, e.g. `badhandv4_16755.pt`."""


LoRAList = Annotated[list[LoRA], Meta(max_length=5, description="Up to 5 LoRAs.")]
"""At most five LoRAs."""

EmbeddingList = Annotated[list[Embedding], Meta(max_length=5, description="Up to 5 embeddings.")]
"""At most five embeddings."""


# ----------------------------------------------------------------------------------------------------
# Responses and envelopes


class V2Response(ResponseStruct, Generic[T], kw_only=True):
    """The v2 envelope `{"code": 0, "msg": "", "data": {...}}`; `code != 0` is a failure (§2.1)."""

    code: int = 0
    """0 on success; see the v2 code table (§2.1)."""

    msg: str = ""
    """Human-readable error message."""

    data: T | None = None
    """The payload; absent or null on failure."""


class V2SubmitData(ResponseStruct, kw_only=True):
    """`data` of a v2 submit (`/v2/txt2img`, `/v2/img2img`, `/v2/upscale`, `/v2/adetailer`)."""

    task_id: str = ""
    """The task id to poll `/v2/progress` with."""

    warn: str = ""
    """Optional warning."""


class _TaskIdData(ResponseStruct, kw_only=True):
    """`data` of a v3 submit response wrongly shown in the v2 envelope by some doc examples (§2.2)."""

    task_id: str = ""
    """The task id."""


class AsyncSubmitResponse(ResponseStruct, kw_only=True):
    """Response of a v3 async submit (and of training submits): `{"task_id": "..."}` (§2.2).

    Some doc examples show the v2 envelope `{"code":0,"msg":"","data":{"task_id":...}}` instead; use
    `resolved_task_id`, which accepts both.
    """

    task_id: str = ""
    """The task id to poll `/v3/async/task-result` with."""

    data: _TaskIdData | None = None
    """Fallback: `data.task_id` of the v2-style envelope some doc examples show."""

    base_resp: MiniMaxBaseResp | None = None
    """In-band status of MiniMax-proxied submits (2.8 async speech also answers `file_id`, `task_token`,
    `usage_characters`; Part 2 §17.2): `status_code != 0` is an error (§14.3)."""

    @property
    def resolved_task_id(self) -> str:
        """The task id, from the top level or else from `data.task_id` (`""` if neither)."""
        if self.task_id:
            return self.task_id
        return self.data.task_id if self.data is not None else ""


class ImageFileResponse(ResponseStruct, kw_only=True):
    """A base64 image returned inline: the synchronous case endpoints (§2.3) and LCM txt2img items."""

    image_file: str = ""
    """Base64-encoded image."""

    image_type: str = ""
    """Image format: `png`, `jpeg` or `webp`."""


class V3ErrorResponse(ResponseStruct, kw_only=True):
    """The v3 error body sent with a non-2xx status (§2.4)."""

    code: int = 0
    """Mirrors the HTTP status."""

    reason: str = ""
    """Machine-readable reason, e.g. `INVALID_REQUEST_BODY`, `BILLING_BALANCE_NOT_ENOUGH`."""

    message: str = ""
    """Human-readable message."""

    metadata: dict[str, Any] = msgspec.field(default_factory=dict)
    """Optional string map with details."""
