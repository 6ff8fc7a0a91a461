"""The rule layer's steps on domains in the Dynamic IP Pools: enrolling, leaving (with each
kind of replacement), overrides."""

from __future__ import annotations

from typing import Any

import hypothesis.strategies as st
from hypothesis.stateful import rule

from mgip.contracts.machine.base import POOL_NAMES, MachineBase, step


class DynamicDomainSteps(MachineBase):
    """A domain joining or leaving the dynamic pools, or pinned to one."""

    @rule(data=st.data())
    @step
    def enroll_or_leave(self, data: st.DataObject) -> None:
        view = self._view()
        every = {d.name for d in view.assignable()} | {d.name for d in view.enrolled()}
        names = sorted(self._scoped("domain", every))
        if not self.writes or not names:
            return
        name = data.draw(st.sampled_from(names))
        check = "enrollment"
        if data.draw(st.booleans()):
            error = self._attempt(
                f"dynamic_pools.enroll_domain({name!r})",
                lambda: self.client.dynamic_pools.enroll_domain(name),
            )
            if error is None:
                enrolled = {d.name for d in self.client.dynamic_pools.list_domains().items}
                assignable = {
                    d.name for d in self.client.dynamic_pools.list_assignable_domains().items
                }
                holds = name in enrolled and name not in assignable
                self._expect(
                    check,
                    "dynamic_enroll_assigns_pool",
                    holds,
                    f"{name} enrolled: {name in enrolled}, assignable: {name in assignable}",
                )
        else:
            error = self._attempt(
                f"dynamic_pools.unenroll_domain({name!r}, replacement_ip=['shared'])",
                lambda: self.client.dynamic_pools.unenroll_domain(name, replacement_ip=["shared"]),
            )
            if error is None:
                enrolled = {d.name for d in self.client.dynamic_pools.list_domains().items}
                self._expect(
                    check,
                    "dynamic_unenroll_leaves_pools",
                    name not in enrolled,
                    f"{name} is still enrolled",
                )
                self._expect(
                    check,
                    "dynamic_unenroll_shared_assigns_shared_ip",
                    self._has_shared_ip(name),
                    f"{name} got no shared IP",
                )

    @rule(data=st.data())
    @step
    def leave_with_a_replacement(self, data: st.DataObject) -> None:
        view = self._view()
        enrolled = sorted(self._scoped("domain", (d.name for d in view.enrolled())))
        if not self.writes or not enrolled:
            return
        name = data.draw(st.sampled_from(enrolled))
        dipps = view.dipps()
        replacements = self._scoped("dipp", dipps)
        in_dipps = sorted(self._scoped("ip", {ip for p in dipps for ip in p.ips}))
        pooled = {ip for p in view.dynamic_pools().pools for ip in p.ips}
        in_dynamic = sorted(self._scoped("ip", pooled))
        dedicated = self._scoped("ip", view.ips(dedicated=True).items)
        free = [ip for ip in dedicated if ip not in in_dipps and ip not in in_dynamic]
        variants = ["neither", "both", "unknown pool", "shared and an IP"]
        variants += ["IP in a DIPP"] if in_dipps else []
        variants += ["IP in a dynamic pool"] if in_dynamic else []
        variants += ["free IP"] if free else []
        variants += ["a DIPP"] if replacements else []
        variant = data.draw(st.sampled_from(variants))
        unknown = next(
            f"{n:024x}" for n in range(1, 99) if f"{n:024x}" not in {p.pool_id for p in dipps}
        )
        choices: dict[str, dict[str, Any]] = {
            "neither": {},
            "both": {
                "replacement_ip": [dedicated[0] if dedicated else "shared"],
                "replacement_pool_id": unknown,
            },
            "unknown pool": {"replacement_pool_id": unknown},
            "shared and an IP": {"replacement_ip": ["shared", *(dedicated[:1] or ["192.0.2.1"])]},
            "IP in a DIPP": {"replacement_ip": in_dipps[:1]},
            "IP in a dynamic pool": {"replacement_ip": in_dynamic[:1]},
            "free IP": {"replacement_ip": free[:2]},
            "a DIPP": {"replacement_pool_id": replacements[0].pool_id if replacements else ""},
        }
        kwargs = choices[variant]
        error = self._attempt(
            f"dynamic_pools.unenroll_domain({name!r}, **{kwargs!r})",
            lambda: self.client.dynamic_pools.unenroll_domain(name, **kwargs),
        )
        check = "leaving Dynamic IP Pools with a replacement"
        predicted = {
            "neither": "dynamic_unenroll_replacement_required",
            "both": "dynamic_unenroll_replacements_exclusive",
            "unknown pool": "dynamic_unenroll_replacement_pool_exists",
            "shared and an IP": "dynamic_unenroll_multiple_ips_dedicated",
            "IP in a DIPP": "dynamic_unenroll_ip_not_in_dipp",
            "IP in a dynamic pool": "dynamic_unenroll_ip_not_in_dynamic_pool",
        }
        if variant in predicted:
            self._refused(check, predicted[variant], error)
            still = name in {d.name for d in self.client.dynamic_pools.list_domains().items}
            self._expect(check, predicted[variant], still, f"{name} left the pools anyway")
        elif error is None and variant == "free IP":
            missing = [ip for ip in kwargs["replacement_ip"] if name not in self._domains_of(ip)]
            self._expect(
                check,
                "dynamic_unenroll_replacement_ip_assigned",
                not missing,
                f"{name} did not get {missing}",
            )
        elif error is None:
            pool_id = kwargs["replacement_pool_id"]
            self._expect(
                check,
                "dynamic_unenroll_replacement_pool_linked",
                name in self._linked_now(pool_id),
                f"{name} is not linked to {pool_id}",
            )

    @rule(data=st.data())
    @step
    def override(self, data: st.DataObject) -> None:
        from mailgun_ip_client.models import OverrideForm

        enrolled = sorted(self._scoped("domain", (d.name for d in self._view().enrolled())))
        if not self.writes or not enrolled:
            return
        name = data.draw(st.sampled_from(enrolled))
        pool = data.draw(st.sampled_from([*POOL_NAMES, "dynamic_best"]))
        error = self._attempt(
            f"dynamic_pools.set_override({name!r}, body=OverrideForm(pool={pool!r}))",
            lambda: self.client.dynamic_pools.set_override(name, body=OverrideForm(pool=pool)),
        )
        if pool not in POOL_NAMES:
            self._refused("overrides", "dynamic_override_pool_must_be_valid", error)
        elif error is None:
            now = {d.name: d.pool for d in self.client.dynamic_pools.list_domains().items}
            self._expect(
                "overrides",
                "dynamic_override_sets_pool",
                now.get(name) == pool,
                f"{name} is in {now.get(name)}",
            )
