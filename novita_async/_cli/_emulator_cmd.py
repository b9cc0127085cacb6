"""`novita-async emulator`: the bundled API emulator with every knob on the command line.

The options are derived from `EmulatorConfig` (see `novita_async.testing._options`), so a new emulator
setting is on the command line and in `--help` the day it is added. Precedence: defaults, then
`--config FILE`, then flags.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import anyio

from ._common import CLIError

__all__ = ("add_parser", "run_emulator")

_EPILOG = """\
faults (repeat --fault; also "faults": [...] in a config file):
  KIND[:ARG][@PATH][,rate=P][,times=N][,method=M][,retry_after=S]
  KIND: http[:STATUS] reset_before reset_after delay:SECONDS delay_after:SECONDS truncate malformed unknown_status
  e.g. --fault http:503@/v3/async/*,rate=0.1   --fault reset_after@/v3/async/txt2img,times=2
       --fault delay:30@/v3/async/task-result,rate=0.05

config file: a JSON (or TOML) object of the settings above by field name, e.g.
  {"task_duration": [1.0, 3.0], "report_eta": false, "rate_limits": {"txt2img": [5, 1]},
   "faults": ["http:503,rate=0.05"]}
"""


def add_parser(sub: Any) -> None:
    from ..testing._options import config_fields

    emu = sub.add_parser(
        "emulator", help="run the bundled API emulator until Ctrl-C",
        description="Run the bundled Novita API emulator (an API host and a storage host) until Ctrl-C.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    emu.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    emu.add_argument("--port", type=int, default=8080, help="API host port (default 8080; 0 = any free port)")
    emu.add_argument("--storage-port", type=int, default=None,
                     help="storage host port: output files and uploads (default: --port + 1; 0 = any free port)")
    emu.add_argument("--config", type=Path, default=None, metavar="FILE", help="settings from a JSON or TOML file")
    emu.add_argument("--fault", action="append", default=[], metavar="SPEC", help="inject faults (see below)")
    group = emu.add_argument_group("emulator settings (EmulatorConfig fields)")
    for info in config_fields():
        default = f" (default: {_show(info.default)})"
        if info.is_bool:
            group.add_argument(info.flag, dest=f"cfg_{info.name}", action=argparse.BooleanOptionalAction,
                               default=argparse.SUPPRESS, help=info.doc + default)
        else:
            group.add_argument(info.flag, dest=f"cfg_{info.name}", default=argparse.SUPPRESS, metavar="VALUE",
                               help=(info.doc + default).replace("%", "%%"))


def _show(value: Any) -> str:
    if isinstance(value, frozenset):
        return ",".join(sorted(value))
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return "none" if value is None else str(value)


def build_config(args: argparse.Namespace) -> tuple[Any, list[Any]]:
    """The `EmulatorConfig` and fault specs the arguments describe. Raises CLIError on bad input."""
    from ..testing._options import config_fields, load_config_file, make_config, parse_fault, parse_value

    values: dict[str, Any] = {}
    fault_texts: list[str] = []
    try:
        if args.config is not None:
            values, fault_texts = load_config_file(args.config)
        config = make_config(values)
        flags = {}
        for info in config_fields():
            if hasattr(args, f"cfg_{info.name}"):  # given on the command line (defaults are suppressed)
                given = getattr(args, f"cfg_{info.name}")
                flags[info.name] = given if info.is_bool else parse_value(info, str(given))
        config = make_config(flags, base=config)
        faults = [parse_fault(text) for text in [*fault_texts, *args.fault]]
    except (OSError, ValueError) as exc:
        raise CLIError(str(exc)) from None
    return config, faults


async def run_emulator(args: argparse.Namespace) -> int:
    from ..testing import EmulatorServer
    from ..testing._options import describe

    config, faults = build_config(args)
    storage_port = args.storage_port if args.storage_port is not None else (args.port + 1 if args.port else 0)
    server = EmulatorServer(config, host=args.host, port=args.port, storage_port=storage_port)
    for spec in faults:
        spec.install(server.faults)
    async with server:
        print(banner(server, describe(config, faults)), flush=True)
        await anyio.sleep_forever()
    return 0


def banner(server: Any, settings: list[str]) -> str:
    lines = [
        "Novita API emulator (Ctrl-C stops it)",
        f"  API host:     {server.url}",
        f"  storage host: {server.storage_url}   (output files, asset and training uploads)",
        f"  API key:      {server.api_key}",
        "  point clients at it with:",
        f"    export NOVITA_BASE_URL={server.url} NOVITA_API_KEY={server.api_key}",
    ]
    if settings:
        lines.append("  settings:")
        lines.extend(f"    {line}" for line in settings)
    return "\n".join(lines)


