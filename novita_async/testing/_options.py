"""Every knob of the emulator from text: command-line values, config files and fault specs.

Why derived from `EmulatorConfig` instead of listed by hand: the emulator gains knobs often (durations,
queues, limits, webhook faults, ...), and a hand-written option list would fall behind the day one is
added. Each dataclass field becomes `--field-name` with the field's own docstring as its help, and a
converter chosen from its type; a test checks that every field can be set from the command line.

Fault specs (`--fault`, or `"faults": [...]` in a config file) read `KIND[:ARG][@PATH][,key=value...]`:

    http:503@/v3/async/*,rate=0.1      10% of async submits answer 503 (for ever)
    reset_after@/v3/async/txt2img,times=2   the next two txt2img submits create a task, then the answer is lost
    delay:30@/v3/async/task-result,rate=0.05   5% of polls answer after 30 s
    http:429,retry_after=2             the next request anywhere answers 429 with Retry-After: 2

KIND is one of http (ARG: status, default 500), reset_before, reset_after, delay and delay_after (ARG:
seconds), truncate, malformed, unknown_status. PATH defaults to every path (`*`; a trailing `*` matches a
prefix). Keys: rate (a probability per matching request), times, method, retry_after.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import json
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from ._config import EmulatorConfig
from ._faults import Fault, FaultSchedule

__all__ = ("FaultSpec", "config_fields", "load_config_file", "make_config", "parse_fault", "parse_value")

_SKIPPED = {"clock"}  # not expressible as text


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """One `EmulatorConfig` field as the command line sees it."""

    name: str
    type: Any
    default: Any
    doc: str

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def is_bool(self) -> bool:
        return self.type is bool


@functools.lru_cache(maxsize=1)
def config_fields() -> tuple[FieldInfo, ...]:
    """The settable fields of `EmulatorConfig`, in declaration order, with their docstrings."""
    hints = typing.get_type_hints(EmulatorConfig)
    docs = _attribute_docs(EmulatorConfig)
    fields = []
    for field in dataclasses.fields(EmulatorConfig):
        if field.name in _SKIPPED:
            continue
        factory: Any = field.default_factory
        default = field.default if field.default is not dataclasses.MISSING else factory()
        fields.append(FieldInfo(field.name, hints[field.name], default, docs.get(field.name, "")))
    return tuple(fields)


def _attribute_docs(cls: type) -> dict[str, str]:
    """`name: type = value` followed by a string literal: that string documents `name` (PEP 257)."""
    tree = ast.parse(inspect.getsource(cls))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for node, following in zip(body, body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.target.id] = " ".join(following.value.value.split())
    return docs


def parse_value(info: FieldInfo, text: str) -> Any:
    """Convert one command-line value to the field's type. Raises ValueError with a readable message."""
    hint = info.type
    optional = _is_optional(hint)
    if optional and text.strip().lower() in ("none", "null", ""):
        return None
    base = _strip_none(hint)
    try:
        if base in (int, float, str):
            return base(text)
        if base is bool:
            return _bool(text)
        origin = typing.get_origin(base)
        if origin is typing.Literal:
            choices = typing.get_args(base)
            if text.strip() not in choices:
                raise ValueError("choose one of " + ", ".join(map(str, choices)))
            return text.strip()
        if origin is tuple and text and text.lstrip()[0] not in "[{":
            parts = [p for p in text.replace(" ", "").split(",") if p]
            args = typing.get_args(base)
            if len(args) == 2 and args[1] is not Ellipsis and len(parts) == 1:
                parts = parts * 2  # "--task-duration 1.5" means exactly 1.5 s
            return msgspec.convert([float(p) if "." in p or "e" in p else int(p) for p in parts], base)
        if origin in (frozenset, set, list) and text and text.lstrip()[0] != "[":
            return msgspec.convert([p.strip() for p in text.split(",") if p.strip()], base)
        if origin is dict and text and text.lstrip()[0] != "{":
            return msgspec.convert(_pairs(text), base)
        return msgspec.convert(json.loads(text), base)
    except (ValueError, TypeError, msgspec.ValidationError) as exc:
        raise ValueError(f"{info.flag}: cannot use {text!r} ({exc})") from None


def _pairs(text: str) -> dict[str, Any]:
    """`txt2img=5/1,img2img=10/60` -> {"txt2img": [5, 1.0], ...}; a plain `k=v` keeps `v` as a number."""
    result: dict[str, Any] = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"expected KEY=VALUE, got {item!r}")
        if "/" in value:
            count, per = value.split("/", 1)
            result[key.strip()] = [int(count), float(per)]
        else:
            result[key.strip()] = json.loads(value)
    return result


