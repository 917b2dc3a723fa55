"""The curator's decisions, applied to the files at once: briefing front-matter, the registries, rejected.yml.

Each function reads the files it changes, edits them round-trip (:mod:`yamledit`: comments, key
order and layout kept) and writes them atomically; a briefing outside the content folder, or any
file outside the project, is refused. Registry edits hold the registry lock that ingest's
``--accept-new`` takes, so the two never interleave.

Quote edits follow the shared rule for quotes: a curator who sets or changes a speaker writes
``how: curator`` and drops ``cue`` and ``unattributed``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from site_builder.authoring.ingest.registry_append import registry_lock
from site_builder.authoring.ingest.rejections import folded
from site_builder.authoring.review.yamledit import (
    BriefingFile,
    EditError,
    RegistryFile,
    delete_key,
    flow_list,
    insert_key,
    rename_key,
    text_value,
)
from site_builder.body.parse import WIKI_LINK
from site_builder.core import schema as S
from site_builder.core.load import REJECTED, Layout, briefing_files, load_registry, value_problem
from site_builder.core.models import Registry
from site_builder.core.roles import span_problem
from site_builder.core.urls import slugify
from site_builder.core.validate import NameTable, country_problem, new_actor_id_problem
from site_builder.fsutil import confined_to, is_inside

EDITABLE = ("title", "summary", "author")
#: Fields that may be left empty: the field is then removed (an article without a byline).
OPTIONAL = ("author",)
#: Registry fields the page sets, by registry: the facts ``check --strict`` asks curators for.
FACTS: dict[str, tuple[str, ...]] = {"actors": ("role", "country"), "outlets": ("country", "ownership")}


@dataclass(frozen=True)
class Done:
    """What a decision changed, in a sentence for the page, and which files it wrote."""

    message: str
    files: tuple[str, ...]
    #: The id the actor decided on has now (a merge or a new id), for the page to keep its place.
    actor: str | None = None


def briefing_path(layout: Layout, given: str) -> Path:
    """The briefing ``given`` (relative to the project) as a path, refused outside the content folder."""
    path = (layout.root / given).resolve()
    if not is_inside(path, layout.content_dir) or is_inside(path, layout.registry_dir) \
            or path.suffix != ".md" or not path.is_file():
        raise EditError(f"{given}: not a briefing of this archive (a .md file under "
                        f"{layout.display(layout.content_dir)}/)")
    return path


def _actors(front: CommentedMap) -> list[Any]:
    actors = front.get("actors")
    if not isinstance(actors, list):
        raise EditError("the briefing has no 'actors' list; run briefings check")
    return actors


def _quotes(front: CommentedMap) -> list[Any]:
    quotes = front.get("quotes")
    return quotes if isinstance(quotes, list) else []


#: The reason written on a quote a curator left open on purpose (``how: curator``, no speaker).
LEFT_OPEN = "left open by a curator"


def _quote_at(front: CommentedMap, given: str, index: int) -> CommentedMap:
    """Quote ``index`` of a briefing's front matter, or the error that names the missing one."""
    quotes = _quotes(front)
    if not 0 <= index < len(quotes) or not isinstance(quotes[index], CommentedMap):
        raise EditError(f"{given}: there is no quote {index + 1}")
    quote: CommentedMap = quotes[index]
    return quote


def _within_limit(what: str, text: str) -> None:
    """Refuse a text longer than the schema takes (``what``: "the title is", "the words are")."""
    if len(text) > S.MAX_TEXT_LENGTH:
        raise EditError(f"{what} {len(text):,} characters long, over the limit of {S.MAX_TEXT_LENGTH:,}")


def _speaker_open(quote: CommentedMap) -> None:
    """The curator decided the speaker is unknown: no speaker, ``how: curator``, and that reason.

    ``briefings check`` no longer lists such a quote: a person has looked at it.
    """
    for key in ("speaker", "cue"):
        if key in quote:
            delete_key(quote, key)
    quote["how"] = "curator"
    quote["unattributed"] = LEFT_OPEN


def _speaker_rejected(quote: CommentedMap, actor_id: str) -> None:
    """The quote's speaker was rejected: it is open again, still for review (no ``how: curator``).

    Rejecting a speaker says who did not speak, not that no one can be named, so ``check`` keeps
    listing the quote until a curator sets a speaker or leaves it open on purpose.
    """
    for key in ("speaker", "cue", "how"):
        if key in quote:
            delete_key(quote, key)
    quote["unattributed"] = f"its speaker, {actor_id}, was rejected in review"


