"""The state file: the whole state as scenario JSON, replaced atomically after every write.

The new content goes to a temporary file in the same folder, is flushed and fsynced, then renamed
over the old one (and the folder fsynced), so a reader or a restart after `kill -9` sees either
the old state or the new one, never a torn file. The server saves before it answers, so a write
that was answered 2xx survives.

The file holds every API key of the scenario: it and its temporary files are created readable
by their owner only, and the temporary files a killed server left behind are removed at start.
A state file that is not the JSON this module writes (a NUL byte, a write another program cut
short) stops the start with an error that says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mgip.core.problems import InputError
from mgip.server import scenario
from mgip.server.model import World

OWNER_ONLY = 0o600


class StateFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        if path.exists() and not path.is_file():
            raise InputError("the state file is not a regular file", path=path)
        if not path.parent.is_dir():
            raise InputError("the folder for the state file does not exist", path=path)
        for leftover in self.leftovers():
            leftover.unlink(missing_ok=True)
        if path.is_file():
            path.chmod(OWNER_ONLY)

    def leftovers(self) -> list[Path]:
        """Temporary files of earlier saves that never got renamed (a server killed mid-save)."""
        return sorted(self.path.parent.glob(f".{self.path.name}.*.tmp"))

    def exists(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size > 0

    def load(self) -> World:
        try:
            text = self.path.read_bytes().decode("utf-8")
            tree = json.loads(text)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(
                f"the state file is not the JSON mgip writes ({exc}); was it cut short or "
                "written by another program? Move it away to start from the scenario",
                path=self.path,
            ) from None
        return scenario.build(tree, self.path)

    def save(self, world: World) -> None:
        data = json.dumps(scenario.export(world), indent=1).encode()
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        with os.fdopen(os.open(temporary, flags, OWNER_ONLY), "wb") as handle:
            os.fchmod(handle.fileno(), OWNER_ONLY)  # an older leftover may have kept its mode
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