def _bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"expected true or false, got {text!r}")


def _is_optional(hint: Any) -> bool:
    return type(None) in typing.get_args(hint) if _is_union(hint) else False


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _strip_none(hint: Any) -> Any:
    if not _is_union(hint):
        return hint
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if len(args) == 1 else typing.Union[tuple(args)]  # noqa: UP007


# --- faults ----------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class FaultSpec:
    """A parsed `--fault` value: what to do, where, how often."""

    text: str
    fault: Fault
    path: str = "*"
    times: int | None = None
    probability: float | None = None
    method: str | None = None

    def install(self, schedule: FaultSchedule) -> None:
        schedule.add(self.path, self.fault, times=self.times, method=self.method, probability=self.probability)


_NO_ARGUMENT: dict[str, Callable[[], Fault]] = {
    "reset_before": Fault.reset_before, "reset_after": Fault.reset_after, "truncate": Fault.truncate,
    "malformed": Fault.malformed, "unknown_status": Fault.unknown_status,
}


def parse_fault(text: str) -> FaultSpec:
    """Parse `KIND[:ARG][@PATH][,key=value...]` (see the module docstring). Raises ValueError."""
    head, *options = [part.strip() for part in text.split(",")]
    kind_arg, _, path = head.partition("@")
    kind, _, arg = kind_arg.partition(":")
    kind = kind.strip().lower().replace("-", "_")
    keys: dict[str, str] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or key not in ("rate", "times", "method", "retry_after"):
            raise ValueError(f"--fault {text!r}: unknown option {option!r} (rate=, times=, method=, retry_after=)")
        keys[key] = value
    try:
        if kind == "http":
            retry_after = float(keys["retry_after"]) if "retry_after" in keys else None
            fault = Fault.http(int(arg or 500), retry_after=retry_after)
        elif kind in ("delay", "delay_after"):
            fault = (Fault.delay if kind == "delay" else Fault.delay_after)(float(arg))
        elif kind in _NO_ARGUMENT and not arg:
            fault = _NO_ARGUMENT[kind]()
        else:
            kinds = ", ".join(["http[:STATUS]", "delay:SECONDS", "delay_after:SECONDS", *_NO_ARGUMENT])
            raise ValueError(f"unknown fault {kind_arg!r}; one of {kinds}")
        times = int(keys["times"]) if "times" in keys else None
        probability = float(keys["rate"]) if "rate" in keys else None
        if probability is not None and not 0 < probability <= 1:
            raise ValueError("rate must be in (0, 1]")
        if times is not None and times < 1:
            raise ValueError("times must be >= 1")
    except ValueError as exc:
        raise ValueError(f"--fault {text!r}: {exc}") from None
    return FaultSpec(text, fault, path.strip() or "*", times, probability, keys.get("method"))


# --- putting it together ---------------------------------------------------------------------------

def load_config_file(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Read a JSON (or, on Python 3.11+, TOML) file of field values and an optional `faults` list."""
    text = path.read_text(encoding="utf-8")
    data: Any
    if path.suffix != ".toml":
        data = json.loads(text)
    elif sys.version_info >= (3, 11):
        import tomllib

        data = tomllib.loads(text)
    else:
        raise ValueError(f"{path}: TOML config files need Python 3.11 or newer; use JSON")
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object of emulator settings")
    faults = data.pop("faults", [])
    if not isinstance(faults, list) or not all(isinstance(f, str) for f in faults):
        raise ValueError(f"{path}: `faults` must be a list of fault specs (strings)")
    return data, faults


def make_config(values: Mapping[str, Any], base: EmulatorConfig | None = None) -> EmulatorConfig:
    """An `EmulatorConfig` from field values (already typed, or JSON-like from a file)."""
    known = {info.name: info for info in config_fields()}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"unknown emulator setting(s): {', '.join(unknown)}")
    converted: dict[str, Any] = {}
    for name, value in values.items():
        try:
            converted[name] = msgspec.convert(value, known[name].type, strict=False)
        except msgspec.ValidationError as exc:
            raise ValueError(f"{name}: {exc}") from None
    return dataclasses.replace(base or EmulatorConfig(), **converted)


def describe(config: EmulatorConfig, faults: Iterable[FaultSpec] = ()) -> list[str]:
    """The settings that differ from the defaults, one `name = value` line each, then the faults."""
    default = EmulatorConfig()
    lines = [
        f"{info.name} = {getattr(config, info.name)!r}"
        for info in config_fields()
        if getattr(config, info.name) != getattr(default, info.name)
    ]
    return lines + [f"fault {spec.text}" for spec in faults]
