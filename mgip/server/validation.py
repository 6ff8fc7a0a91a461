"""Requests checked against the curated spec: routing, parameters and bodies.

Everything here is built once from the OpenAPI document. Parameters and bodies are deserialised
as OpenAPI describes them (form style, exploded arrays, percent-decoded path segments), then
validated by a JSON-Schema 2020-12 validator (jsonschema-rs) against the operation's own schemas.
No field is checked by hand: a change to the spec changes what the server accepts.

A query parameter, form field or top-level JSON property that the operation does not declare is
refused (`Rule.DIPP_UNKNOWN_FIELDS_REFUSED`, mgip's convention: OpenAPI lets a server ignore it),
naming the closest declared field, unless the server's settings say to ignore such fields.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

import jsonschema_rs
from mailgun_ip_client.rules import Rule

from mgip.core.spec import Spec
from mgip.server.refusals import Refusal

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
INTEGER = re.compile(r"^[+-]?\d{1,18}$")
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


class Invalid(Exception):
    """The request does not conform to the spec; `problems` says every way it does not."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(slots=True)
class Body:
    media_types: tuple[str, ...]
    required: bool
    schema: dict[str, Any]
    validator: Any

    def properties(self) -> dict[str, Any]:
        props: dict[str, Any] = self.schema.get("properties", {})
        return props

    @property
    def open(self) -> bool:
        """The schema itself takes fields beyond its `properties` (additionalProperties that is
        not false, or patternProperties): none of them is unknown."""
        extra = self.schema.get("additionalProperties", False)
        return extra is not False or "patternProperties" in self.schema


@dataclass(slots=True)
class Operation:
    operation_id: str
    method: str
    template: str
    segments: tuple[str | None, ...]  # a literal segment, or None for a parameter
    path_names: tuple[str, ...]
    query: dict[str, dict[str, Any]]
    query_validator: Any
    body: Body | None
    gateway_headers: tuple[str, ...]
    responses: dict[str, Any] = field(repr=False)

    @property
    def literal_count(self) -> int:
        return sum(1 for s in self.segments if s is not None)


@dataclass(slots=True)
class Match:
    operation: Operation
    path: dict[str, str]


class Routes:
    """The spec's operations, looked up by method and raw (still percent-encoded) path."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        operations = [build_operation(spec, op) for op in spec.operations()]
        # A literal segment beats a template, as OpenAPI path matching requires.
        self.operations = sorted(operations, key=lambda o: -o.literal_count)
        self.by_length: dict[int, list[Operation]] = {}
        for op in self.operations:
            self.by_length.setdefault(len(op.segments), []).append(op)
        self.by_id = {op.operation_id: op for op in operations}

    def match(self, method: str, raw_path: str) -> Match | list[str] | None:
        """The operation and its decoded path parameters; else the allowed methods, or None."""
        parts = raw_path.split("/")[1:]
        template: str | None = None
        allowed: list[str] = []
        for op in self.by_length.get(len(parts), ()):
            # Candidates come most literal first; once a path has matched, templated paths that
            # would also match are not considered (/v3/dynamic_pools/all is not a pool name).
            if template is not None and op.template != template:
                continue
            values = _match_segments(op, parts)
            if values is None:
                continue
            template = op.template
            if op.method == method:
                return Match(op, dict(zip(op.path_names, values, strict=True)))
            allowed.append(op.method)
        return sorted(set(allowed)) if allowed else None


def _match_segments(op: Operation, parts: list[str]) -> list[str] | None:
    values = []
    for template, raw in zip(op.segments, parts, strict=True):
        decoded = unquote(raw)
        if template is None:
            if not decoded:
                return None
            values.append(decoded)
        elif template != decoded:
            return None
    return values


def build_operation(spec: Spec, op: Any) -> Operation:
    segments: list[str | None] = []
    names: list[str] = []
    for part in op.path.split("/")[1:]:
        if part.startswith("{") and part.endswith("}"):
            segments.append(None)
            names.append(part[1:-1])
        else:
            segments.append(part)
    query: dict[str, dict[str, Any]] = {}
    required: list[str] = []
    gateway = tuple(
        p["name"]
        for p in spec.parameters(op)
        if p["in"] == "header" and p.get("x-mgip-gateway-header")
    )
    for param in spec.parameters(op):
        if param["in"] != "query":
            continue
        query[param["name"]] = spec.deref(param.get("schema", {}))
        if param.get("required"):
            required.append(param["name"])
    query_schema = {"type": "object", "properties": query, "required": required}
    return Operation(
        operation_id=op.operation_id,
        method=op.method.upper(),
        template=op.path,
        segments=tuple(segments),
        path_names=tuple(names),
        query=query,
        query_validator=jsonschema_rs.validator_for(query_schema),
        body=_body(spec, op.raw.get("requestBody")),
        gateway_headers=gateway,
        responses={code: spec.deref(r) for code, r in op.raw.get("responses", {}).items()},
    )


def _body(spec: Spec, raw: Any) -> Body | None:
    if raw is None:
        return None
    body = spec.resolve(raw)
    content = body.get("content", {})
    # Every media type of an operation shares one schema in the curated spec.
    schema = spec.deref(next(iter(content.values())).get("schema", {}))
    return Body(
        media_types=tuple(content),
        required=bool(body.get("required")),
        schema=schema,
        validator=jsonschema_rs.validator_for(schema),
    )


# --- deserialisation ------------------------------------------------------------------------


def coerce(value: str, schema: dict[str, Any]) -> Any:
    """A form or query string as the schema's scalar type, or unchanged for the validator."""
    kind = schema.get("type")
    if kind == "integer" and INTEGER.match(value):
        return int(value)
    if kind == "number" and NUMBER.match(value):
        return float(value)
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def collect(
    pairs: Iterable[tuple[str, str]], properties: dict[str, Any], where: str
) -> tuple[dict[str, Any], list[str]]:
    """Group repeated keys; arrays keep every value, scalars must come once."""
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    values: dict[str, Any] = {}
    problems = []
    for key, items in grouped.items():
        schema = properties.get(key)
        if schema is None:
            continue  # undeclared: refused before this (`refuse_unknown`) or ignored
        if schema.get("type") == "array":
            item_schema = schema.get("items", {})
            values[key] = [coerce(v, item_schema) for v in items]
        elif len(items) > 1:
            problems.append(f"{where} {key!r} is given {len(items)} times; it takes one value")
        else:
            values[key] = coerce(items[0], schema)
    return values, problems


