"""The review page's HTML: every value escaped here, once; no inline script or style. Pure.

The page is plain HTML that works with the keyboard alone; ``review.js`` (served beside it)
sends the decisions and swaps in the briefing's section as the server renders it again.
"""

from __future__ import annotations

import re
from html import escape
from itertools import pairwise

from site_builder.authoring.review.view import ActorView, BriefingView, OutletView, QuoteView, Span
from site_builder.core.schema import ACTOR_KINDS, OWNERSHIP_KINDS
from site_builder.errors import Diagnostic

KEYS = (
    ("j / k", "next / previous actor or quote"),
    ("a", "mark the actor as looked at (optional: an actor left alone is kept; only changes need a key)"),
    ("r", "not an actor here: remove it from this briefing only (or this reading of its name)"),
    ("R", "never propose: remove a proposed actor and ban its name from every future article"),
    ("m", ("merge a proposed actor into its look-alike (with several, choose one: arrows, Enter; Escape goes "
           "back); with none, as M")),
    ("M", ("merge a proposed actor into another actor of the briefing or of actors.yml: type its name or id, "
           "Enter (its name becomes an alias of the one kept)")),
    ("s", "choose the quote's speaker (arrows move, Enter or leaving the menu saves, Escape undoes)"),
    ("n", "leave the quote's speaker open on purpose (check then stops listing it)"),
    ("c", ("correct a proposed actor's name or kind (Enter or the button saves; an actor only this briefing "
           "uses takes the new name's id)")),
    ("x", "delete the quote: the words are not a quotation (a title, a slogan)"),
    ("w", "correct the quote's words as the article has them (Enter or the button saves)"),
    ("t / e / b", "edit the title / the summary / the author (Enter or the button saves; empty: no author)"),
    ("+", "add an actor from actors.yml (type its name or id, choose, Enter)"),
    ("N", "add a new actor to actors.yml and to the briefing: its name and kind"),
    ("f", "set the actor's role and country in actors.yml (Enter or the button saves; empty removes)"),
    ("o", "set the outlet's country and ownership in outlets.yml (Enter or the button saves)"),
)
#: How a role gives the years it held (:mod:`site_builder.core.roles` reads them).
ROLE_FORMAT = ("A role held for a time gives its years, and pages show it only on their dates: "
               "Home Secretary (2024–2025); Foreign Secretary (from 2025). A country is a state "
               "from actors.yml: its id, name or alias.")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def registry_box(problems: list[Diagnostic]) -> str:
    """The registries' own errors, once for the page (a briefing's box shows only that briefing's)."""
    items = "".join(f'<li class="error">{_e(d)}</li>' for d in problems)
    body = f"<ul>{items}</ul>" if items else "<p>No errors in the registries.</p>"
    hidden = "" if items else " hidden"
    return (f'<div class="check registry-check" id="registry-check" aria-label="briefings check on the '
            f'registries"{hidden}><h2>briefings check: registries</h2>{body}</div>')


def actor_choices(choices: list[tuple[str, str]]) -> str:
    """The registry's actors, once for the page, for every "add an actor" field (a datalist)."""
    options = "".join(f'<option value="{_e(actor_id)}">{_e(name)}</option>' for actor_id, name in choices)
    return f'<datalist id="registry-actors">{options}</datalist>'


def state_choices(states: list[tuple[str, str]]) -> str:
    """The registry's states, once for the page: by id for an actor's country, by name for an outlet's."""
    ids = "".join(f'<option value="{_e(state_id)}">{_e(name)}</option>' for state_id, name in states)
    names = "".join(f'<option value="{_e(name)}"></option>' for name in sorted({n for _, n in states}))
    return (f'<div id="registry-states"><datalist id="state-ids">{ids}</datalist>'
            f'<datalist id="state-names">{names}</datalist></div>')


def page(views: list[BriefingView], accepted: set[tuple[str, str]], registry: list[Diagnostic],
         choices: list[tuple[str, str]] | None = None, states: list[tuple[str, str]] | None = None) -> str:
    keys = "".join(f"<dt><kbd>{_e(k)}</kbd></dt><dd>{_e(d)}</dd>" for k, d in KEYS)
    sections = "\n".join(section(v, i, accepted) for i, v in enumerate(views))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: {len(views)} briefing(s)</title>
