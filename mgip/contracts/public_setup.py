"""Setting states up through the public API, inside a write scope, and putting them back.

A target without mgip's control interface (a real account, another mock) cannot be reset, read
whole or told what its accounts lack. With `--allow-writes --scope FILE` the rule layer still
checks the rules that need a state first: it reads the account through the API, learns what it
can from the answers (`Facts`), builds the states from the objects the scope names (and DIPPs it
creates itself), and puts every scoped object back afterwards.

Every write goes through `mgip.contracts.scope.ScopeGuard`, so nothing outside the scope is ever
sent. Each script starts with a `snapshot` of what the account shows, and ends with
`restore_to`, which converges the scoped objects back to it (and deletes the DIPPs the run
created); what cannot be put back is a finding of the script.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from mailgun_ip_client import ApiError, MailgunIp
from mailgun_ip_client.models import CreateDippForm, EditDippForm, OverrideForm, SetDynamicPoolsForm
from mailgun_ip_client.types import Unset

from mgip.contracts.invariants import View
from mgip.contracts.target import Target

SETTLE_SECONDS = 5.0
POOL_KEYS = {
    "dynamic_good": "good_reputation",
    "dynamic_poor": "poor_reputation",
    "dynamic_new": "new_senders",
}
GUARDED = 418  # the scope guard's own refusal: the write was never sent


def public_path(target: Target) -> bool:
    """The target has no control interface, and a scope says what the run may change."""
    return target.app is None and not target.control and target.scope is not None


def why_not(target: Target) -> str | None:
    """Why the public-API set-up cannot run on this target (None: it can)."""
    if target.read_only:
        return "the run may not write (read-only)"
    if target.dry_run:
        return "a dry run sends no write, so no state can be set up"
    return None


def guarded_client(target: Target, headers: str, account_id: str = "") -> tuple[MailgunIp, Any]:
    """The generated client whose every write passes the scope guard, and the guard."""
    from mgip.contracts import profiles, restore
    from mgip.contracts.answers import SpecCheckedTransport
    from mgip.contracts.polite import PoliteTransport
    from mgip.contracts.scope import ScopeGuard
    from mgip.contracts.target import transport
    from mgip.contracts.wire import Tape

    # The one reading layer: an answer off the spec is a TargetFault, never a half-read object.
    polite = PoliteTransport(transport(target), limits=target.limits)
    checked = SpecCheckedTransport(polite, strictness=target.strictness)
    # What is sent (a write the guard keeps back is not) is kept for reproductions.
    guard = ScopeGuard(Tape(checked), target.scope, dry_run=target.dry_run)
    options = profiles.client_options(headers, account_id or target.account_id)
    client = MailgunIp(
        target.api_key,
        base_url=target.base_url,
        httpx_args={"transport": guard},
        **options,
    )
    # DIPP links name domains by id: the guard learns the scoped domains' ids by reading them.
    scoped = restore.read(client, target.scope)
    guard.domain_ids |= {d["id"] for d in scoped.domains.values() if d["id"]}
    return client, guard


# --- what the answers tell ------------------------------------------------------------------


@dataclass(slots=True)
class Facts:
    """What the account shows of itself, and what the run learned from its answers."""

    account_id: str = ""
    ips: list[str] = field(default_factory=list)
    dedicated: set[str] = field(default_factory=set)
    enabled: set[str] = field(default_factory=set)
    warming: set[str] = field(default_factory=set)
    dipps: bool = True  # the DIPPs feature: GET /v3/ips lists assignable_to_pools
    configured: bool = False  # the dynamic pools hold IPs
    subaccounts: list[str] = field(default_factory=list)  # ids seen in answers
    shared_eligible: bool | None = None  # learned from a 'shared' replacement, once tried
    shared_how: str = ""


def learn(client: MailgunIp) -> Facts:
    facts = Facts()
    listed = client.ips.list_all()
    facts.ips = list(listed.items)
    facts.dipps = not isinstance(listed.assignable_to_pools, Unset)
    facts.dedicated = set(client.ips.list_all(dedicated=True).items)
    facts.enabled = set(client.ips.list_all(enabled=True).items)
    details = listed.details if isinstance(listed.details, list) else []
    facts.warming = {d.ip for d in details if d.is_on_warmup is True}
    pools = client.dynamic_pools.list_all()
    facts.configured = any(p.ips for p in pools.pools)
    owners = {p.account_id for p in pools.pools}
    owners |= {d.account_id for d in client.dynamic_pools.list_assignable_domains().items}
    own = sorted(owners)
    facts.account_id = own[0] if len(own) == 1 else ""
    seen = {d.account_id for d in client.dynamic_pools.list_domains().items}
    seen |= {r.account_id for r in client.dynamic_pools.history(include_subaccounts=True).items}
    facts.subaccounts = sorted(seen - {facts.account_id, ""}) if facts.account_id else []
    return facts


# --- what the account shows, and putting it back ----------------------------------------------


@dataclass(frozen=True, slots=True)
class DomainState:
    ips: tuple[str, ...]
    dipp: str | None
    pool: str | None
    override: bool


def snapshot(client: MailgunIp) -> dict[str, Any]:
    """Everything the account shows that a script may change (not its history, which only
    grows, nor timestamps)."""
    ips = sorted(client.ips.list_all().items)
    domains: dict[str, list[str]] = {}
    for ip in ips:
        for item in client.ips.list_domains(ip, limit=1000).items:
            domains.setdefault(item.domain, []).append(ip)
    dipps = {}
    for pool in client.dipps.list_all().ip_pools:
        linked = client.dipps.get(pool.pool_id).details.linked_domains
        dipps[pool.pool_id] = {
            "name": pool.name,
            "description": pool.description,
            "ips": sorted(pool.ips),
            "linked": sorted(linked) if isinstance(linked, list) else [],
            "inherited": pool.is_inherited,
        }
    listing = client.dynamic_pools.list_all()
    enrolled = client.dynamic_pools.list_domains().items
    return {
        "ips": ips,
        "domains": {name: sorted(held) for name, held in sorted(domains.items())},
        "dipps": dipps,
        "dynamic": {p.name: sorted(p.ips) for p in listing.pools if p.ips},
        "enrolled": {d.name: (d.pool, bool(d.override)) for d in enrolled},
        "warmups": sorted(w.ip for w in View(client).warmups()),
    }


def domain_state(state: dict[str, Any], name: str) -> DomainState:
    dipp = next((i for i, p in state["dipps"].items() if name in p["linked"]), None)
    pool, override = state["enrolled"].get(name, (None, False))
    return DomainState(tuple(state["domains"].get(name, [])), dipp, pool, override)


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    found = []
    for key, was in before.items():
        now = after.get(key)
        if was == now:
            continue
        if isinstance(was, dict) and isinstance(now, dict):
            changed = [k for k in sorted(set(was) | set(now)) if was.get(k) != now.get(k)]
            found.append(f"{key}: {', '.join(map(str, changed))}")
        else:
            found.append(f"{key}: {was} became {now}")
    return found


@dataclass(slots=True)
class NotApplicable(Exception):
    """The target lacks what a script needs; its rules are reported as skipped, with why."""


@dataclass(slots=True)
class Public:
    """A script's context: the guarded client, the scope, what was learned, what was made."""

    client: MailgunIp
    guard: Any
    target: Target
    facts: Facts
    headers: str = "public"
    created: list[str] = field(default_factory=list)  # DIPPs this run made
    original: set[str] = field(default_factory=set)  # DIPPs the account had at the start
    unjudged: dict[str, str] = field(default_factory=dict)  # rule -> why it was not checked

    @property
    def scope(self) -> Any:
        return self.target.scope

    def state(self) -> dict[str, Any]:
        return snapshot(self.client)

    def refused(self, rule: str, got: int) -> list[str]:
        """The problem, if an answer with status `got` is not the refusal `rule` calls for, as
        the run's strictness judges it; an answer it does not judge is noted as such."""
        from mgip.contracts.strictness import refusal_holds

        if got == GUARDED:
            self.unjudged[rule] = "the scope guard did not send the request (outside the scope)"
            return []
        holds, expected = refusal_holds(rule, None if got < 300 else got, self.target.strictness)
        if holds is None:
            self.unjudged[rule] = "accepted; only mgip's convention refuses it"
            return []
        return [] if holds else [f"{rule}: {expected}, got {got}"]

    def eventually(self, holds: Callable[[], bool]) -> bool:
        deadline = time.monotonic() + SETTLE_SECONDS
        while not holds():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def create_dipp(self, name: str, ips: list[str]) -> str:
        form = CreateDippForm(
            name=name, description="made by mgip; deleted after the check", ip=ips
        )
        pool_id = self.client.dipps.create(body=form).pool_id
        self.created.append(pool_id)
        return pool_id

    def link(self, pool_id: str, domain: str) -> None:
        """Link a domain to a DIPP by editing the DIPP (link_domain takes domain ids)."""
        self.client.dipps.edit(pool_id, body=EditDippForm(link_domain=[self.domain_id(domain)]))

    def domain_id(self, name: str) -> str:
        mg = self.client
        items = [*mg.dynamic_pools.list_assignable_domains().items, *View(mg).enrolled()]
        found = [d.id for d in items if d.name == name]
        if not found:
            raise ValueError(f"the id of domain {name} is not listed")
        return str(found[0])

    # -- the scoped objects a script may use, as the account shows them now --------------------
    def free_ips(self, state: dict[str, Any]) -> list[str]:
        """Scoped, owned, enabled, ready dedicated IPs in no DIPP and no dynamic pool."""
        held = {ip for p in state["dipps"].values() for ip in p["ips"]}
        held |= {ip for ips in state["dynamic"].values() for ip in ips}
        warming = set(state["warmups"])
        return sorted(
            ip
            for ip in self.scope.ips
            if ip in self.facts.dedicated and ip in self.facts.enabled and ip not in held | warming
        )

    def shared_ips(self) -> list[str]:
        return sorted(
            ip for ip in self.scope.ips if ip in self.facts.ips and ip not in self.facts.dedicated
        )

    def foreign_ips(self) -> list[str]:
        """Scoped addresses the account does not list: another account's, or nobody's."""
        return sorted(ip for ip in self.scope.ips if ip not in self.facts.ips)

    def own_dipps(self, state: dict[str, Any]) -> list[str]:
        """Scoped DIPPs of the account whose linked domains are all scoped, so that changing
        their IPs changes nothing outside the scope."""
        return sorted(
            i
            for i, p in state["dipps"].items()
            if i in self.scope.dipps
            and not p["inherited"]
            and set(p["linked"]) <= self.scope.domains
        )

    def plain_domains(self, state: dict[str, Any]) -> list[str]:
        """Scoped domains that are neither linked nor enrolled and hold one dedicated IP."""
        found = []
        for name in sorted(self.scope.domains):
            now = domain_state(state, name)
            alone = now.dipp is None and now.pool is None and len(now.ips) == 1
            if alone and now.ips[0] in self.facts.dedicated:
                found.append(name)
        return found

    def enrolled_domains(self, state: dict[str, Any]) -> list[str]:
        return sorted(n for n in state["enrolled"] if n in self.scope.domains)

    def dynamic_in_scope(self, state: dict[str, Any]) -> str | None:
        """Why the dynamic pools may not be changed here (None: they may)."""
        if not self.scope.dynamic_pools:
            return "the scope does not allow changing the dynamic pools (dynamic_pools: false)"
        outside = sorted(set(state["enrolled"]) - self.scope.domains)
        if outside:
            return f"enrolled domains outside the scope would follow the pools: {outside}"
        ips = sorted({ip for ips in state["dynamic"].values() for ip in ips} - self.scope.ips)
        if ips:
            return f"the dynamic pools hold IPs outside the scope: {ips}"
        return None


