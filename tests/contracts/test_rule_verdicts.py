"""A verdict per catalogue rule, derived from the checks that cover groups of rules."""

from __future__ import annotations

from mgip.core import catalogue
from mgip.core.catalogue import Rule
from mgip.core.verdicts import NOT_COVERED, Verdict, per_rule, problems_by_rule


def _rule(rule_id: str) -> Rule:
    return Rule(
        rule_id, f"{rule_id} holds", "state_invariant", (), "s.txt", "q", None, None, None, None
    )


CATALOGUE = [_rule(r) for r in ("ips_a", "ips_b", "dipp_c", "dynamic_d", "warmup_e")]


def _by_id(verdicts: list[Verdict]) -> dict[str, tuple[str, list[str], str]]:
    return {v.id: (v.status, v.evidence, v.reason) for v in per_rule(verdicts, CATALOGUE)}


def test_a_problem_belongs_to_the_rule_it_names_and_its_indented_lines_go_with_it() -> None:
    verdict = Verdict(
        "rules: group",
        "failed",
        rules=("ips_a", "ips_b"),
        problems=["ips_a: gone", "    curl -X GET x", "ips_b: wrong", "something else"],
    )
    assert problems_by_rule(verdict) == {
        "ips_a": ["ips_a: gone", "    curl -X GET x"],
        "ips_b": ["ips_b: wrong"],
        "": ["something else"],
    }


def test_a_failed_group_fails_the_rules_its_problems_name_and_passes_the_others() -> None:
    verdict = Verdict(
        "rules: group",
        "failed",
        "ips_a, ips_b",
        ["ips_a: gone"],
        rules=("ips_a", "ips_b"),
        notes=["reproduce with ..."],
    )
    result = {v.id: v for v in per_rule([verdict], CATALOGUE)}
    assert (result["ips_a"].status, result["ips_a"].evidence) == ("failed", ["ips_a: gone"])
    assert result["ips_a"].notes == ["reproduce with ..."]
    assert result["ips_b"].status == "passed" and result["ips_b"].notes == []
    assert result["ips_b"].checks == ["rules: group"]


def test_a_problem_naming_no_rule_fails_every_rule_of_its_group() -> None:
    verdict = Verdict(
        "rules: group", "failed", "", ["the script could not run: 500"], ("ips_a", "ips_b")
    )
    result = _by_id([verdict])
    assert result["ips_a"] == ("failed", ["the script could not run: 500"], "")
    assert result["ips_b"][0] == "failed"


def test_a_problem_naming_a_rule_outside_the_group_still_counts_for_that_rule() -> None:
    verdict = Verdict("rules: group", "failed", "", ["dipp_c: broken"], rules=("ips_a",))
    result = _by_id([verdict])
    assert result["dipp_c"][0] == "failed"
    assert result["ips_a"][0] == "passed"


def test_a_rule_of_several_checks_is_failed_then_error_then_passed_then_skipped() -> None:
    checks = [
        Verdict("one", "passed", rules=("ips_a", "ips_b", "dipp_c", "dynamic_d")),
        Verdict("two", "error", "could not be evaluated", rules=("ips_b", "dipp_c")),
        Verdict("three", "failed", "", ["dipp_c: no"], rules=("dipp_c",)),
        Verdict("four", "skipped", "not exercised", rules=("dynamic_d", "warmup_e")),
        Verdict("five", "skipped", "no account lacks it", rules=("warmup_e",)),
    ]
    result = _by_id(checks)
    assert result["ips_a"][0] == "passed"
    assert result["ips_b"] == ("error", [], "could not be evaluated")
    assert result["dipp_c"] == ("failed", ["dipp_c: no"], "")
    assert result["dynamic_d"][0] == "passed"
    assert result["warmup_e"] == ("skipped", [], "not exercised; no account lacks it")


def test_every_rule_appears_once_and_an_uncovered_one_is_skipped_as_such() -> None:
    result = per_rule([Verdict("credentials", "passed")], CATALOGUE)
    assert [v.id for v in result] == [r.id for r in CATALOGUE]
    assert {(v.status, v.reason) for v in result} == {("skipped", NOT_COVERED)}
    assert [v.section for v in result] == ["ips", "ips", "dipp", "dynamic", "warmup"]


def test_a_rule_the_check_ran_without_judging_is_skipped_with_why() -> None:
    verdict = Verdict("s", "passed", rules=("ips_a", "ips_b"), unjudged={"ips_b": "only mgip's"})
    result = _by_id([verdict])
    assert result["ips_a"][0] == "passed"
    assert result["ips_b"] == ("skipped", [], "only mgip's")


def test_a_real_run_gives_a_verdict_for_every_rule_from_the_checks_rule_ids() -> None:
    import dataclasses

    from mgip.contracts.run import SIZES, check
    from mgip.contracts.target import Target

    size = dataclasses.replace(SIZES["quick"], max_examples=1)
    target = Target.embedded(mutant="dipp_edit_applies_fields.description_not_saved")
    run = check(target, seed=2, headers="public", size=size, shrink=False)
    rules = catalogue.load().rules
    known = {r.id for r in rules}
    assert all(set(v.rules) <= known for v in run.verdicts)
    result = per_rule(run.verdicts, rules)
    assert sorted(v.id for v in result) == sorted(known)
    failed = {v.id: v for v in result if v.status == "failed"}
    assert "dipp_edit_applies_fields" in failed
    assert all(
        line.startswith("dipp_edit_applies_fields")
        for line in failed["dipp_edit_applies_fields"].evidence
    )
