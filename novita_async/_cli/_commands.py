"""The small commands: `txt2img`, `task get|wait`, `models list`, `user`, `emulator`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import msgspec

from .._files import Downloader, safe_name, save_outputs, storage_session
from ._common import CLIError, open_client
from ._emulator_cmd import add_parser as add_emulator_parser
from ._emulator_cmd import run_emulator

__all__ = ("add_parsers", "run_command")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("txt2img", help="generate images from a prompt and download them")
    p.add_argument("--model", required=True, help="model_name, e.g. sd_xl_base_1.0.safetensors")
    p.add_argument("--prompt", required=True)
    p.add_argument("--negative-prompt", default=None)
    p.add_argument("--width", type=int, default=1024)
    p.add_argument("--height", type=int, default=1024)
    p.add_argument("--image-num", type=int, default=1)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--guidance-scale", type=float, default=7.5)
    p.add_argument("--sampler", default="Euler a")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--out", type=Path, default=Path("."), help="directory for the images (default .)")
    p.add_argument("--emulator", action="store_true", help="run against the bundled offline emulator")

    task = sub.add_parser("task", help="inspect a task by id")
    task_sub = task.add_subparsers(dest="task_command", required=True)
    for name, help_text in (("get", "print the task result once"), ("wait", "wait until the task finishes")):
        t = task_sub.add_parser(name, help=help_text)
        t.add_argument("task_id")
        t.add_argument("--kind", default="v3", choices=("v3", "v2", "v2-enterprise", "training-subject",
                                                         "training-style"))
        t.add_argument("--emulator", action="store_true", help=argparse.SUPPRESS)

    models = sub.add_parser("models", help="list models")
    models_sub = models.add_subparsers(dest="models_command", required=True)
    ml = models_sub.add_parser("list", help="list models (v3, filtered)")
    ml.add_argument("--type", dest="types", help="checkpoint, lora, vae, controlnet, ...")
    ml.add_argument("--visibility", choices=("public", "private"), default=None)
    ml.add_argument("--query", default=None, help="search text")
    ml.add_argument("--limit", type=int, default=50, help="stop after this many models (default 50)")
    ml.add_argument("--emulator", action="store_true", help="run against the bundled offline emulator")

    user = sub.add_parser("user", help="show the account (balance, features)")
    user.add_argument("--emulator", action="store_true", help="run against the bundled offline emulator")

    add_emulator_parser(sub)


def _print_json(value: Any) -> None:
    sys.stdout.write(msgspec.json.format(msgspec.json.encode(msgspec.to_builtins(value))).decode() + "\n")


async def _txt2img(args: argparse.Namespace) -> int:
    fields: dict[str, Any] = dict(
        model_name=args.model, prompt=args.prompt, width=args.width, height=args.height,
        image_num=args.image_num, steps=args.steps, guidance_scale=args.guidance_scale, sampler_name=args.sampler,
    )
    if args.negative_prompt:
        fields["negative_prompt"] = args.negative_prompt
    if args.seed is not None:
        fields["seed"] = args.seed
    async with open_client(args.emulator, task_duration=(0.2, 0.5)) as client:
        task = await client.images.txt2img(**fields)
        print(f"task {task.task_id} submitted", file=sys.stderr)
        result = await task
        name = safe_name(f"txt2img-{time.strftime('%Y%m%d-%H%M%S')}-{task.task_id[:8]}")
        async with Downloader(session=storage_session(client)) as downloader:
            files = await save_outputs(client, downloader, args.out, name, task.task_id, "v3", result)
        for file in files:
            print(args.out / file)
    return 0


async def _task(args: argparse.Namespace) -> int:
    async with open_client(args.emulator) as client:
        if args.task_command == "get":
            if args.kind == "v3":
                _print_json(await client.tasks.get(args.task_id))
            elif args.kind.startswith("v2"):
                _print_json(await client.tasks.progress(args.task_id, enterprise=args.kind == "v2-enterprise"))
            else:
                raise CLIError("task get supports --kind v3, v2, v2-enterprise; use `task wait` for training")
        else:
            _print_json(await client.tasks.attach(args.task_id, args.kind))
    return 0


async def _models(args: argparse.Namespace) -> int:
    async with open_client(args.emulator) as client:
        lister = getattr(client.models, "list", None)
        if lister is None:
            raise CLIError("this build has no client.models.list")
        query = {k: v for k, v in (("types", args.types), ("visibility", args.visibility),
                                   ("query", args.query)) if v is not None}
        shown = 0
        async for model in lister(**query):
            if shown >= args.limit:
                break
            name = getattr(model, "sd_name", "") or getattr(model, "name", "")
            print(f"{name}\t{getattr(model, 'type', '')}\t{getattr(model, 'id', '')}")
            shown += 1
    return 0


async def _user(args: argparse.Namespace) -> int:
    async with open_client(args.emulator) as client:
        _print_json(await client.account.user())
    return 0


async def run_command(args: argparse.Namespace) -> int:
    handlers = {"txt2img": _txt2img, "task": _task, "models": _models, "user": _user, "emulator": run_emulator}
    return await handlers[args.command](args)
