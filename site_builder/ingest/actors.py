"""Ingest: who an article names: registry actors, gazetteer entries and new names. Pure.

Three sources, in order of trust:

1. the archive's registry (``actors.yml``): matched by name and alias, with the
   gazetteer's extra forms of the same actor ("America" for ``united-states``);
2. the starter gazetteer (states, organisations, media): an entry the registry
   lacks becomes a proposal carrying the gazetteer's facts;
3. capitalised name runs (``names.py``) that neither knows: a person when a given
   name, a title or a speech verb says so, an organisation or a medium when a head
   noun does ("Board", "Department", "Times"); anything else (places, laws,
   events, demonym groups) is not proposed.

States are also named by their capital used as a metonym ("Beijing said") and by
a demonym standing for their forces or leaders ("Israeli troops"), never by a
place phrase ("talks in Beijing") or a group of people ("Israeli Americans").

Titles are not names: "Secretary-General António Guterres" proposes the person
"António Guterres" and keeps "Secretary-General" as the role.

Linear in the text: every stage is one pass of an automaton or of the word runs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..mentions import Matcher, Mention, fold, mentioned_ids, without_overlaps
from ..models import Actor
from ..urls import slugify
from . import names as N
from .gazetteer import Gazetteer

#: At most this many new names are proposed from one article (a live blog may name hundreds).
MAX_PROPOSALS = 60

_SPEECH_NEAR = re.compile(r"^\W{0,3}(?:said|says|told|tells|added|adds|wrote|writes|argued|argues|noted|notes|"
                          r"warned|warns|explained|explains|stated|asked|asks|recalled|continued|insisted|"
                          r"acknowledged|admitted|announced|testified|posted|tweeted|replied|responded)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|according to|wrote|writes|told|asked|added)\s*$")
_APPOSITIVE = re.compile(r"^,\s+(?:the\s+|a\s+|an\s+|who\s+is\s+(?:the\s+|a\s+|an\s+)?)?"
                         r"(?P<role>[A-Za-z][\w’'\- ]{2,70}?)(?=,|\.|;|\s+(?:who|said|says|told|and|in)\b)")
_ACRONYM_AFTER = re.compile(r"^\s*\((?P<acr>[A-Z][A-Za-z&.]{1,9})\)")
_ORG_CUE = re.compile(r"\b(?:company|companies|firm|startup|start-up|giant|maker|platform|site|website|retailer|"
                      r"chain|brand|app|manufacturer|developer|provider|supplier|group|conglomerate|"
                      r"network|service|studio|lab|nonprofit|non-profit|charity|organisation|organization|"
                      r"agency|outlet|publication|newspaper|broadcaster|magazine|channel)s?\b", re.IGNORECASE)
_ORG_OWNED = re.compile(r"^['’]s\s+(?:chief|ceo|founder|co-founder|spokesperson|spokesman|spokeswoman|"
                        r"executives?|shares|stock|app|platform|website|site|parent|owner|board|employees|"
                        r"staff|products?|devices?|phones?|software|services?)\b", re.IGNORECASE)
_MEDIA_CUE = re.compile(r"\b(?:told|reported|reports|according to|interview with|in an interview with|"
                        r"newspaper|broadcaster|outlet|magazine)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """An actor the article names, known or proposed."""

    actor: Actor
    source: str  # "registry", "gazetteer" or "text"
    evidence: str = ""  # the sentence it was first seen in
    why: str = ""  # why this kind, for proposals


@dataclass
class Result:
    findings: list[Finding]
    mentions: list[Mention]
    actors: dict[str, Actor]  # everything a mention can point at (registry, gazetteer, proposals)
    known: Matcher  # the registry and the gazetteer, shared by every article
    new: Matcher  # this article's proposals
    rank: dict[str, int]  # ties between equal spans: registry, then proposals, then gazetteer

    def mentions_of(self, text: str, named_elsewhere: list[str]) -> list[Mention]:
        """Every actor ``text`` (a part of the article) names, the article's new names included."""
        return without_overlaps(self.known.find(text, named_elsewhere) + self.new.find(text, named_elsewhere),
                                self.rank)


