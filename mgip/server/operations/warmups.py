"""IP Address Warmup: in-flight warm-up plans of dedicated IPs."""

from __future__ import annotations

from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server.model import Ip, Warmup, now
from mgip.server.operations import Call, handles, paginate, timestamp
from mgip.server.refusals import Refusal


def dedicated_ip(call: Call) -> Ip:
    address = call.path["addr"]
    ip = call.ip(address, Refusal.of(Rule.WARMUP_IP_MUST_BE_OWNED, address))
    # A subaccount may send from the IPs of the DIPP it inherits, but they stay the parent's:
    # their warm-up plans are not the subaccount's to read, start or cancel.
    if ip.account_id != call.account.id:
        raise Refusal.of(Rule.WARMUP_IP_MUST_BE_OWNED, address)
    if not ip.dedicated:
        raise Refusal.of(Rule.WARMUP_IP_MUST_BE_DEDICATED, address)
    return ip


def summary(ip: Ip, plan: Warmup) -> dict[str, Any]:
    return {
        "ip": ip.address,
        "sent_within_stage": f"{plan.sent_within_stage}%",
        "throttle": plan.hourly_limit,
        "stage_number": plan.stage,
        "stage_start_volume": plan.start_volume,
        "stage_start_time": timestamp(plan.started_at),
        "stage_volume_limit": plan.stage_limit,
    }


@handles("listWarmups")
def list_warmups(call: Call) -> dict[str, Any]:
    warming = [
        ip
        for ip in call.world.account_ips(call.account)
        if ip.account_id == call.account.id and ip.dedicated and ip.warmup is not None
    ]
    page, paging = paginate(
        call, warming, int(call.query.get("limit", 10)), Rule.WARMUP_LIST_PAGE_TOKEN_ISSUED
    )
    return {"items": [summary(ip, ip.warmup) for ip in page if ip.warmup], "paging": paging}


@handles("getWarmup")
def get_warmup(call: Call) -> dict[str, Any]:
    ip = dedicated_ip(call)
    plan = ip.warmup
    if plan is None:
        raise Refusal.of(Rule.WARMUP_GET_REQUIRES_IN_FLIGHT, ip.address)
    started = timestamp(plan.started_at)
    return {
        "details": {
            "sent_within_stage": f"{plan.sent_within_stage}%",
            "throttle": plan.hourly_limit,
            "start_volume": plan.start_volume,
            "stage": plan.stage,
            "stage_limit": plan.stage_limit,
            "hourly_limit": plan.hourly_limit,
            "stage_started_at": started,
            "hour_started_at": started,
            "plan_started_at": started,
            "plan_last_updated_at": started,
            "total_stages": plan.total_stages,
            "stage_history": [
                {"first_updated_at": started, "completed_at": started, "limit": plan.stage_limit}
            ],
        }
    }


@handles("createWarmup")
def create_warmup(call: Call) -> dict[str, Any]:
    ip = dedicated_ip(call)
    if ip.warmup is not None:
        raise Refusal.of(Rule.WARMUP_ONE_PLAN_PER_IP, ip.address)
    for pool in call.world.pools_of(call.account).values():
        ready = [a for a in pool.ips if a in call.world.ips and call.world.ips[a].warmup is None]
        if ready == [ip.address]:
            raise Refusal.of(Rule.WARMUP_KEEPS_DYNAMIC_POOL_READY, f"{ip.address} in {pool.name}")
    ip.warmup = Warmup(started_at=now())
    return {"message": f"warmup plan created for {ip.address}"}


@handles("cancelWarmup")
def cancel_warmup(call: Call) -> dict[str, Any]:
    ip = dedicated_ip(call)
    if ip.warmup is None:
        raise Refusal.of(Rule.WARMUP_CANCEL_REQUIRES_IN_FLIGHT, ip.address)
    ip.warmup = None
    return {"message": f"warmup plan cancelled for {ip.address}"}
