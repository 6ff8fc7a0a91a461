"""Where mgip's own files are: packaged with mgip, or in a checkout of its repository.

An installed mgip carries the spec, the catalogue and its schema as package data
(`mgip/core/spec/`, copied from the repository's `spec/` when the wheel is built; see setup.py) and
finds them through `importlib.resources`. In a checkout they are read from `spec/` itself, so an
edit takes effect at once. Only the checkout commands (`generate`, `check-generated`,
`check-spec`, `drift` without `--upstream`) read anything else of the source tree; they call
`checkout()`, which says what is missing outside one.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from mgip.core.problems import InputError

# The repository's root when this file is in a checkout (mgip/core/resources.py).
ROOT = Path(__file__).resolve().parents[2]


def _spec_dir() -> Path:
    packaged = Path(str(files("mgip.core") / "spec"))
    return packaged if (packaged / "mailgun-ip.yaml").is_file() else ROOT / "spec"


SPEC_DIR = _spec_dir()
SPEC = SPEC_DIR / "mailgun-ip.yaml"
RULES = SPEC_DIR / "rules.yaml"
RULES_SCHEMA = SPEC_DIR / "rules.schema.json"
CLIENT_PACKAGE = "mailgun_ip_client"
# Checkout-only folders.
GENERATOR_DIR = ROOT / "generator"
GENERATED_DIR = ROOT / "generated"
# The documentation and Mailgun's own OpenAPI file sit beside a checkout; a user's clone may not
# have them, so whatever reads them skips with a reason.
SHARED_DIR = ROOT.parent / "shared"
SEEDS_DIR = SHARED_DIR / "seeds"
UPSTREAM_SPEC = SHARED_DIR / "upstream" / "mailgun-ip-sections.yaml"


def is_checkout() -> bool:
    """Whether mgip runs from a checkout of its repository (the source tree is beside it)."""
    return (ROOT / "pyproject.toml").is_file() and GENERATOR_DIR.is_dir()


def checkout(command: str) -> Path:
    """The checkout's root, for a command that works on the source tree; InputError outside one."""
    if not is_checkout():
        raise InputError(
            f"`mgip {command}` works on mgip's source tree (spec/, generator/, generated/): run it "
            "in a clone of the mgip repository, installed with `pip install -e .`"
        )
    return ROOT
