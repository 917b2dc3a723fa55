"""The one definition of every field in the data model.

Briefing front-matter and the three registries are described here once, as
:class:`Field` tuples. Everything else derives from these tuples: the JSON
Schemas under ``docs/schema/`` (for editors and other tools), structural
validation in :mod:`site_builder.core.load`, the canonical field order that ingest
writes, and the data-model documentation. Add a field here and nowhere else.

No I/O here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TAG_PATTERN = ID_PATTERN
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
DOMAIN_PATTERN = r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"

#: Most actors one briefing may name. Every pair of a briefing's actors becomes a co-mention, so the
#: co-mention table grows with the square of this number per briefing; 50 is more than any news
#: article names, and keeps one briefing under 1,225 pairs.
MAX_ACTORS_PER_BRIEFING = 50
#: Most quotes one briefing may carry (each is repeated on the speaker's page).
MAX_QUOTES_PER_BRIEFING = 100
#: Most entries of any other list (events, tags, aliases, domains, former ids, patterns).
MAX_LIST_ITEMS = 50
#: Longest single text value (a title, a summary, a quote); text is repeated on several pages.
MAX_TEXT_LENGTH = 5_000

ActorKind = Literal["person", "state", "organisation", "media"]
ACTOR_KINDS: tuple[str, ...] = ("person", "state", "organisation", "media")
OWNERSHIP_KINDS: tuple[str, ...] = (
    "state-owned", "state-funded", "public-service", "private", "non-profit", "party-owned",
)
Registry = Literal["actors", "events", "outlets"]


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, type, whether it is required, and why it exists."""

    name: str
    type: str
    description: str
    required: bool = False
    refers_to: Registry | None = None
    example: Any = None
    enum: tuple[str, ...] = ()
    max_items: int | None = None  # lists: None is MAX_LIST_ITEMS

    def json_schema(self) -> dict[str, Any]:
        schema = dict(_TYPES[self.type])
        if schema.get("type") == "array":
            schema["maxItems"] = self.max_items or MAX_LIST_ITEMS
        if self.enum:
            schema["enum"] = list(self.enum)
        schema["description"] = self.description
        if self.example is not None:
            schema["examples"] = [self.example]
        return schema


_STRING = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH, "pattern": r"\S"}
_ID = {"type": "string", "pattern": ID_PATTERN}
_TYPES: dict[str, dict[str, Any]] = {
    "text": _STRING,
    "date": {"type": "string", "pattern": DATE_PATTERN, "format": "date"},
    "url": {"type": "string", "pattern": URL_PATTERN, "format": "uri"},
    "id": _ID,
    "id-list": {"type": "array", "items": _ID, "uniqueItems": True},
    "tag-list": {"type": "array", "items": {"type": "string", "pattern": TAG_PATTERN}, "uniqueItems": True},
    "text-list": {"type": "array", "items": _STRING, "uniqueItems": True},
    "domain-list": {"type": "array", "items": {"type": "string", "pattern": DOMAIN_PATTERN},
                    "minItems": 1, "uniqueItems": True},
    "boolean": {"type": "boolean"},
    "wikidata": {"type": "string", "pattern": WIKIDATA_PATTERN},
    "enum": {"type": "string"},
}

#: What each type looks like, for error messages.
TYPE_HINTS: dict[str, str] = {
    "text": "a non-empty piece of text",
    "date": "an ISO date such as 2025-09-28",
    "url": "an http:// or https:// address",
    "id": "an id: lowercase words joined by hyphens, such as kim-jong-un",
    "id-list": "a list of ids such as [kim-jong-un, china]",
    "tag-list": "a list of lowercase tags such as [diplomacy, sanctions]",
    "text-list": "a list of names such as [Kim, Kim Jong-un]",
    "domain-list": "a list of domain names such as [aljazeera.com]",
    "boolean": "true or false",
    "wikidata": "a Wikidata item id such as Q56226",
    "enum": "one of the listed values",
    "quote-list": "a list of {speaker: actor-id, text: ...} entries",
}

#: What one entry of each list type looks like.
ITEM_HINTS: dict[str, str] = {
    "id-list": TYPE_HINTS["id"],
    "tag-list": "a lowercase tag such as diplomacy",
    "text-list": TYPE_HINTS["text"],
    "domain-list": "a domain name such as aljazeera.com",
    "quote-list": "a mapping with speaker and text",
}

#: How a quote's speaker was tied to it: by ingest from the text, or by a curator.
QUOTE_HOW: tuple[str, ...] = ("named", "pronoun", "continued", "cited", "curator")

