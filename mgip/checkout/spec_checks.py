"""`mgip check-spec`, a checkout command: the curated spec, the catalogue and their sources agree.

Each check yields a verdict (passed, failed, skipped with why). These hold the project's own
sources to account (the seeds, the upstream file); they run in our CI, not in a user's `mgip check`,
which checks a server against the packaged spec.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mgip.checkout import drift
from mgip.core import catalogue, documents, resources
from mgip.core.problems import InputError
from mgip.core.spec import Spec, example_errors, validate_document
from mgip.core.verdicts import Verdict


def _document(spec: Spec) -> list[str]:
    try:
        validate_document(spec)
    except InputError as exc:
        return [str(exc)]
    return []


def _verdict(name: str, problems: list[str], detail: str = "") -> Verdict:
    return Verdict(name, "failed" if problems else "passed", detail, problems)


def _parsers_agree() -> list[str]:
    """Runs read the spec and the catalogue with libyaml (`documents.load_fast`); the strict
    round-trip parser must read the same data from them (and finds repeated keys)."""
    problems = []
    for path in (resources.SPEC, resources.RULES):
        try:
            strict = documents.plain(documents.load(path))
        except InputError as exc:
            problems.append(str(exc))
            continue
        if documents.load_fast(path)[0] != strict:
            problems.append(f"{path}: libyaml and ruamel.yaml read different data from it")
    return problems


def run() -> Iterator[Verdict]:
    spec = Spec.load()
    rules = catalogue.load()
    checks: list[tuple[str, Callable[[], list[str]]]] = [
        ("spec and catalogue read the same by both YAML parsers", _parsers_agree),
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
    if resources.SEEDS_DIR.is_dir():
        problems = catalogue.misquoted(rules, resources.SEEDS_DIR)
        problems += drift.misquoted_curations(spec, resources.SEEDS_DIR)
        yield _verdict(quotes, problems)
    else:
        yield Verdict(quotes, "skipped", f"no seeds at {resources.SEEDS_DIR}")
    recorded = "every departure from upstream is recorded"
    if resources.UPSTREAM_SPEC.is_file():
        report = drift.compare(Spec.load(resources.UPSTREAM_SPEC), spec)
        problems = [
            f"{d.operation} | {d.facet}: {d.upstream} -> {d.curated}" for d in report.unexplained
        ]
        problems += [f"stale curation ({c.scope}): {', '.join(c.patterns)}" for c in report.stale]
        detail = f"{len(report.curated)} curated, {len(report.unexplained)} unexplained"
        yield _verdict(recorded, problems, detail)
    else:
        yield Verdict(recorded, "skipped", f"no upstream file at {resources.UPSTREAM_SPEC}")
