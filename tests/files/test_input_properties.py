"""Property tests of the input checks: any bytes or text either passes as an image or raises
`RequestValidationError`; nothing else escapes, and what passes round-trips."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from novita_async import RequestValidationError
from novita_async._files.inputs import b64encode_text, read_input_sync, sniff_extension
from novita_async.testing._media import file_bytes

MAGIC = [file_bytes(ext)[:16] for ext in ("png", "jpeg", "webp", "gif")]
payloads = st.one_of(
    st.binary(max_size=300), st.builds(lambda m, b: m + b, st.sampled_from(MAGIC), st.binary(max_size=300))
)


@settings(max_examples=150, deadline=None)
@given(payloads)
def test_bytes_pass_exactly_when_they_start_like_an_image(raw: bytes) -> None:
    try:
        got = read_input_sync(raw, "image", 1 << 20, "/t")
    except RequestValidationError:
        assert raw and sniff_extension(raw) not in ("png", "jpeg", "webp", "gif", "bmp", "tiff", "avif", "heic")
    else:
        assert got == raw
    assert base64.b64decode(b64encode_text(raw)) == raw


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=400), payloads.map(lambda b: base64.b64encode(b).decode()),
                 payloads.map(lambda b: "data:image/png;base64," + base64.b64encode(b).decode())))
def test_text_is_base64_of_an_image_or_refused(text: str) -> None:
    try:
        got = read_input_sync(text, "image", 1 << 20, "/t")
    except RequestValidationError as exc:
        assert exc.field == "image"
    else:
        assert got == base64.b64decode(text.partition(",")[2] if text.startswith("data:") else text)


@pytest.mark.parametrize("size", [0, 1, 2, 3, 786_431, 786_432, 786_433, 3 * 786_432 + 5])
def test_stepped_base64_matches_the_stdlib(size: int) -> None:
    raw = bytes(range(256)) * (size // 256) + bytes(size % 256)
    text = b64encode_text(raw)
    assert text == base64.b64encode(raw).decode()
    assert read_input_sync(text, "f", 1 << 22, "/t", image=False) == raw
