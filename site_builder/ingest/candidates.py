"""Ingest: names that look like actors but are not in the registry. Pure: text + known spans in.

A candidate is a run of two to four capitalised words that no registry actor
covers. Its kind is guessed from the words around it: a title before it
("Defense Minister", "member", "President") or a speech verb after it makes a
person; a head noun ("Ministry", "Party", "Agency") makes an organisation or
media. Runs that name wars, places or days are not actors and are skipped.
Guesses are only proposals: they are listed for review, never silently added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..mentions import Mention
from ..urls import slugify

_TITLES = re.compile(r"(?:President|Minister|[Ll]eader|[Mm]ember|Secretary|Chairman|Chairwoman|Premier|"
                     r"Ambassador|[Ee]nvoy|[Ss]pokes(?:man|woman|person)|General|Governor|Mayor|Senator|"
                     r"King|Queen|Prince|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|[Oo]fficial|[Cc]hief|Commander|Director|"
                     r"Deputy|Vice|Counsellor|[Dd]iplomat|Politburo member)\s+$")
_SPEECH_AFTER = re.compile(r"^\s*(?:said|says|told|added|stated|warned)\b")
_ORG_HEADS = ("Ministry", "Party", "Council", "Committee", "Commission", "Organization", "Organisation",
              "Force", "Forces", "Army", "Navy", "Union", "Bank", "Fund", "Assembly", "Parliament",
              "Congress", "Office", "Department", "Agency", "Alliance", "Group", "Corporation", "Institute")
_MEDIA_HEADS = ("News", "Times", "Post", "TV", "Television", "Radio", "Agency", "Press", "Daily", "Journal")
_STATE_HEADS = ("Republic", "Kingdom", "Federation", "Emirates", "States")
_NOT_ACTORS = ("War", "Peninsula", "Day", "Sea", "Ocean", "River", "Initiative", "Games", "Summit", "Year",
               "Cup", "Olympics", "Pandemic", "Strait", "Island", "Islands", "Street", "Square", "Road", "Bay",
               "Vale", "City", "Town", "Valley", "Mountains", "Lake", "Park", "Airport", "Port", "Bridge")
_STOP = frozenset({"The", "A", "An", "In", "On", "At", "But", "And", "Or", "For", "With", "As", "After",
                   "Before", "While", "When", "This", "That", "These", "Those", "It", "He", "She", "They",
                   "We", "His", "Her", "Their", "Our", "Its", "Many", "Some", "Meeting", "According", "Photo",
                   "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                   "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December", "North", "South", "East", "West", "Chinese", "Russian", "Korean"})
_TITLE_WORDS = frozenset({"President", "Minister", "Prime", "Defense", "Defence", "Foreign", "Finance",
                          "Interior", "Deputy", "Vice", "Secretary", "General", "Chairman", "Premier",
                          "Ambassador", "Senator", "Governor", "Mayor", "Commander", "Director", "Chief",
                          "Leader", "Supreme", "King", "Queen", "Prince", "Mr", "Ms", "Mrs", "Dr", "Member",
                          "Spokesman", "Spokeswoman", "Envoy", "Councillor", "Lieutenant", "Colonel"})
_RUN = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Za-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Za-z]+)?){1,3}\b")


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    kind: str  # person, organisation, media, state
    evidence: str


def _overlaps(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(not (end <= m.start or start >= m.end) for m in mentions)


def find_candidates(text: str, mentions: list[Mention], known_ids: set[str],
                    known_names: tuple[str, ...] = ()) -> list[Candidate]:
    """Actor-like names in ``text`` that the registry (``mentions``, ``known_ids``) does not cover.

    ``known_names``: lowercase names and aliases of registry actors; a run inside one is not new.
    """
    found: dict[str, Candidate] = {}
    for m in _RUN.finditer(text):
        words = m.group(0).split()
        while words and (words[0] in _STOP or words[0] in _TITLE_WORDS):
            words.pop(0)  # "Defense Minister Sergei Shoigu" -> "Sergei Shoigu"
        if len(words) < 2 or words[-1] in _NOT_ACTORS or any(w in _STOP for w in words):
            continue
        name = " ".join(words)
        start = m.end() - len(name)
        if _overlaps(start, m.end(), mentions) or slugify(name) in known_ids or \
                any(name.lower() in covered for covered in known_names):
            continue  # part of a registry actor's name ("Foreign Ministry" of "Chinese Foreign Ministry")
        before, after = text[max(0, start - 40):start], text[m.end():m.end() + 20]
        if words[-1] in _MEDIA_HEADS and words[-1] != "Agency" or \
                (words[-1] == "Agency" and "News" in words):
            kind, why = "media", f"ends in '{words[-1]}'"
        elif any(w in _ORG_HEADS for w in words):
            head = next(w for w in words if w in _ORG_HEADS)
            kind, why = "organisation", f"has '{head}' in its name"
        elif words[-1] in _STATE_HEADS:
            kind, why = "state", f"ends in '{words[-1]}'"
        elif _TITLES.search(before):
            kind, why = "person", f"follows '{before.split()[-1]}'"
        elif _SPEECH_AFTER.search(after):
            kind, why = "person", "is said to speak"
        elif len(words) <= 3 and re.search(rf"(?<!{re.escape(words[-2])} )(?<![\w]){re.escape(words[-1])}(?![\w])",
                                           text[:start] + " " + text[m.end():]):
            kind, why = "person", f"'{words[-1]}' recurs alone, as a surname does"
        else:
            continue
        key = slugify(name)
        found.setdefault(key, Candidate(key, name, kind, why))
    return list(found.values())
