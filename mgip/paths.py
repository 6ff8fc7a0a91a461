"""Where the project's own files live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "spec"
SPEC = SPEC_DIR / "mailgun-ip.yaml"
RULES = SPEC_DIR / "rules.yaml"
RULES_SCHEMA = SPEC_DIR / "rules.schema.json"
GENERATOR_DIR = ROOT / "generator"
GENERATED_DIR = ROOT / "generated"
CLIENT_PACKAGE = "mailgun_ip_client"
# The documentation and Mailgun's own OpenAPI file sit beside a checkout; a user's clone may not
# have them, so whatever reads them skips with a reason.
SHARED_DIR = ROOT.parent / "shared"
SEEDS_DIR = SHARED_DIR / "seeds"
UPSTREAM_SPEC = SHARED_DIR / "upstream" / "mailgun-ip-sections.yaml"
