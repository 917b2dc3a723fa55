"""Ingest: what a run of capitalised words is.

A person (with role), an organisation, a medium, or nothing. Pure.

The rules read the words of the run and a little text around it, and know no
particular actor: a title before a name makes a person and becomes its role
("Defense Minister Sergei Shoigu"); a given name, "said" next to the name or a
role in apposition (", a Democratic pollster") make a person; a head noun makes an
organisation or a medium ("Board", "Department", "Times"); places, laws, events,
products and demonym groups are nothing. ``actors.py`` decides what is already
known; this module only judges new names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from site_builder.authoring.ingest import names as N

_SPEECH_NEAR = re.compile(
    r"^\W{0,3}(?:said|says|told|tells|added|adds|wrote|writes|argued|argues|noted|notes|"
    r"warned|warns|explained|explains|stated|asked|asks|recalled|continued|insisted|"
    r"acknowledged|admitted|announced|testified|posted|tweeted|replied|responded)\b"
)
_SAID_BEFORE = re.compile(r"\b(?:said|says|according to|wrote|writes|told|asked|added)\s*$")
#: Before a speaker ("said Mit Winter"), not an addressee ("told Entertainment Tonight").
_SPEAKER_BEFORE = re.compile(r"\b(?:said|says|according to|wrote|writes|added)\s*$")
APPOSITIVE = re.compile(r"^,\s+(?:the\s+|a\s+|an\s+|who\s+is\s+(?:the\s+|a\s+|an\s+)?)?"
                        r"(?P<role>[A-Za-z][\w’'\- ]{2,70}?)(?=,|\.|;|\s+(?:who|said|says|told|and|in)\b)")
ACRONYM_AFTER = re.compile(r"^\s*\((?P<acr>[A-Z][A-Za-z&.]{1,9})\)")
#: Nouns that say the name beside them is a body: "the Chinese company", "the platform".
ORG_NOUNS = (
    "company", "companies", "firm", "startup", "start-up", "giant", "maker", "platform", "site", "website",
    "retailer", "chain", "brand", "app", "manufacturer", "developer", "provider", "supplier", "group",
    "conglomerate", "network", "service", "studio", "lab", "nonprofit", "non-profit", "charity",
    "organisation", "organization", "agency", "outlet", "publication", "newspaper", "broadcaster", "magazine",
    "channel",
)
_ORG_CUE = re.compile(r"\b(?:" + "|".join(ORG_NOUNS) + r")s?\b", re.IGNORECASE)
_ORG_OWNED = re.compile(r"^['’]s\s+(?:chief|ceo|founder|co-founder|spokesperson|spokesman|spokeswoman|"
                        r"executives?|shares|stock|app|platform|website|site|parent|owner|board|employees|"
                        r"staff|products?|devices?|phones?|software|services?)\b", re.IGNORECASE)
_MEDIA_CUE = re.compile(r"\b(?:told|reported|reports|according to|interview with|in an interview with|"
                        r"newspaper|broadcaster|outlet|magazine)\b", re.IGNORECASE)


@dataclass
class Proposal:
    name: str
    kind: str
    why: str
    start: int
    end: int
    role: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)


def split_and(words: list[N.Word], known: Callable[[str], bool]) -> list[list[N.Word]]:
    """Split "Israel and Hamas" but keep "Department of Health and Human Services"."""
    parts: list[list[N.Word]] = [[]]
    seen_of = False
    for i, w in enumerate(words):
        low = w.low
        if low == "of":
            seen_of = True
        nxt = words[i + 1] if i + 1 < len(words) else None
        if low == "and" and nxt is not None:
            before = parts[-1]
            rest = [x.low for x in words[i + 1:]]
            joins_name = bool(rest) and rest[-1] in N.ORG_HEADS and rest[0] != "the" and bool(before) and \
                not any(x.low in N.ORG_HEADS or N.is_given_name(x.text) or N.is_title(x.text) or known(x.text)
                        for x in before)
            if not joins_name and (not seen_of or known(nxt.text) or N.is_given_name(nxt.text)):
                parts.append([])
                seen_of = False
                continue
        if low in ("on", "at", "for", "of") and nxt is not None and nxt.low in N.MONTHS_DAYS:
            break
        parts[-1].append(w)
    return [p for p in parts if p]


def trim(words: list[N.Word]) -> list[N.Word]:
    """Without connectors or dates at the ends ("Al Gore" keeps its capitalised "Al")."""
    while words and ((words[-1].low in N.CONNECTORS and words[-1].text.islower()) or
                     words[-1].low in N.MONTHS_DAYS):
        words = words[:-1]
    while words and words[0].low in N.CONNECTORS and words[0].text.islower():
        words = words[1:]
    return words


@lru_cache(maxsize=2)
def _words_of(text: str) -> tuple[frozenset[str], Counter[str]]:
    """The words ``text`` writes in lowercase, and how often it writes each word: one pass per article."""
    words = _ANY_WORD.findall(text)
    return frozenset(w for w in words if w.islower()), Counter(words)


_ANY_WORD = re.compile(r"[^\W_][\w’'-]*")


def is_role(appositive: str, role: str) -> bool:
    """ ", a Democratic pollster", ", co-founder of Primus Partners": a description that names a role."""
    words = role.split()
    if not words:
        return False
    with_article = bool(re.match(r"^,\s+(?:the|a|an|who is)\b", appositive))
    if _head_noun(role) in _THING_HEADS:
        return False  # ", a former public housing complex": a thing, not a role
    return N.is_title(words[0]) or (with_article and any(N.is_title(w) for w in words[:4]))


def _head_noun(description: str) -> str:
    """The noun a description is about, read as its last word before a clause or a place ("complex" in
    "former public housing complex where the unit operated", "professor" in "University of Washington
    professor")."""
    words = re.split(r"\s+(?:who|which|that|where|when|in|on|at)\s+", description, maxsplit=1)[0].split()
    return words[-1].lower().strip(",.;:") if words else ""


#: Nouns that end a description of a thing, never of a person's role.
_THING_HEADS = frozenset({"complex", "facility", "site", "product", "device", "brand", "tool",
                          "chatbot", "service", "vehicle", "car", "phone", "game", "franchise"})


def _org_head(low: list[str]) -> str | None:
    """The head noun of an organisation name: its last word, or the last before "of" ("Bank of England")."""
    core = low
    for i, word in enumerate(low):
        if word in ("of", "for", "on") and i:
            core = low[:i]
            break
    for candidate in (low[-1], core[-1]):
        if candidate.rstrip(".") in N.ORG_HEADS:  # "Inc.", "Corp.", "Co." keep their full stop
            return candidate.rstrip(".")
    return None


_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]{2,}AI|i[A-Z][a-z]{3,}")


