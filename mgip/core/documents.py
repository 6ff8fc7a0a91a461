"""Reading the project's YAML documents.

Round-trip loading (ruamel.yaml) keeps line numbers, so errors can point at the line of a
spec, a catalogue or a scenario that is wrong. The spec and the catalogue are read on every run
and take ruamel.yaml about 0.4 s each; `load_fast` reads them with libyaml through PyYAML in
about 20 ms, with YAML 1.2's rules for plain scalars (as ruamel.yaml reads them) and the lines
of every node from the same parse.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from mgip.core.problems import InputError


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


_Step = str | int


@dataclass(frozen=True, slots=True)
class Lines:
    """The 1-based line of every mapping key and sequence item of a document, by its path."""

    index: dict[tuple[_Step, ...], int]

    def of(self, *path: _Step) -> int | None:
        """The line of `path`, or of the nearest node above it that has one."""
        steps = tuple(path)
        while steps:
            if steps in self.index:
                return self.index[steps]
            steps = steps[:-1]
        return self.index.get((), None)


_Loader: Any = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)


class _Yaml12Loader(_Loader):  # type: ignore[misc]
    """PyYAML's safe loader with YAML 1.2's core rules for plain scalars: `yes`, `on` and `no`
    stay strings, `012` is twelve, and there are no sexagesimal numbers."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


def _resolve(tag: str, pattern: str, first: str) -> None:
    _Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_DIGITS = "-+0123456789"
_resolve("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolve(
    "tag:yaml.org,2002:float",
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    _DIGITS + ".",
)
_resolve(
    "tag:yaml.org,2002:int",
    r"^(?:[-+]?0b[0-1_]+|[-+]?0o[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$",
    _DIGITS,
)
_resolve("tag:yaml.org,2002:merge", r"^(?:<<)$", "<")
_resolve("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
_Yaml12Loader.yaml_implicit_resolvers.setdefault("", []).append(
    ("tag:yaml.org,2002:null", re.compile(r"^$"))
)
_resolve(
    "tag:yaml.org,2002:timestamp",
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    (?:[Tt]|[\ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
    (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    "0123456789",
)


def _construct_int(loader: Any, node: Any) -> int:
    text = str(loader.construct_scalar(node)).replace("_", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    base = {"0b": 2, "0o": 8, "0x": 16}.get(digits[:2].lower(), 10)
    return sign * int(digits[2:] if base != 10 else digits, base)


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _lines(node: Any, path: tuple[_Step, ...], index: dict[tuple[_Step, ...], int]) -> None:
    if isinstance(node, pyyaml.MappingNode):
        for key, value in node.value:
            step = (*path, str(key.value))
            index[step] = key.start_mark.line + 1
            _lines(value, step, index)
    elif isinstance(node, pyyaml.SequenceNode):
        for position, item in enumerate(node.value):
            step = (*path, position)
            index[step] = item.start_mark.line + 1
            _lines(item, step, index)


def load_fast(path: Path) -> tuple[Any, Lines]:
    """The plain data of a YAML (or JSON) file and the lines of its nodes; raise InputError
    (through the round-trip loader, which names the line) when it is not valid YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", path=path) from None
    try:
        loader = _Yaml12Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except pyyaml.YAMLError:
        load(path)  # raises the error with its line
        raise  # pragma: no cover  (the round-trip loader accepted what libyaml refused)
    index: dict[tuple[_Step, ...], int] = {(): 1}
    if node is not None:
        _lines(node, (), index)
    return data, Lines(index)


_PARSED: dict[tuple[str, str], tuple[Lines, Any]] = {}


def load_cached(path: Path) -> tuple[Lines, Any]:
    """`load_fast(path)`, parsed once per content of the file (reading and hashing it takes a
    millisecond). The lines are shared; the data is a fresh copy on every call."""
    key = version(path)
    if key is None:
        data, lines = load_fast(path)  # it raises the error that says why
        return lines, data
    if key not in _PARSED:
        data, lines = load_fast(path)
        _PARSED[key] = (lines, data)
    lines, data = _PARSED[key]
    return lines, copy.deepcopy(data)


def version(path: Path) -> tuple[str, str] | None:
    """The file's resolved path and a digest of its bytes; None when it cannot be read."""
    try:
        return (str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        return None


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


def check_schema(tree: Any, schema: dict[str, Any], path: Path, lines: Lines | None = None) -> Any:
    """Validate a loaded document against a JSON Schema; the plain data, or InputError at a line.

    `tree` is a round-trip tree, or plain data with its `lines` (from `load_fast`)."""
    from jsonschema import Draft202012Validator

    data = plain(tree)
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if not errors:
        return data
    first = errors[0]
    parts: list[Any] = list(first.absolute_path)
    extra: list[str] = []
    if first.validator == "additionalProperties" and isinstance(first.instance, dict):
        # Point at the unexpected key itself rather than at the mapping that holds it.
        allowed = first.schema.get("properties", {})
        extra = [k for k in first.instance if k not in allowed]
    location = "/".join(str(p) for p in [*parts, *extra[:1]]) or "(root)"
    if lines is not None:
        line = lines.of(*parts, *extra[:1])
    else:
        node: Any = tree
        for part in parts[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        key = parts[-1] if parts else None
        if extra:
            node = node[key] if key is not None else node
            key = extra[0]
        line = line_of(node, key)
    raise InputError(f"{location}: {first.message}", path=path, line=line)