QUOTE_FIELDS: tuple[Field, ...] = (
    Field("speaker", "id", "The actor who said it. Left out while the text does not tie the quote to one "
          "actor: the quote is then shown without a speaker and `check` lists it for review.",
          refers_to="actors", example="wang-yi"),
    Field("text", "text", "The words quoted, without surrounding quotation marks.", required=True),
    Field("via", "id", "Who reported the words, when they are second-hand (a readout, a news agency).",
          refers_to="actors", example="kcna"),
    Field("how", "enum", "How the speaker was tied to the quote: `named` (a speech verb whose subject "
          "names the speaker), `pronoun` (\"he said\", the last person speaking), `continued` (goes on "
          "from the quote before), `cited` (\"X quoted Y as saying\"), `curator` (set by hand; also "
          "without a speaker, when a curator confirmed the speaker is unknown: `check` then no longer "
          "lists the quote).",
          enum=QUOTE_HOW),
    Field("cue", "text", "The article's words that tie quote and speaker, verbatim (\"said Brian Fallon\", "
          "\"he said\"), so a reviewer can find them."),
    Field("unattributed", "text", "Why no speaker is given (an anonymous source, a pronoun that could mean "
          "two people); for review."),
)

#: Briefing front-matter, in canonical order (ingest and ``briefings new`` write this order).
BRIEFING_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "The headline as the outlet published it.", required=True),
    Field("date", "date", "Publication date; when the article gives none, the date of the main event "
          "it reports. Must match the file name.", required=True, example="2025-09-28"),
    Field("outlet", "id", "The outlet that published the article (an id from outlets.yml).",
          required=True, refers_to="outlets", example="al-jazeera"),
    Field("source_url", "url", "Where the article was published.", required=True),
    Field("author", "text", "Byline, when the article has one."),
    Field("section", "text", "The outlet's section for the article, such as 'Koreas'."),
    Field("actors", "id-list", "Every actor the article names (ids from actors.yml).", required=True,
          refers_to="actors", example=["china", "north-korea"], max_items=MAX_ACTORS_PER_BRIEFING),
    Field("events", "id-list", "Events the article reports (ids from events.yml).", refers_to="events"),
    Field("summary", "text", "One or two sentences: what happened, according to whom.", required=True),
    Field("quotes", "quote-list", "Direct quotations and who said them.", max_items=MAX_QUOTES_PER_BRIEFING),
    Field("tags", "tag-list", "Free topic labels, lowercase and hyphenated."),
    Field("draft", "boolean", "A draft is checked but not published."),
    Field("link_mentions", "boolean", "Link the first mention of each actor in the body to its page "
          "(default true)."),
    Field("former_ids", "id-list", "File names (without .md) this briefing had before it was renamed; their "
          "old pages redirect here."),
)

ACTOR_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "The name readers know, as the archive displays it.", required=True),
    Field("kind", "enum", "What sort of actor this is.", required=True, enum=ACTOR_KINDS),
    Field(
        "aliases",
        "text-list",
        "Other names, spellings and metonyms ('Beijing' for China's "
        "government) used to find the actor in text.",
    ),
    Field(
        "country",
        "id",
        "The state the actor belongs to (an actor id of kind state).",
        refers_to="actors",
        example="north-korea",
    ),
    Field("role", "text", "Office or function, as of the latest briefing. A role held only for a time gives "
          "its years, and pages show it only on their dates: 'Home Secretary (2024–2025); Foreign "
          "Secretary (from 2025)'."),
    Field("wikidata", "wikidata", "Wikidata item id, to disambiguate.", example="Q56226"),
    Field("description", "text", "A sentence of context for readers."),
    Field(
        "former_ids", "id-list", "Ids this entry had before it was renamed; their old pages redirect here."
    ),
)

EVENT_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "What the event is called.", required=True),
    Field("date", "date", "The day of a one-day event (use start/end for longer ones)."),
    Field("start", "date", "First day of an event that spans several days."),
    Field("end", "date", "Last day of an event that spans several days."),
    Field("place", "text", "Where it happened."),
    Field("actors", "id-list", "Actors who took part.", refers_to="actors"),
    Field("aliases", "text-list", "Other names the event goes by."),
    Field("description", "text", "A sentence or two of context for readers."),
    Field(
        "former_ids", "id-list", "Ids this entry had before it was renamed; their old pages redirect here."
    ),
)

OUTLET_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "The outlet's name.", required=True),
    Field("domains", "domain-list", "Web domains the outlet publishes on.", required=True),
    Field("country", "text", "Country the outlet is based in."),
    Field("ownership", "enum", "Who owns or funds the outlet.", enum=OWNERSHIP_KINDS),
    Field("affiliation", "text", "Parent organisation or state body, e.g. 'Government of Iran'."),
    Field("description", "text", "A sentence of context for readers."),
    Field(
        "names",
        "text-list",
        "Other names the outlet goes by in site names and footers, used by ingest to recognise it.",
        example=["PressTV"],
    ),
    Field(
        "boilerplate",
        "text-list",
        "Regular expressions (RE2 syntax, case-insensitive, at most 500 "
        "characters) for lines the outlet adds around its articles (share buttons, mirror addresses); "
        "ingest drops matching lines and takes a match as a sign of the outlet.",
        example=["^SHARE THIS ARTICLE$"],
    ),
    Field(
        "former_ids", "id-list", "Ids this entry had before it was renamed; their old pages redirect here."
    ),
)