def _describe(error: Any, where: str) -> str:
    path = list(error.instance_path)
    if not path:
        return f"{where}: {error.message}"
    name, rest = path[0], "/".join(str(p) for p in path[1:])
    return f"{where} {name!r}{'/' + rest if rest else ''}: {error.message}"


# --- fields the operation does not declare -------------------------------------------------

QUERY, FORM, JSON_BODY = "query parameter", "form field", "JSON body property"
PLURALS = {QUERY: "query parameters", FORM: "form fields", JSON_BODY: "JSON body properties"}
# A refusal lists at most this many unknown fields, each name cut to this many characters.
SHOWN_FIELDS, SHOWN_NAME = 10, 64


def _shown(name: str) -> str:
    return repr(name) if len(name) <= SHOWN_NAME else repr(name[:SHOWN_NAME]) + "..."


def _either(names: Collection[str]) -> str:
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def unknown_fields(op: Operation, names: Iterable[str], where: str) -> list[str]:
    """The names the operation does not declare `where` (QUERY, FORM or JSON_BODY), each with
    the declared field closest to it if there is one (the first SHOWN_FIELDS; then how many
    more), and what the operation takes if one had none; empty when every name is declared."""
    body = op.body.properties() if op.body is not None else {}
    declared: Collection[str]
    if where == QUERY:
        json_body = op.body is not None and op.body.media_types[0] == "application/json"
        declared, other, other_where = op.query, body, JSON_BODY if json_body else FORM
    elif op.body is not None and op.body.open:
        return []
    else:  # a body's fields; an operation without a body takes none
        declared, other, other_where = body, op.query, QUERY
    unknown = [name for name in dict.fromkeys(names) if name not in declared]
    found, unhinted = [], False
    for name in unknown[:SHOWN_FIELDS]:
        close = difflib.get_close_matches(name, declared, n=1) if len(name) <= SHOWN_NAME else []
        if name in other:
            found.append(f"{where} {_shown(name)} (the operation takes it as a {other_where})")
        elif close:
            found.append(f"{where} {_shown(name)} (did you mean {close[0]!r}?)")
        else:
            found.append(f"{where} {_shown(name)}")
            unhinted = True
    if len(unknown) > SHOWN_FIELDS:
        found.append(f"and {len(unknown) - SHOWN_FIELDS} more")
        unhinted = True
    if found and unhinted:
        takes = _either(list(declared)) if declared else f"no {PLURALS[where]}"
        found.append(f"the operation takes {takes}")
    return found


