"""Every default number of the client, in one screen.

Why these values:
* Timeouts: synchronous "case" endpoints block for the whole generation, and the official Python SDK allows
  120 s per request (reference §1.6), so the read budget is generous; connecting should be quick.
* Retries: polls are idempotent and cheap to repeat; submits are paid and are only retried when the request
  provably never reached the server, or on 429/503 (see `_retry`).
* Rate limits: accounts differ from the documented defaults (limits are raised on request), so by default
  nothing is paced until the server answers 429, and then each family's pace is learned (`_limits`).
  `rate_limits="documented"` pins the documented per-minute defaults (reference §2.5, Part 2 §14.6).
"""

from __future__ import annotations

DEFAULT_BASE_URL = "https://api.novita.ai"
DEFAULT_ASSETS_URL = "https://assets.novitai.com"  # sic: "novitai", reference §1.1
API_KEY_ENV = "NOVITA_API_KEY"
BASE_URL_ENV = "NOVITA_BASE_URL"
USER_AGENT_PREFIX = "novita-async"

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 120.0
DEFAULT_TOTAL_TIMEOUT = 180.0
DOWNLOAD_TIMEOUT = 60.0
# Largest output file saved (after decompression; bytes on the wire are held to it too).
DOWNLOAD_MAX_BYTES = 512 * 1024 * 1024
# Worker threads for CPU-heavy file work (reading, base64, JSON of large bodies) at once: they share the GIL
# with the event loop (binascii and msgspec hold it), so more of them starve the loop without finishing sooner:
# 40 at once gave 130-430 ms of loop lag for 40 x 2-5 MB inputs, one gives ~10 ms (tests/files/test_loop_health.py).
FILE_WORK_THREADS = 1

DEFAULT_MAX_RETRIES = 3
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0

# One client may keep thousands of tasks in flight, but they share few sockets: polls are short requests.
DEFAULT_MAX_CONCURRENCY = 64
DEFAULT_CONNECTIONS_PER_HOST = 64
KEEPALIVE_TIMEOUT = 30.0

# The documented per-minute limits (reference §2.5; Part 2 §14.6), used by `rate_limits="documented"`, and
# what a request costs against them (images for image endpoints, IPM; requests for video, RPM: the docs'
# recommendation, which we follow) are per-endpoint data: the catalogue's `rate_limit`, `cost_unit` and
# `count_field` (`_catalogue.documented_limit`, `request_cost`), read by `_limits`.

# A batch's budget of safe submit retries (503, a connection never opened; 429s are re-sent until the
# task's deadline whatever the count, see `_retry`).
BATCH_SUBMIT_RETRIES = 20

# Learning a family's pace after a 429 (`_limits`): TCP congestion control applied to a request rate.
RATE_DECREASE = 0.9
"""After a 429 the pace drops to this fraction of what the server accepted (CUBIC's beta; not a halving)."""
RATE_PROBE_UNITS = 40.0
"""Units sent while the pace climbs back to the last known limit; sets how long the climb takes."""
RATE_PROBE_PERIOD = (2.0, 60.0)
"""Bounds (seconds) of that climb."""
RATE_SAMPLE_UNITS = 20.0
"""The accepted-rate estimate looks back far enough to cover about this many units..."""
RATE_HORIZON = (1.0, 60.0)
"""...within these bounds, in seconds (the documented limits are per minute)."""
RATE_RECENT_UNITS = 5.0
"""A second, short look back (about this many units) at a 429: the larger of the two estimates is what the
server accepted (the long one lags a pace that was still climbing)."""
RATE_HEADROOM = 2.0
"""A learned pace never probes beyond this many times what the server accepted lately."""
RATE_FLOOR = 0.005
"""Lowest learned pace, units per second (0.3 per minute)."""
RATE_BLIND_PAUSE = 1.0
"""A first 429 with nothing accepted yet teaches no rate: the family pauses this long (doubling while it
lasts, up to `MAX_RETRY_AFTER`), unless the server said how long."""
LEARNED_BURST = 1.0
"""Units a learned pace lets through at once: limits are sliding windows, bursts cost 429s."""
DEFAULT_TASK_DEADLINE = 30 * 60.0  # seconds; videos and training can take many minutes

# What one API answer may cost us (issue 8: a 300 KB gzip bomb reached 1.26 GB RSS, 50 MB bodies 1.3 GB).
# The largest legitimate answers are synchronous image endpoints returning base64 images (a few MB); a
# `Content-Length` above the cap is refused before reading, and a streamed body is cut off at the cap.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""Bytes of one API answer as received (compressed or not)."""
MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024
"""Bytes of one API answer after gzip/deflate decoding: a bomb is stopped here, a chunk at a time."""
MAX_ERROR_BODY_BYTES = 64 * 1024
"""Bytes of a refusal (HTTP >= 400) read for its message; the rest is left unread."""
DECOMPRESS_STEP = 256 * 1024
"""Most bytes inflated per call, so one callback never inflates for long (the loop keeps running)."""

# Plain http:// sends the key in clear text: allowed only to these hosts unless `allow_insecure_http=True`.
LOOPBACK_HOSTS = frozenset({"localhost", "localhost.", "ip6-localhost"})

# Webhooks (reference §3.3, 2026 §14.5). Auto-attached only where the API pages show `extra.webhook`:
# SD txt2img/img2img/inpainting/upscale and Wan 2.1 t2v/i2v. The reference recommends allowing it on every
# v3 async submit (`webhook=True` forces it) but relying on it only there, and always polling as fallback.
WEBHOOK_ENDPOINTS = frozenset({
    "/v3/async/txt2img",
    "/v3/async/img2img",
    "/v3/async/inpainting",
    "/v3/async/upscale",
    "/v3/async/wan-t2v",
    "/v3/async/wan-i2v",
})
WEBHOOK_EVENT_TYPE = "ASYNC_TASK_RESULT"
WEBHOOK_PATH = "/novita/webhook"
# WebhookPolicy defaults. A held task is first polled at its expected finish (this quantile of the
# learned durations of its kind, or the cold wait before enough are learned) plus the grace period. The
# service times a delivery out after 5 s and retries: one grace period covers a slow first attempt.
DEFAULT_WEBHOOK_GRACE = 5.0
DEFAULT_WEBHOOK_QUANTILE = 0.9
DEFAULT_WEBHOOK_COLD_WAIT = 30.0
DEFAULT_WEBHOOK_MAX_BODY = 1024 * 1024  # a task result is a few KB; more is not an event from Novita
DEFAULT_WEBHOOK_EARLY_WINDOW = 30.0  # seconds an event for a not-yet-known task id waits for its submit
DEFAULT_WEBHOOK_MAX_EARLY = 10_000  # events buffered that way at most (the oldest counts as unknown beyond)
DEFAULT_WEBHOOK_REMEMBER = 100_000  # finished task ids remembered, so retried deliveries are recognized
DEFAULT_WEBHOOK_MAX_QUEUE = 100_000  # accepted events not yet processed; beyond, 503 (the service retries)
