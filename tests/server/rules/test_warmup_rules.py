"""IP Address Warmup rules, driven through the generated client against the in-process server."""

from __future__ import annotations

from mailgun_ip_client.rules import Rule

from reference_server.testing import InProcessMock

WARMING = "192.0.2.17"
READY = "192.0.2.16"
SHARED = "192.0.2.200"
FOREIGN = "192.0.2.100"


def test_warmup_get_requires_in_flight(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    assert acme.warmups.get(WARMING).details.stage == 3
    with mgip_mock.refuses(Rule.WARMUP_GET_REQUIRES_IN_FLIGHT):
        acme.warmups.get(READY)
