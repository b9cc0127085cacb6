"""`WebhookReceiver`: takes Novita's pushed task results and resolves the matching handles.

The HTTP side is framework-free: `await receiver.handle(body, token)` returns the status to answer, so
any web framework can route to it (`aiohttp_app()` is a ready aiohttp.web one; `serve()` runs that on
its own socket). It does only what the answer depends on, in microseconds: check the token (403), the
size (413), decode the body with msgspec into `WebhookEvent` (400), and queue the event (503 when the
queue is full: the service retries). Everything else happens after the answer, in one worker:

* match the event to its task by id (`Inbox`): duplicates are no-ops, early events wait for their task,
  events nobody claims go to `on_unknown` (or are ignored);
* by default (`confirm=True`) an event is only a hint: the poller reads the task result once, at once,
  and that authoritative answer resolves the handle, because the events are unsigned (reference §14.5).
  With `confirm=False` (trusted networks) the event's payload resolves the handle with no request;
* a task with a webhook is *held*: not polled before its expected finish plus `grace`; then the poller
  takes over, so a lost event costs one grace period, never a hung task. Holds are re-planned as the
  learned durations improve, and lifted when the receiver closes.
"""

from __future__ import annotations

import collections
import inspect
import logging
import math
import re
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

import anyio
import anyio.abc
import anyio.lowlevel

from .. import _constants as C
from .._codec import DECODE_ERRORS, decoder_for
from .._errors import ClientStateError
from .._polling import Task
from .._polling._backends import V3
from ..types.tasks import WebhookEvent
from ._inbox import Inbox
from ._policy import TestStatus, WebhookPolicy, expected_duration, hold_until, hook_url, token_ok
from ._stats import WebhookStats

if TYPE_CHECKING:
    from aiohttp import web

    from .._client import NovitaClient
    from ._server import Listener

__all__ = ("UnknownEventHandler", "WebhookReceiver")

logger = logging.getLogger("novita_async")

_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,}")

UnknownEventHandler = Callable[[WebhookEvent], "Awaitable[None] | None"]


