"""Ingest: when was the article published? Pure functions over text; no I/O, no clock.

Order of trust: ``--date`` (the caller), page metadata (extract), then the text:
a dateline or caption date ("PYONGYANG, July 28, 2023", "..., July 28, 2023.
(Photo by Reuters)"), then explicit dates in the body, with relative weekdays
("on Friday") resolved against the nearest explicit date. A weekday alone is
not a date: without a year we do not guess, and the caller asks for ``--date``.
Never consults today's date, so a run is reproducible.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MDY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)
_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b",
                  re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_WEEKDAY = re.compile(r"\b(?:on|last|this|since|until|by|from|late|early)\s+(?P<weekday>" +
                      "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    position: int
    text: str
    how: str  # "explicit" or "weekday"


def explicit_dates(text: str) -> list[FoundDate]:
    """Full calendar dates written in the text, in order."""
    found: list[FoundDate] = []
    for rx in (_MDY, _DMY, _ISO):
        for m in rx.finditer(text):
            month = m.group("month")
            number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
            try:
                day = dt.date(int(m.group("year")), number, int(m.group("day")))
            except ValueError:
                continue
            found.append(FoundDate(day, m.start(), m.group(0), "explicit"))
    return sorted(found, key=lambda f: f.position)


def resolve_weekdays(text: str, anchors: list[FoundDate]) -> list[FoundDate]:
    """Each "on Friday" as the date with that weekday on or before the nearest explicit date."""
    out: list[FoundDate] = []
    if not anchors:
        return out
    for m in _WEEKDAY.finditer(text):
        anchor = min(anchors, key=lambda a: abs(a.position - m.start()))
        back = (anchor.date.weekday() - WEEKDAYS[m.group("weekday").lower()]) % 7
        out.append(FoundDate(anchor.date - dt.timedelta(days=back), m.start(), m.group(0), "weekday"))
    return out


@dataclass(frozen=True)
class DateGuess:
    date: dt.date | None
    reason: str


def guess_date(captions: str, body: str) -> DateGuess:
    """The publication date the text supports, or None with the reason.

    Captions and datelines are written on the day, so their date wins; otherwise the
    latest explicit date in the body (an article cannot predate what it reports),
    confirmed or moved by a relative weekday resolved against it.
    """
    caption_dates = explicit_dates(captions)
    head = body[:300]
    dateline = [d for d in explicit_dates(head) if d.position < 120]
    body_dates = explicit_dates(body)
    weekdays = resolve_weekdays(body, body_dates or caption_dates or dateline)
    if caption_dates:
        chosen = max(caption_dates, key=lambda d: d.date)
        why = f"photo caption '{chosen.text}'"
    elif dateline:
        chosen = dateline[0]
        why = f"dateline '{chosen.text}'"
    elif body_dates:
        chosen = max(body_dates, key=lambda d: d.date)
        why = f"latest date in the text '{chosen.text}'"
    else:
        return DateGuess(None, "the text has no date with a year" +
                         (" (only weekdays such as 'on Friday')" if _WEEKDAY.search(body) else ""))
    agreeing = [w for w in weekdays if w.date == chosen.date]
    if agreeing:
        why += f", confirmed by '{agreeing[0].text}'"
    return DateGuess(chosen.date, why)