def restore_to(ctx: Public, before: dict[str, Any]) -> list[str]:
    """Put every scoped object back as `before` shows it, and delete the DIPPs the run made;
    what could not be put back, as findings."""
    problems: list[str] = []
    steps: list[tuple[str, Callable[[], None]]] = [
        ("warm-ups", lambda: _warmups_back(ctx, before)),
        ("dynamic pools", lambda: _dynamic_back(ctx, before)),
        ("DIPPs", lambda: _dipps_back(ctx, before)),
        ("domains", lambda: _domains_back(ctx, before, problems)),
        ("created DIPPs", lambda: _created_gone(ctx, before)),
    ]
    for what, step in steps:
        try:
            step()
        except (ApiError, httpx.HTTPError, ValueError, KeyError) as exc:
            problems.append(f"putting the {what} back failed: {ctx.target.redact(str(exc))}")
    left: list[str] = []

    def back() -> bool:
        left[:] = differences(_scoped(ctx, before), _scoped(ctx, ctx.state()))
        return not left

    if not ctx.eventually(back):
        problems.append(f"the scoped objects were not put back: {'; '.join(left)}")
    return problems


def _scoped(ctx: Public, state: dict[str, Any]) -> dict[str, Any]:
    """The part of a snapshot the run may have changed: all of it but the objects outside the
    scope, which the guard kept it from changing (DIPPs the run made stay: they must be gone)."""
    scope = ctx.scope
    return {
        "ips": state["ips"],
        "domains": {n: v for n, v in state["domains"].items() if n in scope.domains},
        "dipps": {
            i: p for i, p in state["dipps"].items() if i in scope.dipps or i not in ctx.original
        },
        "dynamic": state["dynamic"],
        "enrolled": {n: v for n, v in state["enrolled"].items() if n in scope.domains},
        "warmups": [ip for ip in state["warmups"] if ip in scope.ips],
    }


