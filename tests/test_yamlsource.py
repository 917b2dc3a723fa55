"""Strict YAML reading: values, line numbers, and the constructs it refuses."""

from __future__ import annotations

import pytest

from site_builder.core.yamlsource import parse_yaml
from site_builder.errors import SourceError


def test_values_and_lines() -> None:
    data, lines = parse_yaml(
        "title: Hello\nactors:\n  - a\n  - b\ndate: 2025-09-28\n", "f.yml", line_offset=1
    )
    assert data == {"title": "Hello", "actors": ["a", "b"], "date": "2025-09-28"}
    assert lines.line(("title",)) == 2
    assert lines.line(("actors", 1)) == 5
    assert lines.line(("date",)) == 6
    assert lines.line(("missing",)) == 2  # falls back to the start of the document


def test_dates_stay_text_even_when_impossible() -> None:
    data, _ = parse_yaml("date: 2025-02-30\n", "f.yml")
    assert data == {"date": "2025-02-30"}


def test_scalars_keep_their_types() -> None:
    data, _ = parse_yaml("a: true\nb: 3\nc: null\nd: '3'\n", "f.yml")
    assert data == {"a": True, "b": 3, "c": None, "d": "3"}


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
    ("a: &x 1\nb: *x\n", 1, "anchor"),
    ("a: [1, 2\n", 1, "invalid YAML"),
    ("a:\n\t- b\n", 2, "tab"),
    ("a: !!python/object:os.system x\n", 1, "tag"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", 1, "anchor"),
])
def test_refused_constructs(text: str, line: int, words: str) -> None:
    with pytest.raises(SourceError) as raised:
        parse_yaml(text, "f.yml")
    diagnostic = raised.value.diagnostic
    assert diagnostic.path == "f.yml"
    assert diagnostic.line == line
    assert words in diagnostic.message