def _uses(layout: Layout, actor_id: str, skip: Path) -> list[Path]:
    """Other briefings that name ``actor_id`` (in actors or quotes), read from their text."""
    found = []
    for path in briefing_files(layout):
        if path == skip:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if actor_id not in text:
            continue  # most files: a substring test is enough
        try:
            front = BriefingFile.read(path).front
        except EditError:
            continue
        actors = front.get("actors") or []
        quoted = [q.get(k) for q in _quotes(front) if isinstance(q, dict) for k in ("speaker", "via")]
        if actor_id in actors or actor_id in quoted:
            found.append(path)
    return found


def _registry_refs(registry: CommentedMap, events: CommentedMap, actor_id: str) -> bool:
    """Whether another actor (its country) or an event names ``actor_id``."""
    return any(isinstance(v, dict) and v.get("country") == actor_id for v in registry.values()) or \
        any(isinstance(v, dict) and actor_id in (v.get("actors") or []) for v in events.values())


def _record_rejection(layout: Layout, part: str, key: str | None, entry: dict[str, Any]) -> None:
    rejected = RegistryFile.read(layout.registry_file(REJECTED))
    if not rejected.data:
        rejected.data.yaml_set_start_comment(
            "Proposals curators rejected; briefings ingest never makes them again.\n"
            "Written by briefings review; fields in docs/data-model.md.")
    if part == "actors":
        actors = rejected.data.setdefault("actors", CommentedMap())
        assert key is not None
        if key not in actors:
            actors[key] = CommentedMap(entry)
    else:
        links = rejected.data.setdefault("links", CommentedSeq())
        if not any(dict(link) == entry for link in links):
            links.append(CommentedMap(entry))
    rejected.write()


def accept(layout: Layout, given: str, actor_id: str) -> Done:
    """Keep the actor as ingest wrote it: nothing changes on disk."""
    path = briefing_path(layout, given)
    if actor_id not in _actors(BriefingFile.read(path).front):
        raise EditError(f"{given}: '{actor_id}' is not an actor of this briefing")
    return Done(f"kept {actor_id}", ())


def reject(layout: Layout, given: str, actor_id: str, proposed: bool, surfaces: list[tuple[str, str | None]],
           name: str, never: bool = False) -> Done:
    """Remove the actor from the briefing (its quotes' speaker open again) and record the rejection.

    ``never`` (a proposed actor only) bans the name: it goes under ``actors:`` in rejected.yml and
    ingest never proposes it again, in any article. Without it the rejection holds in this briefing
    only: each of ``surfaces`` (the words, or ``name`` when none is known) becomes a link rejection
    with ``briefing:``, so the same name in another article is still proposed. For an actor the
    registry already had, a surface found within longer words is rejected only within them.
    Either way a proposed entry leaves actors.yml unless another briefing, actor or event uses it.
    """
    if never and not proposed:
        raise EditError(f"'{actor_id}' was in actors.yml before this briefing; only a proposed actor can be "
                        "banned from every article (reject it here instead)")
    path = briefing_path(layout, given)
    written = [layout.display(path)]
    with confined_to(layout.root), registry_lock(layout.registry_dir):
        briefing = BriefingFile.read(path)
        actors = _actors(briefing.front)
        if actor_id not in actors:
            raise EditError(f"{given}: '{actor_id}' is not an actor of this briefing")
        actors.remove(actor_id)
        opened = 0
        for quote in _quotes(briefing.front):
            if isinstance(quote, CommentedMap):
                if quote.get("speaker") == actor_id:
                    _speaker_rejected(quote, actor_id)
                    opened += 1
                if quote.get("via") == actor_id:
                    delete_key(quote, "via")
        briefing.write()
        removed = ""
        if proposed:
            registry = RegistryFile.read(layout.registry_file("actors"))
            events = RegistryFile.read(layout.registry_file("events"))
            if actor_id in registry.data and not _uses(layout, actor_id, path) and \
                    not _registry_refs(registry.data, events.data, actor_id):
                delete_key(registry.data, actor_id)
                registry.write()
                written.append(layout.display(registry.path))
                removed = "; its entry left actors.yml"
        if never:
            _record_rejection(layout, "actors", actor_id, {"name": name, "briefing": path.stem})
        else:
            words_seen = list(dict.fromkeys(w for w, _ in surfaces)) if proposed else []
            rules: list[tuple[str, str | None]] = [(w, None) for w in words_seen or [name]] if proposed \
                else surfaces
            for words, within in rules:
                entry: dict[str, Any] = {"name": words, "actor": actor_id}
                if within and folded(within) != folded(words):
                    entry["within"] = within
                else:
                    entry["briefing"] = path.stem
                _record_rejection(layout, "links", None, entry)
        written.append(layout.display(layout.registry_file(REJECTED)))
    quotes = f"; {opened} quote(s) now have no speaker" if opened else ""
    scope = "never to be proposed again" if never else "not an actor here"
    return Done(f"rejected {actor_id} ({scope}){quotes}{removed}", tuple(written))


