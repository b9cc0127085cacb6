"""The endpoint catalogue as data: every HTTP endpoint of both references and the client call that reaches it.

One `Endpoint` per method + path (enterprise twins and v2/v3 pairs are separate rows). `ref` is the row
number of the reference's catalogue: rows 1-52 are Part 1 (`novita-api.md` §6: 1-43 follow the docs'
navigation, 44-52 are the era's other endpoints), rows 101-191 are Part 2 (`novita-api-2026.md` §13.4, what
Novita sells today). `mode` is the completion protocol: S synchronous JSON, SB synchronous binary body,
S-SSE synchronous JSON or `text/event-stream` with `stream: true`, A2 v2 async (`/v2/progress`), A3 v3 async
(`/v3/async/task-result`), AT training (`/v3/training/{subject|style}`), R plain read/config.
`provisional` marks paths no source documents (invented, served by the emulator; §7.1.1, §7.5.1).
`host` is `api` (the API base URL) or `assets` (`NovitaClient.assets_url`, §5.1).

`status` says where an endpoint stands today (Part 2 §14.8): `established` (documented and current),
`legacy` (still callable, but absent from today's docs or contested), `deprecated` (documented as
deprecated), `removed` (dropped from the official SDKs; the client and the emulator keep them because people
still call them), `not-established` (Part 2 rows whose path or fields no source establishes: listed, with a
note, but without a client method or an emulator route).

`cost_unit` is what the documented rate limit counts (§14.6): `image` (IPM, images per minute: the cost of
a request is the value of its `count_field`, 1 when absent) or `request` (RPM). `rate_limit` is the
documented default per minute, when one is published. The rate controller reads both through
`request_cost` and `documented_limit`.

`python -m novita_async._catalogue` prints the README table (`docs/endpoints.md`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

__all__ = (
    "ENDPOINTS",
    "PART1",
    "PART2",
    "Endpoint",
    "cost_field",
    "documented_limit",
    "established",
    "find",
    "markdown_table",
    "request_cost",
)

Mode = Literal["S", "SB", "S-SSE", "A2", "A3", "AT", "R"]
Status = Literal["established", "legacy", "deprecated", "removed", "not-established"]
Result = Literal["", "images", "videos", "audios", "inline", "binary"]
CostUnit = Literal["request", "image"]
BodyShape = Literal["flat", "wrapped", "dashscope"]

_STATUS_TEXT: dict[str, str] = {
    "established": "current",
    "legacy": "legacy (Part 2 §14.8)",
    "deprecated": "deprecated (Part 2 §14.8)",
    "removed": "removed from the official SDKs (Part 2 §14.8)",
}


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One catalogue row."""

    ref: int
    method: str
    path: str
    call: str
    """Dotted client call, e.g. `client.images.txt2img` (empty for not-established rows)."""
    mode: Mode
    provisional: bool = False
    host: Literal["api", "assets"] = "api"
    args: str = ""
    """Arguments that select this endpoint, e.g. `enterprise=True`."""
    status: Status = "established"
    result: Result = ""
    """Part 2: where the outputs appear (`images`/`videos`/`audios` of task-result, `inline`, `binary`)."""
    body: BodyShape = "flat"
    """Part 2 async submits: flat fields, Part 1 style `{extra, request}`, or DashScope `{input, parameters}`."""
    cost_unit: CostUnit = "request"
    count_field: str = ""
    """For `cost_unit="image"`: the request field holding the number of images (e.g. `image_num`)."""
    rate_limit: int | None = None
    """Documented default limit per minute, in `cost_unit`s (§14.6), when one is published."""
    note: str = ""

    @property
    def part(self) -> int:
        return 2 if self.ref > 100 else 1

    @property
    def established(self) -> bool:
        """Whether the client has a method and the emulator a route for this row."""
        return self.status != "not-established"

    @property
    def call_text(self) -> str:
        return f"{self.call}({self.args})" if self.args else self.call

    @property
    def endpoint_text(self) -> str:
        prefix = "{assets_url}" if self.host == "assets" else ""
        return f"{self.method} {prefix}{self.path}"

    @property
    def status_text(self) -> str:
        if self.part == 2 and self.status == "established":
            kind = f" → {self.result}" if self.result else ""
            shape = f", {self.body}" if self.body != "flat" else ""
            return f"new ({self.mode}{shape}{kind})"
        return _STATUS_TEXT[self.status]


