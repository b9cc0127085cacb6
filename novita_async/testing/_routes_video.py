"""Part 2 video endpoints (novita-api-2026.md §16, §20): Kling, Hailuo, Video-01, Wan, Hunyuan, Vidu, Seedance.

Each validator checks what its page documents (required fields, enums, ranges of sizing fields) and
answers `INVALID_REQUEST_BODY` naming the field; both sides of every §18 conflict are accepted (Hailuo
`image`/`image_url`, Wan 2.1 with or without `model_name`, Vidu Q3 pro-i2v `audio` as bool or string).
The result is a small real MP4 in `videos[]`. Written from the reference, not from the client's types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ._http import ApiError, Body
from ._routes_v3 import TaskSpec

__all__ = ("VIDEO_ROUTES",)

_RATIOS = ("16:9", "9:16", "1:1")


def _enum(b: Body, key: str, values: Iterable[Any], *, required: bool = False) -> Any:
    value = b.get(key)
    if value is None:
        if required:
            raise ApiError.invalid(f"{b.name(key)} is required")
        return None
    allowed = tuple(values)
    # bool is an int in Python: never let `true` pass for `1`.
    if isinstance(value, bool) or value not in allowed or type(value) is not type(allowed[0]):
        raise ApiError.invalid(f"{b.name(key)} must be one of {', '.join(map(repr, allowed))}")
    return value


def _text(b: Body, key: str, max_len: int | None = None, *, required: bool = True) -> str:
    if required:
        return b.req_str(key, max_len)
    value = b.opt_str(key)
    if max_len is not None and len(value) > max_len:
        raise ApiError.out_of_range(f"{b.name(key)} must be at most {max_len} characters")
    return value


def _media(b: Body, key: str, *, required: bool = True, url_only: bool = False) -> None:
    value = b.get(key)
    if value is None:
        if required:
            raise ApiError.invalid(f"{b.name(key)} is required")
        return
    if not isinstance(value, str) or not value:
        raise ApiError.invalid(f"{b.name(key)} must be a non-empty string")
    is_url = value.startswith(("http://", "https://"))
    if url_only and not is_url:
        raise ApiError.invalid(f"{b.name(key)} must be a public http(s) URL")
    if not is_url:
        b.req_b64(key)  # a data URI or base64


def _media_list(b: Body, key: str, lo: int, hi: int | None) -> int:
    items = b.req_list(key, lo, hi)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise ApiError.invalid(f"{b.name(key)}[{i}] must be a URL or data URI")
    return len(items)


def _flags(b: Body, *keys: str) -> None:
    for key in keys:
        b.opt_bool(key)


def _video(prompt: str, *, image: bool, seed: int = -1, **info: object) -> TaskSpec:
    kind = "IMG_TO_VIDEO" if image else "TXT_TO_VIDEO"
    return TaskSpec(kind, 1, prompt, seed, is_video=True, output_ext="mp4", info=dict(info))


# --- Kling (§16.2-§16.6) -------------------------------------------------------------------------------


def _kling_v16(image: bool) -> Callable[[Body], TaskSpec]:
    def check(b: Body) -> TaskSpec:
        prompt = _text(b, "prompt", 2000)
        _text(b, "negative_prompt", 2000, required=False)
        if b.has("guidance_scale"):
            b.req_num("guidance_scale", 0, 1)
        if image:
            mode = _enum(b, "mode", ("Standard", "Professional")) or "Standard"
            _media(b, "image_url", url_only=True)
            _media(b, "end_image_url", required=False, url_only=True)
            if b.has("end_image_url") and mode != "Professional":
                raise ApiError.invalid("end_image_url needs mode Professional")
        else:
            _enum(b, "mode", ("Standard",))
            _enum(b, "duration", (5, 10))
        return _video(prompt, image=image)

    return check


def _kling(*, image: bool, string_duration: bool, guidance: str, modes: tuple[str, ...] = (),
           ratio: bool = False, max_prompt: int | None = 2500, image_key: str = "image",
           last_image: bool = False, sound: bool = False) -> Callable[[Body], TaskSpec]:  # fmt: skip
    durations: tuple[Any, ...] = ("5", "10") if string_duration else (5, 10)

    def check(b: Body) -> TaskSpec:
        prompt = _text(b, "prompt", max_prompt)
        _text(b, "negative_prompt", 2500, required=False)
        _enum(b, "duration", durations)
        if guidance and b.has(guidance):
            b.req_num(guidance, 0, 1)
        if modes:
            _enum(b, "mode", modes)
        if ratio:
            _enum(b, "aspect_ratio", _RATIOS)
        if image:
            _media(b, image_key)
        if last_image:
            _media(b, "last_image", required=False)
        if sound:
            b.opt_bool("sound")
            b.opt_list("voice_list", 2)
        return _video(prompt, image=image)

    return check


# --- MiniMax (§16.7, §16.8) ------------------------------------------------------------------------


def _hailuo_02(b: Body) -> TaskSpec:
    prompt = _text(b, "prompt", 2000)
    _media(b, "image", required=False)
    _media(b, "end_image", required=False)
    _media(b, "image_url", required=False)  # the old page's name (§18: accepted)
    duration = _enum(b, "duration", (6, 10)) or 6
    resolution = _enum(b, "resolution", ("768P", "1080P")) or "768P"
    if duration == 10 and resolution != "768P":
        raise ApiError.invalid("resolution must be 768P for 10-second videos")
    _flags(b, "enable_prompt_expansion", "fast_pretreatment")
    return _video(prompt, image=b.has("image") or b.has("image_url"))


def _video_01(b: Body) -> TaskSpec:
    prompt = _text(b, "prompt", 2000)
    _media(b, "image_url", required=False, url_only=True)
    _flags(b, "enable_prompt_expansion", "aigc_watermark")
    return _video(prompt, image=b.has("image_url"))


# --- Wan and Hunyuan (§16.9-§16.12) -----------------------------------------------------------------

_WAN_PAIRS = {(480, 832), (832, 480), (1280, 720), (720, 1280)}
_HUNYUAN_PAIRS = {(640, 480), (480, 640), (480, 864), (864, 480), (1280, 720), (720, 1280)}


def _wan21(image: bool) -> Callable[[Body], TaskSpec]:
    model = "wan2.1-i2v" if image else "wan2.1-t2v"

    def check(b: Body) -> TaskSpec:
        if b.has("model_name") and b.req_str("model_name") != model:
            raise ApiError.invalid(f"model_name must be {model}")
        prompt = _text(b, "prompt", 2000)
        _text(b, "negative_prompt", 2000, required=False)
        size = (b.opt_int("width", 832), b.opt_int("height", 480))
        if size not in _WAN_PAIRS:
            raise ApiError.out_of_range("width x height must be 480x832, 832x480, 1280x720 or 720x1280")
        if image:
            _media(b, "image_url", url_only=True)
        for lora in b.items("loras", max_len=3):
            lora.req_str("path")
            lora.req_num("scale")
        seed = b.opt_int("seed", -1, -1, 9999999999)
        b.opt_int("steps", 30, 1, 40)
        if b.has("guidance_scale"):
            b.req_num("guidance_scale", 0, 10)
        if b.has("flow_shift"):
            b.req_num("flow_shift", 1, 10)
        _flags(b, "enable_safety_checker", "fast_mode")
        return _video(prompt, image=image, seed=seed, model=model)

    return check


def _wan22_t2v(b: Body) -> TaskSpec:
    inp, params = b.obj("input"), b.obj("parameters")
    if not b.has("input"):
        raise ApiError.invalid("input is required")
    prompt = _text(inp, "prompt")
    _text(inp, "negative_prompt", 500, required=False)
    size = params.opt_str("size", "1920*1080")
    w, _, h = size.partition("*")
    if not (w.isdigit() and h.isdigit()):
        raise ApiError.invalid("parameters.size must look like 1920*1080")
    params.opt_bool("prompt_extend", True)
    seed = params.opt_int("seed", -1, 0, 2147483647)
    return _video(prompt[:800], image=False, seed=seed, size=size)


def _wan22_i2v(b: Body) -> TaskSpec:
    inp, params = b.obj("input"), b.obj("parameters")
    _media(inp, "img_url", url_only=True)
    prompt = _text(inp, "prompt", required=False)
    _text(inp, "negative_prompt", 500, required=False)
    _enum(params, "resolution", ("480P", "1080P"))
    _enum(params, "duration", (5,))
    params.opt_bool("prompt_extend")
    seed = params.opt_int("seed", -1, 0, 2147483647)
    return _video(prompt[:800], image=True, seed=seed)


def _wan26_i2v(b: Body) -> TaskSpec:
    inp, params = b.obj("input"), b.obj("parameters")
    _media(inp, "img_url")
    prompt = _text(inp, "prompt", 2000, required=False)
    inp.opt_str("template")
    _media(inp, "audio_url", required=False, url_only=True)
    _text(inp, "negative_prompt", 500, required=False)
    _enum(params, "resolution", ("720P", "1080P"))
    _enum(params, "duration", (5, 10, 15))
    _enum(params, "shot_type", ("single", "multi"))
    _flags(params, "audio", "watermark", "prompt_extend")
    seed = params.opt_int("seed", -1, 0, 2147483647)
    return _video(prompt, image=True, seed=seed)


def _hunyuan_fast(b: Body) -> TaskSpec:
    if b.req_str("model_name") != "hunyuan-video-fast":
        raise ApiError.invalid("model_name must be hunyuan-video-fast")
    size = (b.req_int("width"), b.req_int("height"))
    if size not in _HUNYUAN_PAIRS:
        raise ApiError.out_of_range("width x height is not a supported pair")
    seed = b.req_int("seed", -1, 9999999999)
    b.req_int("steps", 2, 30)
    prompt = _text(b, "prompt", 2000)
    b.opt_int("frames", 85, 85, 129)  # old page: required; new page: absent (§16.12)
    return _video(prompt, image=False, seed=seed)


# --- Vidu (§16.13-§16.15) ------------------------------------------------------------------------------


def _vidu_q1(ref: bool) -> Callable[[Body], TaskSpec]:
    def check(b: Body) -> TaskSpec:
        prompt = _text(b, "prompt", 1500)
        if ref:
            _media_list(b, "images", 1, 7)
        else:
            _enum(b, "style", ("general", "anime"))
        _enum(b, "duration", (5,))
        b.opt_int("seed", -1)
        _enum(b, "aspect_ratio", _RATIOS)
        _enum(b, "resolution", ("1080p",))
        _enum(b, "movement_amplitude", ("auto", "small", "medium", "large"))
        b.opt_bool("bgm")
        return _video(prompt, image=ref)

    return check


def _vidu_q2_ref(b: Body) -> TaskSpec:
    prompt = _text(b, "prompt")
    for subject in b.items("subjects", required=True):
        subject.opt_str("id")
        subject.opt_list("images")
        subject.opt_str("voice_id")
    b.req_int("duration", 1, 10)
    _flags(b, "audio", "bgm", "watermark")
    _enum(b, "resolution", ("540p", "720p", "1080p"))
    b.opt_str("aspect_ratio")
    b.opt_str("movement_amplitude")
    return _video(prompt, image=True, seed=b.opt_int("seed", -1))


def _vidu_q3(*, image: bool, max_prompt: int, pro: bool) -> Callable[[Body], TaskSpec]:
    def check(b: Body) -> TaskSpec:
        prompt = _text(b, "prompt", max_prompt, required=not image)
        if image:
            _media_list(b, "images", 1, 1 if pro else None)
        audio = b.get("audio")
        if audio is not None and not isinstance(audio, bool | str):  # pro-i2v: a URL string (§18)
            raise ApiError.invalid("audio must be a boolean (or, on pro-i2v, an audio URL)")
        seed = b.opt_int("seed", 0, 0, 2147483647)
        b.opt_int("duration", 5, 1, 16)
        _flags(b, "off_peak", "watermark", "is_rec")
        _enum(b, "resolution", ("540p", "720p", "1080p"))
        _enum(b, "aspect_ratio", ("16:9", "9:16", "4:3", "3:4", "1:1"))
        b.opt_str("wm_url")
        position = b.get("wm_position")
        if position is not None and str(position) not in ("1", "2", "3", "4"):  # pro-i2v cURL sends a string
            raise ApiError.out_of_range("wm_position must be in [1, 4]")
        _enum(b, "style", ("general", "anime"))
        _enum(b, "audio_type", ("all", "speech_only", "sound_effect_only"))
        return _video(prompt, image=image, seed=seed)

    return check


# --- Seedance (§16.16, §16.17) ---------------------------------------------------------------------------


def _seedance_v1(image: bool) -> Callable[[Body], TaskSpec]:
    ratios = ("21:9", "16:9", "4:3", "1:1", "3:4", "9:16") + (("9:21",) if image else ())

    def check(b: Body) -> TaskSpec:
        prompt = _text(b, "prompt", 2000, required=not image)
        if image:
            _media(b, "image")
            _media(b, "last_image", required=False)
        _enum(b, "resolution", ("480p", "720p", "1080p"), required=not image)
        _enum(b, "duration", (5, 10), required=not image)
        _enum(b, "aspect_ratio", ratios)
        b.opt_bool("camera_fixed")
        return _video(prompt, image=image, seed=b.opt_int("seed", -1, -1, 2147483647))

    return check


def _seedance_v15(image: bool) -> Callable[[Body], TaskSpec]:
    def check(b: Body) -> TaskSpec:
        prompt = _text(b, "prompt", required=not image)
        if image:
            _media(b, "image")
            _media(b, "last_image", required=False)
        _enum(b, "ratio", ("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"))
        b.opt_int("duration", 5, 4, 12)
        _enum(b, "fps", (24,))
        _enum(b, "resolution", ("480p", "720p"))
        _flags(b, "watermark", "camera_fixed", "generate_audio")
        _enum(b, "service_tier", ("default", "flex"))
        b.opt_int("execution_expires_after", 0, 1)
        return _video(prompt, image=image, seed=b.opt_int("seed", -1, -1, 4294967295))

    return check


VIDEO_ROUTES: dict[str, Callable[[Body], TaskSpec]] = {
    "kling-v1.6-t2v": _kling_v16(image=False),
    "kling-v1.6-i2v": _kling_v16(image=True),
    "kling-v2.1-i2v": _kling(image=True, string_duration=True, guidance="guidance_scale",
                             modes=("Standard", "Professional")),
    "kling-v2.1-i2v-master": _kling(image=True, string_duration=True, guidance="guidance_scale"),
    "kling-v2.1-t2v-master": _kling(image=False, string_duration=True, guidance="guidance_scale", ratio=True),
    "kling-2.5-turbo-t2v": _kling(image=False, string_duration=True, guidance="cfg_scale", modes=("pro",),
                                  ratio=True),
    "kling-2.5-turbo-i2v": _kling(image=True, string_duration=True, guidance="cfg_scale", modes=("pro",)),
    "kling-o1-t2v": _kling(image=False, string_duration=False, guidance="", ratio=True, max_prompt=None),
    "kling-o1-i2v": _kling(image=True, string_duration=False, guidance="", ratio=True, max_prompt=None,
                           last_image=True),
    "kling-v2.6-pro-t2v": _kling(image=False, string_duration=False, guidance="cfg_scale", ratio=True,
                                 sound=True),
    "kling-v2.6-pro-i2v": _kling(image=True, string_duration=False, guidance="cfg_scale", ratio=True,
                                 sound=True),
    "minimax-hailuo-02": _hailuo_02,
    "minimax-video-01": _video_01,
    "wan-t2v": _wan21(image=False),
    "wan-i2v": _wan21(image=True),
    "wan-2.2-t2v": _wan22_t2v,
    "wan-2.2-i2v": _wan22_i2v,
    "wan2.6-i2v": _wan26_i2v,
    "hunyuan-video-fast": _hunyuan_fast,
    "vidu-q1-text2video": _vidu_q1(ref=False),
    "vidu-q1-txt2video": _vidu_q1(ref=False),  # the page's other slug (§16.13)
    "vidu-q1-reference2video": _vidu_q1(ref=True),
    "vidu-q2-reference2video": _vidu_q2_ref,
    "vidu-q3-pro-t2v": _vidu_q3(image=False, max_prompt=2000, pro=True),
    "vidu-q3-pro-i2v": _vidu_q3(image=True, max_prompt=1500, pro=True),
    "vidu-q3-turbo-t2v": _vidu_q3(image=False, max_prompt=5000, pro=False),
    "vidu-q3-turbo-i2v": _vidu_q3(image=True, max_prompt=5000, pro=False),
    "seedance-v1-pro-t2v": _seedance_v1(image=False),
    "seedance-v1-pro-i2v": _seedance_v1(image=True),
    "seedance-v1.5-pro-t2v": _seedance_v15(image=False),
    "seedance-v1.5-pro-i2v": _seedance_v15(image=True),
}  # fmt: skip
