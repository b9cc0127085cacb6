"""Answers of the MiniMax speech endpoints (novita-api-2026.md §17.1, §17.2): both page shapes, SSE frames.

The 02 pages answer `{audio, status}`; the 2.8 pages `{data: {audio, status, subtitle_file}, trace_id,
base_resp, extra_info}` (§18: one decoder accepts both). `SpeechChunk` is what a decoded stream yields.
"""

from __future__ import annotations

import msgspec

from ._base import ResponseStruct

__all__ = (
    "MiniMaxBaseResp",
    "MiniMaxSpeechData",
    "MiniMaxSpeechExtraInfo",
    "MiniMaxSpeechResponse",
    "SpeechChunk",
)


# --- MiniMax responses --------------------------------------------------------------------------------


class MiniMaxBaseResp(ResponseStruct, kw_only=True):
    """In-band status of MiniMax-proxied bodies; `status_code != 0` is an error (§14.3)."""

    status_code: int = 0
    """0 on success; otherwise the upstream MiniMax error code."""

    status_msg: str = ""
    """Its message."""


class MiniMaxSpeechExtraInfo(ResponseStruct, kw_only=True):
    """`extra_info` of 2.8 answers."""

    bitrate: float = 0
    """Bitrate of the audio."""

    audio_size: float = 0
    """Size in bytes."""

    word_count: float = 0
    """Words spoken."""

    audio_format: str = ""
    """`mp3`, `wav`, ..."""

    audio_length: float = 0
    """Milliseconds of audio."""
    audio_channel: float = 0
    """Channels."""

    usage_characters: float = 0
    """Billed characters."""

    audio_sample_rate: float = 0
    """Sample rate."""

    invisible_character_ratio: float = 0
    """Share of invisible characters in the text."""



class MiniMaxSpeechData(ResponseStruct, kw_only=True):
    """`data` of 2.8 answers."""

    audio: str = ""
    """Hex-encoded audio, or a URL."""

    status: int = 0
    """1 = a streamed chunk, 2 = complete."""

    subtitle_file: str = ""
    """Subtitle file URL (with `subtitle_enable`)."""


class MiniMaxSpeechResponse(ResponseStruct, kw_only=True):
    """A sync MiniMax speech answer, or one SSE frame, in either page shape (§17.1)."""

    audio: str = ""
    """02 shape: hex audio or URL."""

    status: int = 0
    """02 shape: 1 chunk, 2 done."""

    data: MiniMaxSpeechData | None = None
    """2.8 shape."""

    trace_id: str = ""
    """Upstream trace id (2.8)."""

    base_resp: MiniMaxBaseResp | None = None
    """In-band status (2.8)."""

    extra_info: MiniMaxSpeechExtraInfo | None = None
    """Audio facts (2.8)."""

    @property
    def audio_text(self) -> str:
        """The audio field of whichever shape the answer has."""
        return self.data.audio if self.data is not None and self.data.audio else self.audio

    @property
    def status_value(self) -> int:
        return self.data.status if self.data is not None and self.data.status else self.status


class SpeechChunk(msgspec.Struct, kw_only=True, frozen=True):
    """One decoded server-sent event of a streamed MiniMax speech call."""

    audio: bytes
    """This chunk's audio bytes (hex-decoded); empty for a final frame without audio."""

    status: int
    """1 = a chunk, 2 = the final frame."""

    is_final: bool
    """Whether this is the status-2 frame."""

    subtitle_file: str = ""
    """Subtitle URL (2.8, final frame)."""

    trace_id: str = ""
    """Upstream trace id (2.8)."""

    extra_info: MiniMaxSpeechExtraInfo | None = None
    """Audio facts (2.8, final frame)."""
