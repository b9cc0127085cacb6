"""The public surface: one sorted `__all__`, every name importable and shown as `novita_async.X`."""

from __future__ import annotations

import novita_async
import novita_async.testing
import novita_async.types


def test_all_is_complete_and_sorted() -> None:
    names = novita_async.__all__
    assert isinstance(names, tuple)
    assert list(names) == sorted(names)
    public = {n for n in dir(novita_async) if not n.startswith(("_", "@"))}
    public -= {"resources", "testing", "types"}  # subpackages
    assert public <= set(names) | {"annotations"}
    for name in names:
        assert hasattr(novita_async, name), name


def test_exceptions_show_the_public_module() -> None:
    assert novita_async.RateLimitError.__module__ == "novita_async"
    assert repr(novita_async.NovitaClient).startswith("<class 'novita_async.NovitaClient'")


def test_subpackages_declare_tuple_all() -> None:
    for module in (novita_async.types, novita_async.testing):
        assert isinstance(module.__all__, tuple)
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)


def test_exported_structs_still_decode() -> None:
    """Structs keep their defining module, or msgspec could not resolve their annotations."""
    import msgspec

    item = msgspec.convert({"id": "a", "request": {"prompt": "x"}}, novita_async.BatchItem)
    assert item.request == {"prompt": "x"}
    assert msgspec.convert({"max_retries": 1}, novita_async.RequestOptions).max_retries == 1