@dataclass(frozen=True)
class _Prepared:
    """Everything about the registry and the gazetteer that does not depend on the article."""

    matching: dict[str, Actor]
    linked: dict[str, str]
    known: Matcher
    in_registry: Matcher
    capitals: Matcher
    demonyms: Matcher
    demonym_forms: dict[str, str]
    state_ids: frozenset[str]
    known_keys: frozenset[str]
    person_words: frozenset[str]
    doubtful: dict[str, str]


_PREPARED: dict[tuple[int, tuple[tuple[str, str, str, tuple[str, ...], str | None], ...]], _Prepared] = {}


def _prepare(registry: Mapping[str, Actor], gazetteer: Gazetteer) -> _Prepared:
    """Built once per registry and gazetteer: a batch of articles shares one set of automatons."""
    key = (id(gazetteer), tuple((a.id, a.name, a.kind, a.aliases, a.wikidata) for a in registry.values()))
    cached = _PREPARED.get(key)
    if cached is not None:
        return cached
    matching, linked = link_gazetteer(registry, gazetteer)
    capitals, demonyms = _state_forms(gazetteer, linked)
    demonym_forms = {fold(n): a.id for a in demonyms.values() for n in (a.name, *a.aliases)}
    demonym_forms.update({fold(n) + "s": a for n, a in list(demonym_forms.items())})
    prepared = _Prepared(
        matching, linked, Matcher(matching), Matcher(registry), Matcher(capitals), Matcher(demonyms),
        demonym_forms, frozenset(a.id for a in matching.values() if a.kind == "state"),
        frozenset(_key(n) for a in matching.values() for n in (a.name, *a.aliases)),
        frozenset(w for a in matching.values() if a.kind == "person" for w in _key(a.name).split()),
        {linked.get(e.actor.id, e.actor.id): e.actor.name for e in gazetteer.entries.values() if e.needs_context})
    if len(_PREPARED) >= 4:
        _PREPARED.clear()
    _PREPARED[key] = prepared
    return prepared


# --------------------------------------------------------------------------- helpers


def _forms(actor: Actor) -> set[str]:
    return {_key(n) for n in (actor.name, *actor.aliases)}


def _key(name: str) -> str:
    return " ".join(fold(name).replace(".", "").split())


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_dot = text.find(". ", end)
    right_nl = text.find("\n", end)
    rights = [r for r in (right_dot, right_nl) if r != -1]
    right = min(rights) + 1 if rights else len(text)
    sentence = " ".join(text[left + 1:right].split())
    return sentence if len(sentence) <= 300 else sentence[:297] + "…"


def link_gazetteer(registry: Mapping[str, Actor], gazetteer: Gazetteer) -> tuple[dict[str, Actor], dict[str, str]]:
    """Matching actors: the registry's, enriched with the gazetteer's forms, plus unlinked gazetteer entries.

    Returns the actors to match and a map gazetteer id -> registry id for entries the registry has.
    """
    by_form: dict[str, str] = {}
    by_wikidata: dict[str, str] = {}
    for actor in registry.values():
        for form in _forms(actor):
            by_form.setdefault(form, actor.id)
        if actor.wikidata:
            by_wikidata[actor.wikidata] = actor.id
    matching = dict(registry)
    linked: dict[str, str] = {}
    for entry in gazetteer.entries.values():
        g = entry.actor
        target = g.id if g.id in registry else by_wikidata.get(g.wikidata or "") or \
            next((by_form[f] for f in (_key(g.name), *map(_key, g.aliases)) if f in by_form), None)
        if target:
            linked[g.id] = target
            have = matching[target]
            extra = tuple(a for a in (g.name, *g.aliases) if _key(a) not in _forms(have)
                          and by_form.get(_key(a), target) == target)
            if extra:
                matching[target] = replace(have, aliases=have.aliases + extra)
        else:
            taken = [a for a in (g.name, *g.aliases) if _key(a) in by_form]
            if taken:  # a form the registry uses for someone else stays the registry's
                g = replace(g, aliases=tuple(a for a in g.aliases if a not in taken))
            matching[g.id] = g
    return matching, linked


# --------------------------------------------------------------------------- states from context