def set_speaker(layout: Layout, given: str, index: int, speaker: str | None) -> Done:
    """Make ``speaker`` (an actor of the briefing, or None for none) the speaker of quote ``index``."""
    path = briefing_path(layout, given)
    with confined_to(layout.root):
        briefing = BriefingFile.read(path)
        quote = _quote_at(briefing.front, given, index)
        if speaker is None:
            _speaker_open(quote)
        else:
            if speaker not in _actors(briefing.front):
                raise EditError(f"{given}: '{speaker}' is not an actor of this briefing; add it first")
            for key in ("cue", "unattributed"):
                if key in quote:
                    delete_key(quote, key)
            if "speaker" in quote:
                quote["speaker"] = speaker
            else:
                quote.insert(0, "speaker", speaker)
            quote["how"] = "curator"
        briefing.write()
    return Done(f"quote {index + 1}: speaker {speaker or 'left open'}", (layout.display(path),))


def _registry_actor(registry: Registry, wanted: str) -> str | None:
    """The id of the registry actor ``wanted`` names: its id, name or an alias (case and accents aside)."""
    wanted = " ".join(wanted.split())
    if wanted in registry.actors:
        return wanted
    key = folded(wanted)
    return next((a.id for a in sorted(registry.actors.values(), key=lambda a: a.id)
                 if key in {folded(n) for n in (a.name, *a.aliases)}), None)


def _relink_body(body: str, old: str, new: str) -> str:
    """``[[old]]`` and ``[[old|text]]`` in the body, pointed at ``new`` (a link is to an id, case aside)."""
    def one(found: re.Match[str]) -> str:
        if found.group(1).strip().lower() != old:
            return found.group(0)
        return f"[[{new}|{found.group(2)}]]" if found.group(2) is not None else f"[[{new}]]"
    return WIKI_LINK.sub(one, body) if "[[" in body else body


def _relink_briefing(briefing: BriefingFile, old: str, new: str) -> None:
    """Every reference to actor ``old`` in the briefing made to ``new``: actors, quotes, ``[[links]]``.

    When ``new`` is listed already, ``old`` leaves the list (it was the same actor); a quote whose
    source would become its own speaker loses ``via``.
    """
    _replace_in_list(briefing.front.get("actors"), old, new)
    for quote in _quotes(briefing.front):
        if isinstance(quote, CommentedMap):
            for key in ("speaker", "via"):
                if quote.get(key) == old:
                    quote[key] = new
            if "via" in quote and quote.get("via") == quote.get("speaker"):
                delete_key(quote, "via")
    briefing.body = _relink_body(briefing.body, old, new)


def _relink_registries(actors: CommentedMap, events: CommentedMap, old: str, new: str) -> bool:
    """Actors whose country is ``old`` and events ``old`` took part in, made to name ``new``.

    Returns whether an event changed (events.yml is then written too).
    """
    for entry in actors.values():
        if isinstance(entry, CommentedMap) and entry.get("country") == old:
            entry["country"] = new
    changed = False
    for event in events.values():
        listed = event.get("actors") if isinstance(event, CommentedMap) else None
        changed = _replace_in_list(listed, old, new) or changed
    return changed


