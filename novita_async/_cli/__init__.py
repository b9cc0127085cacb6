"""The `novita-async` command (argparse; no extra dependencies).

Exit codes: 0 everything succeeded, 1 some items failed or are unknown (or an API error), 2 usage or
configuration error, 130 interrupted. Errors are one line on stderr; `--verbose` adds DEBUG logs.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from .._errors import ConfigurationError, NovitaError
from .._version import __version__
from ._batch_cmd import add_parser as _add_batch
from ._batch_cmd import run_batch_command
from ._commands import add_parsers, run_command
from ._common import CLIError

__all__ = ("build_parser", "main")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="novita-async",
        description="Novita.ai image/video generation from the command line. "
        "Reads NOVITA_API_KEY and NOVITA_BASE_URL; --emulator runs offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show DEBUG logs on stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_batch(sub)
    add_parsers(sub)
    return parser


def _configure_logging(verbose: bool) -> tuple[logging.Handler, int]:
    """Log to stderr for the duration of the command; `main` undoes it (it may run in-process, e.g. tests)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    package = logging.getLogger("novita_async")
    previous = package.level
    if verbose:
        package.setLevel(logging.DEBUG)
    package.addHandler(handler)
    return handler, previous


async def _dispatch(args: argparse.Namespace, argv: list[str]) -> int:
    if args.command == "batch":
        return await run_batch_command(args, argv)
    return await run_command(args)


def main(argv: list[str] | None = None) -> int:
    """Entry point of `novita-async` and `python -m novita_async`; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)  # exits 2 on usage errors
    handler, previous_level = _configure_logging(args.verbose)
    try:
        return asyncio.run(_dispatch(args, argv))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (CLIError, ConfigurationError) as exc:  # a missing key, an unsafe URL: exit 2
        print(f"novita-async: error: {exc}", file=sys.stderr)
        return 2
    except NovitaError as exc:
        print(f"novita-async: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"novita-async: error: {exc}", file=sys.stderr)
        return 2
    finally:
        package = logging.getLogger("novita_async")
        package.removeHandler(handler)
        package.setLevel(previous_level)