def _state_forms(gazetteer: Gazetteer, linked: Mapping[str, str]) -> tuple[dict[str, Actor], dict[str, Actor]]:
    """Pseudo-actors for capitals and for demonyms, named by the state id they stand for."""
    capitals: dict[str, Actor] = {}
    demonyms: dict[str, Actor] = {}
    for entry in gazetteer.entries.values():
        state = linked.get(entry.actor.id, entry.actor.id)
        if entry.capital:
            capitals[state] = Actor(state, entry.capital, "state")
        if entry.demonyms:
            demonyms[state] = Actor(state, entry.demonyms[0], "state", entry.demonyms[1:])
    return capitals, demonyms


def _capital_metonyms(text: str, capitals: Matcher) -> list[Mention]:
    """A capital that stands for its government: not after "in", "at", "to"…; not part of a longer name."""
    out = []
    for m in capitals.find(text):
        before = text[max(0, m.start - 20):m.start].split()
        prev = before[-1].lower() if before else ""
        after = text[m.end:m.end + 12]
        if prev in N.LOCATIVES or re.match(r"^(?:,\s*D\.?C\.?|\s+[A-Z]|-based)", after) or \
                (before and N.is_capitalised(before[-1]) and not before[-1].endswith((",", ".", ":"))):
            continue
        out.append(m)
    return out


def _demonym_states(text: str, demonyms: Matcher) -> list[Mention]:
    """A demonym followed by a word for the state's forces or leaders ("Israeli troops", "Chinese President")."""
    out = []
    for m in demonyms.find(text):
        nxt = re.match(r"\s+([A-Za-z-]+)", text[m.end:m.end + 30])
        if nxt and nxt.group(1).lower() in N.STATE_AGENTS:
            out.append(m)
    return out


# --------------------------------------------------------------------------- new names


@dataclass
class _Proposal:
    name: str
    kind: str
    why: str
    start: int
    end: int
    role: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _split_and(words: list[N.Word], known: Callable[[str], bool]) -> list[list[N.Word]]:
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


def _trim(words: list[N.Word]) -> list[N.Word]:
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


def _is_role(appositive: str, role: str) -> bool:
    """ ", a Democratic pollster", ", co-founder of Primus Partners": a description that names a role."""
    words = role.split()
    if not words:
        return False
    with_article = bool(re.match(r"^,\s+(?:the|a|an|who is)\b", appositive))
    return N.is_title(words[0]) or (with_article and any(N.is_title(w) for w in words[:4]))


def _org_head(low: list[str]) -> str | None:
    """The head noun of an organisation name: its last word, or the last before "of" ("Bank of England")."""
    core = low
    for i, word in enumerate(low):
        if word in ("of", "for", "on") and i:
            core = low[:i]
            break
    for candidate in (low[-1], core[-1]):
        if candidate in N.ORG_HEADS:
            return candidate
    return None


_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]{2,}AI|i[A-Z][a-z]{3,}")