_E = Endpoint
PART1: tuple[Endpoint, ...] = (
    _E(1, "POST", "/v3/user/s3-config", "client.account.set_s3_config", "R", provisional=True),
    _E(2, "GET", "/v3/user/s3-config", "client.account.get_s3_config", "R", provisional=True),
    _E(3, "DELETE", "/v3/user/s3-config", "client.account.delete_s3_config", "R", provisional=True),
    _E(4, "GET", "/v3/user", "client.account.user", "R", status="legacy"),
    _E(5, "POST", "/v2/txt2img", "client.v2.txt2img", "A2", status="deprecated"),
    _E(5, "POST", "/v2/enterprise/txt2img", "client.v2.txt2img", "A2", args="enterprise=True", status="deprecated"),
    _E(6, "POST", "/v2/img2img", "client.v2.img2img", "A2", status="deprecated"),
    _E(6, "POST", "/v2/enterprise/img2img", "client.v2.img2img", "A2", args="enterprise=True", status="deprecated"),
    _E(7, "GET", "/v2/progress", "client.v2.progress", "R", status="deprecated"),
    _E(7, "GET", "/v2/enterprise/progress", "client.v2.progress", "R", args="enterprise=True", status="deprecated"),
    _E(8, "POST", "/v2/adetailer", "client.v2.adetailer", "A2", status="legacy"),
    _E(9, "POST", "/v3/lcm-txt2img", "client.images.lcm_txt2img", "S", status="removed"),
    _E(10, "POST", "/v3/lcm-img2img", "client.images.lcm_img2img", "S", status="removed"),
    _E(11, "GET", "/v3/async/task-result", "client.tasks.get", "R"),
    _E(12, "POST", "/v3/async/txt2img", "client.images.txt2img", "A3",
       cost_unit="image", count_field="image_num", rate_limit=20),
    _E(13, "POST", "/v3/async/img2img", "client.images.img2img", "A3",
       cost_unit="image", count_field="image_num", rate_limit=10),
    _E(14, "POST", "/v2/model/sync", "client.models.sync_civitai", "R", provisional=True),
    _E(15, "GET", "/v2/model/civitai_version_id/{civitai_version_id}", "client.models.civitai", "R", status="legacy"),
    _E(16, "GET", "/v3/model", "client.models.list", "R"),
    _E(17, "POST", "/v2/upscale", "client.v2.upscale", "A2", status="deprecated"),
    _E(18, "POST", "/v3/cleanup", "client.tools.cleanup", "S", cost_unit="image", rate_limit=10),
    _E(19, "POST", "/v3/outpainting", "client.tools.outpainting", "S", status="legacy"),
    _E(20, "POST", "/v3/remove-background", "client.tools.remove_background", "S", cost_unit="image", rate_limit=10),
    _E(21, "POST", "/v3/remove-text", "client.tools.remove_text", "S", cost_unit="image", rate_limit=10),
    _E(22, "POST", "/v3/reimagine", "client.tools.reimagine", "S", status="legacy"),
    _E(23, "POST", "/v3/doodle", "client.tools.doodle", "S", status="removed"),
    _E(24, "POST", "/v3/mix-pose", "client.tools.mix_pose", "S", status="removed"),
    _E(25, "POST", "/v3/replace-background", "client.tools.replace_background", "S", cost_unit="image", rate_limit=10),
    _E(26, "POST", "/v3/replace-sky", "client.tools.replace_sky", "S", status="removed"),
    _E(27, "POST", "/v3/restore-face", "client.tools.restore_face", "S", status="removed"),
    _E(28, "POST", "/v3/create-tile", "client.tools.create_tile", "S", status="removed"),
    _E(29, "POST", "/v3/remove-watermark", "client.tools.remove_watermark", "S", status="removed"),
    _E(30, "POST", "/v3/merge-face", "client.tools.merge_face", "S", cost_unit="image", rate_limit=10),
    _E(31, "POST", "/v3/async/replace-object", "client.tools.replace_object", "A3", status="removed"),
    _E(32, "POST", "/v3/img2prompt", "client.tools.img2prompt", "S", status="legacy"),
    _E(33, "POST", "/v3/async/make-photo", "client.tools.make_photo", "A3", status="removed"),
    _E(34, "POST", "/v3/img2mask", "client.tools.img2mask", "S", status="removed"),
    _E(35, "POST", "/v3/assets/training_dataset", "client.training.upload_images", "R"),
    _E(36, "GET", "/v3/training/subject", "client.training.get_subject", "R"),
    _E(37, "POST", "/v3/training/subject", "client.training.create_subject", "AT"),
    _E(38, "POST", "/v3/training/style", "client.training.create_style", "AT"),
    _E(39, "GET", "/v3/training/style", "client.training.get_style", "R"),
    _E(40, "GET", "/v3/training", "client.training.list", "R"),
    _E(41, "POST", "/v3/async/img2video", "client.video.img2video", "A3", status="legacy", rate_limit=2),
    _E(42, "POST", "/v3/async/img2video-motion", "client.video.img2video_motion", "A3", status="removed"),
    _E(43, "POST", "/v3/async/txt2video", "client.video.txt2video", "A3", status="legacy", rate_limit=2),
    _E(44, "GET", "/v2/models", "client.models.list_v2", "R", status="legacy"),
    _E(45, "POST", "/v3/async/upscale", "client.images.upscale", "A3",
       status="legacy", cost_unit="image", rate_limit=20),
    _E(46, "POST", "/v3/async/adetailer", "client.images.adetailer", "A3", status="removed"),
    _E(47, "POST", "/v3/async/inpainting", "client.images.inpainting", "A3",
       cost_unit="image", count_field="image_num", rate_limit=10),
    _E(48, "POST", "/v3/async/instant-id", "client.tools.instant_id", "A3", status="legacy"),
    _E(49, "POST", "/v3/async/instant-style", "client.tools.instant_style", "A3", status="removed"),
    _E(50, "POST", "/v3/relight", "client.tools.relight", "S", status="removed"),
    # §10 CONFLICT: JS `/v3/async/animate-anyone` vs PY `/v3/async/animated-anyone`; the reference prefers JS.
    _E(51, "POST", "/v3/async/animate-anyone", "client.video.animate_anyone", "A3", status="removed"),
    _E(52, "PUT", "/image", "client.assets.upload_image", "R", host="assets"),
    _E(52, "PUT", "/video", "client.assets.upload_video", "R", host="assets"),
)


