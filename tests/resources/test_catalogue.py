"""The endpoint catalogue: every established row has a client method and an emulator route; the README table
matches; Part 2 (rows 101-191 of novita-api-2026.md §13.4) is enumerated whole."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from aiohttp import web

from novita_async import NovitaClient
from novita_async._catalogue import (
    ENDPOINTS,
    PART1,
    PART2,
    Endpoint,
    documented_limit,
    established,
    markdown_table,
    request_cost,
)
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


PART2_ROWS = set(range(101, 122)) | set(range(131, 165)) | set(range(171, 187)) | {191}
NOT_ESTABLISHED = {140, 150, 163, 164, 186}  # the rows §13.4 marks "—"


def _established_ids(endpoint: Endpoint) -> str:
    return f"{endpoint.ref}:{endpoint.endpoint_text}"


def test_catalogue_covers_every_reference_row() -> None:
    assert {e.ref for e in PART1} == set(range(1, 53))
    assert {e.ref for e in PART2} == PART2_ROWS
    keys = [(e.host, e.method, e.path) for e in ENDPOINTS]
    assert len(keys) == len(set(keys)), "one row per endpoint"
    assert len({e.call_text for e in PART2 if e.established}) == len([e for e in PART2 if e.established])


def test_not_established_rows_are_the_dashes_of_the_reference() -> None:
    rows = [e for e in ENDPOINTS if not e.established]
    assert {e.ref for e in rows} == NOT_ESTABLISHED
    for row in rows:
        assert row.call == "" and row.note, row


def test_part1_statuses_follow_the_deprecation_table() -> None:
    status = {e.ref: e.status for e in PART1}
    assert {r for r, s in status.items() if s == "deprecated"} == {5, 6, 7, 17}
    assert status[9] == status[46] == status[51] == "removed"
    assert status[12] == status[47] == "established"
    assert status[45] == status[32] == "legacy"  # §14.8 CONFLICT: removed per JS, documented per the docs


@pytest.mark.parametrize("endpoint", [e for e in PART1 if e.status != "established"], ids=_established_ids)
def test_retired_rows_say_so_in_their_docstring(endpoint: Endpoint) -> None:
    target = _resolve(NovitaClient(api_key="k"), endpoint.call)
    doc = inspect.getdoc(target) or ""
    word = {"deprecated": "Deprecated", "removed": "Removed", "legacy": "Legacy"}[endpoint.status]
    assert word in doc


def _resolve(client: NovitaClient, call: str) -> object:
    parts = call.split(".")
    assert parts[0] == "client"
    target: object = client
    for part in parts[1:]:
        target = getattr(target, part)
    return target


@pytest.mark.parametrize("endpoint", established(), ids=_established_ids)
def test_row_has_client_method(endpoint: Endpoint) -> None:
    target = _resolve(NovitaClient(api_key="k"), endpoint.call)
    assert callable(target)
    assert inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)
    if endpoint.args:
        name = endpoint.args.split("=")[0]
        assert name in inspect.signature(target).parameters


@pytest.mark.parametrize("endpoint", established(), ids=_established_ids)
def test_row_has_emulator_route(endpoint: Endpoint, emulator_routes: dict[str, set[tuple[str, str]]]) -> None:
    path = re.sub(r"\{[^}]*\}", "{}", endpoint.path)
    assert (endpoint.method, path) in emulator_routes[endpoint.host]


def test_rate_costs_are_data() -> None:
    assert request_cost("/v3/async/txt2img", {"request": {"image_num": 4}}) == 4
    assert request_cost("/v3beta/flux-1-schnell", {"image_num": 3}) == 3
    assert request_cost("/v3/async/flux-1-kontext-dev", {"num_images": 2}) == 2
    assert request_cost("/v3/async/kling-v1.6-t2v", {"image_num": 9}) == 1  # RPM: requests count
    assert request_cost("/v3/async/not-a-model", {"image_num": 9}) == 1
    assert documented_limit("/v3beta/flux-1-schnell") == (10, "image")
    assert documented_limit("/v3/async/video-merge-face") == (10, "request")
    assert documented_limit("/v3/async/flux-2-pro") is None


def test_provisional_rows_are_the_unknown_paths() -> None:
    assert {e.ref for e in ENDPOINTS if e.provisional} == {1, 2, 3, 14}


def test_readme_table_is_current() -> None:
    table = markdown_table()
    assert table.splitlines()[0] == "| Endpoint | Client call | Status |"
    assert "| POST /v3/async/txt2img | client.images.txt2img | current |" in table
    assert "| POST /v3/async/flux-2-dev | client.images.flux_2_dev |" in table
    assert "| POST /v2/txt2img | client.v2.txt2img | deprecated" in table
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == len(established()) + 1
    assert (ROOT / "docs" / "endpoints.md").read_text() == table, "regenerate: python -m novita_async._catalogue"
    assert table in (ROOT / "README.md").read_text(), "paste docs/endpoints.md into README.md"
