"""A deterministic catalogue of ~250 models, in both the v3 (`/v3/model`) and v2 (`ModelInfo`) shapes.

Generated from a fixed seed so every run, test and benchmark sees the same list. Names that appear in the
reference's examples are included, so documented requests work against the emulator unchanged.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import json
import random
from typing import Any

__all__ = ("CIVITAI_FIXTURE_ID", "Model", "catalogue", "civitai_fixture", "is_known_model", "v2_model_info")

CIVITAI_FIXTURE_ID = 64094
_DISPLAY = {
    "checkpoint": "Checkpoint",
    "lora": "LoRA",
    "vae": "VAE",
    "controlnet": "ControlNet",
    "textualinversion": "Textual Inversion",
    "upscaler": "Upscaler",
}
_EXT = {"checkpoint": ".safetensors", "lora": ".safetensors", "vae": ".safetensors", "controlnet": ".pth",
        "textualinversion": ".pt", "upscaler": ".pth"}  # fmt: skip
_KNOWN: list[tuple[str, str, bool, bool]] = [
    # (type, file stem, is_sdxl, is_inpainting)
    ("checkpoint", "sd_xl_base_1.0", True, False),
    ("checkpoint", "dreamshaper_8_93211", False, False),
    ("checkpoint", "dreamshaper_5BakedVae", False, False),
    ("checkpoint", "realisticVisionV51_v51VAE_94301", False, False),
    ("checkpoint", "realisticVisionV40_v40VAE-inpainting_81543", False, True),
    ("checkpoint", "realisticVisionV60B1_v60B1VAE_190174", False, False),
    ("checkpoint", "cyberrealistic_v31_62396", False, False),
    ("checkpoint", "darkSushiMixMix_225D_64380", False, False),
    ("checkpoint", "sdxlUnstableDiffusers_v8HEAVENSWRATH_133813", True, False),
    ("checkpoint", "protovisionXLHighFidelity3D_release0620Bakedvae_131308", True, False),
    ("checkpoint", "neverendingDreamNED_v122BakedVae", False, False),
    ("lora", "add_detail_44319", False, False),
    ("lora", "GoodHands-beta2_39807", False, False),
    ("lora", "sdxl_wrong_lora", True, False),
    ("vae", "sdxl_vae", True, False),
    ("textualinversion", "badhandv4_16755", False, False),
    ("upscaler", "RealESRGAN_x4plus_anime_6B", False, False),
    ("upscaler", "RealESRNet_x4plus", False, False),
    ("upscaler", "4x-UltraSharp", False, False),
] + [
    ("controlnet", name, name.startswith("controlnet-"), False)
    for name in (
        "control_v11e_sd15_ip2p control_v11e_sd15_shuffle control_v11f1e_sd15_tile control_v11f1p_sd15_depth "
        "control_v11p_sd15_canny control_v11p_sd15_inpaint control_v11p_sd15_lineart control_v11p_sd15_mlsd "
        "control_v11p_sd15_normalbae control_v11p_sd15_openpose control_v11p_sd15_scribble "
        "control_v11p_sd15_seg "
        "control_v11p_sd15_softedge control_v11p_sd15s2_lineart_anime control_v1p_sd15_brightness "
        "control_v1p_sd15_qrcode_monster controlnet-canny-sdxl-1.0 controlnet-depth-sdxl-1.0 "
        "controlnet-openpose-sdxl-1.0 controlnet-softedge-sdxl-1.0"
    ).split()
]
_TARGETS = {
    "checkpoint": 80,
    "lora": 100,
    "vae": 12,
    "controlnet": 20,
    "textualinversion": 20,
    "upscaler": 18,
}
_WORDS = ("dream real anime pixel noir sketch photo fantasy cyber retro neon soft epic mystic ink pastel "
          "vivid dark light studio cinematic").split()  # fmt: skip
_TAGS = ("photorealistic anime base model portraits landscapes style character concept art 3d "
         "illustration").split()  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True)
class Model:
    """One catalogue entry; `v3` is the `/v3/model` object, `v2` the legacy `ModelInfo`."""

    type: str
    sd_name: str
    is_sdxl: bool
    is_inpainting: bool
    visibility: str
    source: str
    civitai_version_id: int
    v3: dict[str, Any]
    v2: dict[str, Any]


def _build(rng: random.Random, index: int, kind: str, stem: str, sdxl: bool, inpainting: bool) -> Model:
    model_id = 100_000 + index * 37
    version_id = CIVITAI_FIXTURE_ID if stem.startswith("neverendingDream") else 200_000 + index * 53
    civitai_model_id = 10028 if version_id == CIVITAI_FIXTURE_ID else 5_000 + index * 11
    sd_name = stem + _EXT[kind]
    roll = rng.random()
    source, visibility = (
        ("civitai", "public")
        if roll < 0.85
        else (("training", "private") if roll < 0.95 else ("uploading", "private"))
    )
    tags = sorted(rng.sample(_TAGS, 2))
    hash10 = f"{rng.getrandbits(40):010X}"
    display = stem.replace("_", " ")
    v3 = {
        "id": model_id,
        "name": display,
        "hash_sha256": hash10,
        "sd_name": sd_name,
        "sd_name_in_api": sd_name if kind == "checkpoint" else stem,
        "type": {"name": kind, "display_name": _DISPLAY[kind]},
        "categories": [],
        "status": 1,
        "tags": tags,
        "cover_url": f"https://next-app-static.s3.amazonaws.com/images-prod/cover/{model_id}.jpeg",
        "source": source,
        "base_model": "SDXL 1.0" if sdxl else "SD 1.5",
        "base_model_type": "Inpainting" if inpainting else "Standard",
        "download_url": f"https://civitai.com/api/download/models/{version_id}",
        "download_url_ttl": 2592000,
        "is_sdxl": sdxl,
        "is_nsfw": False,
        "visibility": visibility,
    }
    v2 = {
        "id": model_id,
        "model_id": str(model_id),
        "hash": hash10,
        "name": display,
        "type": kind,
        "version": "",
        "sd_name": sd_name,
        "third_source": "civitai",
        "enable": 1,
        "download_name": sd_name,
        "download_status": 1,
        "dependency_status": 1,
        "delete_time": "",
        "create_time": "2024-01-02 03:04:05",
        "update_time": "2024-01-02 03:04:05",
        "civitai_link": f"https://civitai.com/models/{civitai_model_id}",
        "civitai_model_id": civitai_model_id,
        "civitai_version_id": version_id,
        "civitai_nsfw": False,
        "civitai_allow_commercial_use": "Rent",
        "civitai_allow_different_license": True,
        "civitai_download_url": f"https://civitai.com/api/download/models/{version_id}",
        "civitai_create_at": "2023-06-01 12:00:00",
        "civitai_update_at": "2023-07-01 12:00:00",
        "civitai_trained_words": "",
        "civitai_tags": ",".join(tags),
        "civitai_download_count": rng.randrange(100, 100_000),
        "civitai_favorite_count": rng.randrange(10, 10_000),
        "civitai_comment_count": rng.randrange(0, 500),
        "civitai_rating_count": rng.randrange(0, 500),
        "civitai_rating": round(rng.uniform(3.5, 5.0), 2),
        "civitai_images": [],
        "civitai_image_url": "",
        "civitai_image_nsfw": "None",
        "civitai_origin_image_url": "",
        "civitai_image_prompt": "",
        "civitai_image_negative_prompt": "",
        "civitai_image_sampler_name": "",
        "civitai_image_height": 0,
        "civitai_image_width": 0,
        "civitai_image_steps": 0,
        "civitai_image_cfg_scale": 0,
        "civitai_image_seed": 0,
        "civitai_dependency_model_name": "",
        "civitai_dependency_version_id": None,
        "novita_used_count": rng.randrange(0, 1_000_000),
    }
    return Model(kind, sd_name, sdxl, inpainting, visibility, source, version_id, v3, v2)


@functools.lru_cache(maxsize=1)
def catalogue() -> tuple[Model, ...]:
    """The whole catalogue, ordered by id."""
    rng = random.Random(20240301)
    entries = list(_KNOWN)
    counts = {k: sum(1 for e in entries if e[0] == k) for k in _TARGETS}
    for kind, target in _TARGETS.items():
        for i in range(counts[kind], target):
            sdxl = rng.random() < 0.35
            inpainting = kind == "checkpoint" and rng.random() < 0.1
            word = f"{rng.choice(_WORDS)}{rng.choice(_WORDS).title()}{'XL' if sdxl else ''}"
            stem = f"{word}_v{i % 9 + 1}{i}_{rng.randrange(10_000, 400_000)}"
            if inpainting:
                stem += "-inpainting"
            entries.append((kind, stem, sdxl, inpainting))
    models = [_build(rng, i, *entry) for i, entry in enumerate(entries)]
    fixture = civitai_fixture()["data"]["model"]
    models = [
        dataclasses.replace(m, v2=fixture) if m.civitai_version_id == CIVITAI_FIXTURE_ID else m
        for m in models
    ]
    return tuple(models)


@functools.lru_cache(maxsize=1)
def civitai_fixture_bytes() -> bytes:
    """The documented response for civitai version 64094, byte for byte."""
    return (
        importlib.resources.files("novita_async.testing")
        .joinpath("data/civitai_version_64094.json")
        .read_bytes()
    )


def civitai_fixture() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(civitai_fixture_bytes())
    return result


def v2_model_info(version_id: int) -> dict[str, Any] | None:
    """The v2 `ModelInfo` of the catalogue model with this civitai version id."""
    for model in catalogue():
        if model.civitai_version_id == version_id:
            return model.v2
    return None


@functools.lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    names: set[str] = set()
    for model in catalogue():
        names.update({model.sd_name, str(model.v3["sd_name_in_api"])})
    return frozenset(names)


def is_known_model(name: str) -> bool:
    """Whether `name` is in the catalogue, as a file name or an API name (`EmulatorConfig.strict_models`)."""
    return name in _known_names()
