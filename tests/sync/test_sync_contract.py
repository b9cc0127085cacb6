"""The foundation's contract, through `SyncNovitaClient`, end to end against the emulator over loopback.

Each contract test runs three ways (parametrized): from the test's own thread, from inside a running
event loop (as a notebook cell or code under `asyncio.run` would call it), and from a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from _sync_helpers import FAST_POLLS, client_for, emulator_thread

from novita_async import (
    AuthenticationError,
    ClientState,
    ClientStateError,
    MissingAPIKeyError,
    NotFoundError,
    RequestOptions,
    RequestValidationError,
    ServerError,
    SubmitOutcomeUnknownError,
    SyncNovitaClient,
    SyncTask,
    TaskFailedError,
    TaskStatus,
    TaskTimeoutError,
)
from novita_async.testing import EmulatorServer, Fault
from novita_async.types import Txt2ImgRequest

T = TypeVar("T")
TXT2IMG: dict[str, Any] = dict(
    model_name="sd_xl_base_1.0.safetensors", prompt="a cat", width=512, height=512, image_num=2,
    steps=20, guidance_scale=7.5, sampler_name="Euler a",
)
SUBMIT = "/v3/async/txt2img"


def _in_running_loop(fn: Callable[[], T]) -> T:
    async def main() -> T:
        return fn()  # a blocking call inside a coroutine, as in a Jupyter cell

    return asyncio.run(main())


def _in_thread(fn: Callable[[], T]) -> T:
    box: list[Any] = []

    def run() -> None:
        try:
            box.append((True, fn()))
        except BaseException as exc:
            box.append((False, exc))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    ok, value = box[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


CALLERS = {"main-thread": lambda fn: fn(), "inside-running-loop": _in_running_loop, "worker-thread": _in_thread}


@pytest.fixture(params=list(CALLERS))
def call(request: pytest.FixtureRequest) -> Callable[[Callable[[], Any]], Any]:
    return CALLERS[request.param]  # type: ignore[no-any-return]


def test_submit_and_wait(sync_client: SyncNovitaClient, emulator: EmulatorServer, call: Any) -> None:
    def scenario() -> None:
        task = sync_client.images.txt2img(**TXT2IMG)
        assert isinstance(task, SyncTask) and task.task_id
        result = task.result(timeout=30)
        assert result.task.status == "TASK_STATUS_SUCCEED"
        assert task.status is TaskStatus.SUCCEEDED and task.done()
        assert len(result.images) == 2
        assert result.images[0].image_url.startswith(emulator.storage_url)
        assert sync_client.tasks.get(task.task_id).task.task_id == task.task_id

    call(scenario)
    assert emulator.state.tasks_created_total == 1


def test_request_struct_instead_of_keywords(sync_client: SyncNovitaClient, call: Any) -> None:
    task = call(lambda: sync_client.images.txt2img(Txt2ImgRequest(**TXT2IMG), extra={"response_image_type": "jpeg"}))
    assert task.result(timeout=30).images[0].image_type == "jpeg"


def test_bad_input_is_refused_before_sending(
    sync_client: SyncNovitaClient, emulator: EmulatorServer, call: Any
) -> None:
    with pytest.raises(RequestValidationError) as info:
        call(lambda: sync_client.images.txt2img(**{**TXT2IMG, "width": 64}))
    assert info.value.field is not None and "width" in info.value.field
    with pytest.raises(RequestValidationError, match="promt"):
        call(lambda: sync_client.images.txt2img(**TXT2IMG, promt="typo"))
    assert emulator.state.tasks_created_total == 0


def test_api_errors_are_the_async_errors(sync_client: SyncNovitaClient, emulator: EmulatorServer, call: Any) -> None:
    with pytest.raises(NotFoundError):
        call(lambda: sync_client.tasks.get("no-such-task"))
    failed = call(lambda: sync_client.images.txt2img(**{**TXT2IMG, "prompt": "a cat [fail]"}))
    with pytest.raises(TaskFailedError) as info:
        failed.result(timeout=30)
    assert info.value.task_id == failed.task_id
    bad_key = SyncNovitaClient(api_key="wrong", base_url=emulator.url, rate_limits=None)
    with bad_key, pytest.raises(AuthenticationError):
        call(bad_key.account.user)


def test_retries_and_never_double_pay(sync_client: SyncNovitaClient, emulator: EmulatorServer, call: Any) -> None:
    emulator.faults.add("/v3/user", Fault.http(503))
    emulator.faults.add("/v3/user", Fault.reset_before())
    assert call(sync_client.account.user).credit_balance > 0
    emulator.faults.add(SUBMIT, Fault.http(429, retry_after=0.05))
    call(lambda: sync_client.images.txt2img(**TXT2IMG)).result(timeout=30)
    assert emulator.state.tasks_created_total == 1
    emulator.faults.add(SUBMIT, Fault.http(500))
    with pytest.raises(SubmitOutcomeUnknownError) as info:  # a 500 may follow a created task: ambiguous
        call(lambda: sync_client.images.txt2img(**TXT2IMG))
    assert info.value.status_code == 500 and isinstance(info.value.__cause__, ServerError)
    emulator.faults.add(SUBMIT, Fault.reset_after())
    with pytest.raises(SubmitOutcomeUnknownError):
        call(lambda: sync_client.images.txt2img(**TXT2IMG, options=RequestOptions(max_retries=3)))
    assert emulator.state.tasks_created_total == 2  # the reset-after created one, and it was not re-sent


def test_timeouts_and_cancel(call: Any) -> None:
    with emulator_thread(task_duration=(0.8, 0.8)) as emulator, client_for(emulator) as client:
        task = call(lambda: client.images.txt2img(**TXT2IMG))
        assert call(lambda: task.wait(timeout=0.05)) is False
        with pytest.raises(TaskTimeoutError):
            call(lambda: task.result(timeout=0.05))
        assert not task.done()  # a bounded wait does not stop tracking
        call(task.cancel)
        assert task.cancelled() and task.done()
        again = call(lambda: client.tasks.attach(task.task_id))
        assert again.task_id == task.task_id and not again.done()
        assert [u.status for u in again.updates()][-1] is TaskStatus.SUCCEEDED


def test_key_is_never_shown(
    emulator: EmulatorServer, caplog: pytest.LogCaptureFixture, call: Any
) -> None:
    secret = emulator.api_key
    caplog.set_level(logging.DEBUG, logger="novita_async")
    client = SyncNovitaClient(api_key=secret, base_url=emulator.url, rate_limits=None, poll_policy=FAST_POLLS)
    with client:
        assert secret not in repr(client)
        emulator.faults.add(SUBMIT, Fault.reset_after())
        with pytest.raises(SubmitOutcomeUnknownError) as info:
            call(lambda: client.images.txt2img(**TXT2IMG))
        rendered = "".join(traceback.TracebackException.from_exception(info.value).format())
        assert secret not in rendered and secret not in str(info.value) and secret not in repr(info.value)
        task = call(lambda: client.images.txt2img(**TXT2IMG))
        assert secret not in repr(task)
        task.result(timeout=30)
    assert caplog.records and all(secret not in r.getMessage() for r in caplog.records)


def test_lifecycle(emulator: EmulatorServer, call: Any) -> None:
    with pytest.raises(MissingAPIKeyError, match="NOVITA_API_KEY"):
        SyncNovitaClient()
    client = SyncNovitaClient(api_key=emulator.api_key, base_url=emulator.url, rate_limits=None)
    assert client.state is ClientState.OPENED  # usable at once, `with` is optional
    assert call(client.account.user).credit_balance > 0
    client.close()
    client.close()  # idempotent
    assert client.state is ClientState.CLOSED
    with pytest.raises(ClientStateError, match="closed"):
        call(client.account.user)