#: A company's legal form after a comma ("Downtown Madison, Inc.").
_COMPANY_SUFFIX = re.compile(r",\s*(Inc|LLC|Ltd|Corp|PLC|L\.L\.C)\b\.?")


def classify(words: list[N.Word], text: str, role_words: list[N.Word],
              demonym_of: Callable[[str], str | None],
              known_state: Callable[[N.Word], bool] = lambda w: False, beside_person: bool = False
              ) -> Proposal | None:
    """What a run of name words is, or None when it is not an actor."""
    if len(words) > 1 and words[-1].text.isupper() and words[-2].low in N.ORG_HEADS:
        words = words[:-1]  # "Princeton University AI hub"
    tokens = [w.text for w in words]
    low = [w.low for w in words]
    start, end = words[0].start, words[-1].end
    name = text[start:end]
    # "Celinda Lake" may still be a person, when a title, a role or "said" says so (below)
    not_actor = low[-1] in N.NOT_ACTOR_HEADS
    if any(t in N.MONTHS_DAYS for t in low) or demonym_of(name) or " ".join(low) in N.PLACES:
        return None
    if any(any(c.isdigit() for c in t) for t in tokens) or text[max(0, start - 1):start] in ("@", "#", "/"):
        return None  # handles, hashtags, codes
    if all(t.isupper() and len(t) > 1 for t in tokens) and len(tokens) > 1:
        return None  # a shouted heading, not a name
    if len(tokens) == 1 and (low[0] in N.ORG_HEADS or low[0] in N.MEDIA_HEADS):
        return None  # "the Court", "the Department"
    after = text[end:end + 80]
    before = text[max(0, start - 60):start]
    suffix = _COMPANY_SUFFIX.match(after)
    if suffix and len(tokens) <= 5:  # "Downtown Madison, Inc.": the comma split the company's name
        return Proposal(name + suffix.group(0), "organisation", f"followed by '{suffix.group(1)}'", start,
                        end + suffix.end())
    if role_words and all(w.text.isupper() for w in [*role_words, *words]) and \
            sum(len(w.text) > 1 for w in [*role_words, *words]) > 1:
        return None  # "PRINCESS DIANA'S DRESS": a shouted heading, not a title and a name
    if low[-1] in N.MEDIA_HEADS or re.fullmatch(r"[A-Z]{3,5}-(?:TV|FM|AM)", name):
        if len(tokens) >= 2 and not words[0].sentence_start or _MEDIA_CUE.search(before[-30:] + after[:30]):
            return Proposal(name, "media", f"ends in '{tokens[-1]}'", start, end)
        return None
    appositive = APPOSITIVE.match(after)
    if appositive is not None and re.match(r"^,\s+(?:a|an)\b", appositive.group(0)) and \
            _head_noun(appositive.group("role")) in _THING_HEADS and \
            not any(t in N.ORG_HEADS or t in N.MEDIA_HEADS for t in low):
        return None  # "Ida B. Wells, a former public housing complex": a thing named after someone
    described = appositive is not None and is_role(appositive.group(0), appositive.group("role"))
    person_cue = (
        bool(role_words) or described or bool(_SPEAKER_BEFORE.search(before) or _SPEECH_NEAR.search(after))
    )
    if not_actor and (low[-1] in N.WORK_HEADS
                      or not (2 <= len(tokens) <= 4 and (N.is_given_name(tokens[0]) or person_cue))):
        return None
    head = _org_head(low)
    if head and (len(tokens) > 1 and not (len(tokens) == 2 and low[0] in N.CONNECTORS)) \
            and head not in N._WEAK_ORG_HEADS | {"government"} or (head and len(tokens) > 2):
        if head == "government" and low[0] == "government" and demonym_of(tokens[-1]) is None and \
                known_state(words[-1]):
            return None  # "Government of India" is the state
        return Proposal(name, "organisation", f"has '{head.capitalize()}' in its name", start, end)
    surname_demonym = len(tokens) == 2 and N.is_given_name(tokens[0]) and not demonym_of(tokens[0]) and \
        not N.is_title(tokens[0])  # "David French", "Anna German": a given name, then a surname
    if (any(demonym_of(t) for t in tokens) and not surname_demonym) or any(N.is_title(t) for t in tokens):
        return None  # "Israeli American", "Moderate Democrats"
    role = " ".join(w.text for w in role_words) or None
    # "Al Sharpton": a connector ("al", "de") that opens the name is a given name when one follows
    opens = len(tokens) > 1 and N.is_given_name(tokens[0]) and \
        not any(t.lower() in N.CONNECTORS for t in tokens[1:])
    name_words = [t for i, t in enumerate(tokens) if t.lower() not in N.CONNECTORS or (i == 0 and opens)]
    if (
        len(name_words) == 1
        and role_words
        and name_words[0][:1].isupper()
        and not N.is_given_name(name_words[0])
    ):
        title_word = role_words[-1]
        if title_word.low.rstrip(".") in N.REGNAL_TITLES and N.common(name_words[0]) < 4.0:
            # "Pope Francis": the title is part of the name ("Prince of Peace" is not a person)
            return Proposal(text[title_word.start:end], "person", f"follows '{title_word.text}'",
                             title_word.start, end, role=role)
        if title_word.low.rstrip(".") in N.SURNAME_TITLES and N.common(name_words[0]) < 3.5:
            return Proposal(name, "person", f"follows '{title_word.text}'", start, end, role=role)
    elif len(name_words) == 1 and role_words and role_words[-1].low.rstrip(".") in N.REGNAL_TITLES and \
            N.common(name_words[0]) < 4.0:
        title_word = role_words[-1]
        return Proposal(
            text[title_word.start : end],
            "person",
            f"follows '{title_word.text}'",
            title_word.start,
            end,
            role=role,
        )
    if 2 <= len(name_words) <= 4 and all(t[0].isupper() for t in name_words):
        first = name_words[0].rstrip(".")
        initial = len(first) == 1
        last = name_words[-1].rstrip(".")
        if (
            any(len(t) > 1 and t.isupper() and "." not in t for t in name_words)
            or first.lower() in N.PLACE_STARTS
            or len(last) == 1
            or any(t.lower() in N.FUNCTION_WORDS for t in name_words)
            or (
                not N.is_given_name(first)
                and not initial
                and not role
                and not (described and N.common(last) < 4.0)
                and not _SPEAKER_BEFORE.search(before)  # "said Mit Winter, a sports attorney"
                and (
                    N.common(first) >= 3.0
                    or (first.lower().endswith(("ed", "ing")) and N.common(first) >= 1.5)
                )
            )
        ):
            return None  # "F. This", "Taylor B.", "Unblocked Netflix": not how people are named
        ordinary = name_words[-1].lower() in _words_of(text)[0] \
            and (N.common(first) >= 4.0 or not N.is_given_name(first))
        rare = N.is_given_name(first) or any(N.common(t) < 3.5 for t in name_words) or (
            len(name_words) == 2 and bool(role_words) and N.is_title(role_words[-1].text)
            and N.common(last) < 4.0)  # "Former Senator Norm Coleman"
        evidence = None
        if role and not ordinary and rare:
            evidence = f"follows '{role}'"
        elif initial or (N.is_given_name(first) and not ordinary):
            evidence = f"'{first}' is a given name"
        elif (
            not ordinary
            and (_SPEECH_NEAR.search(after) or _SAID_BEFORE.search(before))
            and not re.search(r"\b(?:at|of|from|with|for)\s+$", before)
        ):  # "head of research at Quilter Cheviot, said"
            evidence = "is said to speak"
        elif not ordinary and described:
            evidence = "is described by a role"
        elif not ordinary and beside_person:
            evidence = "is named beside a person"
        if evidence is None or (not_actor and not person_cue):
            return None
        return Proposal(name, "person", evidence, start, end, role=role)
    if len(tokens) == 1:
        word = tokens[0]
        camel = bool(_CAMEL.fullmatch(word))
        if len(word) < 3 or N.is_given_name(word) or words[0].sentence_start and not camel:
            return None
        if word in N.US_STATE_ABBREVIATIONS and text[end:end + 1] == "." and before.rstrip().endswith(","):
            return None  # "Nashville, Tenn.": a place
        cue = bool(
            _ORG_OWNED.match(text[end : end + 40])
            or _ORG_CUE.search(before[-40:])
            or re.match(r"^,\s+(?:a|an|the|which)\b[^.,;]{0,60}?" + _ORG_CUE.pattern, after, re.IGNORECASE)
        )
        again = _words_of(text)[1][word] >= 2
        if camel and (cue or again or not word.startswith("i")):
            return Proposal(word, "organisation", "a company-style name", start, end)
        if re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)+-[A-Z][a-z]*", word) and (cue or again) \
                and not N.is_given_name(word.split("-")[0]):
            return Proposal(word, "organisation", "a brand-style name", start, end)
        if N.common(word) >= 3.6 or word.isupper() or not word[1:].islower():
            return None
        if cue:
            return Proposal(word, "organisation", "named as a company or platform", start, end)
    return None


