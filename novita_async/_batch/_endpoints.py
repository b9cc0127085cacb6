"""Batch endpoint names and paths → client calls: typed when known, raw otherwise.

An item's `endpoint` is resolved in this order:

1. the endpoint catalogue (`_catalogue`), by path (`"/v3/async/kling-v2.1-i2v"`) or by slug
   (`"kling-v2.1-i2v"`, tried under `/v3/async/`, `/v3/` and `/v3beta/`): the row names its client call;
2. a public coroutine method of that name on one of the resources (`"txt2img"`, `"Replace-Object"`), the
   search order below (resources are written independently, so this is a search, not a fixed table);
3. otherwise, raw: a `/v3/async/...` path, or a model-shaped slug (it has a `-` or a `.`, e.g. a model
   released after this client), is submitted as is with `client.tasks.submit(path, request)`: the same
   paid-submit path, poller and journal as the typed calls, without client-side validation. A catalogue
   row whose method is not in this build goes raw too.

Anything else (a plain word that names nothing, e.g. the typo `txt2imgg`) is a clear per-item
`UnknownEndpointError`, not a submit to a path that does not exist.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .._catalogue import ENDPOINTS, find

if TYPE_CHECKING:
    from .._client import NovitaClient

__all__ = ("ResolvedEndpoint", "normalize_endpoint", "resolve_endpoint")

# Where to look, in order. `v2` last: its deprecated endpoints share names with the v3 ones.
_RESOURCES = ("images", "video", "audio", "tools", "v2")
# Names that differ from the method name.
_ALIASES = {"image_to_video": "img2video", "text_to_video": "txt2video", "text_to_image": "txt2img"}
_PREFIXES = ("/v3/async/", "/v3beta/", "/v3/", "/v2/")
# Where a bare slug may live, in order (the async prefix first: only async endpoints can go raw).
_SLUG_PATHS = ("/v3/async/", "/v3/", "/v3beta/")


class UnknownEndpointError(LookupError):
    """No resource of the client has a method for this endpoint name, and it is not an async path."""


def normalize_endpoint(name: str) -> str:
    """`"/v3/async/replace-object"` and `"Replace-Object"` both become `"replace_object"`."""
    name = name.strip().lower()
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    name = name.strip("/").replace("-", "_").replace(".", "")
    return _ALIASES.get(name, name)


class ResolvedEndpoint:
    """A bound client method plus which keyword options it accepts; `raw` for untyped submits."""

    __slots__ = ("accepts_deadline", "accepts_extra", "accepts_options", "method", "name", "path", "raw")

    def __init__(
        self, name: str, method: Callable[..., Awaitable[Any]], *, path: str = "", raw: bool = False
    ) -> None:
        self.name = name
        self.method = method
        self.path = path or "/" + name.replace("_", "-")
        """The HTTP path (catalogue), for the rate limiter's family and cost."""
        self.raw = raw
        params = _parameters(method)
        self.accepts_options = "options" in params
        self.accepts_deadline = "deadline" in params
        self.accepts_extra = "extra" in params


def _parameters(method: Callable[..., Any]) -> frozenset[str]:
    func = getattr(method, "__func__", method)
    return _parameters_of(func)


@functools.lru_cache(maxsize=256)
def _parameters_of(func: Callable[..., Any]) -> frozenset[str]:
    return frozenset(inspect.signature(func).parameters)


def _bound(client: NovitaClient, call: str) -> Callable[..., Awaitable[Any]] | None:
    """The coroutine method behind a catalogue call (`client.images.flux_2_dev`), if this build has it."""
    target: Any = client
    try:
        for part in call.split(".")[1:]:
            target = getattr(target, part)
    except (ImportError, AttributeError):
        return None
    return target if inspect.iscoroutinefunction(target) else None


@functools.lru_cache(maxsize=256)
def _path_of(call: str) -> str:
    """The catalogue path of a client call found by method name (`client.tools.cleanup` → `/v3/cleanup`)."""
    return next((e.path for e in ENDPOINTS if e.call == call and not e.args and e.method == "POST"), "")


def _raw(client: NovitaClient, path: str) -> ResolvedEndpoint:
    """An untyped async submit of the item's request fields (plus `extra`) to `path`."""

    async def submit(*, options: Any = None, deadline: float | None = None, extra: Any = None, **fields: Any) -> Any:
        body = dict(fields) if extra is None else {**fields, "extra": extra}
        return await client.tasks.submit(path, body, options=options, deadline=deadline)

    return ResolvedEndpoint(path.rsplit("/", 1)[-1], submit, path=path, raw=True)


def _catalogue_row(endpoint: str) -> tuple[str, str] | None:
    """(path, call) of the catalogue row an item's endpoint names, by path or by slug.

    Paths and slugs carry dots and sync/async twins (`/v3/minimax-speech-02-hd` vs
    `/v3/async/minimax-speech-02-hd`) that a method name cannot spell; the catalogue knows both.
    """
    text = endpoint.strip()
    candidates = [text] if text.startswith("/") else [prefix + text.strip("/") for prefix in _SLUG_PATHS]
    for path in candidates:
        row = find(path)
        if row is not None and not row.args:  # enterprise twins need their argument: found by name below
            return row.path, row.call
    return None


def resolve_endpoint(client: NovitaClient, endpoint: str) -> ResolvedEndpoint:
    """The client call behind `endpoint` (see the module docstring); `UnknownEndpointError` if none."""
    known = _catalogue_row(endpoint)
    if known is not None:
        path, call = known
        method = _bound(client, call) if call else None
        if method is not None:
            return ResolvedEndpoint(call.rsplit(".", 1)[-1], method, path=path)
        if path.startswith("/v3/async/") and "*" not in path:
            return _raw(client, path)
    name = normalize_endpoint(endpoint)
    if name and not name.startswith("_"):
        for resource_name in _RESOURCES:
            try:
                resource = getattr(client, resource_name)
            except (ImportError, AttributeError):
                continue  # that resource is not part of this build
            method = getattr(resource, name, None)
            if method is not None and inspect.iscoroutinefunction(method):
                return ResolvedEndpoint(name, method, path=_path_of(f"client.{resource_name}.{name}"))
    text = endpoint.strip()
    if text.startswith("/v3/async/") and len(text) > len("/v3/async/"):
        return _raw(client, text)
    if not text.startswith("/") and ("-" in text or "." in text) and "/" not in text and " " not in text:
        return _raw(client, "/v3/async/" + text)
    raise UnknownEndpointError(
        f"unknown endpoint {endpoint!r} (e.g. txt2img, flux-2-dev, kling-v2.1-i2v, or any async path "
        "'/v3/async/<model>' to submit it untyped)"
    )
