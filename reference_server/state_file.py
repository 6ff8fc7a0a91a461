"""The state file: the whole state as scenario JSON, replaced atomically after every write.

The new content goes to a temporary file in the same folder, is flushed and fsynced, then renamed
over the old one (and the folder fsynced), so a reader or a restart after `kill -9` sees either
the old state or the new one, never a torn file. The server saves before it answers, so a write
that was answered 2xx survives.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mgip.problems import InputError
from reference_server import scenario
from reference_server.model import World


class StateFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        if path.exists() and not path.is_file():
            raise InputError("the state file is not a regular file", path=path)
        if not path.parent.is_dir():
            raise InputError("the folder for the state file does not exist", path=path)

    def exists(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size > 0

    def load(self) -> World:
        return scenario.load_file(self.path)

    def save(self, world: World) -> None:
        data = json.dumps(scenario.export(world), indent=1).encode()
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
