"""LoRA training: dataset upload URLs, subject/style training, status and listing (novita-api.md §7.6).

Submits answer `AsyncSubmitResponse`; training tasks are polled with `GET /v3/training/{subject|style}`,
which answers `TrainingStatus`.
"""

from __future__ import annotations

import enum
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from ._base import RequestStruct, ResponseStruct, enum_or_none
from .models import Pagination

__all__ = (
    "ComponentArg",
    "ExpertSetting",
    "StyleTrainingRequest",
    "SubjectTrainingRequest",
    "TrainedModel",
    "TrainedModelStatus",
    "TrainingComponent",
    "TrainingDatasetUpload",
    "TrainingDatasetUploadRequest",
    "TrainingImageItem",
    "TrainingListQuery",
    "TrainingListResponse",
    "TrainingStatus",
    "TrainingStatusExtra",
    "TrainingTaskStatus",
    "TrainingTaskSummary",
    "UploadHeader",
)


class TrainingTaskStatus(str, enum.Enum):
    """`task_status` of a training task."""

    UNKNOWN = "UNKNOWN"
    """Unknown."""

    QUEUING = "QUEUING"
    """Waiting."""

    TRAINING = "TRAINING"
    """Running."""

    SUCCESS = "SUCCESS"
    """Finished (terminal); the model is usable once it is `SERVING`."""

    CANCELED = "CANCELED"
    """Canceled (terminal)."""

    FAILED = "FAILED"
    """Failed (terminal)."""

    @property
    def is_terminal(self) -> bool:
        """Whether training has ended."""
        return self in (TrainingTaskStatus.SUCCESS, TrainingTaskStatus.CANCELED, TrainingTaskStatus.FAILED)


class TrainedModelStatus(str, enum.Enum):
    """`model_status` of a trained model."""

    DEPLOYING = "DEPLOYING"
    """Not usable yet."""

    SERVING = "SERVING"
    """Usable in `loras[].model_name`."""


# ------------------------------------------------------------------------------------------------------------
# Dataset upload


class TrainingDatasetUploadRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/assets/training_dataset`: ask for a pre-signed upload URL."""

    file_extension: Literal["png", "jpeg", "webp"]
    """Format of the image that will be uploaded."""


class UploadHeader(ResponseStruct, kw_only=True):
    """One header to send with the upload PUT."""

    values: list[str] = msgspec.field(default_factory=list)
    """Header values."""


class TrainingDatasetUpload(ResponseStruct, kw_only=True):
    """Response of `POST /v3/assets/training_dataset`; PUT the bytes to `upload_url` (expires in ~2 min)."""

    # Hex string in one example, integer in another and in the schema (§7.6.1); send back what was received.
    assets_id: str | int = ""
    """Id to reference the image in `image_dataset_items`."""

    upload_url: str = ""
    """Pre-signed S3 PUT URL."""

    method: str = ""
    """HTTP method for the upload (`PUT`)."""

    headers: dict[str, UploadHeader] = msgspec.field(default_factory=dict)
    """Headers to send with the upload."""


# ------------------------------------------------------------------------------------------------------------
# Create training


class TrainingImageItem(RequestStruct, kw_only=True):
    """One training image."""

    assets_id: str | int
    """`assets_id` from `POST /v3/assets/training_dataset`, exactly as received."""

    caption: Annotated[str, Meta(min_length=1, max_length=1024)] | UnsetType = UNSET
    """Caption, 1-1024 characters; required for style training."""


class ComponentArg(RequestStruct, kw_only=True):
    """One argument of a preprocessing component."""

    name: str
    """Argument name, e.g. `ratio`, `width`, `method`."""

    value: str
    """Argument value, as a string (e.g. `"1.4"`)."""


class TrainingComponent(RequestStruct, kw_only=True):
    """A preprocessing step applied to the dataset."""

    name: Literal["face_crop_region", "resize", "face_restore"]
    """Step: `face_crop_region` (arg `ratio`), `resize` (`width`, `height`), `face_restore`."""

    args: list[ComponentArg]
    """Arguments."""


class ExpertSetting(RequestStruct, kw_only=True):
    """Advanced training hyper-parameters."""

    instance_prompt: str | UnsetType = UNSET
    """Subject prompt, e.g. `a close photo of ohwx man`; required for subject training."""

    class_prompt: Literal["person"] | UnsetType = UNSET
    """Subject class; required for subject training."""

    train_batch_size: Annotated[int, Meta(ge=1, le=4)] | UnsetType = UNSET
    """Batch size, [1, 4]."""

    learning_rate: Literal["1e-4", "1e-5", "1e-6", "2e-4", "5e-5"] | UnsetType = UNSET
    """Learning rate (a string)."""

    max_train_steps: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Total steps (500 is usually enough)."""

    seed: Annotated[int, Meta(ge=1)] | UnsetType = UNSET
    """Seed, ≥1."""

    lr_scheduler: (
        Literal["constant", "linear", "cosine", "cosine_with_restarts", "polynomial", "constant_with_warmup"]
        | UnsetType
    ) = UNSET
    """Learning-rate schedule."""

    lr_warmup_steps: Annotated[int, Meta(ge=0)] | UnsetType = UNSET
    """Warm-up steps."""

    with_prior_preservation: bool | UnsetType = UNSET
    """Use prior preservation."""

    prior_loss_weight: Annotated[float, Meta(gt=0)] | UnsetType = UNSET
    """Prior loss weight, >0."""

    train_text_encoder: bool | UnsetType = UNSET
    """Also train the text encoder."""

    lora_r: Annotated[int, Meta(ge=4, le=128)] | UnsetType = UNSET
    """LoRA rank, [4, 128]."""

    lora_alpha: Annotated[int, Meta(ge=4, le=128)] | UnsetType = UNSET
    """LoRA alpha, [4, 128]."""

    lora_text_encoder_r: Annotated[int, Meta(ge=4, le=128)] | UnsetType = UNSET
    """Text-encoder LoRA rank, [4, 128]."""

    lora_text_encoder_alpha: Annotated[int, Meta(ge=4, le=128)] | UnsetType = UNSET
    """Text-encoder LoRA alpha, [4, 128]."""


class _TrainingRequest(RequestStruct, kw_only=True):
    """Fields shared by subject and style training."""

    name: str
    """Task / model name."""

    base_model: str
    """Base model, e.g. `v1-5-pruned-emaonly`, `stable-diffusion-xl-base-1.0` (list varies over time)."""

    width: Annotated[int, Meta(ge=1)]
    """Training width."""

    height: Annotated[int, Meta(ge=1)]
    """Training height."""

    image_dataset_items: Annotated[list[TrainingImageItem], Meta(min_length=1, max_length=50)]
    """Training images (up to 50)."""

    expert_setting: ExpertSetting | UnsetType = UNSET
    """Hyper-parameters."""

    # The docs mark it required, but the official SDK omits it unless the caller passes it.
    components: list[TrainingComponent] | UnsetType = UNSET
    """Preprocessing steps."""


class SubjectTrainingRequest(_TrainingRequest, kw_only=True):
    """Body of `POST /v3/training/subject`; `expert_setting.instance_prompt` and `class_prompt` required."""

    def __post_init__(self) -> None:
        setting = self.expert_setting
        if isinstance(setting, UnsetType) or isinstance(setting.instance_prompt, UnsetType):
            raise ValueError("`expert_setting.instance_prompt` is required for subject training")
        if isinstance(setting.class_prompt, UnsetType):
            raise ValueError("`expert_setting.class_prompt` is required for subject training")


class StyleTrainingRequest(_TrainingRequest, kw_only=True):
    """Body of `POST /v3/training/style`; every `image_dataset_items[].caption` is required."""

    def __post_init__(self) -> None:
        for i, item in enumerate(self.image_dataset_items):
            if isinstance(item.caption, UnsetType):
                raise ValueError(f"`image_dataset_items[{i}].caption` is required for style training")


# ------------------------------------------------------------------------------------------------------------
# Status and listing


class TrainedModel(ResponseStruct, kw_only=True):
    """A model produced by a training task."""

    model_name: str = ""
    """Name to pass in `loras[].model_name`, e.g. `model_<unix>_<hex>.safetensors`."""

    model_status: str = ""
    """`DEPLOYING` or `SERVING`."""

    @property
    def is_serving(self) -> bool:
        """Whether the model can be used."""
        return self.model_status == TrainedModelStatus.SERVING.value


class TrainingStatusExtra(ResponseStruct, kw_only=True):
    """`extra` of a training status (2025 docs)."""

    eta_relative: float = 0
    """Estimated seconds remaining."""

    progress_percent: float = 0
    """Progress 0-100."""


class _TrainingStatusMixin:
    """Status helpers shared by `TrainingStatus` and `TrainingTaskSummary`."""

    __slots__ = ()

    task_status: str
    """Raw status string."""

    @property
    def status_enum(self) -> TrainingTaskStatus | None:
        """`task_status` as a `TrainingTaskStatus`, or `None` for an unknown value."""
        return enum_or_none(TrainingTaskStatus, self.task_status)

    @property
    def is_terminal(self) -> bool:
        """Whether training has ended (unknown statuses are not terminal)."""
        status = self.status_enum
        return status is not None and status.is_terminal


class TrainingStatus(_TrainingStatusMixin, ResponseStruct, kw_only=True):
    """Response of `GET /v3/training/subject|style?task_id=...`."""

    task_id: str = ""
    """The task id."""

    task_status: str = ""
    """Raw status; see `status_enum`."""

    model_type: str = ""
    """`lora` (may be empty)."""

    models: list[TrainedModel] = msgspec.field(default_factory=list)
    """Produced models."""

    extra: TrainingStatusExtra | None = None
    """Progress details (2025 docs)."""


class TrainingTaskSummary(_TrainingStatusMixin, ResponseStruct, kw_only=True):
    """One task of `GET /v3/training`."""

    task_name: str = ""
    """Task name."""

    task_id: str = ""
    """Task id."""

    task_type: str = ""
    """`subject` or `style`."""

    task_status: str = ""
    """Raw status; see `status_enum`."""

    created_at: int = 0
    """Creation time, unix seconds."""

    models: list[TrainedModel] = msgspec.field(default_factory=list)
    """Produced models (empty for failed tasks)."""


class TrainingListResponse(ResponseStruct, kw_only=True):
    """Response of `GET /v3/training`."""

    tasks: list[TrainingTaskSummary] = msgspec.field(default_factory=list)
    """This page of tasks."""

    pagination: Pagination = msgspec.field(default_factory=Pagination)
    """Cursor of the next page."""


class TrainingListQuery(RequestStruct, kw_only=True):
    """Query parameters of `GET /v3/training`; `to_dict()` gives the dotted wire names."""

    limit: Annotated[int, Meta(gt=0, le=100)] | UnsetType = msgspec.field(default=UNSET, name="pagination.limit")
    """Page size, (0, 100]."""

    cursor: str | UnsetType = msgspec.field(default=UNSET, name="pagination.cursor")
    """`next_cursor` of the previous page; `c_0` for the first."""

    task_type: Literal["subject", "style"] | UnsetType = UNSET
    """Filter by task type (sent by the Python SDK; server support undocumented)."""
