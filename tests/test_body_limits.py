"""Rendering a body takes time linear in its length, whatever it holds.

Python-Markdown scans from each ``[`` to its ``]`` (to the end of the paragraph when there is
none) and copies a paragraph once per inline match; :mod:`site_builder.body.markdown` bounds
both. The bounds never change what an ordinary body renders to.
"""

from __future__ import annotations

import time

import markdown
import pytest
from markdown.inlinepatterns import (
    LINK_RE,
    REFERENCE_RE,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

from site_builder.body.markdown import PART_SIZE, PART_THRESHOLD, BodyRenderer, split_parts

ORDINARY = [
    "See [the report](https://example.org/report) for details.",
    "A [nested [bracket] text](https://example.org/a) and [another](https://example.org/b \"Title\").",
    "Wiki style [link](https://en.wikipedia.org/wiki/Port_(disambiguation)) with parentheses.",
    "Reference [style][ref] and [shortcut] links.\n\n[ref]: https://example.org/ref\n[shortcut]: https://example.org/s",
    "Brackets [that never close, and (parens) too.",
    "[Empty]() and [spaced] (https://example.org) and [a](<https://example.org/x y>).",
    "Quotes [a](https://example.org/q 'single') and [b](https://example.org/r \"it's\").",
    "Code `[not a link](x)` and *emphasis [with link](https://example.org/e)*.",
]


def unbounded() -> BodyRenderer:
    """The same renderer with Python-Markdown's own link scanning, for comparison."""
    renderer = BodyRenderer()
    md: markdown.Markdown = renderer._md
    md.inlinePatterns.register(ReferenceInlineProcessor(REFERENCE_RE, md), "reference", 170)
    md.inlinePatterns.register(LinkInlineProcessor(LINK_RE, md), "link", 160)
    md.inlinePatterns.register(ShortReferenceInlineProcessor(REFERENCE_RE, md), "short_reference", 130)
    return renderer


def test_ordinary_links_render_as_python_markdown_renders_them() -> None:
    bounded, reference = BodyRenderer(), unbounded()
    for text in ORDINARY:
        assert bounded.render(text) == reference.render(text), text


def test_sixty_kilobytes_of_brackets() -> None:
    """It used to take minutes (quadratic: 1k/2k/4k brackets took 0.3/1.4/5.0 s)."""
    started = time.perf_counter()
    html = BodyRenderer().render("[" * 60_000)
    assert time.perf_counter() - started < 15
    assert html.count("[") == 60_000


def test_hostile_shapes_render_quickly() -> None:
    shapes = ["[a](", "[[x", "[a][", "*[", '[a](x "y) ', "[" * 50 + "]" * 50, "[^", "[\n"]
    body = "".join(shape * (25_000 // len(shape)) + "\n\n" for shape in shapes)
    started = time.perf_counter()
    BodyRenderer().render(body)
    assert time.perf_counter() - started < 30


def test_long_bodies_are_rendered_in_parts_without_losing_text() -> None:
    body = "\n\n".join(f"Paragraph {i} says something about the harbour." for i in range(3000))
    assert len(body) > PART_THRESHOLD
    parts = split_parts(body)
    assert len(parts) > 1 and all(len(p) <= 2 * PART_SIZE for p in parts)
    assert "\n".join(parts) == body
    html = BodyRenderer().render(body)
    assert html.count("<p>") == 3000


def test_one_enormous_line_is_cut() -> None:
    line = "word " * 100_000
    parts = split_parts(line)
    assert all(len(p) <= PART_SIZE for p in parts)
    assert " ".join(p.strip() for p in parts).split() == line.split()


@pytest.mark.parametrize("unit, words", [("a\n\n", "paragraphs"), ("*a* ", "emphasis marks")])
def test_a_megabyte_of_tiny_blocks_or_emphasis_is_refused_by_check(unit: str, words: str) -> None:
    from site_builder.body.policy import body_diagnostics

    body = unit * (999_000 // len(unit))
    [problem] = body_diagnostics(body, "briefings/x.md", 9)
    assert problem.line == 9 and words in problem.message and "over the limit" in problem.message
    assert body_diagnostics("A *real* article.\n\nWith two _paragraphs_.\n", "briefings/x.md", 9) == []
