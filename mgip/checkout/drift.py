"""Compare an upstream OpenAPI file with the curated spec.

Both documents are flattened into *facets*: small, comparable statements about each operation
("DELETE /v3/ip_pools/{pool_id} | param query.ip required" -> True). A facet that differs is a
drift. A drift is *curated* when an `x-mgip-curation` entry of the curated spec (on the operation,
or in `info` with a leading "* " that matches every operation) names it by a glob pattern; any
other drift is *unexplained*. Curation entries that match nothing are *stale*.

Descriptions, summaries, examples, links and `x-` extensions are prose, not facts, and are left out.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgip.core import seeds
from mgip.core.spec import Operation, Spec

ABSENT = "(absent)"


@dataclass(frozen=True, slots=True)
class Curation:
    """One recorded departure from upstream, with why and the documentation that justifies it."""

    patterns: tuple[str, ...]
    reason: str
    seed: str | None
    quote: str | None
    scope: str  # "METHOD path" of the operation, or "*" for the whole spec
    line: int | None

    def matches(self, op_key: str, facet: str) -> bool:
        if self.scope not in ("*", op_key):
            return False
        target = facet if self.scope != "*" else f"{op_key} | {facet}"
        for pattern in self.patterns:
            # Spec-wide patterns start with "* " standing for any operation.
            full = pattern if self.scope != "*" else pattern.replace("* ", "* | ", 1)
            if fnmatch.fnmatchcase(target, full):
                return True
        return False


@dataclass(frozen=True, slots=True)
class Drift:
    operation: str
    facet: str
    upstream: Any
    curated: Any
    curation: Curation | None = None

    @property
    def explained(self) -> bool:
        return self.curation is not None


@dataclass(slots=True)
class Report:
    drifts: list[Drift] = field(default_factory=list)
    stale: list[Curation] = field(default_factory=list)

    @property
    def curated(self) -> list[Drift]:
        return [d for d in self.drifts if d.explained]

    @property
    def unexplained(self) -> list[Drift]:
        return [d for d in self.drifts if not d.explained]


def type_summary(spec: Spec, schema: Any, depth: int = 0) -> str:
    """A compact, order-independent description of a schema's shape and constraints."""
    schema = spec.resolve(schema)
    if not isinstance(schema, dict) or not schema:
        return "any"
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            parts = sorted(type_summary(spec, s, depth + 1) for s in schema[combinator])
            return f"{combinator}({', '.join(parts)})"
    kind = schema.get("type", "object" if "properties" in schema else "any")
    kind = "|".join(sorted(kind)) if isinstance(kind, list) else str(kind)
    extras = []
    for key in ("format", "enum", "default", "minimum", "maximum", "minItems", "pattern", "const"):
        if key in schema:
            value = sorted(schema[key]) if key == "enum" else schema[key]
            extras.append(f"{key}={value}")
    if "array" in kind.split("|"):
        kind = kind.replace(
            "array", f"array<{type_summary(spec, schema.get('items', {}), depth + 1)}>"
        )
    if "object" in kind.split("|") and "properties" in schema and depth < 6:
        required = set(schema.get("required", []))
        fields = ",".join(
            f"{name}{'!' if name in required else ''}:{type_summary(spec, sub, depth + 1)}"
            for name, sub in sorted(schema["properties"].items())
        )
        kind = kind.replace("object", "{" + fields + "}")
    elif "object" in kind.split("|") and isinstance(schema.get("additionalProperties"), dict):
        kind = kind.replace(
            "object", f"map<{type_summary(spec, schema['additionalProperties'], depth + 1)}>"
        )
    return kind + (" " + " ".join(extras) if extras else "")