# Part 2 (novita-api-2026.md §13.4). Image rows 101-121: §15.
_IMG: Result = "images"
PART2_IMAGE: tuple[Endpoint, ...] = (
    _E(101, "POST", "/v3beta/flux-1-schnell", "client.images.flux_1_schnell", "S", result="inline",
       cost_unit="image", count_field="image_num", rate_limit=10),
    _E(102, "POST", "/v3/async/flux-1-kontext-dev", "client.images.flux_1_kontext_dev", "A3", result=_IMG,
       cost_unit="image", count_field="num_images"),
    _E(103, "POST", "/v3/async/flux-1-kontext-pro", "client.images.flux_1_kontext_pro", "A3", result=_IMG,
       cost_unit="image"),
    _E(104, "POST", "/v3/async/flux-1-kontext-max", "client.images.flux_1_kontext_max", "A3", result=_IMG,
       cost_unit="image"),
    _E(105, "POST", "/v3/async/flux-2-dev", "client.images.flux_2_dev", "A3", result=_IMG, cost_unit="image"),
    _E(106, "POST", "/v3/async/flux-2-flex", "client.images.flux_2_flex", "A3", result=_IMG, cost_unit="image"),
    _E(107, "POST", "/v3/async/flux-2-pro", "client.images.flux_2_pro", "A3", result=_IMG, cost_unit="image"),
    _E(108, "POST", "/v3/seedream-3-0-txt2img", "client.images.seedream_3_0", "S", result="inline",
       cost_unit="image"),
    # §15.7 CONFLICT: Novita's agent skill says Seedream is async at /v3/async/seedream-*; the pages (followed
    # here, as §18 recommends) give these synchronous paths with inline results.
    _E(109, "POST", "/v3/seedream-4.0", "client.images.seedream_4_0", "S", result="inline",
       cost_unit="image", count_field="max_images"),
    _E(110, "POST", "/v3/seedream-4.5", "client.images.seedream_4_5", "S", result="inline", cost_unit="image"),
    _E(111, "POST", "/v3/seedream-5.0-lite", "client.images.seedream_5_0_lite", "S", result="inline",
       cost_unit="image"),
    _E(112, "POST", "/v3/async/qwen-image-txt2img", "client.images.qwen_image_txt2img", "A3", result=_IMG,
       cost_unit="image"),
    _E(113, "POST", "/v3/async/qwen-image-edit", "client.images.qwen_image_edit", "A3", result=_IMG,
       cost_unit="image"),
    _E(114, "POST", "/v3/async/hunyuan-image-3", "client.images.hunyuan_image_3", "A3", result=_IMG,
       cost_unit="image"),
    _E(115, "POST", "/v3/async/glm-image", "client.images.glm_image", "A3", result=_IMG, cost_unit="image"),
    _E(116, "POST", "/v3/async/z-image-turbo", "client.images.z_image_turbo", "A3", result=_IMG,
       cost_unit="image"),
    _E(117, "POST", "/v3/async/z-image-turbo-lora", "client.images.z_image_turbo_lora", "A3", result=_IMG,
       cost_unit="image"),
    _E(118, "POST", "/v3/async/image-remove-background", "client.images.image_remove_background", "A3",
       result=_IMG, cost_unit="image"),
    _E(119, "POST", "/v3/async/image-upscaler", "client.images.image_upscaler", "A3", result=_IMG,
       cost_unit="image"),
    _E(120, "POST", "/v3/async/image-eraser", "client.images.image_eraser", "A3", result=_IMG, cost_unit="image"),
    _E(121, "POST", "/v3/async/video-merge-face", "client.video.merge_face", "A3", result="videos",
       body="wrapped", rate_limit=10),
)

