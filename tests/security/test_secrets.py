"""The API key never leaves the API requests (issue 8, items 5 and 6).

Not in logs at DEBUG, reprs, `str`/`repr` of any error, tracebacks rendered with local variables
(`traceback.TracebackException(..., capture_locals=True)`, what pytest `-l` and Sentry do) over every error
path, nor in requests to any host but the API base URL; and never over plain http to a remote host.
Before the fix every `SubmitOutcomeUnknownError` traceback held `Authorization: Bearer ...` in a chained
aiohttp frame, and `http://`, `ftp://x` or `not a url` were accepted silently.
"""

from __future__ import annotations

import logging
import secrets
import socket
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import anyio
import pytest
from _hostile import HostileProxy, Misbehave

from novita_async import (
    ConfigurationError,
    MissingAPIKeyError,
    NovitaClient,
    NovitaError,
    PollPolicy,
    RequestOptions,
    Timeout,
)
from novita_async.testing import EmulatorConfig, EmulatorServer, Fault

KEY = "sk-" + secrets.token_hex(16)
NO_RETRY = RequestOptions(max_retries=0)
SUBMIT = "/v3/async/txt2img"
TXT2IMG = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=1,
    steps=20, guidance_scale=7.5, sampler_name="Euler a",
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorServer]:
    async with EmulatorServer(EmulatorConfig(api_keys=frozenset({KEY}))) as server:
        yield server


@pytest.fixture
async def client(emulator: EmulatorServer) -> AsyncIterator[NovitaClient]:
    async with NovitaClient(
        api_key=KEY, base_url=emulator.url, assets_url=emulator.storage_url, rate_limits=None,
        poll_policy=PollPolicy(first_delay=0.05, min_interval=0.05, max_interval=0.2),
    ) as c:
        yield c


def chain(exc: BaseException) -> list[BaseException]:
    """`exc` and every exception linked to it, suppressed or not (what a thorough reporter may walk)."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        todo += [e.__cause__, e.__context__]
        todo += list(getattr(e, "exceptions", ()))  # exception groups
    return seen


def assert_no_key(exc: BaseException, secret: str = KEY) -> None:
    """The key is in no rendering of `exc`: str, repr, and tracebacks with locals of its whole chain."""
    for e in chain(exc):
        rendered = "".join(traceback.TracebackException.from_exception(e, capture_locals=True).format())
        assert secret not in rendered, f"{type(e).__name__} traceback with locals shows the key"
        assert secret not in str(e) and secret not in repr(e)
        for value in vars(e).values():
            assert secret not in repr(value)


async def raised(call: Callable[[], Awaitable[Any]]) -> BaseException:
    try:
        await call()
    except BaseException as exc:
        return exc
    raise AssertionError("expected an error")


# --- tracebacks with locals, over every error path ------------------------------------------------------

ERROR_PATHS: dict[str, tuple[str, Fault | None]] = {
    "submit outcome unknown (reset after)": (SUBMIT, Fault.reset_after()),
    "truncated submit answer": (SUBMIT, Fault.truncate()),
    "server error 500 on a submit": (SUBMIT, Fault.http(500)),
    "rate limited 429": ("/v3/user", Fault.http(429, retry_after=0)),
    "reset before (POST)": (SUBMIT, Fault.reset_before()),
    "malformed answer": ("/v3/user", Fault.malformed()),
    "not found": ("/v3/user", Fault.http(404)),
    "read timeout": ("/v3/user", Fault.delay(1.0)),
}


@pytest.mark.parametrize("name", list(ERROR_PATHS))
async def test_no_key_in_any_error_rendered_with_locals(
    client: NovitaClient, emulator: EmulatorServer, name: str
) -> None:
    path, fault = ERROR_PATHS[name]
    if fault is not None:
        emulator.faults.add(path, fault)
    options = RequestOptions(max_retries=0, timeout=Timeout(connect=1, read=0.2, total=1))
    if path == SUBMIT:
        exc = await raised(lambda: client.images.txt2img(**TXT2IMG, options=options))
    else:
        exc = await raised(lambda: client.account.user(options=options))
    assert isinstance(exc, NovitaError)
    assert_no_key(exc)


async def test_no_key_when_a_request_is_cancelled_inside_aiohttp(
    client: NovitaClient, emulator: EmulatorServer
) -> None:
    """A deadline that cancels a request mid-flight: the CancelledError ran through aiohttp's frames."""
    emulator.faults.add("/v3/user", Fault.delay(0.6))

    async def call() -> None:
        with anyio.fail_after(0.15):
            await client.account.user(options=NO_RETRY)

    exc = await raised(call)
    assert isinstance(exc, TimeoutError)
    assert_no_key(exc)


async def test_no_key_when_connection_refused_or_server_gone() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        async with NovitaClient(api_key=KEY, base_url=f"http://127.0.0.1:{port}") as client:
            assert_no_key(await raised(lambda: client.account.user(options=NO_RETRY)))
            assert_no_key(await raised(lambda: client.images.txt2img(**TXT2IMG, options=NO_RETRY)))


async def test_no_key_in_task_errors_and_hostile_answers(emulator: EmulatorServer) -> None:
    async with HostileProxy(emulator.url) as proxy, NovitaClient(
        api_key=KEY, base_url=proxy.url, rate_limits=None
    ) as client:
        for behaviour in (Misbehave.create_then(502), Misbehave.gzip_bomb(40 * 1024 * 1024),
                          Misbehave.nested(), Misbehave.error_envelope_200(), Misbehave.html()):
            proxy.script(SUBMIT, behaviour)
            assert_no_key(await raised(lambda: client.images.txt2img(**TXT2IMG, options=NO_RETRY)))
        with pytest.raises(NovitaError) as info:
            client.tasks.attach("t", "nope")  # type: ignore[call-overload]
        assert_no_key(info.value)


