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
import multiprocessing
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import IO, Any, TextIO
from urllib.parse import parse_qsl, urlencode, urlsplit

from site_builder.authoring.ingest import dates, draft, fit, gazetteer, merge, outlet_table, registry_append
from site_builder.authoring.ingest.actors import Finding, find_actors
from site_builder.authoring.ingest.events import Story, group_stories, headline_words, new_event
from site_builder.authoring.ingest.extract import (
    Article,
    Boilerplate,
    clean_text,
    compile_boilerplate,
    extract_html,
)
from site_builder.authoring.ingest.fetch import FetchError, Raw, expand, is_url, read_source
from site_builder.authoring.ingest.matching import match_events, match_outlet
from site_builder.authoring.ingest.progress import Progress
from site_builder.authoring.ingest.quotes import FoundQuote, find_quotes
from site_builder.authoring.ingest.rejections import Honour
from site_builder.authoring.ingest.sentences import split_sentences
from site_builder.authoring.ingest.summary import summary_of
from site_builder.body.mentions import fold
from site_builder.core.load import Layout, load_archive
from site_builder.core.models import Actor, Outlet, Registry
from site_builder.core.urls import is_tracking, slugify, without_tracking
from site_builder.errors import BriefingsError
from site_builder.fsutil import WriteRefused, atomic_write

SUMMARY_MAX_WORDS = 60
#: A batch of this many local files or more is extracted in worker processes.
PARALLEL_MIN = 16
MAX_WORKERS = 4


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
    new_event: str | None = None  # the name of an event the curator asks for; every article joins it


@dataclass
class Result:
    status: str  # "written", "existing", "printed"
    path: str
    text: str = ""
    review: list[str] = field(default_factory=list)
    story: Story | None = None  # for grouping the articles of a batch


@dataclass
class Context:
    layout: Layout
    registry: Registry
    boilerplate: list[Boilerplate]
    by_url: dict[str, str]
    by_text: dict[str, str]
    warnings: list[str]
    gazetteer: gazetteer.Gazetteer
    new_event_id: str | None = None


# --------------------------------------------------------------------------- helpers


def normal_url(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not is_tracking(k)])
    return f"{host}{parts.path.rstrip('/')}{'?' + query if query else ''}"


def fingerprint(paragraphs: list[str] | str) -> str:
    text = paragraphs if isinstance(paragraphs, str) else "\n".join(paragraphs)
    text = text.replace("&lt;", "<").replace("\\", "")
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return hashlib.sha1(" ".join(words).encode()).hexdigest()


def lede(paragraphs: list[str]) -> str:
    """The first sentence of the article, or two when the first is short; at most ~60 words."""
    sentences = split_sentences(paragraphs[0]) if paragraphs else []
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
    return Context(layout, registry, boilerplate, by_url, by_text, bad, gazetteer.load())


# --------------------------------------------------------------------------- one source


def _article(raw: Raw, ctx: Context, options: Options) -> Article:
    if raw.is_html:
        names = [n for o in ctx.registry.outlets.values() for n in (o.name, *o.names)]
        try:
            return extract_html(raw.text, raw.url or options.url, ctx.boilerplate, names)
        except Exception as exc:  # noqa: BLE001 (a broken page must not stop the batch)
            raise IngestError(f"cannot parse the HTML: {type(exc).__name__}: {exc}") from None
    return clean_text(raw.text, ctx.boilerplate)


