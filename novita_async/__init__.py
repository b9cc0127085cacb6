"""novita_async: an asyncio-first client for the Novita.ai image and video generation API.

    from novita_async import NovitaClient

    async with NovitaClient() as client:          # reads NOVITA_API_KEY
        task = await client.images.txt2img(model_name="...", prompt="a cat", width=512, height=512,
                                           image_num=1, steps=20, guidance_scale=7.5,
                                           sampler_name="Euler a")
        result = await task
"""

import msgspec as _msgspec

from ._batch import Batch, BatchItem, BatchOutcome, BatchStats, InvalidInput, Journal, JournalError
from ._client import ClientState, NovitaClient, RequestOptions
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ClientStateError,
    ConfigurationError,
    InsufficientBalanceError,
    InvalidRequestError,
    MissingAPIKeyError,
    NotFoundError,
    NovitaError,
    PermissionDeniedError,
    RateLimitError,
    RequestValidationError,
    ResponseTooLargeError,
    ServerError,
    SubmitOutcomeUnknownError,
    TaskCancelledError,
    TaskError,
    TaskFailedError,
    TaskTimeoutError,
)
from ._files import (
    Downloader,
    DownloadError,
    DownloadTooLargeError,
    ImageInput,
    WritableOutput,
    encode_image,
    save_result,
)
from ._limits import LimiterStats, RateLimit
from ._polling import (
    PollerStats,
    PollPolicy,
    Task,
    TaskOutcome,
    TaskStatus,
    TaskUpdate,
    as_completed,
    gather_tasks,
)
from ._retry import RetryPolicy
from ._sync import SyncBatch, SyncIterator, SyncNovitaClient, SyncSpeechStream, SyncTask
from ._transport import Timeout
from ._version import __version__
from ._webhooks import WebhookPolicy, WebhookReceiver, Webhooks, WebhookStats
from .resources._audio_results import AudioContent, SpeechAudio, SpeechStream
from .types.tasks import WebhookEvent

__all__ = (
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AudioContent",
    "AuthenticationError",
    "Batch",
    "BatchItem",
    "BatchOutcome",
    "BatchStats",
    "ClientState",
    "ClientStateError",
    "ConfigurationError",
    "DownloadError",
    "DownloadTooLargeError",
    "Downloader",
    "ImageInput",
    "InsufficientBalanceError",
    "InvalidInput",
    "InvalidRequestError",
    "Journal",
    "JournalError",
    "LimiterStats",
    "MissingAPIKeyError",
    "NotFoundError",
    "NovitaClient",
    "NovitaError",
    "PermissionDeniedError",
    "PollPolicy",
    "PollerStats",
    "RateLimit",
    "RateLimitError",
    "RequestOptions",
    "RequestValidationError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "SpeechAudio",
    "SpeechStream",
    "SubmitOutcomeUnknownError",
    "SyncBatch",
    "SyncIterator",
    "SyncNovitaClient",
    "SyncSpeechStream",
    "SyncTask",
    "Task",
    "TaskCancelledError",
    "TaskError",
    "TaskFailedError",
    "TaskOutcome",
    "TaskStatus",
    "TaskTimeoutError",
    "TaskUpdate",
    "Timeout",
    "WebhookEvent",
    "WebhookPolicy",
    "WebhookReceiver",
    "WebhookStats",
    "Webhooks",
    "WritableOutput",
    "__version__",
    "as_completed",
    "encode_image",
    "gather_tasks",
    "save_result",
)

# Show `novita_async.RateLimitError` (not `novita_async._errors.RateLimitError`) in reprs and tracebacks.
# msgspec Structs keep their real module: msgspec resolves postponed annotations in `__module__`'s namespace.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and issubclass(_obj, _msgspec.Struct):
        continue
    if getattr(_obj, "__module__", "").startswith("novita_async._"):
        try:
            _obj.__module__ = "novita_async"
        except (AttributeError, TypeError):
            pass
del _name, _obj, _msgspec
