"""A bounded server-sent-events parser (the `text/event-stream` format, as MiniMax speech streams it, §17.1).

Pure and incremental: feed it the bytes as they arrive, get back the `data` payloads of completed events.
One event may not exceed `max_event_bytes` (a server that never ends an event cannot grow our memory), and
the parser keeps at most one partial event. Comments (`:`) and fields other than `data` (`event`, `id`,
`retry`, ...) are ignored, as the format says; a line without a colon is an error. A `[DONE]` sentinel is
not documented for Novita and is passed through for the caller to judge.
"""

from __future__ import annotations

__all__ = ("SSEDecoder", "SSEError")


class SSEError(ValueError):
    """The stream broke the event-stream format or a size bound."""


class SSEDecoder:
    """Incremental parser: `feed(chunk)` returns the data of every event completed by `chunk`."""

    __slots__ = ("_buffer", "_data", "_data_size", "max_event_bytes")

    def __init__(self, max_event_bytes: int) -> None:
        self.max_event_bytes = max_event_bytes
        self._buffer = bytearray()
        self._data: list[bytes] = []
        self._data_size = 0

    def feed(self, chunk: bytes) -> list[bytes]:
        self._buffer += chunk
        events: list[bytes] = []
        start = 0
        buffer = self._buffer
        while True:
            end = buffer.find(b"\n", start)
            if end < 0:
                break
            line = bytes(buffer[start:end])
            start = end + 1
            if line.endswith(b"\r"):
                line = line[:-1]
            event = self._line(line)
            if event is not None:
                events.append(event)
        del buffer[:start]
        if len(buffer) + self._data_size > self.max_event_bytes:
            raise SSEError(f"an event exceeds {self.max_event_bytes} bytes")
        return events

    def finish(self) -> list[bytes]:
        """Events left when the body ended: a final event without its blank line still counts."""
        events = self.feed(b"\n") if self._buffer else []
        if self._data:
            events.append(self._dispatch())
        return events

    @property
    def pending(self) -> bool:
        """Whether a partial event is buffered."""
        return bool(self._buffer) or bool(self._data)

    def _line(self, line: bytes) -> bytes | None:
        if not line:
            return self._dispatch() if self._data else None
        if line.startswith(b":"):
            return None
        name, sep, value = line.partition(b":")
        if not sep:
            raise SSEError(f"not an event-stream line: {line[:80]!r}")
        if value.startswith(b" "):
            value = value[1:]
        if name == b"data":
            self._data.append(value)
            self._data_size += len(value) + 1
            if self._data_size > self.max_event_bytes:
                raise SSEError(f"an event exceeds {self.max_event_bytes} bytes")
        # Other fields (`event`, `id`, `retry`, and names added later) are ignored, as the format says.
        return None

    def _dispatch(self) -> bytes:
        data = b"\n".join(self._data)
        self._data = []
        self._data_size = 0
        return data
