"""``briefings event add EVENT_ID FILE...``: link briefings already in the archive to an event.

No re-ingest: the id is appended to each file's front-matter ``events:`` list with a line
edit (:mod:`yaml_edit`) that leaves the rest of the file as the curator wrote it, and each
file is written atomically. A file that already links the event is left alone. The event
must be in ``events.yml`` and every file a briefing in the content folder; nothing is
written unless all of them are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from site_builder.authoring.yaml_edit import add_to_list
from site_builder.core import schema as S
from site_builder.core.load import Layout, load_registry
from site_builder.core.suggest import did_you_mean
from site_builder.errors import BriefingsError
from site_builder.fsutil import atomic_write, is_inside


def link_event(layout: Layout, event_id: str, files: list[Path], out: TextIO) -> int:
    """Link ``files`` to ``event_id``; returns how many files changed."""
    registry = load_registry(layout, [])
    if event_id not in registry.events:
        names = {k: e.name for k, e in registry.events.items()}
        hint = did_you_mean(event_id, registry.events, names) or "add it to events.yml first"
        events_file = layout.display(layout.registry_file("events"))
        raise BriefingsError(f"{events_file}: no event '{event_id}' ({hint})")
    content = layout.content_dir.resolve()
    order = [f.name for f in S.BRIEFING_FIELDS]
    edits: list[tuple[Path, str]] = []
    for file in files:
        path = file.resolve()
        if not path.is_file() or path.suffix != ".md" or not is_inside(path, content) or \
                layout.registry_dir.resolve() in path.parents:
            raise BriefingsError(f"{file}: not a briefing file under {layout.display(layout.content_dir)}/")
        text = path.read_text(encoding="utf-8")
        try:
            edited = add_to_list(text, "events", event_id, order)
        except BriefingsError as exc:
            raise BriefingsError(f"{layout.display(path)}: {exc}") from None
        if edited == text:
            print(f"{layout.display(path)}: already links {event_id}", file=out)
        else:
            edits.append((path, edited))
    for path, edited in edits:
        atomic_write(path, edited, overwrite=True)
        print(f"{layout.display(path)}: linked to {event_id}", file=out)
    return len(edits)
