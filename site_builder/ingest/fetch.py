"""Ingest stage 1, *fetch*: a SOURCE argument -> raw text or HTML, with its name and URL.

Reads local files (``.txt``, ``.md``, ``.html``), standard input (``-``) and
``http(s)://`` addresses. Fetching has a timeout, a size limit and follows
redirects only to http(s); no other scheme (file:, ftp:, data:) is ever opened.
This module never parses the article and never writes anything.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import BriefingsError

TIMEOUT_SECONDS = 15.0
MAX_BYTES = 5_000_000
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
USER_AGENT = "briefings-ingest/0.1 (+https://briefing-archive.invalid)"


class FetchError(BriefingsError):
    """A source cannot be read; the message is one line and names no traceback."""


@dataclass(frozen=True)
class Raw:
    name: str  # as the user gave it, for messages
    text: str
    is_html: bool
    url: str | None = None


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(?:head|body|article|p)[\s>]", head))


def decode(data: bytes, charset: str | None = None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in filter(None, (charset, "utf-8")):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4000], re.IGNORECASE)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def expand(sources: list[str]) -> list[tuple[str, bool]]:
    """Each SOURCE, with folders replaced by the articles in them; (name, from_folder)."""
    out: list[tuple[str, bool]] = []
    for source in sources:
        path = Path(source)
        if source != "-" and not is_url(source) and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            out.extend((str(p), True) for p in files)
        else:
            out.append((source, False))
    return out


def is_url(source: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", source, re.IGNORECASE))


def read_source(source: str, stdin: IO[bytes] | None = None, timeout: float | None = None,
                limit: int | None = None) -> Raw:
    """Read one SOURCE; limits default to the module's (tests may lower them)."""
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    limit = MAX_BYTES if limit is None else limit
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise FetchError(f"input is over the limit of {limit:,} bytes")
        text = decode(data)
        return Raw("-", text, looks_like_html(text))
    if is_url(source):
        return fetch_url(source, timeout, limit)
    path = Path(source)
    if not path.exists():
        raise FetchError("no such file or folder")
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        raise FetchError(f"not an article file (expected {', '.join(ARTICLE_SUFFIXES)}, a folder, - or a URL)")
    try:
        size = path.stat().st_size
        if size > limit:
            raise FetchError(f"file is {size:,} bytes, over the limit of {limit:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read file: {exc.strerror}") from None
    if b"\x00" in data[:8000]:
        raise FetchError("binary file, not an article")
    text = decode(data)
    is_html = path.suffix.lower() in (".html", ".htm") or looks_like_html(text)
    return Raw(source, text, is_html)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> Any:
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(f"redirected to a non-http address: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_BYTES) -> Raw:
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError("only http:// and https:// addresses can be fetched")
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FetchError(f"page is {int(length):,} bytes, over the limit of {limit:,}")
            data = response.read(limit + 1)
            if len(data) > limit:
                raise FetchError(f"page is over the limit of {limit:,} bytes")
            final = response.geturl()
            ctype = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} seconds") from None
    except OSError as exc:
        raise FetchError(f"cannot fetch: {exc}") from None
    if ctype not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise FetchError(f"not an article page (content type {ctype})")
    text = decode(data, charset)
    return Raw(url, text, ctype != "text/plain" or looks_like_html(text), final)
