"""Ingest: capitalised name runs in news text, split into roles and names. Pure, linear in the text.

News copy names people and bodies in runs of capitalised words: "UN
Secretary-General António Guterres", "the Chicago Police Department", "Israeli
Prime Minister Benjamin Netanyahu". This module finds those runs and labels each
word, so that the caller (``actors.py``) can tell the role from the name and the
organisation from the place. It knows words, never particular actors: title words
come from nameparser's list plus the ones news copy uses, common words from
wordfreq, given names from gender-guesser's list.

A run never crosses punctuation, a line break or a possessive ("Trump's Remarks"
stops after "Trump"), and it drops a sentence-initial common word ("Meanwhile
Gilad Erdan" -> "Gilad Erdan").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple


def _words(text: str) -> frozenset[str]:
    """A word list written as a paragraph, as a set."""
    return frozenset(text.split())


#: Lowercase words of an organisation's name that a person's never holds ("Martin O'Malley for the
#: Democratic nomination" is Martin O'Malley).
NOT_IN_PERSON = frozenset({"of", "for", "and", "the", "on", "&", "at"})
#: Lowercase words that may sit inside a name ("Bank of England", "Ibn al-Khattab").
CONNECTORS = frozenset(
    {
        "of",
        "for",
        "and",
        "the",
        "de",
        "del",
        "della",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "al",
        "el",
        "bin",
        "ibn",
        "la",
        "le",
        "on",
        "&",
        "y",
        "at",
    }
)

#: Head nouns that make a run an organisation.
ORG_HEADS = _words("""
ministry department agency administration council committee subcommittee commission board authority office
bureau service services institute institution university college school academy foundation society association
federation union league party caucus conference court tribunal assembly parliament senate congress police army
navy force forces guard guards corps command bank fund group company companies corporation corp inc ltd llc
plc holdings partners capital technologies labs laboratories systems research trust alliance coalition network
centre center organisation organization unit team club church pharmacy library brigade brigades battalion
regiment movement front cabinet government directorate secretariat embassy consulate mission exchange reserve
zoo airlines airways motors industries pharmaceuticals energy petroleum electric bancorp enterprises ventures
media studios entertainment consortium cooperative co-op federal observatory lab initiative project technology
industry solutions software semiconductor semiconductors materials devices instruments electronics telecom
communications pharma biotech therapeutics foods brands insurance securities investments management advisors
associates consulting house operations interests properties realty developers auctions pictures productions
films movies records publishing publishers hotels resorts brothers footwear apparel watch
""")

#: First words of place names, never of a person's ("San Francisco", "Fort Worth").
PLACE_STARTS = frozenset(
    {
        "san",
        "santa",
        "los",
        "las",
        "fort",
        "port",
        "saint",
        "mount",
        "lake",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "central",
        "greater",
        "new",
        "el",
        "al",
        "des",
    }
)

#: Well-known places whose last word is an organisation head ("West Bank").
PLACES = frozenset(
    {
        "west bank",
        "gaza strip",
        "wall street",
        "silicon valley",
        "bay area",
        "middle east",
        "red sea",
        "capitol hill",
        "east coast",
        "west coast",
        "hong kong",
        "tel aviv",
        "kuala lumpur",
        "buenos aires",
        "abu dhabi",
        "sao paulo",
        "são paulo",
        "puerto rico",
        "rio de janeiro",
        "cape town",
        "ho chi minh city",
        "new delhi",
        "los angeles",
        "santa monica",
        "miracle mile",
        "oval office",
    }
)

#: Words that say which party holds a known institution, or when, not which institution it is:
#: "the Republican Senate", "a Democratic White House", "the former House".
PARTISAN = _words("""
democratic democrat republican gop conservative liberal labour tory former then current incoming outgoing
""")
#: The same said of control: "the Republican-controlled Congress", "a Democratic-led House".
PARTISAN_CONTROL = re.compile(r"[a-z]+-(?:controlled|led|dominated|run)", re.IGNORECASE)


#: Words that headline case capitalises and names hardly ever hold, however a style writes titles.
HEADLINE_WORDS = _words("""
is are was were be has have had will can just how why what who it its their his her she he they we our your
this that not some gets says
""")
#: Short words that some title styles leave in lower case.
TITLE_LOWER = _words("""
a an the and or nor but of in on to for at by with from as vs via per
""")
#: Number words, which no person's name holds ("Gang of Eight", "Big Four").
NUMBER_WORDS = _words("""
two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen twenty hundred
""")

#: The states of the United States, whose own departments, courts and police share the generic names
#: of the federal ones ("California Department of Justice", "Washington State Department of Health").
US_STATES = frozenset(
    {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
        "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
        "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
        "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
        "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
        "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont",
        "virginia", "washington", "west virginia", "wisconsin", "wyoming",
    }
)

#: Organisation heads that are organisations only with more words ("Federal" alone is not a name).
_WEAK_ORG_HEADS = frozenset({"federal", "capital", "energy", "media", "government", "project", "initiative"})

#: The abbreviations of US states that news style puts after a city ("Nashville, Tenn."): places,
#: never a company's name.
US_STATE_ABBREVIATIONS = frozenset({
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ill", "Ind", "Kan", "Kans", "Mass", "Mich",
    "Minn", "Miss", "Mont", "Neb", "Nev", "Okla", "Ore", "Tenn", "Tex", "Wash", "Wis", "Wyo",
})

#: Head nouns of news media.
MEDIA_HEADS = _words("""
news times post journal tribune herald gazette telegraph guardian radio tv television broadcasting press daily
magazine channel chronicle observer independent examiner courier inquirer dispatch mirror express sun star
bulletin monitor weekly review wire register sentinel globe bee enquirer newspaper newspapers beacon
""")

#: Last words that make a run something other than an actor: laws, events, works, places.
NOT_ACTOR_HEADS = _words("""
act acts bill law laws treaty treaties accord accords agreement agreements amendment convention resolution
protocol charter constitution doctrine plan program programme strategy policy report index award awards prize
war wars summit games olympics cup day days week month year festival election elections primary primaries
crisis pandemic attack attacks massacre revolution uprising street avenue road square strip wall gate bridge
airport station port island islands sea ocean river lake mountain mountains valley peninsula canal desert
county province city town village district region coast beach park hall building tower palace stadium arena
hotel hospital museum cathedral mosque temple synagogue border crossing corridor highway base camp prison jail
zone territory territories basin heights plateau bay gulf cape harbor harbour series season show film movie
book novel album song newsletter podcast app platform model theory area store islam christianity judaism
tonight live garden gardens drive boulevard blvd lane parkway terrace plaza alley expressway freeway turnpike
trophy trophies medal medals christmas easter thanksgiving hanukkah ramadan diwali
hinduism buddhism catholicism guide guides handbook manual scheme schemes
""")

#: Heads of the names of works, schemes and places, which no surname is: a run ending in one is no person
#: even when it opens with a given name ("the Warren Buffett Guide", "the Mary Jones Act", "Charles County").
WORK_HEADS = _words("""
guide guides handbook manual report index podcast newsletter album novel act acts awards prize scheme schemes
programme program strategy doctrine
county province district region territory territories airport stadium arena gardens museum cathedral mosque
synagogue hospital prison highway peninsula plateau canal ocean desert festival garden
""")

#: Words news copy puts before a name as a title or role (beyond nameparser's list).
_EXTRA_TITLES = _words("""
secretary-general under-secretary-general spokesperson spokesman spokeswoman sen sen. rep rep. gov gov. lt lt.
gen gen. col col. sgt sgt. capt capt. adm adm. maj maj. cmdr supt det insp atty atty. pres pres. amb amb.
councilmember councilman councilwoman council-member assemblymember assemblyman assemblywoman congressman
congresswoman lawmaker legislator chairman chairwoman chairperson vice deputy acting former then interim
incoming outgoing late ex chief head minister premier president chancellor speaker leader whip commissioner
attorney prosecutor judge justice magistrate sheriff mayor governor senator representative ambassador envoy
adviser advisor aide director manager ceo cfo cto coo founder co-founder owner executive officer analyst
economist strategist researcher professor lecturer scientist official minister-president crown prince princess
king queen emperor pope cardinal archbishop bishop rabbi imam ayatollah sheikh emir sultan president-elect
""")

#: nameparser titles that are organisation or place words rather than titles.
_NOT_TITLES = _words("""
air army navy police group family kingdom intelligence security credit district division information military
political royal federal national british english corporate business civil financial foreign municipal revenue
judicial legal law radio rock blues ballet opera film literary marketing mathematics discovery docket
knowledge mystery banner bench computer flag flying high his her most right risk customs analytics advertising
baseball burlesque classical catholicos biblical celebrity comic criminal
""")

#: Lowercase words after a demonym that make it stand for the state ("Israeli forces").
STATE_AGENTS = _words("""
forces force military army navy troops soldiers government officials official authorities leader leaders
president prime premier minister ministers ministry police regime administration embassy ambassador diplomats
diplomat delegation side strikes airstrikes air warplanes jets drones intelligence security spokesman
spokeswoman spokesperson negotiators counterpart counterparts cabinet parliament lawmakers state coast
""")

#: Words before a capital that make it a place rather than its government ("talks in Beijing").
LOCATIVES = frozenset({"in", "at", "near", "outside", "around", "across", "into", "inside", "through", "to",
                       "visit", "visited", "visiting", "downtown", "central", "suburban", "greater", "from",
                       "toward", "towards", "via", "of"})

#: Words that start a sentence or clause and never a name ("Meanwhile Gilad Erdan", "Could Trump").
FUNCTION_WORDS = _words("""
the a an in on at to for from by with of and but or nor as if when while after before here there this that
these those it he she they we i you his her their our its my your one be now then meanwhile still also yet so
even could would should will can may might must did does do has have had was were is are why what who whom how
where which not no yes every each all some many most more other another both either neither such only just
like unlike despite during since until under over against between among without within about above below
across through via per dear thanks today tomorrow yesterday last next amid following including once
""")

MONTHS_DAYS = _words("""
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
""")

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "esq"})
#: Titles that name a person together with one name ("Pope Francis", "King Charles").
REGNAL_TITLES = frozenset(
    {
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "empress",
        "sheikh",
        "emir",
        "sultan",
        "saint",
        "patriarch",
        "ayatollah",
    }
)
#: Titles before a bare surname that make it a person ("Chairman Blumenthal", "Sen. Coons").
SURNAME_TITLES = frozenset(
    {
        "chairman",
        "chairwoman",
        "senator",
        "sen",
        "president",
        "chancellor",
        "governor",
        "gov",
        "mayor",
        "judge",
        "justice",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "mr",
        "mrs",
        "ms",
        "dr",
        "secretary",
        "minister",
        "general",
        "gen",
        "prime minister",
        "speaker",
        "councilmember",
        "commissioner",
        "ambassador",
    }
)
_ABBREVIATED_TITLES = frozenset({"hon", "rev", "pres", "gen", "sen", "rep", "gov"})
_ABBREVIATION = re.compile(
    r"(?:[A-Za-z]\.)+|(?:Jr|Sr|St|Dr|Mr|Mrs|Ms|Mx|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Maj|Prof|"
    r"Rev|Hon|Mt|Ft|Co|Corp|Inc|Ltd|Cmdr|Supt|Det|Atty|Pres|Amb|Calif|Mass|Wash|Fla)\."
)
_WORD = re.compile(r"[^\W_][\w’'.&\-]*")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_SENTENCE_GAP = re.compile(r"[.!?:;\"“”(\[—–]\s*$")


class Word(NamedTuple):
    """One word of a run: its text (possessive and full stop removed) and span."""

    text: str
    start: int
    end: int
    sentence_start: bool = False

    @property
    def low(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Lowercase title words: nameparser's list (minus organisation words) and news copy's own."""
    try:
        from nameparser.config import CONSTANTS
        base = {t for t in CONSTANTS.titles if t.isascii() and t.replace("-", "").replace(".", "").isalpha()}
    except ImportError:  # pragma: no cover - a declared dependency
        base = set()
    # "Hon" (Hon Hai) and "Rev" are titles only with their full stop, which is_title keeps.
    return frozenset(
        (base - _NOT_TITLES - {"hon", "rev", "pres", "gen", "sen", "rep", "gov"}) | _EXTRA_TITLES
    )


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Lowercase given names known to gender-guesser's list (about 40,000 names)."""
    try:
        from gender_guesser import detector
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    d = detector.Detector(case_sensitive=False)
    return frozenset(k.lower() for k in d.names)


