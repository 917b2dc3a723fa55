"""Ingest: the draft summary, without what a page puts before the news. Pure.

A lede often starts with a dateline ("CLEAR LAKE, Iowa, Dec 23 (Reuters) -", "WASHINGTON —",
"GENEVA (AP) —"), and some pages open with a byline ("By Ana Ruiz"), a caption or heading
that the extraction kept as a paragraph, or, on a live blog, a notice ("This live blog has
ended. For the most recent updates, click here."). None of that belongs in a summary: bylines,
notices and paragraphs that end without a sentence's punctuation are skipped, and the dateline
is cut from the first sentence. A live blog's summary is its own summary box (the page's
description) when extraction found one; otherwise the opening of its first entry is left
for the curator to replace, and the review list says so.

Every pattern is anchored at the start of a paragraph and bounded, so the cost is linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from site_builder.authoring.ingest.edges import SENTENCE_CLOSE, is_bio, squeeze
from site_builder.authoring.ingest.extract import Article

_AGENCY = r"(?:Reuters|AP|AFP|UPI|Xinhua|dpa|DPA|EFE|ANSA|Bloomberg|CNN|IANS|PTI|Yonhap|Kyodo|KCNA|TASS|RIA)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: "PLACE[, Region][, Mon DD] [(Agency)] -" at the start of the text: the place is in capitals.
DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){{0,4}})"  # CLEAR LAKE
    rf"(?:,\s+[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){{0,3}}){{0,2}}"  # , Iowa
    rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"  # , Dec 23
    rf"(?:\s*\((?:{_AGENCY}|[A-Z][A-Z&.]{{1,8}})(?:/[^)]{{1,30}})?\))?"  # (Reuters), (RNS)
    r"\s*(?:[-–—]+|:)\s+"
)
#: A dateline must name an agency or be a place in capitals of at least four letters.
_PLACE_ONLY = re.compile(r"^[A-Z][A-Z.'’ -]{3,}")
BYLINE = re.compile(r"^(?:By|BY|Written by|Reporting by|Co-authored by|Co-written by|Compiled by)\s+"
                    r"[A-Z][\w.'’-]*(?:[\s,]+[\w.'’&-]+){0,8}\.?$")
NOTICE = re.compile(
    r"^(?:This (?:live )?(?:blog|page|coverage) "
    r"(?:has ended|is (?:now )?closed|is no longer (?:being )?updated)"
    r"|We(?:'ve| have) (?:now )?(?:paused|ended|closed|finished) (?:our|this) live"
    r"|(?:Our|The) live coverage (?:has ended|is over|of .{1,60} has (?:now )?ended)"
    r"|For the (?:most recent|latest) (?:updates|news|coverage),? (?:click|go|follow|see)"
    r"|Follow (?:our|the) (?:latest )?live (?:coverage|updates|blog)"
    r"|Welcome to (?:our|the) live (?:coverage|blog))",
    re.IGNORECASE)
#: A note the page puts above the story: "[UPDATED: Oct. 3, 2022] The following article …",
#: "Editor's note: …", "Correction: …".
_EDITORS_NOTE = re.compile(
    r"^\[?(?:updated?|correction|clarification|editor[’'`]?s?\s+note)\b[^\]\n]{0,40}(?:\]|:)", re.IGNORECASE)
#: A live blog's time stamp alone on a line: "6:01 p.m.", "09.42 GMT".
_TIMESTAMP = re.compile(r"^\d{1,2}\S?\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\.?$", re.IGNORECASE)
#: Longest paragraph (words) read as such a note or as an author's bio above the story.
NOTE_MAX_WORDS = 80
BIO_MAX_WORDS = 25
#: Longest line in capitals read as a label or a section's name ("LETTERS.", "TOP STORIES.").
LABEL_MAX_WORDS = 8
#: A list marker that opens the first paragraph ("- The magnitude 5.9 quake…") is no part of a summary.
_BULLET = re.compile(r"^(?:[-–—•*]|\d{1,2}[.)])\s+")
#: A summary box shorter than this is a label, not a summary.
BOX_MIN_WORDS = 8


#: A dateline whose place is not in capitals, with a news agency's credit: "Cleveland (AFP) –".
_AGENCY_DATELINE = re.compile(rf"^[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}\s*\({_AGENCY}\)\s*(?:[-–—]+|:)\s+")


def without_dateline(paragraph: str) -> str:
    match = DATELINE.match(paragraph) or _AGENCY_DATELINE.match(paragraph)
    if not match:
        return paragraph
    if "(" not in match.group(0) and not _PLACE_ONLY.match(match.group(0)):
        return paragraph
    rest = paragraph[match.end():]
    return rest[:1].upper() + rest[1:] if rest else paragraph


def _is_notice(paragraph: str) -> bool:
    return bool(NOTICE.match(paragraph.strip()))


#: A sentence's close (:data:`.edges.SENTENCE_CLOSE`) before a space or the paragraph's end, anywhere
#: in it. A paragraph without one is a caption, a heading or a label, not a lede (a lede may end with
#: a colon before a quotation).
_SENTENCE_STOP = re.compile(SENTENCE_CLOSE + r"(?:\s|$)")


def _is_sentence(paragraph: str) -> bool:
    return bool(_SENTENCE_STOP.search(paragraph.strip()))


def _is_preamble(paragraph: str) -> bool:
    """A byline, a live-blog notice or time stamp, an editor's note, a label in capitals ("LETTERS.") or a
    short author's bio ("Mr. Healy is the deputy Opinion editor."): what may sit above the story."""
    text = paragraph.strip()
    words = len(text.split())
    letters = [c for c in text if c.isalpha()]
    label = words <= LABEL_MAX_WORDS and bool(letters) and all(c.isupper() for c in letters)  # "LETTERS."
    return bool(label or BYLINE.match(text) or _is_notice(text) or _TIMESTAMP.match(text)
                or (words <= NOTE_MAX_WORDS and _EDITORS_NOTE.match(text))
                or (words <= BIO_MAX_WORDS and is_bio(text)))