<link rel="icon" href="favicon.ico">
<link rel="stylesheet" href="review.css">
<script src="review.js" defer></script>
</head>
<body>
<header>
<h1>Review what ingest proposed</h1>
<p>Every decision is written to the files at once; the box under each title shows what
<code>briefings check</code> then says. Only changes need a decision: an actor, quote or field you
leave alone is kept as ingest wrote it. Commit the files when you are done.</p>
<details class="keys"><summary>Keyboard</summary><dl>{keys}</dl></details>
<p id="role-format" class="hint">{_e(ROLE_FORMAT)}</p>
<p id="announce" class="announce" role="status" aria-live="polite"></p>
{registry_box(registry)}
{actor_choices(choices or [])}
{state_choices(states or [])}
</header>
<main>
{sections}
</main>
</body>
</html>
"""


def section(view: BriefingView, index: int, accepted: set[tuple[str, str]]) -> str:
    """One briefing: check results, title and summary, body with highlights, actors, quotes."""
    i = index
    problems = "".join(f"<li class=\"{'error' if d.is_error else 'warning'}\">{_e(_where(d))}</li>"
                       for d in view.diagnostics)
    check = f"<ul>{problems}</ul>" if problems else "<p>No problems.</p>"
    paragraphs = "\n".join(f"<p>{_marked(text, spans)}</p>" for text, spans in view.paragraphs)
    actors = "\n".join(_actor(a, view, (view.path, a.id) in accepted, i) for a in view.actors)
    quotes = "\n".join(_quote(q, view, i) for q in view.quotes) or "<li>No quotes.</li>"
    return f"""<section class="briefing" id="briefing-{i}" data-path="{_e(view.path)}" tabindex="-1"
 aria-labelledby="title-{i}">
<h2 id="title-{i}">{_e(view.title or view.stem)}</h2>
<p class="path"><code>{_e(view.path)}</code></p>
<div class="check" aria-label="briefings check on this file"><h3>briefings check</h3>{check}</div>
<form class="edit" data-field="title">
<label for="edit-title-{i}">Title</label>
<input id="edit-title-{i}" name="value" value="{_e(view.title)}" maxlength="5000">
<button type="submit">Save title</button>
</form>
<form class="edit" data-field="summary">
<label for="edit-summary-{i}">Summary</label>
<textarea id="edit-summary-{i}" name="value" rows="3" maxlength="5000">{_e(view.summary)}</textarea>
<button type="submit">Save summary</button>
</form>
<form class="edit" data-field="author">
<label for="edit-author-{i}">Author</label>
<input id="edit-author-{i}" name="value" value="{_e(view.author)}" maxlength="5000">
<button type="submit">Save author</button>
</form>
<div class="columns">
<div class="body"><h3>Article</h3>
<p class="legend"><mark class="m-person">person</mark> <mark class="m-state">state</mark>
<mark class="m-organisation">organisation</mark> <mark class="m-media">media</mark>
<mark class="m-cue">words that tie a quote to its speaker</mark></p>
{paragraphs}
</div>
<div class="side">
{_outlet(view.outlet, i)}
<h3>Actors</h3>
<ul class="actors">
{actors}
</ul>
{_briefing_actors(view, i)}
{_add_forms(i)}
<h3>Quotes</h3>
<ol class="quotes">
{quotes}
</ol>
</div>
</div>
</section>"""


def _where(d: object) -> str:
    text = str(d)
    return text.split(": ", 1)[1] if ": " in text else text


def _marked(text: str, spans: list[Span]) -> str:
    """The paragraph with each mention and cue in a ``<mark>``; overlapping spans split into pieces.

    Mentions never overlap one another, so one sweep over the cut points finds each piece's mention.
    """
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    cues = sorted((s for s in spans if s.kind == "cue"), key=lambda s: s.start)
    mentions = sorted((s for s in spans if s.kind != "cue"), key=lambda s: s.start)
    out = []
    m = c = 0
    for start, end in pairwise(cuts):
        piece = _e(unescaped(text[start:end]))
        while m < len(mentions) and mentions[m].end <= start:
            m += 1
        while c < len(cues) and cues[c].end <= start:
            c += 1
        if m < len(mentions) and mentions[m].start <= start and end <= mentions[m].end:
            mention = mentions[m]
            piece = (f'<mark class="m-{_e(mention.kind)}" data-actor="{_e(mention.actor)}" '
                     f'title="{_e(mention.actor)}">{piece}</mark>')
        if c < len(cues) and cues[c].start <= start and end <= cues[c].end:
            piece = f'<mark class="m-cue">{piece}</mark>'
        out.append(piece)
    return "".join(out)


#: A Markdown backslash escape: a backslash before ASCII punctuation (CommonMark).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Quotation marks a sentence may open or close with.
QUOTE_MARKS = "\"'“”„‟«»‘’‚‛‹›"


def unescaped(text: str) -> str:
    """Body text as a reader sees it: without Markdown's backslash escapes and ``&lt;`` entities.

    The page escapes every value as HTML, so the Markdown escapes ingest wrote (``\\>``, ``\\-``)
    would otherwise show as typed.
    """
    return _ESCAPE.sub(r"\1", text).replace("&lt;", "<")


def _kinds(select_id: str, current: str) -> str:
    options = "".join(f'<option value="{k}"{" selected" if k == current else ""}>{k}</option>'
                      for k in ACTOR_KINDS)
    return f'<select id="{_e(select_id)}" name="kind">{options}</select>'


def _add_forms(i: int) -> str:
    """Add an actor the article names that ingest missed: one from actors.yml, or a new one."""
    return f"""<form class="add-actor">
