"""Rule mutants of IP warm-ups: what the warm-up list shows, how it pages, create and cancel.

Each one is a plausible bug in one documented behaviour; everything else answers as the correct
server does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server.model import Ip, Warmup, now
from mgip.server.mutants import Mutant, Wrap, afterwards, answers, instead, register
from mgip.server.operations import Call, Handler, page_offset, paginate
from mgip.server.operations import warmups as warmup_ops

PAGE_RULE = Rule.WARMUP_LIST_PAGE_TOKEN_ISSUED


def _warming(call: Call, ip: Ip) -> bool:
    """The correct list's choice: the account's own dedicated IPs with a plan in flight."""
    return ip.account_id == call.account.id and ip.dedicated and ip.warmup is not None


def _listing(also: Callable[[Call, Ip], bool]) -> Handler:
    """A warm-up list that also shows the IPs `also` picks, with a plan at its first stage."""

    def list_warmups(call: Call) -> dict[str, Any]:
        shown = [
            ip
            for ip in call.world.account_ips(call.account)
            if _warming(call, ip) or also(call, ip)
        ]
        page, paging = paginate(call, shown, int(call.query.get("limit", 10)), PAGE_RULE)
        return {
            "items": [warmup_ops.summary(ip, ip.warmup or Warmup(started_at=now())) for ip in page],
            "paging": paging,
        }

    return list_warmups


def _disabled(call: Call, ip: Ip) -> bool:
    # A disabled dedicated IP is taken for one whose warm-up is paused, hence still in flight.
    return ip.account_id == call.account.id and ip.dedicated and not ip.enabled


def _shared(call: Call, ip: Ip) -> bool:
    # The system warms shared IPs itself, and those warm-ups leak into the account's list.
    return not ip.dedicated and ip.enabled


def _no_partial_last_page(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    """`next` is given only while a full page follows, so a short last page is never reached."""
    limit = int(call.query.get("limit", 10))
    total = sum(_warming(call, ip) for ip in call.world.account_ips(call.account))
    if page_offset(call.query.get("page"), PAGE_RULE) + 2 * limit > total:
        body["paging"].pop("next", None)
    return body


def _not_started(call: Call, _body: Any) -> None:
    call.world.ips[call.path["addr"]].warmup = None


def _plan_kept(handler: Handler) -> Handler:
    """The cancellation is acknowledged, but the plan stays in place."""

    def mutated(call: Call) -> Any:
        ip = call.world.ips.get(call.path["addr"])
        plan = ip.warmup if ip is not None else None
        answer = handler(call)
        if ip is not None:
            ip.warmup = plan
        return answer

    return mutated


def _rule(name: str, breaks: str, wraps: Callable[[], dict[str, Wrap]]) -> None:
    rule_id = name.split(".", maxsplit=1)[0]
    register(Mutant(name=name, breaks=breaks, rules=(rule_id,), wraps=wraps))


_rule(
    "warmup_list_in_flight_only.lists_disabled_ips",
    "the warm-up list also shows disabled dedicated IPs, which have no plan in flight",
    lambda: {"listWarmups": instead(_listing(_disabled))},
)
_rule(
    "warmup_list_dedicated_owned.lists_shared_ips",
    "the warm-up list also shows the account's shared IPs, which are not dedicated",
    lambda: {"listWarmups": instead(_listing(_shared))},
)
_rule(
    "warmup_list_paginated.drops_partial_last_page",
    "the warm-up list gives a next link only while a full page follows",
    lambda: {"listWarmups": answers(_no_partial_last_page)},
)
_rule(
    "warmup_create_starts_plan.not_started",
    "creating a warm-up plan is acknowledged but no plan is started",
    lambda: {"createWarmup": afterwards(_not_started)},
)
_rule(
    "warmup_cancel_ends_plan.plan_kept",
    "cancelling a warm-up plan is acknowledged but the plan stays in flight",
    lambda: {"cancelWarmup": _plan_kept},
)
