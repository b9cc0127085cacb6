"""Batch endpoint names → client methods, looked up on the client at run time.

Resources are written independently (`client.images`, `client.video`, `client.tools`, ...), so the table
is a search order rather than a hard-coded list: an endpoint name is found on whichever resource has a
public coroutine method of that name. Unknown names give a clear per-item error, not a crash.
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


class UnknownEndpointError(LookupError):
    """No resource of the client has a method for this endpoint name."""


def normalize_endpoint(name: str) -> str:
    """`"/v3/async/replace-object"` and `"Replace-Object"` both become `"replace_object"`."""
    name = name.strip().lower()
    for prefix in ("/v3/async/", "/v3/", "/v2/"):
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    name = name.strip("/").replace("-", "_")
    return _ALIASES.get(name, name)


class ResolvedEndpoint:
    """A bound client method plus which keyword options it accepts."""

    __slots__ = ("accepts_deadline", "accepts_extra", "accepts_options", "method", "name", "path")

    def __init__(self, name: str, method: Callable[..., Awaitable[Any]], path: str = "") -> None:
        self.name = name
        self.method = method
        self.path = path or "/" + name.replace("_", "-")
        """The HTTP path (catalogue), for the rate limiter's family and cost."""
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


@functools.lru_cache(maxsize=256)
def _path_of(call: str) -> str:
    return next((e.path for e in ENDPOINTS if e.call == call and not e.args and e.method == "POST"), "")


def _catalogue_call(endpoint: str) -> str:
    """The catalogue's client call for a path or slug (`/v3/async/kling-v2.1-i2v`, `kling-v2.1-i2v`), if any.

    Paths and slugs carry dots and sync/async twins (`/v3/minimax-speech-02-hd` vs
    `/v3/async/minimax-speech-02-hd`) that a method name cannot spell; the catalogue knows both.
    """
    text = endpoint.strip()
    paths = [text] if text.startswith("/") else [f"/v3/async/{text}", f"/v3/{text}", f"/v3beta/{text}"]
    for path in paths:
        row = find(path)
        if row is not None and row.call and not row.args:
            return row.call
    return ""


def resolve_endpoint(client: NovitaClient, endpoint: str) -> ResolvedEndpoint:
    """The client method behind `endpoint`; raises `UnknownEndpointError` with the names that exist."""
    call = _catalogue_call(endpoint)
    if call.count(".") == 2:
        _, resource_name, method_name = call.split(".")
        method = getattr(getattr(client, resource_name, None), method_name, None)
        if method is not None and inspect.iscoroutinefunction(method):
            return ResolvedEndpoint(method_name, method, _path_of(call))
    name = normalize_endpoint(endpoint)
    if name and not name.startswith("_"):
        for resource_name in _RESOURCES:
            try:
                resource = getattr(client, resource_name)
            except (ImportError, AttributeError):
                continue  # that resource is not part of this build
            method = getattr(resource, name, None)
            if method is not None and inspect.iscoroutinefunction(method):
                return ResolvedEndpoint(name, method, _path_of(f"client.{resource_name}.{name}"))
    raise UnknownEndpointError(f"unknown endpoint {endpoint!r} (e.g. txt2img, img2img, upscale, txt2video)")