def ingest_one(raw: Raw, ctx: Context, options: Options, article: Article | None = None) -> Result:
    """One source to one briefing; ``article`` when the source was already extracted."""
    article = article if article is not None else _article(raw, ctx, options)
    headline = len(article.title_line.split()) if article.title_line else 0  # a text's first line counts
    if not article.paragraphs or headline + sum(len(p.split()) for p in article.paragraphs) < 20:
        raise IngestError("no article text found")
    review: list[str] = []
    keep_new = options.draft or options.accept_new
    url = options.url or article.url or raw.url
    url = without_tracking(url) if url else url

    # Already in the archive? --force ingests it again into the same file.
    fp = fingerprint(article.paragraphs)
    existing = (ctx.by_url.get(normal_url(url)) if url else None) or ctx.by_text.get(fp)
    if existing and not options.force:
        return Result("existing", existing)

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
            pid = fit.free_outlet_id(pid, domain and slugify(outlet_table.registrable_domain(domain)),
                                     ctx.registry)
            facts = outlet_table.facts(guess.known) if guess.known else {}
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
                review.append(
                    f"new outlet? {pid} ({name}, {domain or 'domain unknown'}) is not in outlets.yml"
                    f"{source}{hint}"
                )
            else:
                hint = (
                    "pass --outlet ID or --draft"
                    if not domain
                    else "pass --accept-new, --outlet ID or --draft"
                )
                raise IngestError(
                    f"outlet '{name}' ({domain or 'domain unknown'}) is not in outlets.yml; {hint}"
                )
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
        title = " ".join(split_sentences(article.paragraphs[0])[0].split()[:14]).rstrip(".,;:")
        review.append("guessed title from the first sentence; replace it with the headline")
    elif article.title_source not in ("json-ld", "opengraph"):
        review.append(f"title from the {article.title_source}")
    # The headline counts as a caption does: for actors the registry or the gazetteer knows.
    found = find_actors(article.paragraphs, ctx.registry.actors, ctx.gazetteer, [title, *article.captions])
    # The curators' rejections (registry/rejected.yml): on the text find_actors read, captions first.
    honour = Honour(ctx.registry.rejected, _briefing_id(existing, day, title))
    searched = "\n\n".join([title, *article.captions, "\n\n".join(article.paragraphs)])
    findings, refused = honour.findings(found.findings, found.mentions, searched)
    review.extend(refused)
    text = f"{title}\n\n{article.all_text}"
    actors = ctx.registry.actors
    findings = _without_bylines(findings, article.author, review)
    own = _outlet_names(outlet_id, ctx.registry.outlets.get(outlet_id), new_outlets.get(outlet_id))
    findings = _without_own_outlet(findings, own, review)
    fitted = fit.fit_proposals([f for f in findings if f.source != "registry"], ctx.registry,
                               list(new_outlets))
    proposals = fitted.proposals
    review.extend(fitted.review)
    actor_ids = [f.actor.id for f in findings
                 if (f.source == "registry" or keep_new) and f.actor.id not in fitted.refused]
    for f in proposals:
        verb = _added(options, "actors.yml") if options.accept_new else "not in actors.yml"
        described = ", ".join(
            x for x in (f.actor.kind, f.actor.role, f.actor.country and f"of {f.actor.country}") if x
        )
        origin = "from the gazetteer" if f.source == "gazetteer" else f.why
        review.append(f"new actor? {f.actor.id} '{f.actor.name}' ({described}; {origin}) — {verb}; "
                      f"seen in: “{f.evidence}”")
    found_ids = [f.actor.id for f in findings]
    found_quotes = find_quotes(article.paragraphs,
                               lambda t: honour.mentions(found.mentions_of(t, found_ids), t),
                               {a.id: a.kind for a in found.actors.values()},
                               {a.id: a.name for a in found.actors.values()})
    quotes = [_quote_entry(q, set(actor_ids), found.actors, review) for q in found_quotes.quotes]
    capped = fit.cap_actors(actor_ids, found, title, article.paragraphs, quotes)
    actor_ids, quotes, proposals = capped.actor_ids, capped.quotes, [p for p in proposals if p.actor.id in
                                                                      capped.actor_ids or not keep_new]
    review.extend(capped.review)

    # Events: matched to the registry; a new one only when the curator names it (--new-event).
    people = {a for a in found.actors if found.actors[a].kind == "person"}
    events = match_events(ctx.registry.events, text, day, set(found_ids), people)
    event_ids = [e for e, _ in events]
    for e, why in events:
        review.append(f"event {e}: {why}")
    if ctx.new_event_id and ctx.new_event_id not in event_ids:
        event_ids.append(ctx.new_event_id)
        review.append(f"event {ctx.new_event_id}: asked for with --new-event")
    elif not event_ids:
        review.append("no registry event matches; if the article reports one, ingest it again with "
                      "--new-event 'NAME' --force")

    # Source URL
    if not url:
        domain = next(iter(ctx.registry.outlets[outlet_id].domains), None) if outlet_id in \
            ctx.registry.outlets else (new_outlets.get(outlet_id, {}).get("domains") or [None])[0]
        url = f"https://{domain or 'unknown.invalid'}/#text-{fp[:12]}"
        review.append(f"missing source_url: the text has none; set to {url} — pass --url or fix it")

    summary, summary_review = summary_of(article, lede, title)
    review.extend(summary_review)
    fields: dict[str, Any] = {
        "title": title, "date": day, "outlet": outlet_id, "source_url": url, "author": article.author,
        "section": article.section, "actors": actor_ids, "events": event_ids, "summary": summary,
        "quotes": quotes, "draft": True if options.draft else None,
    }
    for missing in ("author", "section"):
        if not fields[missing]:
            review.append(f"missing {missing}")
    if not actor_ids:
        review.append("no actors found: add the people and bodies the story is about "
                      "(briefings review: + or N)")
    if not quotes:
        review.append("missing quotes: the article quotes nobody")
    briefing_text = draft.render_briefing(fields, article.paragraphs, draft.INGEST_KEEPS_EMPTY)
    path = (
        ctx.layout.root / existing if existing else ctx.layout.content_dir / draft.briefing_path(day, title)
    )
    story = Story(raw.name, day, frozenset(a for a in actor_ids if a in actors), headline_words(title),
                  tuple(event_ids), capped.prominent)
    display = ctx.layout.display(path)
    if existing:
        review.append(f"ingested again over {existing} (--force)")
    if options.force and path.is_file():  # keep what the curator changed since the last ingest
        try:
            briefing_text, merged = merge.merge_into(ctx.layout, path, fields, article.paragraphs)
        except BriefingsError as exc:
            raise IngestError(str(exc)) from None
        review.extend(merged)
    if options.dry_run:
        return Result("printed", display, briefing_text, review, story)
    if path.exists() and not options.force:
        raise IngestError(f"{display} already exists; pass --force to overwrite it")
    if options.accept_new:
        _accept(ctx, proposals, new_outlets)
    try:
        atomic_write(path, briefing_text, overwrite=options.force)
    except WriteRefused:
        raise IngestError(f"{display} already exists; pass --force to overwrite it") from None
    merge.write_base(ctx.layout, path, fields, draft.render_body(article.paragraphs))
    ctx.by_url[normal_url(url)] = display
    ctx.by_text[fp] = display
    return Result("written", display, briefing_text, review, story)


