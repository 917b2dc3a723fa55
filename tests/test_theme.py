"""The archive's theme additions wrap Material's templates without copying them.

Record pages share their tabs and navigation sidebar (rendered once per folder
in each worker); the overrides only wrap Material's own templates, so an update
of Material changes the archive's pages exactly as it changes anyone's.
``tests/test_parallel_pages.py`` checks that the shared parts give the same bytes
as MkDocs' own build of every page.
"""

from __future__ import annotations

from pathlib import Path

THEME = Path(__file__).resolve().parent.parent / "site_builder/mkdocs_plugin/theme"


def test_the_navigation_override_includes_materials_own() -> None:
    text = (THEME / "partials/nav.html").read_text(encoding="utf-8")
    body = text[text.index("-#}") + 3:].strip()
    assert body.count('{% include "upstream/partials/nav.html" %}') == 2
    assert "<" not in body.replace("{% include", "").replace("{%", "")  # no markup of its own


def test_the_tabs_block_only_wraps_materials() -> None:
    text = (THEME / "main.html").read_text(encoding="utf-8")
    start = text.index("{% block tabs %}")
    block = text[start:text.index("{% endblock %}", start)]
    assert block.count("{{ super() }}") == 2 and "include" not in block and "<" not in block.replace("{%", "")
