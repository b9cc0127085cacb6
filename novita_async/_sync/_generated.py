"""The synchronous API areas and constructor, GENERATED from the async client by `_generate.py`.

Do not edit: run `python -m novita_async._sync._generate` after changing an async resource.
"""
# mypy: disable-error-code="no-any-return"
# ruff: noqa: E501, I001

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._portal import SyncResource, SyncRuntime

from novita_async import _constants as C
from novita_async._client import DEFAULT, NovitaClient
from novita_async._security import APIKey
from novita_async._webhooks._namespace import Webhooks
from novita_async.resources.account import Account
from novita_async.resources.assets import Assets
from novita_async.resources.audio import Audio
from novita_async.resources.audio_streams import DEFAULT_MAX_EVENT_BYTES
from novita_async.resources.images import Images
from novita_async.resources.models import Models
from novita_async.resources.tasks import Tasks
from novita_async.resources.tools import Tools
from novita_async.resources.training import Training
from novita_async.resources.v2 import V2
from novita_async.resources.video import Video
from typing import overload

if TYPE_CHECKING:
    import builtins
    from ._stream import SyncSpeechStream
    from ._task import SyncTask
    from collections.abc import Iterator, Mapping, Sequence
    from contextlib import AbstractContextManager
    from novita_async._client import RequestOptions, _Default
    from novita_async._files import MediaInput
    from novita_async._limits import RateLimit
    from novita_async._polling import PollPolicy
    from novita_async._transport import Timeout, Transport
    from novita_async._webhooks._policy import TestStatus, WebhookPolicy
    from novita_async._webhooks._receiver import UnknownEventHandler, WebhookReceiver
    from novita_async.resources._audio_results import AudioContent, SpeechAudio
    from novita_async.types import audio_speech as S, audio_tools as G
    from novita_async.types._part2 import TaskExtra
    from novita_async.types.account import BalanceDetail, S3Config, S3ConfigInfo, UserInfo
    from novita_async.types.common import ImageFileResponse, V3Extra
    from novita_async.types.edit import CleanupRequest, CreateTileRequest, DoodleRequest, Img2MaskRequest, Img2MaskResponse, Img2PromptRequest, Img2PromptResponse, MakePhotoRequest, MergeFaceRequest, MixPoseRequest, OutpaintingRequest, ReimagineRequest, RelightRequest, RemoveBackgroundRequest, RemoveTextRequest, RemoveWatermarkRequest, ReplaceBackgroundRequest, ReplaceObjectRequest, ReplaceSkyRequest, RestoreFaceRequest
    from novita_async.types.faces import InstantIDRequest, InstantStyleRequest
    from novita_async.types.flux import Flux1KontextDevRequest, Flux1KontextProRequest, Flux1SchnellRequest, Flux1SchnellResponse, Flux2DevRequest, Flux2Request
    from novita_async.types.image_models import GlmImageRequest, HunyuanImage3Request, QwenImageEditRequest, QwenImageRequest, ZImageTurboLoraRequest, ZImageTurboRequest
    from novita_async.types.image_tools import ImageEraserRequest, ImageRemoveBackgroundRequest, ImageUpscalerRequest, VideoMergeFaceRequest
    from novita_async.types.images_v2 import V2ADetailerRequest, V2Img2ImgRequest, V2Txt2ImgRequest, V2UpscaleRequest
    from novita_async.types.images_v3 import ADetailerRequest, Img2ImgRequest, InpaintingRequest, Txt2ImgRequest, UpscaleRequest
    from novita_async.types.lcm import LCMImg2ImgRequest, LCMImg2ImgResponse, LCMTxt2ImgRequest, LCMTxt2ImgResponse
    from novita_async.types.models import Model, ModelListResponse, V2ModelInfo
    from novita_async.types.progress_v2 import ProgressData
    from novita_async.types.seedream import Seedream3Request, Seedream3Response, Seedream45Request, Seedream4Request, Seedream50LiteRequest, SeedreamResponse
    from novita_async.types.tasks import TaskResult
    from novita_async.types.training import StyleTrainingRequest, SubjectTrainingRequest, TrainingListResponse, TrainingStatus, TrainingTaskSummary
    from novita_async.types.video import AnimateAnyoneRequest, Img2VideoMotionRequest, Img2VideoRequest, Txt2VideoRequest
    from novita_async.types.video_kling import Kling25TurboI2VRequest, Kling25TurboT2VRequest, KlingO1I2VRequest, KlingO1T2VRequest, KlingV16I2VRequest, KlingV16T2VRequest, KlingV21I2VMasterRequest, KlingV21I2VRequest, KlingV21T2VMasterRequest, KlingV26ProI2VRequest, KlingV26ProT2VRequest
    from novita_async.types.video_others import Hailuo02Request, MinimaxVideo01Request, ViduQ1Reference2VideoRequest, ViduQ1Text2VideoRequest, ViduQ2Reference2VideoRequest, ViduQ3ProI2VRequest, ViduQ3ProT2VRequest, ViduQ3TurboI2VRequest, ViduQ3TurboT2VRequest
    from novita_async.types.video_seedance import SeedanceV15ProI2VRequest, SeedanceV15ProT2VRequest, SeedanceV1ProI2VRequest, SeedanceV1ProT2VRequest
    from novita_async.types.video_wan import HunyuanVideoFastRequest, Wan22I2VRequest, Wan22T2VRequest, Wan26I2VRequest, WanI2VRequest, WanT2VRequest
    from typing import Any, Literal
    TaskKind = Literal['v3', 'v2', 'v2-enterprise', 'training-subject', 'training-style']
    Extra = V3Extra | dict[str, Any] | None
    TodayExtra = TaskExtra | dict[str, Any] | None

__all__ = ("SyncImages", "SyncTasks", "SyncModels", "SyncAccount", "SyncTools", "SyncTraining", "SyncVideo", "SyncAudio", "SyncV2", "SyncWebhooks", "SyncAssets", "GeneratedClient",)


