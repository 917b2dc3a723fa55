"""Ingest: direct quotations and who said them. Pure: paragraphs + actor mentions in, quotes out.

A quotation is five words or more between quotation marks: double or single,
straight or curly, and across paragraphs the way news copy runs them (a
paragraph that ends inside a quotation and a next one that opens with a
quotation mark continue it).

Attribution is precision first: a wrong speaker published with confidence is
worse than a quotation left for the curator. A quotation gets a speaker only
when the text ties it to one, and every attributed quotation carries the words
that did (``cue``) and how (``how``):

``named``
    a speech verb whose subject names the speaker, after the quotation
    (``“…,” said Brian Fallon, Clinton's spokesman``; ``“…,” Clinton spokesman
    Josh Schwerin said``) or before it (``Wang Yi, the foreign minister, said:
    “…”``; ``According to Choe, “…”``). The subject's head is the speaker: the
    name next to the verb, never a name that only modifies it (``a Clinton aide``),
    one inside a quotation, or the verb's object (``told Choe``);
``pronoun``
    ``“…,” he said``: the last person speaking, when no other person the pronoun
    could mean (gender from given names and Mr./Ms.) is named after them;
``continued``
    a quotation with no cue of its own that goes on from the last one, in the same
    sentence or paragraph, or opening the next paragraph, while no other speaker
    intervenes;
``cited``
    ``X quoted Y as saying “…”``: Y said it, X relayed it (``via``).

Anonymous and generic sources (``officials said``, ``a spokesman``, ``the ad``),
a name the article's actors do not include, and a pronoun that could mean two
people leave the speaker open, with the reason, for review. ``according to`` a medium
or a document makes it the channel (``via``), not the speaker.

Linear in the text: one scan for quotation marks, and each attribution looks at
a bounded window. No I/O, no registry access beyond the mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from site_builder.authoring.ingest import names as N
from site_builder.body.mentions import Mention, fold

MIN_WORDS = 5
#: Characters either side of a quotation that an attribution may use.
WINDOW = 240
#: Quotations kept from one article (a transcript may hold thousands).
MAX_QUOTES = 200

_SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|noted|notes|argued|argues|explained|explains|"
    "stated|states|warned|warns|asked|asks|replied|replies|responded|responds|continued|continues|"
    "concluded|insisted|insists|recalled|recalls|acknowledged|admitted|admits|announced|announces|"
    "declared|declares|stressed|urged|urges|posted|tweeted|tweets|testified|claimed|claims|observed|"
    "commented|remarked|suggested|suggests|described|cautioned|conceded|predicted|promised|vowed|joked|"
    "quipped|emphasised|emphasized|boasted|complained|countered|contended|charged|pledged|lamented|mused|"
    "shouted|yelled|pleaded|bragged|scoffed|recounted|reiterated|offered|added|chimed in|pointed out|"
    "went on|put it|wrote in|told reporters|complains|concedes|predicts|promises|vows|jokes|quips|"
    "boasts|counters|contends|charges|pledges|laments|muses|pleads|recounts|reiterates|cautions|"
    "describes|emphasizes|emphasises|remarks|comments|observes|concludes|acknowledges|recalls|stresses|"
    "calls for|called for|alleged|alleges"
)
_PARTICIPLES = "saying|adding|telling|writing|noting|arguing|explaining|asking|warning|insisting|declaring"
_REPORTED = "reported|reports|reporting"
# Lower case only: "the United States", "Fox News Says" are names, not verbs
_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS}|{_PARTICIPLES}|{_REPORTED})\b")
_IS_PARTICIPLE = re.compile(rf"^(?:{_PARTICIPLES})$", re.IGNORECASE)
#: Words that may stand between a subject and its verb ("Clinton has also said").
_BETWEEN = frozenset({
    "has", "have", "had", "also", "then", "later", "further", "additionally", "earlier", "separately",
    "previously", "once", "again", "repeatedly",
    "recently", "would", "will", "could", "did", "does", "often", "already", "frequently", "never",
    "just", "first", "reportedly", "publicly", "privately", "quickly", "simply", "flatly", "angrily",
    "bluntly"
})
_PRONOUNS = {"he": "m", "she": "f"}
_PRONOUN_SAID = re.compile(
    rf"\b(?:(?P<p1>[Hh]e|[Ss]he)\s+(?:{_SPEECH_VERBS})|(?:{_SPEECH_VERBS})\s+(?P<p2>he|she))\b")
_PLURAL_PRONOUNS = frozenset({"they", "we", "i", "you", "it"})
#: Head nouns of a subject through which an organisation speaks ("a State Department spokesman").
_VOICES = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen", "official",
    "officials", "statement", "release", "representative", "representatives"
})
_DAYS = re.compile(r"(?:[’']s?|\s|\.|(?:on|last|this)\s+|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
                   r"yesterday|today|tonight|morning|afternoon|evening|night|week|month|year)*")
_PREPOSITIONS = frozenset({
    "for", "of", "to", "with", "at", "in", "on", "from", "by", "about", "against"
})
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_DOCUMENT = re.compile(r"\b(?:readout|statement|transcript|report|release|memo|letter|filing|email|post|"
                       r"tweet|interview|recording|video|ad|book|suit|lawsuit|complaint|indictment|affidavit|"
                       r"ruling|verdict|opinion|order|motion|petition)\b", re.IGNORECASE)
#: "the company said": nouns that stand for an organisation (or a medium) the article has named.
_GENERIC_BODIES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("company", "firm", "studio", "developer", "publisher", "carmaker", "automaker",
                     "airline", "bank", "retailer", "startup", "charity", "union", "manufacturer", "chain",
                     "nonprofit", "organization", "organisation", "group", "agency", "university", "hospital",
                     "club", "league", "regulator", "insurer", "lender", "maker", "giant"),
                    frozenset({"organisation"})),
    **dict.fromkeys(("network", "broadcaster", "newspaper", "paper", "outlet", "channel"),
                    frozenset({"media"})),
}
_DOCUMENT_SUBJECT = re.compile(
    r"\s*(?:(?:a|an|the|this|that|his|her|its|their)\s+)?(?:[\w.’'-]+\s+){0,4}?"
    r"(?P<doc>(?:readout|statement|transcript|release|memo|letter|filing|e-?mail|post|tweet|ad|advertisement|"
    r"message|op-ed|essay|column)s?)\b", re.IGNORECASE)
_AS_SAYING = re.compile(r"\b(?:cited|quoted)\s+(?P<who>[^,“\"]{1,60}?)\s+as saying\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’]?\s+(?=[A-Z“\"‘]|'')")
_HONORIFIC = re.compile(r"\b(?P<h>Mr|Mrs|Ms|Miss|Sen|Rep|Gov|Dr|Gen)\.?\s+$")

_MALE_PRONOUN = re.compile(r"\b(?:[Hh]e|him|[Hh]is|himself)\b")
_FEMALE_PRONOUN = re.compile(r"\b(?:[Ss]he|[Hh]er|herself)\b")
_RELATIVES = re.compile(r"\b(?:wife|husband|son|daughter|mother|father|brother|sister|aunt|uncle|niece|"
                        r"nephew|grandson|granddaughter|grandmother|grandfather|girlfriend|boyfriend|"
                        r"partner|widow|widower|mom|dad|fiancée?|spouse)s?\b", re.IGNORECASE)
_OPEN = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“"}



@dataclass(frozen=True)
class FoundQuote:
    """One quotation: its speaker and how the text ties them, or why none was given."""

    text: str
    speaker: str | None = None
    via: str | None = None
    how: str | None = None
    cue: str = ""  # verbatim words of the article that tie quotation and speaker
    reason: str = ""  # why the speaker is left open


@dataclass
class QuoteResult:
    quotes: list[FoundQuote] = field(default_factory=list)

    @property
    def unattributed(self) -> list[FoundQuote]:
        return [q for q in self.quotes if q.speaker is None]


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
    if len(words.split()) >= MIN_WORDS and not _is_title(words):
        found.append(_Span(start, end, words))


def _is_title(words: str) -> bool:
    """"Two and a Half Men", "Make America Great Again": the title of a work or a slogan, not a quotation.

    Every word but the small ones ("and", "a", "of", "&") is capitalised, and no sentence ends
    inside; a title's subtitle and list may stand after a colon or a comma ("Glamour, Grace &
    Greatness: Classic Hollywood Auction").
    """
    tokens = words.rstrip(".,!?").split()
    if len(tokens) > 10 or any(t[-1:] in ";.!?" for t in tokens[:-1]):
        return False
    content = [t for t in tokens if t.lower() not in _TITLE_SMALL_WORDS and t != "&"]
    return len(content) >= 2 and all(t[:1].isupper() for t in content) and tokens[0][:1].isupper()


def _tidy(quote: str) -> str:
    quote = re.sub(r"\s+", " ", quote).strip()
    return quote[:-1] + "." if quote.endswith(",") else quote


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, within the paragraph and the window."""
    par = text.rfind("\n\n", 0, start)
    lo = max(par + 2 if par >= 0 else 0, start - WINDOW, 0)
    hi_par = text.find("\n\n", end)
    hi = min(hi_par if hi_par != -1 else len(text), end + WINDOW)
    # with the opening mark, so a break just before the quotation counts
    breaks = list(_breaks(text, lo, start + 1))
    s = breaks[-1].end() if breaks else lo
    m = next(_breaks(text, end, hi), None)
    e = m.start() + 1 if m else hi
    if end >= 2 and text[end - 2] in ".!?" and \
            re.match(r"\s+(?:It|They|The|This|That|A|An)\b", text[end:end + 6]):
        e = end  # "“…caused a fire.” It said the incident…": a new sentence, not the quotation's cue
    return s, e


