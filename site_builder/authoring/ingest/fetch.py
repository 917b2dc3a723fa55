"""Ingest stage 1, *fetch*: a SOURCE argument -> raw text or HTML, with its name and URL.

Reads local files (``.txt``, ``.md``, ``.html``), standard input (``-``) and
``http(s)://`` addresses. This module never parses the article and never writes anything.

A URL may come from a contributor's list or redirect anywhere, so fetching is
held to what a browser on the public web could see, within fixed bounds:

* one deadline for the whole fetch, redirects and every byte included
  (:data:`TIMEOUT_SECONDS`); a server that drips one byte at a time is cut off
  when it passes, not after each slow read;
* only public addresses: the host name is resolved and every address checked
  before connecting (loopback, private, link-local such as the cloud metadata
  address 169.254.169.254, multicast, reserved and unspecified ranges are
  refused), for the first URL and for each redirect, and the connection goes
  to the address that was checked, so a second DNS answer cannot swap it;
* at most :data:`MAX_REDIRECTS` redirects, only to http(s); no other scheme
  (file:, ftp:, data:) is ever opened;
* at most :data:`MAX_BYTES` bytes, whatever ``Content-Length`` claims.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

from site_builder.errors import BriefingsError

#: The whole fetch of one URL, redirects included, must end within this many seconds.
TIMEOUT_SECONDS = 15.0
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
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
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(?:head|body|article|p)[\s>]", head)
    )


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
        raise FetchError(
            f"not an article file (expected {', '.join(ARTICLE_SUFFIXES)}, a folder, - or a URL)"
        )
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


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public_address(address: IPAddress) -> bool:
    """Whether ``address`` is on the public internet (not loopback, private, link-local, ...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_loopback
                                      or address.is_link_local or address.is_private
                                      or address.is_unspecified)


#: Which resolved addresses may be connected to; tests swap it to reach a local server.
address_allowed: Callable[[IPAddress], bool] = is_public_address


def _resolve(host: str, port: int, deadline: float) -> list[tuple[socket.AddressFamily, str]]:
    """Every address of ``host``; refuses the host if any of them is not allowed."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        infos = [(socket.AF_INET6 if literal.version == 6 else socket.AF_INET, str(literal))]
    except ValueError:
        if time.monotonic() >= deadline:
            raise TimeoutError from None
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"cannot fetch: cannot resolve {host}: {exc}") from None
        infos = list(dict.fromkeys((info[0], str(info[4][0])) for info in found))
    for _family, text in infos:
        address = ipaddress.ip_address(text.split("%")[0])
        if not address_allowed(address):
            raise FetchError(f"refused: {host} is at {address}, which is not a public address")
    if not infos:
        raise FetchError(f"cannot fetch: {host} has no address")
    return infos


class _Connection:
    """One HTTP(S) request to an address already checked; the socket is closed at the deadline."""

    def __init__(self, url: str, deadline: float) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"redirected to a non-http address: {url}")
        self.parts = parts
        self.deadline = deadline
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self.addresses = _resolve(parts.hostname, port, deadline)
        self.port = port
        self.sock: socket.socket | None = None

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def open(self) -> http.client.HTTPResponse:
        assert self.parts.hostname is not None
        error: OSError | None = None
        for family, address in self.addresses:
            try:
                sock = socket.socket(family, socket.SOCK_STREAM)
                sock.settimeout(self._remaining())
                sock.connect((address, self.port))
                break
            except OSError as exc:
                sock.close()
                error = exc
        else:
            raise error or OSError("no address")
        if self.parts.scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.parts.hostname)
        self.sock = sock
        connection = http.client.HTTPConnection(self.parts.hostname, self.port)
        connection.sock = sock
        path = self.parts.path or "/"
        if self.parts.query:
            path += "?" + self.parts.query
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.putheader("User-Agent", USER_AGENT)
        connection.putheader("Accept", "text/html,text/plain")
        connection.putheader("Connection", "close")
        connection.endheaders()
        return connection.getresponse()

    def read(self, response: http.client.HTTPResponse, limit: int) -> bytes:
        """The body, at most ``limit + 1`` bytes, read in pieces as they arrive."""
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            assert self.sock is not None
            self.sock.settimeout(self._remaining())
            chunk = response.read1(min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if time.monotonic() >= self.deadline:
            raise TimeoutError  # the deadline shut the socket: what arrived is not the whole page
        return b"".join(chunks)

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.sock.close()


def fetch_url(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_BYTES) -> Raw:
    """Fetch one article page within one overall deadline; see the module's rules."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError("only http:// and https:// addresses can be fetched")
    deadline = time.monotonic() + timeout
    current: _Connection | None = None
    expired = threading.Event()

    def cut_off() -> None:  # a read blocked on a dripping server returns once its socket is shut
        expired.set()
        if current is not None:
            current.close()

    timer = threading.Timer(timeout, cut_off)
    timer.daemon = True
    timer.start()
    target = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            current = _Connection(target, deadline)
            try:
                response = current.open()
                if response.status in (301, 302, 303, 307, 308):
                    location = response.getheader("Location")
                    if not location:
                        raise FetchError(f"HTTP {response.status} without a Location")
                    target = urljoin(target, location.strip())
                    if not target.lower().startswith(("http://", "https://")):
                        raise FetchError(f"redirected to a non-http address: {target}")
                    continue
                if response.status >= 400:
                    raise FetchError(f"HTTP {response.status} {response.reason}")
                length = response.getheader("Content-Length")
                if length and length.isdigit() and int(length) > limit:
                    raise FetchError(f"page is {int(length):,} bytes, over the limit of {limit:,}")
                data = current.read(response, limit)
                if len(data) > limit:
                    raise FetchError(f"page is over the limit of {limit:,} bytes")
                ctype = response.headers.get_content_type()
                charset = response.headers.get_content_charset()
                break
            finally:
                current.close()
        else:
            raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    except FetchError:
        raise
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        if expired.is_set() or isinstance(exc, TimeoutError) or time.monotonic() >= deadline:
            raise FetchError(f"no complete answer within {timeout:g} seconds") from None
        raise FetchError(f"cannot fetch: {exc}") from None
    finally:
        timer.cancel()
    if ctype not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise FetchError(f"not an article page (content type {ctype})")
    text = decode(data, charset)
    return Raw(url, text, ctype != "text/plain" or looks_like_html(text), target)