#: Most entries of each part of ``rejected.yml``: one per rejected name, over the archive's life.
MAX_REJECTIONS = 10_000

#: ``rejected.yml``, part ``actors``: names that are not actors, keyed by the id ingest gave them.
REJECTED_ACTOR_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "The name ingest proposed; no name that folds to it is proposed again.",
          required=True, example="Mein Kampf"),
    Field("briefing", "text", "The briefing (file name without .md) where the curator rejected it."),
    Field("note", "text", "Why it is not an actor, for the next curator."),
)

#: ``rejected.yml``, part ``links``: a name that must not be read as a given actor.
REJECTED_LINK_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "The words in the text, as they appear (case and accents do not matter).",
          required=True, example="Jean-Pierre"),
    Field("actor", "id", "The actor these words must not be linked to. With `briefing`, it may be an id "
          "ingest proposed there that is not in actors.yml.", required=True,
          refers_to="actors", example="karine-jean-pierre"),
    Field("within", "text", "Only when the name is part of these longer words (absent: wherever it "
          "appears, within the briefing's scope).", example="Jean-Pierre Godbout"),
    Field("briefing", "text", "Only in this briefing (file name without .md); absent: in every article."),
    Field("note", "text", "Why, for the next curator."),
)

REGISTRY_FIELDS: dict[str, tuple[Field, ...]] = {
    "actors": ACTOR_FIELDS,
    "events": EVENT_FIELDS,
    "outlets": OUTLET_FIELDS,
}

SCHEMA_BASE = "https://briefing-archive.invalid/schema/"


def _object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for f in fields:
        if f.type == "quote-list":
            properties[f.name] = {
                "type": "array",
                "description": f.description,
                "items": _object_schema(QUOTE_FIELDS),
                "maxItems": f.max_items or MAX_LIST_ITEMS,
            }
        else:
            properties[f.name] = f.json_schema()
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def entry_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    """JSON Schema of one entry with these fields (an object, no other keys)."""
    return _object_schema(fields)


def briefing_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for a briefing's front-matter."""
    schema = _object_schema(BRIEFING_FIELDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + "briefing.schema.json",
        "title": "Briefing front-matter",
        "description": "The YAML front-matter of a briefing file, briefings/YYYY/MM/YYYY-MM-DD-slug.md.",
        **schema,
    }


def registry_schema(registry: str) -> dict[str, Any]:
    """JSON Schema for one registry file: a mapping of id to entry."""
    entry = _object_schema(REGISTRY_FIELDS[registry])
    if registry == "events":
        entry["not"] = {"required": ["date", "start"]}
        entry["dependentRequired"] = {"start": ["end"], "end": ["start"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + f"{registry}.schema.json",
        "title": f"Registry of {registry}",
        "description": f"briefings/registry/{registry}.yml: each key is an id, each value an entry.",
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": entry,
    }


def rejected_schema() -> dict[str, Any]:
    """JSON Schema for ``rejected.yml``: the curators' decisions that ingest must honour."""
    actors = _object_schema(REJECTED_ACTOR_FIELDS)
    link = _object_schema(REJECTED_LINK_FIELDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + "rejected.schema.json",
        "title": "Rejected proposals",
        "description": "briefings/registry/rejected.yml (optional): names ingest must not propose as actors, "
                       "and names it must not link to a given actor. Written by briefings review.",
        "type": "object",
        "properties": {
            "actors": {"type": "object", "description": "Rejected actors: each key is the id ingest gave.",
                       "propertyNames": {"pattern": ID_PATTERN}, "additionalProperties": actors,
                       "maxProperties": MAX_REJECTIONS},
            "links": {"type": "array", "description": "Names that must not link to an actor.",
                      "items": link, "maxItems": MAX_REJECTIONS},
        },
        "additionalProperties": False,
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every published schema, by file name."""
    schemas = {"briefing.schema.json": briefing_schema()}
    for registry in REGISTRY_FIELDS:
        schemas[f"{registry}.schema.json"] = registry_schema(registry)
    schemas["rejected.schema.json"] = rejected_schema()
    return schemas


def dump_schema(schema: dict[str, Any]) -> str:
    """Serialise a schema the same way every time (stable diffs, byte-identical output)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def field_named(fields: tuple[Field, ...], name: str) -> Field | None:
    return next((f for f in fields if f.name == name), None)