def _warmups_back(ctx: Public, before: dict[str, Any]) -> None:
    for ip in sorted(set(ctx.state()["warmups"]) - set(before["warmups"])):
        if ip in ctx.scope.ips:
            ctx.client.warmups.cancel(ip)


def _dynamic_back(ctx: Public, before: dict[str, Any]) -> None:
    if not ctx.scope.dynamic_pools or ctx.state()["dynamic"] == before["dynamic"]:
        return
    wanted = {name: before["dynamic"].get(name, []) for name in POOL_KEYS}
    if not any(wanted.values()):
        ctx.client.dynamic_pools.remove_all()
        return
    # IPs that must leave a DIPP first would be refused; DIPPs are put back next, so free them.
    body = SetDynamicPoolsForm(
        good_reputation=wanted["dynamic_good"],
        poor_reputation=wanted["dynamic_poor"],
        new_senders=wanted["dynamic_new"],
    )
    ctx.client.dynamic_pools.set_all(body=body)


def _dipps_back(ctx: Public, before: dict[str, Any]) -> None:
    now = ctx.state()["dipps"]
    mine = set(ctx.scope.dipps) | set(ctx.created)
    wanted = {i: p for i, p in before["dipps"].items() if i in mine and i in now}
    # First free every IP that belongs elsewhere (the run's newer DIPPs, then the others)...
    newer = [i for i in now if i in ctx.created and i not in wanted]
    for pool_id in newer + sorted(wanted):
        keep = set(wanted[pool_id]["ips"]) if pool_id in wanted else set()
        extra = sorted(set(now[pool_id]["ips"]) - keep)
        if extra:
            ctx.client.dipps.edit(pool_id, body=EditDippForm(remove_ip=extra))
    # ...then give the scoped DIPPs their IPs, names and descriptions back.
    for pool_id, was in wanted.items():
        form = EditDippForm()
        missing = sorted(set(was["ips"]) - set(now[pool_id]["ips"]))
        if missing:
            form.add_ip = missing
        if now[pool_id]["name"] != was["name"]:
            form.name = was["name"]
        if now[pool_id]["description"] != was["description"]:
            form.description = was["description"]
        if form.to_dict():
            ctx.client.dipps.edit(pool_id, body=form)


