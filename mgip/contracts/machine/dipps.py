"""The rule layer's steps on DIPPs (dedicated IP pools): create one, add and remove an IP,
edit, delete (with each kind of replacement)."""

from __future__ import annotations

from typing import Any

import hypothesis.strategies as st
from hypothesis.stateful import rule
from mailgun_ip_client import ApiError

from mgip.contracts.machine.base import MachineBase, step
from mgip.contracts.strictness import not_found_holds


class DippSteps(MachineBase):
    """Writes to the DIPPs, each judged on its answer and on what the pool shows after."""

    def _linked_own(self, pool_id: str) -> set[str]:
        """The account's own domains linked to a DIPP (the subaccounts' are not listed)."""
        linked = self._view().dipp(pool_id).linked_domains
        own = {d.name for d in self._view().assignable()}
        return set(linked if isinstance(linked, list) else []) & own

    @rule(data=st.data())
    @step
    def create_dipp(self, data: st.DataObject) -> None:
        from mailgun_ip_client.models import CreateDippForm

        candidates = self._scoped("ip", self._view().ips(dedicated=True).items)
        if not self.writes:
            return
        chosen = (
            data.draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
            if candidates
            else []
        )
        form = CreateDippForm(name=f"pool-{len(self.log)}", description="made by mgip", ip=chosen)
        created: list[Any] = []
        error = self._attempt(
            f"dipps.create(body=CreateDippForm(name={form.name!r}, "
            f"description={form.description!r}, ip={chosen!r}))",
            lambda: created.append(self.client.dipps.create(body=form)),
        )
        if error is None and created:
            details = self.client.dipps.get(created[0].pool_id).details
            shown = (details.name, details.description, sorted(details.ips))
            self._expect(
                "creating a DIPP",
                "dipp_create_returns_new_id",
                shown == (form.name, form.description, sorted(chosen)),
                f"the new DIPP shows {shown}",
            )
            listed = [p.pool_id for p in self.client.dipps.list_all().ip_pools]
            self._expect(
                "creating a DIPP",
                "dipp_list_covers_all_pools",
                created[0].pool_id in listed,
                f"the new DIPP {created[0].pool_id} is not in the DIPP list {listed}",
            )

    @rule(data=st.data())
    @step
    def add_ip_to_dipp(self, data: st.DataObject) -> None:
        view = self._view()
        pools, ips = view.dipps(), self._scoped("ip", view.ips().items)
        mine = self._scoped("dipp", pools)
        if not self.writes or not mine or not ips:
            return
        pool, ip = data.draw(st.sampled_from(mine)), data.draw(st.sampled_from(ips))
        holder = next((p for p in pools if ip in p.ips and p.pool_id != pool.pool_id), None)
        dedicated = set(view.ips(dedicated=True).items)
        linked = self._linked_own(pool.pool_id)
        error = self._attempt(
            f"dipps.add_ip({pool.pool_id!r}, {ip!r})",
            lambda: self.client.dipps.add_ip(pool.pool_id, ip),
        )
        check = "adding an IP to a DIPP"
        if pool.is_inherited:
            self._refused(check, "dipp_inherited_add_ip_forbidden", error)
        elif holder is not None:
            self._refused(check, "dipp_add_ip_not_in_other_dipp", error)
        elif ip not in dedicated:
            self._refused(check, "dipp_added_ip_must_be_dedicated", error)
        elif error is None:
            ips_now = self.client.dipps.get(pool.pool_id).details.ips
            self._expect(check, "dipp_add_ip_joins_pool", ip in ips_now, f"{ip} not in {ips_now}")
            # The effect of an IP joining the pool: an IP it held already was not added
            # (whether its linked domains still have it is another rule's question).
            if linked and ip not in pool.ips:
                self._eventually(
                    check,
                    "dipp_add_ip_updates_linked_domains",
                    lambda: linked <= self._domains_of(ip),
                    f"the linked domains {sorted(linked)} never got {ip}",
                )

    @rule(data=st.data())
    @step
    def remove_ip_from_dipp(self, data: st.DataObject) -> None:
        pools = self._scoped("dipp", self._view().dipps())
        pairs = [(p, ip) for p in pools for ip in self._scoped("ip", p.ips)]
        if not self.writes or not pairs:
            return
        pool, ip = data.draw(st.sampled_from(pairs))
        linked = self._linked_own(pool.pool_id)
        error = self._attempt(
            f"dipps.remove_ip({pool.pool_id!r}, {ip!r})",
            lambda: self.client.dipps.remove_ip(pool.pool_id, ip),
        )
        check = "removing an IP from a DIPP"
        if pool.is_inherited:
            self._refused(check, "dipp_inherited_remove_ip_forbidden", error)
        elif error is None:
            ips_now = self.client.dipps.get(pool.pool_id).details.ips
            self._expect(
                check,
                "dipp_remove_ip_leaves_pool",
                ip not in ips_now,
                f"{ip} still in {ips_now}",
            )
            if linked:
                self._eventually(
                    check,
                    "dipp_remove_ip_updates_linked_domains",
                    lambda: not linked & self._domains_of(ip),
                    f"the linked domains {sorted(linked)} kept {ip}",
                )

    @rule(data=st.data())
    @step
    def delete_dipp(self, data: st.DataObject) -> None:
        view = self._view()
        pools, ips = view.dipps(), self._scoped("ip", view.ips().items)
        # With a scope, only DIPPs the run created: a deleted DIPP cannot be put back.
        deletable = self._scoped("created", pools)
        if not self.writes or not deletable:
            return
        pool = data.draw(st.sampled_from(deletable))
        kind = data.draw(st.sampled_from(["none", "shared", "pool", "ip"]))
        kwargs: dict[str, str] = {}
        replacement: Any = None
        if kind == "shared":
            kwargs["ip"] = "shared"
        elif kind == "pool":
            replacement = data.draw(st.sampled_from(self._scoped("dipp", pools)))
            kwargs["pool_id_query"] = replacement.pool_id
        elif kind == "ip" and ips:
            kwargs["ip"] = data.draw(st.sampled_from(ips))
        linked = self._linked_own(pool.pool_id)
        error = self._attempt(
            f"dipps.delete({pool.pool_id!r}, **{kwargs!r})",
            lambda: self.client.dipps.delete(pool.pool_id, **kwargs),
        )
        check = "deleting a DIPP"
        dedicated = set(view.ips(dedicated=True).items)
        address = kwargs.get("ip")
        holder = next((p for p in pools if address in p.ips and p.pool_id != pool.pool_id), None)
        if pool.is_inherited:
            rule_id = (
                "dipp_inherited_no_ip_replacement" if address else "dipp_inherited_not_deletable"
            )
            self._refused(check, rule_id, error)
        elif (
            replacement is not None and replacement.pool_id != pool.pool_id and not replacement.ips
        ):
            self._refused(check, "dipp_delete_replacement_pool_not_empty", error)
        elif address and address != "shared" and address not in dedicated:
            self._refused(check, "dipp_delete_replacement_ip_dedicated", error)
        elif address and address != "shared" and holder is not None:
            self._refused(check, "dipp_delete_replacement_ip_not_in_dipp", error)
        elif kind in ("none", "ip") and not kwargs and pool.ips:
            self._refused(check, "dipp_delete_replacement_required_if_ips", error)
        elif error is None:
            listed = [p.pool_id for p in self.client.dipps.list_all().ip_pools]
            try:
                self.client.dipps.get(pool.pool_id)
                gone = False
            except ApiError as missing:
                gone = not_found_holds(missing.status_code, self.target.strictness)[0]
            self._expect(
                check,
                "dipp_delete_removes_pool",
                gone and pool.pool_id not in listed,
                f"{pool.pool_id} is still there",
            )
            if linked and replacement is not None and replacement.pool_id != pool.pool_id:
                self._eventually(
                    check,
                    "dipp_delete_relinks_to_replacement",
                    lambda: linked <= set(self._linked_now(replacement.pool_id)),
                    f"{sorted(linked)} were not relinked to {replacement.pool_id}",
                )
            if linked and address == "shared":
                self._eventually(
                    check,
                    "dipp_delete_shared_assigns_shared_ips",
                    lambda: all(self._has_shared_ip(name) for name in linked),
                    f"{sorted(linked)} did not all get a shared IP",
                )
            if linked and address and address != "shared":
                self._eventually(
                    check,
                    "dipp_delete_replacement_ip_assigned",
                    lambda: linked <= self._domains_of(address),
                    f"{sorted(linked)} did not get the replacement IP {address}",
                )

    @rule(data=st.data())
    @step
    def edit_dipp(self, data: st.DataObject) -> None:
        from mailgun_ip_client.models import EditDippForm

        pools = self._scoped("dipp", self._view().dipps())
        if not self.writes or not pools:
            return
        pool = data.draw(st.sampled_from(pools))
        kind = data.draw(st.sampled_from(["rename", "same name", "describe", "add an IP"]))
        view = self._view()
        free = [
            ip
            for ip in self._scoped("ip", view.ips(dedicated=True).items)
            if not any(ip in p.ips for p in view.dipps())
        ]
        if kind == "add an IP" and not free:
            return
        linked = self._linked_own(pool.pool_id)
        if kind == "add an IP":
            form = EditDippForm(add_ip=free[:1])
        elif kind == "same name":
            form = EditDippForm(name=pool.name)
        elif kind == "rename":
            form = EditDippForm(name=f"renamed-{len(self.log)}")
        else:
            form = EditDippForm(description=f"described at step {len(self.log)}")
        error = self._attempt(
            f"dipps.edit({pool.pool_id!r}, body={form!r})",
            lambda: self.client.dipps.edit(pool.pool_id, body=form),
        )
        check = "editing a DIPP"
        if pool.is_inherited:
            self._refused(check, "dipp_inherited_not_editable", error)
        elif kind == "same name":
            self._refused(check, "dipp_edit_without_change_rejected", error)
        elif error is None and kind == "add an IP":
            added = free[0]
            self._expect(
                check,
                "dipp_edit_applies_fields",
                added in self.client.dipps.get(pool.pool_id).details.ips,
                f"{added} is not in the DIPP",
            )
            if linked:
                self._eventually(
                    check,
                    "dipp_edit_ip_change_updates_domains",
                    lambda: linked <= self._domains_of(added),
                    f"the linked domains {sorted(linked)} never got {added}",
                )
        elif error is None:
            details = self.client.dipps.get(pool.pool_id).details
            shown = details.name if kind == "rename" else details.description
            wanted = form.name if kind == "rename" else form.description
            self._expect(check, "dipp_edit_applies_fields", shown == wanted, f"shows {shown!r}")
