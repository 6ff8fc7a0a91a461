"""Build hook: the wheel carries the curated spec and the rule catalogue as package data.

They live in the repository's top-level spec/ (the design's layout; the generator and the
linters read them there). Building copies them to mgip/core/spec/, where
`mgip.core.resources` finds them through importlib.resources. Everything else is in
pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SPEC_FILES = ("mailgun-ip.yaml", "rules.yaml", "rules.schema.json")


class BuildWithSpec(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # a checkout reads spec/ itself
            return
        target = Path(self.build_lib, "mgip", "core", "spec")
        target.mkdir(parents=True, exist_ok=True)
        for name in SPEC_FILES:
            shutil.copyfile(Path(__file__).parent / "spec" / name, target / name)


setup(cmdclass={"build_py": BuildWithSpec})
