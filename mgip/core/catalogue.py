"""The rule catalogue: behavioural rules of the documentation that OpenAPI cannot express."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgip.core import documents, resources, seeds
from mgip.core.problems import InputError
from mgip.core.spec import Spec

KINDS = (
    "input_rule",
    "state_invariant",
    "side_effect",
    "read_only",
    "async_effect",
    "feature_gate",
)
BASES = ("documented", "inferred", "convention")


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
    # Where the rule comes from (BASES), and what the documentation fixes of its refusal, if it
    # has one: that there is a refusal at all, its status, its message; and where a seed gives
    # the status or the message. The rest of an outcome is mgip's convention.
    basis: str = "documented"
    refusal_documented: bool = False
    status_documented: bool = False
    message_documented: bool = False
    fixed_seed: str | None = None
    fixed_quote: str | None = None
    # For an inferred or convention rule: the reading mgip chose where the documentation is silent.
    assumption: str | None = None

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


_LOADED: dict[tuple[tuple[str, str] | None, ...], Catalogue] = {}


def load(path: Path = resources.RULES, schema_path: Path = resources.RULES_SCHEMA) -> Catalogue:
    """Load and validate the catalogue against its JSON Schema; errors name the line. A
    catalogue whose files have the same content as last time is not parsed again."""
    key = (documents.version(path), documents.version(schema_path))
    if None in key:
        return _load(path, schema_path)  # it raises the error that says why
    if key not in _LOADED:
        _LOADED[key] = _load(path, schema_path)
    found = _LOADED[key]
    return Catalogue(found.path, list(found.rules))  # the rules are frozen; the list is yours


def _load(path: Path, schema_path: Path) -> Catalogue:
    tree, lines = documents.load_fast(path)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = documents.check_schema(tree, schema, path, lines)
    rules = []
    seen: dict[str, int | None] = {}
    for index, raw in enumerate(data["rules"]):
        line = lines.of("rules", index)
        if raw["id"] in seen:
            raise InputError(
                f"rule id {raw['id']!r} repeats the one on line {seen[raw['id']]}",
                path=path,
                line=line,
            )
        seen[raw["id"]] = line
        outcome = raw["outcome"]
        fixed = outcome.get("fixed", {})
        _check_basis(raw["id"], raw["basis"], fixed, path, line)
        if "assumption" in raw and raw["basis"] == "documented":
            raise InputError(
                f"rule {raw['id']}: a documented rule states no assumption; its basis is "
                "inferred or convention if it rests on one",
                path=path,
                line=line,
            )
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
                basis=raw["basis"],
                refusal_documented=fixed.get("refusal", False),
                status_documented=fixed.get("status", False),
                message_documented=fixed.get("message", False),
                fixed_seed=fixed.get("source", {}).get("seed"),
                fixed_quote=fixed.get("source", {}).get("quote"),
                assumption=" ".join(raw["assumption"].split()) if "assumption" in raw else None,
            )
        )
    return Catalogue(path=path, rules=rules)


def _check_basis(
    rule_id: str, basis: str, fixed: dict[str, Any], path: Path, line: int | None
) -> None:
    """A rule's basis and what its outcome says the documentation fixes must agree."""
    problem = None
    if fixed and basis == "convention" and any(fixed.values()):
        problem = "its basis is convention, so the documentation fixes nothing of its refusal"
    elif fixed and basis == "documented" and not fixed["refusal"]:
        problem = "its basis is documented, so the documentation fixes that there is a refusal"
    elif fixed and (fixed["status"] or fixed["message"]) and not fixed["refusal"]:
        problem = "the documentation cannot fix a refusal's status or message but not the refusal"
    if problem:
        raise InputError(f"rule {rule_id}: {problem}", path=path, line=line)


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
    problems = seeds.misquotes(
        ((f"{catalogue.path}:{r.line}: rule {r.id}", r.seed, r.quote) for r in catalogue.rules),
        seeds_dir,
    )
    fixed = [r for r in catalogue.rules if r.fixed_seed and r.fixed_quote]
    problems += seeds.misquotes(
        (
            (
                f"{catalogue.path}:{r.line}: rule {r.id} (fixed)",
                r.fixed_seed or "",
                r.fixed_quote or "",
            )
            for r in fixed
        ),
        seeds_dir,
    )
    for rule in fixed:
        quote = seeds.collapse(rule.fixed_quote or "")
        if rule.status_documented and f"A {rule.status} response" not in quote:
            problems.append(
                f"{catalogue.path}:{rule.line}: rule {rule.id}: the status is marked as the "
                f"documentation's, but the quote does not give 'A {rule.status} response'"
            )
        if rule.message_documented and seeds.collapse(rule.error or "") not in quote:
            problems.append(
                f"{catalogue.path}:{rule.line}: rule {rule.id}: the message is marked as the "
                f"documentation's, but the quote does not give it"
            )
    return problems