@lru_cache(maxsize=1)
def _detector() -> Any:
    from gender_guesser import detector

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def gender(given_name: str) -> str | None:
    """"m" or "f" when gender-guesser's list says so (mostly or always), else None: for "he said"."""
    name = given_name.strip(".,").lower()
    signs = {_SIGNS.get(_detector().get_gender(name, *where)) for where in _WHERE} - {None}
    # "Ira" is female in the list's whole, male in the US and Britain: a name read two ways is neither
    return signs.pop() if len(signs) == 1 else None


#: Where the names are read: the list's whole, and the two countries whose press the archive reads most.
_WHERE: tuple[tuple[str, ...], ...] = ((), ("usa",), ("great_britain",))
_SIGNS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


def is_given_name(word: str) -> bool:
    """A given name in gender-guesser's list; a hyphenated one ("Hans-Peter") when both halves are."""
    low = word.lower()
    if low in _given_names():
        return True
    parts = low.split("-")
    return len(parts) == 2 and all(len(p) > 1 and p in _given_names() for p in parts)


@lru_cache(maxsize=65536)
def common(word: str) -> float:
    """How common ``word`` is in English as written in lowercase (wordfreq's Zipf scale, 0–8)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a declared dependency
        return 0.0
    return float(zipf_frequency(word.lower(), "en"))


def is_capitalised(word: str) -> bool:
    if not word:
        return False
    if word[0].isupper():
        return True
    # "iFixit", "eBay": a lowercase letter, then capitals
    return len(word) > 2 and word[0].islower() and word[1].isupper()


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` (with its full stop) is an abbreviation ("U.S.", "Gov.", "Calif."), not a word
    that ends a sentence."""
    return bool(_ABBREVIATION.fullmatch(word))


