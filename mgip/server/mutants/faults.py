"""Generic server faults: the ways any HTTP API implementation goes wrong, one operation each.

They break no single catalogue rule by design; what catches them is the spec (schemas,
statuses, authentication) or the general contract of a stateful API (what is written stays
written, reads change nothing, lists agree with themselves).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server import jobs, operations, scenario
from mgip.server.model import World
from mgip.server.mutants import Mutant, afterwards, answers, instead, register, with_inputs
from mgip.server.operations import Call, Handler
from mgip.server.refusals import Refusal


def _without_dedicated(_call: Call, payload: Any) -> Any:
    return {k: v for k, v in payload.items() if k != "dedicated"}


def _stage_as_text(_call: Call, payload: Any) -> Any:
    details = dict(payload["details"])
    details["stage"] = str(details["stage"])
    return {**payload, "details": details}


def _accepted(_call: Call) -> Any:
    raise Refusal(202, "warmup plan queued")


def _crash(_call: Call) -> Any:
    raise Refusal(500, "internal error")


def _every_accounts_ips(call: Call, payload: Any) -> Any:
    theirs = [ip for ip in call.world.ips if ip not in payload["items"]]
    items = [*payload["items"], *theirs]
    return {**payload, "items": items, "total_count": len(items)}


def _restore(world: World, snapshot: dict[str, Any]) -> None:
    before = scenario.load_text(json.dumps(snapshot))
    for item in dataclasses.fields(World):
        setattr(world, item.name, getattr(before, item.name))


def _lost_write(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        snapshot = scenario.export(call.world)
        payload = handler(call)
        _restore(call.world, snapshot)  # answered as done, then forgotten
        return payload

    return mutated


def _stale(handler: Handler) -> Handler:
    cache: dict[tuple[int, str, str], Any] = {}

    def mutated(call: Call) -> Any:
        key = (id(call.world), call.account.id, json.dumps(call.query, sort_keys=True))
        if key not in cache:
            cache[key] = handler(call)
        return cache[key]

    return mutated


def _enroll_all_forever(world: World, args: dict[str, Any]) -> None:
    jobs.schedule(world, "enroll_all", **args)  # back in the queue: it never gets done


_real_page_offset = operations.page_offset


def _offset_one_back(token: str | None, invalid: Rule) -> int:
    offset = _real_page_offset(token, invalid)
    return offset - 1 if offset > 0 else offset


def _filters_dropped(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        query = {k: v for k, v in call.query.items() if k not in ("dedicated", "enabled")}
        return handler(with_inputs(call, query=query))

    return mutated


def _plan_forgotten(call: Call, _payload: Any) -> None:
    ip = call.world.find_ip(call.account, call.path["addr"])
    if ip is not None:
        ip.warmup = None


def _count_one_more(_call: Call, payload: Any) -> Any:
    return {**payload, "total_count": payload["total_count"] + 1}


FAULTS = (
    Mutant(
        name="fault.required_field_missing",
        breaks="getIp leaves out the required field dedicated",
        fault="a required response field missing",
        wraps=lambda: {"getIp": answers(_without_dedicated)},
    ),
    Mutant(
        name="fault.field_wrong_type",
        breaks="getWarmup gives the stage number as a string",
        fault="a field of the wrong type",
        wraps=lambda: {"getWarmup": answers(_stage_as_text)},
    ),
    Mutant(
        name="fault.undocumented_status",
        breaks="createWarmup answers 202, which the spec does not declare, and starts nothing",
        fault="an undocumented status",
        wraps=lambda: {"createWarmup": instead(_accepted)},
    ),
    Mutant(
        name="fault.server_error",
        breaks="listDippDomains always answers 500",
        fault="a 5xx on one operation",
        wraps=lambda: {"listDippDomains": instead(_crash)},
    ),
    Mutant(
        name="fault.auth_unchecked",
        breaks="listWarmups answers without checking the credentials",
        fault="auth not checked on one operation",
        unchecked_auth="listWarmups",
    ),
    Mutant(
        name="fault.other_accounts_visible",
        breaks="listIps lists the IPs of every account, not only the caller's",
        fault="another account's objects visible",
        wraps=lambda: {"listIps": answers(_every_accounts_ips)},
    ),
    Mutant(
        name="fault.write_lost",
        breaks="updateDynamicPool answers success and then forgets the change",
        fault="a write that is acknowledged but lost",
        wraps=lambda: {"updateDynamicPool": _lost_write},
    ),
    Mutant(
        name="fault.stale_read",
        breaks="listDipps answers each query from the first answer it gave",
        fault="a read that returns stale state",
        wraps=lambda: {"listDipps": _stale},
    ),
    Mutant(
        name="fault.job_never_completes",
        breaks="the enroll-all background job stays queued forever",
        fault="a background job that never completes",
        patches=lambda: ((jobs.EFFECTS, "enroll_all", _enroll_all_forever),),
    ),
    Mutant(
        name="fault.page_repeats_item",
        breaks="every page after the first starts one item early, repeating the previous one",
        fault="pagination that skips or repeats an item",
        patches=lambda: ((operations, "page_offset", _offset_one_back),),
    ),
    Mutant(
        name="fault.filters_ignored",
        breaks="listIps ignores its dedicated and enabled filters",
        fault="filters ignored",
        wraps=lambda: {"listIps": _filters_dropped},
    ),
    Mutant(
        name="fault.read_changes_state",
        breaks="reading a warmup's status (getWarmup) ends the plan",
        fault="a read-only operation that changes state",
        wraps=lambda: {"getWarmup": afterwards(_plan_forgotten)},
    ),
    Mutant(
        name="fault.total_count_disagrees",
        breaks="listIpDomains reports one more domain in total_count than it matched",
        fault="total counts that disagree with the items",
        wraps=lambda: {"listIpDomains": answers(_count_one_more)},
    ),
)

for _fault in FAULTS:
    register(_fault)
