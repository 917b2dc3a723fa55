"""The archive's theme additions stay in step with the installed Material for MkDocs.

``theme/main.html`` carries a copy of Material's ``site_nav`` block with one
include wrapped (record pages share their navigation sidebar): if Material
changes that block, this test says so before a build can differ.
"""

from __future__ import annotations

import re
from pathlib import Path

import material

MAIN = Path(__file__).resolve().parent.parent / "site_builder/mkdocs_plugin/theme/main.html"
BASE = Path(material.__file__).parent / "templates/base.html"
WRAPPED = re.compile(r'\{% if archive_fragment is defined %\}'
                     r'\{% call archive_fragment\("nav", page\.url\) %\}'
                     r'(\{% include "partials/nav\.html" %\})\{% endcall %\}\{% else %\}\1\{% endif %\}')


def block(text: str, name: str) -> str:
    start = text.index(f"{{% block {name} %}}")
    return text[start:text.index("{% endblock %}", start)]


def test_the_site_nav_block_is_materials_own_with_the_navigation_shared() -> None:
    ours = block(MAIN.read_text(encoding="utf-8"), "site_nav")
    assert WRAPPED.search(ours), "the navigation include is no longer shared"
    assert WRAPPED.sub(r"\1", ours).strip() == block(BASE.read_text(encoding="utf-8"), "site_nav").strip()


def test_the_tabs_block_only_wraps_materials() -> None:
    ours = block(MAIN.read_text(encoding="utf-8"), "tabs")
    assert ours.count("{{ super() }}") == 2 and "include" not in ours
