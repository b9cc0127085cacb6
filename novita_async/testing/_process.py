"""`EmulatorProcess`: the emulator in a child process, for measurements that must see only the client.

Why: a loop-health measurement (slow callbacks, loop lag) must count the client's work alone. In the same
process, the emulator's decoding of large request bodies would run on the client's loop, or (in a thread)
hold the GIL against it; a real server is elsewhere. The child prints its URLs as one JSON line and exits
when its stdin closes, so it never outlives the test. Usage:

    with EmulatorProcess(seed=1, task_duration=[0.2, 0.5]) as emulator:
        async with NovitaClient(api_key=emulator.api_key, base_url=emulator.url, ...) as client:
            ...
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from types import TracebackType
from typing import IO, Any

__all__ = ("EmulatorProcess",)


class EmulatorProcess:
    """Run an `EmulatorServer(EmulatorConfig(**config))` in a child process; `url`, `storage_url`, `api_key`."""

    def __init__(self, **config: Any) -> None:
        self._config = config
        self._child: subprocess.Popen[bytes] | None = None
        self.url = self.storage_url = self.api_key = ""

    def __enter__(self) -> EmulatorProcess:
        code = "from novita_async.testing._process import _child; _child()"
        self._child = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self._child.stdin is not None and self._child.stdout is not None
        self._child.stdin.write(json.dumps(self._config).encode() + b"\n")
        self._child.stdin.flush()
        line = self._child.stdout.readline()
        if not line:
            self.__exit__(None, None, None)
            raise RuntimeError("the emulator process did not start")
        info = json.loads(line)
        self.url, self.storage_url, self.api_key = info["url"], info["storage_url"], info["api_key"]
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        if child.stdin is not None:
            child.stdin.close()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()


def _child() -> None:
    from ._config import EmulatorConfig
    from ._server import EmulatorServer

    config = json.loads(sys.stdin.readline())
    if "task_duration" in config:
        config["task_duration"] = tuple(config["task_duration"])

    async def main() -> None:
        async with EmulatorServer(EmulatorConfig(**config)) as server:
            out: IO[str] = sys.stdout
            out.write(json.dumps({"url": server.url, "storage_url": server.storage_url,
                                  "api_key": server.api_key}) + "\n")
            out.flush()
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until stdin closes

    asyncio.run(main())