class WebhookReceiver:
    """Receives webhooks for one `NovitaClient`; get one from `client.webhooks.serve()` or `.receive()`.

    Use it as an async context manager: while it is open, submits to endpoints that document webhooks
    carry `extra.webhook.url = receiver.url` (the public URL followed by a secret token).
    """

    def __init__(
        self,
        client: NovitaClient,
        *,
        public_url: str | None,
        token: str,
        confirm: bool,
        test_mode: TestStatus | None,
        on_unknown: UnknownEventHandler | None,
        policy: WebhookPolicy | None,
        listener: Listener | None = None,
    ) -> None:
        if not _TOKEN.fullmatch(token):
            raise ValueError("the token must be at least 16 URL-safe characters (A-Z, a-z, 0-9, '-', '_')")
        if public_url is not None and not public_url.startswith(("http://", "https://")):
            raise ValueError(f"public_url must be an http(s) URL, not {public_url!r}")
        self._client = client
        self._public_url = public_url
        self.token = token
        self.confirm = confirm
        self.policy = policy = policy or WebhookPolicy()
        self.test_mode = test_mode
        """Ask for simulated events (reference §14.5 `test_mode`): no generation runs; the event's
        payload resolves the handle (there is nothing to confirm)."""
        self.on_unknown = on_unknown
        self.max_body = policy.max_body
        self._listener = listener
        self._inbox = Inbox(window=policy.early_window, max_early=policy.max_early, remember=policy.remember)
        self._queue: collections.deque[WebhookEvent] = collections.deque()
        self._wake = anyio.Event()
        self._stopped = anyio.Event()
        self._scope: anyio.CancelScope | None = None
        self._open = False
        self._closed = False
        self._planned: dict[tuple[str, str, str], int] = {}
        self._until: dict[str, float] = {}
        """The hold end last set per waiting task (re-planning skips changes too small to matter)."""
        self._counts: collections.Counter[str] = collections.Counter()

    # --- identity ----------------------------------------------------------------------------------

    @property
    def public_url(self) -> str:
        """Where the service reaches this receiver, without the token."""
        if self._public_url is None:
            raise ClientStateError("the receiver has no URL until it is open")
        return self._public_url

    @property
    def url(self) -> str:
        """The URL put in `extra.webhook.url`: `public_url` + `/` + the secret token. Keep it private."""
        return hook_url(self.public_url, self.token)

    def __repr__(self) -> str:
        # The token is a credential: never in reprs (they end up in logs).
        state = "open" if self._open else ("closed" if self._closed else "unopened")
        return f"<WebhookReceiver {self._public_url or '?'}/<token> {state} held={len(self._inbox)}>"

    def statistics(self) -> WebhookStats:
        c = self._counts
        names = WebhookStats.__dataclass_fields__
        return WebhookStats(**{k: c[k] for k in names if k != "held"}, held=len(self._inbox))

    # --- lifecycle ---------------------------------------------------------------------------------

    async def __aenter__(self) -> WebhookReceiver:
        client = self._client
        client._check_open()
        if self._open or self._closed:
            raise ClientStateError("a webhook receiver can be opened once")
        if client._webhook is not None:
            raise ClientStateError("this client already has an active webhook receiver")
        if self._listener is not None:
            url = await self._listener.start(self)
            if self._public_url is None:
                self._public_url = url
        if self._public_url is None:
            raise ValueError("public_url is required when the receiver does not serve its own socket")
        await client._task_group.start(self._run)
        self._open = True
        client._webhook = self
        logger.info("webhook receiver open at %s/<token> (confirm=%s)", self._public_url, self.confirm)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop receiving: close the socket (if any), process what was accepted, hand held tasks to the
        poller. Idempotent; the client calls it when it closes first."""
        if self._closed:
            return
        self._closed = True
        if self._client._webhook is self:
            self._client._webhook = None
        try:
            if self._listener is not None:
                await self._listener.stop()
        finally:
            self._drain()
            inbox = self._inbox
            for task in [*inbox.pending.values(), *inbox.claimed.values()]:
                self._client._poller.hold(task, 0.0)  # no event will come: poll as usual from now
            self._until.clear()
            inbox.pending.clear()
            inbox.claimed.clear()
            if self._scope is not None:
                self._scope.cancel()
                await self._stopped.wait()
            self._open = False

    # --- the framework-free entry point ------------------------------------------------------------

    async def handle(self, body: bytes, token: str | None) -> int:
        """Take one delivery: `body` is the raw request body, `token` the last segment of the URL path.

        Returns the HTTP status to answer (200 accepted or ignored, 400 malformed, 403 bad token, 413 too
        large, 503 closed or overloaded). Never raises for bad input; never waits on the network.
        """
        refused = self.precheck(token, len(body))
        if refused is not None:
            return refused
        counts = self._counts
        try:
            event: WebhookEvent = decoder_for(WebhookEvent).decode(body)
        except DECODE_ERRORS as exc:
            counts["malformed"] += 1
            logger.warning("webhook refused: malformed body of %d bytes (400): %s", len(body), exc)
            return 400
        if not event.event_type or not event.payload.task.task_id:
            counts["malformed"] += 1
            logger.warning("webhook refused: no event_type or task id (400)")
            return 400
        if event.event_type != C.WEBHOOK_EVENT_TYPE:
            counts["ignored"] += 1  # "filter out any events other than ASYNC_TASK_RESULT" (§14.5)
            logger.debug("webhook event of type %r ignored", event.event_type)
            return 200
        if len(self._queue) >= self.policy.max_queue:
            counts["busy"] += 1
            return 503
        counts["accepted"] += 1
        self._queue.append(event)
        self._wake.set()
        return 200

    def precheck(self, token: str | None, size: int | None) -> int | None:
        """The status refusing a delivery before its body is read (503 closed, 403 token, 413 `size` over
        `max_body`), or None to go on. `handle` runs it too; frameworks may call it first to avoid reading
        an unauthenticated or oversized body."""
        counts = self._counts
        if not self._open:
            counts["busy"] += 1
            return 503
        if not token_ok(token, self.token):
            counts["forbidden"] += 1
            logger.warning("webhook refused: missing or wrong token (403)")
            return 403
        if size is not None and size > self.max_body:
            counts["oversized"] += 1
            logger.warning("webhook refused: body of %d bytes exceeds %d (413)", size, self.max_body)
            return 413
        return None

    def aiohttp_app(self) -> web.Application:
        """An aiohttp.web sub-application answering `POST /{token}`: mount it where `public_url` points,
        e.g. `app.add_subapp("/novita/webhook/", receiver.aiohttp_app())`."""
        from ._server import build_app

        return build_app(self)

    # --- tasks -------------------------------------------------------------------------------------

    def expect(self, task: Task[Any]) -> None:
        """Hold `task` (submitted with this receiver's URL) until its event or its expected finish."""
        if not self._open:
            return
        early = self._inbox.add(task)
        task.add_done_callback(self._on_done)
        self._hold(task)
        if early is not None:  # it beat the submit's answer: resolve after this submit returned
            self._counts["early"] += 1
            self._queue.appendleft(early)
            self._wake.set()

    def _on_done(self, task: Task[Any]) -> None:
        self._inbox.forget(task.task_id)
        self._until.pop(task.task_id, None)

    def _hold(self, task: Task[Any]) -> None:
        """(Re)set `task`'s hold: its expected finish plus grace; checked every `grace` after that."""
        until = self._hold_until(task)
        last = self._until.get(task.task_id)
        if last is not None and abs(until - last) < self.policy.grace / 4:
            return
        self._until[task.task_id] = until
        self._client._poller.hold(task, until, recheck=self.policy.grace)

    def _hold_until(self, task: Task[Any]) -> float:
        poller = self._client._poller
        model = poller.cadence.models.get((task.kind, task.endpoint, task.model))
        expected = expected_duration(model, task.eta, poller.policy.min_samples, self.policy)
        return hold_until(task.started_at, expected, self.policy.grace)

    def _replan(self) -> None:
        """Re-hold waiting tasks of each kind whose learned durations grew by a quarter since the last plan
        (a cold guess becomes a learned expectation as the first events come in, and an expectation
        learned from a batch's first, shortest tasks grows as the longer ones finish)."""
        poller = self._client._poller
        stale: set[tuple[str, str, str]] = set()
        for key, model in poller.cadence.models.items():
            n = model.observed
            if len(model) >= poller.policy.min_samples and n >= 1.25 * self._planned.get(key, 0):
                self._planned[key] = n
                stale.add(key)
        if not stale:
            return
        for task in list(self._inbox.pending.values()):
            if (task.kind, task.endpoint, task.model) in stale:
                self._hold(task)

    # --- after the answer --------------------------------------------------------------------------

    async def _run(self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        try:
            with anyio.CancelScope() as scope:
                self._scope = scope
                task_status.started()
                await self._work()
        finally:
            self._stopped.set()

    async def _work(self) -> None:
        while True:
            handled = 0
            while self._queue:
                self._process(self._queue.popleft())
                handled += 1
                if handled % 256 == 0:
                    await anyio.lowlevel.checkpoint()  # a burst must not hold the loop
            now = anyio.current_time()
            for event in self._inbox.expired(now):
                self._unknown(event)
            if handled:
                self._replan()
            self._wake = anyio.Event()
            if self._queue:
                continue
            wait = self._inbox.next_expiry() - now
            with anyio.move_on_after(max(0.0, wait) if wait < math.inf else math.inf):
                await self._wake.wait()

    def _drain(self) -> None:
        while self._queue:
            self._process(self._queue.popleft())

    def _process(self, event: WebhookEvent) -> None:
        task = self._inbox.route(event, anyio.current_time())
        if task is None:
            if self._inbox.is_duplicate(event.payload.task.task_id):
                self._counts["duplicates"] += 1
            return
        try:
            self._deliver(task, event)
        except Exception:  # e.g. a user's done-callback raising: it must not stop the receiver
            logger.exception("processing the webhook event of task %s failed", task.task_id)

    def _deliver(self, task: Task[Any], event: WebhookEvent) -> None:
        if task.done():
            self._counts["duplicates"] += 1
            return
        poller = self._client._poller
        if self.confirm and self.test_mode is None:
            self._counts["confirmed"] += 1
            poller.poll_now(task)  # one read of the authoritative state resolves it
            return
        update = V3.update_from(task.task_id, event.payload)
        if poller.resolve(task, update):
            self._counts["pushed"] += 1
        else:
            logger.debug("webhook for task %s reports %s: not terminal, ignored", task.task_id, update.status)

    def _unknown(self, event: WebhookEvent) -> None:
        self._counts["unknown"] += 1
        callback = self.on_unknown
        if callback is None:
            logger.debug("webhook for unknown task %s ignored", event.payload.task.task_id)
            return
        try:
            result = callback(event)
        except Exception:
            logger.exception("on_unknown callback failed")
            return
        if inspect.isawaitable(result):
            self._client._task_group.start_soon(_guarded, result)


async def _guarded(awaitable: Awaitable[None]) -> None:
    """Run a user callback without letting its failure take the client's task group down."""
    try:
        await awaitable
    except Exception:
        logger.exception("on_unknown callback failed")