def _domains_back(ctx: Public, before: dict[str, Any], problems: list[str]) -> None:
    for name in sorted(ctx.scope.domains):
        if name not in before["domains"] and name not in before["enrolled"]:
            continue  # not the account's, or without IPs: nothing the run could do to it
        want = domain_state(before, name)
        try:
            why = restore_domain(ctx, name, want)
        except ApiError as refused:
            why = f"refused: {refused}"
        if why:
            problems.append(f"{name} could not be put back ({why})")


def restore_domain(ctx: Public, name: str, want: DomainState) -> str | None:
    """Bring a domain back to its IPs, its DIPP link or its dynamic pool; why not, if not."""
    mg = ctx.client

    def now() -> DomainState:
        return domain_state(ctx.state(), name)

    current = now()
    if current == want:
        return None
    if want.pool is not None:
        if current.pool is None and current.dipp is not None:
            # A linked domain's IPs cannot change, enrolment included: unlink it first.
            free = ctx.free_ips(ctx.state())
            if not free:
                return "it is linked to a DIPP and the scope names no free IP to unlink it with"
            mg.ips.remove_domain_ip(name, "ip_pool", ip_query=free[0])
        if current.pool is None:
            mg.dynamic_pools.enroll_domain(name)  # placed by its health: see below
        if want.override:
            mg.dynamic_pools.set_override(name, body=OverrideForm(pool=want.pool))
        elif now().override:
            mg.dynamic_pools.remove_override(name)
    elif want.dipp is not None:
        if current.dipp == want.dipp:
            pass  # linked as it was: its IPs follow the DIPP's, put back above
        elif current.pool is not None:
            mg.dynamic_pools.unenroll_domain(name, replacement_pool_id=want.dipp)
        elif current.dipp is not None:
            mg.ips.remove_domain_ip(name, "ip_pool", pool_id=want.dipp)
        else:
            ctx.link(want.dipp, name)
    else:
        _plain_back(ctx, name, current, list(want.ips))
    if ctx.eventually(lambda: now() == want):
        return None
    return f"it is {now()}, was {want}"