def _replace_in_list(listed: object, old: str, new: str) -> bool:
    """``old`` in a list of ids made ``new``, in its place; dropped when ``new`` is there already."""
    if not isinstance(listed, list) or old not in listed:
        return False
    at = listed.index(old)
    if new in listed:
        listed.pop(at)
    else:
        listed[at] = new
    return True


def _relink_rejections(layout: Layout, old: str, new: str) -> bool:
    """Link rejections of ``old`` made rejections of ``new`` (the same actor); whether any changed."""
    path = layout.registry_file(REJECTED)
    if not path.is_file():
        return False
    rejected = RegistryFile.read(path)
    links = rejected.data.get("links")
    changed = False
    for link in links if isinstance(links, list) else []:
        if isinstance(link, CommentedMap) and link.get("actor") == old:
            link["actor"] = new
            changed = True
    if changed:
        rejected.write()
    return changed


def _merged_aliases(target: CommentedMap, into: str, old: CommentedMap | None,
                    table: NameTable) -> tuple[list[str], list[str]]:
    """The merged actor's names that become aliases of ``into``, and those ``check`` would refuse there."""
    names = [str(old.get("name"))] + [str(a) for a in old.get("aliases") or []] \
        if isinstance(old, CommentedMap) else []
    taken = {folded(str(target.get("name", "")))} | {folded(str(a)) for a in target.get("aliases") or []}
    fresh = [n for n in dict.fromkeys(names) if n and folded(n) not in taken]
    refused = [n for n in fresh if table.conflict(into, n) is not None]
    return [n for n in fresh if n not in refused], refused


def merge(layout: Layout, given: str, proposed_id: str, into: str, proposed: bool = True) -> Done:
    """Merge a proposed actor into another actor of the briefing or of actors.yml: it was the same one.

    ``into`` is an id, or a name or alias of a registry actor. The merged actor's name and aliases
    become aliases of the kept one (but for any ``check`` would refuse there: another record's id,
    another actor's name), and every reference to its id is rewritten: in every briefing that names it
    (actors, quote speakers and sources, ``[[links]]``), in events, in actors' countries and in link
    rejections. Its entry then has no use and leaves actors.yml. An actor other briefings had before
    this one is not merged away here: merge the other into it.
    """
    path = briefing_path(layout, given)
    written: list[str] = []
    with confined_to(layout.root), registry_lock(layout.registry_dir):
        if proposed_id not in _actors(BriefingFile.read(path).front):
            raise EditError(f"{given}: '{proposed_id}' is not an actor of this briefing")
        loaded = load_registry(layout, [])
        if proposed_id not in loaded.actors:
            raise EditError(f"'{proposed_id}' is not in actors.yml, so there is nothing to merge; add it "
                            "there, or remove it from this briefing")
        if not proposed:
            raise EditError(f"'{proposed_id}' was in actors.yml before this briefing and other briefings use "
                            "it; merge the other actor into it instead")
        into_id = _registry_actor(loaded, into)
        if into_id is None:
            raise EditError(f"'{into}' is not an id, name or alias in actors.yml; choose an actor of this "
                            "briefing or one from the list")
        if into_id == proposed_id:
            raise EditError(f"cannot merge {into_id} into itself")
        registry = RegistryFile.read(layout.registry_file("actors"))
        target = registry.data.get(into_id)
        if not isinstance(target, CommentedMap):
            raise EditError(f"'{into_id}' is not in actors.yml")
        old = registry.data.get(proposed_id)
        _, table = _name_table(layout, without=proposed_id)
        merged = old if isinstance(old, CommentedMap) else None
        new_aliases, refused = _merged_aliases(target, into_id, merged, table)
        if new_aliases:
            aliases = target.get("aliases")
            if not isinstance(aliases, list):
                target["aliases"] = aliases = flow_list([])
            room = S.MAX_LIST_ITEMS - len(aliases)
            aliases.extend(new_aliases[:max(room, 0)])
        for other in [path, *_uses(layout, proposed_id, path)]:
            briefing = BriefingFile.read(other)
            _relink_briefing(briefing, proposed_id, into_id)
            briefing.write()
            written.append(layout.display(other))
        events = RegistryFile.read(layout.registry_file("events"))
        if _relink_registries(registry.data, events.data, proposed_id, into_id):
            events.write()
            written.append(layout.display(events.path))
        if _relink_rejections(layout, proposed_id, into_id):
            written.append(layout.display(layout.registry_file(REJECTED)))
        if isinstance(old, CommentedMap):
            delete_key(registry.data, proposed_id)
        registry.write()
        written.append(layout.display(registry.path))
    added = f"; '{', '.join(new_aliases)}' now an alias of {into_id}" if new_aliases else ""
    skipped = f"; not an alias ('briefings check' would refuse it): '{', '.join(refused)}'" if refused else ""
    return Done(f"merged {proposed_id} into {into_id}{added}{skipped}", tuple(sorted(set(written))), into_id)


