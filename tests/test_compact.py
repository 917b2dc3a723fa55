"""Built pages lose the theme's indentation, and nothing a reader or a script sees."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from site_builder.outputs.compact import squeeze_whitespace

PAGE = """<!doctype html>
<html>
  <head>
    <script>
      var  kept = "every   byte";
    </script>
    <style>
      p  { color: red }
    </style>
  </head>
  <body>

    <nav class="md-tabs">
      <ul>
        <li><a href="../">
          Home
        </a></li>
      </ul>
    </nav>
    <p title="one line">Text that
       wraps   across lines.</p>
    <pre><code>def f():
    return  1
</code></pre>
    <p>Inline <code>a
      b</code> code.</p>
    <textarea>
  typed
    text</textarea>
    <SCRIPT type="application/ld+json">{"a":
        1}</SCRIPT>
  </body>
</html>
"""


class _Text(HTMLParser):
    """What a reader sees (text with whitespace runs collapsed) and what is verbatim."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.verbatim: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += attrs
        if tag in ("pre", "textarea", "code", "script", "style"):
            self.inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.inside and self.inside[-1] == tag:
            self.inside.pop()

    def handle_data(self, data: str) -> None:
        (self.verbatim if self.inside else self.text).append(data)


def _read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_indentation_and_blank_lines_go() -> None:
    out = squeeze_whitespace(PAGE)
    assert len(out) < len(PAGE)
    assert "\n    <nav" not in out and "\n\n" not in out.split("<pre>")[0]
    assert '<nav class="md-tabs">\n<ul>\n<li><a href="../">\nHome\n</a></li>' in out


def test_what_readers_see_is_the_same() -> None:
    before, after = _read(PAGE), _read(squeeze_whitespace(PAGE))

    def collapsed(parts: list[str]) -> str:
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    assert collapsed(after.text) == collapsed(before.text)
    assert after.verbatim == before.verbatim  # code, pre, textarea, scripts: every byte
    assert after.attrs == before.attrs


def test_scripts_keep_every_byte_so_their_hashes_hold() -> None:
    out = squeeze_whitespace(PAGE)
    assert '<script>\n      var  kept = "every   byte";\n    </script>' in out
    assert '<SCRIPT type="application/ld+json">{"a":\n        1}</SCRIPT>' in out


def test_an_unclosed_verbatim_element_keeps_the_rest() -> None:
    html = "<p>\n   a</p>\n   <pre>\n   never closed\n   <p>\n   b"
    assert squeeze_whitespace(html) == "<p>\na</p>\n<pre>\n   never closed\n   <p>\n   b"


def test_long_runs_and_many_openers_come_out_whole() -> None:
    html = "<p>" + " \n" * 100_000 + "</p>" + "<pre" * 10_000
    out = squeeze_whitespace(html)
    assert out.startswith("<p> \n</p>") and out.endswith("<pre" * 10_000)
