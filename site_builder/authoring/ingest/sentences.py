"""Ingest: where a sentence ends. Pure.

A full stop ends a sentence unless it ends an abbreviation: an initial ("U.S.", "Donald J."),
a title before a name ("Sen.", "Gov.", "Mr."), a company's suffix ("Inc.") or the "v." of a
case's name ("Roe v. Wade"). One list serves the headline test, the title guessed from the
first sentence and the summary, so they agree on what one sentence is.
"""

from __future__ import annotations

import re

#: A full stop that ends an abbreviation, not a sentence.
ABBREVIATED = re.compile(r"(?:\b[A-Za-z]\.|\b(?:Mr|Ms|Mrs|Dr|St|Gen|Lt|Col|No|Sen|Sens|Rep|Reps|Gov|Govs|Sgt|"
                         r"Capt|Cmdr|Adm|Maj|Prof|Rev|Hon|Atty|Supt|Pres|Jr|Sr|Ft|Mt|Gens|Inc|Corp|Co|Ltd|"
                         r"Bros|vs|etc)\.)$")
#: Where a sentence may end: after a stop (maybe inside a closing quotation mark), before an opening
#: mark or a capital.
_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’]))\s+(?=[“\"A-Z])")


def split_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, in order; a split after an abbreviation is joined again."""
    merged: list[str] = []
    for part in _BREAK.split(paragraph):
        if merged and ABBREVIATED.search(merged[-1]):
            merged[-1] += " " + part
        else:
            merged.append(part)
    return merged
