"""Reading and writing the project's YAML documents with ruamel.yaml.

Round-trip loading keeps line numbers, so errors can point at the line of a spec, a catalogue or
a scenario that is wrong.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from mgip.problems import InputError


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path) -> Any:
    """Load a YAML (or JSON) file, keeping line information; raise InputError when unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", path=path) from None
    try:
        return _round_trip().load(text)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise InputError(f"not valid YAML: {exc.problem}", path=path, line=line) from None


_PARSED: dict[tuple[str, str], tuple[Any, Any]] = {}


def load_cached(path: Path) -> tuple[Any, Any]:
    """`load(path)` and its plain data, parsed once per content of the file (parsing the spec
    takes about a second; reading and hashing it, a millisecond). The round-trip tree is shared
    and must be treated as read-only; the plain data is a fresh copy on every call."""
    key = version(path)
    if key is None:
        return _fresh(path)
    if key not in _PARSED:
        tree = load(path)
        _PARSED[key] = (tree, plain(tree))
    tree, data = _PARSED[key]
    return tree, copy.deepcopy(data)


def version(path: Path) -> tuple[str, str] | None:
    """The file's resolved path and a digest of its bytes; None when it cannot be read."""
    try:
        return (str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        return None


def _fresh(path: Path) -> tuple[Any, Any]:
    tree = load(path)
    return tree, plain(tree)


def line_of(node: Any, key: str | int | None = None) -> int | None:
    """The 1-based line of `node` (or of `node[key]`) when the document was loaded round-trip."""
    if isinstance(node, (CommentedMap, CommentedSeq)):
        if key is not None:
            try:
                if isinstance(node, CommentedMap):
                    return int(node.lc.key(key)[0]) + 1
                return int(node.lc.item(key)[0]) + 1
            except (KeyError, IndexError, TypeError):
                pass
        return int(node.lc.line) + 1
    return None


def plain(node: Any) -> Any:
    """A deep copy of a round-trip node as plain dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def check_schema(tree: Any, schema: dict[str, Any], path: Path) -> Any:
    """Validate a loaded document against a JSON Schema; the plain data, or InputError at a line."""
    from jsonschema import Draft202012Validator

    data = plain(tree)
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        parts = list(first.absolute_path)
        node: Any = tree
        for part in parts[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        key = parts[-1] if parts else None
        if first.validator == "additionalProperties" and isinstance(first.instance, dict):
            # Point at the unexpected key itself rather than at the mapping that holds it.
            allowed = first.schema.get("properties", {})
            extra = [k for k in first.instance if k not in allowed]
            if extra:
                node = node[key] if key is not None else node
                parts, key = [*parts, extra[0]], extra[0]
        location = "/".join(str(p) for p in parts) or "(root)"
        raise InputError(f"{location}: {first.message}", path=path, line=line_of(node, key))
    return data
