"""Ingest: direct quotations and who said them. Pure: paragraphs + actor mentions in, quotes out.

A quotation is five words or more between quotation marks: double or single,
straight or curly, and across paragraphs the way news copy runs them (a
paragraph that ends inside a quotation and a next one that opens with a
quotation mark continue it).

Attribution follows how news copy is written, not any one outlet, and prefers
the person to the body they speak for:

* ``“…,” Wang told Choe`` / ``“…,” said Wang, the minister`` / ``“…,” reported KCNA``
  — the first actor named in the attribution after the quotation;
* ``Choe said: “…”`` / ``Francis writes that “…”`` / ``according to Choe, “…”``
  — the actor named before the quotation in the same sentence;
* ``“…,” he said`` — the person named last before it;
* a quotation that opens a paragraph with no attribution continues the previous
  paragraph's speaker;
* ``X cited Y as saying “…” and “…”`` — Y said the fragments, X relayed them;
* ``according to a readout by the Foreign Ministry`` names who reported the words
  (``via``); a later bare ``according to the readout`` reuses it.

Anything else is left unattributed, for the curator to review, never guessed.
Scare quotes (fewer than five words) are not quotations. Linear in the text: one
scan for quotation marks, and each attribution looks at a bounded window.
No I/O, no registry access beyond the mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from site_builder.body.mentions import Mention

MIN_WORDS = 5
#: Characters either side of a quotation that an attribution may use.
WINDOW = 240
#: Quotations kept from one article (a transcript may hold thousands).
MAX_QUOTES = 200

_VERBS = (r"said|says|say|told|tells|tell|added|adds|wrote|writes|write|noted|notes|argued|argues|explained|"
          r"explains|stated|states|warned|warns|asked|asks|replied|replies|responded|responds|continued|continues|"
          r"concluded|concludes|insisted|insists|recalled|recalls|acknowledged|acknowledges|admitted|admits|"
          r"announced|announces|declared|declares|stressed|stresses|urged|urges|posted|tweeted|testified|claimed|"
          r"claims|observed|observes|commented|comments|remarked|suggested|suggests|reported|reports|described|"
          r"describes|cautioned|conceded|predicted|promised|vowed|joked|quipped|added|emphasised|emphasized|"
          r"pointed out|went on|put it|according to|quoted|quoting|cited|tells|told reporters|wrote in")
_SPEECH = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
_PRONOUN_TAIL = re.compile(rf"^\W{{0,4}}(?:(?P<p1>he|she)\s+(?:{_VERBS})\b|(?:{_VERBS})\s+(?P<p2>he|she)\b)",
                           re.IGNORECASE)
_PRONOUN_HEAD = re.compile(rf"\b(?P<p>[Hh]e|[Ss]he)\s+(?:\w+\s+){{0,2}}(?:{_VERBS})\b[^“\"‘]{{0,40}}$")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_READOUT = re.compile(r"\b(?:readout|statement|transcript|report)\b", re.IGNORECASE)
_AS_SAYING = re.compile(r"\b(?:cited|quoted)\s+(?P<who>[^,“\"]{1,60}?)\s+as saying\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’]?\s+(?=[A-Z“\"‘])")

_OPEN = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“"}


@dataclass(frozen=True)
class FoundQuote:
    speaker: str
    text: str
    via: str | None = None


@dataclass
class QuoteResult:
    quotes: list[FoundQuote]
    unattributed: list[str]


@dataclass(frozen=True)
class _Span:
    """One quotation: where its words are in the joined text and where its marks are."""

    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when it runs on)
    text: str


def _is_word(c: str) -> bool:
    return c.isalnum()


def quotations(text: str) -> list[_Span]:
    """Every quotation in ``text`` (paragraphs joined by blank lines), in order. One pass."""
    found: list[_Span] = []
    i, n = 0, len(text)
    open_at = -1
    closer = ""
    pieces: list[str] = []
    piece_start = 0
    while i < n:
        c = text[i]
        if open_at < 0:
            if c in _OPEN and _opens(text, i):
                open_at, closer, piece_start, pieces = i, _OPEN[c], i + 1, []
        elif c == "\n" and text.startswith("\n\n", i):
            # A paragraph ends inside the quotation: it goes on only if the next one reopens it.
            j = i
            while j < n and text[j].isspace():
                j += 1
            pieces.append(text[piece_start:i])
            if j < n and text[j] in _OPEN and _OPEN[text[j]] == closer:
                i, piece_start = j + 1, j + 1
                continue
            _keep(found, open_at, i, pieces)
            open_at = -1
            i = j
            continue
        elif c == closer and _closes(text, i):
            pieces.append(text[piece_start:i])
            _keep(found, open_at, i + 1, pieces)
            open_at = -1
        elif c in "“\"" and closer in "’'" and _opens(text, i):
            open_at = -1  # a double mark inside single ones: the single one was an apostrophe
            continue
        i += 1
    if open_at >= 0:
        pieces.append(text[piece_start:n])
        _keep(found, open_at, n, pieces)
    return found


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "'‘":
        return not _is_word(before) and (after.isalpha() or after in "…")
    return not _is_word(before) and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "'’":
        return not _is_word(after) and (before.isalnum() or before in ".,!?;:…—-")
    return not before.isspace() and not _is_word(after)


def _keep(found: list[_Span], start: int, end: int, pieces: list[str]) -> None:
    words = " ".join(" ".join(pieces).split())
    if len(words.split()) >= MIN_WORDS:
        found.append(_Span(start, end, words))


def _tidy(quote: str) -> str:
    quote = re.sub(r"\s+", " ", quote).strip()
    return quote[:-1] + "." if quote.endswith(",") else quote


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, within the paragraph and the window."""
    par = text.rfind("\n\n", 0, start)
    lo = max(par + 2 if par >= 0 else 0, start - WINDOW, 0)
    hi_par = text.find("\n\n", end)
    hi = min(hi_par if hi_par != -1 else len(text), end + WINDOW)
    head = text[lo:start + 1]  # with the opening mark, so a break just before the quotation counts
    breaks = list(_SENTENCE_BREAK.finditer(head))
    s = lo + breaks[-1].end() if breaks else lo
    m = _SENTENCE_BREAK.search(text, end, hi)
    e = m.start() + 1 if m else hi
    return s, e


