"""Write `_generated.py`: the synchronous surface, derived from the async client's source.

Why generated and not forwarded through `__getattr__`: a `__getattr__` forwarder works at run time but
mypy (and an editor) would see `Any` everywhere. Copying every signature by hand would drift the day a
method changes. So this script reads the async resources' source with `ast` and emits one sync class per
API area, with each public method's exact signature and docstring; only the return type changes
(`Task[R]` becomes `SyncTask[R]`, `AsyncIterator[T]` becomes `Iterator[T]`). A test regenerates it and
fails if the committed file is stale:

    python -m novita_async._sync._generate
"""

from __future__ import annotations

import ast
import builtins
import importlib
import importlib.util
import inspect
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType

__all__ = ("TARGET", "generate")

TARGET = Path(__file__).with_name("_generated.py")

_HEADER = '''"""The synchronous API areas and constructor, GENERATED from the async client by `_generate.py`.

Do not edit: run `python -m novita_async._sync._generate` after changing an async resource.
"""
# mypy: disable-error-code="no-any-return"
# ruff: noqa: E501, I001

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._portal import SyncResource, SyncRuntime

'''

_RETURN_REWRITES = (
    (re.compile(r"\bAbstractAsyncContextManager\b"), "AbstractContextManager"),
    (re.compile(r"\bAsyncContextManager\b"), "AbstractContextManager"),
    (re.compile(r"\bAsyncIterator\b"), "Iterator"),
    (re.compile(r"\bAsyncIterable\b"), "Iterable"),
    (re.compile(r"\bTask\b"), "SyncTask"),
    (re.compile(r"\bSpeechStream\b"), "SyncSpeechStream"),
)
# Names the generated code itself provides or always imports.
_PROVIDED = {
    "Iterator": "from collections.abc import Iterator",
    "Iterable": "from collections.abc import Iterable",
    "SyncTask": "from ._task import SyncTask",
    "SyncSpeechStream": "from ._stream import SyncSpeechStream",
    "AbstractContextManager": "from contextlib import AbstractContextManager",
}


@dataclass
class _Names:
    """What the annotations of the generated file need, and where each name comes from."""

    sources: dict[str, str] = field(default_factory=dict)  # name -> one import or alias statement
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> {definition: module}
    used: set[str] = field(default_factory=set)
    runtime: set[str] = field(default_factory=set)  # needed when the module runs (defaults, decorators)

    def learn(self, module: ModuleType) -> None:
        tree = ast.parse(inspect.getsource(module))
        package = module.__name__.rpartition(".")[0]
        for node in _top_level(tree):
            if isinstance(node, ast.ImportFrom):
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                for alias in node.names:
                    name = alias.asname or alias.name
                    self.sources.setdefault(name, f"from {base} import {alias.name}" + _as(alias))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    name = alias.asname or alias.name.partition(".")[0]
                    self.sources.setdefault(name, f"import {alias.name}" + _as(alias))
            elif isinstance(node, ast.ClassDef):
                self.sources.setdefault(node.name, f"from {module.__name__} import {node.name}")
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                text = f"{name} = {ast.unparse(node.value)}"
                self.aliases.setdefault(name, {}).setdefault(text, module.__name__)

    def use(self, text: str, *, runtime: bool = False) -> None:
        for node in ast.walk(ast.parse(text, mode="eval")):
            if isinstance(node, ast.Name):
                if runtime:
                    self.runtime.add(node.id)
                if node.id not in self.used:
                    self.used.add(node.id)
                    if node.id in self.aliases:
                        self.use(self._alias(node.id).partition(" = ")[2])

    def _alias(self, name: str) -> str:
        definitions = self.aliases[name]
        if len(definitions) > 1:
            raise SystemExit(f"two different module-level `{name}` definitions in the resources; rename one")
        return next(iter(definitions))

    def imports(self) -> tuple[list[str], list[str]]:
        """(imports needed at run time, imports and aliases needed only by the type checker)."""
        runtime: list[str] = []
        typing_only: list[str] = []
        for name in sorted(self.used):
            if name in _PROVIDED:
                line = _PROVIDED[name]
            elif name in self.sources:
                line = self.sources[name]
            elif name in self.aliases and name in self.runtime:
                line = f"from {next(iter(self.aliases[name].values()))} import {name}"  # a value, not a type
            elif name in self.aliases or hasattr(builtins, name):
                continue
            else:
                raise SystemExit(f"cannot find where `{name}` comes from")
            (runtime if name in self.runtime else typing_only).append(line)
        # Aliases after imports, in definition order.
        aliases = [self._alias(name) for name in self.aliases if name in self.used and name not in self.runtime]
        typing_only.extend(aliases)
        return _grouped(runtime), _grouped(typing_only[: len(typing_only) - len(aliases)]) + aliases


def _grouped(lines: list[str]) -> list[str]:
    """`from m import a` lines merged per module and sorted; plain `import m` lines first."""
    modules: dict[str, set[str]] = {}
    plain: set[str] = set()
    for line in lines:
        if line.startswith("from "):
            module, _, names = line.removeprefix("from ").partition(" import ")
            modules.setdefault(module, set()).add(names)
        else:
            plain.add(line)
    merged = [f"from {module} import {', '.join(sorted(names))}" for module, names in sorted(modules.items())]
    return sorted(plain) + merged


