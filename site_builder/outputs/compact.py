"""Built pages without the theme's indentation: the same page in fewer bytes.

Material's templates put every tag on a line of its own, indented, and leave
blank lines where template logic was: about a sixth of each page's bytes (two
fifths of its navigation), repeated on every one of tens of thousands of pages.
Outside ``<pre>``, ``<textarea>``, ``<code>``, ``<script>`` and ``<style>``,
a run of whitespace renders as one space, so the whitespace that follows a line
break is dropped there and the page renders the same. Scripts, whose hashes are
in the Content-Security-Policy, keep every byte. The one other place a line
break can stand is inside an attribute value: a free-text value (a summary in
a page's description) may hold one, and there loses only the indentation after
it, which no reader sees. One pass over the page, linear in its length. No I/O.
"""

from __future__ import annotations

import re

_VERBATIM = ("pre", "textarea", "code", "script", "style")
_VERBATIM_OPEN = re.compile(r"<(" + "|".join(_VERBATIM) + r")\b", re.IGNORECASE)
_VERBATIM_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _VERBATIM}
#: A line break and the whitespace after it (indentation, blank lines); possessive, so each run is read once.
_INDENT = re.compile(r"\n[ \t\n\r\f]*+")


def squeeze_whitespace(html: str) -> str:
    """``html`` without the whitespace after its line breaks, verbatim elements untouched."""
    out: list[str] = []
    pos = 0
    while True:
        opened = _VERBATIM_OPEN.search(html, pos)
        if opened is None:
            out.append(_INDENT.sub("\n", html[pos:]))
            return "".join(out)
        out.append(_INDENT.sub("\n", html[pos:opened.start()]))
        closed = _VERBATIM_CLOSE[opened.group(1).lower()].search(html, opened.end())
        if closed is None:  # unclosed: the rest stays as it is
            out.append(html[opened.start():])
            return "".join(out)
        out.append(html[opened.start():closed.end()])
        pos = closed.end()


#: Material's wrapper around each navigation and contents entry's text, with plain text inside.
_ELLIPSIS = re.compile(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>')


def unwrap_entries(html: str) -> str:
    """Navigation or table-of-contents HTML without the ``md-ellipsis`` span around plain-text entries.

    In the sidebars that span only clips (it sets no ``nowrap``, so a long entry wraps either way),
    yet it costs some 35 bytes an entry, a sixth of every page's navigation. Entries with markup
    inside keep it; the header's title, where it does truncate, is not passed here.
    """
    return _ELLIPSIS.sub(r"\1", html)


_GENERATOR = re.compile(r'[ \t]*<meta name="generator"[^>]*>\n?')


def drop_generator(html: str) -> str:
    """Head markup without the theme's ``<meta name="generator">``: which software, at which version,
    built the site is of no use to a reader, and tells a prober which known holes to try."""
    return _GENERATOR.sub("", html)
