"""The endpoint catalogue: every row has a client method and an emulator route; the README table matches."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from aiohttp import web

from novita_async import NovitaClient
from novita_async._catalogue import ENDPOINTS, Endpoint, markdown_table
from novita_async.testing import EmulatorConfig
from novita_async.testing._app import build_api_app, build_storage_app
from novita_async.testing._faults import FaultSchedule
from novita_async.testing._runtime import Runtime
from novita_async.testing._state import EmulatorState
from novita_async.testing._webhooks import WebhookSender

ROOT = Path(__file__).resolve().parents[2]


def _routes(app: web.Application) -> set[tuple[str, str]]:
    out = set()
    for route in app.router.routes():
        canonical = route.resource.canonical if route.resource is not None else ""
        out.add((route.method, re.sub(r"\{[^}]*\}", "{}", canonical)))
    return out


@pytest.fixture(scope="module")
def emulator_routes() -> dict[str, set[tuple[str, str]]]:
    config = EmulatorConfig()
    rt = Runtime(config, EmulatorState(config.credit_balance), FaultSchedule())
    return {"api": _routes(build_api_app(rt, WebhookSender(rt))), "assets": _routes(build_storage_app(rt))}


def test_catalogue_covers_every_reference_row() -> None:
    assert {e.ref for e in ENDPOINTS} == set(range(1, 53))
    keys = [(e.host, e.method, e.path) for e in ENDPOINTS]
    assert len(keys) == len(set(keys)), "one row per endpoint"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.endpoint_text)
def test_row_has_client_method(endpoint: Endpoint) -> None:
    client = NovitaClient(api_key="k")
    parts = endpoint.call.split(".")
    assert parts[0] == "client"
    target: object = client
    for part in parts[1:]:
        target = getattr(target, part)
    assert callable(target)
    assert inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)
    if endpoint.args:
        name = endpoint.args.split("=")[0]
        assert name in inspect.signature(target).parameters


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.endpoint_text)
def test_row_has_emulator_route(endpoint: Endpoint, emulator_routes: dict[str, set[tuple[str, str]]]) -> None:
    path = re.sub(r"\{[^}]*\}", "{}", endpoint.path)
    assert (endpoint.method, path) in emulator_routes[endpoint.host]


def test_provisional_rows_are_the_unknown_paths() -> None:
    assert {e.ref for e in ENDPOINTS if e.provisional} == {1, 2, 3, 14}


def test_readme_table_is_current() -> None:
    table = markdown_table()
    assert table.splitlines()[0] == "| Endpoint | Client call |"
    assert "| POST /v3/async/txt2img | client.images.txt2img |" in table
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == len(ENDPOINTS) + 1
    assert (ROOT / "docs" / "endpoints.md").read_text() == table, "regenerate: python -m novita_async._catalogue"
    assert table in (ROOT / "README.md").read_text(), "paste docs/endpoints.md into README.md"