def _top_level(tree: ast.Module) -> list[ast.stmt]:
    """Top-level statements, including those under `if TYPE_CHECKING:`."""
    nodes: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            nodes.extend(node.body)
        else:
            nodes.append(node)
    return nodes


def _as(alias: ast.alias) -> str:
    return f" as {alias.asname}" if alias.asname else ""


def _rewrite_return(text: str) -> str:
    for pattern, replacement in _RETURN_REWRITES:
        text = pattern.sub(replacement, text)
    return text


def _call_arguments(args: ast.arguments) -> str:
    """The argument list that forwards every parameter of `args` unchanged (minus `self`)."""
    parts = [a.arg for a in [*args.posonlyargs, *args.args][1:]]
    if args.vararg:
        parts.append(f"*{args.vararg.arg}")
    parts.extend(f"{a.arg}={a.arg}" for a in args.kwonlyargs)
    if args.kwarg:
        parts.append(f"**{args.kwarg.arg}")
    return ", ".join(parts)


def _method(node: ast.FunctionDef | ast.AsyncFunctionDef, names: _Names, indent: str = "    ") -> str:
    decorators = [ast.unparse(d) for d in node.decorator_list]
    if "property" in decorators:  # a plain read: the loop thread replaces such values whole
        returns = ast.unparse(node.returns) if node.returns else "Any"
        names.use(returns)
        names.use("property", runtime=True)
        body = f"{indent}    return self._async.{node.name}"
        return f"{indent}@property\n{indent}def {node.name}(self) -> {returns}:\n{body}"
    overload = "overload" in decorators
    returns = ast.unparse(node.returns) if node.returns else "None"
    context_manager = any(d.endswith("asynccontextmanager") for d in decorators)
    if context_manager:  # `@asynccontextmanager async def f() -> AsyncIterator[X]` gives a context manager of X
        returns = re.sub(
            r"^\w*(AsyncIterator|AsyncGenerator)\[(.*?)(, None)?\]$", r"AbstractAsyncContextManager[\2]", returns
        )
    elif not isinstance(node, ast.AsyncFunctionDef) and _is_async_context_manager(returns, names):
        # e.g. a receiver that is entered with `async with` (an `async def` returns a coroutine, not one)
        context_manager = True
        returns = f"AbstractAsyncContextManager[{returns}]"
    returns = _rewrite_return(returns)
    annotations = [a.annotation for a in ast.walk(node.args) if isinstance(a, ast.arg) and a.annotation]
    for annotation in annotations:
        names.use(ast.unparse(annotation))
    names.use(returns)
    for default in [*node.args.defaults, *node.args.kw_defaults]:
        if default is not None:
            names.use(ast.unparse(default), runtime=True)
    signature = f"def {node.name}({ast.unparse(node.args)}) -> {returns}:"
    lines = [f"{indent}@overload"] if overload else []
    lines.append(f"{indent}{signature}")
    if overload:
        lines[-1] += " ..."
        names.use("overload", runtime=True)
        return "\n".join(lines)
    doc = ast.get_docstring(node, clean=False)
    if doc:
        lines.append(f'{indent}    """{doc}"""')
    generator = not context_manager and isinstance(node, ast.AsyncFunctionDef) and any(
        isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _own_nodes(node)
    )
    helper = "iterate" if generator else "context" if context_manager else "call"
    forwarded = _call_arguments(node.args)
    lines.append(f"{indent}    return self._{helper}(self._async.{node.name}{', ' if forwarded else ''}{forwarded})")
    return "\n".join(lines)


def _is_async_context_manager(annotation: str, names: _Names) -> bool:
    """Whether a return annotation names a class used with `async with` (it becomes a sync `with`)."""
    if annotation not in names.sources:
        return False
    namespace: dict[str, object] = {}
    exec(names.sources[annotation], namespace)  # an import line taken from our own source
    value = namespace[annotation]
    return isinstance(value, type) and hasattr(value, "__aenter__") and hasattr(value, "__aexit__")


def _own_nodes(node: ast.AST) -> list[ast.AST]:
    """The nodes of a function body, not descending into nested functions (their yields are theirs)."""
    found: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        found.append(child)
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(child))
    return found


