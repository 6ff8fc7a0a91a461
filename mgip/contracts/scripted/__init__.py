"""Rules that need the target to be put in a state first: health checks, overrides, enroll-all.

Each script starts from the scenario (`POST /mgip/reset`), uses the control interface only for
what the API cannot do (sending metrics to a health check, reading who is whose subaccount), and
checks the rest through the generated client. A target without the interface gets them skipped.

The modules: `base` (the context a script runs in, its outcome, and the helpers the scripts
share), one module of scripts per section of the API (`ips`, `domain_ips`, `dipps`,
`dynamic_pools`, `dynamic_domains`, `warmups`), `refusals` (the documented refusals, across the
sections), and `runner` (`SCRIPTS`, in the order they run, and the run). A tunable such as
`base.SETTLE_SECONDS` is read from its own module: set it there.
"""

from mgip.contracts.scripted.base import Context, ScriptOutcome
from mgip.contracts.scripted.dipps import (
    MANY_LINKED,
    delegated_dipps,
    deleting_linked_dipps,
    dipp_domain_pages,
    dipp_lifecycle,
)
from mgip.contracts.scripted.domain_ips import (
    ADDRESSES,
    ALL_WARMING,
    all_warming,
    unlinking_a_dipp,
)
from mgip.contracts.scripted.dynamic_domains import (
    POOR,
    enroll_all,
    enrolling_and_leaving,
    health_checks,
)
from mgip.contracts.scripted.dynamic_pools import (
    changing_a_pool,
    removing_the_pools,
    setting_the_pools,
)
from mgip.contracts.scripted.ips import an_ip_on_every_domain
from mgip.contracts.scripted.refusals import (
    INELIGIBLE,
    Attempt,
    ineligible_refusals,
    predicted_refusals,
)
from mgip.contracts.scripted.runner import SCRIPTS, covered_rules, run
from mgip.contracts.scripted.warmups import warming_up

__all__ = [
    "ADDRESSES",
    "ALL_WARMING",
    "INELIGIBLE",
    "MANY_LINKED",
    "POOR",
    "SCRIPTS",
    "Attempt",
    "Context",
    "ScriptOutcome",
    "all_warming",
    "an_ip_on_every_domain",
    "changing_a_pool",
    "covered_rules",
    "delegated_dipps",
    "deleting_linked_dipps",
    "dipp_domain_pages",
    "dipp_lifecycle",
    "enroll_all",
    "enrolling_and_leaving",
    "health_checks",
    "ineligible_refusals",
    "predicted_refusals",
    "removing_the_pools",
    "run",
    "setting_the_pools",
    "unlinking_a_dipp",
    "warming_up",
]
