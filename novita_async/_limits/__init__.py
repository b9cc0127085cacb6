"""Client-wide limits: how many requests run at once, and how fast each endpoint family is sent.

* A concurrency cap (`anyio.CapacityLimiter`) on HTTP requests in flight, so ten thousand awaiting tasks
  never open ten thousand sockets.
* One `TokenBucket` per endpoint family (`txt2img`, ...) shared by every coroutine of the client. Its pace
  is pinned (`rate_limits={"txt2img": 600}`, per minute), learned, or not known yet. By default nothing is
  paced until the server answers 429: accounts differ (limits are raised on request), so any fixed guess
  is wrong for most users who run at scale.

How a pace is learned: TCP congestion control applied to a request rate (`_bucket`, rules in `_rules`).
* Estimate (TCP Westwood): the units the server *accepted* over a recent horizon (about
  `RATE_SAMPLE_UNITS`, within `RATE_HORIZON`) and over a short look-back (`RATE_RECENT_UNITS`, which does
  not lag a climb); the larger wins. If nothing was accepted lately (a per-minute window still full), the
  last minute's average; a paced family with no evidence at all halves; an unpaced one pauses instead of
  inventing a rate.
* Decrease: a 429 for a request sent after the last 429 that counted sets the plateau to that estimate
  (never above the pace that failed) and drops the pace to `RATE_DECREASE` of it, at most once per
  estimator horizon (TCP: once per round trip). The bucket restarts empty, and in debt for whatever burst
  the server's window still holds, so the next send does not collect another 429.
* Increase (CUBIC): the pace climbs back to the plateau in K seconds (`RATE_PROBE_UNITS` units' worth),
  stays flat near it (settling just under the limit), then grows faster and faster, which finds a limit
  that was raised; never beyond `RATE_HEADROOM` times what the server accepted lately, nor above a pinned
  limit.
* Retry-After (capped by the session) pauses the family on top of that; without it the learner decides.
* Cost: the documented limits count images for image endpoints (IPM) and requests for video (RPM)
  (reference §2.5, Part 2 §14.6; we follow their recommendation): `submit_cost`, from the catalogue.

The same type is the poller's global budget (`polls_per_second`, or learned from 429s on polls), so a
429 on a status read slows polls only, and polls never wait behind submit pacing.
"""

from ._bucket import FamilyStats, TokenBucket
from ._limiter import LimiterStats, RequestLimiter, poll_budget
from ._rules import (
    RateLimit,
    cubic_rate,
    documented_rate_limits,
    endpoint_family,
    plateau_after_429,
    probe_period,
    submit_cost,
)

__all__ = (
    "FamilyStats",
    "LimiterStats",
    "RateLimit",
    "RequestLimiter",
    "TokenBucket",
    "cubic_rate",
    "documented_rate_limits",
    "endpoint_family",
    "plateau_after_429",
    "poll_budget",
    "probe_period",
    "submit_cost",
)
