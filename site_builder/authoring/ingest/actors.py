"""Ingest: who an article names: registry actors, gazetteer entries and new names. Pure.

Three sources, in order of trust:

1. the archive's registry (``actors.yml``): matched by name and alias, with the
   gazetteer's extra forms of the same actor ("America" for ``united-states``);
2. the starter gazetteer (states, organisations, media): an entry the registry
   lacks becomes a proposal carrying the gazetteer's facts;
3. capitalised name runs (``names.py``) that neither knows, judged by
   ``classify.py``: a person when a given name, a title or a speech verb says so,
   an organisation or a medium when a head noun does ("Board", "Department",
   "Times"); anything else (places, laws, events, demonym groups) is not proposed.

States are also named by their capital used as a metonym ("Beijing said") and by
a demonym standing for their forces or leaders ("Israeli troops"), never by a
place phrase ("talks in Beijing") or a group of people ("Israeli Americans").

Titles are not names: "Secretary-General António Guterres" proposes the person
"António Guterres" and keeps "Secretary-General" as the role.

Linear in the text: every stage is one pass of an automaton or of the word runs.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from site_builder.authoring.ingest import classify as C
from site_builder.authoring.ingest import names as N
from site_builder.authoring.ingest.gazetteer import Gazetteer
from site_builder.body.mentions import Matcher, Mention, fold, mentioned_ids, without_overlaps
from site_builder.core.models import Actor
from site_builder.core.urls import slugify

#: At most this many new names are proposed from one article (a live blog may name hundreds).
MAX_PROPOSALS = 60


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
    #: actor id -> (its country's actor id, the folded forms that count only where that country is named)
    local: dict[str, tuple[str, frozenset[str]]]


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
        matching,
        linked,
        Matcher(matching),
        Matcher(registry),
        Matcher(capitals),
        Matcher(demonyms),
        demonym_forms,
        frozenset(a.id for a in matching.values() if a.kind == "state"),
        frozenset(_key(n) for a in matching.values() for n in (a.name, *a.aliases)),
        frozenset(w for a in matching.values() if a.kind == "person" for w in _key(a.name).split()),
        {
            linked.get(e.actor.id, e.actor.id): e.actor.name
            for e in gazetteer.entries.values()
            if e.needs_context
        },
        {
            linked.get(e.actor.id, e.actor.id): (linked.get(e.actor.country, e.actor.country),
                                                 frozenset(fold(a) for a in e.local_aliases))
            for e in gazetteer.entries.values()
            if e.local_aliases and e.actor.country
        },
    )
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


def link_gazetteer(
    registry: Mapping[str, Actor], gazetteer: Gazetteer
) -> tuple[dict[str, Actor], dict[str, str]]:
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


def _state_forms(
    gazetteer: Gazetteer, linked: Mapping[str, str]
) -> tuple[dict[str, Actor], dict[str, Actor]]:
    """Pseudo-actors for capitals and for demonyms, named by the state id they stand for."""
    capitals: dict[str, Actor] = {}
    demonyms: dict[str, Actor] = {}
    for entry in gazetteer.entries.values():
        state = linked.get(entry.actor.id, entry.actor.id)
        if entry.capital or entry.seats:  # "Beijing said", "the Kremlin said"
            forms = [f for f in (entry.capital, *entry.seats) if f]
            capitals[state] = Actor(state, forms[0], "state", tuple(forms[1:]))
        if entry.demonyms:
            demonyms[state] = Actor(state, entry.demonyms[0], "state", entry.demonyms[1:])
    return capitals, demonyms


#: The word before a list of capitalised names that ends where a mention starts: "in" of "in Paris,
#: Brussels, Beirut and ".
_LIST_BEFORE = re.compile(r"\b([a-z]+)\s+(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
                          r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){1,6}$")


def _capital_metonyms(text: str, capitals: Matcher) -> list[Mention]:
    """A capital that stands for its government: not after "in", "at", "to"…; not part of a longer name."""
    out = []
    for m in capitals.find(text):
        before = text[max(0, m.start - 20):m.start].split()
        prev = before[-1].lower() if before else ""
        place_word = (
            before[-2].lower() if prev == "the" and len(before) > 1 else prev
        )  # "outside the Kremlin"
        listed = _LIST_BEFORE.search(text, max(0, m.start - 120), m.start)
        if listed:  # "attacks in Paris, Brussels, Beirut and Bamako": every item is where, as the first is
            place_word = listed.group(1).lower()
        after = text[m.end:m.end + 12]
        if place_word in N.LOCATIVES or re.match(r"^(?:,\s*D\.?C\.?|\s+[A-Z]|-based)", after) or \
                (before and N.is_capitalised(before[-1]) and not before[-1].endswith((",", ".", ":"))
                 and prev not in N.FUNCTION_WORDS):
            continue
        out.append(m)
    return out


def _demonym_states(text: str, demonyms: Matcher) -> list[Mention]:
    """A demonym followed by a word for the state's forces or leaders.

    For example "Israeli troops", "Chinese President".
    """
    out = []
    for m in demonyms.find(text):
        nxt = re.match(r"\s+([A-Za-z-]+)", text[m.end:m.end + 30])
        if nxt and nxt.group(1).lower() in N.STATE_AGENTS:
            out.append(m)
    return out


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


def find_actors(paragraphs: list[str], registry: Mapping[str, Actor], gazetteer: Gazetteer,
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

    known_in_body = _shifted(_surnames_dropped(body, prepared.known.find(body), matching), offset)
    known = _Spans(in_captions + known_in_body)
    states = _shifted(
        _capital_metonyms(body, prepared.capitals) + _demonym_states(body, prepared.demonyms), offset
    )
    known_keys = prepared.known_keys

    def is_known(word: str) -> bool:
        return _key(word) in known_keys

    def known_at(w: N.Word) -> bool:
        return known.at(w.start, w.end) is not None

    def is_person_id(actor_id: str) -> bool:
        actor = matching.get(actor_id)
        return actor is not None and actor.kind == "person"

    def is_state_word(w: N.Word) -> bool:
        hit = known.at(w.start, w.end)
        return hit is not None and hit.actor_id in state_ids

    proposals: dict[str, C.Proposal] = {}
    not_prose = _not_prose(body)
    for raw in N.runs(body):
        if raw and _inside(not_prose, raw[0].start):
            continue  # a headline, a label, a list item's heading: no new names from it
        run = [w._replace(start=w.start + offset, end=w.end + offset) for w in raw]
        beside_person = False  # "Arvind Narayanan and Sayash Kapoor": the second is a person too
        for part in C.split_and(run, is_known):
            part = C.trim(C.leading_common(part))
            if not part:
                continue
            role_words, rest = C.role_and_name(part, known_at)
            for name_words in C.person_of_place(C.trim(rest), bool(role_words)):
                p = _propose(name_words, role_words, text, body, offset, known, known_at, is_state_word,
                             demonym_of, beside_person, is_person_id)
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
    proposals = C.merge_variants(proposals)
    person_words = {w for k, p in proposals.items() if p.kind == "person" for w in k.split()}
    person_words |= prepared.person_words
    proposals = {k: p for k, p in proposals.items() if " " in k or k not in person_words}
    proposals = _short_forms_folded(proposals)

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
    mentions = _with_context(mentions, prepared.doubtful, all_actors, registry)
    mentions = _venues_dropped(text, mentions, all_actors, registry)
    mentions = _seats_as_places_dropped(text, mentions)
    mentions = _local_forms_checked(text, mentions, prepared.local)
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


#: A sentence or line of the body, for telling headlines from prose.
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
#: The words before a colon that opens a paragraph or a list item ("- A Narrowly Split Court: The court...").
_LEAD_IN = re.compile(r"^[ \t]*(?:[-*•][ \t]+)?([A-Z][^:\n]{0,60}):[ \t]", re.MULTILINE)
#: A line that is a label, not prose: a name alone ("Deep Dive", "Calvin Klein", the heading of an item in
#: a list of products or stories), or a name and a credit ("Ethan Gach, senior reporter").
_LABEL_LINE = re.compile(r"^[ \t]*[A-Z][\w.’'&-]*(?:[ \t]+[A-Z0-9][\w.’'&-]*){0,5}"
                         r"(?:,[ \t]+[a-z][a-z -]{2,40})?[ \t]*[.:]?[ \t]*$", re.MULTILINE)


def _not_prose(body: str) -> list[tuple[int, int]]:
    """The spans of the body that are not the article's prose, in order, not overlapping.

    They are the sentences written as headlines ("How The Elite Betrayed Their Party", "Ted Cruz Is A
    'Natural Born Citizen,' Board Of Election Finds": every word capitalised but the shortest, and
    words that names do not hold, "Is" or "Their", capitalised after the first), the lines that are
    labels (:data:`_LABEL_LINE`) and the headings that open list items (:data:`_LEAD_IN`). Pages keep
    them from lists of other stories or products, credits and subheadings; a name in one is named
    again in prose when it belongs to the story, so none is proposed from them.
    """
    spans = [(line.start(), line.end()) for line in _LABEL_LINE.finditer(body)]
    spans += [(m.start(1), m.end(1)) for m in _LEAD_IN.finditer(body) if _is_lead_in(m.group(1))]
    for sentence in _SENTENCE.finditer(body):
        words = re.findall(r"[^\W\d_][\w’'-]*", sentence.group(0))
        if len(words) < 4:
            continue
        lower = [w for w in words if not w[0].isupper()]
        if all(w.lower() in N.TITLE_LOWER for w in lower) and \
                any(w[0].isupper() and w.lower() in N.HEADLINE_WORDS for w in words[1:]):
            spans.append((sentence.start(), sentence.end()))
    return _merged(spans)


def _is_lead_in(words: str) -> bool:
    """Whether the words before a colon that opens a paragraph or list item are a heading ("A Narrowly
    Split Court:", "Understand the Ruling:"), not a speaker's name ("Halvard Brennik:")."""
    tokens = words.split()
    if len(tokens) < 3 or not all(t[0].isupper() or t in N.TITLE_LOWER for t in tokens) or \
            tokens[0].lower() == "according":  # "According to Reuters:" quotes a source
        return False
    return tokens[0].lower() in N.FUNCTION_WORDS or any(t in N.TITLE_LOWER for t in tokens)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` in order, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` falls in one of ``spans`` (in order, not overlapping)."""
    i = bisect_right(spans, (at, math.inf)) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _propose(name_words: list[N.Word], role_words: list[N.Word], text: str, body: str, offset: int,
             known: _Spans, known_at: Callable[[N.Word], bool], is_state_word: Callable[[N.Word], bool],
             demonym_of: Callable[[str], str | None], beside_person: bool = False,
             is_person_id: Callable[[str], bool] = lambda _: False) -> C.Proposal | None:
    """One run's proposal: a new person, organisation or medium, with role, country and acronym."""
    name_words = C.trim(name_words)
    if not name_words:
        return None
    whole = known.at(name_words[0].start, name_words[-1].end)
    if whole is not None:
        return None
    inside = [w for w in name_words if known_at(w)]
    # "Mary Trump", "Jean-Pierre Godbout": a surname or a short alias of a known person inside a longer
    # person's name is that other person's, never a reason to drop the name (the alias would steal it).
    partial = bool(inside) and len(name_words) >= 2 and all(
        (hit := known.at(w.start, w.end)) is not None and (hit.how == "short" or (
            hit.how == "alias" and is_person_id(hit.actor_id))) for w in inside) and \
        all(N.is_capitalised(w.text) and w.low not in N.ORG_HEADS | N.MEDIA_HEADS
            for w in name_words if not known_at(w))
    if inside and not partial and not _state_body(name_words, known, is_state_word, is_person_id):
        if role_words:
            return None
        # "Colorado Supreme Court", "Georgia Board of Pharmacy": a longer organisation name around a
        # known one counts; "US Secret Service" is the known service with its state in front.
        extra = [w for w in name_words if not known_at(w)]
        if name_words[-1].low not in N.ORG_HEADS | N.MEDIA_HEADS and \
                not any(w.low in N.ORG_HEADS | N.MEDIA_HEADS for w in extra):
            return None
        # "the Republican Senate", "the Republican-controlled Congress": the known body, as its party holds it
        if all(w.low in N.CONNECTORS or w.low in N.PARTISAN or N.PARTISAN_CONTROL.fullmatch(w.text)
               or is_state_word(w) for w in extra):
            return None
    if not role_words:
        role_words = C.role_before(body, name_words[0].start - offset, offset)
    p = C.classify(name_words, text, role_words, demonym_of, is_state_word, beside_person)
    if p is None or p.kind == "person" and any(w.low in N.NUMBER_WORDS for w in name_words):
        return None
    if p.kind == "person":  # "Martin O'Malley for the Democratic nomination" is Martin O'Malley
        cut = next((k for k, w in enumerate(name_words)
                    if w.low in N.NOT_IN_PERSON and p.start <= w.start < p.end), None)
        if cut is not None:
            if cut < 2:
                return None
            p.end = name_words[cut - 1].end
            p.name = text[p.start:p.end]
    if p.role:
        p.country = next((demonym_of(w.text) for w in role_words if demonym_of(w.text)), None)
        p.role = C.clean_role(p.role, role_words, demonym_of)
    acronym = C.ACRONYM_AFTER.match(text[p.end:p.end + 14])
    if acronym and p.kind != "person":
        p.aliases.append(acronym.group("acr"))
    if p.kind == "person" and not p.role:
        appositive = C.APPOSITIVE.match(text[p.end:p.end + 90])
        role_text = re.split(r"\s+(?:who|which|that|where|chosen|for|since|when)\b",
                             appositive.group("role"))[0].strip() if appositive else ""
        if (
            role_text
            and len(role_text.split()) <= 9
            and appositive
            and C.is_role(appositive.group(0), role_text)
        ):
            p.role = role_text
    p.role = (C.usable_role(p.role) if p.role else "") or None
    return p


def _state_body(name_words: list[N.Word], known: _Spans, is_state_word: Callable[[N.Word], bool],
                is_person_id: Callable[[str], bool]) -> bool:
    """Whether the name is a US state's own body named like a federal one: "California Department of
    Justice", "Washington State Department of Health". The federal department's name inside it is
    not that department (a state's courts, police and departments share the federal names), so the
    whole name is proposed instead."""
    start = next((n for n in (2, 1) if len(name_words) > n
                  and " ".join(w.low for w in name_words[:n]) in N.US_STATES), 0)
    if not start:
        return False
    start += name_words[start].low == "state" and len(name_words) > start + 1
    hit = known.at(name_words[start].start, name_words[start].end)
    return hit is not None and not is_state_word(name_words[start]) and not is_person_id(hit.actor_id)


#: A capitalised word just before a mention: the given name of "Michael Bloomberg".
#: Given names more common than this as words ("The", "Will") are read as words.
GIVEN_NAME_MAX_ZIPF = 5.5
_WORD_BEFORE = re.compile(r"(?<![\w.’'-])([A-Z][a-z]+) $")


def _surnames_dropped(body: str, mentions: list[Mention], actors: Mapping[str, Actor]) -> list[Mention]:
    """Drop a one-word organisation or medium written as a person's surname.

    "Michael Bloomberg" and "Paris Hilton" name people, not Bloomberg News or the hotel chain: a
    given name right before the word makes it a surname, and the same word alone elsewhere in the
    article is that person ("Bloomberg added"), as news style has it. The person is proposed from
    the text like any other name, where the text gives a reason to.
    """
    surnames: set[str] = set()
    for m in mentions:
        actor = actors.get(m.actor_id)
        if actor is not None and actor.kind in ("organisation", "media") and " " not in m.surface:
            before = _WORD_BEFORE.search(body, max(0, m.start - 30), m.start)
            given = before.group(1) if before else ""
            if given and N.is_given_name(given) and not N.is_title(given) and \
                    given.lower() not in N.FUNCTION_WORDS and N.common(given) < GIVEN_NAME_MAX_ZIPF:
                surnames.add(m.surface)
    return [m for m in mentions if m.surface not in surnames]


def _short_forms_folded(proposals: dict[str, C.Proposal]) -> dict[str, C.Proposal]:
    """Fold a new name that is a short form of another new name into it, as an alias.

    "Vander Plaats" is "Bob Vander Plaats" named again; "Turquoise Council" is the "Turquoise
    Council of Americans and Eurasians". A person's name of two or more words is the end of a
    longer person's name; an organisation's is the part of a longer one before "of" or "for".
    Lookups go through a table of those ends and beginnings, so the cost is linear.
    """
    longer: dict[tuple[str, str], str] = {}
    for key, p in proposals.items():
        words = key.split()
        if p.kind == "person":
            for n in range(2, len(words)):
                longer.setdefault(("person", " ".join(words[-n:])), key)
        else:
            for i, w in enumerate(words[1:], 1):
                if w in ("of", "for") and i >= 2:
                    longer.setdefault((p.kind, " ".join(words[:i])), key)
                    break
    out: dict[str, C.Proposal] = {}
    folded: list[tuple[str, str]] = []
    for key, p in proposals.items():
        into = longer.get((p.kind, key)) if " " in key else None
        if into is not None and into != key:
            folded.append((into, p.name))
        else:
            out[key] = p
    for into, name in folded:
        target = out.get(into)
        if target is not None and name not in target.aliases:
            target.aliases.append(name)
    return out


def _modifiers_dropped(text: str, mentions: list[Mention], actors: Mapping[str, Actor]) -> list[Mention]:
    """Drop a state that only modifies the next name.

    For example "U.S. Drug Enforcement Administration", "Panama Canal".
    """
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        if actors[m.actor_id].kind == "state" and m.how != "short":
            gap_next = text[m.end:m.end + 2]
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if (
                nxt is not None
                and nxt.start - m.end <= 1
                and actors[nxt.actor_id].kind in ("organisation", "media")
                and text[m.end : nxt.start].isspace()
            ):
                continue
            word = re.match(r" ([A-Z][\w’'-]*)", text[m.end:m.end + 40])
            if gap_next[:1] == " " and word and \
                    word.group(1).lower() in N.NOT_ACTOR_HEADS | N.ORG_HEADS | N.MEDIA_HEADS:
                continue
        out.append(m)
    return out


def _with_context(mentions: list[Mention], doubtful: Mapping[str, str], actors: Mapping[str, Actor],
                  registry: Mapping[str, Actor]) -> list[Mention]:
    """Drop what is named only in a way that often means something else.

    A state whose name is ambiguous (Georgia, Jordan, Chad) counts only with its capital, demonym or
    alias; a gazetteer body of one state named only by an acronym ("CMC", "ANC") counts only when
    the text names that state too, since short acronyms collide across fields.
    """
    confirmed = {m.actor_id for m in mentions if m.actor_id in doubtful and
                 fold(m.surface) != fold(doubtful[m.actor_id])}
    named = {m.actor_id for m in mentions}
    spelled = {m.actor_id for m in mentions if not _looks_acronym(m.surface)}

    def keep(m: Mention) -> bool:
        if m.actor_id in doubtful and m.actor_id not in confirmed:
            return False
        actor = actors.get(m.actor_id)
        if actor is None or m.actor_id in registry or m.actor_id in spelled or not actor.country or \
                N.common(m.surface) >= 3.9:  # "FBI", "CIA": known well beyond their country's news
            return True
        return actor.country in named

    return [m for m in mentions if keep(m)]


def _looks_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return 1 < len(letters) <= 6 and sum(c.isupper() for c in letters) >= 2 and " " not in surface.strip()


_VENUE_BEFORE = re.compile(r"\b(?:posted|posting|wrote|writing|shared|sharing|said|announced|published)"
                           r"(?:\s+[\w'’-]+){0,5}\s+(?:on|via)\s+$|"
                           r"\b(?:formerly|previously|now)\s+$", re.IGNORECASE)


#: The words a legislature's chambers go by, capitalised as names.
_CHAMBER = re.compile(r"\b(?:Senate|House|Assembly)\b")


def _local_forms_checked(text: str, mentions: list[Mention],
                         local: Mapping[str, tuple[str, frozenset[str]]]) -> list[Mention]:
    """Keep "the Senate" or "the House" as a country's chamber only where the text names that country.

    Such a form is one common word: after another capitalised word ("the Opera House", "Clearing
    House") it is part of a name the article's actors do not include, and in another country's news
    it is that country's chamber. Where the text names a US state's chamber by the state ("the
    Missouri Senate"), "the Senate" and "the House" alone are that state's chambers.
    """
    named = {m.actor_id for m in mentions}
    state_legislature = False
    for chamber in _CHAMBER.finditer(text):
        before = text[max(0, chamber.start() - 30):chamber.start()].lower().split()
        if before and (before[-1] in N.US_STATES or " ".join(before[-2:]) in N.US_STATES):
            state_legislature = True
            break

    def keep(m: Mention) -> bool:
        home = local.get(m.actor_id)
        if home is None or fold(m.surface) not in home[1]:
            return True
        if state_legislature and _CHAMBER.fullmatch(m.surface.strip()):
            return False
        before = text[max(0, m.start - 30):m.start].split()
        joined = bool(before) and before[-1][:1].isupper() and not before[-1].endswith((".", ":", "”", '"')) \
            and before[-1] not in ("The", "A", "An") and before[-1].lower() not in N.PARTISAN \
            and not N.PARTISAN_CONTROL.fullmatch(before[-1])
        return home[0] in named and not joined

    return [m for m in mentions if keep(m)]


#: Buildings whose name stands for the body that works in them: "the White House said".
SEATS = frozenset({"white house", "pentagon", "capitol", "downing street", "elysee", "elysee palace",
                   "blue house", "zhongnanhai", "quai d'orsay"})
#: What before such a name makes it the building or the office as a prize: "at the White House",
#: "win the White House", "back to Downing Street".
_SEAT_AS_PLACE = re.compile(
    r"\b(?:in|at|near|outside|inside|into|around|steps of|back to|return(?:ed|ing|s)? to|moved? into"
    r"|wins?|won|winning|takes?|took|taking|retak(?:e|es|ing)|reclaim(?:s|ing)?|recapture|captur(?:e|es|ing)"
    r"|keep(?:s|ing)?|hold(?:s|ing)?|los(?:e|es|ing)|lost|seek(?:s|ing)?|occup(?:y|ies|ying|ied)"
    r"|enter(?:s|ed|ing)?|leav(?:e|es|ing)|left|ran for|run(?:s|ning)? for|path to|road to|race for|bid for)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)


def _seats_as_places_dropped(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a body named only by its building as a place or a prize.

    "A dinner at the White House", "to win the White House": the building, or the presidency,
    not the White House as an actor of the story. Named once as anything else ("the White House
    said", "a White House spokesman"), it stays.
    """
    place: dict[str, bool] = {}
    for m in mentions:
        if fold(" ".join(m.surface.split())) in SEATS:
            before = text[max(0, m.start - 40):m.start]
            place[m.actor_id] = place.get(m.actor_id, True) and bool(_SEAT_AS_PLACE.search(before))
        else:
            place[m.actor_id] = False
    return [m for m in mentions if not place.get(m.actor_id)]


#: A US lawmaker's party before the state's code: the "D-" of "(D-PA)", "(R-Texas)".
_PARTY_TAG = re.compile(r"\b[DRI]-$")


def _in_us_state(text: str, m: Mention) -> bool:
    """Whether the mention is the end of a US state's name: "Mexico" in "New Mexico"."""
    before = text[max(0, m.start - 20):m.start].split()
    return bool(before) and f"{before[-1]} {m.surface}".lower() in N.US_STATES


def _venues_dropped(text: str, mentions: list[Mention], actors: Mapping[str, Actor],
                    registry: Mapping[str, Actor]) -> list[Mention]:
    """Drop a platform or medium the article names only as where something was said or posted.

    "posted on X", "said on Fox News", "shared via Facebook": the venue is not an actor of the
    story. An actor the registry already has stays, and so does one named once as anything else.
    """
    # "pic.twitter.com/…", "@cnn": a name inside an address or a handle names nothing; nor does an
    # agency's credit in a dateline ("TALLAHASSEE, Fla. (AP) —")
    # nor a state's postal code in a lawmaker's party tag ("Sen. Bob Casey (D-PA)"), nor a country
    # whose name ends a US state's ("New Mexico")
    mentions = [m for m in mentions if not _PARTY_TAG.search(text, max(0, m.start - 3), m.start) and
                not _in_us_state(text, m)]
    mentions = [m for m in mentions if text[m.start - 1:m.start] not in (".", "/", "@", "#") and
                not re.match(r"\.[a-z]", text[m.end:m.end + 2]) and
                not (text[m.start - 1:m.start] == "(" and re.match(r"\)\s*[-–—]", text[m.end:m.end + 4]))]
    venue: dict[str, bool] = {}
    for m in mentions:
        actor = actors.get(m.actor_id)
        if actor is None or actor.kind not in ("organisation", "media") or m.actor_id in registry:
            continue
        only = bool(_VENUE_BEFORE.search(text[max(0, m.start - 70):m.start]))
        venue[m.actor_id] = venue.get(m.actor_id, True) and only
    return [m for m in mentions if not venue.get(m.actor_id)]