def lede_paragraphs(paragraphs: list[str], title: str | None = None) -> list[str]:
    """The paragraphs a summary may start from: leading bylines, notices, editor's notes, bios, and
    captions or headings (no sentence end: "2023 State of Downtown Madison report") skipped, no
    dateline, and no headline that the extraction ran into the first paragraph."""
    rest = list(paragraphs)
    for _ in range(2):  # preambles and headings, then those under a heading ("(all times EDT):", "9:15 p.m.")
        while rest and _is_preamble(rest[0]):
            rest.pop(0)
        if rest and title and len(title.split()) >= 3:
            first = rest[0].strip()
            if squeeze(first) == squeeze(title) and len(rest) > 1:
                rest.pop(0)  # the headline again, as the text's first line: no summary repeats it
            elif first.startswith(title) and first[len(title):len(title) + 2].strip()[:1].isupper():
                rest[0] = first[len(title):].strip()
        first_sentence = next((k for k, p in enumerate(rest) if _is_sentence(p)), None)
        if first_sentence:  # only when a later paragraph is a sentence: else the first is all there is
            rest = rest[first_sentence:]
    if not rest:
        return list(paragraphs)
    # A notice may also end the first paragraph ("... has ended. For the latest, click here.").
    first = without_dateline(_BULLET.sub("", rest[0].strip()))
    sentences = re.split(r"(?<=[.!?])\s+", first)
    kept = [s for s in sentences if not _is_notice(s)]
    return [" ".join(kept) if kept else first, *rest[1:]]


def summary_of(article: Article, lede: Callable[[list[str]], str],
               title: str | None = None) -> tuple[str, list[str]]:
    """(summary, review lines) for a draft; ``lede`` picks the opening sentences of paragraphs.

    An export's own abstract, when the text has one, is the summary: the publisher wrote it.
    """
    abstract = " ".join((article.abstract or "").split())
    if len(abstract.split()) >= BOX_MIN_WORDS:
        return lede([abstract]), ["summary from the article's abstract"]
    if article.live_blog:
        box = " ".join((article.summary_box or "").split())
        if len(box.split()) >= BOX_MIN_WORDS and not _is_notice(box):
            return lede([box]), ["summary from the live blog's own summary; check it covers this briefing"]
        return lede(lede_paragraphs(article.paragraphs, title)), [
            "live blog: the summary is the opening of one entry; write one for what this briefing covers"]
    return lede(lede_paragraphs(article.paragraphs, title)), ["summary is the lede; tighten it"]