def find_quotes(paragraphs: list[str], mentions_of: Callable[[str], list[Mention]],
                kinds: Mapping[str, str] | None = None) -> QuoteResult:
    """Attributed quotations in ``paragraphs``; ``mentions_of`` finds actors in a piece of text.

    ``kinds`` maps actor ids to their kind, so a person is preferred to the body named beside
    them and "he said" finds the last person; without it every actor counts as a person.
    """
    kinds = kinds or {}
    text = "\n\n".join(paragraphs)
    mentions: list[Mention] = []
    offset = 0
    for paragraph in paragraphs:
        mentions.extend(Mention(m.start + offset, m.end + offset, m.actor_id, m.surface, m.how)
                        for m in mentions_of(paragraph))
        offset += len(paragraph) + 2
    mentions.sort()

    def is_person(actor_id: str) -> bool:
        return kinds.get(actor_id, "person") == "person"

    out: list[FoundQuote] = []
    unattributed: list[str] = []
    last_via: str | None = None
    previous: tuple[FoundQuote, int] | None = None  # last quote and the paragraph start it was in
    cursor = 0  # mentions before this index start before the current quotation
    handled_as_saying: set[int] = set()
    last_person: str | None = None
    for q in quotations(text)[:MAX_QUOTES]:
        while cursor < len(mentions) and mentions[cursor].start < q.start:
            if is_person(mentions[cursor].actor_id):
                last_person = mentions[cursor].actor_id
            cursor += 1
        s, e = _sentence_bounds(text, q.start, q.end)
        par = text.rfind("\n\n", 0, q.start)
        paragraph_start = par + 2 if par >= 0 else 0
        in_sentence = [m for m in mentions[max(0, cursor - 40):cursor + 40] if s <= m.start < e
                       and not (q.start <= m.start < q.end)]
        sentence = text[s:e]
        saying = _AS_SAYING.search(sentence)
        if saying:
            if s in handled_as_saying:
                continue
            handled_as_saying.add(s)
            who_at = s + saying.start("who")
            speakers = [m for m in in_sentence if who_at <= m.start < s + saying.end("who")]
            relays = [m for m in in_sentence if m.start < who_at]
            tail_said = [m for m in in_sentence if m.start > q.end]
            fragments = [x.text.strip(" ,") for x in quotations(sentence)] or [q.text]
            if speakers:
                relay = tail_said[-1].actor_id if tail_said else (relays[0].actor_id if relays else None)
                out.append(FoundQuote(speakers[0].actor_id, " … ".join(f for f in fragments if f), relay))
            continue
        speaker, via = _attribute(text, q, s, e, in_sentence, is_person)
        # The last quotation's speaker is who copy goes on quoting: in the same paragraph, or in the
        # next one when it opens with a quotation or says only "he said".
        previous_paragraph = text.rfind("\n\n", 0, max(paragraph_start - 2, 0))
        recent = previous[0] if previous and (previous[1] == paragraph_start or (
            previous[1] >= previous_paragraph + 2 and previous[1] < paragraph_start)) else None
        if speaker == "":  # a pronoun
            speaker = recent.speaker if recent and is_person(recent.speaker) else last_person
        if speaker is None and recent and (previous is not None and previous[1] == paragraph_start or
                                           q.start == paragraph_start):
            speaker, via = recent.speaker, recent.via
        tail = text[q.end:e]
        cut = _ACCORDING.search(tail)
        if (
            speaker is not None
            and cut
            and via is None
            and (
                _READOUT.search(tail[cut.end() :])
                or not any(m.start > q.end + cut.start() for m in in_sentence)
            )
        ):
            via = last_via
        if speaker is None:
            unattributed.append(_tidy(q.text))
            continue
        if via == speaker:
            via = None
        if via:
            last_via = via
        found = FoundQuote(speaker, _tidy(q.text), via)
        out.append(found)
        previous = (found, paragraph_start)
        if is_person(speaker):
            last_person = speaker
    return QuoteResult(out, unattributed)


