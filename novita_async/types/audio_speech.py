"""MiniMax speech: sync, streamed and async TTS (novita-api-2026.md §17.1, §17.2; rows 171-181).

Result kinds (§13.2): MiniMax sync speech answers JSON with the audio **hex-encoded** (or a URL), or
server-sent events with `stream: true`; the async variants are tasks whose results carry `audios[]`;
GLM-TTS answers the **binary** audio itself; clones and ASR answer small JSON objects.

The MiniMax pages disagree between families (§18) and each Struct follows its page: `english_normalization`
(02) vs `text_normalization` (2.5, 2.8); `audio_setting.sample_rate` (sync) vs `audio_sample_rate`
(2.8 async). The response decoders accept both the 02 shape (`{audio, status}`) and the 2.8 shape
(`{data: {audio, status, subtitle_file}, trace_id, base_resp, extra_info}`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import UNSET, Meta, UnsetType

from ._base import RequestStruct
from ._part2 import AsyncRequest

__all__ = (
    "AudioSetting",
    "AudioSetting28",
    "AudioSetting28Async",
    "MiniMaxSpeech02AsyncRequest",
    "MiniMaxSpeech02Request",
    "MiniMaxSpeech25AsyncRequest",
    "MiniMaxSpeech25Request",
    "MiniMaxSpeech28AsyncRequest",
    "MiniMaxSpeech28Request",
    "PronunciationDict",
    "StreamOptions",
    "TimberWeight",
    "VoiceModify",
    "VoiceSetting02",
    "VoiceSetting25",
    "VoiceSetting28",
)

# --- MiniMax request parts (§17.1) -----------------------------------------------------------------


class _VoiceSetting(RequestStruct, kw_only=True):
    """Fields of `voice_setting` shared by every MiniMax page."""

    voice_id: str | UnsetType = UNSET
    """System or cloned voice, e.g. `Wise_Woman`, `Calm_Woman`, `Deep_Voice_Man`."""

    speed: Annotated[float, Meta(ge=0.5, le=2)] | UnsetType = UNSET
    """Speed, [0.5, 2] (default 1.0)."""

    vol: Annotated[float, Meta(gt=0, le=10)] | UnsetType = UNSET
    """Volume, (0, 10] (default 1.0)."""

    pitch: Annotated[int, Meta(ge=-12, le=12)] | UnsetType = UNSET
    """Pitch in semitones, [-12, 12] (default 0)."""

    emotion: str | UnsetType = UNSET
    """`happy`, `sad`, `angry`, `fearful`, `disgusted`, `surprised`, `neutral` (open: newer models add values)."""


class VoiceSetting02(_VoiceSetting, kw_only=True):
    """`voice_setting` of the 02 pages."""

    english_normalization: bool | UnsetType = UNSET
    """Normalise numbers and English text (the 02 pages' name; 2.5/2.8 say `text_normalization`)."""


class VoiceSetting25(_VoiceSetting, kw_only=True):
    """`voice_setting` of the 2.5 (and, inferred, 2.6) pages."""

    text_normalization: bool | UnsetType = UNSET
    """Normalise numbers and text (the 2.5/2.8 pages' name for 02's `english_normalization`)."""


class VoiceSetting28(VoiceSetting25, kw_only=True):
    """`voice_setting` of the 2.8 pages."""

    latex_read: bool | UnsetType = UNSET
    """Read LaTeX formulas aloud."""


SampleRate = Literal[8000, 16000, 22050, 24000, 32000, 44100]


class _AudioEncoding(RequestStruct, kw_only=True):
    """The `audio_setting` fields every MiniMax page names alike."""

    bitrate: Literal[32000, 64000, 128000, 256000] | UnsetType = UNSET
    """Bitrate, mp3 only (default 128000)."""

    format: Literal["mp3", "pcm", "flac", "wav"] | UnsetType = UNSET
    """Container (default `mp3`)."""

    channel: Literal[1, 2] | UnsetType = UNSET
    """Channels (default 1)."""


class AudioSetting(_AudioEncoding, kw_only=True):
    """`audio_setting`: output encoding."""

    sample_rate: SampleRate | UnsetType = UNSET
    """Sample rate (default 32000)."""


class AudioSetting28(AudioSetting, kw_only=True):
    """`audio_setting` of the 2.8 sync pages."""

    force_cbr: bool | UnsetType = UNSET
    """Constant bitrate."""


class AudioSetting28Async(_AudioEncoding, kw_only=True):
    """`audio_setting` of the 2.8 async pages, which name the rate `audio_sample_rate` (§17.2, §18)."""

    audio_sample_rate: SampleRate | UnsetType = UNSET
    """Sample rate (default 32000)."""

    force_cbr: bool | UnsetType = UNSET
    """Constant bitrate."""


class PronunciationDict(RequestStruct, kw_only=True):
    """Pronunciation overrides."""

    tone: list[str]
    """E.g. `["omg/oh my god"]`; Chinese tones as digits 1-5."""


class TimberWeight(RequestStruct, kw_only=True):
    """One voice of a mix (`timber_weights`, spelled as on the page)."""

    voice_id: str
    """Voice to mix in."""

    weight: int
    """Its weight."""


class VoiceModify(RequestStruct, kw_only=True):
    """Voice effects (2.x pages)."""

    pitch: int | UnsetType = UNSET
    """Pitch shift."""

    intensity: int | UnsetType = UNSET
    """Intensity."""

    timbre: int | UnsetType = UNSET
    """Timbre."""

    sound_effects: Literal["spacious_echo", "auditorium_echo", "lofi_telephone", "robotic"] | UnsetType = UNSET
    """An effect."""


class StreamOptions(RequestStruct, kw_only=True):
    """`stream_options` (2.8)."""

    exclude_aggregated_audio: bool | UnsetType = UNSET
    """Final SSE frame without the aggregated audio."""


# --- MiniMax requests -------------------------------------------------------------------------------


class _MiniMaxSpeechBase(RequestStruct, kw_only=True):
    """Fields shared by the MiniMax sync speech requests (§17.1)."""

    text: Annotated[str, Meta(min_length=1, max_length=9999)]
    """Text to speak, < 10,000 characters; `<#0.5#>` inserts a pause."""

    audio_setting: AudioSetting | UnsetType = UNSET
    """Output encoding (format, sample rate, bitrate, channels)."""

    pronunciation_dict: PronunciationDict | UnsetType = UNSET
    """Pronunciation overrides."""

    timber_weights: Annotated[list[TimberWeight], Meta(max_length=4)] | UnsetType = UNSET
    """Mix up to 4 voices (instead of `voice_setting.voice_id`)."""

    stream: bool | UnsetType = UNSET
    """Server-sent events; set by the `..._stream` methods, which return a `SpeechStream`."""

    output_format: Literal["hex", "url"] | UnsetType = UNSET
    """`hex` (default: the audio inline) or `url` (a link valid 24 h); non-streaming only."""

    language_boost: str | UnsetType = UNSET
    """`auto`, `Chinese`, `English`, ... (default null)."""

    def __post_init__(self) -> None:
        voice = getattr(self, "voice_setting", UNSET)
        if (voice is UNSET or voice.voice_id is UNSET) and self.timber_weights is UNSET:
            raise ValueError("give `voice_setting.voice_id` or `timber_weights`")
        if self.stream is True and self.output_format == "url":
            raise ValueError('`output_format="url"` is for non-streaming calls only')


class MiniMaxSpeech02Request(_MiniMaxSpeechBase, kw_only=True):
    """Body of `POST /v3/minimax-speech-02-hd` and `-02-turbo` (§17.1, rows 171, 172)."""

    voice_setting: VoiceSetting02 | UnsetType = UNSET
    """Voice, speed, volume, pitch, emotion."""


class MiniMaxSpeech25Request(_MiniMaxSpeechBase, kw_only=True):
    """Body of `POST /v3/minimax-speech-2.5-hd-preview` and `-2.6-hd` (§17.1, rows 173, 174; 2.6 inferred)."""

    voice_setting: VoiceSetting25 | UnsetType = UNSET
    """Voice, speed, volume, pitch, emotion."""

    voice_modify: VoiceModify | UnsetType = UNSET
    """Voice effects."""


class MiniMaxSpeech28Request(_MiniMaxSpeechBase, kw_only=True):
    """Body of `POST /v3/minimax-speech-2.8-hd` and `-2.8-turbo` (§17.1, rows 175, 176)."""

    voice_setting: VoiceSetting28 | UnsetType = UNSET
    """Voice, speed, volume, pitch, emotion."""

    audio_setting: AudioSetting28 | UnsetType = UNSET
    """Output encoding, plus `force_cbr`."""

    voice_modify: VoiceModify | UnsetType = UNSET
    """Voice effects."""

    stream_options: StreamOptions | UnsetType = UNSET
    """Streaming options."""

    aigc_watermark: bool | UnsetType = UNSET
    """Audible AI-content watermark."""

    subtitle_enable: bool | UnsetType = UNSET
    """Also produce a subtitle file (`data.subtitle_file`)."""

    continuous_sound: bool | UnsetType = UNSET
    """Smoother joins between sentences."""


class _MiniMaxAsyncBase(AsyncRequest, kw_only=True):
    """Fields shared by the MiniMax async speech requests (§17.2)."""

    pronunciation_dict: PronunciationDict | UnsetType = UNSET
    """Pronunciation overrides."""

    language_boost: str | UnsetType = UNSET
    """`auto`, `Chinese`, `English`, ..."""


class MiniMaxSpeech02AsyncRequest(_MiniMaxAsyncBase, kw_only=True):
    """Body of `POST /v3/async/minimax-speech-02-hd` and `-02-turbo` (§17.2, rows 177, 178)."""

    text: Annotated[str, Meta(min_length=1, max_length=50000)]
    """Long text, ≤ 50,000 characters (the field limit wins over the intro's "1 million", §18)."""

    voice_setting: VoiceSetting02
    """Voice (required by the 02-hd page)."""

    audio_setting: AudioSetting | UnsetType = UNSET
    """Output encoding."""

    timber_weights: Annotated[list[TimberWeight], Meta(max_length=4)] | UnsetType = UNSET
    """Mix up to 4 voices."""


class MiniMaxSpeech25AsyncRequest(_MiniMaxAsyncBase, kw_only=True):
    """Body of `POST /v3/async/minimax-speech-2.5-hd-preview` (§17.2, row 179)."""

    text: Annotated[str, Meta(min_length=1, max_length=50000)]
    """Long text, ≤ 50,000 characters."""

    voice_setting: VoiceSetting25
    """Voice."""

    audio_setting: AudioSetting | UnsetType = UNSET
    """Output encoding."""

    voice_modify: VoiceModify | UnsetType = UNSET
    """Voice effects."""


class MiniMaxSpeech28AsyncRequest(_MiniMaxAsyncBase, kw_only=True):
    """Body of `POST /v3/async/minimax-speech-2.8-hd` and `-2.8-turbo` (§17.2, rows 180, 181)."""

    voice_setting: VoiceSetting28
    """Voice."""

    text: Annotated[str, Meta(min_length=1, max_length=50000)] | UnsetType = UNSET
    """Long text, ≤ 50,000 characters; or `text_file_id`."""

    text_file_id: int | UnsetType = UNSET
    """Id of an uploaded txt/zip file (< 100,000 characters; the upload endpoint is UNKNOWN, §19)."""

    audio_setting: AudioSetting28Async | UnsetType = UNSET
    """Output encoding; the rate is `audio_sample_rate` on this page."""

    voice_modify: VoiceModify | UnsetType = UNSET
    """Voice effects."""

    def __post_init__(self) -> None:
        if (self.text is UNSET) == (self.text_file_id is UNSET):
            raise ValueError("give exactly one of `text` and `text_file_id`")