def facets(spec: Spec, op: Operation) -> dict[str, Any]:
    """The comparable facts of one operation."""
    out: dict[str, Any] = {
        "operationId": op.operation_id,
        "tags": sorted(op.tags),
        "deprecated": bool(op.raw.get("deprecated", False)),
        "security": op.raw.get("security", spec.data.get("security")),
    }
    for param in spec.parameters(op):
        name = f"param {param['in']}.{param['name']}"
        out[name] = type_summary(spec, param.get("schema", {}))
        out[f"{name} required"] = bool(param.get("required", False))
    body = spec.resolve(op.raw.get("requestBody"))
    if isinstance(body, dict):
        out["body"] = ("required " if body.get("required") else "optional ") + ", ".join(
            sorted(body.get("content", {}))
        )
        for media, content in body.get("content", {}).items():
            schema = spec.resolve(content.get("schema", {}))
            required = set(schema.get("required", []))
            for prop, sub in schema.get("properties", {}).items():
                out[f"body {media} field {prop}"] = type_summary(spec, sub)
                out[f"body {media} field {prop} required"] = prop in required
    for status, declared in op.raw.get("responses", {}).items():
        content = spec.resolve(declared).get("content", {})
        out[f"response {status}"] = ", ".join(sorted(content)) or "(no body)"
        if "application/json" in content:
            out[f"response {status} schema"] = type_summary(
                spec, content["application/json"].get("schema", {})
            )
    return out


def curations(spec: Spec) -> list[Curation]:
    """Every `x-mgip-curation` entry of a curated spec."""
    found: list[Curation] = []

    def read(entries: Any, scope: str, where: tuple[str, ...]) -> None:
        for index, entry in enumerate(entries or []):
            line = spec.lines.of(*where, "x-mgip-curation", index)
            found.append(
                Curation(
                    patterns=tuple(str(p) for p in entry.get("facets", [])),
                    reason=" ".join(str(entry.get("reason", "")).split()),
                    seed=entry.get("seed"),
                    quote=entry.get("quote"),
                    scope=scope,
                    line=line,
                )
            )

    read(spec.data.get("info", {}).get("x-mgip-curation"), "*", ("info",))
    for op in spec.operations():
        read(op.raw.get("x-mgip-curation"), op.key, ("paths", op.path, op.method))
    return found


def compare(upstream: Spec, curated: Spec) -> Report:
    """Every facet that differs between the documents, classified by the curated spec's records."""
    records = curations(curated)
    used: set[int] = set()
    report = Report()
    ups = {op.key: op for op in upstream.operations()}
    ours = {op.key: op for op in curated.operations()}
    for key in sorted(ups.keys() | ours.keys()):
        if key not in ours or key not in ups:
            pairs: list[tuple[str, Any, Any]] = [
                (
                    "operation",
                    "present" if key in ups else ABSENT,
                    "present" if key in ours else ABSENT,
                )
            ]
        else:
            theirs, mine = facets(upstream, ups[key]), facets(curated, ours[key])
            pairs = [
                (name, theirs.get(name, ABSENT), mine.get(name, ABSENT))
                for name in sorted(theirs.keys() | mine.keys())
                if theirs.get(name, ABSENT) != mine.get(name, ABSENT)
            ]
        for facet, before, after in pairs:
            # A facet that exists on one side only belongs to its parent: the fields of an added
            # media type, the requiredness of an added parameter, the schema of an added response.
            names = [facet, *_parents(facet)] if ABSENT in (before, after) else [facet]
            match = next((c for name in names for c in records if c.matches(key, name)), None)
            if match is not None:
                used.add(id(match))
            report.drifts.append(Drift(key, facet, before, after, match))
    report.stale = [c for c in records if id(c) not in used]
    return report


def _parents(facet: str) -> list[str]:
    parents = []
    for suffix in (" required", " schema"):
        if facet.endswith(suffix):
            facet = facet[: -len(suffix)]
            parents.append(facet)
    if facet.startswith("body ") and " field " in facet:
        parents.append("body")
    return parents


def misquoted_curations(spec: Spec, seeds_dir: Path) -> list[str]:
    """Curation records whose quote is not verbatim in the seed they cite."""
    return seeds.misquotes(
        (
            (f"{spec.path}:{c.line}: curation of {c.scope}", c.seed, c.quote or "")
            for c in curations(spec)
            if c.seed
        ),
        seeds_dir,
    )
