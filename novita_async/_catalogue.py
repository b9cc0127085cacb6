"""The endpoint catalogue as data: every HTTP endpoint of reference §6 and the client call that reaches it.

One `Endpoint` per method + path (enterprise twins and v2/v3 pairs are separate rows). `ref` is the row
number in reference §6 (rows 1-43 follow the docs' navigation, 44-52 are the era's other endpoints).
`mode` is the completion protocol: S synchronous, A2 v2 async (`/v2/progress`), A3 v3 async
(`/v3/async/task-result`), AT training (`/v3/training/{subject|style}`), R plain read/config.
`provisional` marks paths no source documents (invented, served by the emulator; §7.1.1, §7.5.1).
`host` is `api` (the API base URL) or `assets` (`NovitaClient.assets_url`, §5.1).

`python -m novita_async._catalogue` prints the README table (`docs/endpoints.md`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ("ENDPOINTS", "Endpoint", "markdown_table")

Mode = Literal["S", "A2", "A3", "AT", "R"]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One catalogue row."""

    ref: int
    method: str
    path: str
    call: str
    """Dotted client call, e.g. `client.images.txt2img`."""
    mode: Mode
    provisional: bool = False
    host: Literal["api", "assets"] = "api"
    args: str = ""
    """Arguments that select this endpoint, e.g. `enterprise=True`."""

    @property
    def call_text(self) -> str:
        return f"{self.call}({self.args})" if self.args else self.call

    @property
    def endpoint_text(self) -> str:
        prefix = "{assets_url}" if self.host == "assets" else ""
        return f"{self.method} {prefix}{self.path}"