#: Words whose full stop ends no sentence ("Mr. Cruz said", "Richard J. Durbin").
_TITLE_SMALL_WORDS = frozenset({"a", "an", "and", "the", "of", "in", "on", "to", "for", "with", "at", "by",
                                "or", "but", "nor", "from", "as"})
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm",
    "prof", "rev", "st", "jr", "sr", "no", "vs", "u.s", "u.k", "u.n", "d.c"
})


def _breaks(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """Sentence breaks in ``text[lo:hi]``, not after an abbreviation or an initial."""
    for m in _SENTENCE_BREAK.finditer(text, lo, hi):
        if text[m.start()] == ".":
            word = text[max(lo, m.start() - 6):m.start()].split()
            last = word[-1].lower().lstrip("(“\"‘'") if word else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        yield m


# --------------------------------------------------------------------------- what a cue names


@dataclass(frozen=True)
class _Cue:
    """What the attribution clause of one quotation says about its speaker."""

    kind: str  # "actor", "pronoun", "open"
    cue: str  # the clause's words, verbatim
    actor: str | None = None
    gender: str | None = None  # for a pronoun
    reason: str = ""
    via: str | None = None
    channel: bool = False  # "according to the Times": the Times relayed the words, did not speak them
    end: int = 0  # where the subject phrase ends in the text


class _Text:
    """The article joined, its mentions outside quotations, and who is a person of which gender."""

    def __init__(self, text: str, mentions: list[Mention], spans: list[_Span],
                 kinds: Mapping[str, str], names: Mapping[str, str]) -> None:
        self.text = text
        self.kinds = kinds
        self.names = names
        starts = [s.start for s in spans]
        outside: list[Mention] = []
        for m in mentions:
            i = bisect_right(starts, m.start) - 1
            if i >= 0 and m.start < spans[i].end:
                continue  # named only inside a quotation: never its speaker
            outside.append(m)
        self.mentions = outside
        self.starts = [m.start for m in outside]
        self.gender: dict[str, str] = {}
        for m in outside:
            if not self.is_person(m.actor_id) or m.actor_id in self.gender:
                continue
            h = _HONORIFIC.search(text[max(0, m.start - 6):m.start])
            if h and h.group("h") in ("Mr",):
                self.gender[m.actor_id] = "m"
            elif h and h.group("h") in ("Mrs", "Ms", "Miss"):
                self.gender[m.actor_id] = "f"

        self._pronoun_votes()

    def _pronoun_votes(self) -> None:
        """A person's gender from the pronouns that follow their name, where nobody else is named.

        "Graham later shared a picture of him": the text knows what a given name's list may not
        ("Lindsey" is mostly a woman's name). Two or more votes, all one way, decide; a relative
        named in between ("his wife") or a quotation makes the stretch say nothing.
        """
        votes: dict[str, list[int]] = {}
        people = [m for m in self.mentions if self.is_person(m.actor_id)]
        for i, m in enumerate(people):
            if m.actor_id in self.gender:
                continue
            stop = people[i + 1].start if i + 1 < len(people) else len(self.text)
            stretch = self.text[m.end:min(stop, m.end + 200)]
            cut = re.search(r"\n\n|[“\"]", stretch)
            if cut:
                stretch = stretch[:cut.start()]
            if _RELATIVES.search(stretch):
                continue
            v = votes.setdefault(m.actor_id, [0, 0])
            v[0] += len(_MALE_PRONOUN.findall(stretch))
            v[1] += len(_FEMALE_PRONOUN.findall(stretch))
        for actor_id, (male, female) in votes.items():
            if male >= 2 and not female:
                self.gender[actor_id] = "m"
            elif female >= 2 and not male:
                self.gender[actor_id] = "f"

    def is_person(self, actor_id: str) -> bool:
        return self.kinds.get(actor_id, "person") == "person"

    def name(self, actor_id: str) -> str:
        return self.names.get(actor_id, actor_id.replace("-", " ").title())

    def gender_of(self, actor_id: str) -> str | None:
        """"m", "f" or None: from "Mr."/"Ms." in the text, else the given name."""
        if actor_id not in self.gender:
            words = self.name(actor_id).split()
            self.gender[actor_id] = (N.gender(words[0]) if words else None) or ""
        return self.gender[actor_id] or None

    def within(self, start: int, end: int) -> list[Mention]:
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        return self.mentions[lo:hi]


def _words_of(text: str) -> list[str]:
    return re.findall(r"[\w’'.-]+", text)


def _subject(t: _Text, lo: int, hi: int, head_last: bool) -> _Cue | None:
    """Who the noun phrase ``text[lo:hi]`` names, as the subject of a speech verb.

    ``head_last``: the head is the phrase's last name (before the verb, "Clinton spokesman Josh
    Schwerin"), else its first (after the verb, "Brian Fallon, Clinton's spokesman").
    """
    text = t.text
    # "Paul Ryan (R-WI)", "Sen. Richard J. Durbin (D-Ill.)": a party label is not part of the phrase;
    # nor is an intensifier ("Bingenheimer himself said")
    phrase = re.sub(r"\([^()]{0,40}\)|(?<=\w)\s+(?:himself|herself|itself)\b",
                    lambda m: " " * len(m.group(0)), text[lo:hi])
    if head_last:
        trail = re.search(r"(?:\s+(?:" + "|".join(sorted(_BETWEEN)) + r"|at the time|"
                          r"in (?:a|an|his|her|its|their) \w+|on (?:Twitter|Facebook|X|Truth Social)))+\s*$",
                          phrase)
        if trail:
            hi, phrase = lo + trail.start(), phrase[:trail.start()]
    if head_last and phrase.rstrip().endswith(","):
        opening = next(iter(t.within(lo, hi)), None)
        if opening is not None and t.is_person(opening.actor_id) and \
                text[opening.end:opening.end + 1] == "," \
                and all(N.is_title(w) for w in _words_of(text[lo:opening.start])):
            # "Dan Kerrigan, a specialist at Harcus Parker, a City law firm, said": appositives nest
            return replace(_Cue("actor", " ".join(text[lo:hi].split()).rstrip(" ,"), actor=opening.actor_id),
                           end=hi)
        # "Wang Yi, China's foreign minister, said": the appositive follows the head; but in "the
        # uncle, Ma Chengming, said" the appositive is the name
        parts = phrase.rstrip().rstrip(",").rsplit(",", 1)
        if len(parts) == 2 and parts[0].strip():
            name = _only_name(t, lo + len(parts[0]) + 1, lo + len(parts[0]) + 1 + len(parts[1]))
            if name is not None and not _only_name(t, lo, lo + len(parts[0]), tail=True):
                lo, hi, phrase = name[0], name[1], text[name[0]:name[1]]
            else:
                hi = lo + len(parts[0])
                phrase = parts[0]
    if head_last:
        cut = max(phrase.rfind(","), phrase.rfind(";"), phrase.rfind("—"), phrase.rfind("("))
        if cut >= 0:
            lo, phrase = lo + cut + 1, phrase[cut + 1:]
    else:
        m = re.search(rf"[,;(—]|\s+(?:who|which|that|in|on|at|during|after|before|when|{_PARTICIPLES})\b",
                      phrase)
        if m and m.group(0) == "," and not t.within(lo, lo + m.start()):
            # "said the uncle, Ma Chengming, who…": the name after the comma
            rest = re.match(r"[^,;(—]*", phrase[m.end():])
            name = _only_name(t, lo + m.end(), lo + m.end() + (rest.end() if rest else 0))
            if name is not None:
                return replace(_Cue("actor", "", actor=t.within(*name)[0].actor_id), end=name[1])
        if m:
            hi, phrase = lo + m.start(), phrase[:m.start()]
    lead = re.match(r"\s*(?:(?:and|but|so|as|while|though|yet|then|also)\s+)+", phrase, re.IGNORECASE)
    if lead:
        lo, phrase = lo + lead.end(), phrase[lead.end():]
    author = _author(t, lo, phrase)
    if author is not None:
        return replace(_Cue("actor", " ".join(text[lo:hi].split()).rstrip(" ,.;:"), actor=author), end=hi)
    words = _words_of(phrase)
    if not words:
        return None
    if len(words) > 9:
        return None
    if head_last:
        while words and words[-1].lower() in _BETWEEN:
            words.pop()

    if not words:
        return None
    cue = " ".join(text[lo:hi].split()).rstrip(" ,.;:")
    head_word = words[-1] if head_last else words[0]
    if len(words) == 1 and head_word.lower() in _PRONOUNS:
        return replace(_Cue("pronoun", cue, gender=_PRONOUNS[head_word.lower()]), end=hi)
    if len(words) == 1 and head_word.lower() in _PLURAL_PRONOUNS:
        return replace(_Cue("open", cue, reason=f"the source is '{head_word}', not one named actor"), end=hi)
    inside = t.within(lo, hi)
    # The head is the name that ends the phrase ("Clinton spokesman Josh Schwerin", "the North's
    # official Korean Central News Agency"), a day or a possessive after it aside.
    at_head = [m for m in inside if _DAYS.fullmatch(phrase[m.end - lo:].strip())
               and not (phrase[:m.start - lo].split()[-1:] and
                        phrase[:m.start - lo].split()[-1].lower() in _PREPOSITIONS)]
    if not at_head and not head_last and len(inside) == 1:
        before = phrase[:inside[0].start - lo].lower().split()
        after = [re.sub(r"^[’']s$", "", w) for w in _words_of(phrase[inside[0].end - lo:]) if w.strip(".’'-")]
        # "said Republican party boss Reince Priebus", "said a leading Supreme Court advocate": the
        # name only modifies a head noun, or an unknown name follows
        if not any(w in _PREPOSITIONS for w in before) and all(not w or w.lower() in _VOICES for w in after):
            at_head = inside
    if inside and t.is_person(inside[0].actor_id) and \
            all(N.is_title(w) for w in _words_of(phrase[:inside[0].start - lo])) and \
            re.match(r"\s+(?:of|from|at|with)\s", phrase[inside[0].end - lo:]):
        # "Ira Katz of Little Five Points Pharmacy told …", "said Elke Salzmann of the Federation":
        # the person, not where they work
        return replace(_Cue("actor", cue, actor=inside[0].actor_id), end=hi)
    if at_head:
        return replace(_Cue("actor", cue, actor=at_head[-1].actor_id), end=hi)
    # No name at the head: an organisation's voice, an anonymous source, or a name we do not know.
    head_low = re.sub(r"(?:[’']s?|\.)$", "", head_word.lower())
    if len(words) <= 3 and words[0].lower() == "the" and head_low not in _VOICES:
        # "the navy said", "the pope writes": the one actor named before whose name has that word
        # a word any body's name may hold ("the magazine", "the company") looks back two paragraphs only
        since = _two_paragraphs_back(t.text, lo) if head_low in _GENERIC_BODIES or head_low in N.MEDIA_HEADS \
            else max(0, lo - 4000)
        named = {m.actor_id for m in t.within(since, lo)
                 if head_low in fold(t.names.get(m.actor_id, "")).split()}
        if len(named) == 1:
            return replace(_Cue("actor", cue, actor=named.pop()), end=hi)
        body = _generic_body(t, lo, head_low)
        if body is not None:
            return replace(_Cue("actor", cue, actor=body), end=hi)
    if head_low in _VOICES or head_low.rstrip("s") in _VOICES:
        bodies = [m for m in inside if t.kinds.get(m.actor_id) in ("organisation", "media")]
        if bodies:
            return replace(_Cue("actor", cue, actor=bodies[-1].actor_id), end=hi)
    named_head = any(m.start - lo <= len(phrase.rstrip()) - len(head_word) < m.end - lo for m in inside)
    if head_word[:1].isupper() and not named_head and not N.is_title(head_word) and \
            head_low not in ("the", "a", "an", *_VOICES):
        return replace(_Cue("open", cue, reason=f"'{cue}' names no actor of the article"), end=hi)
    return replace(_Cue("open", cue, reason=f"the source is anonymous or generic ('{cue}')"), end=hi)


def _generic_body(t: _Text, lo: int, noun: str) -> str | None:
    """"the company said": the one organisation (or medium, for "the network") named in this paragraph
    and the one before it."""
    kinds = _GENERIC_BODIES.get(noun)
    if kinds is None:
        return None
    named = {m.actor_id for m in t.within(_two_paragraphs_back(t.text, lo), lo)
             if t.kinds.get(m.actor_id) in kinds}
    return named.pop() if len(named) == 1 else None


def _two_paragraphs_back(text: str, at: int) -> int:
    """Where the paragraph before the one holding ``at`` starts, at most 4,000 characters back.

    The bound keeps each look-back short in a text that has no paragraph breaks.
    """
    par = text.rfind("\n\n", max(0, at - 4000), at)
    prev = text.rfind("\n\n", max(0, at - 4000), max(par, 0)) if par > 0 else -1
    return prev + 2 if prev >= 0 else max(0, at - 4000)


def _author(t: _Text, lo: int, phrase: str) -> str | None:
    """Who wrote the document the phrase names: "Bush's Facebook post", "a letter from the Legion".

    A document speaks its author's words; without an author named in the phrase ("the ad says") it
    stays an anonymous source.
    """
    doc = _DOCUMENT_SUBJECT.match(phrase)
    if doc is None or not doc.group("doc").islower():  # "The Washington Post's Ed O'Keefe" is no post
        return None
    if any(w.lower() in _PREPOSITIONS for w in _words_of(phrase[:doc.start("doc")])):
        return None  # "Schneider responded to a tweet from Biden": the tweet is no subject
    for m in t.within(lo, lo + doc.start("doc")):
        if re.match(r"[’']s?\s", t.text[m.end:m.end + 3]):
            return m.actor_id
    by = re.match(r"\s+(?:(?:sent|sent out|issued|released|signed|written|posted|put out)\s+)?(?:from|by)\s+"
                  r"(?:the\s+)?", phrase[doc.end():])
    if by is None:
        return None
    at = lo + doc.end() + by.end()
    after = t.within(at, at + 1)
    return after[0].actor_id if after else None


def _only_name(t: _Text, lo: int, hi: int, tail: bool = False) -> tuple[int, int] | None:
    """The span of the one person's name that ``text[lo:hi]`` consists of (titles aside), if it does.

    ``tail``: it is enough that the part ends with a person's name ("the economist Jared Bernstein").
    """
    for m in t.within(lo, hi):
        if not t.is_person(m.actor_id) or t.text[m.end:hi].strip(" ’'s."):
            continue
        before = _words_of(t.text[lo:m.start])
        if tail or all(N.is_title(w) for w in before):
            return m.start, m.end
    return None


def _tail_cue(t: _Text, q: _Span, e: int) -> _Cue | None:
    """The attribution after a quotation: ``“…,” said X`` / ``“…,” X said`` / ``“…,” X reported``."""
    text = t.text
    tail = text[q.end:e]
    lead = re.match(r"[\s,—–'’\"”-]*", tail)
    start = q.end + (lead.end() if lead else 0)
    clause = text[start:min(e, start + 160)]
    cut = re.search(r"[“\"]|''", clause)
    if cut:
        clause = clause[:cut.start()]
    first = _VERB.match(clause)
    if first and not _IS_PARTICIPLE.match(first.group(0)):  # "said Brian Fallon, Clinton's spokesman"
        rest = start + first.end()
        sub = _subject(t, rest, start + len(clause), head_last=False)
        if sub is None:
            return None
        return _with_verb(t, sub, start, rest, before=True)
    acc = _ACCORDING.match(clause)
    if acc:
        return _according(t, start + acc.end(), start + len(clause), text[start:start + acc.end()])
    for verb in _VERB.finditer(clause):
        if verb.start() > 100:
            break
        if _IS_PARTICIPLE.match(verb.group(0)):
            return None
        sub = _subject(t, start, start + verb.start(), head_last=True)
        if sub is None:
            return None
        return _with_verb(t, sub, start, start + verb.end(), before=False)
    return None


def _with_verb(t: _Text, sub: _Cue, start: int, verb_end: int, before: bool) -> _Cue:
    """The cue as the article words it: the verb and its subject, the appositive between them too."""
    end = sub.end if before else verb_end
    return replace(sub, cue=" ".join(t.text[start:end].split()).rstrip(" ,.;:"))


def _according(t: _Text, lo: int, hi: int, words: str) -> _Cue | None:
    """``according to X``: X said it when X is a person or a body; a medium or a document relayed it."""
    region = t.text[lo:hi]
    end = re.search(r"[,;.]", region)
    hi = lo + end.start() if end else hi
    sub = _subject(t, lo, hi, head_last=False)
    cue = " ".join((words + t.text[lo:hi]).split())
    named = t.within(lo, hi)
    if _DOCUMENT.search(t.text[lo:hi]) or (sub and sub.actor and t.kinds.get(sub.actor) == "media"):
        via = next((m.actor_id for m in named if not t.is_person(m.actor_id)), None)
        return _Cue("open", cue, reason=f"'{cue}' names who relayed it", via=via, channel=True)
    if sub is None:
        return None
    return _Cue(sub.kind, cue, sub.actor, sub.gender, sub.reason, sub.via)


def _relayed_by(t: _Text, lo: int, hi: int, last_via: str | None) -> str | None:
    """``“…,” Wang told Choe, according to a readout by the Foreign Ministry``: who relayed the words.

    A bare "according to the readout" means the one named before.
    """
    acc = _ACCORDING.search(t.text, lo, hi)
    if acc is None or not _DOCUMENT.search(t.text, acc.end(), hi):
        return None
    named = [m for m in t.within(acc.end(), hi) if t.kinds.get(m.actor_id) != "person"]
    return named[0].actor_id if named else last_via


def _head_cue(t: _Text, hs: int, q: _Span, s: int) -> _Cue | None:
    """The attribution before a quotation: ``X said: “…”``, ``According to X, “…”``, ``X: “…”``."""
    text = t.text
    head = text[hs:q.start]
    acc = None
    for acc in _ACCORDING.finditer(head):
        pass
    if acc and re.fullmatch(r"[^,“\"]{1,80},\s*", head[acc.end():]):
        return _according(t, hs + acc.end(), q.start, head[acc.start():acc.end()])
    verbs = list(_VERB.finditer(head))
    for verb in reversed(verbs):
        after = head[verb.end():]
        if len(after) > 120 or re.search(r"[.!?]\s", after):
            continue
        before = head[:verb.start()]
        if _IS_PARTICIPLE.match(verb.group(0)):
            # "Trump hit back, saying “…”": the sentence's subject speaks
            start = hs + len(before) - len(before.lstrip())
            intro = re.match(r"(?:As|After|In|On|Asked)\b[^,“\"]{0,80},\s*", before.lstrip())
            if intro:  # "As first noted by Deadline, Schneider responded … by saying"
                start += intro.end()
            first = t.within(start, hs + verb.start())
            # "Denicola recalled a nurse asking “…”": a participle without a comma is the nearer noun's
            attached = re.search(r"(?:,|\b(?:by|while|when|after|before|in|and|then))\s*$", before) or \
                (first and not text[first[-1].end:hs + verb.start()].strip())
            if first and attached and first[0].start - start <= 12 and t.is_person(first[0].actor_id):
                words = text[start:first[0].end] + " … " + verb.group(0)
                return _Cue("actor", " ".join(words.split()), actor=first[0].actor_id)
            return None
        lo = hs
        clause = re.search(r"(?:^|[;:]|\b(?:and|but|while|as|because|when|after|before|that)\b)(?=[^;:]*$)",
                           before)
        if clause and clause.end() > 0:
            lo = hs + clause.end()
        sub = _subject(t, lo, hs + verb.start(), head_last=True)
        if sub is None:
            return None
        subject_at = lo + len(text[lo:]) - len(text[lo:].lstrip())
        return _with_verb(t, sub, subject_at, hs + verb.end(), before=False)
    if head.rstrip().endswith(":") and hs == s:
        # "Trump was blunt: “…”": the sentence's subject, when it opens the sentence
        opening = t.within(s, q.start)
        if opening and opening[0].start - s <= 4 and t.is_person(opening[0].actor_id):
            others = [m for m in opening if m.actor_id != opening[0].actor_id and t.is_person(m.actor_id)]
            if not others:
                return _Cue("actor", " ".join(head.split()), actor=opening[0].actor_id)
    return None


# --------------------------------------------------------------------------- the article


def find_quotes(paragraphs: list[str], mentions_of: Callable[[str], list[Mention]],
                kinds: Mapping[str, str] | None = None,
                names: Mapping[str, str] | None = None) -> QuoteResult:
    """Quotations in ``paragraphs`` with their speakers; ``mentions_of`` finds actors in a piece of text.

    ``kinds`` maps actor ids to their kind (a speaker of "he said" is a person; an organisation speaks
    through a "spokesman"); ``names`` maps them to names, for the gender of a person's given name.
    """
    kinds = kinds or {}
    names = names or {}
    text = "\n\n".join(paragraphs)
    mentions: list[Mention] = []
    offset = 0
    for paragraph in paragraphs:
        mentions.extend(Mention(m.start + offset, m.end + offset, m.actor_id, m.surface, m.how)
                        for m in mentions_of(paragraph))
        offset += len(paragraph) + 2
    mentions.sort()
    spans = quotations(text)
    t = _Text(text, mentions, spans, kinds, names)
    speaking = _paraphrase_speakers(t, spans)

    out: list[FoundQuote] = []
    previous: tuple[FoundQuote, _Span, int] | None = None  # last quote, its span, its sentence start
    last_via: str | None = None
    handled_as_saying: set[int] = set()
    for q in spans[:MAX_QUOTES]:
        s, e = _sentence_bounds(text, q.start, q.end)
        par = text.rfind("\n\n", 0, q.start)
        paragraph_start = par + 2 if par >= 0 else 0
        sentence = text[s:e]
        saying = _AS_SAYING.search(sentence)
        if saying:
            if s in handled_as_saying:
                continue
            handled_as_saying.add(s)
            who = t.within(s + saying.start("who"), s + saying.end("who"))
            relays = [m for m in t.within(s, s + saying.start("who"))]
            fragments = [x.text.strip(" ,") for x in quotations(sentence)] or [q.text]
            joined = " … ".join(f for f in fragments if f)
            if who:
                relay = relays[0].actor_id if relays else None
                cited = " ".join(saying.group(0).split())
                found = FoundQuote(_tidy(joined), who[0].actor_id, relay, "cited", cited)
            else:
                found = FoundQuote(_tidy(joined), reason=f"'{saying.group(0)}' names no actor of the article")
            out.append(found)
            previous = (found, q, s)
            continue
        same_sentence = previous is not None and previous[2] == s and previous[1].end <= q.start
        hs = previous[1].end if same_sentence and previous is not None else s
        cue = _tail_cue(t, q, e) or _head_cue(t, hs, q, s)
        if cue is not None and cue.channel and cue.via is None:
            cue = replace(cue, via=last_via)  # "according to the readout": the one named before
        found = _resolve(t, q, cue, previous, same_sentence, paragraph_start, speaking)
        if found.speaker and not found.via:
            found = replace(found, via=_relayed_by(t, q.end, e, last_via))
        if found.via == found.speaker:
            found = replace(found, via=None)
        if found.via:
            last_via = found.via
        out.append(found)
        previous = (found, q, s)
        if found.speaker and t.is_person(found.speaker):
            speaking.add(q.start, found.speaker, found.cue)
    return QuoteResult(out)


class _Speaking:
    """Who spoke where: attributed quotations and "X said" outside them, for "he said"."""

    def __init__(self) -> None:
        self.events: list[tuple[int, str, str]] = []  # (where, who, the words that say so)

    def add(self, at: int, actor_id: str, cue: str) -> None:
        insort(self.events, (at, actor_id, cue))

    def last_before(self, at: int, since: int) -> tuple[int, str, str] | None:
        i = bisect_left(self.events, (at, "", ""))
        if i and self.events[i - 1][0] >= since:
            return self.events[i - 1]
        return None


def _paraphrase_speakers(t: _Text, spans: list[_Span]) -> _Speaking:
    """Every person who is the subject of a speech verb outside quotations ("Clinton said that…")."""
    speaking = _Speaking()
    starts = [s.start for s in spans]
    for verb in _VERB.finditer(t.text):
        i = bisect_right(starts, verb.start()) - 1
        if i >= 0 and verb.start() < spans[i].end:
            continue
        before = t.within(max(0, verb.start() - 40), verb.start())
        m = before[-1] if before else None
        gap = t.text[m.end:verb.start()] if m else ""
        if m is not None and t.is_person(m.actor_id) and \
                re.fullmatch(r"(?:’s|'s)?\s+(?:[a-z]+\s+){0,2}", gap) \
                and all(w in _BETWEEN for w in gap.split()[0:2] if w not in ("’s", "'s")):
            speaking.events.append((verb.start(), m.actor_id, " ".join(t.text[m.start:verb.end()].split())))
            continue
        # "Michael Barnhart, an expert at Mandiant, said the scheme…": the subject with what stands
        # beside it, parsed as a quotation's cue is
        s, _ = _sentence_bounds(t.text, verb.start(), verb.end())
        sub = _subject(t, s, verb.start(), head_last=True)
        if sub is not None and sub.kind == "actor" and sub.actor and t.is_person(sub.actor):
            speaking.events.append((verb.start(), sub.actor, " ".join(t.text[s:verb.end()].split())))
    speaking.events.sort()
    return speaking


def _resolve(t: _Text, q: _Span, cue: _Cue | None, previous: tuple[FoundQuote, _Span, int] | None,
             same_sentence: bool, paragraph_start: int, speaking: _Speaking) -> FoundQuote:
    """The quotation's speaker from its cue, a pronoun's antecedent, or the quotation before it."""
    words = _tidy(q.text)
    if cue is not None and cue.kind == "actor" and cue.actor:
        return FoundQuote(words, cue.actor, cue.via, "named", cue.cue)
    if cue is not None and cue.kind == "pronoun":
        who, reason = _antecedent(t, q, cue.gender, paragraph_start, speaking)
        if who:
            return FoundQuote(words, who, None, "pronoun", cue.cue)
        return FoundQuote(words, reason=f"'{cue.cue}': {reason}")
    if cue is not None and cue.kind == "open" and not cue.channel:
        return FoundQuote(words, via=cue.via, reason=cue.reason)
    # No cue of its own (or only a channel): it goes on from the quotation before it.
    if previous is not None and previous[0].speaker:
        prev, prev_span, _ = previous
        between = t.text[prev_span.end:q.start]
        prev_par = t.text.rfind("\n\n", 0, prev_span.start)
        prev_par_start = prev_par + 2 if prev_par >= 0 else 0
        opens_paragraph = q.start == paragraph_start
        follows = t.text.rfind("\n\n", 0, max(paragraph_start - 2, 0)) + 2 == prev_par_start \
            if prev_par_start else "\n\n" not in between[:-2]
        in_paragraph = prev_par_start == paragraph_start
        others = [m for m in t.within(prev_span.end, q.start)
                  if m.actor_id != prev.speaker and t.is_person(m.actor_id)]
        # the next paragraph: opening with the quotation, or with nobody else named before it
        next_paragraph = follows and opens_paragraph
        if same_sentence or in_paragraph or next_paragraph:
            intervening = speaking.last_before(q.start, prev_span.end)
            if intervening and intervening[1] != prev.speaker:
                return FoundQuote(words, via=cue.via if cue else None,
                                  reason="another person speaks between this quotation and the last one")
            if not others or same_sentence or in_paragraph:
                return FoundQuote(words, prev.speaker, cue.via if cue else prev.via, "continued", prev.cue)
            return FoundQuote(words, via=cue.via if cue else None,
                              reason="no cue; another person is named since the last quotation")
    if cue is None:
        # "It was just him and the professor, he said. “…”": a pronoun speaking just before
        before = t.text[max(paragraph_start, q.start - WINDOW):q.start]
        said = None
        for said in _PRONOUN_SAID.finditer(before):
            pass
        if said is not None and not _VERB.search(before[said.end():]):
            pronoun = (said.group("p1") or said.group("p2")).lower()
            who, _ = _antecedent(t, q, _PRONOUNS[pronoun], paragraph_start, speaking)
            if who:
                return FoundQuote(words, who, None, "pronoun", " ".join(said.group(0).split()))
        # "Trump defended the plan on Monday. “…”": the person speaking in the sentence before
        # …or, for a quotation that opens its paragraph, in the paragraph before
        opens = q.start == paragraph_start
        since = _two_paragraphs_back(t.text, q.start) if opens else paragraph_start
        last = speaking.last_before(q.start, since)
        if last is not None and (opens or last[0] >= q.start - WINDOW):
            others = [m for m in t.within(last[0], q.start)
                      if m.actor_id != last[1] and t.is_person(m.actor_id)]
            if not others:
                return FoundQuote(words, last[1], None, "named", last[2])
        return FoundQuote(words, reason="no speech verb or speaker near the quotation")
    return FoundQuote(words, via=cue.via, reason=cue.reason)


def _antecedent(t: _Text, q: _Span, gender: str | None, paragraph_start: int,
                speaking: _Speaking) -> tuple[str | None, str]:
    """Who "he" or "she" is: the last person speaking, unless another person it could mean is named since.

    The window is this paragraph and the one before it; a person's gender comes from "Mr."/"Ms." in
    the text or from the given name, and an unknown gender could be either.
    """
    prev_par = t.text.rfind("\n\n", 0, max(paragraph_start - 2, 0))
    window = prev_par + 2 if prev_par >= 0 else 0

    def fits(actor_id: str) -> bool:
        g = t.gender_of(actor_id)
        return gender is None or g is None or g == gender

    persons = [m for m in t.within(window, q.start) if t.is_person(m.actor_id) and fits(m.actor_id)]
    last = speaking.last_before(q.start, window)
    if last is not None and fits(last[1]):
        since = [m.actor_id for m in persons if m.start > last[0] and m.actor_id != last[1]]
        if not since or last[0] >= paragraph_start:
            return last[1], ""
        return None, f"could be {t.name(last[1])} (speaking last) or {t.name(since[-1])}"
    distinct = list(dict.fromkeys(m.actor_id for m in persons))
    if len(distinct) == 1:
        return distinct[0], ""
    if not distinct:
        # Nobody it could mean in these two paragraphs: the last person speaking before them,
        # if nobody else it could mean has been named since.
        earlier = speaking.last_before(window, 0)
        if earlier is not None and fits(earlier[1]) and not any(
                t.is_person(m.actor_id) and m.actor_id != earlier[1] and fits(m.actor_id)
                for m in t.within(earlier[0], q.start)):
            return earlier[1], ""
        return None, "no person it could mean is named nearby"
    return None, f"could be {t.name(distinct[-2])} or {t.name(distinct[-1])}"


