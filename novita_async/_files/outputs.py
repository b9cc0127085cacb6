"""Files out: whatever a call paid for, saved to disk. The batch engine and the CLI write every output here.

A result may carry its outputs in four ways, and each is saved the same way (atomically, under
`<dir>/<safe id>/<index>.<ext>`, names never from the server):
* URLs (async task results, v2 `imgs`, LCM img2img): downloaded by the `Downloader` (caps, retries,
  expired URLs re-signed by re-reading the task);
* inline base64 (the synchronous "case" endpoints, LCM txt2img, masks): decoded and written in a thread;
* a binary body (`bytes`, e.g. audio answered as `audio/mpeg`): written in a thread;
* anything with a `write_to(path)` method (`WritableOutput`: a streamed or binary audio result, e.g.
  `AudioContent`, `SpeechAudio`, `SpeechStream`), which writes itself; a sync `write_to` runs in a thread;
  its `content_type` (or `extension`/`format`) names the file type. One that holds only a `url` is
  downloaded.

Outputs are found by field name, not by result type, so a response type added tomorrow is saved without
a change here: `image_url`/`video_url`/`audio_url`/`imgs` hold URLs (or, with a base64 output option, the
file itself as base64 or a data URI), `image_file`/`image_base64`/`audio_file`/`video_file`/`b64_json` hold
base64; a sibling `<kind>_type` names the format. Previews (`current_images`) are not outputs.
"""

from __future__ import annotations

import base64
import binascii
import inspect
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import anyio
import anyio.to_thread
import msgspec

from .._errors import NovitaError
from .atomic import open_temp, unlink_quietly, write_atomic
from .downloads import ALLOWED_EXTENSIONS, Downloader, DownloadError, extension_for, safe_name
from .inputs import sniff_extension
from .storage import storage_session

if TYPE_CHECKING:
    from .._client import NovitaClient

__all__ = ("Output", "WritableOutput", "collect_outputs", "refresher", "save_outputs", "save_result")

_URL_KEYS = frozenset(
    {"image_url", "video_url", "audio_url", "demo_audio_url", "imgs", "image_urls", "video_urls", "audio_urls"}
)
_B64_KEYS = frozenset({"image_file", "image_base64", "video_file", "audio_file", "b64_json", "binary_data_base64"})
_TYPE_KEYS = ("format", "type", "file_type")
_MAX_DEPTH = 6
_MIN_INLINE = 64  # a URL field holding this much non-URL text holds the file itself (base64)


@runtime_checkable
class WritableOutput(Protocol):
    """An output that writes itself to a file: binary or streamed (SSE) audio results.

    `write_to` may be a coroutine function (awaited) or a plain one (run in a worker thread). An optional
    `extension`, `format` or `audio_type` attribute names the file type; otherwise it is sniffed.
    """

    def write_to(self, path: Any, /) -> Any: ...


@dataclass(frozen=True)
class Output:
    """One output a call paid for: exactly one of `url`, `b64`, `data` or `writer` is set."""

    url: str | None = None
    b64: str | None = None
    data: bytes | None = None
    writer: WritableOutput | None = None
    hint: str | None = None


def _hint(siblings: Mapping[str, Any], key: str) -> str | None:
    kind = key.split("_")[0]
    for name in (f"{kind}_type", *_TYPE_KEYS):
        value = siblings.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def _writable(value: WritableOutput) -> Output:
    """A self-writing result; one that only carries a URL (`data` empty, `url` set) is downloaded instead."""
    hint = next((h for a in ("extension", "format", "audio_type") if isinstance(h := getattr(value, a, None), str)),
                None)
    content_type = getattr(value, "content_type", None)
    if hint is None and isinstance(content_type, str):
        hint = extension_for(content_type)
    url = getattr(value, "url", None)
    if isinstance(url, str) and url.startswith(("http://", "https://")) and not getattr(value, "data", b"x"):
        return Output(url=url, hint=hint)
    return Output(writer=value, hint=hint)


