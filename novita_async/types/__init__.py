"""Wire types of the Novita API: msgspec Structs only, no I/O, one module per API area.

Requests derive from `RequestStruct` (strict, unset fields omitted), responses from `ResponseStruct`
(tolerant, decoded with `strict=False`). See each module for the endpoints it covers.
"""

from ._base import MiB as MiB
from ._base import RequestStruct as RequestStruct
from ._base import ResponseStruct as ResponseStruct
from ._models import AsyncModelRequest as AsyncModelRequest
from ._models import ImageFlavour as ImageFlavour
from ._models import ModelRequest as ModelRequest
from ._models import ModelSeed as ModelSeed
from ._models import OutputFormat as OutputFormat
from ._part2 import AspectRatio as AspectRatio
from ._part2 import AsyncRequest as AsyncRequest
from ._part2 import NegativePrompt2000 as NegativePrompt2000
from ._part2 import NegativePrompt2500 as NegativePrompt2500
from ._part2 import Prompt2000 as Prompt2000
from ._part2 import Prompt2500 as Prompt2500
from ._part2 import Seed31 as Seed31
from ._part2 import SeedWide as SeedWide
from ._part2 import TaskExtra as TaskExtra
from ._part2 import UnitScale as UnitScale
from .account import BalanceDetail as BalanceDetail
from .account import S3Config as S3Config
from .account import S3ConfigInfo as S3ConfigInfo
from .account import UserInfo as UserInfo
from .assets import AssetUploadResponse as AssetUploadResponse
from .audio_responses import MiniMaxBaseResp as MiniMaxBaseResp
from .audio_responses import MiniMaxSpeechData as MiniMaxSpeechData
from .audio_responses import MiniMaxSpeechExtraInfo as MiniMaxSpeechExtraInfo
from .audio_responses import MiniMaxSpeechResponse as MiniMaxSpeechResponse
from .audio_responses import SpeechChunk as SpeechChunk
from .audio_speech import AudioSetting as AudioSetting
from .audio_speech import AudioSetting28 as AudioSetting28
from .audio_speech import AudioSetting28Async as AudioSetting28Async
from .audio_speech import MiniMaxSpeech02AsyncRequest as MiniMaxSpeech02AsyncRequest
from .audio_speech import MiniMaxSpeech02Request as MiniMaxSpeech02Request
from .audio_speech import MiniMaxSpeech25AsyncRequest as MiniMaxSpeech25AsyncRequest
from .audio_speech import MiniMaxSpeech25Request as MiniMaxSpeech25Request
from .audio_speech import MiniMaxSpeech28AsyncRequest as MiniMaxSpeech28AsyncRequest
from .audio_speech import MiniMaxSpeech28Request as MiniMaxSpeech28Request
from .audio_speech import PronunciationDict as PronunciationDict
from .audio_speech import StreamOptions as StreamOptions
from .audio_speech import TimberWeight as TimberWeight
from .audio_speech import VoiceModify as VoiceModify
from .audio_speech import VoiceSetting02 as VoiceSetting02
from .audio_speech import VoiceSetting25 as VoiceSetting25
from .audio_speech import VoiceSetting28 as VoiceSetting28
from .audio_tools import GlmAsrRequest as GlmAsrRequest
from .audio_tools import GlmAsrResponse as GlmAsrResponse
from .audio_tools import GlmTtsRequest as GlmTtsRequest
from .audio_tools import GlmTtsVoiceCloneRequest as GlmTtsVoiceCloneRequest
from .audio_tools import GlmTtsVoiceCloneResponse as GlmTtsVoiceCloneResponse
from .audio_tools import MiniMaxCloneFromPrompt as MiniMaxCloneFromPrompt
from .audio_tools import MiniMaxVoiceCloneRequest as MiniMaxVoiceCloneRequest
from .audio_tools import MiniMaxVoiceCloneResponse as MiniMaxVoiceCloneResponse
from .common import AsyncSubmitResponse as AsyncSubmitResponse
from .common import AwsS3Storage as AwsS3Storage
from .common import CustomStorage as CustomStorage
from .common import Embedding as Embedding
from .common import EnterprisePlan as EnterprisePlan
from .common import ImageFileResponse as ImageFileResponse
from .common import LoRA as LoRA
from .common import NSFWDetectionLevel as NSFWDetectionLevel
from .common import ResponseImageType as ResponseImageType
from .common import ResponseVideoType as ResponseVideoType
from .common import V2Response as V2Response
from .common import V2SubmitData as V2SubmitData
from .common import V3ErrorResponse as V3ErrorResponse
from .common import V3Extra as V3Extra
from .common import V3Sampler as V3Sampler
from .common import V3WrappedBody as V3WrappedBody
from .common import Webhook as Webhook
from .common import WebhookTestMode as WebhookTestMode
from .edit import CleanupRequest as CleanupRequest
from .edit import CreateTileRequest as CreateTileRequest
from .edit import DoodleRequest as DoodleRequest
from .edit import Img2MaskRequest as Img2MaskRequest
from .edit import Img2MaskResponse as Img2MaskResponse
from .edit import Img2PromptRequest as Img2PromptRequest
from .edit import Img2PromptResponse as Img2PromptResponse
from .edit import MakePhotoRequest as MakePhotoRequest
from .edit import MaskImage as MaskImage
from .edit import MergeFaceRequest as MergeFaceRequest
from .edit import MixPoseRequest as MixPoseRequest
from .edit import OutpaintingRequest as OutpaintingRequest
from .edit import ReimagineRequest as ReimagineRequest
from .edit import RelightRequest as RelightRequest
from .edit import RemoveBackgroundRequest as RemoveBackgroundRequest
from .edit import RemoveTextRequest as RemoveTextRequest
from .edit import RemoveWatermarkRequest as RemoveWatermarkRequest
from .edit import ReplaceBackgroundRequest as ReplaceBackgroundRequest
from .edit import ReplaceObjectRequest as ReplaceObjectRequest
from .edit import ReplaceSkyRequest as ReplaceSkyRequest
from .edit import RestoreFaceRequest as RestoreFaceRequest
from .faces import InstantIDControlNet as InstantIDControlNet
from .faces import InstantIDControlNetUnit as InstantIDControlNetUnit
from .faces import InstantIDRequest as InstantIDRequest
from .faces import InstantStyleRequest as InstantStyleRequest
from .flux import Flux1KontextDevRequest as Flux1KontextDevRequest
from .flux import Flux1KontextProRequest as Flux1KontextProRequest
from .flux import Flux1SchnellRequest as Flux1SchnellRequest
from .flux import Flux1SchnellResponse as Flux1SchnellResponse
from .flux import Flux2DevRequest as Flux2DevRequest
from .flux import Flux2Request as Flux2Request
from .flux import FluxLoRA as FluxLoRA
from .flux import SubmitTaskInfo as SubmitTaskInfo
from .image_models import GLM_IMAGE_SIZES as GLM_IMAGE_SIZES
from .image_models import GlmImageRequest as GlmImageRequest
from .image_models import HunyuanImage3Request as HunyuanImage3Request
from .image_models import QwenImageEditRequest as QwenImageEditRequest
from .image_models import QwenImageRequest as QwenImageRequest
from .image_models import ZImageTurboLoraRequest as ZImageTurboLoraRequest
from .image_models import ZImageTurboRequest as ZImageTurboRequest
from .image_tools import ImageEraserRequest as ImageEraserRequest
from .image_tools import ImageRemoveBackgroundRequest as ImageRemoveBackgroundRequest
from .image_tools import ImageUpscalerRequest as ImageUpscalerRequest
from .image_tools import VideoMergeFaceRequest as VideoMergeFaceRequest
from .images_v2 import V2ADetailer as V2ADetailer
from .images_v2 import V2ADetailerRequest as V2ADetailerRequest
from .images_v2 import V2ControlNetUnit as V2ControlNetUnit
from .images_v2 import V2Extra as V2Extra
from .images_v2 import V2Img2ImgRequest as V2Img2ImgRequest
from .images_v2 import V2Preprocessor as V2Preprocessor
from .images_v2 import V2Refiner as V2Refiner
from .images_v2 import V2Sampler as V2Sampler
from .images_v2 import V2Txt2ImgRequest as V2Txt2ImgRequest
from .images_v2 import V2Upscaler as V2Upscaler
from .images_v2 import V2UpscaleRequest as V2UpscaleRequest
from .images_v3 import ADetailerRequest as ADetailerRequest
from .images_v3 import ControlNet as ControlNet
from .images_v3 import ControlNetUnit as ControlNetUnit
from .images_v3 import HiresFix as HiresFix
from .images_v3 import Img2ImgRequest as Img2ImgRequest
from .images_v3 import InpaintingRequest as InpaintingRequest
from .images_v3 import IPAdapter as IPAdapter
from .images_v3 import Refiner as Refiner
from .images_v3 import Txt2ImgRequest as Txt2ImgRequest
from .images_v3 import UpscaleRequest as UpscaleRequest
from .images_v3 import V3Preprocessor as V3Preprocessor
from .lcm import LCMImg2ImgImage as LCMImg2ImgImage
from .lcm import LCMImg2ImgRequest as LCMImg2ImgRequest
from .lcm import LCMImg2ImgResponse as LCMImg2ImgResponse
from .lcm import LCMTxt2ImgRequest as LCMTxt2ImgRequest
from .lcm import LCMTxt2ImgResponse as LCMTxt2ImgResponse
from .models import CivitaiImage as CivitaiImage
from .models import CivitaiImageMeta as CivitaiImageMeta
from .models import CivitaiModelData as CivitaiModelData
from .models import Model as Model
from .models import ModelListQuery as ModelListQuery
from .models import ModelListResponse as ModelListResponse
from .models import ModelType as ModelType
from .models import ModelTypeName as ModelTypeName
from .models import Pagination as Pagination
from .models import SyncCivitaiModelRequest as SyncCivitaiModelRequest
from .models import V2ModelInfo as V2ModelInfo
from .models import V2ModelList as V2ModelList
from .progress_v2 import ProgressData as ProgressData
from .progress_v2 import ProgressDebugInfo as ProgressDebugInfo
from .progress_v2 import V2TaskStatus as V2TaskStatus
from .seedream import OptimizePromptOptions as OptimizePromptOptions
from .seedream import Seedream3Request as Seedream3Request
from .seedream import Seedream3Response as Seedream3Response
from .seedream import Seedream4Request as Seedream4Request
from .seedream import Seedream45Request as Seedream45Request
from .seedream import Seedream50LiteRequest as Seedream50LiteRequest
from .seedream import SeedreamResponse as SeedreamResponse
from .seedream import SequentialImageGenerationOptions as SequentialImageGenerationOptions
from .tasks import AudioMetadata as AudioMetadata
from .tasks import AudioOutput as AudioOutput
from .tasks import ImageOutput as ImageOutput
from .tasks import NSFWDetectionResult as NSFWDetectionResult
from .tasks import TaskDebugInfo as TaskDebugInfo
from .tasks import TaskInfo as TaskInfo
from .tasks import TaskResult as TaskResult
from .tasks import TaskResultExtra as TaskResultExtra
from .tasks import TaskWebhookInfo as TaskWebhookInfo
from .tasks import TaskWebhookTestMode as TaskWebhookTestMode
from .tasks import V3TaskStatus as V3TaskStatus
from .tasks import VideoOutput as VideoOutput
from .tasks import WebhookEvent as WebhookEvent
from .training import ComponentArg as ComponentArg
from .training import ExpertSetting as ExpertSetting
from .training import StyleTrainingRequest as StyleTrainingRequest
from .training import SubjectTrainingRequest as SubjectTrainingRequest
from .training import TrainedModel as TrainedModel
from .training import TrainedModelStatus as TrainedModelStatus
from .training import TrainingComponent as TrainingComponent
from .training import TrainingDatasetUpload as TrainingDatasetUpload
from .training import TrainingDatasetUploadRequest as TrainingDatasetUploadRequest
from .training import TrainingImageItem as TrainingImageItem
from .training import TrainingListQuery as TrainingListQuery
from .training import TrainingListResponse as TrainingListResponse
from .training import TrainingStatus as TrainingStatus
from .training import TrainingStatusExtra as TrainingStatusExtra
from .training import TrainingTaskStatus as TrainingTaskStatus
from .training import TrainingTaskSummary as TrainingTaskSummary
from .training import UploadHeader as UploadHeader
from .video import AnimateAnyoneRequest as AnimateAnyoneRequest
from .video import Img2VideoMotionRequest as Img2VideoMotionRequest
from .video import Img2VideoRequest as Img2VideoRequest
from .video import Txt2VideoRequest as Txt2VideoRequest
from .video import VideoPrompt as VideoPrompt
from .video_kling import Kling25TurboI2VRequest as Kling25TurboI2VRequest
from .video_kling import Kling25TurboT2VRequest as Kling25TurboT2VRequest
from .video_kling import KlingO1I2VRequest as KlingO1I2VRequest
from .video_kling import KlingO1T2VRequest as KlingO1T2VRequest
from .video_kling import KlingV16I2VRequest as KlingV16I2VRequest
from .video_kling import KlingV16T2VRequest as KlingV16T2VRequest
from .video_kling import KlingV21I2VMasterRequest as KlingV21I2VMasterRequest
from .video_kling import KlingV21I2VRequest as KlingV21I2VRequest
from .video_kling import KlingV21T2VMasterRequest as KlingV21T2VMasterRequest
from .video_kling import KlingV26ProI2VRequest as KlingV26ProI2VRequest
from .video_kling import KlingV26ProT2VRequest as KlingV26ProT2VRequest
from .video_others import Hailuo02Request as Hailuo02Request
from .video_others import MinimaxVideo01Request as MinimaxVideo01Request
from .video_others import ViduQ1Reference2VideoRequest as ViduQ1Reference2VideoRequest
from .video_others import ViduQ1Text2VideoRequest as ViduQ1Text2VideoRequest
from .video_others import ViduQ2Reference2VideoRequest as ViduQ2Reference2VideoRequest
from .video_others import ViduQ2Subject as ViduQ2Subject
from .video_others import ViduQ3ProI2VRequest as ViduQ3ProI2VRequest
from .video_others import ViduQ3ProT2VRequest as ViduQ3ProT2VRequest
from .video_others import ViduQ3TurboI2VRequest as ViduQ3TurboI2VRequest
from .video_others import ViduQ3TurboT2VRequest as ViduQ3TurboT2VRequest
from .video_seedance import SeedanceV1ProI2VRequest as SeedanceV1ProI2VRequest
from .video_seedance import SeedanceV1ProT2VRequest as SeedanceV1ProT2VRequest
from .video_seedance import SeedanceV15ProI2VRequest as SeedanceV15ProI2VRequest
from .video_seedance import SeedanceV15ProT2VRequest as SeedanceV15ProT2VRequest
from .video_wan import HunyuanVideoFastRequest as HunyuanVideoFastRequest
from .video_wan import Wan22I2VInput as Wan22I2VInput
from .video_wan import Wan22I2VParameters as Wan22I2VParameters
from .video_wan import Wan22I2VRequest as Wan22I2VRequest
from .video_wan import Wan22T2VInput as Wan22T2VInput
from .video_wan import Wan22T2VParameters as Wan22T2VParameters
from .video_wan import Wan22T2VRequest as Wan22T2VRequest
from .video_wan import Wan26I2VInput as Wan26I2VInput
from .video_wan import Wan26I2VParameters as Wan26I2VParameters
from .video_wan import Wan26I2VRequest as Wan26I2VRequest
from .video_wan import WanI2VRequest as WanI2VRequest
from .video_wan import WanLoRA as WanLoRA
from .video_wan import WanT2VRequest as WanT2VRequest

