"""The rule layer's steps on warm-up plans: start one, cancel one."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis.stateful import rule
from mailgun_ip_client import ApiError

from mgip.contracts.machine.base import MachineBase, step
from mgip.contracts.strictness import refusal_holds


class WarmupSteps(MachineBase):
    """A warm-up plan started or cancelled."""

    @rule(data=st.data())
    @step
    def warm_up_or_cancel(self, data: st.DataObject) -> None:
        view = self._view()
        ips = self._scoped("ip", view.ips().items)
        if not self.writes or not ips:
            return
        ip = data.draw(st.sampled_from(ips))
        dedicated = set(view.ips(dedicated=True).items)
        check = "warm-up plans"
        creating = data.draw(st.booleans())
        if creating:
            error = self._attempt(f"warmups.create({ip!r})", lambda: self.client.warmups.create(ip))
        else:
            error = self._attempt(f"warmups.cancel({ip!r})", lambda: self.client.warmups.cancel(ip))
        if ip not in dedicated:
            self._refused(check, "warmup_ip_must_be_dedicated", error)
        elif error is None:
            # One large page: how the list pages is for warmup_list_paginated to judge.
            listed = {w.ip for w in self.client.warmups.list_all(limit=1000).items}
            try:
                self.client.warmups.get(ip)
                status = 200
            except ApiError as refused:
                status = refused.status_code
            if creating:
                details = self.client.ips.list_all().details
                marked = not isinstance(details, list) or any(
                    d.ip == ip and d.is_on_warmup is True for d in details
                )
                self._expect(
                    check,
                    "warmup_create_starts_plan",
                    ip in listed and status == 200 and marked,
                    f"{ip}: listed {ip in listed}, status {status}, on warmup {marked}",
                )
            else:
                self._expect(
                    check,
                    "warmup_cancel_ends_plan",
                    ip not in listed
                    and refusal_holds(
                        "warmup_get_requires_in_flight",
                        None if status == 200 else status,
                        self.target.strictness,
                    )[0]
                    is not False,
                    f"{ip}: still listed {ip in listed}, status {status}",
                )
