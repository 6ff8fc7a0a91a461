"""The rule layer's steps on the account's IPs: an IP put on or taken off every domain, and
a new dedicated IP."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis.stateful import rule

from mgip.contracts.machine.base import MachineBase, step


class IpSteps(MachineBase):
    """Writes to the IPs across the account."""

    @rule(data=st.data())
    @step
    def an_ip_on_every_domain(self, data: st.DataObject) -> None:
        ips = list(self._view().ips().items)
        if not self.writes or not ips:
            return
        ip = data.draw(st.sampled_from(ips))
        check = "an IP on every domain"
        linked = self._dipp_linked()  # ips_bulk_skips_dipp_linked_domains
        own = self._own_domains() - linked
        if data.draw(st.booleans()):
            error = self._attempt(
                f"ips.assign_to_all_domains({ip!r})",
                lambda: self.client.ips.assign_to_all_domains(ip),
            )
            if error is None:
                self._eventually(
                    check,
                    "ips_assign_all_adds_to_every_domain",
                    lambda: own <= self._domains_of(ip),
                    f"not every domain got {ip}",
                )
            return
        holders = {d.domain: set(d.ips) for d in self.client.ips.list_domains(ip, limit=1000).items}
        had = set(holders)
        # Domains that may keep the IP: linked ones, and (without an alternative, on an account
        # not eligible for shared IPs, which the machine cannot tell) those it is the only IP of.
        alone = {d for d, ips in holders.items() if ips == {ip}}
        alternatives = [a for a in ips if a != ip]
        alternative = data.draw(st.sampled_from([None, *alternatives]))
        kwargs = {"alternative": alternative} if alternative else {}
        error = self._attempt(
            f"ips.remove_from_all_domains({ip!r}, **{kwargs!r})",
            lambda: self.client.ips.remove_from_all_domains(ip, **kwargs),
        )
        if error is None:
            may_keep = linked | (set() if alternative else alone)
            self._eventually(
                check,
                "ips_remove_all_clears_every_domain",
                lambda: self._domains_of(ip) <= may_keep,
                f"{ip} is still on some domain",
            )
            if alternative:
                self._eventually(
                    check,
                    "ips_remove_all_alternative_replaces",
                    lambda: had - linked <= self._domains_of(alternative),
                    f"the domains that had {ip} did not all get {alternative}",
                )

    @rule()
    @step
    def request_a_new_ip(self) -> None:
        if not self.writes:
            return
        before = set(self._view().ips(dedicated=True).items)
        error = self._attempt("ips.request_new()", self.client.ips.request_new)
        if error is None:
            after = set(self.client.ips.list_all(dedicated=True).items)
            self._expect(
                "a new dedicated IP",
                "ips_new_ip_added_as_dedicated",
                len(after - before) == 1 and before <= after,
                f"dedicated IPs went from {len(before)} to {len(after)}",
            )
