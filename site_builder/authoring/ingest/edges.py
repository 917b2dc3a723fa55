"""Ingest: trim what news pages put before and after the article text. Pure.

The main-text extractor keeps the article's neighbours when a page does not mark them
off: a credit line ("Reporting by ...; Editing by ..."), the outlet's standards note,
newsletter and donation appeals, the author's bio, "WATCH MORE:" and related-story
headlines at the end; a repeated headline, a byline or date line, an affiliate
disclaimer at the start. These rules are general (the shapes news pages share), never
one outlet's; outlet-specific lines belong under ``boilerplate`` in outlets.yml.

Trimming works from the edges inwards and stops at the first line that reads like
article text, so a phrase such as "sign up" inside the story is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Lines that end an article: credits, notes, appeals and pointers elsewhere. Matched case-insensitively
#: against a whole paragraph (searched from its start).
TRAILING: tuple[str, ...] = (
    # credits and corrections
    (
        r"^\(?(?:additional |further )?(?:reporting|writing|editing|research|compiled|produced|translated|"
        r"fact-checking|graphics|video|photos?) (?:by|from)\b"
    ),
    r"^(?:our standards|the thomson reuters trust principles)\b",
    r"\b(?:contributed|contributing) (?:to )?(?:this|the) (?:report|story|article|reporting)\b.{0,40}$",
    r"^[\w .,'’&-]{2,80} contributed(?: reporting)?(?: to this report)?\.?$",
    r"\bcan be (?:reached|contacted|emailed) at\b",
    r"^(?:contact|email|write to) (?:us|the author|him|her|them)?\s*(?:at|:)",
    (
        r"^(?:this|the) (?:story|article|post|piece|report|interview|conversation|transcript|content)"
        r"(?: was| has been| is| first| originally){1,2} (?:appeared|published|produced|edited|condensed|"
        r"updated|created|written|republished|reprinted)\b"
    ),
    r"^(?:originally|first) (?:published|appeared|posted)\b",
    r"^(?:this|the) (?:story|article|piece) (?:will appear|appears) in\b",
    r"^(?:published|updated|posted|first reviewed|last updated)[:\s]+\w{3,9}\.? \d{1,2}\b.{0,30}$",
    (
        r"^(?:image|photo|picture|video|source images?|top image|lead image|header image)s?"
        r"(?: credits?| source)?\s*(?:by|:)\s*.{0,120}$"
    ),
    r"^(?:story source|journal reference|cite this page|materials provided by|source):?$",
    r"^(?:editor'?s?|editors’) note:",
    r"^(?:stats|data|statistics|photos?|images?|video) courtesy of\b",
    r"\b(?:has|have) been (?:lightly )?edited (?:for|and condensed)\b.{0,40}$",
    (r"^(?:updated|update|correction|clarification)\b[^.]{0,40}"
     r"\b(?:to (?:add|include|reflect|correct|clarify)|:)"),
    r"^this (?:article|story|post)\b.{0,200}\b(?:originally|first) (?:appeared|published)\b",
    r"^more information:",
    r"\bdo(?:es)? not own shares\b|^disclosure:",
    r"^scroll (?:down|through|below)\b",
    # appeals: newsletters, donations, accounts, comments
    r"\bdelivered (?:straight )?(?:to your inbox|every (?:\w+day|week|morning))\b",
    (r"^(?:password must|by submitting your email|you[’']re in!?$|stay connected$"
     r"|get the latest updates from$)"),
    r"^discover special offers\b",
    (r"^(?:sign up|signup|subscribe|register|join|log ?in|create (?:an|your) account"
     r"|get (?:the|our))\b.{0,250}$"),
    (r"^(?=.{0,250}$).*\b(?:sign(?:ing)? up|subscrib\w*|delivered|get it)\b"
     r".*\b(?:newsletters?|inbox|e-?mail)\b"),
    r"^[\w .'’&-]{0,40}\bnewsletters?$",
    r"^(?:thanks|thank you) for (?:signing up|subscribing|reading)\b",
    r"^your subscription has been confirmed\b",
    r"^(?:this|our) newsletter may contain\b",
    (r"^(?:please )?(?:support|help keep|help us|help fund)\b"
     r".{0,80}\b(?:journalism|newsroom|news|reporting)\b"),
    r"\b(?:contribut\w+|donat\w+|giving us) (?:as little as|today|now)\b",
    r"^let us know (?:in the comments|what you think)\b",
    r"^(?:we(?:'d| would) like to hear|tell us what you think|have a (?:news )?tip)\b",
    (
        r"^(?:follow|like|find) (?:us|me|him|her|them|the [\w .-]{2,60}|[\w.-]+(?: [\w.-]+){1,4})"
        r" on\b.{0,160}(?:facebook|twitter|instagram|tiktok|youtube|linkedin|threads|snapchat|bluesky|\bx\b)"
    ),
    r"^(?:session expired|please log in again|oops!?)\b",
    r"^(?:click|tap) here\b",
    r"^read (?:the|more|our|all)\b.{0,100}$",
    # pointers to other content
    (
        r"^(?:watch|watch more|watch now|watch next|watch live|listen|related|related video|related coverage|"
        r"related stories|related articles|recommended|recommended videos?|see also|also read|also see|"
        r"read next|read more|more from|more on|more stories|most read|most popular|trending|latest|"
        r"don[’']t miss|you (?:may|might) also like|further reading|explore more|up next|"
        r"in case you missed it)"
        r"\b.{0,120}$"
    ),
    # separators and gallery counters
    r"^[\s\-_*–—=•·~#.]{2,}$",
    r"^\d{1,3} of \d{1,3}$",
)

#: An author's bio: "Jane Doe is a senior reporter at ..." (at the very end of a story).
_BIO = re.compile(
    (r"^(?:[A-Z][\w.'’-]+ ){1,3}(?:is|was|has been|covers|writes)\b.{0,200}\b(?:writer|editor|reporter|"
     r"correspondent|journalist|columnist|contributor|producer|analyst|critic|author|staff|intern|fellow)\b"),
)

#: Lines that open a page's text but are not the article: bylines, date lines, disclaimers, appeals.
LEADING: tuple[str, ...] = (
    (r"^(?:(?:photos?|words|story|text|video)(?: and (?:photos?|words|story|text|video))? )?"
     r"by\b.{0,80}(?<![.!?])$"),
    r"^supported by$",
    r"^editor[’'`]?s? note:",
    r"\beditorial process and policies\b",
    r"\baffiliate (?:partnerships|relationships)\b|\bwe receive (?:a )?compensation\b",
    r"^[-–—\s]*(?:published|updated|posted)\b.{0,60}$",
    r"^(?:\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2} \w{3,9} \d{4}|\d{1,2}/\d{1,2}/\d{2,4})\b.{0,20}$",
    r"^[\w .'’-]{2,40} [-–—] \w{3,9}\.? \d{1,2},? \d{4}$",
    (
        r"\b(?:independently selected|we may earn|affiliate (?:commission|link)s?|earn a commission|"
        r"commission from|retail links)\b"
    ),
    r"^(?:this article|you[’']re reading)\b.{0,80}\bnewsletter\b",
    r"^[-–—\s]*oops!?\s*something went wrong\b",
    r"^(?:don[’']t want to miss|want to keep up|sign up|subscribe)\b.{0,160}$",
    r"^[\s\-_*–—=•·~#]{1,}$",
)

def is_bio(paragraph: str) -> bool:
    """An author's bio ("Jane Doe is a senior reporter at ..."), wherever the page put it."""
    return bool(_BIO.search(paragraph.strip()))


