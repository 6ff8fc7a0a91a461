"""The rule layer's steps on the Dynamic IP Pools themselves: set them all, add an IP to one,
change one, remove them."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis.stateful import rule

from mgip.contracts.machine.base import POOL_NAMES, MachineBase, step


class DynamicPoolSteps(MachineBase):
    """Writes to the dynamic pools' IPs."""

    def _pools(self) -> dict[str, list[str]]:
        return {p.name: list(p.ips) for p in self._view().dynamic_pools().pools}

    def _warming(self) -> set[str]:
        details = self._view().ips().details
        return {
            d.ip for d in (details if isinstance(details, list) else []) if d.is_on_warmup is True
        }

    @rule(data=st.data())
    @step
    def set_dynamic_pools(self, data: st.DataObject) -> None:
        from mailgun_ip_client.models import SetDynamicPoolsForm

        view = self._view()
        ips = self._scoped("ip", view.ips().items)
        if not self.writes or len(ips) < 3:
            return
        # Often only dedicated IPs (else a shared one is refused every time), and a subset of
        # them, so that some former members are given to no pool.
        dedicated_only = self._scoped("ip", view.ips(dedicated=True).items)
        if len(dedicated_only) >= 3 and data.draw(st.booleans()):
            ips = dedicated_only
        shuffled = data.draw(st.permutations(ips))[: data.draw(st.integers(3, len(ips)))]
        cut = data.draw(st.integers(1, len(shuffled) - 2))
        cut2 = data.draw(st.integers(cut + 1, len(shuffled) - 1))
        wanted = {
            "dynamic_good": list(shuffled[:cut]),
            "dynamic_poor": list(shuffled[cut:cut2]),
            "dynamic_new": list(shuffled[cut2:]),
        }
        if data.draw(st.booleans()):
            wanted["dynamic_poor"].append(wanted["dynamic_good"][0])  # one IP in two pools
        dedicated, warming = set(view.ips(dedicated=True).items), self._warming()
        form = SetDynamicPoolsForm(
            good_reputation=wanted["dynamic_good"],
            poor_reputation=wanted["dynamic_poor"],
            new_senders=wanted["dynamic_new"],
        )
        error = self._attempt(
            "dynamic_pools.set_all(body=SetDynamicPoolsForm(good_reputation="
            f"{wanted['dynamic_good']!r}, poor_reputation={wanted['dynamic_poor']!r}, "
            f"new_senders={wanted['dynamic_new']!r}))",
            lambda: self.client.dynamic_pools.set_all(body=form),
        )
        check = "setting all dynamic pools"
        given = [ip for ips_ in wanted.values() for ip in ips_]
        if any(ip not in dedicated for ip in given):
            self._refused(check, "dynamic_set_all_ips_dedicated", error)
        elif len(given) != len(set(given)):
            self._refused(check, "dynamic_ip_in_one_pool", error)
        elif any(all(ip in warming for ip in ips_) for ips_ in wanted.values()):
            self._refused(check, "dynamic_set_all_ready_ip_per_pool", error)
        elif error is None:
            now = {name: sorted(ips_) for name, ips_ in self._pools_now().items()}
            expected = {name: sorted(ips_) for name, ips_ in wanted.items()}
            self._expect(check, "dynamic_set_all_replaces_ips", now == expected, f"pools are {now}")

    def _pools_now(self) -> dict[str, list[str]]:
        return {p.name: list(p.ips) for p in self.client.dynamic_pools.list_all().pools}

    @rule(data=st.data())
    @step
    def add_ip_to_dynamic_pool(self, data: st.DataObject) -> None:
        view = self._view()
        ips = self._scoped("ip", view.ips().items)
        if not self.writes or not ips:
            return
        pool, ip = data.draw(st.sampled_from(POOL_NAMES)), data.draw(st.sampled_from(ips))
        pools, dedicated = self._pools(), set(view.ips(dedicated=True).items)
        error = self._attempt(
            f"dynamic_pools.add_ip({pool!r}, {ip!r})",
            lambda: self.client.dynamic_pools.add_ip(pool, ip),
        )
        check = "changing a dynamic pool"
        if pool not in pools:
            self._refused(check, "dynamic_pool_name_must_exist", error)
        elif ip not in dedicated:
            self._refused(check, "dynamic_add_ip_dedicated", error)
        elif any(ip in ips_ for name, ips_ in pools.items() if name != pool):
            self._refused(check, "dynamic_ip_in_one_pool", error)
        elif error is None:
            now = self._pools_now().get(pool, [])
            self._expect(check, "dynamic_add_ip_joins_pool", ip in now, f"{ip} not in {now}")

    @rule(data=st.data())
    @step
    def update_dynamic_pool(self, data: st.DataObject) -> None:
        from mailgun_ip_client.models import UpdateDynamicPoolForm

        view = self._view()
        dedicated = list(view.ips(dedicated=True).items)
        pools = self._pools()
        if not self.writes or not dedicated or not pools:
            return
        pool = data.draw(st.sampled_from(sorted(pools)))
        # Any IP of the account: a shared one must be refused (the pools hold dedicated IPs).
        every = self._scoped("ip", view.ips().items)
        removable = self._scoped("ip", dedicated + pools[pool])
        add = data.draw(st.lists(st.sampled_from(every), max_size=2, unique=True))
        remove = data.draw(st.lists(st.sampled_from(removable), max_size=2, unique=True))
        if set(add) & set(remove):
            return
        warming = self._warming()
        form = UpdateDynamicPoolForm(add_ip=add, remove_ip=remove)
        error = self._attempt(
            f"dynamic_pools.update({pool!r}, "
            f"body=UpdateDynamicPoolForm(add_ip={add!r}, remove_ip={remove!r}))",
            lambda: self.client.dynamic_pools.update(pool, body=form),
        )
        check = "changing a dynamic pool"
        result = [ip for ip in pools[pool] if ip not in remove] + [
            ip for ip in add if ip not in pools[pool]
        ]
        if any(ip in ips_ for name, ips_ in pools.items() if name != pool for ip in add):
            self._refused(check, "dynamic_ip_in_one_pool", error)
        elif all(ip in warming for ip in result):
            self._refused(check, "dynamic_update_keeps_ready_ip", error)
        elif error is None:
            now = sorted(self._pools_now().get(pool, []))
            self._expect(
                check,
                "dynamic_update_applies_changes",
                now == sorted(result),
                f"{pool} holds {now}, not {sorted(result)}",
            )

    @rule()
    @step
    def remove_the_dynamic_pools(self) -> None:
        if not self.writes:
            return
        view = self._view()
        enrolled = [d.name for d in view.enrolled()]
        dipps_before = sorted((p.pool_id, p.name, tuple(p.ips)) for p in view.dipps())
        error = self._attempt("dynamic_pools.remove_all()", self.client.dynamic_pools.remove_all)
        check = "removing the dynamic pools"
        if enrolled:
            self._refused(check, "dynamic_remove_all_needs_unenrolled", error)
        elif error is None:
            listing = self.client.dynamic_pools.list_all()
            ips_left = [ip for p in listing.pools for ip in p.ips]
            pools_left = [p.name for p in listing.pools]
            self._expect(
                check,
                "dynamic_remove_all_clears_pools",
                not ips_left and not pools_left,
                f"pools {pools_left} and IPs {ips_left} are left",
            )
            dipps_after = sorted(
                (p.pool_id, p.name, tuple(p.ips)) for p in self.client.dipps.list_all().ip_pools
            )
            self._expect(
                check,
                "dynamic_remove_all_keeps_dipps",
                dipps_after == dipps_before,
                "the DIPPs changed",
            )
