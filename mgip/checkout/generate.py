"""`mgip generate`: the curated spec and the rule catalogue in, the generated/ folder out.

1. openapi-python-client (pinned) renders the typed client with generator/config.yaml and the
   templates in generator/templates, which add the section facades and the typed ApiError.
2. Jinja2 renders generator/extras: the top-level facade, the rule module and REFERENCE.md.

Output is built in a temporary folder first, so a failed run never leaves generated/ half-written,
and `check` can compare a fresh build with what is committed.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from mgip.checkout import drift
from mgip.core import catalogue, resources
from mgip.core.problems import InputError
from mgip.core.spec import Spec

REFERENCE = "REFERENCE.md"


@dataclass(frozen=True, slots=True)
class Build:
    root: Path  # holds mailgun_ip_client/ and REFERENCE.md
    seconds: float


def _bin(tool: str) -> str:
    """A tool from the running interpreter's environment, where the pinned versions live."""
    candidate = Path(sys.executable).parent / tool
    return str(candidate) if candidate.exists() else tool


def _sections(spec: Spec) -> list[dict[str, Any]]:
    from openapi_python_client.strings import PythonIdentifier

    sections = []
    for tag in spec.data.get("tags", []):
        attribute = tag.get("x-mgip-section")
        if not attribute:
            raise InputError(f"tag {tag['name']!r} has no x-mgip-section", path=spec.path)
        sections.append(
            {
                "tag": tag["name"],
                "title": tag["name"],
                "description": " ".join(str(tag.get("description", "")).split()),
                "package": str(PythonIdentifier(value=tag["name"], prefix="tag")),
                "attribute": attribute,
                "class_name": "".join(part.title() for part in attribute.split("_")) + "Section",
                "anchor": tag["name"].lower().replace(" ", "-"),
            }
        )
    return sections


def _facade_names(spec: Spec, sections: list[dict[str, Any]]) -> str:
    """A Jinja module telling the templates each section's names and each operation's method."""
    from openapi_python_client.strings import snake_case

    methods = {}
    for op in spec.operations():
        if not op.facade_method:
            raise InputError(f"{op.key} has no x-mgip-method", path=spec.path, line=op.line)
        methods[snake_case(op.operation_id)] = op.facade_method
    by_package = {s["package"]: s for s in sections}
    return (
        "{#- written by mgip generate from the spec's x-mgip-section and x-mgip-method -#}\n"
        f"{{% set sections = {json.dumps(by_package, sort_keys=True)} %}}\n"
        f"{{% set methods = {json.dumps(methods, sort_keys=True)} %}}\n"
    )


def _render_extras(
    spec: Spec, rules: catalogue.Catalogue, sections: list[dict[str, Any]], out: Path
) -> None:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.GENERATOR_DIR / "extras")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["cell"] = lambda text: " ".join(str(text).split()).replace("|", "\\|")
    operations = list(spec.operations())
    for section in sections:
        ops = [op for op in operations if op.section == section["tag"]]
        section["operations"] = [
            {
                "method": op.method,
                "path": op.path,
                "operation_id": op.operation_id,
                "facade_method": op.facade_method,
                "summary": op.raw.get("summary", ""),
                "deprecated": bool(op.raw.get("deprecated")),
                "rules": rules.for_operation(op.operation_id),
            }
            for op in ops
        ]
        section["rule_count"] = len(
            {r.id for op in ops for r in rules.for_operation(op.operation_id)}
        )
    context = {
        "sections": sections,
        "rules": rules.rules,
        "operation_count": len(operations),
        "kinds": sorted(Counter(rule.kind for rule in rules.rules).items()),
        "curations": drift.curations(spec),
    }
    package = out / resources.CLIENT_PACKAGE
    (package / "facade.py").write_text(
        env.get_template("facade.py.jinja").render(context), encoding="utf-8"
    )
    (package / "rules.py").write_text(
        env.get_template("rules.py.jinja").render(context), encoding="utf-8"
    )
    (package / "py.typed").write_text("", encoding="utf-8")
    (out / REFERENCE).write_text(
        env.get_template("REFERENCE.md.jinja").render(context), encoding="utf-8"
    )
    for args in (["check", "--fix-only", "--select=F,I"], ["format"]):
        _run(
            [_bin("ruff"), *args, "--isolated", "--no-cache", "--quiet", "facade.py", "rules.py"],
            package,
        )


def _run(command: list[str], cwd: Path) -> None:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise InputError(f"{Path(command[0]).name} failed (exit {result.returncode}):\n{output}")


def build(
    workdir: Path, spec_path: Path = resources.SPEC, rules_path: Path = resources.RULES
) -> Build:
    """Generate everything into `workdir/out` and return where it is."""
    started = time.perf_counter()
    spec = Spec.load(spec_path)
    rules = catalogue.load(rules_path)
    sections = _sections(spec)
    templates = workdir / "templates"
    shutil.copytree(resources.GENERATOR_DIR / "templates", templates)
    (templates / "mgip_facade.jinja").write_text(_facade_names(spec, sections), encoding="utf-8")
    out = workdir / "out"
    out.mkdir()
    _run(
        [
            _bin("openapi-python-client"),
            "generate",
            "--path",
            str(spec_path),
            "--config",
            str(resources.GENERATOR_DIR / "config.yaml"),
            "--meta",
            "none",
            "--output-path",
            str(out / resources.CLIENT_PACKAGE),
            "--custom-template-path",
            str(templates),
            "--fail-on-warning",
        ],
        workdir,
    )
    _render_extras(spec, rules, sections, out)
    return Build(root=out, seconds=time.perf_counter() - started)


def _tree(root: Path) -> set[Path]:
    return {
        p.relative_to(root) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }


def differences(fresh: Path, committed: Path) -> list[str]:
    """Files that differ between a fresh build and the committed generated/ folder."""
    mine, theirs = _tree(fresh), _tree(committed)
    problems = [f"missing from generated/: {p}" for p in sorted(mine - theirs)]
    problems += [f"not produced by the generator: {p}" for p in sorted(theirs - mine)]
    problems += [
        f"differs: {p}"
        for p in sorted(mine & theirs)
        if not filecmp.cmp(fresh / p, committed / p, shallow=False)
    ]
    return problems


def write(target: Path = resources.GENERATED_DIR) -> Build:
    """Regenerate `target` (generated/) in place."""
    with tempfile.TemporaryDirectory(prefix="mgip-generate-") as tmp:
        result = build(Path(tmp))
        target.mkdir(parents=True, exist_ok=True)
        for name in (resources.CLIENT_PACKAGE, REFERENCE):
            old = target / name
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()
            shutil.move(str(result.root / name), str(old))
        return Build(root=target, seconds=result.seconds)


def check(target: Path = resources.GENERATED_DIR) -> tuple[list[str], float]:
    """Differences between a fresh build and `target`, and the build's time."""
    with tempfile.TemporaryDirectory(prefix="mgip-check-generated-") as tmp:
        result = build(Path(tmp))
        return differences(result.root, target), result.seconds
