"""The pytest plugin, as a user's test suite sees it."""

from __future__ import annotations

import pytest

USER_TESTS = """
import httpx
import pytest


def test_server_over_loopback(mgip_server):
    assert mgip_server.url.startswith("http://127.0.0.1:")
    key = mgip_server.key("acme")
    answer = httpx.get(mgip_server.url + "/v3/ip_pools", auth=("api", key))
    assert [p["name"] for p in answer.json()["ip_pools"]][:2] == ["transactional", "marketing"]


@pytest.mark.mgip_scenario("no_shared_ips")
def test_chosen_scenario(mgip_server):
    answer = httpx.get(mgip_server.url + "/v3/ips", auth=("api", mgip_server.key("solo")))
    assert "192.0.2.30" in answer.json()["items"]


def test_state_is_fresh_per_test_part_one(mgip_mock):
    mgip_mock.client().dipps.add_ip("64f0b0b0b0b0b0b0b0b0b002", "192.0.2.16")


def test_state_is_fresh_per_test_part_two(mgip_mock):
    assert mgip_mock.client().dipps.get("64f0b0b0b0b0b0b0b0b0b002").details.ips == ["192.0.2.12"]


@pytest.mark.mgip_scenario("no_shared_ips")
def test_last_ip_is_kept(mgip_mock):  # the README's example
    from mailgun_ip_client.rules import Rule

    client = mgip_mock.client("solo")
    with mgip_mock.refuses(Rule.DOMAIN_IPS_LAST_IP_KEPT_WITHOUT_SHARED):
        client.ips.remove_domain_ip("single.solo.test", "192.0.2.30")


def test_refusals_are_checked_against_the_catalogue(mgip_mock):
    from mailgun_ip_client.rules import Rule

    with pytest.raises(AssertionError, match="expected HTTP 403"):
        with mgip_mock.refuses(Rule.DIPP_CREATE_NEEDS_FEATURE):
            mgip_mock.client().dipps.get("64f0b0b0b0b0b0b0b0b0b404")
"""


def test_a_user_suite_gets_servers_and_scenarios(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=6)


def test_the_markers_are_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--markers")
    result.stdout.fnmatch_lines(["*mgip_scenario(name_or_path)*", "*mgip_lenient:*"])


LENIENT_TESTS = """
import httpx
import pytest

SDK_STYLE = {"name": "tx", "description": "Receipts", "ips": "192.0.2.16"}


def test_unknown_fields_are_refused(mgip_mock):
    answer = mgip_mock.raw("acme").post("/v3/ip_pools", data=SDK_STYLE)
    assert answer.status_code == 400
    assert answer.json()["rule"] == "dipp_unknown_fields_refused"


@pytest.mark.mgip_lenient
def test_a_lenient_mock(mgip_mock):
    assert mgip_mock.raw("acme").post("/v3/ip_pools", data=SDK_STYLE).status_code == 200


@pytest.mark.mgip_lenient
def test_a_lenient_server(mgip_server):
    url, key = mgip_server.url, mgip_server.key("acme")
    answer = httpx.post(url + "/v3/ip_pools", data=SDK_STYLE, auth=("api", key))
    assert answer.status_code == 200
"""

SUITE_WIDE = """
import pytest


@pytest.fixture
def mgip_lenient():
    return True
"""


def test_a_marker_or_an_overridden_fixture_makes_the_mock_lenient(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_user=LENIENT_TESTS)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
    pytester.makeconftest(SUITE_WIDE)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*FAILED*test_unknown_fields_are_refused*"])


def test_a_user_suite_notices_a_mutant_switched_on_by_environment(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    monkeypatch.setenv("MGIP_MUTANT", "domain_ips_last_ip_kept_without_shared.unenforced")
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, failed=1)
    result.stdout.fnmatch_lines(["*FAILED*test_last_ip_is_kept*"])
    monkeypatch.setenv("MGIP_MUTANT", "no_such_mutant")
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*MGIP_MUTANT: no mutant named 'no_such_mutant'*"])