<label for="add-actor-{i}">Add an actor from actors.yml</label>
<input id="add-actor-{i}" name="actor" list="registry-actors" autocomplete="off" maxlength="5000">
<button type="submit">Add</button>
</form>
<form class="new-actor">
<fieldset><legend>Add a new actor</legend>
<label for="new-name-{i}">Name</label>
<input id="new-name-{i}" name="name" maxlength="5000" required>
<label for="new-kind-{i}">Kind</label>
{_kinds(f"new-kind-{i}", "person")}
<button type="submit">Add new actor</button></fieldset>
</form>"""


def _rename(a: ActorView, view: BriefingView) -> str:
    """A proposed actor's name and kind, to correct (a truncated name, a person taken for a body)."""
    key = f"{view.stem}-{a.id}"
    return f"""<form class="rename" data-actor="{_e(a.id)}">
<label for="rename-{_e(key)}">Name</label>
<input id="rename-{_e(key)}" name="name" value="{_e(a.name)}" maxlength="5000" required>
<label for="kind-{_e(key)}">Kind</label>
{_kinds(f"kind-{key}", a.kind)}
<label><input type="checkbox" name="keep_alias" checked> keep the old name as an alias</label>
<button type="submit">Save name and kind</button>
</form>"""


def _merge_into(a: ActorView, view: BriefingView, index: int) -> str:
    """Merge a proposed actor into any other: one of this briefing (listed) or of actors.yml (typed)."""
    key = f"{view.stem}-{a.id}"
    return f"""<form class="merge" data-actor="{_e(a.id)}">
<label for="merge-{_e(key)}">Merge into (an actor of this briefing, or a name or id from actors.yml)</label>
<input id="merge-{_e(key)}" name="into" list="briefing-actors-{index}" autocomplete="off" maxlength="5000"
 required>
<button type="submit">Merge</button>
</form>"""


def _briefing_actors(view: BriefingView, index: int) -> str:
    """The briefing's actors, for its "merge into" fields (the ones a duplicate is most often merged into)."""
    options = "".join(f'<option value="{_e(a.id)}">{_e(a.name)}</option>'
                      for a in view.actors if a.in_registry)
    return f'<datalist id="briefing-actors-{index}">{options}</datalist>'


def _wants(found: list[Diagnostic]) -> str:
    """What ``briefings check`` says of a registry entry, in its card (gone once the curator sets it)."""
    return "".join(f'<p class="wants">check: {_e(d.message)}{f" ({_e(d.hint)})" if d.hint else ""}</p>'
                   for d in found)


def _facts(a: ActorView, view: BriefingView) -> str:
    """An actor's role and country: what a bare name on every page lacks (``check --strict`` asks)."""
    key = f"{view.stem}-{a.id}"
    return f"""<form class="facts" data-registry="actors" data-id="{_e(a.id)}">
<label for="role-{_e(key)}">Role</label>
<input id="role-{_e(key)}" name="role" value="{_e(a.role)}" maxlength="5000" aria-describedby="role-format">
<label for="country-{_e(key)}">Country</label>
<input id="country-{_e(key)}" name="country" value="{_e(a.country)}" list="state-ids" autocomplete="off"
 maxlength="5000" aria-describedby="role-format">
<button type="submit">Save role and country</button>
</form>"""


def _outlet(outlet: OutletView | None, i: int) -> str:
    """The briefing's outlet: its country and ownership, by which readers compare coverage."""
    if outlet is None:
        return ""
    head = (f'<h3>Outlet</h3>\n<div class="outlet"><p><strong>{_e(outlet.name)}</strong> '
            f'<code>{_e(outlet.id)}</code>')
    if not outlet.in_registry:
        return f'{head} <span class="badge missing">not in outlets.yml</span></p></div>'
    owners = "".join(f'<option value="{k}"{" selected" if k == outlet.ownership else ""}>'
                     f'{k or "not known"}</option>' for k in ("", *OWNERSHIP_KINDS))
    return f"""{head}</p>{_wants(outlet.wants)}
<form class="facts" data-registry="outlets" data-id="{_e(outlet.id)}">
<label for="outlet-country-{i}">Country</label>
<input id="outlet-country-{i}" name="country" value="{_e(outlet.country)}" list="state-names"
 autocomplete="off" maxlength="5000">
<label for="outlet-ownership-{i}">Ownership</label>
<select id="outlet-ownership-{i}" name="ownership">{owners}</select>
<button type="submit">Save country and ownership</button>
</form></div>"""