def _attribute(text: str, q: _Span, s: int, e: int, in_sentence: list[Mention],
               is_person: Callable[[str], bool]) -> tuple[str | None, str | None]:
    """(speaker, via) from the sentence around the quotation; speaker "" for a pronoun."""
    tail = text[q.end:e]
    head = text[s:q.start]
    after = [m for m in in_sentence if m.start >= q.end]
    before = [m for m in in_sentence if m.start < q.start]
    if _SPEECH.search(tail[:120]):
        cut = _ACCORDING.search(tail)
        limit = q.end + (cut.start() if cut else len(tail))
        first = [m for m in after if m.start < limit]
        later = [m for m in after if m.start >= limit]
        pick = _prefer_person(first, is_person) or _prefer_person(later, is_person)
        via = None
        if cut and later and pick and pick.actor_id != later[0].actor_id:
            via = later[0].actor_id
        if pick and pick.start - q.end <= 120:
            return pick.actor_id, via
        if _PRONOUN_TAIL.search(tail):
            return "", None
    if before and (_SPEECH.search(head) or re.search(r"[:,]\s*$", head)):
        verb_at = max((m.start() for m in _SPEECH.finditer(head)), default=len(head))
        subject = [m for m in before if m.start < s + verb_at] or before
        according = _ACCORDING.search(head)
        if according:
            named = [m for m in before if m.start > s + according.end()]
            subject = named or subject
        pick = _prefer_person(subject, is_person, last=not according)
        if pick:
            return pick.actor_id, None
    if _PRONOUN_HEAD.search(head):
        return "", None
    return None, None


def _prefer_person(
    mentions: list[Mention], is_person: Callable[[str], bool], last: bool = False
) -> Mention | None:
    """The first (or last) person among ``mentions``, else the first (or last) actor."""
    if not mentions:
        return None
    ordered = list(reversed(mentions)) if last else mentions
    return next((m for m in ordered if is_person(m.actor_id)), ordered[0])