# Video rows 131-164: §16 (types, methods and routes: the `today-av` work).
_VID: Result = "videos"
PART2_VIDEO: tuple[Endpoint, ...] = (
    _E(131, "POST", "/v3/async/kling-v1.6-t2v", "client.video.kling_v16_t2v", "A3", result=_VID, rate_limit=20),
    _E(132, "POST", "/v3/async/kling-v1.6-i2v", "client.video.kling_v16_i2v", "A3", result=_VID, rate_limit=20),
    _E(133, "POST", "/v3/async/kling-v2.1-i2v", "client.video.kling_v21_i2v", "A3", result=_VID),
    _E(134, "POST", "/v3/async/kling-v2.1-i2v-master", "client.video.kling_v21_i2v_master", "A3", result=_VID),
    _E(135, "POST", "/v3/async/kling-v2.1-t2v-master", "client.video.kling_v21_t2v_master", "A3", result=_VID),
    _E(136, "POST", "/v3/async/kling-2.5-turbo-t2v", "client.video.kling_25_turbo_t2v", "A3", result=_VID),
    _E(137, "POST", "/v3/async/kling-2.5-turbo-i2v", "client.video.kling_25_turbo_i2v", "A3", result=_VID),
    _E(138, "POST", "/v3/async/kling-o1-t2v", "client.video.kling_o1_t2v", "A3", result=_VID),
    _E(139, "POST", "/v3/async/kling-o1-i2v", "client.video.kling_o1_i2v", "A3", result=_VID),
    _E(140, "POST", "/v3/async/kling-o1-ref2v", "", "A3", result=_VID, status="not-established",
       note="path UNKNOWN (inferred from its siblings), fields not established (§16.5)"),
    _E(141, "POST", "/v3/async/kling-v2.6-pro-t2v", "client.video.kling_v26_pro_t2v", "A3", result=_VID),
    _E(142, "POST", "/v3/async/kling-v2.6-pro-i2v", "client.video.kling_v26_pro_i2v", "A3", result=_VID),
    _E(143, "POST", "/v3/async/minimax-hailuo-02", "client.video.minimax_hailuo_02", "A3", result=_VID),
    _E(144, "POST", "/v3/async/minimax-video-01", "client.video.minimax_video_01", "A3", result=_VID,
       rate_limit=20),
    _E(145, "POST", "/v3/async/wan-t2v", "client.video.wan_t2v", "A3", result=_VID, rate_limit=20),
    _E(146, "POST", "/v3/async/wan-i2v", "client.video.wan_i2v", "A3", result=_VID, rate_limit=20),
    _E(147, "POST", "/v3/async/wan-2.2-t2v", "client.video.wan_22_t2v", "A3", result=_VID, body="dashscope"),
    _E(148, "POST", "/v3/async/wan-2.2-i2v", "client.video.wan_22_i2v", "A3", result=_VID, body="dashscope"),
    _E(149, "POST", "/v3/async/wan2.6-i2v", "client.video.wan_26_i2v", "A3", result=_VID, body="dashscope"),
    _E(150, "POST", "/v3/async/wan2.6-t2v", "", "A3", result=_VID, status="not-established",
       note="path from third-party code only (§16.11)"),
    _E(151, "POST", "/v3/async/hunyuan-video-fast", "client.video.hunyuan_video_fast", "A3", result=_VID,
       rate_limit=20),
    _E(152, "POST", "/v3/async/vidu-q1-text2video", "client.video.vidu_q1_text2video", "A3", result=_VID),
    _E(153, "POST", "/v3/async/vidu-q1-reference2video", "client.video.vidu_q1_reference2video", "A3",
       result=_VID),
    _E(154, "POST", "/v3/async/vidu-q2-reference2video", "client.video.vidu_q2_reference2video", "A3",
       result=_VID),
    _E(155, "POST", "/v3/async/vidu-q3-pro-t2v", "client.video.vidu_q3_pro_t2v", "A3", result=_VID),
    _E(156, "POST", "/v3/async/vidu-q3-pro-i2v", "client.video.vidu_q3_pro_i2v", "A3", result=_VID),
    _E(157, "POST", "/v3/async/vidu-q3-turbo-t2v", "client.video.vidu_q3_turbo_t2v", "A3", result=_VID),
    _E(158, "POST", "/v3/async/vidu-q3-turbo-i2v", "client.video.vidu_q3_turbo_i2v", "A3", result=_VID),
    _E(159, "POST", "/v3/async/seedance-v1-pro-t2v", "client.video.seedance_v1_pro_t2v", "A3", result=_VID),
    _E(160, "POST", "/v3/async/seedance-v1-pro-i2v", "client.video.seedance_v1_pro_i2v", "A3", result=_VID),
    _E(161, "POST", "/v3/async/seedance-v1.5-pro-t2v", "client.video.seedance_v15_pro_t2v", "A3", result=_VID),
    _E(162, "POST", "/v3/async/seedance-v1.5-pro-i2v", "client.video.seedance_v15_pro_i2v", "A3", result=_VID),
    _E(163, "POST", "/v3/video/create", "", "A3", result=_VID, status="not-established",
       note="unified endpoint, unconfirmed: no page shows its POST contract (§14.9); "
       "reachable through client.tasks.submit"),
    _E(164, "POST", "/v3/async/kling-v3.0-*", "", "A3", result=_VID, status="not-established",
       note="Kling V3.0 family, path UNKNOWN (§16.6)"),
)