def edit(layout: Layout, given: str, field: str, value: str) -> Done:
    """Set the title, the summary or the author. The file keeps its name (its address does not change).

    An empty author removes the field: the article has no byline.
    """
    if field not in EDITABLE:
        raise EditError(f"only {', '.join(EDITABLE)} can be edited here")
    value = " ".join(value.split())
    if not value and field in OPTIONAL:
        path = briefing_path(layout, given)
        with confined_to(layout.root):
            briefing = BriefingFile.read(path)
            if field in briefing.front:
                delete_key(briefing.front, field)
                briefing.write()
        return Done(f"{field} removed", (layout.display(path),))
    if not value:
        raise EditError(f"the {field} cannot be empty")
    _within_limit(f"the {field} is", value)
    path = briefing_path(layout, given)
    with confined_to(layout.root):
        briefing = BriefingFile.read(path)
        if field not in briefing.front and "source_url" in briefing.front:
            # a new field goes where ingest writes it: the byline after the address
            briefing.front.insert(list(briefing.front).index("source_url") + 1, field, text_value(value))
        else:
            briefing.front[field] = text_value(value)
        briefing.write()
    return Done(f"{field} saved", (layout.display(path),))


def delete_quote(layout: Layout, given: str, index: int) -> Done:
    """Remove quote ``index``: words ingest took for a quotation that is none (a title, a slogan)."""
    path = briefing_path(layout, given)
    with confined_to(layout.root):
        briefing = BriefingFile.read(path)
        quotes = _quotes(briefing.front)
        if not 0 <= index < len(quotes):
            raise EditError(f"{given}: there is no quote {index + 1}")
        del quotes[index]
        if not quotes:
            delete_key(briefing.front, "quotes")
        briefing.write()
    return Done(f"quote {index + 1} deleted", (layout.display(path),))


def edit_quote(layout: Layout, given: str, index: int, words: str) -> Done:
    """Set the words of quote ``index`` (ingest cut a quotation short, or took a caption's words)."""
    words = " ".join(words.split())
    if not words:
        raise EditError("a quote's words cannot be empty; delete the quote instead")
    _within_limit("the words are", words)
    path = briefing_path(layout, given)
    with confined_to(layout.root):
        briefing = BriefingFile.read(path)
        _quote_at(briefing.front, given, index)["text"] = text_value(words)
        briefing.write()
    return Done(f"quote {index + 1}: words saved", (layout.display(path),))


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise EditError("an actor needs a name")
    if len(name) > S.MAX_TEXT_LENGTH:
        raise EditError(f"the name is {len(name):,} characters long, over the limit of {S.MAX_TEXT_LENGTH:,}")
    return name


def _kind(kind: str) -> str:
    if kind not in S.ACTOR_KINDS:
        raise EditError(f"'{kind}' is not a kind of actor; choose one of {', '.join(S.ACTOR_KINDS)}")
    return kind


def _name_table(layout: Layout, without: str | None = None) -> tuple[Registry, NameTable]:
    """The registries as ``check`` reads them, with every actor's names claimed (``check``'s own rule).

    ``without``: an actor left out, whose own id and names are being changed.
    """
    registry = load_registry(layout, [])
    if without is not None:
        others = {k: a for k, a in registry.actors.items() if k != without}
        registry = dataclasses.replace(registry, actors=others)
    table = NameTable(registry)
    for actor in sorted(registry.actors.values(), key=lambda a: a.id):
        for value in (actor.name, *actor.aliases):
            if table.conflict(actor.id, value) is None:
                table.claim(actor.id, value)
    return registry, table