def person_of_place(words: list[N.Word], titled: bool) -> list[list[N.Word]]:
    """ "Susan Collins of Maine", "Ira Katz of Little Five Points Pharmacy": the person, then the rest."""
    for i, w in enumerate(words):
        if w.low == "of" and 2 <= i <= 4 and (titled or N.is_given_name(words[0].text)) and \
                not any(x.low in N.ORG_HEADS or x.low in N.CONNECTORS for x in words[:i]):
            rest = words[i + 1:]
            if rest and rest[0].low == "the":
                rest = rest[1:]
            return [words[:i], rest] if rest else [words[:i]]
    return [words]


_GIVEN_NAME_TITLES = frozenset({"dean", "major"})


def role_and_name(run: list[N.Word], known_at: Callable[[N.Word], bool]) -> tuple[list[N.Word], list[N.Word]]:
    """Split "UN Secretary-General António Guterres" into role words and name words."""
    last_title = -1
    for i, w in enumerate(run):
        nxt = run[i + 1].low if i + 1 < len(run) else ""
        # "Dean Emma Dench": a title that is also a given name ("Dean Baker") when a whole name follows
        named_title = w.low in _GIVEN_NAME_TITLES and len(run) - i >= 3 and N.is_given_name(run[i + 1].text)
        if (N.is_title(w.text) or named_title) and not known_at(w) and nxt not in N.ORG_HEADS and \
                w.low not in N.ORG_HEADS and not us_state_before(run, i):
            last_title = i  # "Supreme Court", "General Assembly": a title word inside an organisation name
    if last_title < 0:
        return [], run
    cut = last_title + 1
    if cut < len(run) and run[cut].low == "of":  # "Speaker of the House Newt Gingrich"
        rest = cut + 1 + (cut + 1 < len(run) and run[cut + 1].low == "the")
        if len(run) - rest >= 3:
            cut = rest + 1
    return run[:cut], run[cut:]


