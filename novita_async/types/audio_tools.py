"""GLM-TTS (binary audio), GLM-TTS voice clone, GLM-ASR and MiniMax voice cloning (novita-api-2026.md §17.3-§17.6;
rows 182-185). All synchronous; GLM-TTS answers the audio bytes themselves (mode SB), the others small JSON.
Audio inputs are URLs (the clone pages) or, for ASR, a URL or a `data:audio/...;base64,` URI (§17.5).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import MiB, RequestStruct, ResponseStruct
from ._models import ImageFlavour
from .audio_responses import MiniMaxBaseResp

__all__ = (
    "GlmAsrRequest",
    "GlmAsrResponse",
    "GlmTtsRequest",
    "GlmTtsVoiceCloneRequest",
    "GlmTtsVoiceCloneResponse",
    "MiniMaxCloneFromPrompt",
    "MiniMaxVoiceCloneRequest",
    "MiniMaxVoiceCloneResponse",
)


# --- GLM (§17.3-§17.5) ------------------------------------------------------------------------------


class GlmTtsRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/glm-tts` (§17.3, row 182): the answer is the binary audio itself."""

    input: Annotated[str, Meta(min_length=1, max_length=1024)]
    """Text, 1-1024 characters."""

    voice: str
    """`tongtong`, `chuichui`, `xiaochen`, `jam`, `kazi`, `douji`, `luodo`, or a cloned voice (§17.4)."""

    speed: Annotated[float, Meta(ge=0.5, le=2)] | UnsetType = UNSET
    """Speed, [0.5, 2] (default 1.0)."""

    volume: Annotated[float, Meta(gt=0, le=10)] | UnsetType = UNSET
    """Volume, (0, 10] (default 1.0)."""

    response_format: Literal["wav", "pcm"] | UnsetType = UNSET
    """`wav` or `pcm` (the default: raw 16-bit mono samples at 24 kHz, inferred)."""

    watermark_enabled: bool | UnsetType = UNSET
    """`false` only takes effect after the account's watermark-removal step."""


class GlmTtsVoiceCloneRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/glm-tts-voice-clone` (§17.4, row 183): synchronous per the page (NLS says async)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"audio_url": ("url", 10 * MiB)}

    input: Annotated[str, Meta(min_length=1)]
    """Text of the preview audio."""

    audio_url: str
    """Sample audio URL, ≤ 10 MB, 3-30 s recommended."""

    voice_name: Annotated[str, Meta(min_length=1)]
    """A unique name for the new voice."""

    text: str | UnsetType = UNSET
    """Transcript of the sample."""


class GlmTtsVoiceCloneResponse(ResponseStruct, kw_only=True):
    """Answer of GLM-TTS voice clone."""

    voice: str = ""
    """The new voice id, for `GlmTtsRequest.voice`."""

    audio_url: str = ""
    """Preview audio URL."""


class GlmAsrRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/glm-asr` (§17.5, row 184)."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"file": ("data_uri", 25 * MiB)}

    file: str
    """.wav/.mp3 ≤ 25 MB, ≤ 30 s: a URL, or a file/bytes sent as `data:audio/wav;base64,...`."""

    prompt: Annotated[str, Meta(max_length=8000)] | UnsetType = UNSET
    """Earlier transcript as context (< 8000 characters recommended)."""

    hotwords: Annotated[list[str], Meta(max_length=100)] | UnsetType = UNSET
    """Up to 100 domain words."""


class GlmAsrResponse(ResponseStruct, kw_only=True):
    """Answer of GLM-ASR."""

    text: str = ""
    """The transcript."""


# --- MiniMax voice cloning (§17.6) ------------------------------------------------------------------


class MiniMaxCloneFromPrompt(RequestStruct, kw_only=True):
    """`clone_prompt`: a short sample plus its transcript."""

    prompt_audio_url: str
    """Sample < 8 s."""

    prompt_text: str | UnsetType = UNSET
    """Its transcript (name inferred from MiniMax: the crawl cut it off)."""


class MiniMaxVoiceCloneRequest(RequestStruct, kw_only=True):
    """Body of `POST /v3/minimax-voice-cloning` (§17.6, row 185): a voice kept 168 h unless used."""

    __image_inputs__: ClassVar[dict[str, tuple[ImageFlavour, int]]] = {"audio_url": ("url", 20 * MiB)}

    audio_url: str
    """Audio to clone: mp3/m4a/wav, 10 s to 5 min, ≤ 20 MB."""

    clone_prompt: MiniMaxCloneFromPrompt | UnsetType = UNSET
    """Short sample and transcript."""

    text_validation: Annotated[str, Meta(max_length=200)] | UnsetType = UNSET
    """Expected transcript (mismatch → MiniMax error 1043)."""

    text: Annotated[str, Meta(max_length=2000)] | UnsetType = UNSET
    """Preview text (billed as TTS); needs `model`."""

    model: str | UnsetType = UNSET
    """`speech-02-hd`, `speech-02-turbo`, `speech-2.5-hd-preview`, `speech-2.8-hd`, ...; required with `text`."""

    accuracy: Annotated[float, Meta(ge=0, le=1)] | UnsetType = UNSET
    """Validation accuracy, [0, 1]."""

    need_noise_reduction: bool | UnsetType = UNSET
    """Denoise the sample."""

    need_volume_normalization: bool | UnsetType = UNSET
    """Normalise the sample's volume."""

    def __post_init__(self) -> None:
        if self.text is not UNSET and self.model is UNSET:
            raise ValueError("`text` (a preview) needs `model`")


class MiniMaxVoiceCloneResponse(ResponseStruct, kw_only=True):
    """Answer of MiniMax voice cloning; the preview key is `demo_audio_url` (page) or `audio_url` (CLI)."""

    voice_id: str = ""
    """The cloned voice, for `voice_setting.voice_id`."""

    demo_audio_url: str = ""
    """Preview URL (page name)."""

    audio_url: str = ""
    """Preview URL (the official CLI's name, §18)."""

    base_resp: MiniMaxBaseResp | None = None
    """In-band status, if proxied."""

    @property
    def preview_url(self) -> str:
        return self.demo_audio_url or self.audio_url