# Audio rows 171-186: §17 (the `today-av` work).
_AUD: Result = "audios"
PART2_AUDIO: tuple[Endpoint, ...] = (
    _E(171, "POST", "/v3/minimax-speech-02-hd", "client.audio.minimax_speech_02_hd", "S-SSE", result="inline"),
    _E(172, "POST", "/v3/minimax-speech-02-turbo", "client.audio.minimax_speech_02_turbo", "S-SSE",
       result="inline"),
    _E(173, "POST", "/v3/minimax-speech-2.5-hd-preview", "client.audio.minimax_speech_25_hd_preview", "S-SSE",
       result="inline"),
    _E(174, "POST", "/v3/minimax-speech-2.6-hd", "client.audio.minimax_speech_26_hd", "S-SSE", result="inline"),
    _E(175, "POST", "/v3/minimax-speech-2.8-hd", "client.audio.minimax_speech_28_hd", "S-SSE", result="inline"),
    _E(176, "POST", "/v3/minimax-speech-2.8-turbo", "client.audio.minimax_speech_28_turbo", "S-SSE",
       result="inline"),
    _E(177, "POST", "/v3/async/minimax-speech-02-hd", "client.audio.minimax_speech_02_hd_async", "A3",
       result=_AUD),
    _E(178, "POST", "/v3/async/minimax-speech-02-turbo", "client.audio.minimax_speech_02_turbo_async", "A3",
       result=_AUD),
    _E(179, "POST", "/v3/async/minimax-speech-2.5-hd-preview", "client.audio.minimax_speech_25_hd_preview_async",
       "A3", result=_AUD),
    _E(180, "POST", "/v3/async/minimax-speech-2.8-hd", "client.audio.minimax_speech_28_hd_async", "A3",
       result=_AUD),
    _E(181, "POST", "/v3/async/minimax-speech-2.8-turbo", "client.audio.minimax_speech_28_turbo_async", "A3",
       result=_AUD),
    _E(182, "POST", "/v3/glm-tts", "client.audio.glm_tts", "SB", result="binary"),
    _E(183, "POST", "/v3/glm-tts-voice-clone", "client.audio.glm_tts_voice_clone", "S", result="inline"),
    _E(184, "POST", "/v3/glm-asr", "client.audio.glm_asr", "S", result="inline"),
    _E(185, "POST", "/v3/minimax-voice-cloning", "client.audio.minimax_voice_cloning", "S", result="inline"),
    _E(186, "POST", "/v3/fish-audio-*", "", "S", result="binary", status="not-established",
       note="Fish Audio TTS / voice clone: path UNKNOWN, reply shape contested (§17.7)"),
)

