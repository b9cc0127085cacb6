"""Property-based tests (hypothesis): whatever comes in, only our typed errors come out.

* Request Structs: arbitrary keyword values for every request type either build (and then encode to JSON
  that decodes back to the same Struct) or raise `RequestValidationError`; never anything else.
* Response decoders: arbitrary bytes and arbitrary JSON for every response type, the v2 envelope and the
  error body either decode or raise `APIResponseValidationError` (status errors: always an
  `APIStatusError`); never `RecursionError`, `UnicodeDecodeError`, `TypeError`...
"""

from __future__ import annotations

import asyncio
import inspect
import json
import math
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import novita_async.types as types_pkg
from novita_async import APIResponseValidationError, APIStatusError, NovitaError, RequestValidationError
from novita_async._codec import decode_response, encode
from novita_async._session import Session
from novita_async._transport import RawResponse
from novita_async.resources._base import AsyncResource
from novita_async.types._base import RequestStruct, ResponseStruct

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _subclasses(base: type) -> Iterator[type]:
    seen: set[type] = set()
    for name in types_pkg.__all__:
        obj = getattr(types_pkg, name)
        if inspect.isclass(obj) and issubclass(obj, base) and obj is not base and obj not in seen:
            seen.add(obj)
            yield obj


REQUEST_TYPES = sorted(_subclasses(RequestStruct), key=lambda t: t.__name__)
RESPONSE_TYPES = sorted(_subclasses(ResponseStruct), key=lambda t: t.__name__)

# JSON-ish values, including the awkward ones: huge ints, non-finite floats, lone surrogates, deep nesting.
scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
finite_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**64 - 1),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=16,
)


def _plain_fields(request_type: type[RequestStruct]) -> list[str]:
    """Fields whose values are plain JSON: image/file inputs are read from paths, so they are left out."""
    skip = {f.split(".", 1)[0].removesuffix("[]") for f in request_type.__image_fields__}
    skip |= {f.split(".", 1)[0].removesuffix("[]") for f in getattr(request_type, "__image_inputs__", {})}
    return [f for f in request_type.__struct_fields__ if f not in skip]


_loop = asyncio.new_event_loop()
_resource = AsyncResource(None)  # type: ignore[arg-type]  # `_build` never touches the client


def build(request_type: type[RequestStruct], fields: dict[str, Any]) -> RequestStruct:
    return _loop.run_until_complete(_resource._build(request_type, None, fields, "/test"))


@pytest.mark.parametrize("request_type", REQUEST_TYPES, ids=lambda t: t.__name__)
def test_request_validation_is_total_and_round_trips(request_type: type[RequestStruct]) -> None:
    names = _plain_fields(request_type)
    if not names:
        pytest.skip("only file inputs")
    keys = st.one_of(st.sampled_from(names), st.sampled_from(names), st.text(min_size=1, max_size=6))

    @settings(SETTINGS, max_examples=8)
    @given(st.dictionaries(keys, json_values, max_size=len(names) + 1))
    def check(fields: dict[str, Any]) -> None:
        try:
            built = build(request_type, fields)
        except RequestValidationError:
            return
        try:
            body = encode(built)
        except RequestValidationError:  # text that is not valid Unicode
            return
        again = msgspec.json.decode(body, type=request_type)
        assert again == built, (body, built)
        assert not [v for v in _numbers(json.loads(body)) if isinstance(v, float) and not math.isfinite(v)]

    check()


def _numbers(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from _numbers(v)
    else:
        yield value


@SETTINGS
@given(
    st.sampled_from(RESPONSE_TYPES),
    st.one_of(st.binary(max_size=200), finite_json.map(lambda v: json.dumps(v).encode())),
)
def test_response_decoders_raise_only_typed_errors(response_type: type[ResponseStruct], body: bytes) -> None:
    try:
        decode_response(body, response_type, method="GET", path="/x", status=200)
    except APIResponseValidationError:
        pass


@SETTINGS
@given(st.sampled_from(RESPONSE_TYPES), finite_json, st.integers(-5, 20))
def test_v2_envelopes_raise_only_typed_errors(response_type: type[ResponseStruct], data: Any, code: int) -> None:
    raw = RawResponse(200, {}, json.dumps({"code": code, "msg": "m", "data": data}).encode())
    try:
        Session.decode(raw, response_type, "GET", "/v2/x", True)
    except (APIResponseValidationError, APIStatusError):
        pass


@SETTINGS
@given(
    st.integers(400, 599),
    st.one_of(st.binary(max_size=200), finite_json.map(lambda v: json.dumps(v).encode()),
              st.builds(lambda d: json.dumps({"code": 1, "reason": "R", "message": "m", "metadata": d}).encode(),
                        finite_json)),
    st.one_of(st.none(), st.text(max_size=30)),
)
def test_error_bodies_always_become_status_errors(status: int, body: bytes, retry_after: str | None) -> None:
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    error = Session._status_error(None, "GET", "/x", RawResponse(status, headers, body))  # type: ignore[arg-type]
    assert isinstance(error, APIStatusError) and error.status_code == status
    assert error.retry_after is None or error.retry_after >= 0


def test_nested_error_body_is_a_status_error() -> None:
    error = Session._status_error(None, "GET", "/x", RawResponse(500, {}, b"[" * 100_000))  # type: ignore[arg-type]
    assert isinstance(error, NovitaError) and error.status_code == 500


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.from_regex(r"(https?|ftp)://[^/?#]{0,20}(/[ -~]{0,10})?", fullmatch=True)))
def test_url_check_accepts_or_refuses_with_a_configuration_error(url: str) -> None:
    from novita_async import ConfigurationError
    from novita_async._security import check_service_url, is_loopback_host

    try:
        checked = check_service_url(url, name="base_url")
    except ConfigurationError:
        return
    assert checked.startswith(("https://", "http://"))
    if checked.startswith("http://"):
        from urllib.parse import urlsplit

        assert is_loopback_host(urlsplit(checked).hostname or "")
