"""Property-based tests: any input gives a result or a clean diagnostic, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.body.policy import body_diagnostics
from site_builder.core.load import Layout, load_briefing, split_front_matter
from site_builder.core.yamlsource import parse_yaml
from site_builder.errors import Diagnostic, SourceError

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAMLISH = st.lists(st.sampled_from(list("ab:-[]{}&*!|>'\"#?,.\n\t 0123456789<>%@`\\")
                                   + ["---", "\ufeff", "\x00", "é", "\n  ", "key: ", "- ", "2025-02-30"]),
                   max_size=60).map("".join)


def valid_line(d: Diagnostic, limit: int) -> bool:
    return d.line is None or 1 <= d.line <= limit + 2


@FAST
@given(st.one_of(YAMLISH, st.text(max_size=120)))
def test_parse_yaml_never_crashes(text: str) -> None:
    try:
        parse_yaml(text, "f.yml")
    except SourceError as exc:
        assert exc.diagnostic.path == "f.yml"
        assert valid_line(exc.diagnostic, text.count("\n") + 1)


@FAST
@given(st.one_of(YAMLISH, st.text(max_size=120)))
def test_split_front_matter_never_crashes(text: str) -> None:
    try:
        _front, _body, line = split_front_matter(text, "f.md")
    except SourceError as exc:
        assert exc.diagnostic.line == 1
        return
    assert line >= 2


@FAST
@given(front=YAMLISH, body=st.text(max_size=200), raw=st.binary(max_size=60))
def test_load_briefing_never_crashes(front: str, body: str, raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "briefings/2024/04/2024-04-02-fuzz.md"
        path.parent.mkdir(parents=True)
        path.write_bytes(b"---\n" + front.encode("utf-8", "surrogatepass") + b"\n---\n" + raw
                         + body.encode("utf-8", "surrogatepass"))
        briefing, problems = load_briefing(path, Layout.at(root))
        assert briefing is not None or problems
        assert all(isinstance(d, Diagnostic) and d.path.endswith("2024-04-02-fuzz.md") for d in problems)


@FAST
@given(st.lists(st.sampled_from(list("<>/![]()`:\n \tajsvdt=&#;\\\"'") + ["script", "http://x.y", "    ",
                                                                                 "```", "-->", "<!--"]),
                max_size=80).map("".join))
def test_content_policy_never_crashes(body: str) -> None:
    for d in body_diagnostics(body, "f.md", 5):
        assert 5 <= (d.line or 0) <= 5 + body.count("\n")