def us_state_before(run: list[N.Word], i: int) -> bool:
    """Whether ``run[i]`` is "State" after the name of a US state: part of the place ("New York State
    Thruway Authority", "Washington State Department of Health"), not a title as in "State Senator"."""
    if run[i].low != "state":
        return False
    return any(i >= n and " ".join(w.low for w in run[i - n:i]) in N.US_STATES for n in (1, 2))


def role_before(body: str, start: int, offset: int) -> list[N.Word]:
    """A lowercase title just before a name: "Politburo member Li Hongzhong", "spokesman John Kirby"."""
    words = list(re.finditer(r"[\w’'.-]+", body[max(0, start - 60):start]))
    if (
        not words
        or body[max(0, start - 60) + words[-1].end() : start].strip()
        or not N.is_title(words[-1].group(0))
    ):
        return []
    base = max(0, start - 60)
    picked = [words[-1]]
    for w in reversed(words[:-1]):
        gap = body[base + w.end():base + picked[0].start()]
        if gap.strip() or not (N.is_title(w.group(0)) or N.is_capitalised(w.group(0))) or \
                w.group(0).lower() in N.FUNCTION_WORDS or len(picked) >= 4:
            break
        picked.insert(0, w)
    return [N.Word(w.group(0), base + w.start() + offset, base + w.end() + offset) for w in picked]


