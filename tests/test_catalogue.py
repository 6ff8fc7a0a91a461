"""The rule catalogue is complete enough to build on and fails loudly when malformed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mgip.core import catalogue
from mgip.core.problems import InputError
from mgip.core.spec import Spec


def test_catalogue_validates_against_its_schema_with_unique_ids(rules: catalogue.Catalogue) -> None:
    ids = [rule.id for rule in rules.rules]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 60


def test_every_rule_names_existing_operations(rules: catalogue.Catalogue, spec: Spec) -> None:
    assert catalogue.unknown_operations(rules, spec) == []


def test_every_quote_is_verbatim_in_its_seed(rules: catalogue.Catalogue, seeds_dir: Path) -> None:
    assert catalogue.misquoted(rules, seeds_dir) == []


def test_rules_cover_every_section_kind_and_seed(rules: catalogue.Catalogue) -> None:
    assert set(Counter(rule.kind for rule in rules.rules)) == set(catalogue.KINDS)
    assert {rule.seed[:3] for rule in rules.rules} == {"000", "001", "002", "003", "004"}
    prefixes = {rule.id.split("_")[0] for rule in rules.rules}
    assert prefixes == {"ips", "domain", "dipp", "dynamic", "warmup"}


@pytest.mark.parametrize(
    "rule_id",
    [
        "dynamic_unenroll_replacements_exclusive",
        "dynamic_ip_in_one_pool",
        "dynamic_update_keeps_ready_ip",
        "dynamic_preview_does_not_enroll",
        "dipp_is_linked_matches_linked_domains",
        "ips_total_count_matches_items",
        "dipp_inherited_not_deletable",
        "domain_ips_unlink_replacements_exclusive",
    ],
)
def test_the_rules_users_ask_about_are_there(rules: catalogue.Catalogue, rule_id: str) -> None:
    assert rule_id in rules.by_id()


def test_input_rules_and_gates_state_the_error_a_client_sees(rules: catalogue.Catalogue) -> None:
    for rule in rules.rules:
        if rule.kind in ("input_rule", "feature_gate"):
            assert rule.status in (400, 403, 404) and rule.error, rule.id
        else:
            assert rule.state, rule.id


def test_every_rule_status_is_declared_by_its_operations(
    rules: catalogue.Catalogue, spec: Spec
) -> None:
    # A server that enforces a rule answers with the rule's status; the spec must declare it on
    # every operation the rule names, or a conforming server fails response-status checks.
    operations = {op.operation_id: op for op in spec.operations()}
    missing = [
        f"{rule.id}: {op_id} {rule.status}"
        for rule in rules.rules
        if rule.status is not None
        for op_id in rule.operations
        if str(rule.status) not in operations[op_id].raw["responses"]
    ]
    assert missing == []


SOURCE = "    source: {seed: 004_b229582bc629bd4c.txt, quote: some quote}\n"


NOTHING_FIXED = "fixed: {refusal: true, status: false, message: false}"


def _rule(rule_id: str, kind: str, outcome: str, basis: str = "documented") -> str:
    return (
        f"  - id: {rule_id}\n    statement: A statement long enough.\n    kind: {kind}\n"
        f"    basis: {basis}\n    operations: [listIps]\n{SOURCE}    outcome: {outcome}\n"
    )


def test_a_malformed_rule_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    good = _rule("ips_fine_rule", "input_rule", f"{{status: 400, error: bad, {NOTHING_FIXED}}}")
    broken = _rule("ips_broken", "guess", "{state: fine}")
    bad.write_text("version: 1\nrules:\n" + good + broken)
    with pytest.raises(InputError) as caught:
        catalogue.load(bad)
    assert str(caught.value).startswith(f"{bad}:12:")  # the `kind: guess` line
    assert "guess" in str(caught.value)


def test_a_repeated_rule_id_is_reported(tmp_path: Path) -> None:
    rule = _rule("ips_same", "read_only", "{state: nothing changes}")
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\nrules:\n" + rule + rule)
    with pytest.raises(InputError, match="repeats the one on line 3"):
        catalogue.load(bad)


def test_a_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\nrules:\n  - id: [unclosed\n")
    with pytest.raises(InputError, match=r"rules.yaml:\d+: not valid YAML"):
        catalogue.load(bad)


def test_every_rule_states_its_basis_and_every_refusal_what_the_documentation_fixes(
    rules: catalogue.Catalogue,
) -> None:
    for rule in rules.rules:
        assert rule.basis in catalogue.BASES, rule.id
        if rule.status is None:
            assert not (rule.refusal_documented or rule.status_documented), rule.id
        if rule.basis == "convention":
            assert not rule.refusal_documented, rule.id
        if rule.status_documented or rule.message_documented:
            assert rule.refusal_documented and rule.fixed_seed and rule.fixed_quote, rule.id
    # Almost every status is mgip's convention; the documentation gives one (400) for a few
    # operations only, and no error message at all.
    documented = {r.id for r in rules.rules if r.status_documented}
    assert documented == {"dynamic_override_pool_must_be_valid", "dynamic_history_time_format"}
    assert not any(r.message_documented for r in rules.rules)
    assert any(r.basis == "convention" for r in rules.rules)


def test_a_refusal_must_say_what_the_documentation_fixes(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        "version: 1\nrules:\n" + _rule("ips_no_fixed", "input_rule", "{status: 400, error: bad}")
    )
    with pytest.raises(InputError, match="fixed"):
        catalogue.load(bad)


def test_a_convention_cannot_fix_a_refusal(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    outcome = f"{{status: 404, error: gone, {NOTHING_FIXED}}}"
    bad.write_text("version: 1\nrules:\n" + _rule("ips_ours", "input_rule", outcome, "convention"))
    with pytest.raises(InputError, match="basis is convention") as caught:
        catalogue.load(bad)
    assert str(caught.value).startswith(f"{bad}:3:")


def test_a_documented_status_needs_a_source_that_gives_it(tmp_path: Path, seeds_dir: Path) -> None:
    unsourced = tmp_path / "unsourced.yaml"
    fixed = "fixed: {refusal: true, status: true, message: false}"
    outcome = f"{{status: 400, error: err, {fixed}}}"
    unsourced.write_text("version: 1\nrules:\n" + _rule("ips_x", "input_rule", outcome))
    with pytest.raises(InputError, match="source"):
        catalogue.load(unsourced)
    # A verbatim quote that gives no status does not make the status the documentation's.
    wrong = tmp_path / "wrong.yaml"
    source = "source: {seed: 004_b229582bc629bd4c.txt, quote: The IP must belong to the account.}"
    fixed = f"fixed: {{refusal: true, status: true, message: false, {source}}}"
    outcome = f"{{status: 404, error: err, {fixed}}}"
    wrong.write_text("version: 1\nrules:\n" + _rule("ips_y", "input_rule", outcome))
    problems = catalogue.misquoted(catalogue.load(wrong), seeds_dir)
    assert [p for p in problems if "(fixed)" in p] == []  # the quote itself is verbatim
    assert any("'A 404 response'" in p for p in problems)