def _classify(words: list[N.Word], text: str, role_words: list[N.Word],
              demonym_of: Callable[[str], str | None],
              known_state: Callable[[N.Word], bool] = lambda w: False, beside_person: bool = False
              ) -> _Proposal | None:
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
    if low[-1] in N.MEDIA_HEADS or re.fullmatch(r"[A-Z]{3,5}-(?:TV|FM|AM)", name):
        if len(tokens) >= 2 and not words[0].sentence_start or _MEDIA_CUE.search(before[-30:] + after[:30]):
            return _Proposal(name, "media", f"ends in '{tokens[-1]}'", start, end)
        return None
    appositive = _APPOSITIVE.match(after)
    described = appositive is not None and _is_role(appositive.group(0), appositive.group("role"))
    person_cue = bool(role_words) or described or bool(_SAID_BEFORE.search(before) or _SPEECH_NEAR.search(after))
    if not_actor and not (2 <= len(tokens) <= 4 and (N.is_given_name(tokens[0]) or person_cue)):
        return None
    head = _org_head(low)
    if head and (len(tokens) > 1 and not (len(tokens) == 2 and low[0] in N.CONNECTORS)) \
            and head not in N._WEAK_ORG_HEADS | {"government"} or (head and len(tokens) > 2):
        if head == "government" and low[0] == "government" and demonym_of(tokens[-1]) is None and \
                known_state(words[-1]):
            return None  # "Government of India" is the state
        return _Proposal(name, "organisation", f"has '{head.capitalize()}' in its name", start, end)
    if any(demonym_of(t) for t in tokens) or any(N.is_title(t) for t in tokens):
        return None  # "Israeli American", "Moderate Democrats"
    role = " ".join(w.text for w in role_words) or None
    name_words = [t for t in tokens if t.lower() not in N.CONNECTORS]
    if len(name_words) == 1 and role_words and name_words[0][:1].isupper() and not N.is_given_name(name_words[0]):
        title_word = role_words[-1]
        if title_word.low.rstrip(".") in N.REGNAL_TITLES:  # "Pope Francis": the title is part of the name
            return _Proposal(text[title_word.start:end], "person", f"follows '{title_word.text}'",
                             title_word.start, end, role=role)
        if title_word.low.rstrip(".") in N.SURNAME_TITLES and N.common(name_words[0]) < 3.5:
            return _Proposal(name, "person", f"follows '{title_word.text}'", start, end, role=role)
    elif len(name_words) == 1 and role_words and role_words[-1].low.rstrip(".") in N.REGNAL_TITLES:
        title_word = role_words[-1]
        return _Proposal(text[title_word.start:end], "person", f"follows '{title_word.text}'", title_word.start, end,
                         role=role)
    if 2 <= len(name_words) <= 4 and all(t[0].isupper() for t in name_words):
        first = name_words[0].rstrip(".")
        initial = len(first) == 1
        if any(len(t) > 1 and t.isupper() and "." not in t for t in name_words) or \
                first.lower() in N.PLACE_STARTS:
            return None
        ordinary = name_words[-1].lower() in _words_of(text)[0] \
            and (N.common(first) >= 4.0 or not N.is_given_name(first))
        rare = N.is_given_name(first) or any(N.common(t) < 3.5 for t in name_words)
        evidence = None
        if role and not ordinary and rare:
            evidence = f"follows '{role}'"
        elif initial or (N.is_given_name(first) and not ordinary):
            evidence = f"'{first}' is a given name"
        elif not ordinary and (_SPEECH_NEAR.search(after) or _SAID_BEFORE.search(before)):
            evidence = "is said to speak"
        elif not ordinary and described:
            evidence = "is described by a role"
        elif not ordinary and beside_person:
            evidence = "is named beside a person"
        if evidence is None or (not_actor and not person_cue):
            return None
        return _Proposal(name, "person", evidence, start, end, role=role)
    if len(tokens) == 1:
        word = tokens[0]
        camel = bool(_CAMEL.fullmatch(word))
        if len(word) < 3 or N.is_given_name(word) or words[0].sentence_start and not camel:
            return None
        cue = bool(_ORG_OWNED.match(text[end:end + 40]) or _ORG_CUE.search(before[-40:]) or
                   re.match(r"^,\s+(?:a|an|the|which)\b[^.,;]{0,60}?" + _ORG_CUE.pattern, after, re.IGNORECASE))
        again = _words_of(text)[1][word] >= 2
        if camel and (cue or again or not word.startswith("i")):
            return _Proposal(word, "organisation", "a company-style name", start, end)
        if re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)+-[A-Z][a-z]*", word) and (cue or again) \
                and not N.is_given_name(word.split("-")[0]):
            return _Proposal(word, "organisation", "a brand-style name", start, end)
        if N.common(word) >= 3.6 or word.isupper() or not word[1:].islower():
            return None
        if cue:
            return _Proposal(word, "organisation", "named as a company or platform", start, end)
    return None


def _person_of_place(words: list[N.Word], titled: bool) -> list[list[N.Word]]:
    """ "Susan Collins of Maine", "Ira Katz of Little Five Points Pharmacy": the person, then the rest."""
    for i, w in enumerate(words):
        if w.low == "of" and 2 <= i <= 4 and (titled or N.is_given_name(words[0].text)) and \
                not any(x.low in N.ORG_HEADS or x.low in N.CONNECTORS for x in words[:i]):
            rest = words[i + 1:]
            if rest and rest[0].low == "the":
                rest = rest[1:]
            return [words[:i], rest] if rest else [words[:i]]
    return [words]


