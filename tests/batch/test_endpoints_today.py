"""Batch endpoint names for the Part 2 rows: paths and slugs resolve through the catalogue (dots, twins)."""

from __future__ import annotations

import pytest

from novita_async import NovitaClient
from novita_async._batch._endpoints import resolve_endpoint


@pytest.mark.parametrize(
    ("endpoint", "method", "path"),
    [
        ("kling-v2.1-i2v", "kling_v21_i2v", "/v3/async/kling-v2.1-i2v"),
        ("/v3/async/wan2.6-i2v", "wan_26_i2v", "/v3/async/wan2.6-i2v"),
        ("minimax-speech-02-hd", "minimax_speech_02_hd_async", "/v3/async/minimax-speech-02-hd"),
        ("/v3/minimax-speech-02-hd", "minimax_speech_02_hd", "/v3/minimax-speech-02-hd"),
        ("glm_tts", "glm_tts", "/v3/glm-tts"),
        ("txt2img", "txt2img", "/v3/async/txt2img"),
        ("seedance_v15_pro_i2v", "seedance_v15_pro_i2v", "/v3/async/seedance-v1.5-pro-i2v"),
    ],
)
def test_part2_names_resolve(endpoint: str, method: str, path: str) -> None:
    resolved = resolve_endpoint(NovitaClient(api_key="k"), endpoint)
    assert resolved.name == method and resolved.path == path
