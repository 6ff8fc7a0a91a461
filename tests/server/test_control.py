"""The control interface under /mgip/: health, state export and load, reset, jobs, settings."""

from __future__ import annotations

import json

import pytest

from mgip.server.testing import InProcessMock

MARKETING = "64f0b0b0b0b0b0b0b0b0b002"


def test_health_reports_the_server(mgip_mock: InProcessMock) -> None:
    health = mgip_mock.control("GET", "/health").json()
    assert health == {
        "status": "ok",
        "operations": 38,
        "accounts": 4,
        "pending_jobs": 0,
        "jobs": "immediate",
        "state_file": None,
    }


def test_exported_state_loads_back_unchanged(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dipps.add_ip(MARKETING, "192.0.2.16")
    exported = mgip_mock.control("GET", "/state").json()
    mgip_mock.load("no_shared_ips")
    assert mgip_mock.control("GET", "/state").json() != exported
    assert mgip_mock.control("PUT", "/state", content=json.dumps(exported)).status_code == 200
    assert mgip_mock.control("GET", "/state").json() == exported
    assert "192.0.2.16" in acme.dipps.get(MARKETING).details.ips


def test_reset_returns_to_the_last_loaded_scenario(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dipps.add_ip(MARKETING, "192.0.2.16")
    assert mgip_mock.control("POST", "/reset").status_code == 200
    assert acme.dipps.get(MARKETING).details.ips == ["192.0.2.12"]


def test_a_bad_scenario_is_refused_with_its_line(mgip_mock: InProcessMock) -> None:
    text = "version: 1\naccounts:\n  - name: a\n    keys: [key-aaaaaaaa]\n    colour: red\n"
    yaml = {"Content-Type": "application/yaml"}
    response = mgip_mock.control("PUT", "/state", content=text.encode(), headers=yaml)
    assert response.status_code == 400
    assert response.json()["message"].startswith("<request body>:5:")
    unknown = mgip_mock.control("PUT", "/state", params={"name": "nowhere"})
    assert unknown.status_code == 400 and "not a bundled scenario" in unknown.json()["message"]
    # The state is untouched by a refused load.
    assert len(mgip_mock.control("GET", "/accounts").json()["items"]) == 4


def test_manual_jobs_wait_for_settle(mgip_mock: InProcessMock) -> None:
    mgip_mock.jobs_mode("manual")
    acme = mgip_mock.client()
    acme.ips.assign_to_all_domains("2001:db8::10")
    (job,) = mgip_mock.pending_jobs()
    assert job["kind"] == "assign_ip_everywhere"
    assert acme.ips.list_domains("2001:db8::10").total_count == 1
    assert mgip_mock.settle() == 1
    # Five of acme's six domains: mail.acme.test is linked to a DIPP and keeps its IPs.
    assert acme.ips.list_domains("2001:db8::10").total_count == 5
    assert mgip_mock.pending_jobs() == []


def test_delayed_jobs_run_once_their_time_has_come(mgip_mock: InProcessMock) -> None:
    import time

    mgip_mock.jobs_mode("delay", 0.2)
    acme = mgip_mock.client()
    acme.ips.assign_to_all_domains("2001:db8::10")
    assert acme.ips.list_domains("2001:db8::10").total_count == 1
    time.sleep(0.25)
    # Five of acme's six domains: mail.acme.test is linked to a DIPP and keeps its IPs.
    assert acme.ips.list_domains("2001:db8::10").total_count == 5


def test_health_checks_move_enrolled_domains_by_their_metrics(mgip_mock: InProcessMock) -> None:
    result = mgip_mock.health_check(
        {"shop.acme.test": {"bounce_rate": 0.2}, "promo.acme.test": {"bounce_rate": 0.001}}
    )
    moves = {m["domain"]: (m["from"], m["to"]) for m in result["moved"]}
    # promo.acme.test keeps a complaint rate above the threshold, so it stays poor.
    assert moves == {"shop.acme.test": ("dynamic_good", "dynamic_poor")}
    assert result["checked"] == 2
    unknown = mgip_mock.control("POST", "/health-checks", json={"domains": ["nope.test"]})
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"jobs": "later"}, "settings jobs"),
        ({"health": {"poor_bounce_rate": 3}}, "poor_bounce_rate"),
    ],
)
def test_settings_are_validated(mgip_mock: InProcessMock, body: object, needle: str) -> None:
    response = mgip_mock.control("PUT", "/settings", json=body)
    assert response.status_code == 400
    assert needle in response.json()["message"]


def test_unknown_control_endpoints_list_the_real_ones(mgip_mock: InProcessMock) -> None:
    response = mgip_mock.control("GET", "/nope")
    assert response.status_code == 404
    assert "POST /mgip/jobs/settle" in response.json()["message"]
    assert mgip_mock.control("DELETE", "/state").status_code == 405


def test_periodic_health_checks_reband_without_being_asked(mgip_mock: InProcessMock) -> None:
    import time

    acme = mgip_mock.client()
    mgip_mock.health_check({"shop.acme.test": {"bounce_rate": 0.3}}, domains=[])
    assert acme.dynamic_pools.list_domains(pool=["dynamic_poor"]).total_items == 1
    mgip_mock.control("PUT", "/settings", json={"health_interval": 0.1}).raise_for_status()
    time.sleep(0.15)
    poor = {d.name for d in acme.dynamic_pools.list_domains(pool=["dynamic_poor"]).items}
    assert poor == {"promo.acme.test", "shop.acme.test"}
