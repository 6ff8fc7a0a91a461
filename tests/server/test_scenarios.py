"""Scenario files: the bundled ones load, bad ones are refused with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgip.core.problems import InputError
from mgip.server import scenario


@pytest.mark.parametrize("name", sorted(scenario.bundled()))
def test_bundled_scenarios_load_and_round_trip(name: str) -> None:
    world = scenario.load_file(scenario.bundled()[name])
    assert world.accounts and world.ips
    exported = scenario.export(world)
    assert scenario.export(scenario.build(exported, Path(name))) == exported


def test_the_edge_scenarios_that_contracts_rely_on() -> None:
    shipped = scenario.bundled()
    assert {"demo", "no_shared_ips", "inherited_dipp", "all_ips_warming"} <= set(shipped)
    no_shared = scenario.load_file(shipped["no_shared_ips"])
    assert not any(a.features.shared_ips for a in no_shared.accounts.values())
    inherited = scenario.load_file(shipped["inherited_dipp"])
    assert all(inherited.inherited_dipp(a) for a in inherited.accounts.values() if a.parent_id)
    warming = scenario.load_file(shipped["all_ips_warming"])
    ready = [ip for ip in warming.ips.values() if ip.dedicated and ip.warmup is None]
    assert len(ready) == 1


BASE = (
    "version: 1\naccounts:\n"
    "  - {name: a, keys: [key-aaaaaaaa]}\n"
    "  - {name: b, keys: [key-bbbbbbbb]}\n"
)


@pytest.mark.parametrize(
    ("extra", "line", "needle"),
    [
        ("ips:\n  - {address: not-an-ip, account: a}\n", 6, "not an IP address"),
        ("ips:\n  - {address: 192.0.2.1, account: c}\n", 6, "account 'c' is not in accounts"),
        (
            "ips:\n  - {address: 192.0.2.1, account: a}\n  - {address: 192.0.2.1, account: a}\n",
            7,
            "given twice",
        ),
        (
            "ips:\n  - {address: 192.0.2.1, account: a}\n"
            "dipps:\n  - {account: b, name: p, ips: [192.0.2.1]}\n",
            8,
            "not an IP of b",
        ),
        (
            "ips:\n  - {address: 192.0.2.1, account: a, dedicated: false}\n"
            "dynamic_pools:\n  - {account: a, good_reputation: [192.0.2.1], "
            "poor_reputation: [], new_senders: []}\n",
            8,
            "not dedicated",
        ),
        ("domains:\n  - {name: d.test, account: a, dynamic_pool: dynamic_good}\n", 6, "no dynamic"),
        ("settings: {jobs: someday}\n", 5, "someday"),
    ],
)
def test_bad_scenarios_name_file_and_line(
    tmp_path: Path, extra: str, line: int, needle: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BASE + extra)
    with pytest.raises(InputError) as caught:
        scenario.load_file(path)
    assert caught.value.path == path
    assert caught.value.line == line, str(caught.value)
    assert needle in caught.value.message


def test_not_yaml_at_all(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("version: 1\naccounts: [\n")
    with pytest.raises(InputError, match="not valid YAML"):
        scenario.load_file(path)


def test_the_documented_example_scenario_loads(tmp_path: Path) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "control-interface.md").read_text()
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example)
    world = scenario.load_file(path)
    assert world.settings.jobs == "manual"
    assert world.domains["mail.acme.test"].ips == ["192.0.2.10"]


def test_exported_state_loads_back_after_subaccount_domains_take_parent_ips() -> None:
    """Enrolling a subaccount's domains gives them the parent's pool IPs; the state the server
    exports then (GET /mgip/state, the --state file) must load back as it is."""
    from mgip.server.app import build_app
    from mgip.server.testing import InProcessMock

    mock = InProcessMock(build_app())
    try:
        mock.client().dynamic_pools.enroll_all_domains(include_subaccounts=True)
        mock.settle()
        state = mock.control("GET", "/state").json()
        sub = next(d for d in state["domains"] if d["name"] == "sub2.acme.test")
        parent_ips = {ip["address"] for ip in state["ips"] if ip["account"] == "acme"}
        assert set(sub["ips"]) & parent_ips
        assert mock.control("PUT", "/state", json=state).status_code == 200
        assert mock.control("GET", "/state").json() == state
    finally:
        mock.close()