def _items(value: Any) -> Mapping[str, Any] | None:
    if isinstance(value, msgspec.Struct):
        return {name: getattr(value, name, None) for name in value.__struct_fields__}
    if isinstance(value, Mapping):
        return value
    return None


def _collect(value: Any, out: list[Output], depth: int) -> None:
    if depth > _MAX_DEPTH or value is None or isinstance(value, str | int | float | bool):
        return
    if isinstance(value, bytes | bytearray | memoryview):
        if value:
            out.append(Output(data=bytes(value)))
        return
    if isinstance(value, WritableOutput) and not isinstance(value, type):
        out.append(_writable(value))
        return
    if isinstance(value, list | tuple):
        for item in value:
            _collect(item, out, depth + 1)
        return
    fields = _items(value)
    if fields is None:
        return
    for key, field in fields.items():
        if key in _URL_KEYS:
            for url in field if isinstance(field, list) else [field]:
                if isinstance(url, str) and url.startswith(("http://", "https://")):
                    out.append(Output(url=url, hint=_hint(fields, key)))
                elif isinstance(url, str) and (url.startswith("data:") or len(url) >= _MIN_INLINE):
                    out.append(Output(b64=url, hint=_hint(fields, key)))  # e.g. `enable_base64_output`
        elif key in _B64_KEYS:
            for text in field if isinstance(field, list) else [field]:
                if isinstance(text, str) and text:
                    out.append(Output(b64=text, hint=_hint(fields, key)))
        elif key == "images" and isinstance(field, list) and field and isinstance(field[0], str):
            # Seedream 4.x answers `{"images": ["<URL>", ...]}`: plain URL strings (Part 2 §15.6-15.7).
            out.extend(Output(url=u) for u in field if isinstance(u, str) and u.startswith(("http://", "https://")))
        else:
            _collect(field, out, depth + 1)


def collect_outputs(result: Any) -> list[Output]:
    """Every output of `result`, in the order the server listed them."""
    out: list[Output] = []
    _collect(result, out, 0)
    return out


def refresher(client: NovitaClient, task_id: str, kind: str, index: int) -> Callable[[], Awaitable[str]]:
    """A function returning a freshly signed URL for output `index`: reading the result again re-signs it."""

    async def refresh() -> str:
        fresh: Any
        if kind == "v3":
            fresh = await client.tasks.get(task_id)
        elif kind in ("v2", "v2-enterprise"):
            fresh = await client.tasks.progress(task_id, enterprise=kind == "v2-enterprise")
        else:
            raise DownloadError(f"cannot refresh output URLs of a {kind} task")
        outputs = collect_outputs(fresh)
        if index >= len(outputs) or outputs[index].url is None:
            raise DownloadError(f"task {task_id} no longer lists output {index}")
        return outputs[index].url  # type: ignore[return-value]

    return refresh


def _extension(hint: str | None, head: bytes) -> str:
    if hint and hint.lower().lstrip(".") in ALLOWED_EXTENSIONS:
        return hint.lower().lstrip(".")
    sniffed = sniff_extension(head)
    return sniffed if sniffed in ALLOWED_EXTENSIONS else "bin"


def _write_bytes_sync(directory: Path, stem: str, data: bytes | str, hint: str | None) -> Path:
    """Decode (when base64) and write `data` atomically as `directory/stem.<ext>` (blocking)."""
    if isinstance(data, str):
        text = data.partition(",")[2] if data.startswith("data:") else data
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise DownloadError(f"{stem}: the inline output is not valid base64") from None
    final = directory / f"{stem}.{_extension(hint, data[:16])}"
    write_atomic(final, data)
    return final


def _temp_name(directory: Path, stem: str) -> str:
    fd, tmp = open_temp(directory / stem)
    os.close(fd)  # the writer (re)creates it; it exists so that the name is ours
    return tmp


def _finish_written_sync(tmp: str, directory: Path, stem: str, hint: str | None) -> Path:
    with open(tmp, "rb") as handle:
        head = handle.read(16)
    final = directory / f"{stem}.{_extension(hint, head)}"
    os.replace(tmp, final)
    return final