def _without_bylines(findings: list[Finding], author: str | None, review: list[str]) -> list[Finding]:
    """New names that wrote the article (its byline, an author's note) are not proposed."""
    writers = " ".join((author or "").lower().split())
    kept = []
    for f in findings:
        name = " ".join(f.actor.name.lower().split())
        if f.source != "registry" and f.actor.kind == "person" and writers and name in writers:
            review.append(f"not proposed: {f.actor.name} wrote the article (byline)")
        else:
            kept.append(f)
    return kept


def _name_words(name: str) -> list[str]:
    """A name's words as outlets and actors are compared: folded, without a leading "the"."""
    words = re.findall(r"[^\W_]+", fold(name))
    return words[1:] if len(words) > 1 and words[0] == "the" else words


def _same_medium(outlet_name: str, actor_name: str) -> bool:
    """The same name, spaces and marks aside ("HuffPost", "Huff Post"), or the outlet's words
    abbreviating the actor's one by one ("Wash Post", "The Washington Post")."""
    ours, theirs = _name_words(outlet_name), _name_words(actor_name)
    if len("".join(ours)) >= 3 and "".join(ours) == "".join(theirs):
        return True
    return len(ours) >= 2 and len(ours) == len(theirs) and \
        all(len(o) >= 3 and t.startswith(o) for o, t in zip(ours, theirs))


def _outlet_names(outlet_id: str, outlet: Outlet | None, proposed: dict[str, Any] | None) -> list[str]:
    """The names the publishing outlet goes by: its id, names and the first label of its domains."""
    names = [outlet_id]
    domains: list[str] = []
    if outlet is not None:
        names += [outlet.name, *outlet.names]
        domains += outlet.domains
    if proposed:
        names.append(str(proposed.get("name") or ""))
        domains += [str(d) for d in proposed.get("domains") or []]
    names += [outlet_table.registrable_domain(d).split(".")[0] for d in domains]
    return [n for n in names if n]


