"""Reproductions: a failure as a POSIX shell script that sends its requests again.

A reproduction is a list of lines, a command a line, never wrapped, so that it can be copied
whole from a terminal, a CI log or a report:

- for a URL target, curl against its base URL, the key read from $MGIP_API_KEY;
- for the embedded server, first the `mgip mock` command that serves it as the run had it
  (same scenario, mutant and headers; its state is a function of the scenario and the requests
  it was sent), then the same requests against it;
- for the state machine, the steps over the generated client in a Python here-document, then
  the reads that show what the failed rule is about.

Each curl line prints the status it gets (` -> 404`) and ends with the one the run got
(`# got 404`), so that a reader sees at once whether the server still answers as it did.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from typing import Any

import httpx

from mgip.contracts.target import Target
from mgip.contracts.wire import MOCK_URL, Exchange, curl

MOCK_PORT = int(MOCK_URL.rsplit(":", 1)[1])
# The reads that show a section of the state (the names of mgip.contracts.invariants' sections).
READS = {
    "ips": ["show('IPs', mg.ips.list_all())"],
    "dipps": ["show('DIPPs', mg.dipps.list_all())"],
    "domains": [
        "for ip in mg.ips.list_all().items:",
        "    show(f'domains of {ip}', mg.ips.list_domains(ip, limit=1000))",
    ],
    "dynamic": ["show('dynamic pools', mg.dynamic_pools.list_all())"],
    "enrollment": ["show('enrolled domains', mg.dynamic_pools.list_domains())"],
    "warmups": ["show('warm-ups', mg.warmups.list_all())"],
}


def base_url(target: Target) -> str:
    """Where a reproduction sends its requests."""
    return MOCK_URL if target.mock_command else target.base_url


def preamble(target: Target, *, reset: bool = False) -> list[str]:
    """What comes before the requests: for the embedded server, starting it as `mgip mock` and
    waiting until it answers, and its key; for a URL target, where the key comes from, and the
    control interface's reset when the failure started from the scenario (`reset`)."""
    if target.mock_command:
        command = shlex.join([*target.mock_command, "--port", str(MOCK_PORT)])
        return [
            f"{command} &  # the embedded server of this run",
            f"until curl -so /dev/null {MOCK_URL}/mgip/identity; do sleep 0.2; done",
            f"export MGIP_API_KEY={shlex.quote(target.api_key)}  # the scenario's own key",
        ]
    lines = ["# the key of the account checked is read from $MGIP_API_KEY"]
    if target.control_token:
        lines.append("# and the mock's control token from $MGIP_CONTROL_TOKEN")
    if reset:
        request = httpx.Request(
            "POST", f"{target.base_url}/mgip/reset", headers=target.control_headers
        )
        lines.append(f"{curl(request)}  # back to the scenario's start")
    return lines


def shell(
    target: Target,
    exchanges: Iterable[Exchange],
    *,
    reset: bool = False,
    state: dict[str, Any] | None = None,
) -> list[str]:
    """The requests of `exchanges` as curl lines, each with the status the run got. The keys
    of the other accounts of a mock's scenario (`state`, from its control interface) are no
    secret, and are given as they are."""
    others = frozenset(
        key
        for account in (state or {}).get("accounts", [])
        for key in account.get("keys", [])
        if key != target.api_key
    )
    sent = ((curl(e.request, others=others, status=True), e.status) for e in exchanges)
    return commands(target, sent, reset=reset)


def commands(
    target: Target, sent: Iterable[tuple[str, int | None]], *, reset: bool = False
) -> list[str]:
    """The preamble, then each curl line with the status the run got (None: no answer)."""
    lines = preamble(target, reset=reset)
    for line, status in sent:
        lines.append(f"{line}  # got {'no answer' if status is None else status}")
    return lines


# The first line of a reproduction that writes to an account that is not a mock.
WRITES_AGAIN = (
    "# this sends the run's writes to the account again (inside the scope); the run put the "
    "scope back after them, and this script does not"
)


def public(target: Target, exchanges: Sequence[Exchange]) -> list[str]:
    """The requests a check sent to an account through the public API (no mock to start or
    reset), warned when they write."""
    lines = shell(target, exchanges)
    if any(e.request.method != "GET" for e in exchanges):
        lines.insert(0, WRITES_AGAIN)
    return lines


def python(target: Target, steps: Sequence[str], reads: Iterable[str] = ()) -> list[str]:
    """The state machine's steps over the generated client (a refusal is printed, not raised),
    then the reads of the sections `reads` names, as a Python here-document."""
    shown = [line for section in sorted(set(reads)) for line in READS.get(section, [])]
    body = [
        "import os",
        "from mailgun_ip_client import ApiError, MailgunIp",
        "from mailgun_ip_client.models import (",
        "    CreateDippForm, SetDynamicPoolsForm, UpdateDynamicPoolForm,",
        ")",
        f'mg = MailgunIp(os.environ["MGIP_API_KEY"], base_url="{base_url(target)}")',
        "def show(what, answer):",
        "    print(what, answer.to_dict() if hasattr(answer, 'to_dict') else answer)",
        "def attempt(what, step):  # an answer is printed; a refusal too, not raised",
        "    try:",
        "        show(what, step())",
        "    except ApiError as error:",
        "        print(what, error)",
        *[f"attempt({step.split('(', 1)[0]!r}, lambda: mg.{step})" for step in steps],
        *shown,
    ]
    reset = target.control and not target.mock_command
    return [*preamble(target, reset=reset), "python3 - <<'EOF'", *body, "EOF"]
