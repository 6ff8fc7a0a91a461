"""The rule layer's steps on a domain's IPs: removing one, all of them, or its DIPP (with
each kind of replacement), and path values that name nothing."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis.stateful import rule

from mgip.contracts.machine.base import MachineBase, step


class DomainIpSteps(MachineBase):
    """Writes to the IPs of one domain."""

    @rule(data=st.data())
    @step
    def remove_a_domain_ip_by_a_bad_name(self, data: st.DataObject) -> None:
        names = sorted(self._scoped("domain", (d.name for d in self._view().assignable())))
        if not self.writes or not names:
            return
        name = data.draw(st.sampled_from(names))
        value = data.draw(st.sampled_from(["every", "pool", "192.0.2", "ip-pool"]))
        error = self._attempt(
            f"ips.remove_domain_ip({name!r}, {value!r})",
            lambda: self.client.ips.remove_domain_ip(name, value),
        )
        self._refused("removing a domain's IP", "domain_ips_path_value_kinds", error)

    def _domain_ips(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for ip in self._view().ips().items:
            for item in self.client.ips.list_domains(ip, limit=1000).items:
                found.setdefault(item.domain, set()).update(item.ips)
        return found

    def _linked_domains(self) -> dict[str, str]:
        """Domain -> the DIPP it is linked to, for the account's own pools."""
        linked: dict[str, str] = {}
        for pool in self._view().dipps():
            for name in self._linked_now(pool.pool_id):
                linked[name] = pool.pool_id
        return linked

    @rule(data=st.data())
    @step
    def remove_a_domain_ip(self, data: st.DataObject) -> None:
        domain_ips = self._domain_ips()
        own = set(self._scoped("domain", self._own_domains()))
        pairs = sorted(
            (d, ip) for d, ips in domain_ips.items() if d in own for ip in self._scoped("ip", ips)
        )
        if not self.writes or not pairs:
            return
        name, ip = data.draw(st.sampled_from(pairs))
        linked = self._linked_domains()
        whole = data.draw(st.booleans())
        value = "all" if whole else ip
        error = self._attempt(
            f"ips.remove_domain_ip({name!r}, {value!r})",
            lambda: self.client.ips.remove_domain_ip(name, value),
        )
        check = "removing a domain's IP"
        if not whole and name in linked:
            self._refused(check, "domain_ips_no_ip_change_while_dipp_linked", error)
        elif error is None and whole:
            still = {d for d, ips in self._domain_ips().items() if d == name and ips}
            in_pools = name in self._linked_domains()
            self._expect(
                check,
                "domain_ips_all_removes_domain_pool",
                not still and not in_pools,
                f"{name} still has IPs or a DIPP",
            )
        elif error is None:
            self._expect(
                check,
                "domain_ips_remove_single_ip",
                name not in self._domains_of(ip),
                f"{name} still has {ip}",
            )

    @rule(data=st.data())
    @step
    def unlink_a_dipp(self, data: st.DataObject) -> None:
        own = set(self._scoped("domain", self._own_domains()))
        linked = {d: p for d, p in self._linked_domains().items() if d in own}
        pools = [p.pool_id for p in self._scoped("dipp", self._view().dipps())]
        free = [
            ip
            for ip in self._scoped("ip", self._view().ips(dedicated=True).items)
            if not any(ip in p.ips for p in self._view().dipps())
        ]
        if not self.writes or not linked:
            return
        name = data.draw(st.sampled_from(sorted(linked)))
        variant = data.draw(st.sampled_from(["neither", "both", "pool", "ip", "shared"]))
        others = [p for p in pools if p != linked[name]]
        kwargs: dict[str, str] = {
            "shared": {"ip_query": "shared"},
            "neither": {},
            "both": {
                "ip_query": free[0] if free else "shared",
                "pool_id": (pools or [linked[name]])[0],
            },
            "pool": {"pool_id": others[0]} if others else {},
            "ip": {"ip_query": free[0]} if free else {},
        }[variant]
        if variant in ("pool", "ip") and not kwargs:
            return
        error = self._attempt(
            f"ips.remove_domain_ip({name!r}, 'ip_pool', **{kwargs!r})",
            lambda: self.client.ips.remove_domain_ip(name, "ip_pool", **kwargs),
        )
        check = "unlinking a domain's DIPP"
        if variant == "neither":
            self._refused(check, "domain_ips_unlink_replacement_required", error)
        elif variant == "both":
            self._refused(check, "domain_ips_unlink_replacements_exclusive", error)
        elif error is None:
            old = linked[name]
            self._expect(
                check,
                "domain_ips_ip_pool_unlinks_dipp",
                name not in self._linked_now(old),
                f"{old} still lists {name}",
            )
            if variant == "shared":
                self._expect(
                    check,
                    "domain_ips_shared_assigns_shared_ip",
                    self._has_shared_ip(name),
                    f"{name} got no shared IP",
                )
            elif variant == "pool":
                self._expect(
                    check,
                    "domain_ips_unlink_replacement_dipp_linked",
                    name in self._linked_now(kwargs["pool_id"]),
                    f"{name} is not linked to {kwargs['pool_id']}",
                )
            else:
                self._expect(
                    check,
                    "domain_ips_unlink_replacement_ip_assigned",
                    name in self._domains_of(kwargs["ip_query"]),
                    f"{name} did not get {kwargs['ip_query']}",
                )