_E = Endpoint
ENDPOINTS: tuple[Endpoint, ...] = (
    _E(1, "POST", "/v3/user/s3-config", "client.account.set_s3_config", "R", provisional=True),
    _E(2, "GET", "/v3/user/s3-config", "client.account.get_s3_config", "R", provisional=True),
    _E(3, "DELETE", "/v3/user/s3-config", "client.account.delete_s3_config", "R", provisional=True),
    _E(4, "GET", "/v3/user", "client.account.user", "R"),
    _E(5, "POST", "/v2/txt2img", "client.v2.txt2img", "A2"),
    _E(5, "POST", "/v2/enterprise/txt2img", "client.v2.txt2img", "A2", args="enterprise=True"),
    _E(6, "POST", "/v2/img2img", "client.v2.img2img", "A2"),
    _E(6, "POST", "/v2/enterprise/img2img", "client.v2.img2img", "A2", args="enterprise=True"),
    _E(7, "GET", "/v2/progress", "client.v2.progress", "R"),
    _E(7, "GET", "/v2/enterprise/progress", "client.v2.progress", "R", args="enterprise=True"),
    _E(8, "POST", "/v2/adetailer", "client.v2.adetailer", "A2"),
    _E(9, "POST", "/v3/lcm-txt2img", "client.images.lcm_txt2img", "S"),
    _E(10, "POST", "/v3/lcm-img2img", "client.images.lcm_img2img", "S"),
    _E(11, "GET", "/v3/async/task-result", "client.tasks.get", "R"),
    _E(12, "POST", "/v3/async/txt2img", "client.images.txt2img", "A3"),
    _E(13, "POST", "/v3/async/img2img", "client.images.img2img", "A3"),
    _E(14, "POST", "/v2/model/sync", "client.models.sync_civitai", "R", provisional=True),
    _E(15, "GET", "/v2/model/civitai_version_id/{civitai_version_id}", "client.models.civitai", "R"),
    _E(16, "GET", "/v3/model", "client.models.list", "R"),
    _E(17, "POST", "/v2/upscale", "client.v2.upscale", "A2"),
    _E(18, "POST", "/v3/cleanup", "client.tools.cleanup", "S"),
    _E(19, "POST", "/v3/outpainting", "client.tools.outpainting", "S"),
    _E(20, "POST", "/v3/remove-background", "client.tools.remove_background", "S"),
    _E(21, "POST", "/v3/remove-text", "client.tools.remove_text", "S"),
    _E(22, "POST", "/v3/reimagine", "client.tools.reimagine", "S"),
    _E(23, "POST", "/v3/doodle", "client.tools.doodle", "S"),
    _E(24, "POST", "/v3/mix-pose", "client.tools.mix_pose", "S"),
    _E(25, "POST", "/v3/replace-background", "client.tools.replace_background", "S"),
    _E(26, "POST", "/v3/replace-sky", "client.tools.replace_sky", "S"),
    _E(27, "POST", "/v3/restore-face", "client.tools.restore_face", "S"),
    _E(28, "POST", "/v3/create-tile", "client.tools.create_tile", "S"),
    _E(29, "POST", "/v3/remove-watermark", "client.tools.remove_watermark", "S"),
    _E(30, "POST", "/v3/merge-face", "client.tools.merge_face", "S"),
    _E(31, "POST", "/v3/async/replace-object", "client.tools.replace_object", "A3"),
    _E(32, "POST", "/v3/img2prompt", "client.tools.img2prompt", "S"),
    _E(33, "POST", "/v3/async/make-photo", "client.tools.make_photo", "A3"),
    _E(34, "POST", "/v3/img2mask", "client.tools.img2mask", "S"),
    _E(35, "POST", "/v3/assets/training_dataset", "client.training.upload_images", "R"),
    _E(36, "GET", "/v3/training/subject", "client.training.get_subject", "R"),
    _E(37, "POST", "/v3/training/subject", "client.training.create_subject", "AT"),
    _E(38, "POST", "/v3/training/style", "client.training.create_style", "AT"),
    _E(39, "GET", "/v3/training/style", "client.training.get_style", "R"),
    _E(40, "GET", "/v3/training", "client.training.list", "R"),
    _E(41, "POST", "/v3/async/img2video", "client.video.img2video", "A3"),
    _E(42, "POST", "/v3/async/img2video-motion", "client.video.img2video_motion", "A3"),
    _E(43, "POST", "/v3/async/txt2video", "client.video.txt2video", "A3"),
    _E(44, "GET", "/v2/models", "client.models.list_v2", "R"),
    _E(45, "POST", "/v3/async/upscale", "client.images.upscale", "A3"),
    _E(46, "POST", "/v3/async/adetailer", "client.images.adetailer", "A3"),
    _E(47, "POST", "/v3/async/inpainting", "client.images.inpainting", "A3"),
    _E(48, "POST", "/v3/async/instant-id", "client.tools.instant_id", "A3"),
    _E(49, "POST", "/v3/async/instant-style", "client.tools.instant_style", "A3"),
    _E(50, "POST", "/v3/relight", "client.tools.relight", "S"),
    # §10 CONFLICT: JS `/v3/async/animate-anyone` vs PY `/v3/async/animated-anyone`; the reference prefers JS.
    _E(51, "POST", "/v3/async/animate-anyone", "client.video.animate_anyone", "A3"),
    _E(52, "PUT", "/image", "client.assets.upload_image", "R", host="assets"),
    _E(52, "PUT", "/video", "client.assets.upload_video", "R", host="assets"),
)


def markdown_table() -> str:
    """The README endpoint table: one row per endpoint, `| METHOD /path | client.area.call |`.

    Provisional paths are listed in a note under the table, so every row keeps the exact two-cell form.
    """
    lines = ["| Endpoint | Client call |", "|---|---|"]
    lines += [f"| {e.endpoint_text} | {e.call_text} |" for e in ENDPOINTS]
    provisional = ", ".join(f"`{e.endpoint_text}`" for e in ENDPOINTS if e.provisional)
    lines += ["", f"Provisional paths (no source documents them; reference §7.1.1, §7.5.1): {provisional}."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(markdown_table())