def refuse_unknown(op: Operation, names: Iterable[str], where: str) -> None:
    """Refuse the request when it carries fields the operation does not declare `where`."""
    found = unknown_fields(op, names, where)
    if found:
        raise Refusal.of(Rule.DIPP_UNKNOWN_FIELDS_REFUSED, "; ".join(found))


def query_values(op: Operation, query_string: str, *, refuse: bool = True) -> dict[str, Any]:
    """The query's values; with `refuse`, a parameter the operation does not declare is refused
    (`Refusal`), else it is ignored."""
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Invalid(["the query string is not valid UTF-8 percent-encoding"]) from None
    if refuse:
        refuse_unknown(op, (key for key, _ in pairs), QUERY)
    values, problems = collect(pairs, op.query, "query parameter")
    problems += [_describe(e, "query parameter") for e in op.query_validator.iter_errors(values)]
    if problems:
        raise Invalid(problems)
    return values


def check_gateway_headers(op: Operation, headers: dict[str, str]) -> None:
    """Behind Mailgun's gateway the X-Mailgun-* headers the documentation lists are required."""
    missing = [name for name in op.gateway_headers if not headers.get(name.lower())]
    if missing:
        raise Invalid([f"header {name!r} is required" for name in missing])


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def check_body_presence(op: Operation, content_type: str, size: int) -> str | None:
    """The body's media type if the operation takes it; None when there is no body at all."""
    body = op.body
    if body is None:
        # An operation without a request body ignores one, as HTTP servers do for GET/DELETE
        # (but the fields of a form or JSON body are unknown fields: `app._refuse_stray_fields`).
        return None
    if size == 0 and not content_type:
        if body.required:
            # Even a form whose fields are all optional must be sent when the spec requires the
            # body; an empty form (a Content-Type and no field) reaches the handler.
            raise Invalid([f"a request body is required ({', '.join(body.media_types)})"])
        return None
    kind = media_type(content_type)
    if kind not in body.media_types:
        raise Invalid(
            [
                f"Content-Type {kind or '(none)'!r} is not accepted here; "
                f"send {' or '.join(body.media_types)}"
            ]
        )
    return kind


def form_values(
    op: Operation, pairs: Iterable[tuple[str, str]], *, refuse: bool = True
) -> dict[str, Any]:
    """The form's values; an undeclared field is refused with `refuse`, else ignored."""
    assert op.body is not None
    pairs = list(pairs)
    if refuse:
        refuse_unknown(op, (key for key, _ in pairs), FORM)
    values, problems = collect(pairs, op.body.properties(), "form field")
    problems += [_describe(e, "form field") for e in op.body.validator.iter_errors(values)]
    if problems:
        raise Invalid(problems)
    return values


# No body of this API nests past a few levels; the validator's own recursion stops at 256.
MAX_JSON_DEPTH = 32


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _depth(value: Any) -> int:
    """How deep containers nest in `value` (walked without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def json_value(op: Operation, raw: bytes, *, refuse: bool = True) -> Any:
    """The JSON body; a top-level property the operation does not declare is refused with
    `refuse`, else left to the schema (which lets it through)."""
    assert op.body is not None
    try:
        value = json.loads(raw, parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = "it nests too deep" if isinstance(exc, RecursionError) else str(exc)
        raise Invalid([f"the body is not valid JSON: {reason}"]) from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise Invalid([f"the JSON body nests deeper than {MAX_JSON_DEPTH} levels"])
    if refuse and isinstance(value, dict):
        refuse_unknown(op, value, JSON_BODY)
    problems = [_describe(e, "body field") for e in op.body.validator.iter_errors(value)]
    if problems:
        raise Invalid(problems)
    return value


# --- responses (used by tests and by `--check-responses`) -------------------------------------


def response_problems(op: Operation, status: int, body: Any) -> list[str]:
    """How an answer departs from the spec: an undeclared status, or a body off its schema."""
    declared = op.responses.get(str(status)) or op.responses.get(f"{str(status)[0]}XX")
    if declared is None:
        return [f"{op.operation_id} answered {status}, which the spec does not declare"]
    content = declared.get("content", {}).get("application/json")
    if content is None:
        return []
    validator = jsonschema_rs.validator_for(content.get("schema", {}))
    return [
        f"{op.operation_id} {status} body at /{'/'.join(map(str, e.instance_path))}: {e.message}"
        for e in validator.iter_errors(body)
    ]
