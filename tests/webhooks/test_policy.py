"""The pure parts: which submits carry a webhook, holds, tokens, the inbox; and the emulator's loopback rule."""

from __future__ import annotations

import random

import msgspec
import pytest

from novita_async import InvalidRequestError, NovitaClient, WebhookPolicy
from novita_async._polling import BACKENDS, DurationModel, Task
from novita_async._webhooks._inbox import Inbox
from novita_async._webhooks._policy import (
    expected_duration,
    hold_until,
    hook_url,
    token_ok,
    wants_webhook,
    with_webhook,
)
from novita_async.testing import EmulatorServer
from novita_async.testing._webhooks import is_loopback_url
from novita_async.types import V3Extra, WebhookEvent

from ._hooks import TXT2IMG, event


def test_which_submits_carry_a_webhook() -> None:
    assert wants_webhook("/v3/async/txt2img", None)
    assert wants_webhook("/v3/async/wan-t2v", None)
    assert not wants_webhook("/v3/async/txt2video", None)  # not shown on its page today (§14.5)
    assert wants_webhook("/v3/async/txt2video", True)
    assert not wants_webhook("/v3/async/txt2img", False)
    assert not wants_webhook("/v2/txt2img", True)  # v3 async only


def test_with_webhook_merges_and_yields_to_the_callers_own() -> None:
    url = "http://127.0.0.1:1/novita/webhook/tok"
    assert with_webhook(None, url, None) == {"webhook": {"url": url}}
    merged = with_webhook(V3Extra(response_image_type="jpeg"), url, "TASK_STATUS_FAILED")
    assert merged == {
        "response_image_type": "jpeg",
        "webhook": {"url": url, "test_mode": {"enabled": True, "return_task_status": "TASK_STATUS_FAILED"}},
    }
    assert with_webhook({"webhook": {"url": "https://mine"}}, url, None) is None


def test_expected_duration_and_hold() -> None:
    policy = WebhookPolicy(cold_wait=12.0, expected_quantile=0.9)
    assert expected_duration(None, None, 8, policy) == 12.0
    assert expected_duration(None, 3.5, 8, policy) == 3.5  # the server's eta first
    model = DurationModel(64, random.Random(1))
    for d in range(1, 5):
        model.add(float(d), informed=False)
    assert expected_duration(model, None, 8, policy) == 12.0  # too few samples: still cold
    for d in range(5, 11):
        model.add(float(d), informed=False)
    assert 8.0 <= expected_duration(model, None, 8, policy) <= 10.0
    assert hold_until(100.0, 2.0, 0.5) == 102.5
    with pytest.raises(ValueError):
        WebhookPolicy(grace=-1)
    with pytest.raises(ValueError):
        WebhookPolicy(expected_quantile=0)


def test_tokens() -> None:
    assert token_ok("abc", "abc")
    assert not token_ok("abd", "abc") and not token_ok(None, "abc") and not token_ok("", "abc")
    assert not token_ok("\udcff", "abc")  # undecodable path segments do not raise
    assert hook_url("https://h/x/", "t-_1") == "https://h/x/t-_1"


def _event(task_id: str) -> WebhookEvent:
    return msgspec.convert(event(task_id), WebhookEvent)


def test_inbox_matches_early_duplicate_and_unknown_events() -> None:
    inbox = Inbox(window=1.0, max_early=2, remember=2)
    a: Task[object] = Task("a", BACKENDS["v3"])
    assert inbox.route(_event("a"), now=0.0) is None  # before its submit returned
    assert inbox.route(_event("a"), now=0.1) is None  # a retry of it: still one waiting
    early = inbox.add(a)
    assert early is not None and inbox.route(early, now=0.2) is a  # matched once its task is known
    assert inbox.is_duplicate("a")
    inbox.forget("a")
    assert inbox.route(_event("a"), now=0.2) is None and inbox.is_duplicate("a")
    b: Task[object] = Task("b", BACKENDS["v3"])
    assert inbox.add(b) is None
    assert inbox.route(_event("b"), now=0.3) is b
    assert inbox.route(_event("b"), now=0.3) is None  # claimed: the retry is a duplicate
    for tid in ("x", "y", "z"):  # room for two: the oldest is handed on at once
        inbox.route(_event(tid), now=0.5)
    assert inbox.next_expiry() == float("-inf")
    assert [e.payload.task.task_id for e in inbox.expired(0.6)] == ["x"]
    assert inbox.next_expiry() == 1.5
    assert [e.payload.task.task_id for e in inbox.expired(1.5)] == ["y", "z"]
    # A retry of an event already handed on as unknown, however late: a duplicate, not unknown again.
    assert inbox.route(_event("z"), now=9.0) is None and inbox.is_duplicate("z") and inbox.early == 0
    for tid in ("c", "d", "e"):
        inbox.forget(tid)
    assert not inbox.is_duplicate("a")  # only the last `remember` ids are kept


def test_emulator_only_posts_to_loopback() -> None:
    assert is_loopback_url("http://127.0.0.1:8080/h") and is_loopback_url("http://[::1]/h")
    assert is_loopback_url("https://localhost/h")
    for url in ("http://example.com/h", "http://10.0.0.1/h", "ftp://127.0.0.1/h", "not a url", "http://[::1"):
        assert not is_loopback_url(url)


async def test_emulator_refuses_other_hosts(novita_client: NovitaClient, novita_emulator: EmulatorServer) -> None:
    with pytest.raises(InvalidRequestError, match="loopback"):
        await novita_client.images.txt2img(**TXT2IMG, extra={"webhook": {"url": "https://example.com/hook"}})
    assert novita_emulator.state.tasks_created_total == 0


async def test_receiver_arguments_are_checked(novita_client: NovitaClient) -> None:
    with pytest.raises(ValueError, match="token"):
        novita_client.webhooks.serve(token="short")
    with pytest.raises(ValueError, match="token"):
        novita_client.webhooks.serve(token="a/b" * 10)
    with pytest.raises(ValueError, match="public_url"):
        novita_client.webhooks.receive("ftp://x/y")
    hook = novita_client.webhooks.receive("https://my.host/hook", token="t" * 16)
    assert hook.url == "https://my.host/hook/" + "t" * 16
