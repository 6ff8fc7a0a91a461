"""Parsing what arrives over HTTP at the control interface, within bounds.

The body is already capped (`app.MAX_BODY`, checked while it is read). On top of that, JSON and
YAML are parsed only after a scan that bounds their nesting (`MAX_DEPTH`) and their number of
nodes (`MAX_NODES`), and YAML over HTTP may not use anchors or aliases (an alias bomb expands
a few hundred bytes into billions of nodes). The parsed values may not hold a NUL byte or a
non-finite number (NaN, Infinity), which the state file could not hold as JSON. Every refusal
is an InputError, answered 400; nothing here runs for long.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    NodeEvent,
    SequenceEndEvent,
)

from mgip.core.problems import InputError

MAX_DEPTH = 64
MAX_NODES = 20_000
BODY = "<request body>"
BODY_PATH = Path(BODY)

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")


def json_value(body: bytes, *, empty: Any = None) -> Any:
    """A JSON body, nested at most MAX_DEPTH deep, without NaN/Infinity or NUL bytes."""
    if not body.strip():
        return empty
    depth = deepest = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub(b'""', body)):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise InputError(f"the JSON is nested deeper than {MAX_DEPTH} levels", path=BODY)

    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    try:
        value = json.loads(body, parse_constant=refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise InputError(f"the body is not valid JSON: {exc}", path=BODY) from None
    if _nodes(value) > MAX_NODES:
        raise InputError(f"the JSON has more than {MAX_NODES} nodes", path=BODY)
    check_values(value)
    return value


def _nodes(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + sum(_nodes(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(_nodes(v) for v in value)
    return 1


def yaml_tree(text: str, source: str = BODY) -> Any:
    """A YAML (or JSON) document from an untrusted source, loaded round-trip (with lines).

    The event stream is scanned first: no anchors or aliases, at most MAX_DEPTH levels of
    nesting and MAX_NODES nodes; only then is the document composed.
    """
    if "\x00" in text:
        raise InputError("the scenario holds a NUL byte", path=source)
    depth = nodes = 0
    try:
        for event in YAML(typ="rt").parse(text):
            if isinstance(event, AliasEvent) or (
                isinstance(event, NodeEvent) and event.anchor is not None
            ):
                line = event.start_mark.line + 1 if event.start_mark else None
                raise InputError(
                    "YAML anchors and aliases (& and *) are not accepted over HTTP",
                    path=source,
                    line=line,
                )
            if isinstance(event, NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    raise InputError(f"the scenario has more than {MAX_NODES} nodes", path=source)
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise InputError(
                        f"the scenario is nested deeper than {MAX_DEPTH} levels",
                        path=source,
                        line=line,
                    )
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
        tree = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise InputError(f"not valid YAML or JSON: {exc.problem}", path=source, line=line) from None
    except (YAMLError, ValueError, RecursionError) as exc:
        raise InputError(f"not valid YAML or JSON: {exc}", path=source) from None
    check_values(tree, source)
    return tree


def check_values(value: Any, source: str = BODY, where: str = "") -> None:
    """Refuse NUL bytes in strings (and keys) and numbers that are not finite."""
    here = where or "(root)"
    if isinstance(value, str):
        if "\x00" in value:
            raise InputError(f"{here}: a string holds a NUL byte", path=source)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"{here}: {value} is not a finite number", path=source)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_values(key, source, where)
            check_values(item, source, f"{where}/{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_values(item, source, f"{where}/{index}" if where else str(index))