class SyncImages(SyncResource[Images]):
    """Synchronous `client.images`: Text-to-image, image-to-image, inpainting, upscaling, ADetailer and LCM (the 2024 surface), and today's"""

    def txt2img(self, request: Txt2ImgRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/txt2img`. Keywords are the fields of `Txt2ImgRequest` (reference §7.3.4)."""
        return self._call(self._async.txt2img, request, extra=extra, options=options, deadline=deadline, **fields)

    def img2img(self, request: Img2ImgRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/img2img` (§7.3.5). `image_base64` accepts a path, bytes or base64."""
        return self._call(self._async.img2img, request, extra=extra, options=options, deadline=deadline, **fields)

    def inpainting(self, request: InpaintingRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/inpainting` (§7.3.7)."""
        return self._call(self._async.inpainting, request, extra=extra, options=options, deadline=deadline, **fields)

    def upscale(self, request: UpscaleRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/upscale` (§7.3.8).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.upscale, request, extra=extra, options=options, deadline=deadline, **fields)

    def adetailer(self, request: ADetailerRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/adetailer` (§7.3.6): the v3 successor of `/v2/adetailer`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.adetailer, request, extra=extra, options=options, deadline=deadline, **fields)

    def lcm_txt2img(self, request: LCMTxt2ImgRequest | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> LCMTxt2ImgResponse:
        """`POST /v3/lcm-txt2img` (§7.3.1), synchronous: base64 images in the answer.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.lcm_txt2img, request, options=options, **fields)

    def lcm_img2img(self, request: LCMImg2ImgRequest | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> LCMImg2ImgResponse:
        """`POST /v3/lcm-img2img` (§7.3.2), synchronous: image URLs in the answer.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.lcm_img2img, request, options=options, **fields)

    def flux_1_schnell(self, request: Flux1SchnellRequest | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> Flux1SchnellResponse:
        """`POST /v3beta/flux-1-schnell` (Part 2 §15.1).

        FLUX.1 [schnell], synchronous: image URLs in the answer (`image_url_ttl` seconds).
        """
        return self._call(self._async.flux_1_schnell, request, options=options, **fields)

    def flux_1_kontext_dev(self, request: Flux1KontextDevRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/flux-1-kontext-dev` (Part 2 §15.2).

        FLUX.1 Kontext dev: generate or edit (`images`, up to 4).
        """
        return self._call(self._async.flux_1_kontext_dev, request, extra=extra, options=options, deadline=deadline, **fields)

    def flux_1_kontext_pro(self, request: Flux1KontextProRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/flux-1-kontext-pro` (Part 2 §15.3).

        FLUX.1 Kontext pro (`aspect_ratio`, string `safety_tolerance`).
        """
        return self._call(self._async.flux_1_kontext_pro, request, extra=extra, options=options, deadline=deadline, **fields)

    def flux_1_kontext_max(self, request: Flux1KontextProRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/flux-1-kontext-max` (Part 2 §15.3).

        FLUX.1 Kontext max (same fields as pro).
        """
        return self._call(self._async.flux_1_kontext_max, request, extra=extra, options=options, deadline=deadline, **fields)

    def flux_2_dev(self, request: Flux2DevRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/flux-2-dev` (Part 2 §15.4).

        FLUX.2 dev: `size` as `"W*H"`, up to 3 image URLs, up to 3 `loras`.
        """
        return self._call(self._async.flux_2_dev, request, extra=extra, options=options, deadline=deadline, **fields)

    def flux_2_flex(self, request: Flux2Request | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/flux-2-flex` (Part 2 §15.4).

        FLUX.2 flex.
        """
        return self._call(self._async.flux_2_flex, request, extra=extra, options=options, deadline=deadline, **fields)

    def flux_2_pro(self, request: Flux2Request | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/flux-2-pro` (Part 2 §15.4).

        FLUX.2 pro.
        """
        return self._call(self._async.flux_2_pro, request, extra=extra, options=options, deadline=deadline, **fields)

    def seedream_3_0(self, request: Seedream3Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> Seedream3Response:
        """`POST /v3/seedream-3-0-txt2img` (Part 2 §15.5).

        Seedream 3.0, synchronous: `image_urls` or `binary_data_base64` (`response_format`).
        """
        return self._call(self._async.seedream_3_0, request, options=options, **fields)

    def seedream_4_0(self, request: Seedream4Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SeedreamResponse:
        """`POST /v3/seedream-4.0` (Part 2 §15.6).

        Seedream 4.0, synchronous: image URLs in `images`; inputs become data URIs.
        """
        return self._call(self._async.seedream_4_0, request, options=options, **fields)

    def seedream_4_5(self, request: Seedream45Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SeedreamResponse:
        """`POST /v3/seedream-4.5` (Part 2 §15.7).

        Seedream 4.5, synchronous (input field `image`, singular).
        """
        return self._call(self._async.seedream_4_5, request, options=options, **fields)

    def seedream_5_0_lite(self, request: Seedream50LiteRequest | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SeedreamResponse:
        """`POST /v3/seedream-5.0-lite` (Part 2 §15.7).

        Seedream 5.0-lite, synchronous.
        """
        return self._call(self._async.seedream_5_0_lite, request, options=options, **fields)

    def qwen_image_txt2img(self, request: QwenImageRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/qwen-image-txt2img` (Part 2 §15.8).

        Qwen-Image text to image.
        """
        return self._call(self._async.qwen_image_txt2img, request, extra=extra, options=options, deadline=deadline, **fields)

    def qwen_image_edit(self, request: QwenImageEditRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/qwen-image-edit` (Part 2 §15.9).

        Qwen-Image edit (`image`: URL, path or bytes).
        """
        return self._call(self._async.qwen_image_edit, request, extra=extra, options=options, deadline=deadline, **fields)

    def hunyuan_image_3(self, request: HunyuanImage3Request | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/hunyuan-image-3` (Part 2 §15.10).

        Hunyuan Image 3.
        """
        return self._call(self._async.hunyuan_image_3, request, extra=extra, options=options, deadline=deadline, **fields)

    def glm_image(self, request: GlmImageRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/glm-image` (Part 2 §15.11).

        GLM Image (`size` as `"WxH"`).
        """
        return self._call(self._async.glm_image, request, extra=extra, options=options, deadline=deadline, **fields)

    def z_image_turbo(self, request: ZImageTurboRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/z-image-turbo` (Part 2 §15.12).

        Z-Image Turbo.
        """
        return self._call(self._async.z_image_turbo, request, extra=extra, options=options, deadline=deadline, **fields)

    def z_image_turbo_lora(self, request: ZImageTurboLoraRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/z-image-turbo-lora` (Part 2 §15.12).

        Z-Image Turbo with up to 3 LoRAs.
        """
        return self._call(self._async.z_image_turbo_lora, request, extra=extra, options=options, deadline=deadline, **fields)

    def image_remove_background(self, request: ImageRemoveBackgroundRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/image-remove-background` (Part 2 §15.13).

        Remove the background of an image given by URL (the Part 1 base64 tool is `client.tools.remove_background`).
        """
        return self._call(self._async.image_remove_background, request, extra=extra, options=options, deadline=deadline, **fields)

    def image_upscaler(self, request: ImageUpscalerRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/image-upscaler` (Part 2 §15.14).

        Upscale an image given by URL to `2k`, `4k` or `8k`.
        """
        return self._call(self._async.image_upscaler, request, extra=extra, options=options, deadline=deadline, **fields)

    def image_eraser(self, request: ImageEraserRequest | None=None, /, *, extra: V3Extra | dict[str, Any] | None=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/image-eraser` (Part 2 §15.15).

        Erase what `mask` or `prompt` names.
        """
        return self._call(self._async.image_eraser, request, extra=extra, options=options, deadline=deadline, **fields)


class SyncTasks(SyncResource[Tasks]):
    """Synchronous `client.tasks`: Task results and handles; `submit` for async endpoints this client has no typed method for."""

    def submit(self, path: str, body: Any, *, options: RequestOptions | None=None, deadline: float | None=None) -> SyncTask[TaskResult]:
        """Submit `body` to any async endpoint (`/v3/async/<model released tomorrow>`) and track the task.

        The escape hatch: the body is sent as given (a dict or a Struct; no client-side validation), through
        the same paid-submit path as the typed methods: the rate controller, retries only when the request
        provably never left (or 429/503), `SubmitOutcomeUnknownError` when its outcome is ambiguous, the
        task id logged the moment it exists, the shared poller and `deadline`. The answer must carry a
        `task_id`; the result is a `TaskResult` with `images`, `videos` or `audios`.
        """
        return self._call(self._async.submit, path, body, options=options, deadline=deadline)

    def get(self, task_id: str, *, options: RequestOptions | None=None) -> TaskResult:
        """`GET /v3/async/task-result` once (§3.2), with the client's retry policy for reads."""
        return self._call(self._async.get, task_id, options=options)

    def progress(self, task_id: str, *, enterprise: bool=False, options: RequestOptions | None=None) -> ProgressData:
        """`GET /v2/progress` (or `/v2/enterprise/progress`) once (§3.1)."""
        return self._call(self._async.progress, task_id, enterprise=enterprise, options=options)

    @overload
    def attach(self, task_id: str, kind: Literal['v3']='v3', *, deadline: float | None=None) -> SyncTask[TaskResult]: ...

    @overload
    def attach(self, task_id: str, kind: TaskKind, *, deadline: float | None=None) -> SyncTask[Any]: ...

    def attach(self, task_id: str, kind: TaskKind='v3', *, deadline: float | None=None) -> SyncTask[Any]:
        """Resume tracking a task submitted elsewhere (another process, an earlier run, a lost handle).

        `kind` names its status endpoint: `v3` (default), `v2`, `v2-enterprise`, `training-subject`,
        `training-style`. `deadline` is in seconds from now (default: the client's `task_deadline`).
        """
        return self._call(self._async.attach, task_id, kind, deadline=deadline)


class SyncModels(SyncResource[Models]):
    """Synchronous `client.models`: Query models: v3 with filters and cursor pagination, v2 legacy list, Civitai lookups."""

    def list_page(self, *, options: RequestOptions | None=None, **query: Any) -> ModelListResponse:
        """One page of `GET /v3/model` (§7.5.4); pass the previous `pagination.next_cursor` as `cursor`."""
        return self._call(self._async.list_page, options=options, **query)

    def list(self, *, options: RequestOptions | None=None, **query: Any) -> Iterator[Model]:
        """Every model of `GET /v3/model` matching the filters, fetching pages as needed (§7.5.4).

        `async for model in client.models.list(visibility="public", types="lora", limit=50): ...`
        """
        return self._iterate(self._async.list, options=options, **query)

    def list_v2(self, type: str | None=None, *, options: RequestOptions | None=None) -> builtins.list[V2ModelInfo]:
        """`GET /v2/models` (§7.5.3): checkpoints and LoRAs by default; `type="vae"`, `"controlnet"`, ...

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.list_v2, type, options=options)

    def civitai(self, civitai_version_id: int | str, *, options: RequestOptions | None=None) -> V2ModelInfo:
        """`GET /v2/model/civitai_version_id/{civitai_version_id}` (§7.5.2): `enable == 1` means usable.

        An unknown version raises `NotFoundError` (v2 `code` 2).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.civitai, civitai_version_id, options=options)

    def sync_civitai(self, civitai_version_id: int, *, options: RequestOptions | None=None) -> dict[str, Any]:
        """PROVISIONAL `POST /v2/model/sync` `{"civitai_version_id"}`: ask Novita to import a Civitai version.

        The path and body are guesses (reference §7.5.1, open question 2): only the emulator serves them.
        Poll `civitai(civitai_version_id)` until `enable == 1` to know the model is usable.
        """
        return self._call(self._async.sync_civitai, civitai_version_id, options=options)


class SyncAccount(SyncResource[Account]):
    """Synchronous `client.account`: Balance and user info; provisional account-level S3 output configuration."""

    def balance(self, *, options: RequestOptions | None=None) -> BalanceDetail:
        """`GET /openapi/v1/billing/balance/detail` (Part 2 §14.4): available, cash, credit limit, owed.

        Today's balance endpoint (the docs no longer list `GET /v3/user`); amounts are numeric strings in
        0.0001 USD, with exact dollar `Decimal`s as `available_usd`, `cash_usd`, ...
        """
        return self._call(self._async.balance, options=options)

    def user(self, *, options: RequestOptions | None=None) -> UserInfo:
        """`GET /v3/user`: features, credit balance (unit 0.0001 USD) and free-trial quotas (§7.1.4).

        Legacy: absent from today's docs (Part 2 §14.4); prefer `client.account.balance()`.
        """
        return self._call(self._async.user, options=options)

    def set_s3_config(self, request: S3Config | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> S3ConfigInfo:
        """PROVISIONAL `POST /v3/user/s3-config` (§7.1.1): store `region`, `bucket`, `path`,
        `save_to_path_directly`. The path is a guess served only by the emulator."""
        return self._call(self._async.set_s3_config, request, options=options, **fields)

    def get_s3_config(self, *, options: RequestOptions | None=None) -> S3ConfigInfo:
        """PROVISIONAL `GET /v3/user/s3-config` (§7.1.2); `NotFoundError` when none is stored."""
        return self._call(self._async.get_s3_config, options=options)

    def delete_s3_config(self, *, options: RequestOptions | None=None) -> None:
        """PROVISIONAL `DELETE /v3/user/s3-config` (§7.1.3)."""
        return self._call(self._async.delete_s3_config, options=options)


class SyncTools(SyncResource[Tools]):
    """Synchronous `client.tools`: Image editors: cleanup, outpainting, background/text/watermark removal, faces, masks, prompts."""

    def cleanup(self, request: CleanupRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/cleanup` (§7.4.2): erase what `mask_file` marks from `image_file`."""
        return self._call(self._async.cleanup, request, extra=extra, options=options, **fields)

    def outpainting(self, request: OutpaintingRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/outpainting` (§7.4.3): extend `image_file` to `width`×`height` around `center_x/y`.

        `prompt` is optional here: the docs require it but the official SDKs never send it (§7.4.3 CONFLICT).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.outpainting, request, extra=extra, options=options, **fields)

    def remove_background(self, request: RemoveBackgroundRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/remove-background` (§7.4.4)."""
        return self._call(self._async.remove_background, request, extra=extra, options=options, **fields)

    def remove_text(self, request: RemoveTextRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/remove-text` (§7.4.5)."""
        return self._call(self._async.remove_text, request, extra=extra, options=options, **fields)

    def reimagine(self, request: ReimagineRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/reimagine` (§7.4.6). The answer's `image_type` may be `gif`.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.reimagine, request, extra=extra, options=options, **fields)

    def doodle(self, request: DoodleRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/doodle` (§7.4.7): `image_file`, `prompt`, optional `similarity` (0, 1].

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.doodle, request, extra=extra, options=options, **fields)

    def mix_pose(self, request: MixPoseRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/mix-pose` (§7.4.8): `image_file` and `pose_image_file`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.mix_pose, request, extra=extra, options=options, **fields)

    def replace_background(self, request: ReplaceBackgroundRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/replace-background` (§7.4.9): `image_file` and `prompt`."""
        return self._call(self._async.replace_background, request, extra=extra, options=options, **fields)

    def replace_sky(self, request: ReplaceSkyRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/replace-sky` (§7.4.10): `sky` is `bluesky`, `sunset`, `sunrise` or `galaxy`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.replace_sky, request, extra=extra, options=options, **fields)

    def restore_face(self, request: RestoreFaceRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/restore-face` (§7.4.11): `image_file`, optional `fidelity`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.restore_face, request, extra=extra, options=options, **fields)

    def create_tile(self, request: CreateTileRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/create-tile` (§7.4.12): a seamless tile from `prompt`; no input image.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.create_tile, request, extra=extra, options=options, **fields)

    def remove_watermark(self, request: RemoveWatermarkRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/remove-watermark` (§7.4.13).

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.remove_watermark, request, extra=extra, options=options, **fields)

    def merge_face(self, request: MergeFaceRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/merge-face` (§7.4.14): put the face of `face_image_file` into `image_file`."""
        return self._call(self._async.merge_face, request, extra=extra, options=options, **fields)

    def relight(self, request: RelightRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> ImageFileResponse:
        """`POST /v3/relight` (§7.4.19): relight `image_file` per `prompt` and `lighting_preference`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.relight, request, extra=extra, options=options, **fields)

    def img2prompt(self, request: Img2PromptRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> Img2PromptResponse:
        """`POST /v3/img2prompt` (§7.4.16): a prompt describing `image_file`, in `.prompt`.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.img2prompt, request, extra=extra, options=options, **fields)

    def img2mask(self, request: Img2MaskRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, **fields: Any) -> Img2MaskResponse:
        """`POST /v3/img2mask` (§7.4.18): masks of `image_file`.

        The answer's shape is disputed (§10: `{"mask": {...}}` vs `{"masks": [...]}`); both are decoded.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.img2mask, request, extra=extra, options=options, **fields)

    def replace_object(self, request: ReplaceObjectRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/replace-object` (§7.4.15): replace `object_prompt` in `image_file` by `prompt`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.replace_object, request, extra=extra, options=options, deadline=deadline, **fields)

    def make_photo(self, request: MakePhotoRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/make-photo` (§7.4.17): portraits from face photos (`image_assets_ids`).

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.make_photo, request, extra=extra, options=options, deadline=deadline, **fields)

    def instant_id(self, request: InstantIDRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/instant-id` (§7.8.1): identity-preserving generation (`face_image_assets_ids`).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.instant_id, request, extra=extra, options=options, deadline=deadline, **fields)

    def instant_style(self, request: InstantStyleRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/instant-style` (§7.8.2): generation in the style of `ref_image_assets_id`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.instant_style, request, extra=extra, options=options, deadline=deadline, **fields)


class SyncTraining(SyncResource[Training]):
    """Synchronous `client.training`: Dataset uploads, subject/style training, status and listing."""

    def upload_image(self, image: MediaInput, *, options: RequestOptions | None=None) -> str | int:
        """Upload one dataset image (a `pathlib.Path`, bytes or base64); returns its `assets_id`.

        The id is returned exactly as the server sent it (a string, or an integer per one doc schema,
        §7.6.1 CONFLICT): pass it back unchanged in `image_dataset_items[].assets_id`.
        """
        return self._call(self._async.upload_image, image, options=options)

    def upload_images(self, images: Sequence[MediaInput], *, options: RequestOptions | None=None) -> builtins.list[str | int]:
        """Upload dataset images concurrently (at most `UPLOAD_CONCURRENCY` at once); ids in input order."""
        return self._call(self._async.upload_images, images, options=options)

    def create_subject(self, request: SubjectTrainingRequest | None=None, /, *, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TrainingStatus]:
        """`POST /v3/training/subject` (§7.6.2): `name`, `base_model`, `width`, `height`,
        `image_dataset_items`, `expert_setting` (with `instance_prompt`, `class_prompt`), `components`."""
        return self._call(self._async.create_subject, request, options=options, deadline=deadline, **fields)

    def create_style(self, request: StyleTrainingRequest | None=None, /, *, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TrainingStatus]:
        """`POST /v3/training/style` (§7.6.4): as `create_subject`, every item needs a `caption`."""
        return self._call(self._async.create_style, request, options=options, deadline=deadline, **fields)

    def get_subject(self, task_id: str, *, options: RequestOptions | None=None) -> TrainingStatus:
        """`GET /v3/training/subject?task_id=` (§7.6.3) once."""
        return self._call(self._async.get_subject, task_id, options=options)

    def get_style(self, task_id: str, *, options: RequestOptions | None=None) -> TrainingStatus:
        """`GET /v3/training/style?task_id=` (§7.6.5) once."""
        return self._call(self._async.get_style, task_id, options=options)

    def list_page(self, *, options: RequestOptions | None=None, **query: Any) -> TrainingListResponse:
        """One page of `GET /v3/training` (§7.6.6): `pagination.limit`, `pagination.cursor`, `task_type`
        (aliases `limit`, `cursor`)."""
        return self._call(self._async.list_page, options=options, **query)

    def list(self, *, options: RequestOptions | None=None, **query: Any) -> Iterator[TrainingTaskSummary]:
        """Every training task (newest first), fetching pages as needed (§7.6.6)."""
        return self._iterate(self._async.list, options=options, **query)


class SyncVideo(SyncResource[Video]):
    """Synchronous `client.video`: Image-to-video (SVD), motion transfer, text-to-video (AnimateDiff), Animate Anyone; face merge."""

    def merge_face(self, request: VideoMergeFaceRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/video-merge-face` (Part 2 §15.16): put a face onto every frame of a video.

        A **wrapped** body: keywords are the `request` fields (`video_assets_id` from
        `client.assets.upload_video`, `enable_restore`, `face_image_base64` as a path, bytes or base64);
        `extra={"response_video_type": "gif"}` picks the format. The result carries `videos[0]`. 10 RPM.
        """
        return self._call(self._async.merge_face, request, extra=extra, options=options, deadline=deadline, **fields)

    def img2video(self, request: Img2VideoRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/img2video` (§7.7.1). `image_file` takes a path, bytes or base64.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.img2video, request, extra=extra, options=options, deadline=deadline, **fields)

    def img2video_motion(self, request: Img2VideoMotionRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/img2video-motion` (§7.7.2): `image_assets_id` + `motion_video_assets_id` (§5.1).

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.img2video_motion, request, extra=extra, options=options, deadline=deadline, **fields)

    def txt2video(self, request: Txt2VideoRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/txt2video` (§7.7.3): `prompts` is a list of `{prompt, frames}` (≤128 frames).

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.txt2video, request, extra=extra, options=options, deadline=deadline, **fields)

    def animate_anyone(self, request: AnimateAnyoneRequest | None=None, /, *, extra: Extra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/animate-anyone` (§7.7.4): `image_assets_id` + `pose_video_assets_id`.

        Removed: dropped from Novita's official SDKs and absent from today's docs (Part 2 §14.8); kept because
        code still calls it, but the service may refuse it.
        """
        return self._call(self._async.animate_anyone, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_v16_t2v(self, request: KlingV16T2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-v1.6-t2v` (§16.2, row 131): fields of `KlingV16T2VRequest`."""
        return self._call(self._async.kling_v16_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_v16_i2v(self, request: KlingV16I2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-v1.6-i2v` (§16.2, row 132): fields of `KlingV16I2VRequest`."""
        return self._call(self._async.kling_v16_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_v21_i2v(self, request: KlingV21I2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-v2.1-i2v` (§16.3, row 133): fields of `KlingV21I2VRequest`."""
        return self._call(self._async.kling_v21_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_v21_i2v_master(self, request: KlingV21I2VMasterRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-v2.1-i2v-master` (§16.3, row 134): fields of `KlingV21I2VMasterRequest`."""
        return self._call(self._async.kling_v21_i2v_master, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_v21_t2v_master(self, request: KlingV21T2VMasterRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-v2.1-t2v-master` (§16.3, row 135): fields of `KlingV21T2VMasterRequest`."""
        return self._call(self._async.kling_v21_t2v_master, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_25_turbo_t2v(self, request: Kling25TurboT2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-2.5-turbo-t2v` (§16.4, row 136): fields of `Kling25TurboT2VRequest`."""
        return self._call(self._async.kling_25_turbo_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_25_turbo_i2v(self, request: Kling25TurboI2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-2.5-turbo-i2v` (§16.4, row 137): fields of `Kling25TurboI2VRequest`."""
        return self._call(self._async.kling_25_turbo_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_o1_t2v(self, request: KlingO1T2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-o1-t2v` (§16.5, row 138): fields of `KlingO1T2VRequest`."""
        return self._call(self._async.kling_o1_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_o1_i2v(self, request: KlingO1I2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-o1-i2v` (§16.5, row 139): fields of `KlingO1I2VRequest`."""
        return self._call(self._async.kling_o1_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_v26_pro_t2v(self, request: KlingV26ProT2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-v2.6-pro-t2v` (§16.6, row 141): fields of `KlingV26ProT2VRequest`."""
        return self._call(self._async.kling_v26_pro_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def kling_v26_pro_i2v(self, request: KlingV26ProI2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/kling-v2.6-pro-i2v` (§16.6, row 142): fields of `KlingV26ProI2VRequest`."""
        return self._call(self._async.kling_v26_pro_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def minimax_hailuo_02(self, request: Hailuo02Request | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/minimax-hailuo-02` (§16.7, row 143): fields of `Hailuo02Request`."""
        return self._call(self._async.minimax_hailuo_02, request, extra=extra, options=options, deadline=deadline, **fields)

    def minimax_video_01(self, request: MinimaxVideo01Request | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/minimax-video-01` (§16.8, row 144): fields of `MinimaxVideo01Request`."""
        return self._call(self._async.minimax_video_01, request, extra=extra, options=options, deadline=deadline, **fields)

    def wan_t2v(self, request: WanT2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/wan-t2v` (Wan 2.1, §16.9, row 145): fields of `WanT2VRequest`."""
        return self._call(self._async.wan_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def wan_i2v(self, request: WanI2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/wan-i2v` (Wan 2.1, §16.9, row 146): fields of `WanI2VRequest`."""
        return self._call(self._async.wan_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def wan_22_t2v(self, request: Wan22T2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/wan-2.2-t2v` (§16.10, row 147): fields of `Wan22T2VRequest`."""
        return self._call(self._async.wan_22_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def wan_22_i2v(self, request: Wan22I2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/wan-2.2-i2v` (§16.10, row 148): fields of `Wan22I2VRequest`."""
        return self._call(self._async.wan_22_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def wan_26_i2v(self, request: Wan26I2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/wan2.6-i2v` (§16.11, row 149): fields of `Wan26I2VRequest`."""
        return self._call(self._async.wan_26_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def hunyuan_video_fast(self, request: HunyuanVideoFastRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/hunyuan-video-fast` (§16.12, row 151): fields of `HunyuanVideoFastRequest`."""
        return self._call(self._async.hunyuan_video_fast, request, extra=extra, options=options, deadline=deadline, **fields)

    def vidu_q1_text2video(self, request: ViduQ1Text2VideoRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/vidu-q1-text2video` (§16.13, row 152): fields of `ViduQ1Text2VideoRequest`."""
        return self._call(self._async.vidu_q1_text2video, request, extra=extra, options=options, deadline=deadline, **fields)

    def vidu_q1_reference2video(self, request: ViduQ1Reference2VideoRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/vidu-q1-reference2video` (§16.13, row 153): fields of `ViduQ1Reference2VideoRequest`."""
        return self._call(self._async.vidu_q1_reference2video, request, extra=extra, options=options, deadline=deadline, **fields)

    def vidu_q2_reference2video(self, request: ViduQ2Reference2VideoRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/vidu-q2-reference2video` (§16.14, row 154): fields of `ViduQ2Reference2VideoRequest`."""
        return self._call(self._async.vidu_q2_reference2video, request, extra=extra, options=options, deadline=deadline, **fields)

    def vidu_q3_pro_t2v(self, request: ViduQ3ProT2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/vidu-q3-pro-t2v` (§16.15, row 155): fields of `ViduQ3ProT2VRequest`."""
        return self._call(self._async.vidu_q3_pro_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def vidu_q3_pro_i2v(self, request: ViduQ3ProI2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/vidu-q3-pro-i2v` (§16.15, row 156): fields of `ViduQ3ProI2VRequest`."""
        return self._call(self._async.vidu_q3_pro_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def vidu_q3_turbo_t2v(self, request: ViduQ3TurboT2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/vidu-q3-turbo-t2v` (§16.15, row 157): fields of `ViduQ3TurboT2VRequest`."""
        return self._call(self._async.vidu_q3_turbo_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def vidu_q3_turbo_i2v(self, request: ViduQ3TurboI2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/vidu-q3-turbo-i2v` (§16.15, row 158): fields of `ViduQ3TurboI2VRequest`."""
        return self._call(self._async.vidu_q3_turbo_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def seedance_v1_pro_t2v(self, request: SeedanceV1ProT2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/seedance-v1-pro-t2v` (§16.16, row 159): fields of `SeedanceV1ProT2VRequest`."""
        return self._call(self._async.seedance_v1_pro_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def seedance_v1_pro_i2v(self, request: SeedanceV1ProI2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/seedance-v1-pro-i2v` (§16.16, row 160): fields of `SeedanceV1ProI2VRequest`."""
        return self._call(self._async.seedance_v1_pro_i2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def seedance_v15_pro_t2v(self, request: SeedanceV15ProT2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/seedance-v1.5-pro-t2v` (§16.17, row 161): fields of `SeedanceV15ProT2VRequest`."""
        return self._call(self._async.seedance_v15_pro_t2v, request, extra=extra, options=options, deadline=deadline, **fields)

    def seedance_v15_pro_i2v(self, request: SeedanceV15ProI2VRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/seedance-v1.5-pro-i2v` (§16.17, row 162): fields of `SeedanceV15ProI2VRequest`."""
        return self._call(self._async.seedance_v15_pro_i2v, request, extra=extra, options=options, deadline=deadline, **fields)


class SyncAudio(SyncResource[Audio]):
    """Synchronous `client.audio`: MiniMax and GLM speech, GLM-ASR, voice cloning."""

    def minimax_speech_02_hd(self, request: S.MiniMaxSpeech02Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SpeechAudio:
        """`POST /v3/minimax-speech-02-hd` (row 171): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return self._call(self._async.minimax_speech_02_hd, request, options=options, **fields)

    def minimax_speech_02_turbo(self, request: S.MiniMaxSpeech02Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SpeechAudio:
        """`POST /v3/minimax-speech-02-turbo` (row 172): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return self._call(self._async.minimax_speech_02_turbo, request, options=options, **fields)

    def minimax_speech_25_hd_preview(self, request: S.MiniMaxSpeech25Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SpeechAudio:
        """`POST /v3/minimax-speech-2.5-hd-preview` (row 173): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return self._call(self._async.minimax_speech_25_hd_preview, request, options=options, **fields)

    def minimax_speech_26_hd(self, request: S.MiniMaxSpeech25Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SpeechAudio:
        """`POST /v3/minimax-speech-2.6-hd` (row 174, inferred): `SpeechAudio`; streaming: `_stream`."""
        return self._call(self._async.minimax_speech_26_hd, request, options=options, **fields)

    def minimax_speech_28_hd(self, request: S.MiniMaxSpeech28Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SpeechAudio:
        """`POST /v3/minimax-speech-2.8-hd` (row 175): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return self._call(self._async.minimax_speech_28_hd, request, options=options, **fields)

    def minimax_speech_28_turbo(self, request: S.MiniMaxSpeech28Request | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> SpeechAudio:
        """`POST /v3/minimax-speech-2.8-turbo` (row 176): `SpeechAudio`; `stream: true`: the `_stream` twin."""
        return self._call(self._async.minimax_speech_28_turbo, request, options=options, **fields)

    def minimax_speech_02_hd_async(self, request: S.MiniMaxSpeech02AsyncRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/minimax-speech-02-hd` (row 177): a `Task` whose result has `audios[]`."""
        return self._call(self._async.minimax_speech_02_hd_async, request, extra=extra, options=options, deadline=deadline, **fields)

    def minimax_speech_02_turbo_async(self, request: S.MiniMaxSpeech02AsyncRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/minimax-speech-02-turbo` (row 178): a `Task` whose result has `audios[]`."""
        return self._call(self._async.minimax_speech_02_turbo_async, request, extra=extra, options=options, deadline=deadline, **fields)

    def minimax_speech_25_hd_preview_async(self, request: S.MiniMaxSpeech25AsyncRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/minimax-speech-2.5-hd-preview` (row 179): a `Task` whose result has `audios[]`."""
        return self._call(self._async.minimax_speech_25_hd_preview_async, request, extra=extra, options=options, deadline=deadline, **fields)

    def minimax_speech_28_hd_async(self, request: S.MiniMaxSpeech28AsyncRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/minimax-speech-2.8-hd` (row 180): a `Task` whose result has `audios[]`."""
        return self._call(self._async.minimax_speech_28_hd_async, request, extra=extra, options=options, deadline=deadline, **fields)

    def minimax_speech_28_turbo_async(self, request: S.MiniMaxSpeech28AsyncRequest | None=None, /, *, extra: TodayExtra=None, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[TaskResult]:
        """`POST /v3/async/minimax-speech-2.8-turbo` (row 181): a `Task` whose result has `audios[]`."""
        return self._call(self._async.minimax_speech_28_turbo_async, request, extra=extra, options=options, deadline=deadline, **fields)

    def glm_tts(self, request: G.GlmTtsRequest | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> AudioContent:
        """`POST /v3/glm-tts` (§17.3, row 182): the answer body **is** the audio (`wav`, or raw 24 kHz
        16-bit mono `pcm`, the default). Returns `AudioContent` (`.data`, `.content_type`, `.write_to`)."""
        return self._call(self._async.glm_tts, request, options=options, **fields)

    def glm_tts_voice_clone(self, request: G.GlmTtsVoiceCloneRequest | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> G.GlmTtsVoiceCloneResponse:
        """`POST /v3/glm-tts-voice-clone` (§17.4, row 183): `{voice, audio_url}` (synchronous per the page)."""
        return self._call(self._async.glm_tts_voice_clone, request, options=options, **fields)

    def glm_asr(self, request: G.GlmAsrRequest | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> G.GlmAsrResponse:
        """`POST /v3/glm-asr` (§17.5, row 184): `file` is a URL, a `pathlib.Path` or bytes (sent as a
        `data:audio/...;base64,` URI); returns `{text}`."""
        return self._call(self._async.glm_asr, request, options=options, **fields)

    def minimax_voice_cloning(self, request: G.MiniMaxVoiceCloneRequest | None=None, /, *, options: RequestOptions | None=None, **fields: Any) -> G.MiniMaxVoiceCloneResponse:
        """`POST /v3/minimax-voice-cloning` (§17.6, row 185): `{voice_id, demo_audio_url}` (`preview_url`
        reads either preview key)."""
        return self._call(self._async.minimax_voice_cloning, request, options=options, **fields)

    def minimax_speech_02_hd_stream(self, request: S.MiniMaxSpeech02Request | None=None, /, *, options: RequestOptions | None=None, max_event_bytes: int=DEFAULT_MAX_EVENT_BYTES, **fields: Any) -> SyncSpeechStream:
        """`POST /v3/minimax-speech-02-hd` (row 171), `stream: true`: a `SpeechStream`."""
        return self._call(self._async.minimax_speech_02_hd_stream, request, options=options, max_event_bytes=max_event_bytes, **fields)

    def minimax_speech_02_turbo_stream(self, request: S.MiniMaxSpeech02Request | None=None, /, *, options: RequestOptions | None=None, max_event_bytes: int=DEFAULT_MAX_EVENT_BYTES, **fields: Any) -> SyncSpeechStream:
        """`POST /v3/minimax-speech-02-turbo` (row 172), `stream: true`: a `SpeechStream`."""
        return self._call(self._async.minimax_speech_02_turbo_stream, request, options=options, max_event_bytes=max_event_bytes, **fields)

    def minimax_speech_25_hd_preview_stream(self, request: S.MiniMaxSpeech25Request | None=None, /, *, options: RequestOptions | None=None, max_event_bytes: int=DEFAULT_MAX_EVENT_BYTES, **fields: Any) -> SyncSpeechStream:
        """`POST /v3/minimax-speech-2.5-hd-preview` (row 173), `stream: true`: a `SpeechStream`."""
        return self._call(self._async.minimax_speech_25_hd_preview_stream, request, options=options, max_event_bytes=max_event_bytes, **fields)

    def minimax_speech_26_hd_stream(self, request: S.MiniMaxSpeech25Request | None=None, /, *, options: RequestOptions | None=None, max_event_bytes: int=DEFAULT_MAX_EVENT_BYTES, **fields: Any) -> SyncSpeechStream:
        """`POST /v3/minimax-speech-2.6-hd` (row 174, shape inferred), `stream: true`: a `SpeechStream`."""
        return self._call(self._async.minimax_speech_26_hd_stream, request, options=options, max_event_bytes=max_event_bytes, **fields)

    def minimax_speech_28_hd_stream(self, request: S.MiniMaxSpeech28Request | None=None, /, *, options: RequestOptions | None=None, max_event_bytes: int=DEFAULT_MAX_EVENT_BYTES, **fields: Any) -> SyncSpeechStream:
        """`POST /v3/minimax-speech-2.8-hd` (row 175), `stream: true`: a `SpeechStream`."""
        return self._call(self._async.minimax_speech_28_hd_stream, request, options=options, max_event_bytes=max_event_bytes, **fields)

    def minimax_speech_28_turbo_stream(self, request: S.MiniMaxSpeech28Request | None=None, /, *, options: RequestOptions | None=None, max_event_bytes: int=DEFAULT_MAX_EVENT_BYTES, **fields: Any) -> SyncSpeechStream:
        """`POST /v3/minimax-speech-2.8-turbo` (row 176), `stream: true`: a `SpeechStream`."""
        return self._call(self._async.minimax_speech_28_turbo_stream, request, options=options, max_event_bytes=max_event_bytes, **fields)


class SyncV2(SyncResource[V2]):
    """Synchronous `client.v2`: txt2img, img2img, upscale and ADetailer of the v2 API, and `/v2/progress`."""

    def txt2img(self, request: V2Txt2ImgRequest | None=None, /, *, enterprise: bool=False, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[ProgressData]:
        """`POST /v2/txt2img` (§7.2.1), or `/v2/enterprise/txt2img` with `enterprise=True`.

        Deprecated: Novita labels the v2 API deprecated, to be removed (Part 2 §14.8); prefer the v3 endpoints.
        """
        return self._call(self._async.txt2img, request, enterprise=enterprise, options=options, deadline=deadline, **fields)

    def img2img(self, request: V2Img2ImgRequest | None=None, /, *, enterprise: bool=False, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[ProgressData]:
        """`POST /v2/img2img` (§7.2.2), or `/v2/enterprise/img2img` with `enterprise=True`.

        Deprecated: Novita labels the v2 API deprecated, to be removed (Part 2 §14.8); prefer the v3 endpoints.
        """
        return self._call(self._async.img2img, request, enterprise=enterprise, options=options, deadline=deadline, **fields)

    def upscale(self, request: V2UpscaleRequest | None=None, /, *, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[ProgressData]:
        """`POST /v2/upscale` (§7.4.1); the v3 successor is `client.images.upscale`.

        Deprecated: Novita labels the v2 API deprecated, to be removed (Part 2 §14.8); prefer the v3 endpoints.
        """
        return self._call(self._async.upscale, request, options=options, deadline=deadline, **fields)

    def adetailer(self, request: V2ADetailerRequest | None=None, /, *, options: RequestOptions | None=None, deadline: float | None=None, **fields: Any) -> SyncTask[ProgressData]:
        """`POST /v2/adetailer` (§7.2.4, until May 2024); the v3 successor is `client.images.adetailer`.

        Legacy: absent from today's docs, or contested between sources (Part 2 §14.8); it may still work, but
        prefer a current endpoint.
        """
        return self._call(self._async.adetailer, request, options=options, deadline=deadline, **fields)

    def progress(self, task_id: str, *, enterprise: bool=False, options: RequestOptions | None=None) -> ProgressData:
        """`GET /v2/progress` (or `/v2/enterprise/progress`) once (§3.1); same as `client.tasks.progress`.

        Deprecated: Novita labels the v2 API deprecated, to be removed (Part 2 §14.8); prefer the v3 endpoints.
        """
        return self._call(self._async.progress, task_id, enterprise=enterprise, options=options)


class SyncWebhooks(SyncResource[Webhooks]):
    """Synchronous `client.webhooks`: Results pushed instead of polled, with polling as the safety net (reference §3.3, §14.5)."""

    @property
    def active(self) -> WebhookReceiver | None:
        return self._async.active

    def serve(self, host: str='127.0.0.1', port: int=0, *, path: str=C.WEBHOOK_PATH, public_url: str | None=None, token: str | None=None, confirm: bool=True, test_mode: TestStatus | None=None, on_unknown: UnknownEventHandler | None=None, policy: WebhookPolicy | None=None) -> AbstractContextManager[WebhookReceiver]:
        """A receiver with its own HTTP server on `host:port` (0: a free port), answering `POST path/<token>`.

        `hook.url` is `http://host:port/path/<token>`, or `public_url/<token>` when the service reaches
        you through a proxy or tunnel (`public_url` then points at `path` on this server).
        """
        return self._context(self._async.serve, host, port, path=path, public_url=public_url, token=token, confirm=confirm, test_mode=test_mode, on_unknown=on_unknown, policy=policy)

    def receive(self, public_url: str, *, token: str | None=None, confirm: bool=True, test_mode: TestStatus | None=None, on_unknown: UnknownEventHandler | None=None, policy: WebhookPolicy | None=None) -> AbstractContextManager[WebhookReceiver]:
        """A receiver for a web app you already run: route `POST <public_url>/{token}` to
        `await hook.handle(body, token)` (any framework), or mount `hook.aiohttp_app()` there (aiohttp)."""
        return self._context(self._async.receive, public_url, token=token, confirm=confirm, test_mode=test_mode, on_unknown=on_unknown, policy=policy)


class SyncAssets(SyncResource[Assets]):
    """Synchronous `client.assets`: Image and video uploads returning `assets_id`s."""

    def upload_image(self, image: MediaInput) -> str:
        """Upload an image (a `pathlib.Path`, bytes, or base64 text); returns its `assets_id` (§5.1)."""
        return self._call(self._async.upload_image, image)

    def upload_video(self, video: MediaInput, *, content_type: str='video/mp4') -> str:
        """Upload a video (mp4 by default; a `pathlib.Path`, bytes, or base64 text); returns its `assets_id`."""
        return self._call(self._async.upload_video, video, content_type=content_type)


class GeneratedClient(SyncRuntime):
    """The sync client's constructor and API areas; `SyncNovitaClient` adds the rest."""

    def __init__(self, api_key: str | APIKey | None=None, *, base_url: str | None=None, assets_url: str=C.DEFAULT_ASSETS_URL, timeout: Timeout | float | None=None, max_retries: int=C.DEFAULT_MAX_RETRIES, max_concurrency: int=C.DEFAULT_MAX_CONCURRENCY, rate_limits: Mapping[str, RateLimit | float] | Literal['documented'] | None | _Default=DEFAULT, poll_policy: PollPolicy | None=None, task_deadline: float=C.DEFAULT_TASK_DEADLINE, transport: Transport | None=None, allow_insecure_http: bool=False) -> None:
        key = None if api_key is None else APIKey(api_key)
        del api_key
        self._start(lambda: NovitaClient(key, base_url=base_url, assets_url=assets_url, timeout=timeout, max_retries=max_retries, max_concurrency=max_concurrency, rate_limits=rate_limits, poll_policy=poll_policy, task_deadline=task_deadline, transport=transport, allow_insecure_http=allow_insecure_http))

    @cached_property
    def images(self) -> SyncImages:
        return SyncImages(self._runtime, self._async_client.images)

    @cached_property
    def tasks(self) -> SyncTasks:
        return SyncTasks(self._runtime, self._async_client.tasks)

    @cached_property
    def models(self) -> SyncModels:
        return SyncModels(self._runtime, self._async_client.models)

    @cached_property
    def account(self) -> SyncAccount:
        return SyncAccount(self._runtime, self._async_client.account)

    @cached_property
    def tools(self) -> SyncTools:
        return SyncTools(self._runtime, self._async_client.tools)

    @cached_property
    def training(self) -> SyncTraining:
        return SyncTraining(self._runtime, self._async_client.training)

    @cached_property
    def video(self) -> SyncVideo:
        return SyncVideo(self._runtime, self._async_client.video)

    @cached_property
    def audio(self) -> SyncAudio:
        return SyncAudio(self._runtime, self._async_client.audio)

    @cached_property
    def v2(self) -> SyncV2:
        return SyncV2(self._runtime, self._async_client.v2)

    @cached_property
    def webhooks(self) -> SyncWebhooks:
        return SyncWebhooks(self._runtime, self._async_client.webhooks)

    @cached_property
    def assets(self) -> SyncAssets:
        return SyncAssets(self._runtime, self._async_client.assets)
