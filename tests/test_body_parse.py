"""One parse of each body: code is code for the policy, ``[[links]]``, mentions and the page alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import site_builder.body.parse as parse_module
import site_builder.core.load as load_module
from site_builder.body.html import BodyLinks
from site_builder.body.parse import BodyRenderer, parse
from site_builder.body.policy import body_diagnostics
from site_builder.core.load import Layout
from site_builder.pipeline import build_site, check

from .conftest import TESTS

FENCED = {
    "tilde": "Before.\n\n~~~\n[x](ftp://example.org/f) <b>hi</b> [[nobody-here]] Mara Lind\n~~~\n\nAfter.\n",
    "backtick": "Before.\n\n```\n[x](ftp://example.org/f) <b>hi</b> [[nobody-here]] Mara Lind\n```\n\n"
                "After.\n",
    "indented": "Before.\n\n    [x](ftp://example.org/f) <b>hi</b> [[nobody-here]] Mara Lind\n\nAfter.\n",
}
ESCAPED = "[x](ftp://example.org/f) &lt;b&gt;hi&lt;/b&gt; [[nobody-here]] Mara Lind\n"


def links(seen: list[str] | None = None) -> BodyLinks:
    def resolve(target: str) -> tuple[str, str] | None:
        if seen is not None:
            seen.append(target)
        return ("../mara/", "Mara Lind") if target == "mara-lind" else None

    def mentions(text: str) -> list[tuple[int, int, str, str]]:
        at = text.find("Mara Lind")
        return [(at, at + 9, "mara-lind", "../mara/")] if at >= 0 else []

    return BodyLinks(resolve, mentions, frozenset({"../mara/"}))


@pytest.mark.parametrize("kind", FENCED)
def test_code_blocks_render_as_pre_code_and_are_not_checked(kind: str) -> None:
    body = FENCED[kind]
    seen: list[str] = []
    html = BodyRenderer().render(parse(body), links(seen))
    assert html == f"<p>Before.</p>\n<pre><code>{ESCAPED}</code></pre>\n<p>After.</p>"
    assert body_diagnostics(body, "b.md", 7) == []
    assert parse(body).wiki_links == () and parse(body).links == ()
    assert seen == []  # not resolved, so not linked


def test_a_bad_link_outside_code_is_reported_on_its_line() -> None:
    body = "One.\n\n~~~\n[x](ftp://a.example)\n~~~\n\nTwo [y](ftp://b.example) and <b>bold</b>.\n"
    problems = body_diagnostics(body, "b.md", 10)
    assert [(p.line, p.message) for p in problems] == [
        (16, "raw HTML '<b>' is not allowed in a briefing body"),
        (16, "link to 'ftp://b.example' is not an http(s) address"),
    ]
    html = BodyRenderer().render(body)
    assert "<span>y</span>" in html and "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>" not in html


def test_wiki_links_in_code_spans_are_not_resolved() -> None:
    body = "See `[[mara-lind]]` and [[mara-lind]].\n"
    assert [w.target for w in parse(body).wiki_links] == ["mara-lind"]
    html = BodyRenderer().render(body, links())
    assert html == ('<p>See <code>[[mara-lind]]</code> and '
                    '<a class="ba-mention" href="../mara/">Mara Lind</a>.</p>')


def test_mentions_are_not_linked_in_code_or_links() -> None:
    body = "`Mara Lind` and [Mara Lind](https://example.org) and\n\n```\nMara Lind\n```\n\nthen Mara Lind.\n"
    html = BodyRenderer().render(body, links())
    assert html.count('class="ba-mention"') == 1
    assert html.endswith('<p>then <a class="ba-mention" href="../mara/">Mara Lind</a>.</p>')
    assert '<a href="https://example.org" rel="nofollow noopener">Mara Lind</a>' in html


def test_no_raw_html_reaches_the_page() -> None:
    body = "<div onclick=x>\n\n*a* <script>alert(1)</script> [a](javascript:alert(1)) <javascript:alert(2)>\n"
    html = BodyRenderer().render(body)
    assert "<div" not in html and "<script" not in html
    assert "javascript:" not in html.replace(">javascript:", "")
    assert 'href="javascript' not in html


def test_one_parse_per_body_for_check_and_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "archive"
    shutil.copytree(TESTS / "fixtures" / "archive", project)
    calls: list[str] = []
    original = parse_module.parse

    def counting(text: str) -> parse_module.ParsedBody:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(load_module, "parse", counting)
    monkeypatch.setattr(parse_module, "parse", counting)
    layout = Layout.at(project)
    checked = check(layout)
    assert not checked.errors
    bodies = len(checked.archive.briefings)
    assert bodies and len(calls) == bodies
    calls.clear()
    site = build_site(layout)
    pages = list(site.sources())
    assert any(spec.kind == "briefing" for spec, _ in pages)
    assert len(calls) == bodies  # build loads (parses) each body once; rendering parses nothing


# Plain paragraphs are parsed without the parser: the same result on either side of every condition.
_PIECES = ["Kim", "met", "Xi", "in", "Beijing.", "2015", "3.5", "1.", "2)", "-", "+", "#", ">", "=", "---",
           "*", "_", "`", "~~~", "[x]", "[[kim]]", "<b>", "a&amp;b", "\\", "!", "|", "é", "\u00a0", " ", "  ",
           "\t", "    ", "\r", "http://x.example", "a:b", "@", "$5", '"quoted"', "it's", "—"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8), max_size=10),
       st.lists(st.sampled_from(["", " ", "\n"]), max_size=10))
def test_plain_paragraphs_parse_as_the_parser_parses_them(lines: list[list[str]], blanks: list[str]) -> None:
    ends = [*blanks, *[""] * len(lines)]
    text = "\n".join(" ".join(words) + ends[i] for i, words in enumerate(lines))
    fast = parse_module._plain(text)
    if fast is not None:
        assert fast == parse_module.parse_markdown(text)


@pytest.mark.parametrize("text", [
    "Kim met Xi.\nThey talked.\n\n\nSecond paragraph, 2015.\n",
    "One line only",
    "Prices rose 3.5 percent - a record.\n\nOfficials said: \"enough\".",
])
def test_prose_takes_the_fast_path_and_gives_the_parsers_result(text: str) -> None:
    fast = parse_module._plain(text)
    assert fast is not None and fast == parse_module.parse_markdown(text)


@pytest.mark.parametrize("text", [
    "Kim *met* Xi.", "Kim met Xi.\n# Heading", "Kim met Xi.\n1. first", "Line one  \nline two", " indented",
    "Kim met Xi.\n===", "AT&amp;T", "See [[kim]].", "a <b> tag", "", "\n\n",
])
def test_anything_markdown_may_read_as_syntax_goes_to_the_parser(text: str) -> None:
    assert parse_module._plain(text) is None
    assert parse(text) == parse_module.parse_markdown(text)
