"""The mutants: one per catalogue rule at least, each generic fault, each switched on by name."""

from __future__ import annotations

import pytest
from mailgun_ip_client import ApiError
from mailgun_ip_client.rules import RULES
from typer.testing import CliRunner

from mgip.cli import app as cli
from mgip.server import mutants, operations
from mgip.server.app import build_app
from mgip.server.testing import InProcessMock

runner = CliRunner()

# The generic faults a contract suite is expected to catch, as the mutants name them.
FAULTS = {
    "a required response field missing",
    "a field of the wrong type",
    "an undocumented status",
    "a 5xx on one operation",
    "auth not checked on one operation",
    "another account's objects visible",
    "a write that is acknowledged but lost",
    "a read that returns stale state",
    "a background job that never completes",
    "pagination that skips or repeats an item",
    "filters ignored",
    "a read-only operation that changes state",
    "total counts that disagree with the items",
}


def test_every_catalogue_rule_has_a_mutant() -> None:
    broken = {rule for m in mutants.load_all().values() for rule in m.rules}
    every = {str(rule) for rule in RULES}
    assert every - broken == set()
    assert broken - every == set(), "a mutant names a rule the catalogue does not have"


def test_every_generic_fault_has_a_mutant() -> None:
    faults = {m.fault for m in mutants.load_all().values() if m.fault}
    assert faults == FAULTS


def test_each_mutant_is_named_after_what_it_breaks_and_says_how() -> None:
    for name, mutant in mutants.load_all().items():
        assert mutant.breaks.strip(), name
        prefix = name.split(".", 1)[0]
        assert prefix == "fault" if mutant.fault else prefix in mutant.rules, name


def test_every_mutant_builds_and_the_correct_handlers_stay_untouched() -> None:
    before = dict(operations.HANDLERS)
    for name in mutants.load_all():
        broken = build_app(mutant=name)
        assert broken.mutant is not None and broken.mutant.name == name
    assert before == operations.HANDLERS
    assert build_app().handlers is operations.HANDLERS


def test_an_unenforced_rule_lets_through_what_the_correct_server_refuses() -> None:
    correct = InProcessMock(build_app())
    broken = InProcessMock(build_app(mutant="dipp_add_ip_not_in_other_dipp.unenforced"))
    marketing, transactional = "64f0b0b0b0b0b0b0b0b0b002", "64f0b0b0b0b0b0b0b0b0b001"
    try:
        ip = correct.client().dipps.get(marketing).details.ips[0]
        with pytest.raises(ApiError) as refused:
            correct.client().dipps.add_ip(transactional, ip)
        assert refused.value.status_code == 400
        broken.client().dipps.add_ip(transactional, ip)  # answered 200: no refusal
        # Everything else still behaves: the correct refusal of a foreign IP stays.
        with pytest.raises(ApiError) as foreign:
            broken.client().dipps.add_ip(transactional, "198.51.100.250")
        assert foreign.value.status_code in (400, 404)
    finally:
        correct.close()
        broken.close()


def test_a_fault_breaks_its_operation_and_nothing_else() -> None:
    correct = InProcessMock(build_app())
    broken = InProcessMock(build_app(mutant="fault.server_error"))
    pool = "64f0b0b0b0b0b0b0b0b0b001"
    try:
        assert broken.raw().get(f"/v3/ip_pools/{pool}/domains").status_code == 500
        assert correct.raw().get(f"/v3/ip_pools/{pool}/domains").status_code == 200
        for path in ("/v3/ips", "/v3/ip_pools", f"/v3/ip_pools/{pool}", "/v3/ip_warmups"):
            assert broken.raw().get(path).json() == correct.raw().get(path).json(), path
    finally:
        correct.close()
        broken.close()


def test_the_mutant_survives_a_reset_of_the_state() -> None:
    broken = InProcessMock(build_app(mutant="fault.server_error"))
    try:
        assert broken.control("POST", "/reset").status_code == 200
        assert broken.raw().get("/v3/ip_pools/64f0b0b0b0b0b0b0b0b0b001/domains").status_code == 500
    finally:
        broken.close()


def test_mutants_list_shows_every_mutant_and_what_it_breaks() -> None:
    result = runner.invoke(cli, ["mutants", "--list", "--only", "fault.*"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "13 mutants" in result.output
    assert "fault.write_lost" in result.output
    assert "acknowledged but lost" in result.output


def test_the_shards_split_the_mutants_between_them() -> None:
    def listed(*extra: str) -> set[str]:
        result = runner.invoke(
            cli, ["mutants", "--list", "--only", "fault.*", *extra], terminal_width=300
        )
        assert result.exit_code == 0, result.output
        return {line for line in result.output.splitlines() if line.startswith("fault.")}

    every = listed()
    shards = [listed("--shard", f"{index}/3") for index in (1, 2, 3)]
    assert set().union(*shards) == every
    assert sum(len(shard) for shard in shards) == len(every) == 13  # no mutant in two shards


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["mutants", "--only", "no_such_*"], "--only 'no_such_*' matches no mutant"),
        (["mutants", "--shard", "3/2"], "--shard must be I/N"),
        (["mutants", "--shard", "half"], "--shard must be I/N"),
        (["mutants", "--subset", "nightly"], "--subset must be one of"),
        (["mutants", "--profile", "huge"], "--profile must be one of"),
        (["check", "--mutant", "no_such"], "no mutant named 'no_such'"),
        (
            ["check", "--mutant", "fault.server_error", "--base-url", "http://127.0.0.1:9"],
            "--mutant breaks the embedded server",
        ),
    ],
)
def test_a_bad_mutant_option_is_one_line_and_exit_2(arguments: list[str], message: str) -> None:
    result = runner.invoke(cli, arguments, terminal_width=200)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
