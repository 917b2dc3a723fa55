"""``briefings ingest``: glue between fetch, extract, the matchers and the writer.

For each SOURCE: read it, extract the article, find outlet, date, actors,
events and quotes, and write one briefing (or print it with ``--dry-run``),
followed by a review list of what was guessed and what is missing. A source
that fails gives one line ``SOURCE: message`` and the batch goes on.

Never overwrites without ``--force``; never writes a duplicate of an article
already in the archive (same URL or same text); writes only via atomic_write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from dataclasses import dataclass, field
from typing import IO, Any, TextIO
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..errors import BriefingsError
from ..fsutil import WriteRefused, atomic_write
from ..load import Layout, load_archive
from ..mentions import find_mentions, mentioned_ids
from ..models import Actor, Outlet, Registry
from ..urls import slugify
from . import dates, draft, registry_append
from .candidates import Candidate, find_candidates
from .extract import Article, Boilerplate, clean_text, compile_boilerplate, extract_html
from .fetch import FetchError, Raw, expand, read_source
from .matching import match_events, match_outlet
from .progress import Progress
from .quotes import find_quotes

SUMMARY_MAX_WORDS = 60


class IngestError(BriefingsError):
    """This source cannot become a briefing; one line, no traceback."""


@dataclass(frozen=True)
class Options:
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    dry_run: bool = False
    draft: bool = False
    accept_new: bool = False
    force: bool = False


@dataclass
class Result:
    status: str  # "written", "existing", "printed"
    path: str
    text: str = ""
    review: list[str] = field(default_factory=list)


@dataclass
class Context:
    layout: Layout
    registry: Registry
    boilerplate: list[Boilerplate]
    by_url: dict[str, str]
    by_text: dict[str, str]
    warnings: list[str]


# --------------------------------------------------------------------------- helpers


def normal_url(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    return f"{host}{parts.path.rstrip('/')}{'?' + query if query else ''}"


def fingerprint(paragraphs: list[str] | str) -> str:
    text = paragraphs if isinstance(paragraphs, str) else "\n".join(paragraphs)
    text = text.replace("&lt;", "<").replace("\\", "")
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return hashlib.sha1(" ".join(words).encode()).hexdigest()


def _sentences(paragraph: str) -> list[str]:
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][”\"’]))\s+(?=[“\"A-Z])", paragraph)
    merged: list[str] = []
    for part in parts:  # rejoin splits after abbreviations such as "U.S." or "Mr."
        if merged and re.search(r"(?:\b[A-Z]\.|\b(?:Mr|Ms|Mrs|Dr|St|Gen|Lt|Col|No)\.)$", merged[-1]):
            merged[-1] += " " + part
        else:
            merged.append(part)
    return merged


def lede(paragraphs: list[str]) -> str:
    """The first sentence of the article, or two when the first is short; at most ~60 words."""
    sentences = _sentences(paragraphs[0]) if paragraphs else []
    if not sentences:
        return ""
    summary = sentences[0]
    if len(summary.split()) < 15 and len(sentences) > 1:
        summary += " " + sentences[1]
    words = summary.split()
    if len(words) > SUMMARY_MAX_WORDS:
        summary = " ".join(words[:SUMMARY_MAX_WORDS]).rstrip(",;:") + " …"
    return summary


def _build_context(layout: Layout) -> Context:
    loaded = load_archive(layout)
    registry = loaded.archive.registry
    patterns = [(o.id, p) for o in registry.outlets.values() for p in o.boilerplate]
    boilerplate, bad = compile_boilerplate(patterns)
    by_url: dict[str, str] = {}
    by_text: dict[str, str] = {}
    for briefing in loaded.archive.briefings:
        by_url.setdefault(normal_url(briefing.source_url), briefing.origin.path)
        by_text.setdefault(fingerprint(briefing.body), briefing.origin.path)
    return Context(layout, registry, boilerplate, by_url, by_text, bad)


# --------------------------------------------------------------------------- one source


def _article(raw: Raw, ctx: Context, options: Options) -> Article:
    if raw.is_html:
        names = [n for o in ctx.registry.outlets.values() for n in (o.name, *o.names)]
        try:
            return extract_html(raw.text, raw.url or options.url, ctx.boilerplate, names)
        except Exception as exc:  # noqa: BLE001 (a broken page must not stop the batch)
            raise IngestError(f"cannot parse the HTML: {type(exc).__name__}: {exc}") from None
    return clean_text(raw.text, ctx.boilerplate)


def _candidate_actor(c: Candidate) -> Actor:
    return Actor(id=c.id, name=c.name, kind=c.kind)


def ingest_one(raw: Raw, ctx: Context, options: Options) -> Result:
    article = _article(raw, ctx, options)
    if not article.paragraphs or sum(len(p.split()) for p in article.paragraphs) < 20:
        raise IngestError("no article text found")
    review: list[str] = []
    keep_new = options.draft or options.accept_new
    url = options.url or article.url or raw.url

    # Already in the archive?
    fp = fingerprint(article.paragraphs)
    if url and normal_url(url) in ctx.by_url:
        return Result("existing", ctx.by_url[normal_url(url)])
    if fp in ctx.by_text:
        return Result("existing", ctx.by_text[fp])

    # Outlet
    new_outlets: dict[str, dict[str, Any]] = {}
    if options.outlet:
        if options.outlet not in ctx.registry.outlets:
            raise IngestError(f"--outlet {options.outlet} is not in outlets.yml")
        outlet_id: str | None = options.outlet
    else:
        guess = match_outlet(ctx.registry.outlets, url, article.outlet_hits, article.footer_outlet,
                             article.site_name)
        outlet_id = guess.id
        if outlet_id:
            review.append(f"guessed outlet {outlet_id} from {guess.reason}")
        elif guess.proposed:
            pid, name, domain = guess.proposed
            facts = guess.known.facts() if guess.known else {}
            named = ", ".join(facts).rsplit(", ", 1)
            source = f" with {' and '.join(named)} from the starter outlet table" if facts else ""
            to_fill = [f for f in ("country", "ownership") if f not in facts]
            if options.accept_new and domain:
                new_outlets[pid] = {"name": name, "domains": [domain], **facts}
                outlet_id = pid
                review.append(f"new outlet {pid} ({name}, {domain}) {_added(options, 'outlets.yml')}{source}")
            elif options.draft or options.dry_run:
                outlet_id = pid
                hint = "" if options.draft else "; pass --accept-new to add it"
                review.append(f"new outlet? {pid} ({name}, {domain or 'domain unknown'}) is not in outlets.yml"
                              f"{source}{hint}")
            else:
                hint = "pass --outlet ID or --draft" if not domain else "pass --accept-new, --outlet ID or --draft"
                raise IngestError(f"outlet '{name}' ({domain or 'domain unknown'}) is not in outlets.yml; {hint}")
            if to_fill:
                review.append(f"new outlet {pid}: add {' and '.join(to_fill)} in outlets.yml")
        elif options.draft or options.dry_run:
            outlet_id = "unknown-outlet"
            review.append("missing outlet: nothing names it; set 'outlet:' by hand")
        else:
            raise IngestError(f"cannot tell the outlet ({guess.reason}); pass --outlet ID")
    assert outlet_id is not None
    if article.live_blog:
        review.append("live blog: the page is a stream of timestamped updates; review which entries belong "
                      "in this briefing")

    # Date
    day: dt.date | None = options.date
    if day is None and article.date:
        day = dt.date.fromisoformat(article.date)
        review.append(f"guessed date {day} from {article.date_source}")
    if day is None:
        guess_d = dates.guess_date("\n".join(article.captions), "\n\n".join(article.paragraphs))
        day = guess_d.date
        if day:
            review.append(f"guessed date {day} from the {guess_d.reason}")
        elif options.draft:
            day = dt.date.today()
            review.append(f"missing date: {guess_d.reason}; the draft uses today ({day}) — fix it and "
                          "rename the file")
        else:
            raise IngestError(f"no trustworthy date ({guess_d.reason}); pass --date YYYY-MM-DD "
                              "(or --draft to write a draft)")

    # Actors, candidates, quotes
    title = article.title
    if not title:
        title = " ".join(_sentences(article.paragraphs[0])[0].split()[:14]).rstrip(".,;:")
        review.append("guessed title from the first sentence; replace it with the headline")
    elif article.title_source not in ("json-ld", "opengraph"):
        review.append(f"title from the {article.title_source}")
    text = f"{title}\n\n{article.all_text}"
    actors = ctx.registry.actors
    mentions = find_mentions(text, actors)
    known_names = tuple(n.lower() for a in actors.values() if a.id in {m.actor_id for m in mentions}
                        for n in (a.name, *a.aliases))
    candidates = find_candidates(text, mentions, set(actors), known_names)
    all_actors: dict[str, Actor] = {**actors, **{c.id: _candidate_actor(c) for c in candidates}}
    mentions = find_mentions(text, all_actors)
    found_ids = mentioned_ids(mentions)
    actor_ids = [a for a in found_ids if a in actors or keep_new]
    for c in candidates:
        if c.id in found_ids:
            verb = _added(options, "actors.yml") if options.accept_new else "not in actors.yml"
            review.append(f"new actor? {c.id} '{c.name}' (guessed kind {c.kind}: {c.evidence}) — {verb}")
    found_quotes = find_quotes(article.paragraphs, lambda t: find_mentions(t, all_actors, found_ids))
    quotes = []
    for q in found_quotes.quotes:
        if q.speaker not in actor_ids or (q.via and q.via not in actor_ids):
            review.append(f"dropped quote by unregistered {q.speaker}: “{q.text[:50]}…”")
            continue
        entry = {"speaker": q.speaker, "text": q.text}
        if q.via:
            entry["via"] = q.via
        quotes.append(entry)
    for text_ in found_quotes.unattributed:
        review.append(f"unattributed quote not stored: “{text_[:60]}…”")

    # Events
    people = {a for a in all_actors if all_actors[a].kind == "person"}
    events = match_events(ctx.registry.events, text, day, set(found_ids), people)
    event_ids = [e for e, _ in events]
    for e, why in events:
        review.append(f"event {e}: {why}")
    new_events: dict[str, dict[str, Any]] = {}
    near = [e for e in event_ids if _near(ctx.registry.events[e], day)]
    if not near:
        pid = f"{slugify(title, 6)}-{day.year}"
        if pid not in ctx.registry.events:
            proposal = {"name": title, "date": day, "actors": [a for a in actor_ids if a in actors]}
            if options.accept_new:
                new_events[pid] = proposal
                event_ids.append(pid)
                review.append(f"new event {pid} {_added(options, 'events.yml')} (name and date are the article's)")
            elif options.draft:
                event_ids.append(pid)
                review.append(f"new event? {pid}: no registry event on {day}")
            else:
                review.append(f"new event? {pid}: no registry event on {day} (use --accept-new to add it)")

    # Source URL
    if not url:
        domain = next(iter(ctx.registry.outlets[outlet_id].domains), None) if outlet_id in \
            ctx.registry.outlets else (new_outlets.get(outlet_id, {}).get("domains") or [None])[0]
        url = f"https://{domain or 'unknown.invalid'}/#text-{fp[:12]}"
        review.append(f"missing source_url: the text has none; set to {url} — pass --url or fix it")

    summary = lede(article.paragraphs)
    review.append("summary is the lede; tighten it")
    fields: dict[str, Any] = {
        "title": title, "date": day, "outlet": outlet_id, "source_url": url, "author": article.author,
        "section": article.section, "actors": actor_ids, "events": event_ids, "summary": summary,
        "quotes": quotes, "draft": True if options.draft else None,
    }
    for missing in ("author", "section"):
        if not fields[missing]:
            review.append(f"missing {missing}")
    if not quotes:
        review.append("missing quotes: none attributed")
    briefing_text = draft.render_briefing(fields, article.paragraphs)
    path = ctx.layout.content_dir / draft.briefing_path(day, title)
    display = ctx.layout.display(path)
    if options.dry_run:
        return Result("printed", display, briefing_text, review)
    if path.exists() and not options.force:
        raise IngestError(f"{display} already exists; pass --force to overwrite it")
    if options.accept_new:
        _accept(ctx, candidates, found_ids, new_outlets, new_events)
    try:
        atomic_write(path, briefing_text, overwrite=options.force)
    except WriteRefused:
        raise IngestError(f"{display} already exists; pass --force to overwrite it") from None
    ctx.by_url[normal_url(url)] = display
    ctx.by_text[fp] = display
    return Result("written", display, briefing_text, review)


def _added(options: Options, registry: str) -> str:
    return f"would be added to {registry} (dry run)" if options.dry_run else f"added to {registry}"


def _near(event: Any, day: dt.date) -> bool:
    first, last = event.first_day, event.last_day
    return bool(first and last and first - dt.timedelta(days=1) <= day <= last + dt.timedelta(days=1))


def _accept(ctx: Context, candidates: list[Candidate], found: list[str], outlets: dict[str, dict[str, Any]],
            events: dict[str, dict[str, Any]]) -> None:
    reg = ctx.registry
    new_actors = {c.id: {"name": c.name, "kind": c.kind} for c in candidates if c.id in found}
    registry_append.append_entries(ctx.layout.registry_file("actors"), new_actors, set(reg.actors),
                                   "proposed actors")
    registry_append.append_entries(ctx.layout.registry_file("outlets"), outlets, set(reg.outlets),
                                   "proposed outlets")
    registry_append.append_entries(ctx.layout.registry_file("events"), events, set(reg.events),
                                   "proposed events")
    for c in candidates:
        if c.id in new_actors:
            reg.actors[c.id] = _candidate_actor(c)
    for oid, o in outlets.items():
        reg.outlets.setdefault(oid, Outlet(id=oid, name=o["name"], domains=tuple(o["domains"]),
                                           country=o.get("country"), ownership=o.get("ownership"),
                                           affiliation=o.get("affiliation")))


# --------------------------------------------------------------------------- batch


def run(layout: Layout, sources: list[str], options: Options, stdout: TextIO | None = None,
        stderr: TextIO | None = None, stdin: IO[bytes] | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    ctx = _build_context(layout)
    for warning in ctx.warnings:
        print(f"warning: {warning}", file=err)
    items = expand(sources)
    progress = Progress(len(items), err) if any(from_folder for _, from_folder in items) else None
    counts = {"written": 0, "existing": 0, "printed": 0, "failed": 0}
    for name, _ in items:
        try:
            raw = read_source(name, stdin=stdin)
            result = ingest_one(raw, ctx, options)
        except (FetchError, IngestError) as exc:
            counts["failed"] += 1
            if progress:
                progress.clear()
            print(f"{name}: {exc}", file=err)
        else:
            counts[result.status] += 1
            if progress:
                progress.clear()
            _report(name, result, out, err, quiet=progress is not None)
        if progress:
            progress.advance()
    if progress:
        progress.close()
    if len(items) > 1:
        print(f"ingested {len(items)} source(s): {counts['written']} written, {counts['existing']} already "
              f"in the archive, {counts['printed']} printed, {counts['failed']} failed", file=err)
    if not items:
        print("no articles found in the given folder(s)", file=err)
        return 1
    return 1 if counts["failed"] else 0


def _report(name: str, result: Result, out: TextIO, err: TextIO, quiet: bool) -> None:
    if result.status == "existing":
        print(f"{name}: already in the archive as {result.path}", file=out)
        return
    if result.status == "printed":
        out.write(result.text)
        print(f"{name}: would write {result.path}", file=err)
        for item in result.review:
            print(f"  - {item}", file=err)
        return
    print(f"wrote {result.path}" + (" (draft)" if "\ndraft: true\n" in result.text else ""), file=out)
    if not quiet:
        print("review:", file=out)
        for item in result.review:
            print(f"  - {item}", file=out)
