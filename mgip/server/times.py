"""RFC 1123 dates, as the account history's `before` and `after` take them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# The date-time of RFC 822 section 5 as RFC 1123 section 5.2.14 amends it (1 or 2 digit day, 2 to
# 4 digit year), case-independent as RFC 822 section 3.4.7 says; the spec's Rfc1123Time pattern
# says the same, so a value that reaches the handler matches. A zone is a name or +hhmm/-hhmm:
# "all implementations MUST accept either notation" (RFC 1123 section 5.2.14).
RFC1123 = re.compile(
    r"(?:(?P<weekday>[a-z]{3}),[ \t]*)?(?P<day>[0-9]{1,2})[ \t]+(?P<month>[a-z]{3})[ \t]+"
    r"(?P<year>[0-9]{2,4})[ \t]+(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"[ \t]+(?:(?P<zone>[a-z]{1,5})|(?P<sign>[+-])(?P<hh>[0-9]{2})(?P<mm>[0-9]{2}))",
    re.IGNORECASE,
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# RFC 822's zone names, and UTC. Any other name (military letters, local abbreviations such as
# CET) counts as UTC, as RFC 2822 section 4.3 says to read it and as Go's time.Parse does.
ZONE_HOURS = {"ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5}
ZONE_HOURS |= {"mst": -7, "mdt": -6, "pst": -8, "pdt": -7}


def parse_rfc1123(value: str) -> datetime:
    """The moment `value` names; ValueError when it is no RFC 1123 date or no real moment (31 Feb,
    25:00, a zone offset of a day or more). The weekday is checked for syntax only."""
    found = RFC1123.fullmatch(value)
    if found is None:
        raise ValueError(f"not an RFC 1123 date: {value!r}")
    parts = found.groupdict()
    month, weekday = parts["month"].lower(), parts["weekday"]
    if month not in MONTHS or (weekday is not None and weekday.lower() not in WEEKDAYS):
        raise ValueError(f"not an RFC 1123 date: {value!r}")
    year = int(parts["year"])
    if len(parts["year"]) == 2:  # RFC 2822 section 4.3: 00-49 are 20xx, 50-99 are 19xx
        year += 2000 if year < 50 else 1900
    elif len(parts["year"]) == 3:  # and a three-digit year has 1900 added
        year += 1900
    if parts["zone"] is not None:
        offset = timedelta(hours=ZONE_HOURS.get(parts["zone"].lower(), 0))
    else:
        hours, minutes = int(parts["hh"]), int(parts["mm"])
        if minutes > 59:
            raise ValueError(f"no such zone offset: {value!r}")
        offset = timedelta(hours=hours, minutes=minutes) * (-1 if parts["sign"] == "-" else 1)
    return datetime(
        year,
        MONTHS.index(month) + 1,
        int(parts["day"]),
        int(parts["hour"]),
        int(parts["minute"]),
        int(parts["second"] or 0),
        tzinfo=timezone(offset),  # ValueError from a day or more
    )