def _without_own_outlet(findings: list[Finding], outlet: list[str], review: list[str]) -> list[Finding]:
    """The medium that published the article is not one of its actors ("told USA TODAY", "a
    Washington Post-ABC News poll" in the Post): its page is the outlet's, not an actor's. A new
    name such as "HuffPost" may have been read as an organisation; it is the medium all the same."""
    kept = []
    for f in findings:
        names = (f.actor.id, f.actor.name, *f.actor.aliases)
        if f.actor.kind in ("media", "organisation") and \
                any(_same_medium(o, n) for o in outlet for n in names):
            review.append(f"not listed: {f.actor.name} published the article (the outlet)")
        else:
            kept.append(f)
    return kept


def _quote_entry(q: FoundQuote, listed: set[str], actors: dict[str, Actor],
                 review: list[str]) -> dict[str, Any]:
    """One quote as the briefing stores it: the speaker with its evidence, or the reason it is open."""
    entry: dict[str, Any] = {}
    reason = q.reason
    if q.speaker and q.speaker not in listed:
        reason = f"the speaker would be {actors[q.speaker].name}, who is not in actors.yml"
    elif q.speaker:
        entry["speaker"] = q.speaker
    entry["text"] = q.text
    if q.via and q.via in listed:
        entry["via"] = q.via
    if "speaker" in entry:
        entry["how"] = q.how
        entry["cue"] = q.cue
    else:
        entry["unattributed"] = reason or "no speaker found"
        review.append(f"quote without a speaker ({entry['unattributed']}): “{q.text[:60]}…”")
    return entry


def _briefing_id(existing: str | None, day: dt.date, title: str) -> str:
    """The file name (without ``.md``) the briefing will have: rejections may be scoped to it."""
    return PurePosixPath(existing or draft.briefing_path(day, title)).stem


def _added(options: Options, registry: str) -> str:
    return f"would be added to {registry} (dry run)" if options.dry_run else f"added to {registry}"


def _registry_fields(actor: Actor, known: set[str]) -> dict[str, Any]:
    """What an accepted proposal writes into actors.yml: its facts, with links only to known actors."""
    return {"name": actor.name, "kind": actor.kind, "aliases": list(actor.aliases),
            "country": actor.country if actor.country in known else None, "role": actor.role,
            "wikidata": actor.wikidata}


def _accept(ctx: Context, proposals: list[Finding], outlets: dict[str, dict[str, Any]]) -> None:
    reg = ctx.registry
    known = set(reg.actors) | {f.actor.id for f in proposals}
    new_actors = {f.actor.id: _registry_fields(f.actor, known) for f in proposals}
    registry_append.append_entries(ctx.layout.registry_file("actors"), new_actors, set(reg.actors),
                                   "proposed actors")
    registry_append.append_entries(ctx.layout.registry_file("outlets"), outlets, set(reg.outlets),
                                   "proposed outlets")
    for f in proposals:
        fields = new_actors[f.actor.id]
        reg.actors.setdefault(f.actor.id, replace(f.actor, country=fields["country"]))
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
    if options.new_event:
        ctx.new_event_id = slugify(options.new_event, 8)
    for warning in ctx.warnings:
        print(f"warning: {warning}", file=err)
    items = expand(sources)
    progress = Progress(len(items), err) if any(from_folder for _, from_folder in items) else None
    counts = {"written": 0, "existing": 0, "printed": 0, "failed": 0}
    failed: list[str] = []
    stories: list[Story] = []
    for name, raw, article, message in _extracted([name for name, _ in items], ctx, options, stdin):
        result = None
        if raw is not None and article is not None:
            try:
                result = ingest_one(raw, ctx, options, article)
            except Exception as exc:  # noqa: BLE001 (one odd page must not stop a batch or print a traceback)
                message = _failure(exc)
        if result is None:
            counts["failed"] += 1
            failed.append(f"{name}: {message}")
            if progress:
                progress.clear()
            print(f"{name}: {message}", file=err)
        else:
            counts[result.status] += 1
            if result.story:
                stories.append(result.story)
            if progress:
                progress.clear()
            _report(name, result, out, err)
        if progress:
            progress.advance()
    if progress:
        progress.close()
    if options.new_event and stories:
        _add_event(ctx, options, stories, err)
    if len(items) > 1:
        _report_stories(stories, err)
        print(f"ingested {len(items)} source(s): {counts['written']} written, {counts['existing']} already "
              f"in the archive, {counts['printed']} printed, {counts['failed']} failed", file=err)
        if failed:
            print("failed:", file=err)
            for line in failed:
                print(f"  - {line}", file=err)
    if not items:
        print("no articles found in the given folder(s)", file=err)
        return 1
    return 1 if counts["failed"] else 0


