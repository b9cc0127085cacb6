"""Structural rules of `novita_async.types`: image-field paths, docstrings, exports, module sizes."""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import pkgutil
import types as pytypes
import typing
from pathlib import Path
from typing import Any

import msgspec
import pytest

import novita_async.types as t
from novita_async.types import MiB, RequestStruct, ResponseStruct

PACKAGE_DIR = Path(t.__file__).parent
MODULES = sorted(m.name for m in pkgutil.iter_modules([str(PACKAGE_DIR)]))


def _all_structs() -> list[type[msgspec.Struct]]:
    out: list[type[msgspec.Struct]] = []
    for name in MODULES:
        mod = importlib.import_module(f"novita_async.types.{name}")
        for obj in vars(mod).values():
            if isinstance(obj, type) and issubclass(obj, msgspec.Struct) and obj.__module__ == mod.__name__:
                out.append(obj)
    return out


STRUCTS = _all_structs()
REQUESTS = [s for s in STRUCTS if issubclass(s, RequestStruct) and s is not RequestStruct]
RESPONSES = [s for s in STRUCTS if issubclass(s, ResponseStruct) and s is not ResponseStruct]


def _strip(tp: Any) -> list[Any]:
    """The concrete alternatives of a field type (Annotated, UNSET, None and unions removed)."""
    if typing.get_origin(tp) is typing.Annotated:
        return _strip(typing.get_args(tp)[0])
    if typing.get_origin(tp) in (typing.Union, pytypes.UnionType):
        return [x for a in typing.get_args(tp) for x in _strip(a)]
    if tp in (msgspec.UnsetType, type(None)):
        return []
    return [tp]


def _resolve(struct: type[msgspec.Struct], path: str) -> Any:
    """Follow a dotted `__image_fields__` path through Struct fields; return the leaf type."""
    current: Any = struct
    for part in path.split("."):
        is_list = part.endswith("[]")
        name = part.removesuffix("[]")
        assert isinstance(current, type) and issubclass(current, msgspec.Struct), (struct, path, current)
        fields = {f.encode_name: f for f in msgspec.structs.fields(current)}
        assert name in fields, f"{struct.__name__}: `{name}` of `{path}` is not a field"
        (leaf,) = _strip(fields[name].type)
        if is_list:
            assert typing.get_origin(leaf) is list, f"{struct.__name__}: `{part}` is not a list"
            (leaf,) = typing.get_args(leaf)
        current = leaf
    return current


@pytest.mark.parametrize("struct", [s for s in REQUESTS if s.__image_fields__], ids=lambda s: s.__name__)
def test_image_field_paths_resolve_to_string_fields(struct: type[RequestStruct]) -> None:
    for path, limit in struct.__image_fields__.items():
        assert _resolve(struct, path) is str, (struct.__name__, path)
        assert isinstance(limit, int) and MiB <= limit <= 30 * MiB


# Field names that carry base64 images; every occurrence must be declared in `__image_fields__`.
IMAGE_NAMES = {
    "image_base64",
    "mask_image_base64",
    "image_file",
    "mask_file",
    "pose_image_file",
    "face_image_file",
    "background_image_file",
    "input_image",
    "init_images",
    "mask",
    "image",
    "face_image_base64",
    # Part 2 media inputs (URLs or data URIs by flavour, novita-api-2026.md §13.3)
    "image_url",
    "end_image_url",
    "end_image",
    "last_image",
    "img_url",
    "images",
    "audio_url",
    "file",
    "audio",
}