def _refuse_name(table: NameTable, actor_id: str, name: str) -> None:
    conflict = table.conflict(actor_id, name)
    if conflict is None:
        return
    if conflict[0] == "id":
        raise EditError(f"'{name}' is the id of {conflict[1]}; [[{name.strip().lower()}]] would link to the "
                        "wrong page. Choose a more specific name, or add that actor instead")
    raise EditError(f"'{name}' is already a name or alias of actor '{conflict[1]}'; add that actor instead, "
                    "or make the name more specific")


def _add_to_briefing(briefing: BriefingFile, given: str, actor_id: str) -> None:
    actors = _actors(briefing.front)
    if actor_id in actors:
        raise EditError(f"{given}: '{actor_id}' is already an actor of this briefing")
    if len(actors) >= S.MAX_ACTORS_PER_BRIEFING:
        raise EditError(f"{given}: a briefing names at most {S.MAX_ACTORS_PER_BRIEFING} actors")
    actors.append(actor_id)


def add_actor(layout: Layout, given: str, wanted: str) -> Done:
    """Add a registry actor to the briefing's ``actors``: ``wanted`` is its id, name or an alias."""
    path = briefing_path(layout, given)
    wanted = " ".join(wanted.split())
    with confined_to(layout.root), registry_lock(layout.registry_dir):
        actor_id = _registry_actor(load_registry(layout, []), wanted)
        if actor_id is None:
            raise EditError(f"'{wanted}' is not an id, name or alias in actors.yml; choose one from the "
                            "list, or add a new actor")
        briefing = BriefingFile.read(path)
        _add_to_briefing(briefing, given, actor_id)
        briefing.write()
    return Done(f"added {actor_id}", (layout.display(path),))


def new_actor(layout: Layout, given: str, name: str, kind: str) -> Done:
    """Write a new actor to actors.yml (id: the name's slug) and add it to the briefing.

    Its id, name and alias follow the rule ``briefings check`` applies (:class:`NameTable`): a
    name another actor has, or an id another record has, is refused, so no link changes target.
    """
    name, kind = _clean_name(name), _kind(kind)
    actor_id = slugify(name)
    if actor_id == "untitled" and folded(name) != "untitled":
        raise EditError(f"'{name}' has no Latin letters or digits to make an id from; add it to actors.yml "
                        "by hand with an id of your choice")
    path = briefing_path(layout, given)
    written = []
    with confined_to(layout.root), registry_lock(layout.registry_dir):
        registry, table = _name_table(layout)
        taken = new_actor_id_problem(registry, table, actor_id)
        if taken is not None:
            raise EditError(f"the id '{actor_id}' (from the name) is already {taken}; add that actor "
                            "instead, or make the name more specific")
        table.hold("actor", actor_id)  # as check reads it once written: the actor's own id is no conflict
        _refuse_name(table, actor_id, name)
        briefing = BriefingFile.read(path)
        _add_to_briefing(briefing, given, actor_id)
        actors_yml = RegistryFile.read(layout.registry_file("actors"))
        actors_yml.data[actor_id] = CommentedMap([("name", text_value(name)), ("kind", kind)])
        actors_yml.write()  # the registry first: the briefing never names an actor that is not there
        written.append(layout.display(actors_yml.path))
        briefing.write()
        written.append(layout.display(path))
    return Done(f"added new actor {actor_id} ({kind})", tuple(written))


def _event_refs(events: CommentedMap, actor_id: str) -> list[str]:
    """The events that list ``actor_id`` among the actors who took part."""
    return [str(k) for k, v in events.items() if isinstance(v, dict) and actor_id in (v.get("actors") or [])]


def _new_id(layout: Layout, path: Path, actor_id: str, name: str) -> tuple[str, str]:
    """The id the actor has after its name is corrected, and why it kept its old one ("" when it did not).

    An actor only this briefing uses (ingest wrote it for this article) takes the slug of its new
    name: its id is its public address, and a junk id from a wrong name would stay forever. One
    that another briefing or an event uses keeps its id: ids are stable once in use. A slug that
    another actor holds (id, former id, name or alias) or a page of the site is refused, by
    ``check``'s own rule (:func:`new_actor_id_problem`).
    """
    wanted = slugify(name)
    if wanted == actor_id or (wanted == "untitled" and folded(name) != "untitled"):
        return actor_id, ""
    elsewhere = [layout.display(p) for p in _uses(layout, actor_id, path)]
    elsewhere += [f"event '{e}'" for e in _event_refs(RegistryFile.read(layout.registry_file("events")).data,
                                                      actor_id)]
    if elsewhere:
        return actor_id, (f"its id stays {actor_id}: {', '.join(elsewhere[:3])}"
                          f"{f' and {len(elsewhere) - 3} more' if len(elsewhere) > 3 else ''} use(s) it "
                          f"(to change it everywhere, rename it in actors.yml and list '{actor_id}' "
                          "under its former_ids)")
    registry, table = _name_table(layout, without=actor_id)
    taken = new_actor_id_problem(registry, table, wanted)
    if taken is not None:
        raise EditError(f"the new name's id '{wanted}' is already {taken}; choose a more specific name, "
                        "or merge this actor into that one")
    return wanted, ""