def is_title(word: str) -> bool:
    low = word.lower().rstrip(".")
    if low in _SUFFIXES:
        return False
    return (
        low in titles()
        or word.lower() in titles()
        or (word.endswith(".") and low in _ABBREVIATED_TITLES)
        or ("-" in low and all(part in titles() for part in low.split("-") if part))
    )


def _clean(raw: str) -> tuple[str, bool]:
    """A word without its possessive or closing full stop; True when the run must end after it."""
    ends = False
    word = raw
    closed = raw.rstrip("'’")
    if closed != raw and closed.endswith(".") and not _ABBREVIATION.fullmatch(closed):
        return closed.rstrip("."), True  # "Regan.’ And": a full stop inside a closing quotation mark
    if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
        word, ends = word.rstrip("."), True
    possessive = _POSSESSIVE.search(word)
    if possessive and len(word) > 2 and not word.endswith(("'", "’")) or (possessive and word.endswith("s’")):
        word, ends = word[: possessive.start()] + ("s" if possessive.group(0).startswith("s") else ""), True
    word = word.rstrip("-'’&")
    return word, ends


def _inner_possessive(m: re.Match[str], following: re.Match[str] | None) -> bool:
    """"Sheriff's Office", "Workers' Party": a possessive inside a body's name, before its head noun."""
    if following is None or not _POSSESSIVE.search(m.group(0)) or m.group(0)[:1].islower() or \
            m.string[m.end():following.start()] != " ":
        return False
    head = following.group(0)
    owner = _POSSESSIVE.sub("", m.group(0)).lower()
    return owner in _INNER_OWNERS and head[:1].isupper() and \
        head.rstrip(".,").lower() in ORG_HEADS | {"hospital"}


