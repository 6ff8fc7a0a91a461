"""The reference server answers in the shape of the documentation's response samples.

Each test cites the sample it follows; the schemas these answers must also satisfy are checked by
the in-process mock on every answer, and the spec's side of each sample by tests/test_spec.py.
"""

from __future__ import annotations

from mailgun_ip_client.models import SetDynamicPoolsForm

from mgip.server.testing import InProcessMock

SPARE = "64f0b0b0b0b0b0b0b0b0b003"  # acme's empty DIPP in the demo scenario
FREE_IPS = ("192.0.2.16", "2001:db8::10")  # acme's dedicated IPs in no pool of either kind
WARMING_IP = "192.0.2.17"


def test_setting_every_dynamic_pool_answers_the_three_pool_lists(
    mgip_mock: InProcessMock,
) -> None:
    # 000_/001_, "Initialize/set IPs for all pools": the response sample is
    # {"good_reputation": [...], "poor_reputation": [...], "new_senders": [...]}.
    acme = mgip_mock.raw()
    form = {
        "good_reputation": ["192.0.2.13", "192.0.2.16"],
        "poor_reputation": ["192.0.2.14"],
        "new_senders": ["192.0.2.15"],
    }
    answer = acme.post("/v3/dynamic_pools/all", data=form)
    assert answer.status_code == 200, answer.text
    assert answer.json() == form
    listed = acme.get("/v3/dynamic_pools").json()
    assert {key: listed[key] for key in form} == form

    client = mgip_mock.client()
    again = client.dynamic_pools.set_all(
        body=SetDynamicPoolsForm(
            good_reputation=["192.0.2.16"],
            poor_reputation=["192.0.2.14"],
            new_senders=["192.0.2.15", "192.0.2.13"],
        )
    )
    assert again.good_reputation == ["192.0.2.16"]
    assert again.poor_reputation == ["192.0.2.14"]
    assert again.new_senders == ["192.0.2.15", "192.0.2.13"]


def test_dipp_ip_changes_answer_started(mgip_mock: InProcessMock) -> None:
    # 002_: the response samples of "Add an IP to a DIPP", "Remove an IP from a DIPP" and "Add
    # multiple IPs to the DIPP" are {"message": "started"}; the domains follow asynchronously.
    acme = mgip_mock.raw()
    added = acme.put(f"/v3/ip_pools/{SPARE}/ips/{FREE_IPS[0]}")
    assert (added.status_code, added.json()) == (200, {"message": "started"})
    removed = acme.delete(f"/v3/ip_pools/{SPARE}/ips/{FREE_IPS[0]}")
    assert (removed.status_code, removed.json()) == (200, {"message": "started"})
    several = acme.post(f"/v3/ip_pools/{SPARE}/ips.json", json={"ips": list(FREE_IPS)})
    assert (several.status_code, several.json()) == (200, {"message": "started"})
    pool = acme.get(f"/v3/ip_pools/{SPARE}").json()["details"]
    assert pool["ips"] == list(FREE_IPS)


def test_ip_details_name_warm_up_only_for_warming_ips(mgip_mock: InProcessMock) -> None:
    # 004_: the sample's details are {"ip": "1.2.3.4", "is_on_warmup": true} and {"ip": "5.6.7.8"}:
    # the key is left out for an IP that is not on warm-up.
    details = mgip_mock.raw().get("/v3/ips").json()["details"]
    assert {"ip": WARMING_IP, "is_on_warmup": True} in details
    others = [d for d in details if d["ip"] != WARMING_IP]
    assert others
    assert all(d == {"ip": d["ip"]} for d in others), others


def test_dynamic_pool_writes_answer_the_sample_messages(mgip_mock: InProcessMock) -> None:
    # 000_: the response samples of enrol, unenrol, enrol all, update a pool, set and remove an
    # override are {"message": "success"}, but enrol all's, which is {"message": "started"}.
    acme = mgip_mock.raw()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    answers = [
        acme.post("/v3/domains/fresh.acme.test/dynamic_pools"),
        acme.put(
            "/v1/dynamic_pools/domains/fresh.acme.test/override",
            content=b"pool=dynamic_good",
            headers=form,
        ),
        acme.delete("/v1/dynamic_pools/domains/fresh.acme.test/override"),
        acme.delete("/v3/domains/fresh.acme.test/dynamic_pools?replacement_ip=shared"),
        acme.patch("/v3/dynamic_pools/dynamic_good", content=b"add_ip=192.0.2.16", headers=form),
    ]
    for answer in answers:
        assert (answer.status_code, answer.json()) == (200, {"message": "success"}), answer.url
    everyone = acme.post("/v3/domains/all/dynamic_pools/enroll")
    assert (everyone.status_code, everyone.json()) == (200, {"message": "started"})
