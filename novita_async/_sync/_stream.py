"""`SyncSpeechStream`: the blocking twin of `SpeechStream` (MiniMax speech with `stream: true`)."""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ._portal import SyncIterator, run_blocking

if TYPE_CHECKING:
    from anyio.from_thread import BlockingPortal

    from ..resources._audio_results import SpeechStream
    from ..types.audio_responses import SpeechChunk

__all__ = ("SyncSpeechStream",)


class SyncSpeechStream:
    """Streamed speech from sync code:

        with client.audio.minimax_speech_28_hd_stream(text=..., voice_setting=...) as stream:
            for chunk in stream:            # SpeechChunk: .audio (bytes), .status, .is_final
                ...
        # or: stream.write_to("speech.mp3")   (consumes and closes the stream)

    The events are read in the client's loop thread, one task for the whole stream, and handed over as
    they arrive; leaving the `with` block (or `close()`) releases the connection, also after a `break`.
    """

    __slots__ = ("_portal", "_stream")

    def __init__(self, portal: BlockingPortal, stream: SpeechStream) -> None:
        self._portal = portal
        self._stream = stream

    def __repr__(self) -> str:
        return f"Sync{self._stream!r}"

    @property
    def content_type(self) -> str:
        return self._stream.content_type

    def __iter__(self) -> SyncIterator[SpeechChunk]:
        return SyncIterator(self._portal, lambda: self._stream)

    def read(self) -> bytes:
        """The whole audio (the rest of the stream), joined."""
        return run_blocking(self._portal, self._stream.read)  # type: ignore[no-any-return]

    def write_to(self, path: str | os.PathLike[str]) -> Path:
        """Stream the audio into `path` (atomically); returns the path."""
        return run_blocking(self._portal, self._stream.write_to, path)  # type: ignore[no-any-return]

    def close(self) -> None:
        run_blocking(self._portal, self._stream.aclose)

    def __enter__(self) -> SyncSpeechStream:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