#: Who a body's name may say it belongs to ("Sheriff's Office", "Workers' Party"); a person's name
#: never ("Trump's Department of Justice" is the department).
_INNER_OWNERS = _words("""
sheriff attorney attorneys children people women men workers veterans farmers teachers nurses officers
soldiers students citizens writers journalists consumers taxpayers physicians lawyers employees voters girls
boys mothers fathers parents firefighters marshal marshals coroner examiner prosecutor prosecutors auditor
comptroller treasurer controller clerk recorder assessor governor mayor speaker chancellor commissioner
solicitor defender inspector
""")


def runs(text: str) -> Iterator[list[Word]]:
    """Runs of capitalised words (with connectors inside), in text order."""
    current: list[Word] = []
    pending: list[Word] = []  # connectors waiting for a capitalised word
    last_end = 0
    after_abbreviation = False
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        gap = text[last_end:m.start()]
        last_end = m.end()
        word, ends = _clean(m.group(0))
        if not word:
            continue
        if ends and _inner_possessive(m, words[i + 1] if i + 1 < len(words) else None):
            word, ends = m.group(0), False
        broken = bool(gap) and (not gap.isspace() or "\n" in gap)
        sentence_start = (
            m.start() == 0
            or "\n" in gap
            or bool(_SENTENCE_GAP.search(text[max(0, m.start() - 4) : m.start()]))
        )
        if broken and current:
            yield current
            current, pending = [], []
        w = Word(word, m.start(), m.start() + len(word), sentence_start and not after_abbreviation)
        after_abbreviation = bool(_ABBREVIATION.fullmatch(m.group(0)))
        if is_capitalised(word):
            if current and pending and word == "The":  # "Court for The New York Times": two names
                yield current
                current = []
            if current:
                current.extend(pending)
            pending = []
            current.append(w)
        elif (
            current
            and not ends
            and (
                (word.lower() in CONNECTORS and word != "at")
                or (word == "to" and not pending and current[-1].low in ORG_HEADS)
                or (word == "at" and not pending and any(w.low in ORG_HEADS for w in current))
            )
        ):
            pending.append(w)  # "Bank of England"; "Committee to Protect Journalists"
        else:
            if current:
                yield current
            current, pending = [], []
        if ends and current:
            yield current
            current, pending = [], []
    if current:
        yield current