def _plain_back(ctx: Public, name: str, current: DomainState, ips: list[str]) -> None:
    """A domain with its own IPs: only a replacement gives a domain IPs, so it leaves what it
    is in (a DIPP, the dynamic pools) with its former IPs as the replacement."""
    mg = ctx.client
    if not ips:  # what removing the domain's whole pool leaves
        mg.ips.remove_domain_ip(name, "all")
        return
    if len(ips) == 1 and current.pool is None:
        if current.dipp is None:
            if ctx.facts.configured:
                mg.dynamic_pools.enroll_domain(name)
                mg.dynamic_pools.unenroll_domain(name, replacement_ip=ips)
                return
            ctx.link(ctx.create_dipp("mgip-restore", []), name)
        mg.ips.remove_domain_ip(name, "ip_pool", ip_query=ips[0])
        return
    if current.pool is None:
        mg.dynamic_pools.enroll_domain(name)  # the only way to several IPs: leave the pools
    mg.dynamic_pools.unenroll_domain(name, replacement_ip=ips)


def _created_gone(ctx: Public, before: dict[str, Any]) -> None:
    now = ctx.state()["dipps"]
    for pool_id in [i for i in now if i not in before["dipps"] and i in ctx.created]:
        if now[pool_id]["ips"]:
            ctx.client.dipps.edit(pool_id, body=EditDippForm(remove_ip=now[pool_id]["ips"]))
        for domain in now[pool_id]["linked"]:
            if domain in ctx.scope.domains:
                ctx.client.dipps.edit(
                    pool_id, body=EditDippForm(unlink_domain=[ctx.domain_id(domain)])
                )
        ctx.client.dipps.delete(pool_id)


def status_of(call: Callable[[], Any]) -> int:
    try:
        call()
    except ApiError as error:
        return error.status_code
    return 200


def judge(ctx: Public, rule: str, call: Callable[[], Any]) -> list[str]:
    """One request that must be refused as `rule` says and change nothing; what went wrong.

    Anything it changed is put back at once, so that the next attempt starts from the same
    state. A write the scope guard kept is not judged (the rule is reported as not checked)."""
    before = ctx.state()
    got = status_of(call)
    if got == GUARDED:
        ctx.unjudged[rule] = "the scope guard did not send the request (outside the scope)"
        return []
    problems = []
    problems += ctx.refused(rule, got)
    changed = differences(before, ctx.state())
    if changed:
        problems.append(f"{rule}: {'accepted' if got < 300 else 'refused'}, yet {changed} changed")
        problems += [f"{rule}: {p}" for p in restore_to(ctx, before)]
    return problems
