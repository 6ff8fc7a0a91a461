"""pytest fixtures for a reference server, registered through the `pytest11` entry point.

    @pytest.mark.mgip_scenario("no_shared_ips")
    def test_my_client(mgip_server):
        client = MyClient(base_url=mgip_server.url, api_key=mgip_server.key("solo"))

`mgip_server` listens on 127.0.0.1 (a free port) for clients that need a URL; `mgip_mock` runs
in-process and gives generated clients for any account of the scenario. Both load the demo
scenario unless the test is marked with `mgip_scenario(name or path)`. Each test gets fresh state.

A query parameter, form field or JSON property that the operation does not declare is refused
with 400 (a misnamed field is a client bug); a test marked `mgip_lenient` gets a server that
ignores such fields. Override the `mgip_lenient` fixture in a conftest.py to make a whole suite
lenient.

To see whether your own tests would notice a broken server, run them against a mutant:
`MGIP_MUTANT=fault.write_lost pytest` (the names: `mgip mutants --list`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from mgip.server.app import ReferenceApp, build_app
from mgip.server.testing import InProcessMock, RunningServer, serve


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "mgip_scenario(name_or_path): the scenario mgip_server / mgip_mock start from "
        "(a bundled name such as 'demo', or a YAML/JSON file)",
    )
    config.addinivalue_line(
        "markers",
        "mgip_lenient: mgip_server / mgip_mock ignore query parameters, form fields and JSON "
        "properties an operation does not declare, instead of refusing them with 400",
    )


@pytest.fixture
def mgip_scenario(request: pytest.FixtureRequest) -> str:
    """The scenario for this test: its mgip_scenario marker, or "demo"."""
    marker = request.node.get_closest_marker("mgip_scenario")
    return str(marker.args[0]) if marker is not None else "demo"


@pytest.fixture
def mgip_lenient(request: pytest.FixtureRequest) -> bool:
    """Whether the server ignores fields an operation does not declare: True when the test is
    marked mgip_lenient. False leaves it to the scenario's settings (refused by default)."""
    return request.node.get_closest_marker("mgip_lenient") is not None


@pytest.fixture
def mgip_app(mgip_scenario: str, mgip_lenient: bool) -> ReferenceApp:
    """The reference server for this test; a mutant of it when MGIP_MUTANT names one."""
    mutant = os.environ.get("MGIP_MUTANT") or None
    try:
        return build_app(
            mgip_scenario, mutant=mutant, unknown_fields="ignore" if mgip_lenient else None
        )
    except KeyError as exc:
        raise pytest.UsageError(f"MGIP_MUTANT: {exc.args[0]}") from None


@pytest.fixture
def mgip_server(mgip_app: ReferenceApp) -> Iterator[RunningServer]:
    with serve(mgip_app) as running:
        yield running


@pytest.fixture
def mgip_mock(mgip_app: ReferenceApp) -> Iterator[InProcessMock]:
    mock = InProcessMock(mgip_app)
    try:
        yield mock
    finally:
        mock.close()
    if mock.transport.problems:
        pytest.fail(
            "the reference server answered off its spec:\n" + "\n".join(mock.transport.problems)
        )