def _role_and_name(run: list[N.Word], known_at: Callable[[N.Word], bool]) -> tuple[list[N.Word], list[N.Word]]:
    """Split "UN Secretary-General António Guterres" into role words and name words."""
    last_title = -1
    for i, w in enumerate(run):
        nxt = run[i + 1].low if i + 1 < len(run) else ""
        if N.is_title(w.text) and not known_at(w) and nxt not in N.ORG_HEADS and w.low not in N.ORG_HEADS:
            last_title = i  # "Supreme Court", "General Assembly": a title word inside an organisation name
    if last_title < 0:
        return [], run
    cut = last_title + 1
    if cut < len(run) and run[cut].low == "of":  # "Speaker of the House Newt Gingrich"
        rest = cut + 1 + (cut + 1 < len(run) and run[cut + 1].low == "the")
        if len(run) - rest >= 3:
            cut = rest + 1
    return run[:cut], run[cut:]


def _role_before(body: str, start: int, offset: int) -> list[N.Word]:
    """A lowercase title just before a name: "Politburo member Li Hongzhong", "spokesman John Kirby"."""
    words = list(re.finditer(r"[\w’'.-]+", body[max(0, start - 60):start]))
    if not words or body[max(0, start - 60) + words[-1].end():start].strip() or not N.is_title(words[-1].group(0)):
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


def _leading_common(run: list[N.Word]) -> list[N.Word]:
    """Drop a sentence-initial ordinary word: "Meanwhile Gilad Erdan", "Could Trump"."""
    for i, w in enumerate(run[:2]):  # "Members of the Congressional Black Caucus"
        if i + 2 < len(run) and run[i + 1].low == "of" and w.low not in N.ORG_HEADS and not N.is_title(w.text) \
                and N.common(w.text) >= 4.0 and w.low.endswith("s"):
            run = run[i + 2:]
            run = run[1:] if run and run[0].low == "the" else run
            break
    while len(run) > 1 and not N.is_title(run[0].text) and (
            run[0].low in N.FUNCTION_WORDS or run[0].low.endswith("-based") or
            (run[0].sentence_start and N.common(run[0].text) >= 4.0 and not N.is_given_name(run[0].text)
             and run[0].low not in N.ORG_HEADS and run[1].low not in N.CONNECTORS and not N.is_title(run[1].text)
             and _org_head([w.low for w in run]) is None)):
        run = [replace(w, sentence_start=True) for w in run[1:2]] + run[2:]
    return run


# --------------------------------------------------------------------------- the whole article


def _shifted(mentions: list[Mention], offset: int) -> list[Mention]:
    """Mentions found in the body, as spans of the whole text (captions first)."""
    return [replace(m, start=m.start + offset, end=m.end + offset) for m in mentions] if offset else mentions


class _Spans:
    """Non-overlapping spans, for "is this word inside a known name?" in O(log n)."""

    def __init__(self, mentions: list[Mention]) -> None:
        ordered = sorted(mentions)
        self.starts = [m.start for m in ordered]
        self.mentions = ordered

    def at(self, start: int, end: int) -> Mention | None:
        """The mention covering ``[start, end)``, if any."""
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and self.mentions[i].end >= end:
            return self.mentions[i]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.mentions[i].end > start