def test_no_key_in_construction_errors() -> None:
    """An error raised inside `NovitaClient.__init__` shows its locals: the key must not be one."""
    for kwargs in ({"base_url": "ftp://x"}, {"assets_url": "not a url"}, {"base_url": "http://example.com"}):
        with pytest.raises(ConfigurationError) as info:
            NovitaClient(api_key=KEY, **kwargs)
        assert_no_key(info.value)


def test_missing_key_is_a_configuration_error() -> None:
    with pytest.raises(MissingAPIKeyError) as info:
        NovitaClient()
    assert isinstance(info.value, ConfigurationError) and isinstance(info.value, ValueError)


# --- reprs and logs ------------------------------------------------------------------------------------


async def test_no_key_in_reprs_of_the_client_and_its_parts(client: NovitaClient) -> None:
    await client.account.user()
    for obj in (client, client._transport, client._session, client._api_key):
        assert KEY not in repr(obj) and KEY not in str(obj)
        for value in getattr(obj, "__dict__", {}).values():
            assert KEY not in repr(value)
    assert client._api_key.reveal() == KEY  # it is still there, just never rendered


async def test_no_key_in_logs_at_debug(
    client: NovitaClient, emulator: EmulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: ours, aiohttp's and backoff's
    emulator.faults.add("/v3/user", Fault.http(503))
    emulator.faults.add(SUBMIT, Fault.reset_after())
    await client.account.user()
    with pytest.raises(NovitaError):
        await client.images.txt2img(**TXT2IMG)
    task = await client.images.txt2img(**TXT2IMG)
    await task
    assert caplog.records and KEY not in caplog.text
    for record in caplog.records:
        assert KEY not in repr(record.args) and KEY not in repr(record.__dict__)


# --- requests to other hosts ---------------------------------------------------------------------------


async def test_key_only_sent_to_the_api_host(emulator: EmulatorServer) -> None:
    async with HostileProxy(emulator.storage_url) as storage, HostileProxy(emulator.url) as api:
        # The API answers a redirect to another host: it is not followed, so that host sees nothing.
        api.script("/v3/user", Misbehave.answer(b"", status=302, forward=False,
                                               headers={"Location": storage.url + "/stolen"}))
        async with NovitaClient(
            api_key=KEY, base_url=api.url, assets_url=storage.url, rate_limits=None
        ) as client:
            with pytest.raises(NovitaError):
                await client.account.user(options=NO_RETRY)
            await client.assets.upload_image(PNG)
            task = await client.images.txt2img(**TXT2IMG)
            result = await task
    assert storage.seen and all(path != "/stolen" for _, path, _ in storage.seen)
    for _, _, headers in storage.seen:
        assert "Authorization" not in headers and KEY not in repr(headers)
    assert all(headers.get("Authorization") == f"Bearer {KEY}" for _, _, headers in api.seen)
    assert emulator.state.storage_requests and not any(r.had_authorization for r in emulator.state.storage_requests)
    assert result.images


# --- plain http and malformed URLs --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://api.example.com", "http://10.0.0.1:8080", "ftp://x", "not a url", "", "https://", "file:///etc",
     "https://api.novita.ai/?q=1", "https://user:pw@api.novita.ai", " https://api.novita.ai", "http://[::2]",
     "https://api.novita.ai\x00.evil", "https://[::1"],
)
@pytest.mark.parametrize("field", ["base_url", "assets_url"])
def test_unsafe_or_malformed_urls_are_refused(url: str, field: str) -> None:
    with pytest.raises(ConfigurationError, match=field):
        NovitaClient(api_key=KEY, **{field: url})


@pytest.mark.parametrize(
    "url",
    ["https://api.novita.ai", "https://api.novita.ai/", "http://127.0.0.1:8080", "http://127.9.9.9",
     "http://localhost:1234", "http://[::1]:8080", "https://10.0.0.1"],
)
def test_https_and_loopback_http_are_accepted(url: str) -> None:
    client = NovitaClient(api_key=KEY, base_url=url, assets_url=url)
    assert client.base_url == url.rstrip("/")


def test_plain_http_needs_an_explicit_opt_in() -> None:
    client = NovitaClient(api_key=KEY, base_url="http://gateway.internal:8080", allow_insecure_http=True)
    assert client.base_url == "http://gateway.internal:8080"
    with pytest.raises(ConfigurationError, match="allow_insecure_http"):
        NovitaClient(api_key=KEY, base_url="http://gateway.internal:8080")


def test_base_url_from_the_environment_is_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOVITA_BASE_URL", "http://evil.example")
    with pytest.raises(ConfigurationError):
        NovitaClient(api_key=KEY)


def test_no_key_in_construction_errors_of_the_sync_client() -> None:
    from novita_async import SyncNovitaClient

    with pytest.raises(ConfigurationError) as info:
        SyncNovitaClient(api_key=KEY, base_url="http://example.com")
    assert_no_key(info.value)


def test_cli_refuses_a_plain_http_base_url_with_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from novita_async._cli import main

    monkeypatch.setenv("NOVITA_API_KEY", KEY)
    monkeypatch.setenv("NOVITA_BASE_URL", "http://api.example.com")
    assert main(["user"]) == 2
    err = capsys.readouterr().err
    assert "plain http" in err and len(err.strip().splitlines()) == 1 and KEY not in err