async def _write_with(writer: WritableOutput, directory: Path, stem: str, hint: str | None) -> Path:
    tmp = await anyio.to_thread.run_sync(_temp_name, directory, stem)
    try:
        if inspect.iscoroutinefunction(writer.write_to):
            await writer.write_to(Path(tmp))
        else:
            outcome = await anyio.to_thread.run_sync(writer.write_to, Path(tmp))
            if inspect.isawaitable(outcome):
                await outcome
        return await anyio.to_thread.run_sync(_finish_written_sync, tmp, directory, stem, hint)
    except BaseException:
        await anyio.to_thread.run_sync(unlink_quietly, tmp)
        raise


async def save_output(
    output: Output,
    downloader: Downloader,
    directory: Path,
    stem: str,
    refresh: Callable[[], Awaitable[str]] | None = None,
) -> Path:
    """Save one output as `directory/stem.<ext>`; returns the final path."""
    if output.url is not None:
        return await downloader.download(output.url, directory, stem, output.hint, refresh=refresh)
    if output.writer is not None:
        return await _write_with(output.writer, directory, stem, output.hint)
    payload = output.b64 if output.b64 is not None else output.data
    assert payload is not None
    return await anyio.to_thread.run_sync(_write_bytes_sync, directory, stem, payload, output.hint)


async def save_outputs(
    client: NovitaClient,
    downloader: Downloader,
    out_dir: Path,
    item_id: str,
    task_id: str | None,
    kind: str | None,
    result: Any,
    stats: Any = None,
) -> tuple[str, ...]:
    """Save every output of `result` into `out_dir/<safe item id>/`; paths returned relative to `out_dir`.

    File names come from the item id and the output's position, never from server-provided strings.
    URLs of a task (`task_id` and `kind` given) are re-signed when they expired. Raises `DownloadError`
    when any output could not be saved (the others are still saved).
    """
    outputs = collect_outputs(result)
    if not outputs:
        return ()
    name = safe_name(item_id)
    directory = out_dir / name
    paths: list[str] = [""] * len(outputs)
    errors: list[BaseException] = []

    async def one(i: int, output: Output) -> None:
        refresh = refresher(client, task_id, kind, i) if task_id and kind and output.url else None
        try:
            path = await save_output(output, downloader, directory, str(i), refresh)
            paths[i] = f"{name}/{path.name}"
        except (NovitaError, OSError) as exc:
            errors.append(exc)

    if stats is not None:
        stats.lane("downloading", 1)
    try:
        async with anyio.create_task_group() as tg:
            for i, output in enumerate(outputs):
                tg.start_soon(one, i, output)
    finally:
        if stats is not None:
            stats.lane("downloading", -1)
    if errors:
        first = errors[0]
        message = str(first) if isinstance(first, NovitaError) else f"{type(first).__name__}: {first}"
        raise DownloadError(message) from first  # the cause tells e.g. a full disk (ENOSPC) apart
    return tuple(paths)


async def save_result(
    client: NovitaClient, result: Any, directory: str | os.PathLike[str], *, name: str = "output",
    task_id: str | None = None, kind: str = "v3",
) -> list[Path]:
    """Save every output of one call's `result` as `directory/<name>/<index>.<ext>`; returns the paths.

    The same rules as the batch (`save_outputs`): URLs downloaded on the client's header-less storage
    session (caps, retries; re-signed from the task when `task_id` is given and they expired), inline
    base64 decoded in a thread, binary and streamed audio written, names never from the server.

        answer = await client.tools.remove_background(image_file=path)
        [saved] = await novita_async.save_result(client, answer, "out")     # out/output/0.png
    """
    out_dir = Path(directory)
    async with Downloader(session=storage_session(client)) as downloader:
        files = await save_outputs(client, downloader, out_dir, name, task_id, kind if task_id else None, result)
    return [out_dir / f for f in files]
