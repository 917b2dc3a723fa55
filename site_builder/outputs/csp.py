"""A Content-Security-Policy on every page: only the site's own scripts and styles run.

Escaping already keeps contributors' text out of markup (see :mod:`safe_markdown`
and the templates); the policy is the second wall, should a hole ever open in
the first. It is a ``<meta http-equiv>`` element because a static site cannot
count on its host to send headers, and it is written at build time from the
page itself: every inline script on the page (the theme's boot scripts come
from files, so a page usually has none) is allowed by its SHA-256 hash, and nothing else inline is.
JSON data blocks (``application/json``, ``application/ld+json``) never run, so
they need no hash. The same page always gives the same policy.

What the policy allows, and why:

* scripts, styles, fonts, images, fetches, workers: the site's own origin only
  (``data:`` images for the theme's icons, drawn from its stylesheet). Each of
  those falls back to ``default-src``, so only the two that add to it are
  written out, which keeps the policy short on every page;
* ``'wasm-unsafe-eval'``: Pagefind searches with WebAssembly, which a policy
  must allow by name; it allows compiling WebAssembly the site itself serves,
  not ``eval`` of text;
* no plugins (``object-src 'none'``), no ``<base>`` (``base-uri 'self'``), forms
  post only to the site.

A meta policy cannot set ``frame-ancestors`` or reporting; a host that can
send headers should add those. Pure: HTML in, HTML out.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


def inline_script_hashes(html: str) -> list[str]:
    """``'sha256-...'`` sources for every inline script that would run, in page order, without repeats."""
    found: dict[str, None] = {}
    for match in _SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in _EXECUTABLE:
            continue  # a data block: never executed
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        found[f"'sha256-{digest}'"] = None
    return list(found)


def policy(html: str) -> str:
    """The policy for one page."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(html)])
    return (f"default-src 'self'; script-src {scripts}; img-src 'self' data:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def with_policy(html: str) -> str:
    """``html`` with its policy as the first element of ``<head>`` (after the charset declaration).

    A page without ``<head>`` is returned unchanged.
    """
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:head.end()] + meta + html[head.end():]
