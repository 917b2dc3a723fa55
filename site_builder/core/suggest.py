"""'Did you mean …?' for every command: one rule for what counts as close. Pure.

A suggestion is only worth printing when it is what the writer meant: a typo
("xi-jingping" -> "xi-jinping"), a missing or extra letter, or the display name
of an entry ("Kim Jong Un" -> "kim-jong-un"). Two ids that merely share a word
("hermit-kingdom", "united-kingdom") are not close, so the bar is a high
similarity over the whole string (rapidfuzz's normalised Indel ratio), not a
shared part.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

#: Similarity (0–100) above which a choice is offered.
CUTOFF = 82.0


def closest(word: str, choices: Iterable[str], names: Mapping[str, str] | None = None) -> str | None:
    """The choice ``word`` most likely meant, matching ids and (optionally) their display names."""
    options = list(choices)
    if not word or not options:
        return None
    low = word.strip().lower()
    found = process.extractOne(low, options, scorer=fuzz.ratio, score_cutoff=CUTOFF)
    if found:
        return str(found[0])
    if names:
        by_name = {name.lower().replace(" ", "-"): key for key, name in names.items()}
        hit = process.extractOne(low.replace(" ", "-"), list(by_name), scorer=fuzz.ratio, score_cutoff=CUTOFF)
        if hit:
            return by_name[str(hit[0])]
    return None


def did_you_mean(word: str, choices: Iterable[str], names: Mapping[str, str] | None = None) -> str | None:
    """``did you mean 'x'?`` when a close choice exists, else None."""
    match = closest(word, choices, names)
    return f"did you mean '{match}'?" if match else None