def leading_common(run: list[N.Word]) -> list[N.Word]:
    """Drop a sentence-initial ordinary word: "Meanwhile Gilad Erdan", "Could Trump"."""
    for i, w in enumerate(run[:2]):  # "Members of the Congressional Black Caucus"
        if (
            i + 2 < len(run)
            and run[i + 1].low == "of"
            and w.low not in N.ORG_HEADS
            and not N.is_title(w.text)
            and N.common(w.text) >= 4.0
            and w.low.endswith("s")
        ):
            run = run[i + 2:]
            run = run[1:] if run and run[0].low == "the" else run
            break
    while (
        len(run) > 1
        and not N.is_title(run[0].text)
        and (
            run[0].low in N.FUNCTION_WORDS
            or run[0].low.endswith("-based")
            or (
                run[0].sentence_start
                and N.common(run[0].text) >= 4.0
                and not N.is_given_name(run[0].text)
                and run[0].low not in N.PLACE_STARTS
                and run[0].low not in N.ORG_HEADS
                and run[1].low not in N.CONNECTORS
                and not N.is_title(run[1].text)
                and _org_head([w.low for w in run]) is None
            )
        )
    ):
        run = [w._replace(sentence_start=True) for w in run[1:2]] + run[2:]
    return run


def clean_role(role: str, role_words: list[N.Word], demonym_of: Callable[[str], str | None]) -> str:
    words = [w.text for w in role_words if not demonym_of(w.text) and w.low not in ("former", "then", "late")]
    return " ".join(words) if role_words else role


