"""Bad file inputs are refused with a clear `RequestValidationError`, before anything is sent.

Not an image (magic bytes), not base64 (any length), a FIFO or a directory instead of a file: each is
caught client-side, and the emulator proves nothing reached the API or the storage host.
"""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path

import anyio
import pytest
from _files_helpers import PNG, PNG_B64

from novita_async import NovitaClient, RequestValidationError, encode_image
from novita_async._files.inputs import sniff_extension
from novita_async.testing import EmulatorServer
from novita_async.testing._media import file_bytes

pytestmark = pytest.mark.timeout(30)

NOT_AN_IMAGE = b"%PDF-1.7\n" + b"x" * 5000
LONG_NOT_BASE64 = "this is a sentence, not base64! " * 200  # 6,400 characters


@pytest.mark.parametrize(
    "value",
    [NOT_AN_IMAGE, base64.b64encode(NOT_AN_IMAGE).decode(), LONG_NOT_BASE64, "data:image/png;base64,@@@@" * 300,
     b"<html>" + b" " * 100_000],
    ids=["bytes", "base64-of-pdf", "long-not-base64", "bad-data-url", "large-html"],
)
async def test_bad_images_are_refused_before_sending(
    value: object, server: EmulatorServer, client: NovitaClient
) -> None:
    with pytest.raises(RequestValidationError) as info:
        await client.tools.remove_background(image_file=value)
    assert info.value.field == "image_file"
    with pytest.raises(RequestValidationError):
        await client.assets.upload_image(value)  # type: ignore[arg-type]
    assert sum(server.state.requests.values()) == 0 and not server.state.storage_requests
    assert "not an image" in str(info.value) or "not base64" in str(info.value)


async def test_a_file_that_is_not_an_image_is_refused(
    tmp_path: Path, server: EmulatorServer, client: NovitaClient
) -> None:
    text = tmp_path / "notes.png"
    await anyio.Path(text).write_bytes(NOT_AN_IMAGE)
    with pytest.raises(RequestValidationError, match="not an image"):
        await client.tools.remove_background(image_file=text)
    assert sum(server.state.requests.values()) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs")
async def test_a_fifo_or_directory_is_refused_without_blocking_a_thread(
    tmp_path: Path, server: EmulatorServer, client: NovitaClient
) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with anyio.fail_after(5):  # a blocking open() would hang here (nobody ever writes the FIFO)
        for bad in (fifo, tmp_path):
            with pytest.raises(RequestValidationError, match="not a regular file"):
                await client.tools.remove_background(image_file=bad)
            with pytest.raises(RequestValidationError, match="not a regular file"):
                await client.assets.upload_image(bad)
        with pytest.raises(RequestValidationError, match="cannot read"):
            await client.tools.remove_background(image_file=tmp_path / "missing.png")
    assert sum(server.state.requests.values()) == 0 and not server.state.storage_requests


async def test_real_images_of_every_kind_pass(tmp_path: Path, server: EmulatorServer, client: NovitaClient) -> None:
    path = tmp_path / "in.png"
    await anyio.Path(path).write_bytes(PNG)
    for ext in ("png", "jpeg", "webp", "gif"):
        assert sniff_extension(file_bytes(ext)) == ext
        assert base64.b64decode(await encode_image(file_bytes(ext))) == file_bytes(ext)
    assert await encode_image(PNG_B64) == PNG_B64
    assert await encode_image(path) == PNG_B64
    big = PNG + b"\x00" * 200_000  # large inputs are checked in a worker thread, same rules
    assert base64.b64decode(await encode_image(base64.b64encode(big).decode())) == big
    with pytest.raises(RequestValidationError, match="not base64"):
        await encode_image("A" * 300_001)
    answer = await client.tools.remove_background(image_file=path)
    assert answer.image_file and sum(server.state.requests.values()) == 1
