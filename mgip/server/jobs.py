"""Background jobs: the documented asynchronous effects, and how they are settled.

A handler that starts an asynchronous effect schedules a job instead of doing the work. The job
runs according to `Settings.jobs`: right after the response ("immediate"), `delay` seconds later
("delay"), or only when the control interface asks ("manual"). Contracts use "manual" and
"delay" to see the state before the effect and to test that clients wait for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from mgip.server import health
from mgip.server.model import Domain, Job, World, now

Effect = Callable[[World, dict[str, Any]], None]
EFFECTS: dict[str, Effect] = {}


def effect(kind: str) -> Callable[[Effect], Effect]:
    def register(function: Effect) -> Effect:
        EFFECTS[kind] = function
        return function

    return register


def schedule(world: World, kind: str, **args: Any) -> Job:
    if kind not in EFFECTS:
        raise KeyError(kind)
    mode = world.settings.jobs
    due = (
        None if mode == "manual" else time.time() + (world.settings.delay if mode == "delay" else 0)
    )
    job = Job(id=world.new_id("job"), kind=kind, args=args, created=now(), due=due)
    world.jobs.append(job)
    return job


def run_due(world: World, at: float | None = None) -> list[Job]:
    """Run, in order, every job whose time has come; the jobs run."""
    moment = time.time() if at is None else at
    ready = [job for job in world.jobs if job.due is not None and job.due <= moment]
    return _run(world, ready)


def settle(world: World) -> list[Job]:
    """Run every pending job now, whatever the mode."""
    return _run(world, list(world.jobs))


def _run(world: World, jobs: list[Job]) -> list[Job]:
    for job in jobs:
        world.jobs.remove(job)
        EFFECTS[job.kind](world, job.args)
    return jobs


# --- the effects ----------------------------------------------------------------------------


def follow_dipp(world: World, domain: Domain) -> None:
    dipp = world.dipps.get(domain.dipp_id or "")
    if dipp is not None:
        domain.ips = list(dipp.ips)


@effect("sync_dipp_domains")
def _sync_dipp_domains(world: World, args: dict[str, Any]) -> None:
    """Domains linked to a DIPP take the DIPP's IPs (after add, remove or edit of its IPs)."""
    for domain in world.domains.values():
        if domain.dipp_id == args["pool_id"]:
            follow_dipp(world, domain)


@effect("retire_dipp")
def _retire_dipp(world: World, args: dict[str, Any]) -> None:
    """A deleted DIPP's domains get the replacement; subaccounts stop seeing the pool."""
    dipp = world.dipps.pop(args["pool_id"], None)
    if dipp is None:
        return
    replacement_pool = world.dipps.get(args.get("replacement_pool_id") or "")
    replacement_ip = args.get("replacement_ip")
    if replacement_pool is not None:
        # Subaccounts that inherited the deleted pool inherit its replacement, so the domains
        # relinked below stay linked to a pool their account can see.
        for account_id in dipp.delegated_to:
            if account_id not in replacement_pool.delegated_to:
                replacement_pool.delegated_to.append(account_id)
    for domain in world.domains.values():
        if domain.dipp_id != dipp.id:
            continue
        if replacement_pool is not None:
            domain.dipp_id = replacement_pool.id
            follow_dipp(world, domain)
            continue
        domain.dipp_id = None
        if replacement_ip == "shared":
            domain.ips = [world.shared_ip_for(world.accounts[domain.account_id])]
        elif replacement_ip:
            domain.ips = [replacement_ip]


@effect("enroll_all")
def _enroll_all(world: World, args: dict[str, Any]) -> None:
    account = world.accounts.get(args["account_id"])
    if account is None:
        return
    scope = world.family(account) if args.get("include_subaccounts") else [account]
    for member in scope:
        for domain in world.account_domains(member):
            if domain.enrolled or domain.dipp_id is not None:
                continue  # a DIPP-linked domain's IPs cannot change (the catalogue's reading)
            verdict = health.assess(domain.metrics, world.settings.health)
            health.place(world, domain, verdict.pool, "enrolled", args.get("initiated_by", "api"))


@effect("assign_ip_everywhere")
def _assign_ip_everywhere(world: World, args: dict[str, Any]) -> None:
    for domain in world.domains.values():
        if domain.dipp_id is not None:
            continue  # ips_bulk_skips_dipp_linked_domains
        if domain.account_id == args["account_id"] and args["ip"] not in domain.ips:
            domain.ips.append(args["ip"])


@effect("remove_ip_everywhere")
def _remove_ip_everywhere(world: World, args: dict[str, Any]) -> None:
    ip, alternative = args["ip"], args.get("alternative")
    account = world.accounts.get(args["account_id"])
    keeps_last = account is not None and not account.features.shared_ips and not alternative
    for domain in world.domains.values():
        if domain.account_id != args["account_id"] or ip not in domain.ips:
            continue
        if domain.dipp_id is not None:
            continue  # ips_bulk_skips_dipp_linked_domains
        if keeps_last and domain.ips == [ip]:
            continue  # ips_remove_all_keeps_last_ip_without_shared
        domain.ips.remove(ip)
        if alternative and alternative not in domain.ips:
            domain.ips.append(alternative)


@effect("recheck_domain")
def _recheck_domain(world: World, args: dict[str, Any]) -> None:
    domain = world.domains.get(args["domain"])
    if domain is not None:
        health.run(world, [domain], initiated_by="health_check")
