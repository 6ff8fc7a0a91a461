"""`mgip mutants`: the kill matrix, its files, its exit codes, and the CI subset killed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgip.cli import app as cli
from mgip.contracts import mutation
from mgip.contracts.mutation import CONTROL, MutantResult
from mgip.core import resources
from mgip.core.verdicts import Verdict
from mgip.server import mutants

runner = CliRunner()


def test_caught_by_names_rules_and_schemathesis_checks() -> None:
    verdicts = [
        Verdict("rules: adding an IP to a DIPP", "failed", "", ["dipp_add_ip_joins_pool: gone"]),
        Verdict("rules: dipp_create_needs_feature", "failed", "set up from the accounts", []),
        Verdict(
            "conformance: Schemathesis on every operation",
            "failed",
            "",
            ["listIps [not_a_server_error] Server error -> 500", "    curl ..."],
        ),
        Verdict("rules: the state machine", "failed", "stopped: KeyError 'x'", []),
        Verdict("rules: passing", "passed", "ips_total_count_matches_items", []),
    ]
    assert mutation.caught_by(verdicts) == [
        "dipp_add_ip_joins_pool",
        "dipp_create_needs_feature",
        "schemathesis:not_a_server_error",
        "rules: the state machine",
    ]


def _results() -> list[MutantResult]:
    return [
        MutantResult(CONTROL, "control", "nothing"),
        MutantResult("b.fast", "rule", "x", ["b"], killed=True, caught_by=["b"], first_failure=0.5),
        MutantResult("a.slow", "rule", "x", ["a"], killed=True, caught_by=["a"], first_failure=9.0),
        MutantResult("fault.quiet", "fault", "x", fault="filters ignored"),
    ]


def test_the_matrix_lists_survivors_first_and_sums_up() -> None:
    order = [r.name for r in mutation.ordered(_results())]
    assert order == ["fault.quiet", "a.slow", "b.fast"]
    facts = mutation.summary(_results())
    assert facts["mutants"] == 3 and facts["killed"] == 2
    assert facts["survived"] == ["fault.quiet"]
    assert facts["median_first_failure"] == 4.75 and facts["worst_first_failure"] == 9.0
    meta = {"seed": 1, "profile": "default", "workers": 2, "budget": 120.0, "seconds": 30.0}
    markdown = mutation.to_markdown(_results(), meta)
    rows = [line for line in markdown.splitlines() if line.startswith("| `")]
    assert rows[0].startswith("| `fault.quiet` | fault: filters ignored | **SURVIVED**")
    assert "killed 2 of 3" in markdown
    document = json.loads(mutation.to_json(_results(), meta))
    assert document["summary"]["survived"] == ["fault.quiet"]
    assert document["control"]["name"] == CONTROL
    assert [m["name"] for m in document["mutants"]] == order


def test_a_survivor_fails_the_command_and_is_listed_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(mutation, "run_all", lambda names, **_: _results())
    markdown, matrix = tmp_path / "m.md", tmp_path / "m.json"
    args = ["mutants", "--only", "fault.*", "--markdown", str(markdown), "--json", str(matrix)]
    result = runner.invoke(cli, args, terminal_width=200)
    assert result.exit_code == 1, result.output
    table = result.output[result.output.index("kill matrix") :]
    assert table.index("fault.quiet") < table.index("a.slow") < table.index("b.fast")
    assert "SURVIVED" in table
    assert json.loads(matrix.read_text())["summary"]["survived"] == ["fault.quiet"]
    assert "**SURVIVED**" in markdown.read_text()


def test_a_correct_server_that_fails_makes_the_run_unusable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken_control = _results()
    broken_control[0].killed, broken_control[0].caught_by = True, ["dipp_ip_in_one_pool"]
    monkeypatch.setattr(mutation, "run_all", lambda names, **_: broken_control)
    args = ["mutants", "--markdown", str(tmp_path / "m.md"), "--json", str(tmp_path / "m.json")]
    result = runner.invoke(cli, args, terminal_width=200)
    assert result.exit_code == 2, result.output
    assert "the correct server fails its contracts: dipp_ip_in_one_pool" in result.output


def test_a_run_over_its_budget_is_cut_off_and_not_counted_as_a_kill() -> None:
    # A budget no run can meet on any machine, so the verdict does not depend on its speed.
    result = mutation.run_one("fault.write_lost", seed=1, profile="default", budget=0.001)
    assert not result.killed
    assert result.caught_by == []
    assert result.error == "no verdict within the budget of 0.001 s"


def test_the_ci_subset_covers_each_kind_of_breakage() -> None:
    from mailgun_ip_client.rules import RULES, Rule

    every = mutants.load_all()
    chosen = [every[name] for name in mutants.SUBSETS["ci"]]
    kinds = {RULES[Rule(m.rules[0])].kind for m in chosen if m.rules}
    assert kinds == {
        "input_rule",
        "feature_gate",
        "state_invariant",
        "side_effect",
        "async_effect",
        "read_only",
    }
    assert any(name.endswith(".wrong_status") for name in mutants.SUBSETS["ci"])
    assert sum(1 for m in chosen if m.fault) >= 4


def test_the_contracts_kill_every_mutant_of_the_ci_subset(tmp_path: Path) -> None:
    """What CI runs: every mutant of the subset killed by the default contract run."""
    markdown, matrix = tmp_path / "ci.md", tmp_path / "ci.json"
    command = [str(Path(sys.executable).with_name("mgip")), "mutants", "--subset", "ci"]
    # A budget no correct run comes near, so that a busy machine cannot fail the test: it
    # checks what the contracts catch, not how fast (the budget's own test is above).
    command += ["--markdown", str(markdown), "--json", str(matrix), "--budget", "3600"]
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=resources.ROOT, timeout=900, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    document = json.loads(matrix.read_text())
    assert document["summary"]["killed"] == len(mutants.SUBSETS["ci"])
    assert document["summary"]["survived"] == []
    assert document["control"]["killed"] is False
    for row in document["mutants"]:
        assert row["caught_by"], row["name"]
        assert row["first_failure"] is not None
    assert "killed 12 of 12" in markdown.read_text()


def test_a_run_that_has_seen_enough_skips_the_layers_after_it() -> None:
    from mgip.contracts.run import SIZES, check
    from mgip.contracts.target import Target

    target = Target.embedded(mutant="fault.auth_unchecked")  # caught by the first layer
    run = check(
        target,
        seed=1,
        headers="public",
        size=SIZES["quick"],
        shrink=False,
        enough=lambda verdicts: any(v.status == "failed" for v in verdicts),
    )
    skipped = {v.name for v in run.verdicts if "seen enough" in v.detail}
    assert skipped == {
        "unknown fields",
        "features and eligibility",
        "set-up scripts",
        "state machine",
        "Schemathesis",
    }
    assert run.steps == 0 and run.requests == 0
    assert mutation.caught_by(run.verdicts)  # what caught it is still named


def test_a_mutant_run_goes_on_until_its_own_rule_fails() -> None:
    from mgip.contracts.run import SIZES, check
    from mgip.contracts.target import Target

    name = "dynamic_add_ip_dedicated.unenforced"  # its own rule's check never fails on it
    result = mutation.run_one(name, seed=1, profile="quick", budget=3600)
    whole = check(
        Target.embedded(mutant=name), seed=1, headers="public", size=SIZES["quick"], shrink=False
    )
    # Every layer ran, as in a run without a stop: the same checks caught it.
    assert result.killed
    assert "dynamic_add_ip_dedicated" not in result.caught_by
    assert result.caught_by == mutation.caught_by(whole.verdicts)
