"""Pre-rendered HTML that Markdown engines should pass through without re-parsing it.

Generated pages are Markdown files made of fixed ``##`` headings (so engines
build a table of contents) and HTML blocks that the templates already escaped.
Any Markdown engine passes such blocks through, but Python-Markdown first runs
them through an HTML parser, which dominates the build time of a large archive.

So the renderer fences each HTML block between two comment lines,
``<!--ba-->`` and ``<!--/ba-->``. :class:`PassthroughExtension` stores a fenced
block in Markdown's raw-HTML stash as it is, exactly what the HTML-block parser
would have stored, only without parsing it: the output is byte-identical with
and without the extension. Engines that do not load it see ordinary HTML blocks
and comments. Untrusted text cannot forge a fence: every value is escaped
before it reaches a page, so ``<!--`` never comes from content.
"""

from __future__ import annotations

import re

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

OPEN = "<!--ba-->"
CLOSE = "<!--/ba-->"
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def fence(markdown_text: str) -> str:
    """Fence every HTML chunk (a run of lines starting with '<', up to a blank line) of a rendered page."""
    chunks = [c.strip("\n") for c in _BLANK_LINES.split(markdown_text) if c.strip()]
    return "\n\n".join(f"{OPEN}\n{c}\n{CLOSE}" if c.startswith("<") else c for c in chunks) + "\n"


class _Passthrough(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == OPEN:
                    block = [line]
                else:
                    out.append(line)
            else:
                block.append(line)
                if line == CLOSE:
                    # Stash the pieces exactly as the HTML-block parser does: fence, body, fence.
                    for piece in (OPEN, "\n".join(block[1:-1]), CLOSE + "\n"):
                        out.extend(["", self.md.htmlStash.store(piece), ""])
                    block = None
        if block is not None:  # an unclosed fence is left to the ordinary parser
            out.extend(block)
        return out


class PassthroughExtension(Extension):
    """Register before Python-Markdown's HTML-block parser (priority 20)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_Passthrough(md), "briefings_passthrough", 25)
