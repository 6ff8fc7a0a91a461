"""Set-up scripts on warm-up plans: plans started and cancelled, their pages, and a new IP."""

from __future__ import annotations

import contextlib

from mailgun_ip_client import ApiError

from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import Context
from mgip.contracts.strictness import refusal_holds


def warming_up(ctx: Context) -> list[str]:
    """Start plans until three IPs warm up (so pages of two end on a short one), then cancel one;
    and ask for a new dedicated IP."""
    from mgip.contracts.invariants import View

    def whole() -> set[str]:  # one large page: paging is judged on its own below
        return {w.ip for w in ctx.client.warmups.list_all(limit=1000).items}

    def status(ip: str) -> int:
        try:
            ctx.client.warmups.get(ip)
        except ApiError as refused:
            return refused.status_code
        return 200

    def marked(ip: str) -> bool:
        details = ctx.client.ips.list_all().details
        return not isinstance(details, list) or any(
            d.ip == ip and d.is_on_warmup is True for d in details
        )

    details = ctx.client.ips.list_all(dedicated=True).details
    idle = [d.ip for d in (details if isinstance(details, list) else []) if not d.is_on_warmup]
    if not idle:
        raise NotApplicable("the account has no dedicated IP without a warm-up")
    problems = []
    for ip in idle[: max(1, 3 - len(whole()))]:
        ctx.client.warmups.create(ip)
        if ip not in whole() or status(ip) != 200 or not marked(ip):
            problems.append(
                f"warmup_create_starts_plan: {ip} listed {ip in whole()}, status {status(ip)}, "
                f"on warmup {marked(ip)}"
            )
    paged = [w.ip for w in View(ctx.client).warmups()]
    if sorted(paged) != sorted(whole()):
        problems.append(f"warmup_list_paginated: the pages list {paged}, not {sorted(whole())}")
    for ip in sorted(whole())[:1]:
        ctx.client.warmups.cancel(ip)
        answer = status(ip)
        ended = refusal_holds(
            "warmup_get_requires_in_flight", None if answer == 200 else answer, ctx.strictness
        )[0]
        if ip in whole() or ended is False:
            problems.append(
                f"warmup_cancel_ends_plan: {ip} listed {ip in whole()}, status {answer}"
            )
    before = set(ctx.client.ips.list_all(dedicated=True).items)
    with contextlib.suppress(ApiError):  # past the billing limit: the gate's rule to judge
        ctx.client.ips.request_new()
        after = set(ctx.client.ips.list_all(dedicated=True).items)
        if not before < after or len(after - before) != 1:
            problems.append(
                f"ips_new_ip_added_as_dedicated: {len(before)} dedicated IPs became {len(after)}"
            )
    return problems