def _failure(exc: Exception) -> str:
    """One line for a source that failed; a traceback never reaches the curator."""
    if isinstance(exc, (FetchError, IngestError)):
        return str(exc)
    return f"cannot ingest this page ({type(exc).__name__}: {exc}); please report it"


def _read_and_extract(name: str, ctx: Context, options: Options,
                      stdin: IO[bytes] | None = None) -> tuple[Raw | None, Article | None, str]:
    """Read one source and extract its article: the costly, pure half of ingesting it."""
    try:
        raw = read_source(name, stdin=stdin)
        return raw, _article(raw, ctx, options), ""
    except Exception as exc:  # noqa: BLE001 (see _failure)
        return None, None, _failure(exc)


_WORKER: tuple[Context, Options] | None = None  # what a forked worker extracts with


def _in_worker(name: str) -> tuple[Raw | None, Article | None, str]:
    assert _WORKER is not None
    return _read_and_extract(name, *_WORKER)


def _extracted(names: list[str], ctx: Context, options: Options,
               stdin: IO[bytes] | None) -> Iterator[tuple[str, Raw | None, Article | None, str]]:
    """(name, raw, article, error) for each source, in order.

    A batch of at least ``PARALLEL_MIN`` local files is read and extracted by worker processes,
    one per core (most of the time per page goes to HTML extraction); everything that reads or
    writes the archive stays in this process, in the sources' order.
    """
    global _WORKER
    local = all(n != "-" and not is_url(n) for n in names)
    cores = min(os.cpu_count() or 1, MAX_WORKERS)
    if (
        local
        and len(names) >= PARALLEL_MIN
        and cores > 1
        and "fork" in multiprocessing.get_all_start_methods()
    ):
        _WORKER = (ctx, options)
        try:
            with multiprocessing.get_context("fork").Pool(cores) as pool:
                for name, got in zip(names, pool.imap(_in_worker, names, chunksize=4)):
                    yield (name, *got)
        finally:
            _WORKER = None
        return
    for name in names:
        yield (name, *_read_and_extract(name, ctx, options, stdin))


def _add_event(ctx: Context, options: Options, stories: list[Story], err: TextIO) -> None:
    """Append the event the curator named, drafted from the articles that joined it."""
    assert options.new_event and ctx.new_event_id
    _, fields = new_event(options.new_event, stories)
    event_id = ctx.new_event_id
    if event_id in ctx.registry.events:
        print(f"event {event_id} is already in events.yml; the briefings link to it", file=err)
        return
    if options.dry_run:
        print(f"would add event {event_id} to events.yml: {fields}", file=err)
        return
    registry_append.append_entries(ctx.layout.registry_file("events"), {event_id: fields},
                                   set(ctx.registry.events), "event asked for with --new-event")
    print(f"added event {event_id} to events.yml ({len(stories)} article(s)); add a description", file=err)


def _report_stories(stories: list[Story], err: TextIO) -> None:
    """Articles of the batch that tell the same story, so the curator can make them one event."""
    groups = group_stories(stories)
    if not groups:
        return
    print("same story (one event? ingest them again with --new-event 'NAME' --force):", file=err)
    for number, group in enumerate(groups, 1):
        days = sorted(stories[i].day for i in group)
        shared = sorted(frozenset.intersection(*(stories[i].actors for i in group)))
        print(f"  story {number}: {len(group)} articles, {days[0]}..{days[-1]}"
              f"{', all name ' + ', '.join(shared[:6]) if shared else ''}", file=err)
        for i in group:
            print(f"    - {stories[i].source}", file=err)


def _report(name: str, result: Result, out: TextIO, err: TextIO) -> None:
    """The path and the review list, the same for a folder batch as for files given one by one."""
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
    print("review:", file=out)
    for item in result.review:
        print(f"  - {item}", file=out)