def _actor(a: ActorView, view: BriefingView, accepted: bool, index: int) -> str:
    badges = f'<span class="badge k-{_e(a.kind)}">{_e(a.kind)}</span>'
    if a.proposed:
        badges += ' <span class="badge proposed">proposed</span>'
    if not a.in_registry:
        badges += ' <span class="badge missing">not in actors.yml</span>'
    if accepted:
        badges += ' <span class="badge accepted">accepted</span>'
    sentence = unescaped(a.evidence).strip().strip(QUOTE_MARKS).strip()
    evidence = f'<p class="evidence">“{_e(sentence)}”</p>' if sentence else \
        '<p class="evidence">Not named in the text.</p>'
    merges = "".join(f'<li><button type="button" data-action="merge" data-actor="{_e(a.id)}" '
                     f'data-into="{_e(other)}">Merge into {_e(name)} (<code>{_e(other)}</code>)</button></li>'
                     for other, name in a.alike)
    alike = f'<div class="alike"><p>Looks like (most alike first):</p><ul>{merges}</ul></div>' \
        if merges else ""
    never = f'\n<button type="button" data-action="never" data-actor="{_e(a.id)}" title="Ban this name: ' \
        f'ingest never proposes it again, in any article">Never propose</button>' if a.proposed else ""
    return f"""<li class="item actor" tabindex="0" data-actor="{_e(a.id)}" aria-label="actor {_e(a.name)}">
<p><strong>{_e(a.name)}</strong> <code>{_e(a.id)}</code> {badges}</p>
{_wants(a.wants)}{evidence}{alike}{_merge_into(a, view, index) if a.proposed and a.in_registry else ""}
{_rename(a, view) if a.proposed and a.in_registry else ""}
{_facts(a, view) if a.in_registry and a.kind != "state" else ""}
<p class="actions"><button type="button" data-action="accept" data-actor="{_e(a.id)}" title="Optional: \
nothing changes on disk; an actor left alone is kept">Accept</button>
<button type="button" data-action="reject" data-actor="{_e(a.id)}" title="Remove it from this briefing; \
the name may still be proposed in other articles">Not an actor here</button>{never}</p>
</li>"""


def _quote(q: QuoteView, view: BriefingView, index: int) -> str:
    options = [f'<option value=""{" selected" if q.speaker is None else ""}>none (left open)</option>']
    ids = [a for a, _ in view.speakers]
    for actor_id, name in view.speakers:
        selected = " selected" if actor_id == q.speaker else ""
        options.append(f'<option value="{_e(actor_id)}"{selected}>{_e(name)}</option>')
    if q.speaker and q.speaker not in ids:
        options.append(f'<option value="{_e(q.speaker)}" selected>{_e(q.speaker)} (not an actor)</option>')
    if q.speaker is None:
        tie = f"No speaker: {_e(q.unattributed)}" if q.unattributed else "No speaker."
    else:
        how = _e(q.how) if q.how else "not said"
        cue = f" · “<mark class=\"m-cue\">{_e(q.cue)}</mark>”" if q.cue else ""
        missing = " (not found in the text)" if q.cue and not q.cue_found else ""
        tie = f"Tied by: {how}{cue}{missing}"
    via = f" · via <code>{_e(q.via)}</code>" if q.via else ""
    select_id = f"speaker-{index}-{q.index}"
    return f"""<li class="item quote" tabindex="0" data-index="{q.index}" aria-label="quote {q.index + 1}">
<blockquote>{_e(q.text)}</blockquote>
<details class="words"><summary>Correct the words</summary>
<form class="quote-text" data-index="{q.index}">
<label for="words-{index}-{q.index}">Words, as the article has them</label>
<textarea id="words-{index}-{q.index}" name="value" rows="3" maxlength="5000">{_e(q.text)}</textarea>
<button type="submit">Save words</button>
</form></details>
<p class="tie">{tie}{via}</p>
<p><label for="{select_id}">Speaker</label>
<select id="{select_id}" data-action="speaker" data-index="{q.index}" data-saved="{_e(q.speaker or "")}">
{"".join(options)}</select>
<button type="button" data-action="delete-quote" data-index="{q.index}" title="Remove it from the \
briefing: the words are not a quotation">Not a quote: delete</button></p>
</li>"""