def find_actors(title: str, paragraphs: list[str], registry: Mapping[str, Actor], gazetteer: Gazetteer,
                captions: list[str] | None = None) -> Result:
    """Every actor the article's ``paragraphs`` name, linked to the registry where it has them.

    ``captions`` (photo captions) count for actors already known, never for new names. The
    title is not read: headlines capitalise every word and repeat what the body names.
    """
    body = "\n\n".join(paragraphs)
    text = "\n\n".join([*(captions or []), body])
    offset = len(text) - len(body)
    prepared = _prepare(registry, gazetteer)
    matching, demonym_forms, state_ids = prepared.matching, prepared.demonym_forms, prepared.state_ids
    # Captions and photo credits ("(Photo by Reuters)") count only for actors the archive already has.
    in_captions = prepared.in_registry.find(text[:offset]) if offset else []

    def demonym_of(word: str) -> str | None:
        return demonym_forms.get(fold(word))

    known_in_body = _shifted(prepared.known.find(body), offset)
    known = _Spans(in_captions + known_in_body)
    states = _shifted(_capital_metonyms(body, prepared.capitals) + _demonym_states(body, prepared.demonyms), offset)
    known_keys = prepared.known_keys

    def is_known(word: str) -> bool:
        return _key(word) in known_keys

    def known_at(w: N.Word) -> bool:
        return known.at(w.start, w.end) is not None

    def is_state_word(w: N.Word) -> bool:
        hit = known.at(w.start, w.end)
        return hit is not None and hit.actor_id in state_ids

    proposals: dict[str, _Proposal] = {}
    for raw in N.runs(body):
        run = [replace(w, start=w.start + offset, end=w.end + offset) for w in raw]
        beside_person = False  # "Arvind Narayanan and Sayash Kapoor": the second is a person too
        for part in _split_and(run, is_known):
            part = _trim(_leading_common(part))
            if not part:
                continue
            role_words, rest = _role_and_name(part, known_at)
            for name_words in _person_of_place(_trim(rest), bool(role_words)):
                p = _propose(name_words, role_words, text, body, offset, known, known_at, is_state_word,
                             demonym_of, beside_person)
                beside_person = p is not None and p.kind == "person"
                if p is None:
                    continue
                key = _key(p.name)
                if key in proposals:
                    have = proposals[key]
                    have.aliases.extend(a for a in p.aliases if a not in have.aliases)
                    have.role = have.role or p.role
                    have.country = have.country or p.country
                elif len(proposals) < MAX_PROPOSALS:
                    proposals[key] = p
                role_words = []  # "Ira Katz of Little Five Points Pharmacy": the title was Katz's
    proposals = _merge_variants(proposals)
    person_words = {w for k, p in proposals.items() if p.kind == "person" for w in k.split()}
    person_words |= prepared.person_words
    proposals = {k: p for k, p in proposals.items() if " " in k or k not in person_words}

    new_actors: dict[str, Actor] = {}
    why: dict[str, str] = {}
    taken = set(matching) | set(registry)
    for p in proposals.values():
        pid = slugify(p.name)
        if pid in taken:
            continue
        taken.add(pid)
        new_actors[pid] = Actor(pid, p.name, p.kind, tuple(p.aliases), country=p.country, role=p.role)
        why[pid] = p.why
    # Everything together, so surnames and acronyms of the new names resolve too; a form the text
    # defines ("Congressional Black Caucus (CBC)") beats the gazetteer's use of it.
    all_actors = {**matching, **new_actors}
    rank = {**{k: 2 for k in matching if k not in registry}, **{k: 1 for k in new_actors}}
    new_matcher = Matcher(new_actors)
    named = [m.actor_id for m in known_in_body]
    in_body = without_overlaps(known_in_body + _shifted(new_matcher.find(body, named), offset), rank)
    mentions = _modifiers_dropped(text, in_captions + in_body, all_actors)
    spans = _Spans(mentions)
    mentions = sorted(mentions + [m for m in states if not spans.overlaps(m.start, m.end)])
    mentions = _with_context(mentions, prepared.doubtful)
    ordered = mentioned_ids(mentions)

    findings: list[Finding] = []
    first_at: dict[str, Mention] = {}
    forms: dict[str, list[str]] = {}
    for m in mentions:
        first_at.setdefault(m.actor_id, m)
        forms.setdefault(m.actor_id, [])
        surface = " ".join(m.surface.split())
        if m.how != "short" and surface not in forms[m.actor_id]:
            forms[m.actor_id].append(surface)
    for actor_id in ordered:
        m = first_at[actor_id]
        evidence = _sentence_around(text, m.start, m.end)
        if actor_id in registry:
            findings.append(Finding(registry[actor_id], "registry", evidence))
            continue
        actor = new_actors.get(actor_id) or gazetteer.entries[actor_id].actor
        seen = [f for f in forms[actor_id] if _key(f) not in _forms(actor)]
        if seen and actor.kind != "state":  # the forms this article used, for the curator's entry
            actor = replace(actor, aliases=actor.aliases + tuple(seen))
        source = "text" if actor_id in new_actors else "gazetteer"
        findings.append(Finding(actor, source, evidence, why.get(actor_id, "in the gazetteer")))
    return Result(findings, mentions, all_actors, prepared.known, new_matcher, rank)


