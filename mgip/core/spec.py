"""The curated OpenAPI description: loading, its operations, and its own consistency checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgip.core import documents, resources
from mgip.core.problems import InputError

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of the curated spec, with $refs left as they are."""

    method: str
    path: str
    operation_id: str
    tags: tuple[str, ...]
    facade_method: str
    raw: dict[str, Any] = field(compare=False, repr=False)
    line: int | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def section(self) -> str:
        return self.tags[0]


@dataclass(slots=True)
class Spec:
    """A loaded OpenAPI document: plain data plus the line of every node."""

    path: Path
    data: dict[str, Any]
    lines: documents.Lines

    @classmethod
    def load(cls, path: Path = resources.SPEC) -> Spec:
        """The document at `path`. A file unchanged since it was last parsed is not parsed
        again; each caller gets its own copy of the data."""
        lines, data = documents.load_cached(path)
        if not isinstance(data, dict):
            raise InputError("an OpenAPI document must be a mapping", path=path, line=1)
        return cls(path=path, data=data, lines=lines)

    def operations(self) -> Iterator[Operation]:
        for route, item in self.data.get("paths", {}).items():
            for method, op in item.items():
                if method not in HTTP_METHODS:
                    continue
                yield Operation(
                    method=method,
                    path=route,
                    operation_id=str(op.get("operationId", "")),
                    tags=tuple(op.get("tags", ())),
                    facade_method=str(op.get("x-mgip-method", "")),
                    raw=op,
                    line=self.lines.of("paths", route, method),
                )

    def operation(self, operation_id: str) -> Operation:
        for op in self.operations():
            if op.operation_id == operation_id:
                return op
        raise KeyError(operation_id)

    def resolve(self, node: Any) -> Any:
        """Follow a local `$ref` (repeatedly) to the node it names."""
        seen: set[str] = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = str(node["$ref"])
            if not ref.startswith("#/") or ref in seen:
                raise InputError(f"unresolvable reference {ref!r}", path=self.path)
            seen.add(ref)
            target: Any = self.data
            for escaped in ref[2:].split("/"):
                part = escaped.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise InputError(f"reference {ref!r} points nowhere", path=self.path)
                target = target[part]
            node = target
        return node

    def deref(self, node: Any) -> Any:
        """A copy of `node` with every local `$ref` replaced by its target (no cycles expected)."""
        node = self.resolve(node)
        if isinstance(node, dict):
            return {k: self.deref(v) for k, v in node.items()}
        if isinstance(node, list):
            return [self.deref(v) for v in node]
        return node

    def parameters(self, op: Operation) -> list[dict[str, Any]]:
        path_item = self.data["paths"][op.path]
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [*path_item.get("parameters", []), *op.raw.get("parameters", [])]:
            param = self.resolve(raw)
            merged[(param["in"], param["name"])] = param
        return list(merged.values())

    def examples(self) -> Iterator[tuple[str, Any, dict[str, Any]]]:
        """(where, example, schema) for every media-type and parameter example in the spec."""
        for op in self.operations():
            where = f"{op.key} ({op.operation_id})"
            for param in self.parameters(op):
                if "example" in param and "schema" in param:
                    yield f"{where} parameter {param['name']}", param["example"], param["schema"]
            body = self.resolve(op.raw.get("requestBody", {}))
            for media, content in body.get("content", {}).items():
                if "example" in content:
                    yield f"{where} request {media}", content["example"], content.get("schema", {})
            for status, response in op.raw.get("responses", {}).items():
                for media, content in self.resolve(response).get("content", {}).items():
                    if "example" in content:
                        yield (
                            f"{where} response {status} {media}",
                            content["example"],
                            content.get("schema", {}),
                        )
        for name, response in self.data.get("components", {}).get("responses", {}).items():
            for media, content in response.get("content", {}).items():
                if "example" in content:
                    yield (
                        f"components.responses.{name} {media}",
                        content["example"],
                        content["schema"],
                    )
        for name, schema in self.data.get("components", {}).get("schemas", {}).items():
            if "example" in schema:
                yield f"components.schemas.{name}", schema["example"], schema


def validate_document(spec: Spec) -> None:
    """Raise InputError unless the document is valid OpenAPI 3.1 (openapi-spec-validator)."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    errors = list(OpenAPIV31SpecValidator(spec.data).iter_errors())
    if errors:
        first = errors[0]
        location = "/".join(str(p) for p in first.absolute_path) or "(document root)"
        raise InputError(
            f"not valid OpenAPI 3.1 at {location}: {first.message} ({len(errors)} error(s) in all)",
            path=spec.path,
        )


def example_errors(spec: Spec) -> list[str]:
    """Every example that fails its own schema, described."""
    from jsonschema import Draft202012Validator, FormatChecker

    problems: list[str] = []
    for where, example, schema in spec.examples():
        validator = Draft202012Validator(spec.deref(schema), format_checker=FormatChecker())
        for error in validator.iter_errors(example):
            location = "/".join(str(p) for p in error.absolute_path) or "(root)"
            problems.append(f"{where}: {location}: {error.message}")
    return problems
