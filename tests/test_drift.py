"""`mgip drift` separates recorded curation from new, unexplained drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgip.checkout import drift
from mgip.cli import app
from mgip.core import resources
from mgip.core.spec import Spec

FIXTURES = Path(__file__).parent / "fixtures" / "drift"


def test_fixture_drift_is_classified() -> None:
    report = drift.compare(
        Spec.load(FIXTURES / "upstream.yaml"), Spec.load(FIXTURES / "curated.yaml")
    )
    curated = {(d.operation, d.facet) for d in report.curated}
    unexplained = {(d.operation, d.facet) for d in report.unexplained}
    assert ("GET /v3/things/{id}", "operationId") in curated
    assert ("GET /v3/things/{id}", "response 200 schema") in curated
    # Nothing records why `color` stopped being required or why the POST moved to another path.
    assert unexplained == {
        ("GET /v3/things/{id}", "param query.color required"),
        ("POST /v3/things", "operation"),
        ("POST /v3/things/{id}", "operation"),
    }
    assert [c.patterns for c in report.stale] == [("param query.size",)]


def test_upstream_file_has_no_unexplained_drift_and_no_stale_record(spec: Spec) -> None:
    if not resources.UPSTREAM_SPEC.is_file():
        pytest.skip(
            f"Mailgun's published OpenAPI file is not at {resources.UPSTREAM_SPEC} "
            "(it sits beside a CI checkout)"
        )
    report = drift.compare(Spec.load(resources.UPSTREAM_SPEC), spec)
    assert [f"{d.operation} | {d.facet}" for d in report.unexplained] == []
    assert report.stale == []
    assert len(report.curated) > 100
    facets = {(d.operation, d.facet) for d in report.curated}
    # The well-known upstream mistakes are among the recorded ones.
    assert ("GET /v3/ips", "response 200 schema") in facets
    assert (
        "DELETE /v3/domains/{name}/dynamic_pools",
        "param query.replacement_pool_id required",
    ) in facets
    assert ("PATCH /v3/ip_pools/{pool_id}", "body multipart/form-data field add_ip") in facets


def test_every_curation_with_a_source_quotes_it_verbatim(spec: Spec, seeds_dir: Path) -> None:
    records = drift.curations(spec)
    assert all(record.reason for record in records)
    assert sum(1 for record in records if record.seed) >= 40
    assert drift.misquoted_curations(spec, seeds_dir) == []


def test_a_curation_quote_missing_from_its_seed_is_reported(spec: Spec, tmp_path: Path) -> None:
    text = spec.path.read_text().replace(
        "quote: One of these parameters (but not both) must be provided.",
        "quote: One of these parameters must always be provided.",
        1,
    )
    altered = tmp_path / "spec.yaml"
    altered.write_text(text)
    if not resources.SEEDS_DIR.is_dir():
        pytest.skip(f"the documentation seeds are not at {resources.SEEDS_DIR}")
    [problem] = drift.misquoted_curations(Spec.load(altered), resources.SEEDS_DIR)
    assert re.fullmatch(
        re.escape(f"{altered}:")
        + r"\d+"
        + re.escape(
            ": curation of DELETE /v3/domains/{name}/dynamic_pools: "
            "quote not found in 000_642fcb44acd1e64a.txt"
        ),
        problem,
    )


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    dirty = runner.invoke(
        app,
        [
            "drift",
            "--upstream",
            str(FIXTURES / "upstream.yaml"),
            "--curated",
            str(FIXTURES / "curated.yaml"),
            "--json",
        ],
    )
    assert dirty.exit_code == 1
    assert '"unexplained"' in dirty.output and "param query.color required" in dirty.output
    clean = runner.invoke(
        app,
        [
            "drift",
            "--upstream",
            str(FIXTURES / "curated.yaml"),
            "--curated",
            str(FIXTURES / "curated.yaml"),
        ],
    )
    assert clean.exit_code == 0, clean.output
    assert "0 unexplained" in clean.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\npaths: {a: [\n")
    failed = runner.invoke(app, ["drift", "--upstream", str(broken)])
    assert failed.exit_code == 2
    assert f"{broken}:" in failed.output and "not valid YAML" in failed.output
    assert "Traceback" not in failed.output