def _propose(name_words: list[N.Word], role_words: list[N.Word], text: str, body: str, offset: int,
             known: _Spans, known_at: Callable[[N.Word], bool], is_state_word: Callable[[N.Word], bool],
             demonym_of: Callable[[str], str | None], beside_person: bool = False) -> _Proposal | None:
    """One run's proposal: a new person, organisation or medium, with role, country and acronym."""
    name_words = _trim(name_words)
    if not name_words:
        return None
    whole = known.at(name_words[0].start, name_words[-1].end)
    if whole is not None:
        return None
    inside = [w for w in name_words if known_at(w)]
    if inside:
        if role_words:
            return None
        # "Colorado Supreme Court", "Georgia Board of Pharmacy": a longer organisation name around a
        # known one counts; "US Secret Service" is the known service with its state in front.
        extra = [w for w in name_words if not known_at(w)]
        if name_words[-1].low not in N.ORG_HEADS | N.MEDIA_HEADS and \
                not any(w.low in N.ORG_HEADS | N.MEDIA_HEADS for w in extra):
            return None
        if all(w.low in N.CONNECTORS or is_state_word(w) for w in extra):
            return None
    if not role_words:
        role_words = _role_before(body, name_words[0].start - offset, offset)
    p = _classify(name_words, text, role_words, demonym_of, is_state_word, beside_person)
    if p is None:
        return None
    if p.role:
        p.country = next((demonym_of(w.text) for w in role_words if demonym_of(w.text)), None)
        p.role = _clean_role(p.role, role_words, demonym_of)
    acronym = _ACRONYM_AFTER.match(text[p.end:p.end + 14])
    if acronym and p.kind != "person":
        p.aliases.append(acronym.group("acr"))
    if p.kind == "person" and not p.role:
        appositive = _APPOSITIVE.match(text[p.end:p.end + 90])
        role_text = re.split(r"\s+(?:who|which|that|where|chosen|for|since|when)\b",
                             appositive.group("role"))[0].strip() if appositive else ""
        if role_text and len(role_text.split()) <= 9 and appositive and _is_role(appositive.group(0), role_text):
            p.role = role_text
    return p


def _modifiers_dropped(text: str, mentions: list[Mention], actors: Mapping[str, Actor]) -> list[Mention]:
    """Drop a state that only modifies the next name: "U.S. Drug Enforcement Administration", "Panama Canal"."""
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        if actors[m.actor_id].kind == "state" and m.how != "short":
            gap_next = text[m.end:m.end + 2]
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is not None and nxt.start - m.end <= 1 and actors[nxt.actor_id].kind in ("organisation", "media") \
                    and text[m.end:nxt.start].isspace():
                continue
            word = re.match(r" ([A-Z][\w’'-]*)", text[m.end:m.end + 40])
            if gap_next[:1] == " " and word and \
                    word.group(1).lower() in N.NOT_ACTOR_HEADS | N.ORG_HEADS | N.MEDIA_HEADS:
                continue
        out.append(m)
    return out


def _with_context(mentions: list[Mention], doubtful: Mapping[str, str]) -> list[Mention]:
    """A state whose name is ambiguous (Georgia, Jordan, Chad) counts only with its capital, demonym or alias."""
    if not doubtful:
        return mentions
    confirmed = {m.actor_id for m in mentions if m.actor_id in doubtful and
                 fold(m.surface) != fold(doubtful[m.actor_id])}
    return [m for m in mentions if m.actor_id not in doubtful or m.actor_id in confirmed]


def _clean_role(role: str, role_words: list[N.Word], demonym_of: Callable[[str], str | None]) -> str:
    words = [w.text for w in role_words if not demonym_of(w.text) and w.low not in ("former", "then", "late")]
    return " ".join(words) or role


def _merge_variants(proposals: dict[str, _Proposal]) -> dict[str, _Proposal]:
    """One proposal per actor: "Lionel White Sr." and "Lionel White", "Gad Haggai" and "Gadi Haggai"."""
    from rapidfuzz import fuzz

    people = [k for k, p in proposals.items() if p.kind == "person"]
    drop: set[str] = set()
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            if a in drop or b in drop:
                continue
            wa, wb = a.split(), b.split()
            same_last = wa[-1] == wb[-1] or wa[-1].rstrip(".") in ("jr", "sr") or wb[-1].rstrip(".") in ("jr", "sr")
            contained = set(wa) <= set(wb) or set(wb) <= set(wa)
            if (same_last and fuzz.ratio(a, b) >= 88) or (contained and wa[0] == wb[0]):
                keep, gone = (a, b) if len(a) >= len(b) else (b, a)
                proposals[keep].aliases.append(proposals[gone].name)
                drop.add(gone)
    return {k: p for k, p in proposals.items() if k not in drop}