#: Words before a name that make no role on their own: words that say when ("former"), and honorifics,
#: which say how to address someone, not what they do.
_NOT_ROLES = frozenset({"former", "then", "late", "now", "met", "the", "a", "an", "ex",
                        "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "dr", "fr"})
#: A sentence that ends inside the words before a name: "Hillary Clinton. FBI director James Comey".
_ROLE_SENTENCE_END = re.compile(r"(\S+)[.!?]\s+(?=[A-Z])")
#: A role cut short by an honorific that ended the run: "senior adviser to Mr" (to Mr. Trump).
_DANGLING = re.compile(r"\s+(?:to|of|at|for|with)\s+(?:Mr|Mrs|Ms|Dr)\.?$")
#: A role cut short by an initial: "president of the A" (A.F.L.-C.I.O.), "aide to President George W".
_INITIAL_END = re.compile(r"\s(?:[A-Z]|Mr|Mrs|Ms|Dr)\.?$")


def usable_role(role: str) -> str:
    """The role as a curator would keep it, or "" where the words before a name make none.

    The words before a name are not always a role: the end of the sentence before ("Hillary Clinton.
    FBI director" keeps "FBI director"), a heading in capitals ("TOO EARLY -"), a word that only says
    when ("former"), or a phrase cut short by an abbreviation ("senior adviser to Mr" keeps "senior
    adviser"; "president of the A" keeps nothing). A role left empty is for the curator to fill; a
    broken one is a correction to make.
    """
    role = " ".join(role.split())
    for end in reversed(list(_ROLE_SENTENCE_END.finditer(role))):
        word = end.group(0).rstrip().rstrip(".!?")
        if len(end.group(1)) > 2 and not N.is_abbreviation(word + "."):
            role = role[end.end():]
            break
    role = _DANGLING.sub("", role).strip(" ,;:")
    if _INITIAL_END.search(role):
        return ""
    if role.endswith(".") and not N.is_abbreviation(role.split()[-1].split("-")[-1]):
        role = role[:-1]  # "judge." at the end of a sentence
    words = role.split()
    _, joined, after = role.rpartition(" and ")
    if joined and after and N.is_title(after.split()[0]):
        return ""  # two people's titles run together: "Sen. Ted Cruz of Texas and Gov."
    dashes = ("-", "–", "—")
    heading = sum(len(w) >= 3 and w.isupper() and w.isalpha() for w in words) >= 2  # "TOO EARLY"
    ends_open = bool(words) and words[-1].lower() in ("and", "or", "of", "the")
    if not words or role.lower().rstrip(".") in _NOT_ROLES or ends_open \
            or not any(c.isalpha() for c in role) or role.startswith(dashes) or role.endswith(dashes) \
            or " - " in role or heading:
        return ""
    return role


def merge_variants(proposals: dict[str, Proposal]) -> dict[str, Proposal]:
    """One proposal per actor: "Lionel White Sr." and "Lionel White", "Gad Haggai" and "Gadi Haggai"."""
    from rapidfuzz import fuzz

    people = [k for k, p in proposals.items() if p.kind == "person"]
    drop: set[str] = set()
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            if a in drop or b in drop:
                continue
            wa, wb = a.split(), b.split()
            same_last = (
                wa[-1] == wb[-1] or wa[-1].rstrip(".") in ("jr", "sr") or wb[-1].rstrip(".") in ("jr", "sr")
            )
            contained = set(wa) <= set(wb) or set(wb) <= set(wa)
            # "Daniel Gonzalez" and "Daniela Gonzalez" are two people: their given names differ in gender
            ga, gb = N.gender(wa[0]), N.gender(wb[0])
            two_given = wa[0] != wb[0] and ga is not None and gb is not None and ga != gb
            if (same_last and not two_given and fuzz.ratio(a, b) >= 88) or (contained and wa[0] == wb[0]):
                keep, gone = (a, b) if len(a) >= len(b) else (b, a)
                proposals[keep].aliases.append(proposals[gone].name)
                drop.add(gone)
    return {k: p for k, p in proposals.items() if k not in drop}
