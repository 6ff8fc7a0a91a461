"""Errors about the user's input: they say what is wrong and where, and never show a traceback."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input (a file, a flag, a target). The CLI prints it and exits with status 2."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"
