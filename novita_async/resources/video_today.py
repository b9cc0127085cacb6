"""`client.video`, Part 2: the video models of today (novita-api-2026.md §16, rows 131-162).

One method per established catalogue row; keyword arguments are the page's wire fields (or pass the request
Struct of `types.video_kling`, `types.video_wan`, `types.video_others`). Each returns a `Task[TaskResult]`
whose result carries `videos[]`. `extra=` takes only `webhook` (§14.5). Rows 140, 150, 163 and 164 are not
established (no path or fields) and have no method; `client.tasks.submit(path, body)` reaches them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types._part2 import TaskExtra
from ..types.tasks import TaskResult
from ..types.video_kling import (
    Kling25TurboI2VRequest,
    Kling25TurboT2VRequest,
    KlingO1I2VRequest,
    KlingO1T2VRequest,
    KlingV16I2VRequest,
    KlingV16T2VRequest,
    KlingV21I2VMasterRequest,
    KlingV21I2VRequest,
    KlingV21T2VMasterRequest,
    KlingV26ProI2VRequest,
    KlingV26ProT2VRequest,
)
from ..types.video_others import (
    Hailuo02Request,
    MinimaxVideo01Request,
    ViduQ1Reference2VideoRequest,
    ViduQ1Text2VideoRequest,
    ViduQ2Reference2VideoRequest,
    ViduQ3ProI2VRequest,
    ViduQ3ProT2VRequest,
    ViduQ3TurboI2VRequest,
    ViduQ3TurboT2VRequest,
)
from ..types.video_seedance import (
    SeedanceV1ProI2VRequest,
    SeedanceV1ProT2VRequest,
    SeedanceV15ProI2VRequest,
    SeedanceV15ProT2VRequest,
)
from ..types.video_wan import (
    HunyuanVideoFastRequest,
    Wan22I2VRequest,
    Wan22T2VRequest,
    Wan26I2VRequest,
    WanI2VRequest,
    WanT2VRequest,
)
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._client import RequestOptions
    from .._polling import Task

__all__ = ("TodayExtra", "TodayVideo")

TodayExtra = TaskExtra | dict[str, Any] | None
"""`extra` of the Part 2 endpoints: only `webhook` (novita-api-2026.md §14.5)."""


class TodayVideo(AsyncResource):
    """Kling, Hailuo, Video-01, Wan, Hunyuan, Vidu and Seedance (mixed into `client.video`)."""

    async def kling_v16_t2v(
        self, request: KlingV16T2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-v1.6-t2v` (§16.2, row 131): fields of `KlingV16T2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-v1.6-t2v", KlingV16T2VRequest, request, fields, extra, options, deadline
        )

    async def kling_v16_i2v(
        self, request: KlingV16I2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-v1.6-i2v` (§16.2, row 132): fields of `KlingV16I2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-v1.6-i2v", KlingV16I2VRequest, request, fields, extra, options, deadline
        )

    async def kling_v21_i2v(
        self, request: KlingV21I2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-v2.1-i2v` (§16.3, row 133): fields of `KlingV21I2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-v2.1-i2v", KlingV21I2VRequest, request, fields, extra, options, deadline
        )

    async def kling_v21_i2v_master(
        self, request: KlingV21I2VMasterRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-v2.1-i2v-master` (§16.3, row 134): fields of `KlingV21I2VMasterRequest`."""
        return await self._submit_task(
            "/v3/async/kling-v2.1-i2v-master", KlingV21I2VMasterRequest, request, fields, extra, options, deadline
        )

    async def kling_v21_t2v_master(
        self, request: KlingV21T2VMasterRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-v2.1-t2v-master` (§16.3, row 135): fields of `KlingV21T2VMasterRequest`."""
        return await self._submit_task(
            "/v3/async/kling-v2.1-t2v-master", KlingV21T2VMasterRequest, request, fields, extra, options, deadline
        )

    async def kling_25_turbo_t2v(
        self, request: Kling25TurboT2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-2.5-turbo-t2v` (§16.4, row 136): fields of `Kling25TurboT2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-2.5-turbo-t2v", Kling25TurboT2VRequest, request, fields, extra, options, deadline
        )

    async def kling_25_turbo_i2v(
        self, request: Kling25TurboI2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-2.5-turbo-i2v` (§16.4, row 137): fields of `Kling25TurboI2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-2.5-turbo-i2v", Kling25TurboI2VRequest, request, fields, extra, options, deadline
        )

    async def kling_o1_t2v(
        self, request: KlingO1T2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-o1-t2v` (§16.5, row 138): fields of `KlingO1T2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-o1-t2v", KlingO1T2VRequest, request, fields, extra, options, deadline
        )

    async def kling_o1_i2v(
        self, request: KlingO1I2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-o1-i2v` (§16.5, row 139): fields of `KlingO1I2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-o1-i2v", KlingO1I2VRequest, request, fields, extra, options, deadline
        )

    async def kling_v26_pro_t2v(
        self, request: KlingV26ProT2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-v2.6-pro-t2v` (§16.6, row 141): fields of `KlingV26ProT2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-v2.6-pro-t2v", KlingV26ProT2VRequest, request, fields, extra, options, deadline
        )

    async def kling_v26_pro_i2v(
        self, request: KlingV26ProI2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/kling-v2.6-pro-i2v` (§16.6, row 142): fields of `KlingV26ProI2VRequest`."""
        return await self._submit_task(
            "/v3/async/kling-v2.6-pro-i2v", KlingV26ProI2VRequest, request, fields, extra, options, deadline
        )

    async def minimax_hailuo_02(
        self, request: Hailuo02Request | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/minimax-hailuo-02` (§16.7, row 143): fields of `Hailuo02Request`."""
        return await self._submit_task(
            "/v3/async/minimax-hailuo-02", Hailuo02Request, request, fields, extra, options, deadline
        )

    async def minimax_video_01(
        self, request: MinimaxVideo01Request | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/minimax-video-01` (§16.8, row 144): fields of `MinimaxVideo01Request`."""
        return await self._submit_task(
            "/v3/async/minimax-video-01", MinimaxVideo01Request, request, fields, extra, options, deadline
        )

    async def wan_t2v(
        self, request: WanT2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/wan-t2v` (Wan 2.1, §16.9, row 145): fields of `WanT2VRequest`."""
        return await self._submit_task("/v3/async/wan-t2v", WanT2VRequest, request, fields, extra, options, deadline)

    async def wan_i2v(
        self, request: WanI2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/wan-i2v` (Wan 2.1, §16.9, row 146): fields of `WanI2VRequest`."""
        return await self._submit_task("/v3/async/wan-i2v", WanI2VRequest, request, fields, extra, options, deadline)

    async def wan_22_t2v(
        self, request: Wan22T2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/wan-2.2-t2v` (§16.10, row 147): fields of `Wan22T2VRequest`."""
        return await self._submit_task(
            "/v3/async/wan-2.2-t2v", Wan22T2VRequest, request, fields, extra, options, deadline
        )

    async def wan_22_i2v(
        self, request: Wan22I2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/wan-2.2-i2v` (§16.10, row 148): fields of `Wan22I2VRequest`."""
        return await self._submit_task(
            "/v3/async/wan-2.2-i2v", Wan22I2VRequest, request, fields, extra, options, deadline
        )

    async def wan_26_i2v(
        self, request: Wan26I2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/wan2.6-i2v` (§16.11, row 149): fields of `Wan26I2VRequest`."""
        return await self._submit_task(
            "/v3/async/wan2.6-i2v", Wan26I2VRequest, request, fields, extra, options, deadline
        )

    async def hunyuan_video_fast(
        self, request: HunyuanVideoFastRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/hunyuan-video-fast` (§16.12, row 151): fields of `HunyuanVideoFastRequest`."""
        return await self._submit_task(
            "/v3/async/hunyuan-video-fast", HunyuanVideoFastRequest, request, fields, extra, options, deadline
        )

    async def vidu_q1_text2video(
        self, request: ViduQ1Text2VideoRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/vidu-q1-text2video` (§16.13, row 152): fields of `ViduQ1Text2VideoRequest`."""
        return await self._submit_task(
            "/v3/async/vidu-q1-text2video", ViduQ1Text2VideoRequest, request, fields, extra, options, deadline
        )

    async def vidu_q1_reference2video(
        self, request: ViduQ1Reference2VideoRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/vidu-q1-reference2video` (§16.13, row 153): fields of `ViduQ1Reference2VideoRequest`."""
        return await self._submit_task(
            "/v3/async/vidu-q1-reference2video", ViduQ1Reference2VideoRequest, request, fields, extra, options, deadline
        )

    async def vidu_q2_reference2video(
        self, request: ViduQ2Reference2VideoRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/vidu-q2-reference2video` (§16.14, row 154): fields of `ViduQ2Reference2VideoRequest`."""
        return await self._submit_task(
            "/v3/async/vidu-q2-reference2video", ViduQ2Reference2VideoRequest, request, fields, extra, options, deadline
        )

    async def vidu_q3_pro_t2v(
        self, request: ViduQ3ProT2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/vidu-q3-pro-t2v` (§16.15, row 155): fields of `ViduQ3ProT2VRequest`."""
        return await self._submit_task(
            "/v3/async/vidu-q3-pro-t2v", ViduQ3ProT2VRequest, request, fields, extra, options, deadline
        )

    async def vidu_q3_pro_i2v(
        self, request: ViduQ3ProI2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/vidu-q3-pro-i2v` (§16.15, row 156): fields of `ViduQ3ProI2VRequest`."""
        return await self._submit_task(
            "/v3/async/vidu-q3-pro-i2v", ViduQ3ProI2VRequest, request, fields, extra, options, deadline
        )

    async def vidu_q3_turbo_t2v(
        self, request: ViduQ3TurboT2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/vidu-q3-turbo-t2v` (§16.15, row 157): fields of `ViduQ3TurboT2VRequest`."""
        return await self._submit_task(
            "/v3/async/vidu-q3-turbo-t2v", ViduQ3TurboT2VRequest, request, fields, extra, options, deadline
        )

    async def vidu_q3_turbo_i2v(
        self, request: ViduQ3TurboI2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/vidu-q3-turbo-i2v` (§16.15, row 158): fields of `ViduQ3TurboI2VRequest`."""
        return await self._submit_task(
            "/v3/async/vidu-q3-turbo-i2v", ViduQ3TurboI2VRequest, request, fields, extra, options, deadline
        )

    async def seedance_v1_pro_t2v(
        self, request: SeedanceV1ProT2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/seedance-v1-pro-t2v` (§16.16, row 159): fields of `SeedanceV1ProT2VRequest`."""
        return await self._submit_task(
            "/v3/async/seedance-v1-pro-t2v", SeedanceV1ProT2VRequest, request, fields, extra, options, deadline
        )

    async def seedance_v1_pro_i2v(
        self, request: SeedanceV1ProI2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/seedance-v1-pro-i2v` (§16.16, row 160): fields of `SeedanceV1ProI2VRequest`."""
        return await self._submit_task(
            "/v3/async/seedance-v1-pro-i2v", SeedanceV1ProI2VRequest, request, fields, extra, options, deadline
        )

    async def seedance_v15_pro_t2v(
        self, request: SeedanceV15ProT2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/seedance-v1.5-pro-t2v` (§16.17, row 161): fields of `SeedanceV15ProT2VRequest`."""
        return await self._submit_task(
            "/v3/async/seedance-v1.5-pro-t2v", SeedanceV15ProT2VRequest, request, fields, extra, options, deadline
        )

    async def seedance_v15_pro_i2v(
        self, request: SeedanceV15ProI2VRequest | None = None, /, *, extra: TodayExtra = None,
        options: RequestOptions | None = None, deadline: float | None = None, **fields: Any,
    ) -> Task[TaskResult]:
        """`POST /v3/async/seedance-v1.5-pro-i2v` (§16.17, row 162): fields of `SeedanceV15ProI2VRequest`."""
        return await self._submit_task(
            "/v3/async/seedance-v1.5-pro-i2v", SeedanceV15ProI2VRequest, request, fields, extra, options, deadline
        )
