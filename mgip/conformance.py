"""The spec layer of `mgip check`: the curated spec, the catalogue and generated/ agree.

Each check yields a verdict (passed, failed, skipped with why). Later layers run against servers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mgip import catalogue, drift, generate, paths
from mgip.problems import InputError
from mgip.spec import Spec, example_errors, validate_document


@dataclass(slots=True)
class Verdict:
    name: str
    # "passed" (it ran and held), "failed" (with the evidence), "skipped" (with why) or "error"
    # (it could not be evaluated, with the reason)
    status: str
    detail: str = ""
    problems: list[str] = field(default_factory=list)


def _document(spec: Spec) -> list[str]:
    try:
        validate_document(spec)
    except InputError as exc:
        return [str(exc)]
    return []


def _verdict(name: str, problems: list[str], detail: str = "") -> Verdict:
    return Verdict(name, "failed" if problems else "passed", detail, problems)


def run() -> Iterator[Verdict]:
    spec = Spec.load()
    rules = catalogue.load()
    checks: list[tuple[str, Callable[[], list[str]]]] = [
        ("spec is valid OpenAPI 3.1", lambda: _document(spec)),
        ("every example matches its schema", lambda: example_errors(spec)),
        (
            "catalogue rules name existing operations",
            lambda: catalogue.unknown_operations(rules, spec),
        ),
    ]
    for name, check in checks:
        problems = check()
        yield _verdict(name, problems, f"{len(problems)} problem(s)")
    quotes = "rules and curation records quote the seeds verbatim"
    if paths.SEEDS_DIR.is_dir():
        problems = catalogue.misquoted(rules, paths.SEEDS_DIR)
        problems += drift.misquoted_curations(spec, paths.SEEDS_DIR)
        yield _verdict(quotes, problems)
    else:
        yield Verdict(quotes, "skipped", f"no seeds at {paths.SEEDS_DIR}")
    recorded = "every departure from upstream is recorded"
    if paths.UPSTREAM_SPEC.is_file():
        report = drift.compare(Spec.load(paths.UPSTREAM_SPEC), spec)
        problems = [
            f"{d.operation} | {d.facet}: {d.upstream} -> {d.curated}" for d in report.unexplained
        ]
        problems += [f"stale curation ({c.scope}): {', '.join(c.patterns)}" for c in report.stale]
        detail = f"{len(report.curated)} curated, {len(report.unexplained)} unexplained"
        yield _verdict(recorded, problems, detail)
    else:
        yield Verdict(recorded, "skipped", f"no upstream file at {paths.UPSTREAM_SPEC}")
    problems, seconds = generate.check()
    yield _verdict("generated/ matches the spec", problems, f"regenerated in {seconds:.1f} s")
