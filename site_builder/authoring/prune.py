"""``briefings prune``: remove registry entries that nothing in the archive uses.

"Used" is what ``check`` warns about (:func:`site_builder.core.hygiene.unused`): listed by a
briefing or an event, quoting or quoted, ``[[linked]]``, or the country of a used actor.
Entries are removed with a line edit (:mod:`yaml_edit`), so the rest of each registry file,
comments included, stays byte for byte; each file is written atomically. ``--dry-run``
lists what would go and writes nothing. The archive must load without errors first: an
entry that a broken briefing names would otherwise look unused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from site_builder.authoring.yaml_edit import remove_entries
from site_builder.core.hygiene import unused
from site_builder.core.load import Layout
from site_builder.errors import BriefingsError, CheckFailed
from site_builder.fsutil import atomic_write
from site_builder.pipeline import check


@dataclass(frozen=True)
class Pruned:
    removed: dict[str, tuple[str, ...]]  # registry name -> ids

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.removed.values())


def prune(layout: Layout, dry_run: bool, out: TextIO) -> Pruned:
    checked = check(layout)
    errors = [d for d in checked.diagnostics if d.is_error]
    if errors:
        raise CheckFailed(errors)
    found = unused(checked.archive)
    removed = {"actors": found.actors, "events": found.events, "outlets": found.outlets}
    for name, ids in removed.items():
        if not ids:
            continue
        path = layout.registry_file(name)
        verb = "would remove" if dry_run else "removed"
        print(f"{layout.display(path)}: {verb} {len(ids)} unused: {', '.join(ids)}", file=out)
        if dry_run:
            continue
        try:
            text = remove_entries(path.read_text(encoding="utf-8"), set(ids))
        except BriefingsError as exc:
            raise BriefingsError(f"{layout.display(path)}: {exc}") from None
        atomic_write(path, text, overwrite=True)
    return Pruned({k: v for k, v in removed.items() if v})
