"""`client.webhooks`: open a webhook receiver, on its own socket (`serve`) or inside your web app
(`receive`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _constants as C
from ._policy import TestStatus, WebhookPolicy, new_token
from ._receiver import UnknownEventHandler, WebhookReceiver
from ._server import Listener

if TYPE_CHECKING:
    from .._client import NovitaClient

__all__ = ("Webhooks",)


class Webhooks:
    """Results pushed instead of polled, with polling as the safety net (reference §3.3, §14.5).

        async with NovitaClient() as client, client.webhooks.serve(port=8080,
                public_url="https://my.host/novita/webhook") as hook:
            task = await client.images.txt2img(...)   # carries extra.webhook.url = hook.url
            result = await task                       # by the webhook, or by polling if it never comes

    Options of both `serve` and `receive`:
    * `confirm` (default True): an event only triggers one read of the task result, which resolves the
      handle; the events are unsigned, so their bodies are not believed. False: the event's payload
      resolves the handle with no request (trusted networks only).
    * `token`: the secret URL segment (default: a fresh random one); pass a stored one to keep the URL
      stable across restarts.
    * `test_mode`: `"TASK_STATUS_SUCCEED"` or `"TASK_STATUS_FAILED"` asks the service for a simulated
      event (no generation) to check your endpoint; its payload resolves the handle.
    * `on_unknown(event)`: called (after the answer) with events no task of this client claimed; plain
      or async. Default: acknowledged and ignored.
    * `policy`: a `WebhookPolicy`: grace period, expected durations, size cap, buffers.
    """

    def __init__(self, client: NovitaClient) -> None:
        self._client = client

    @property
    def active(self) -> WebhookReceiver | None:
        """The open receiver that new submits are attached to, if any."""
        return self._client._webhook

    def serve(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        path: str = C.WEBHOOK_PATH,
        public_url: str | None = None,
        token: str | None = None,
        confirm: bool = True,
        test_mode: TestStatus | None = None,
        on_unknown: UnknownEventHandler | None = None,
        policy: WebhookPolicy | None = None,
    ) -> WebhookReceiver:
        """A receiver with its own HTTP server on `host:port` (0: a free port), answering `POST path/<token>`.

        `hook.url` is `http://host:port/path/<token>`, or `public_url/<token>` when the service reaches
        you through a proxy or tunnel (`public_url` then points at `path` on this server).
        """
        return WebhookReceiver(
            self._client, public_url=public_url, token=token or new_token(), confirm=confirm,
            test_mode=test_mode, on_unknown=on_unknown, policy=policy, listener=Listener(host, port, path),
        )

    def receive(
        self,
        public_url: str,
        *,
        token: str | None = None,
        confirm: bool = True,
        test_mode: TestStatus | None = None,
        on_unknown: UnknownEventHandler | None = None,
        policy: WebhookPolicy | None = None,
    ) -> WebhookReceiver:
        """A receiver for a web app you already run: route `POST <public_url>/{token}` to
        `await hook.handle(body, token)` (any framework), or mount `hook.aiohttp_app()` there (aiohttp)."""
        return WebhookReceiver(
            self._client, public_url=public_url, token=token or new_token(), confirm=confirm,
            test_mode=test_mode, on_unknown=on_unknown, policy=policy,
        )
