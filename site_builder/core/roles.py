"""Which of an actor's roles held on a day. Pure.

A registry ``role`` may say when it held: "Foreign Secretary (from 2025)", "Home Secretary
(2024–2025)", "Mayor of Velgrad (until March 2020)", or several roles at once separated by
semicolons, "Home Secretary (2024–2025); Foreign Secretary (from 2025)". A briefing, an
event or a quotation shows only the roles that held on its date, without the years; the
actor's own page shows the role as written. A role without years holds on every date.

Years and months are inclusive: "(2019–2023)" holds from 1 January 2019 to 31 December 2023,
"(from September 2025)" from 1 September 2025.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WHEN = r"(?:(?P<{0}m>[A-Za-z]{{3,9}})\.?\s+)?(?P<{0}y>\d{{4}})"
#: "(from 2025)", "(since May 2019)", "(until 2020)", "(2019–2023)", "(2019-)", "(2019–present)".
SPAN = re.compile(
    r"\s*\((?:(?P<word>from|since|until|till|to|before)\s+" + _WHEN.format("a") +
    r"|" + _WHEN.format("s") + r"\s*(?:[-–—]|to)\s*(?:" + _WHEN.format("e") + r"|present|now)?)\)\s*$",
    re.IGNORECASE)


def _month(name: str | None) -> int | None:
    return _MONTHS.get(name.lower().rstrip(".")) if name else None


def _start(year: str, month: str | None) -> dt.date:
    return dt.date(int(year), _month(month) or 1, 1)


def _end(year: str, month: str | None) -> dt.date:
    m = _month(month) or 12
    return dt.date(int(year), m, calendar.monthrange(int(year), m)[1])


def span(role: str) -> tuple[str, dt.date | None, dt.date | None]:
    """(the role without its years, first day, last day); None where the role sets no bound."""
    match = SPAN.search(role)
    if not match or (match.group("ay") is None and match.group("sy") is None):
        return role.strip(), None, None
    title = role[:match.start()].strip()
    g = match.groupdict()
    if g["word"]:
        if g["word"].lower() in ("from", "since"):
            return title, _start(g["ay"], g["am"]), None
        return title, None, _end(g["ay"], g["am"])
    end = _end(g["ey"], g["em"]) if g["ey"] else None
    return title, _start(g["sy"], g["sm"]), end


def role_on(role: str | None, day: dt.date | None) -> str:
    """The parts of ``role`` that held on ``day``, without their years; all of them for no day."""
    if not role:
        return ""
    if day is None:
        return role
    held = []
    for part in role.split(";"):
        title, first, last = span(part)
        if title and (first is None or first <= day) and (last is None or day <= last):
            held.append(title)
    return "; ".join(held)


#: Words in brackets at the end of a role that hold a year: meant as the years the role held.
_YEARS_MEANT = re.compile(r"\(([^()]*\d{4}[^()]*)\)\s*$")


def span_problem(role: str) -> str | None:
    """Why a part of ``role`` that gives years would not be read as them, or None.

    Years the pattern cannot read are shown as part of the title on every date, and a month
    it does not know counts as January, so an editor refuses them rather than mislead readers.
    """
    for part in role.split(";"):
        match = SPAN.search(part)
        if match is None or (match.group("ay") is None and match.group("sy") is None):
            meant = _YEARS_MEANT.search(part)
            if meant:
                return (f"'({meant.group(1)})' is not read as the years the role held; write them as "
                        "(from 2025), (until March 2020) or (2024–2025)")
            continue
        unknown = next((m for m in match.group("am", "sm", "em") if m and _month(m) is None), None)
        if unknown:
            return f"'{unknown}' is not a month; write it as January or Jan"
        title, first, last = span(part)
        if not title:
            return f"'{part.strip()}' gives years but no office; write the office before them"
        if first and last and last < first:
            return f"'{part.strip()}' ends before it starts"
    return None