_TRAILING = [re.compile(p, re.IGNORECASE) for p in TRAILING]
_LEADING = [re.compile(p, re.IGNORECASE) for p in LEADING]
#: How a sentence closes: a full stop, question or exclamation mark or an ellipsis, maybe inside
#: quotes or brackets.
SENTENCE_CLOSE = r"[.!?…][\"”’')\]]*"
#: A line that ends as a sentence does (a headline, a label or a caption does not).
SENTENCE_END = re.compile(SENTENCE_CLOSE + "$")
_LEAD_IN = re.compile(r":$")
#: Longest line we consider a related-story headline (words).
HEADLINE_WORDS = 18


def squeeze(text: str) -> str:
    """Text as headlines and paragraphs are compared: case-folded, letters and digits only."""
    return re.sub(r"[\W_]", "", text.casefold())


def _is_trailing(line: str) -> bool:
    body = line.lstrip("-•*· ").strip()
    if len(body.split()) > 60:
        return False
    return any(p.search(body) for p in _TRAILING) or bool(_BIO.search(body))


def _headline_like(line: str) -> bool:
    """A short line without a sentence's end: a related link, a heading, a list of other stories."""
    body = line.lstrip("-•*· ").strip()
    words = body.split()
    return 1 <= len(words) <= HEADLINE_WORDS and not SENTENCE_END.search(body) and not body.endswith(",")