def _corrected_entry(entry: CommentedMap, name: str, kind: str, keep_alias: bool) -> str:
    """Write the corrected name and kind into ``entry``; the old name, when kept as an alias, or ""."""
    old = str(entry.get("name", ""))
    aliases = entry.get("aliases")
    kept = [a for a in aliases or [] if folded(str(a)) != folded(name)]
    if keep_alias and old and folded(old) not in {folded(name), *(folded(str(a)) for a in kept)}:
        kept.append(old)
    kept = kept[:S.MAX_LIST_ITEMS]
    entry["name"] = text_value(name)
    entry["kind"] = kind
    if kept != list(aliases or []):
        if kept:
            entry["aliases"] = flow_list(kept)
        elif "aliases" in entry:
            delete_key(entry, "aliases")
    return old if keep_alias and old in kept else ""


def rename_actor(layout: Layout, given: str, actor_id: str, proposed: bool, name: str, kind: str,
                 keep_alias: bool = True) -> Done:
    """Correct a proposed actor's name and kind; an actor only this briefing uses takes the new name's id.

    The old name becomes an alias when ``keep_alias`` (the article may still use it); a
    truncated name the curator corrects is dropped instead. Collisions are refused as in
    :func:`new_actor`. With a new id (:func:`_new_id`), every reference is rewritten: the
    briefing's actors, quotes and ``[[links]]``, actors whose country it is, link rejections.
    """
    if not proposed:
        raise EditError(f"'{actor_id}' was in actors.yml before this briefing; change it in actors.yml, "
                        "where other briefings' curators see the change")
    name, kind = _clean_name(name), _kind(kind)
    path = briefing_path(layout, given)
    if actor_id not in _actors(BriefingFile.read(path).front):
        raise EditError(f"{given}: '{actor_id}' is not an actor of this briefing")
    written: list[str] = []
    with confined_to(layout.root), registry_lock(layout.registry_dir):
        new_id, stays = _new_id(layout, path, actor_id, name)
        _, table = _name_table(layout, without=actor_id)
        table.hold("actor", new_id)
        _refuse_name(table, new_id, name)
        actors_yml = RegistryFile.read(layout.registry_file("actors"))
        entry = actors_yml.data.get(actor_id)
        if not isinstance(entry, CommentedMap):
            raise EditError(f"'{actor_id}' is not in actors.yml")
        old = _corrected_entry(entry, name, kind, keep_alias)
        if new_id != actor_id:
            rename_key(actors_yml.data, actor_id, new_id)
            _relink_registries(actors_yml.data, CommentedMap(), actor_id, new_id)
        actors_yml.write()  # the registry first: the briefing's new id is there when it is written
        written.append(layout.display(actors_yml.path))
        if new_id != actor_id:
            briefing = BriefingFile.read(path)
            _relink_briefing(briefing, actor_id, new_id)
            briefing.write()
            written.append(layout.display(path))
            if _relink_rejections(layout, actor_id, new_id):
                written.append(layout.display(layout.registry_file(REJECTED)))
    alias = f"; '{old}' kept as an alias" if old else ""
    moved = f"; its id is now {new_id}" if new_id != actor_id else ""
    note = f"; {stays}" if stays else ""
    return Done(f"{actor_id} is now {name} ({kind}){moved}{alias}{note}", tuple(written), new_id)