PART2_ACCOUNT: tuple[Endpoint, ...] = (
    _E(191, "GET", "/openapi/v1/billing/balance/detail", "client.account.balance", "R", result="inline"),
)

PART2: tuple[Endpoint, ...] = tuple(
    sorted(PART2_IMAGE + PART2_VIDEO + PART2_AUDIO + PART2_ACCOUNT, key=lambda e: e.ref)
)
ENDPOINTS: tuple[Endpoint, ...] = PART1 + PART2
"""Every row of both references (not-established Part 2 rows included: filter with `established()`)."""

_BY_PATH: dict[tuple[str, str], Endpoint] = {(e.method, e.path): e for e in ENDPOINTS if e.host == "api"}


def established() -> tuple[Endpoint, ...]:
    """The rows that have a client method and an emulator route."""
    return tuple(e for e in ENDPOINTS if e.established)


def find(path: str, method: str = "POST") -> Endpoint | None:
    """The catalogue row of an API path (`/v3/async/flux-2-dev`), or None for a path it does not know."""
    return _BY_PATH.get((method.upper(), path))


@functools.lru_cache(maxsize=1024)
def cost_field(path: str) -> str:
    """The field whose value a POST to `path` costs against its rate limit (IPM rows: `image_num`, ...);
    "" when a request costs 1 (RPM rows, unknown paths). Cached: every submit asks."""
    row = find(path)
    return row.count_field if row is not None and row.cost_unit == "image" else ""


def request_cost(path: str, body: Mapping[str, Any] | None) -> float:
    """What one request to `path` with `body` costs against its rate limit (§14.6).

    IPM endpoints count images: the value of the row's `count_field` (searched at the top level and in a
    wrapped `request` object), else 1. RPM endpoints and unknown paths cost 1.
    """
    field = cost_field(path)
    if not field or not body:
        return 1.0
    for holder in (body, body.get("request")):
        if isinstance(holder, Mapping):
            value = holder.get(field)
            if isinstance(value, int | float) and not isinstance(value, bool) and value >= 1:
                return float(value)
    return 1.0


def documented_limit(path: str) -> tuple[int, CostUnit] | None:
    """The documented per-minute limit of `path` and what it counts, or None when none is published."""
    row = find(path)
    if row is None or row.rate_limit is None:
        return None
    return row.rate_limit, row.cost_unit


def markdown_table() -> str:
    """The README endpoint table: one row per endpoint, `| METHOD /path | client.area.call | status |`.

    Every row starts with the two-cell form `| METHOD /path | client.area.call |`; the third cell says
    whether the endpoint is current, legacy, deprecated or removed (Part 1, per Part 2 §14.8) or new (Part 2,
    with its mode and result kind). Provisional and not-established paths are listed in notes under it.
    """
    lines = ["| Endpoint | Client call | Status |", "|---|---|---|"]
    lines += [f"| {e.endpoint_text} | {e.call_text} | {e.status_text} |" for e in ENDPOINTS if e.established]
    provisional = ", ".join(f"`{e.endpoint_text}`" for e in ENDPOINTS if e.provisional)
    lines += ["", f"Provisional paths (no source documents them; reference §7.1.1, §7.5.1): {provisional}."]
    missing = "; ".join(f"row {e.ref} `{e.endpoint_text}`: {e.note}" for e in ENDPOINTS if not e.established)
    lines += [
        "",
        "Not established (Part 2 §13.4 rows marked \"—\": no client method, no emulator route; call them with "
        f"`client.tasks.submit(path, body)` or `client.post(path, body=...)` once known): {missing}.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(markdown_table())