__all__ = (
    "ADetailerRequest",
    "AnimateAnyoneRequest",
    "AspectRatio",
    "AssetUploadResponse",
    "AsyncModelRequest",
    "AsyncRequest",
    "AsyncSubmitResponse",
    "AudioMetadata",
    "AudioOutput",
    "AudioSetting",
    "AudioSetting28",
    "AudioSetting28Async",
    "AwsS3Storage",
    "BalanceDetail",
    "CivitaiImage",
    "CivitaiImageMeta",
    "CivitaiModelData",
    "CleanupRequest",
    "ComponentArg",
    "ControlNet",
    "ControlNetUnit",
    "CreateTileRequest",
    "CustomStorage",
    "DoodleRequest",
    "Embedding",
    "EnterprisePlan",
    "ExpertSetting",
    "Flux1KontextDevRequest",
    "Flux1KontextProRequest",
    "Flux1SchnellRequest",
    "Flux1SchnellResponse",
    "Flux2DevRequest",
    "Flux2Request",
    "FluxLoRA",
    "GLM_IMAGE_SIZES",
    "GlmAsrRequest",
    "GlmAsrResponse",
    "GlmImageRequest",
    "GlmTtsRequest",
    "GlmTtsVoiceCloneRequest",
    "GlmTtsVoiceCloneResponse",
    "Hailuo02Request",
    "HiresFix",
    "HunyuanImage3Request",
    "HunyuanVideoFastRequest",
    "IPAdapter",
    "ImageEraserRequest",
    "ImageFileResponse",
    "ImageFlavour",
    "ImageOutput",
    "ImageRemoveBackgroundRequest",
    "ImageUpscalerRequest",
    "Img2ImgRequest",
    "Img2MaskRequest",
    "Img2MaskResponse",
    "Img2PromptRequest",
    "Img2PromptResponse",
    "Img2VideoMotionRequest",
    "Img2VideoRequest",
    "InpaintingRequest",
    "InstantIDControlNet",
    "InstantIDControlNetUnit",
    "InstantIDRequest",
    "InstantStyleRequest",
    "Kling25TurboI2VRequest",
    "Kling25TurboT2VRequest",
    "KlingO1I2VRequest",
    "KlingO1T2VRequest",
    "KlingV16I2VRequest",
    "KlingV16T2VRequest",
    "KlingV21I2VMasterRequest",
    "KlingV21I2VRequest",
    "KlingV21T2VMasterRequest",
    "KlingV26ProI2VRequest",
    "KlingV26ProT2VRequest",
    "LCMImg2ImgImage",
    "LCMImg2ImgRequest",
    "LCMImg2ImgResponse",
    "LCMTxt2ImgRequest",
    "LCMTxt2ImgResponse",
    "LoRA",
    "MakePhotoRequest",
    "MaskImage",
    "MergeFaceRequest",
    "MiB",
    "MiniMaxBaseResp",
    "MiniMaxCloneFromPrompt",
    "MiniMaxSpeech02AsyncRequest",
    "MiniMaxSpeech02Request",
    "MiniMaxSpeech25AsyncRequest",
    "MiniMaxSpeech25Request",
    "MiniMaxSpeech28AsyncRequest",
    "MiniMaxSpeech28Request",
    "MiniMaxSpeechData",
    "MiniMaxSpeechExtraInfo",
    "MiniMaxSpeechResponse",
    "MiniMaxVoiceCloneRequest",
    "MiniMaxVoiceCloneResponse",
    "MinimaxVideo01Request",
    "MixPoseRequest",
    "Model",
    "ModelListQuery",
    "ModelListResponse",
    "ModelRequest",
    "ModelSeed",
    "ModelType",
    "ModelTypeName",
    "NSFWDetectionLevel",
    "NSFWDetectionResult",
    "NegativePrompt2000",
    "NegativePrompt2500",
    "OptimizePromptOptions",
    "OutpaintingRequest",
    "OutputFormat",
    "Pagination",
    "ProgressData",
    "ProgressDebugInfo",
    "Prompt2000",
    "Prompt2500",
    "PronunciationDict",
    "QwenImageEditRequest",
    "QwenImageRequest",
    "Refiner",
    "ReimagineRequest",
    "RelightRequest",
    "RemoveBackgroundRequest",
    "RemoveTextRequest",
    "RemoveWatermarkRequest",
    "ReplaceBackgroundRequest",
    "ReplaceObjectRequest",
    "ReplaceSkyRequest",
    "RequestStruct",
    "ResponseImageType",
    "ResponseStruct",
    "ResponseVideoType",
    "RestoreFaceRequest",
    "S3Config",
    "S3ConfigInfo",
    "Seed31",
    "SeedWide",
    "SeedanceV15ProI2VRequest",
    "SeedanceV15ProT2VRequest",
    "SeedanceV1ProI2VRequest",
    "SeedanceV1ProT2VRequest",
    "Seedream3Request",
    "Seedream3Response",
    "Seedream45Request",
    "Seedream4Request",
    "Seedream50LiteRequest",
    "SeedreamResponse",
    "SequentialImageGenerationOptions",
    "SpeechChunk",
    "StreamOptions",
    "StyleTrainingRequest",
    "SubjectTrainingRequest",
    "SubmitTaskInfo",
    "SyncCivitaiModelRequest",
    "TaskDebugInfo",
    "TaskExtra",
    "TaskInfo",
    "TaskResult",
    "TaskResultExtra",
    "TaskWebhookInfo",
    "TaskWebhookTestMode",
    "TimberWeight",
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
    "Txt2ImgRequest",
    "Txt2VideoRequest",
    "UnitScale",
    "UploadHeader",
    "UpscaleRequest",
    "UserInfo",
    "V2ADetailer",
    "V2ADetailerRequest",
    "V2ControlNetUnit",
    "V2Extra",
    "V2Img2ImgRequest",
    "V2ModelInfo",
    "V2ModelList",
    "V2Preprocessor",
    "V2Refiner",
    "V2Response",
    "V2Sampler",
    "V2SubmitData",
    "V2TaskStatus",
    "V2Txt2ImgRequest",
    "V2UpscaleRequest",
    "V2Upscaler",
    "V3ErrorResponse",
    "V3Extra",
    "V3Preprocessor",
    "V3Sampler",
    "V3TaskStatus",
    "V3WrappedBody",
    "VideoMergeFaceRequest",
    "VideoOutput",
    "VideoPrompt",
    "ViduQ1Reference2VideoRequest",
    "ViduQ1Text2VideoRequest",
    "ViduQ2Reference2VideoRequest",
    "ViduQ2Subject",
    "ViduQ3ProI2VRequest",
    "ViduQ3ProT2VRequest",
    "ViduQ3TurboI2VRequest",
    "ViduQ3TurboT2VRequest",
    "VoiceModify",
    "VoiceSetting02",
    "VoiceSetting25",
    "VoiceSetting28",
    "Wan22I2VInput",
    "Wan22I2VParameters",
    "Wan22I2VRequest",
    "Wan22T2VInput",
    "Wan22T2VParameters",
    "Wan22T2VRequest",
    "Wan26I2VInput",
    "Wan26I2VParameters",
    "Wan26I2VRequest",
    "WanI2VRequest",
    "WanLoRA",
    "WanT2VRequest",
    "Webhook",
    "WebhookEvent",
    "WebhookTestMode",
    "ZImageTurboLoraRequest",
    "ZImageTurboRequest",
)