def _image_paths(struct: Any, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for f in msgspec.structs.fields(struct):
        for leaf in _strip(f.type):
            suffix = ""
            if typing.get_origin(leaf) is list:
                (leaf,) = _strip(typing.get_args(leaf)[0])
                suffix = "[]"
            path = f"{prefix}{f.encode_name}{suffix}"
            if isinstance(leaf, type) and issubclass(leaf, RequestStruct):
                found |= _image_paths(leaf, path + ".")
            elif leaf is str and f.encode_name in IMAGE_NAMES:
                found.add(path)
    return found


TOP_LEVEL = [s for s in REQUESTS if s.__name__.endswith("Request") and not s.__name__.startswith("_")]


@pytest.mark.parametrize("struct", TOP_LEVEL, ids=lambda s: s.__name__)
def test_every_base64_field_is_declared(struct: type[RequestStruct]) -> None:
    # Part 2 model requests declare their image fields with a flavour (URL / data URI / base64, §13.3).
    inputs = set(getattr(struct, "__image_inputs__", {}))
    assert _image_paths(struct) == set(struct.__image_fields__) | inputs
    assert not inputs & set(struct.__image_fields__)


@pytest.mark.parametrize(
    "struct", [s for s in REQUESTS if getattr(s, "__image_inputs__", None)], ids=lambda s: s.__name__
)
def test_image_inputs_resolve_to_string_fields(struct: type[RequestStruct]) -> None:
    for path, (flavour, limit) in struct.__image_inputs__.items():  # type: ignore[attr-defined]
        assert _resolve(struct, path) is str, (struct.__name__, path)
        # Part 2's Vidu pages allow 50 MB images (novita-api-2026.md §16.15).
        assert flavour in ("url", "data_uri", "base64") and MiB <= limit <= 50 * MiB


def test_documented_size_limits() -> None:
    assert t.Img2ImgRequest.__image_fields__["image_base64"] == 10 * MiB
    assert t.Img2ImgRequest.__image_fields__["controlnet.units[].image_base64"] == 30 * MiB
    assert t.V2Img2ImgRequest.__image_fields__["init_images[]"] == 30 * MiB


@pytest.mark.parametrize("struct", RESPONSES, ids=lambda s: s.__name__)
def test_responses_have_defaults_and_decode_from_empty(struct: type[ResponseStruct]) -> None:
    for f in msgspec.structs.fields(struct):
        assert f.required is False, (struct.__name__, f.name)
    msgspec.json.Decoder(struct, strict=False).decode(b"{}")
    assert not struct.__struct_config__.forbid_unknown_fields


@pytest.mark.parametrize("struct", REQUESTS, ids=lambda s: s.__name__)
def test_requests_are_strict_and_omit_defaults(struct: type[RequestStruct]) -> None:
    config = struct.__struct_config__
    assert config.forbid_unknown_fields and config.omit_defaults
    params = inspect.signature(struct).parameters.values()
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), struct.__name__
    for f in msgspec.structs.fields(struct):
        if not f.required:
            assert f.default is msgspec.UNSET, (struct.__name__, f.name)


@pytest.mark.parametrize("module", MODULES)
def test_every_field_has_a_docstring(module: str) -> None:
    tree = ast.parse((PACKAGE_DIR / f"{module}.py").read_text(encoding="utf-8"))
    missing: list[str] = []
    for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        assert ast.get_docstring(cls), f"{module}.{cls.name} has no docstring"
        body = cls.body
        for i, node in enumerate(body):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if node.target.id.startswith("__") or "ClassVar" in ast.unparse(node.annotation):
                    continue
                nxt = body[i + 1] if i + 1 < len(body) else None
                is_doc = isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
                is_doc = is_doc and isinstance(nxt.value.value, str)  # type: ignore[union-attr]
                if not is_doc:
                    missing.append(f"{cls.name}.{node.target.id}")
    assert not missing, f"fields without a docstring in {module}: {missing}"


@pytest.mark.parametrize("module", MODULES)
def test_module_all_is_a_tuple_of_local_names(module: str) -> None:
    mod = importlib.import_module(f"novita_async.types.{module}")
    if module == "__init__":
        return
    assert isinstance(mod.__all__, tuple)
    for name in mod.__all__:
        obj = getattr(mod, name)
        if isinstance(obj, type):
            assert obj.__module__ == mod.__name__, (module, name)


def test_package_reexports_everything_sorted() -> None:
    assert isinstance(t.__all__, tuple) and list(t.__all__) == sorted(t.__all__)
    expected: set[str] = set()
    for module in MODULES:
        expected |= set(importlib.import_module(f"novita_async.types.{module}").__all__)
    assert set(t.__all__) == expected
    public_structs = {s.__name__ for s in STRUCTS if not s.__name__.startswith("_")}
    assert public_structs <= set(t.__all__)


def test_status_enums_are_str_enums() -> None:
    for e in (t.V3TaskStatus, t.TrainingTaskStatus, t.TrainedModelStatus):
        assert issubclass(e, str) and issubclass(e, enum.Enum)
    assert t.V3TaskStatus("TASK_STATUS_SUCCEED") == "TASK_STATUS_SUCCEED"
    assert {s.value for s in t.V3TaskStatus} >= {
        "TASK_STATUS_QUEUED",
        "TASK_STATUS_PROCESSING",
        "TASK_STATUS_SUCCEED",
        "TASK_STATUS_FAILED",
        "TASK_STATUS_UNKNOWN",
    }
    assert [s.value for s in t.TrainingTaskStatus] == [
        "UNKNOWN",
        "QUEUING",
        "TRAINING",
        "SUCCESS",
        "CANCELED",
        "FAILED",
    ]


@pytest.mark.parametrize("module", MODULES)
def test_modules_stay_small(module: str) -> None:
    lines = (PACKAGE_DIR / f"{module}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 420, f"{module}.py has {lines} lines; split it"