def _title_case(line: str) -> bool:
    """Most longer words capitalised, as in a linked headline ("The Untold Story of Lost's Culture")."""
    words = [w for w in line.lstrip("-•*· ").split() if len(w) > 3 and w[0].isalpha()]
    return len(line.split()) >= 4 and bool(words) and \
        sum(w[0].isupper() for w in words) >= 0.75 * len(words)


_POINTER = re.compile(r"\b(?:more|other|related|popular|latest|recommended|read|watch|stories|coverage|"
                      r"headlines|videos?|trending|top)\b", re.IGNORECASE)


def _lead_in(line: str) -> bool:
    """A line that introduces a list of links: "Read next:", "Most Read Stories of the Year".

    A colon alone is not enough ("The new timetable has three crossings a day:" opens a list
    that belongs to the story): the line must be very short or point at other content.
    """
    if _is_trailing(line):
        return True
    words = len(line.split())
    return words <= 12 and (line.rstrip().endswith(":") and words <= 3 or bool(_POINTER.search(line))
                            and (line.rstrip().endswith(":") or _title_case(line)))


def trim_trailing(paragraphs: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(kept, removed)``: drop the run of non-article lines at the end of the body.

    Works backwards and stops at the first paragraph that reads like text. Headline-like
    lines (short, no full stop) go only as a block introduced by a lead-in ("WATCH MORE:",
    "Read next:") or, one by one, when capitalised like headlines; an article that ends
    with a plain list keeps it.
    """
    kept = list(paragraphs)
    removed: list[str] = []
    while len(kept) > 1:
        if _is_trailing(kept[-1]):
            removed.insert(0, kept.pop())
            continue
        start = len(kept)
        while start > 1 and _headline_like(kept[start - 1]):
            start -= 1
        lead = next((i for i in range(max(start - 1, 1), len(kept)) if _lead_in(kept[i])), None)
        if start < len(kept) and lead is not None:
            removed[:0] = kept[lead:]
            del kept[lead:]
            continue
        if start < len(kept) and _title_case(kept[-1]):
            removed.insert(0, kept.pop())
            continue
        break
    return kept, removed


def trim_leading(paragraphs: Sequence[str], title: str | None) -> tuple[list[str], list[str]]:
    """``(kept, removed)``: drop the headline repeated, byline, date line and disclaimers at the start."""
    kept = list(paragraphs)
    removed: list[str] = []
    title_key = squeeze(title or "")
    for _ in range(8):
        if len(kept) <= 1:
            break
        first = kept[0].strip()
        words = len(first.split())
        repeated = bool(title_key) and (squeeze(first) == title_key or
                                        (words <= 40 and title_key in squeeze(first) and
                                         len(squeeze(first)) < len(title_key) + 30))
        label = words <= 3 and not SENTENCE_END.search(first)  # "Guest Essay", "NFL", an author's name
        if repeated or label or (words <= 60 and any(p.search(first) for p in _LEADING)):
            removed.append(kept.pop(0))
            continue
        break
    return kept, removed