def set_facts(layout: Layout, given: str, registry: str, record_id: str, values: dict[str, str]) -> Done:
    """Set an actor's role and country, or an outlet's country and ownership; an empty value removes it.

    Only for a record of this briefing (one of its actors, or its outlet), and only the fields of
    :data:`FACTS`. A changed value is checked against the field's schema and ``check``'s rule for
    an actor's country (a state; its name or alias is taken for its id), and a role's years must
    be ones the pages can read (:func:`span_problem`); a refusal says why. The entry's other
    fields, comments and order stay, and a new field goes where the schema orders it.
    """
    fields = FACTS.get(registry)
    if fields is None:
        raise EditError(f"only {' and '.join(FACTS)} have facts to set here")
    unknown = sorted(set(values) - set(fields))
    if unknown or not values:
        raise EditError(f"the fields of {registry} set here are {' and '.join(fields)}"
                        + (f", not {', '.join(unknown)}" if unknown else ""))
    path = briefing_path(layout, given)
    _refuse_stranger(BriefingFile.read(path).front, given, registry, record_id)
    wanted = {f: " ".join(values[f].split()) for f in fields if f in values}
    with confined_to(layout.root), registry_lock(layout.registry_dir):
        loaded = load_registry(layout, [])
        target = RegistryFile.read(layout.registry_file(registry))
        entry = target.data.get(record_id)
        if not isinstance(entry, CommentedMap):
            raise EditError(f"'{record_id}' is not in {registry}.yml; add it there first")
        changed = {f: v for f, v in wanted.items() if v != _text_of(entry.get(f))}
        for name, value in changed.items():
            if value:
                changed[name] = _fact(loaded, registry, record_id, name, value)
        if changed:
            _write_facts(entry, S.REGISTRY_FIELDS[registry], changed)
            target.write()
    said = [f"{name} {value}" if value else f"{name} removed" for name, value in changed.items()]
    written = (layout.display(target.path),) if changed else ()
    return Done(f"{record_id}: {'; '.join(said) or 'nothing changed'}", written)


def _text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _refuse_stranger(front: CommentedMap, given: str, registry: str, record_id: str) -> None:
    """Refuse a record this briefing does not name: the page changes only what it shows."""
    if registry == "outlets" and front.get("outlet") != record_id:
        raise EditError(f"{given}: '{record_id}' is not the outlet of this briefing")
    if registry == "actors" and record_id not in _actors(front):
        raise EditError(f"{given}: '{record_id}' is not an actor of this briefing")


def _fact(loaded: Registry, registry: str, record_id: str, name: str, value: str) -> str:
    """``value`` as written (a state's name or alias becomes its id); EditError saying why it cannot be."""
    spec = S.field_named(S.REGISTRY_FIELDS[registry], name)
    assert spec is not None
    if registry == "actors" and name == "country":
        value = _state_id(loaded, value)
        if value not in loaded.actors and value_problem(spec, value):
            raise EditError(f"{record_id}: no state in actors.yml has the id, name or alias '{value}'; "
                            "choose one from the list, or add the state first")
    problem = value_problem(spec, value)
    if problem is None and name == "role":
        problem = span_problem(value)
    if problem is None and registry == "actors" and name == "country":
        found = country_problem(record_id, value, loaded.actors)
        problem = f"{found[0]} ({found[1]})" if found else None
    if problem:
        raise EditError(f"{record_id}: {problem}")
    return value


def _state_id(loaded: Registry, value: str) -> str:
    """The id of the state named ``value`` (its id, name or an alias); ``value`` itself when none is."""
    if value in loaded.actors:
        return value
    key = folded(value)
    return next((a.id for a in sorted(loaded.actors.values(), key=lambda a: a.id)
                 if a.kind == "state" and key in {folded(n) for n in (a.name, *a.aliases)}), value)


def _write_facts(entry: CommentedMap, fields: tuple[S.Field, ...], changed: dict[str, str]) -> None:
    """Write ``changed`` into ``entry``: set, add in the schema's order, or remove (an empty value)."""
    order = [f.name for f in fields]
    for name, value in changed.items():
        spec = S.field_named(fields, name)
        styled = text_value(value) if spec is not None and spec.type == "text" else value
        if not value:
            delete_key(entry, name)
        elif name in entry:
            entry[name] = styled
        else:
            rank = order.index(name)
            before = [i for i, key in enumerate(entry) if key in order and order.index(key) < rank]
            insert_key(entry, before[-1] + 1 if before else 0, name, styled)
