"""Parsing and rendering a body takes time linear in its length, whatever it holds.

markdown-it looks for the end of a link text from each ``[`` (to the end of the paragraph when
there is none); :mod:`site_builder.body.parse` bounds that scan. The bounds never change what an
ordinary body renders to.
"""

from __future__ import annotations

import time

import pytest

from site_builder.body.parse import MAX_LINK_DEPTH, MAX_LINK_TEXT, BodyRenderer, parse

ORDINARY = {
    "See [the report](https://example.org/report) for details.":
        '<p>See <a href="https://example.org/report" rel="nofollow noopener">the report</a> for details.</p>',
    "A [nested [bracket] text](https://example.org/a) and [another](https://example.org/b \"Title\").":
        '<p>A <a href="https://example.org/a" rel="nofollow noopener">nested [bracket] text</a> and '
        '<a href="https://example.org/b" rel="nofollow noopener" title="Title">another</a>.</p>',
    "Wiki style [link](https://en.wikipedia.org/wiki/Port_(disambiguation)) with parentheses.":
        '<p>Wiki style <a href="https://en.wikipedia.org/wiki/Port_(disambiguation)" rel="nofollow noopener">'
        "link</a> with parentheses.</p>",
    "Reference [style][ref] and [shortcut] links.\n\n[ref]: https://example.org/ref\n[shortcut]: https://example.org/s":
        '<p>Reference <a href="https://example.org/ref" rel="nofollow noopener">style</a> and '
        '<a href="https://example.org/s" rel="nofollow noopener">shortcut</a> links.</p>',
    "Brackets [that never close, and (parens) too.": "<p>Brackets [that never close, and (parens) too.</p>",
    "Code `[not a link](x)` and *emphasis [with link](https://example.org/e)*.":
        "<p>Code <code>[not a link](x)</code> and <em>emphasis "
        '<a href="https://example.org/e" rel="nofollow noopener">with link</a></em>.</p>',
}


def test_ordinary_links() -> None:
    for text, html in ORDINARY.items():
        assert BodyRenderer().render(text) == html, text


def test_link_text_beyond_the_bounds_stays_text() -> None:
    long = "x" * (MAX_LINK_TEXT + 1)
    assert "<a" not in BodyRenderer().render(f"[{long}](https://example.org)")
    deep = "[" * (MAX_LINK_DEPTH + 1) + "a" + "]" * (MAX_LINK_DEPTH + 1) + "(https://example.org)"
    assert "<a" not in BodyRenderer().render(deep)
    assert parse(f"[{long}](ftp://x)").links == ()


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


def test_a_long_body_renders_whole() -> None:
    body = "\n\n".join(f"Paragraph {i} says something about the harbour." for i in range(3000))
    html = BodyRenderer().render(body)
    assert html.count("<p>") == 3000 and "Paragraph 2999 says" in html


@pytest.mark.parametrize("unit, words", [("a\n\n", "paragraphs"), ("*a* ", "emphasis marks")])
def test_a_megabyte_of_tiny_blocks_or_emphasis_is_refused_by_check(unit: str, words: str) -> None:
    from site_builder.body.policy import body_diagnostics

    body = unit * (999_000 // len(unit))
    [problem] = body_diagnostics(body, "briefings/x.md", 9)
    assert problem.line == 9 and words in problem.message and "over the limit" in problem.message
    assert body_diagnostics("A *real* article.\n\nWith two _paragraphs_.\n", "briefings/x.md", 9) == []
