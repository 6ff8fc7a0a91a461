"""The reference server answers in the shape of the documentation's response samples.

Each test cites the sample it follows; the schemas these answers must also satisfy are checked by
the in-process mock on every answer, and the spec's side of each sample by tests/test_spec.py.
"""

from __future__ import annotations

from mailgun_ip_client.models import SetDynamicPoolsForm

from mgip.server.testing import InProcessMock


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
