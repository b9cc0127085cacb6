"""The sync client can never drift from the async one: same areas, methods and signatures."""

from __future__ import annotations

import inspect
import re
from functools import cached_property
from typing import Any

import pytest

from novita_async import NovitaClient, SyncNovitaClient, SyncTask, Task
from novita_async._sync import _generate

_REWRITES = (
    (r"\bAsyncIterator\b", "Iterator"), (r"\bAsyncIterable\b", "Iterable"), (r"\bTask\b", "SyncTask"),
    (r"\bSpeechStream\b", "SyncSpeechStream"),
)
REGENERATE = "the sync client is stale: run `python -m novita_async._sync._generate` and commit _generated.py"


def _areas(cls: type) -> dict[str, Any]:
    return {name: attr for name, attr in vars(cls).items() if isinstance(attr, cached_property)} | {
        name: attr for base in cls.__mro__[1:] for name, attr in vars(base).items() if isinstance(attr, cached_property)
    }


def _public(cls: type) -> dict[str, Any]:
    return {name: getattr(cls, name) for name in dir(cls) if not name.startswith("_") and callable(getattr(cls, name))}


def _sync_signature(function: Any) -> str:
    text = str(inspect.signature(function))
    for pattern, replacement in _REWRITES:
        text = re.sub(pattern, replacement, text)
    return text


def test_generated_file_is_current() -> None:
    assert _generate.TARGET.read_text(encoding="utf-8") == _generate.generate(), REGENERATE


def test_same_areas_methods_and_signatures() -> None:
    async_areas = _areas(NovitaClient)
    sync_areas = _areas(SyncNovitaClient)
    assert set(sync_areas) == set(async_areas), REGENERATE
    for name, prop in async_areas.items():
        async_cls = inspect.signature(prop.func).return_annotation
        sync_cls = inspect.signature(sync_areas[name].func).return_annotation
        assert sync_cls == f"Sync{async_cls}"
        async_methods = _public(_resource_class(async_cls))
        sync_methods = _public(_sync_class(sync_cls))
        assert set(sync_methods) == set(async_methods), (name, REGENERATE)
        for method, function in async_methods.items():
            sync_sig, async_sig = inspect.signature(sync_methods[method]), inspect.signature(function)
            if sync_sig.return_annotation == f"AbstractContextManager[{async_sig.return_annotation}]":
                # `async with area.method(...)` becomes `with area.method(...)`: only for async context managers
                assert hasattr(function, "__code__")
                sync_sig = sync_sig.replace(return_annotation=async_sig.return_annotation)
            assert str(sync_sig) == _sync_signature(function), (name, method)
    assert str(inspect.signature(SyncNovitaClient.__init__)) == str(inspect.signature(NovitaClient.__init__))


def test_client_level_methods_match() -> None:
    shared = {"batch", "limiter_statistics", "poller_statistics"}
    assert shared <= set(_public(SyncNovitaClient)) & set(_public(NovitaClient))


@pytest.mark.parametrize("name", ["result", "wait", "cancel", "cancelled", "done", "exception", "updates"])
def test_task_handle_mirrors_task(name: str) -> None:
    assert callable(getattr(SyncTask, name)) and callable(getattr(Task, name))
    for attribute in ("task_id", "status", "progress_percent", "eta", "kind", "endpoint", "last_update"):
        assert isinstance(getattr(SyncTask, attribute), property)


def _resource_class(name: str) -> type:
    return _generate._find_class(name)


def _sync_class(name: str) -> type:
    from novita_async._sync import _generated

    return getattr(_generated, name)  # type: ignore[no-any-return]
