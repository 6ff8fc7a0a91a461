"""The rule catalogue: behavioural rules of the documentation that OpenAPI cannot express."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mgip import documents, paths, seeds
from mgip.problems import InputError
from mgip.spec import Spec

KINDS = (
    "input_rule",
    "state_invariant",
    "side_effect",
    "read_only",
    "async_effect",
    "feature_gate",
)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    statement: str
    kind: str
    operations: tuple[str, ...]
    seed: str
    quote: str
    status: int | None
    error: str | None
    state: str | None
    line: int | None

    @property
    def section(self) -> str:
        return self.id.split("_", 1)[0] if not self.id.startswith("domain_ips") else "domain_ips"


@dataclass(slots=True)
class Catalogue:
    path: Path
    rules: list[Rule]

    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    def for_operation(self, operation_id: str) -> list[Rule]:
        return [rule for rule in self.rules if operation_id in rule.operations]


def load(path: Path = paths.RULES, schema_path: Path = paths.RULES_SCHEMA) -> Catalogue:
    """Load and validate the catalogue against its JSON Schema; errors name the line."""
    tree = documents.load(path)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = documents.check_schema(tree, schema, path)
    rules = []
    seen: dict[str, int | None] = {}
    for index, raw in enumerate(data["rules"]):
        line = documents.line_of(tree["rules"], index)
        if raw["id"] in seen:
            raise InputError(
                f"rule id {raw['id']!r} repeats the one on line {seen[raw['id']]}",
                path=path,
                line=line,
            )
        seen[raw["id"]] = line
        outcome = raw["outcome"]
        rules.append(
            Rule(
                id=raw["id"],
                statement=" ".join(raw["statement"].split()),
                kind=raw["kind"],
                operations=tuple(raw["operations"]),
                seed=raw["source"]["seed"],
                quote=raw["source"]["quote"],
                status=outcome.get("status"),
                error=outcome.get("error"),
                state=outcome.get("state"),
                line=line,
            )
        )
    return Catalogue(path=path, rules=rules)


def unknown_operations(catalogue: Catalogue, spec: Spec) -> list[str]:
    """Rules naming an operationId that the spec does not have."""
    known = {op.operation_id for op in spec.operations()}
    return [
        f"{catalogue.path}:{rule.line}: rule {rule.id} names unknown operation {name!r}"
        for rule in catalogue.rules
        for name in rule.operations
        if name not in known
    ]


def misquoted(catalogue: Catalogue, seeds_dir: Path) -> list[str]:
    """Rules whose quote is not verbatim in their seed (whitespace aside)."""
    return seeds.misquotes(
        ((f"{catalogue.path}:{r.line}: rule {r.id}", r.seed, r.quote) for r in catalogue.rules),
        seeds_dir,
    )