def _public_methods(cls: type) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Public methods of `cls` and its bases below `AsyncResource`, in source order, overrides first."""
    seen: set[str] = set()
    methods: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    for klass in cls.__mro__:
        if klass is object or _module_of(klass).__name__.endswith("resources._base"):
            continue
        tree = ast.parse(inspect.getsource(_module_of(klass)))
        body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == klass.__name__).body
        group: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
                if node.name in seen and not any(ast.unparse(d) == "overload" for d in node.decorator_list):
                    continue
                group.append(node)
        seen.update(n.name for n in group)
        methods.extend(group)
    return methods


def _namespaces() -> list[tuple[str, type]]:
    """(attribute, async resource class) for every API area of `NovitaClient`, in declaration order."""
    from .._client import NovitaClient

    areas: list[tuple[str, type]] = []
    for name, attr in vars(NovitaClient).items():
        if isinstance(attr, cached_property) and not name.startswith("_"):
            hint = attr.func.__annotations__["return"]
            areas.append((name, _find_class(hint)))
    return areas


def _module_of(cls: type) -> ModuleType:
    """The module that defines `cls` (its `__module__` may have been set to the public package name)."""
    for value in vars(cls).values():
        code = getattr(getattr(value, "__func__", value), "__code__", None)
        if code is not None:
            for module in list(sys.modules.values()):
                if getattr(module, "__file__", None) == code.co_filename:
                    return module
    return sys.modules[cls.__module__]


def _find_class(name: str) -> type:
    """The class an API area's property returns: in `resources/` first, then anywhere in the package."""
    import pkgutil

    import novita_async

    from .. import resources

    candidates = [f"{resources.__name__}.{info.name}" for info in pkgutil.iter_modules(resources.__path__)]
    candidates += [
        info.name
        for info in pkgutil.walk_packages(novita_async.__path__, "novita_async.")
        if not info.name.startswith(("novita_async.testing", "novita_async._sync", "novita_async._cli"))
    ]
    for module_name in candidates:
        module = importlib.import_module(module_name)
        cls = vars(module).get(name)
        if isinstance(cls, type) and _module_of(cls) is module:
            return cls
    raise SystemExit(f"no class named {name} for an API area of NovitaClient")


def _constructor(names: _Names) -> str:
    from .. import _client

    names.learn(_client)
    tree = ast.parse(inspect.getsource(_client))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "NovitaClient")
    init = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    for arg in ast.walk(init.args):
        if isinstance(arg, ast.arg) and arg.annotation:
            names.use(ast.unparse(arg.annotation))
    for default in [*init.args.defaults, *init.args.kw_defaults]:
        if default is not None:
            names.use(ast.unparse(default), runtime=True)
    forwarded = _call_arguments(init.args)
    assert forwarded.startswith("api_key, ")
    # The key goes into its redacted holder first and the plain-str parameter is deleted, so no frame of
    # ours (this one, the lambda's) shows it in a traceback rendered with locals (issue 8, item 5).
    names.use("APIKey", runtime=True)
    return (
        "class GeneratedClient(SyncRuntime):\n"
        '    """The sync client\'s constructor and API areas; `SyncNovitaClient` adds the rest."""\n\n'
        f"    def __init__({ast.unparse(init.args)}) -> None:\n"
        "        key = None if api_key is None else APIKey(api_key)\n"
        "        del api_key\n"
        f"        self._start(lambda: NovitaClient({forwarded.replace('api_key, ', 'key, ', 1)}))\n"
    )


def generate() -> str:
    """The text `_generated.py` must have."""
    names = _Names()
    classes: list[str] = []
    properties: list[str] = []
    for attribute, cls in _namespaces():
        for klass in cls.__mro__[:-1]:
            module = _module_of(klass)
            if not module.__name__.endswith("resources._base"):
                names.learn(module)
        methods = "\n\n".join(_method(node, names) for node in _public_methods(cls))
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        names.sources.setdefault(cls.__name__, f"from {_module_of(cls).__name__} import {cls.__name__}")
        names.use(cls.__name__, runtime=True)  # a base class argument is evaluated at run time
        classes.append(
            f"class Sync{cls.__name__}(SyncResource[{cls.__name__}]):\n"
            f'    """Synchronous `client.{attribute}`: {doc}"""\n\n{methods}\n'
        )
        properties.append(
            f"    @cached_property\n    def {attribute}(self) -> Sync{cls.__name__}:\n"
            f"        return Sync{cls.__name__}(self._runtime, self._async_client.{attribute})\n"
        )
    constructor = _constructor(names)
    names.sources["NovitaClient"] = "from novita_async._client import NovitaClient"
    names.use("NovitaClient", runtime=True)
    runtime, typing_only = names.imports()
    body = "\n\n".join([*classes, constructor + "\n" + "\n".join(properties)])
    exported = [c.split("(")[0].removeprefix("class ") for c in [*classes, constructor]]
    text = (
        _HEADER
        + "\n".join(runtime)
        + "\n\nif TYPE_CHECKING:\n"
        + "\n".join(f"    {line}" for line in typing_only)
        + "\n\n__all__ = ("
        + ", ".join(f'"{name}"' for name in exported)
        + ",)\n\n\n"
        + body
    )
    return _format(text)


def _format(text: str) -> str:
    """Two blank lines between top-level classes, one between methods, a final newline."""
    text = re.sub(r"\n+(class \w)", r"\n\n\n\1", text)
    text = re.sub(r"\n{3,}(    [@d])", r"\n\n\1", text)
    return text.rstrip("\n") + "\n"


def main() -> None:
    TARGET.write_text(generate(), encoding="utf-8")
    print(f"wrote {TARGET}")  # noqa: T201


if __name__ == "__main__":
    main()
