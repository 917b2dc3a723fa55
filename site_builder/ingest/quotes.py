"""Ingest: direct quotations and who said them. Pure: paragraphs + actor mentions in, quotes out.

Attribution follows how news copy is written, not any one outlet:

* ``“…,” Wang told Choe`` / ``“…,” reported KCNA`` / ``“…,” the KCNA said`` — the
  first actor named in the attribution after the quote;
* ``Choe said: “…”`` — the last actor named before the quote;
* a paragraph that is only a quotation continues the previous speaker;
* ``X cited Y as saying “…” and “…”`` — Y said the fragments, X relayed them;
* ``according to a readout by the Foreign Ministry`` names who reported the words
  (``via``); a later bare ``according to the readout`` reuses it.

Scare quotes (a few words) are not quotations. Unattributed quotes are dropped, and
the caller lists them for review. No I/O, no registry access beyond the mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..mentions import Mention

MIN_WORDS = 6
_QUOTED = re.compile(r"“(?P<a>[^”“]+)”|\"(?P<b>[^\"\n]+)\"")
_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|added|adds|stated|states|reported|reports|wrote|writes|"
                     r"noted|warned|declared|announced|stressed|insisted|urged|according to|quoted)\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_READOUT = re.compile(r"\b(?:readout|statement|transcript|report)\b", re.IGNORECASE)
_BEFORE = re.compile(r"(?:said|says|told [^,:“\"]{1,60}|added|stated|declared|wrote)\s*[:,]\s*$", re.IGNORECASE)
_AS_SAYING = re.compile(r"\b(?:cited|quoted)\s+(?P<who>[^,“\"]{1,60}?)\s+as saying\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundQuote:
    speaker: str
    text: str
    via: str | None = None


@dataclass
class QuoteResult:
    quotes: list[FoundQuote]
    unattributed: list[str]


def _sentence_end(text: str, start: int) -> int:
    m = re.search(r"[.!?](?=\s+[A-Z“\"]|\s*$)", text[start:])
    return start + m.end() if m else len(text)


def _sentence_start(text: str, end: int) -> int:
    m = None
    for m in re.finditer(r"[.!?][”\"’]?\s+(?=[A-Z“\"])", text[:end]):
        pass
    return m.end() if m else 0


def _tidy(quote: str) -> str:
    quote = re.sub(r"\s+", " ", quote).strip()
    return quote[:-1] + "." if quote.endswith(",") else quote


def find_quotes(paragraphs: list[str], mentions_of: Callable[[str], list[Mention]]) -> QuoteResult:
    """Attributed quotations in ``paragraphs``; ``mentions_of`` finds actors in a piece of text."""
    out: list[FoundQuote] = []
    unattributed: list[str] = []
    last_via: str | None = None
    previous: FoundQuote | None = None
    for paragraph in paragraphs:
        paragraph_quote: FoundQuote | None = None
        mentions = mentions_of(paragraph)
        handled_sentences: set[int] = set()
        for m in _QUOTED.finditer(paragraph):
            words = (m.group("a") or m.group("b") or "").strip()
            sentence_start = _sentence_start(paragraph, m.start())
            sentence_end = _sentence_end(paragraph, m.end())
            sentence = paragraph[sentence_start:sentence_end]
            saying = _AS_SAYING.search(sentence)
            if saying:
                if sentence_start in handled_sentences:
                    continue
                handled_sentences.add(sentence_start)
                who_at = sentence_start + saying.start("who")
                speakers = [x for x in mentions if who_at <= x.start < sentence_start + saying.end("who")]
                relays = [x for x in mentions if sentence_start <= x.start < who_at]
                tail_said = [x for x in mentions if x.start > m.end() and x.start < sentence_end]
                fragments = [(q.group("a") or q.group("b") or "").strip(" ,") for q in _QUOTED.finditer(sentence)]
                if speakers:
                    relay = tail_said[-1].actor_id if tail_said else (relays[0].actor_id if relays else None)
                    out.append(FoundQuote(speakers[0].actor_id, " … ".join(f for f in fragments if f), relay))
                continue
            if len(words.split()) < MIN_WORDS:
                continue
            speaker: str | None = None
            via: str | None = None
            tail = paragraph[m.end():sentence_end]
            head = paragraph[sentence_start:m.start()]
            opens_sentence = not head.strip() or bool(re.search(r"[:,]\s*$", head))
            closes_clause = bool(re.search(r"[,.!?…]$", words)) or bool(re.match(r"^[,.:;]", tail))
            if not (opens_sentence and closes_clause):
                continue  # a phrase quoted inside a sentence, not a quotation
            if _SPEECH.search(tail):
                cut = _ACCORDING.search(tail)
                limit = m.end() + (cut.start() if cut else len(tail))
                before_according = [x for x in mentions if m.end() <= x.start < limit]
                after_according = [x for x in mentions if limit <= x.start < sentence_end]
                if before_according:
                    speaker = before_according[0].actor_id
                elif after_according:
                    speaker = after_according[0].actor_id
                if cut:
                    if after_according and speaker != after_according[0].actor_id:
                        via = after_according[0].actor_id
                    elif _READOUT.search(tail[cut.end():]) or not after_according:
                        via = last_via
            if speaker is None and _BEFORE.search(head):
                before = [x for x in mentions if sentence_start <= x.start < m.start()]
                if before:
                    speaker = before[0].actor_id
            if speaker is None and m.start() == 0 and m.end() >= len(paragraph.rstrip()) - 1 and previous:
                speaker, via = previous.speaker, previous.via
            if speaker is None:
                unattributed.append(_tidy(words))
                continue
            if via == speaker:
                via = None
            if via:
                last_via = via
            paragraph_quote = FoundQuote(speaker, _tidy(words), via)
            out.append(paragraph_quote)
        previous = paragraph_quote
    return QuoteResult(out, unattributed)
