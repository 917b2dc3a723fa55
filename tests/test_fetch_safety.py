"""Fetching a URL: one deadline for the whole answer, public addresses only, a size cap.

Local servers play the hostile web: one redirects to loopback and to the cloud metadata
address, one drips a byte at a time, one lies about its length. The test server listens on
127.0.0.2 and only that address is allowed, so a redirect to 127.0.0.1 is a redirect to a
machine-local service, exactly as it would be from a public server.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from site_builder.authoring.ingest import fetch
from site_builder.authoring.ingest.fetch import FetchError, fetch_url, is_public_address

from .ingest_helpers import ingest, make_project, written

SECRET = b"<html><body><p>internal secret token 7f3a</p></body></html>"
PAGE = (
    b"<html><body><article><h1>Ferry line</h1><p>"
    + b"The ferry runs daily. " * 20
    + b"</p></article></body></html>"
)
TEST_HOST = "127.0.0.2"


class _Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    inner_port = 0
    #: Bytes the latest drip wrote, and whether the client hung up before it finished.
    dripped = 0
    drip_cut = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/to-loopback":
            self._redirect(f"http://127.0.0.1:{self.inner_port}/secret")
        elif self.path == "/to-localhost":
            self._redirect(f"http://localhost:{self.inner_port}/secret")
        elif self.path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif self.path == "/to-private":
            self._redirect("http://10.0.0.1/admin")
        elif self.path.startswith("/loop"):
            self._redirect(f"/loop{len(self.path)}")
        elif self.path == "/to-page":
            self._redirect("/page")
        elif self.path == "/page":
            self._send(PAGE)
        elif self.path == "/drip-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self._drip(b"<html>" + b"x" * 1000)
        elif self.path == "/drip-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self._drip(b"X-Slow: " + b"y" * 1000)
        elif self.path == "/lying-length":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "10")
            self.end_headers()
            self.wfile.write(PAGE * 100)
        elif self.path == "/no-length":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(PAGE * 100)
            self.close_connection = True
        else:
            self._send(b"not found", 404)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, data: bytes, code: int = 200) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _drip(self, data: bytes) -> None:
        hostile = type(self)
        hostile.dripped = 0
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                hostile.dripped += 1
                time.sleep(0.1)
        except OSError:
            hostile.drip_cut.set()

    def log_message(self, *args: object) -> None:
        pass


class _Secret(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(SECRET)))
        self.end_headers()
        self.wfile.write(SECRET)

    def log_message(self, *args: object) -> None:
        pass


def _serve(host: str, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer((host, 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """(hostile server on 127.0.0.2, internal server on 127.0.0.1); only the first may be reached."""
    try:
        hostile = _serve(TEST_HOST, _Hostile)
    except OSError:
        pytest.skip(f"cannot listen on {TEST_HOST}")
    internal = _serve("127.0.0.1", _Secret)
    _Hostile.inner_port = internal.server_address[1]
    _Secret.hits = 0
    allowed = ipaddress.ip_address(TEST_HOST)
    monkeypatch.setattr(fetch, "address_allowed", lambda address: address == allowed)
    yield f"http://{TEST_HOST}:{hostile.server_address[1]}", f"http://127.0.0.1:{internal.server_address[1]}"
    for httpd in (hostile, internal):
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("240.0.0.1", False), ("::1", False), ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False),
    ("93.184.215.14", True), ("2606:4700::1111", True),
])
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://169.254.169.254/latest/meta-data/",
                                 "http://[::1]:9/", "http://localhost:9/", "http://0x7f000001:9/"])
def test_loopback_and_link_local_are_refused_before_connecting(url: str) -> None:
    with pytest.raises(FetchError, match="not a public address|cannot resolve"):
        fetch_url(url, timeout=5)


@pytest.mark.parametrize("path", ["/to-loopback", "/to-localhost", "/to-metadata", "/to-private"])
def test_redirect_to_an_internal_address_is_refused(servers: tuple[str, str], path: str) -> None:
    hostile, _internal = servers
    with pytest.raises(FetchError, match="not a public address"):
        fetch_url(hostile + path, timeout=5)
    assert _Secret.hits == 0


def test_ssrf_through_ingest_writes_nothing(servers: tuple[str, str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    hostile, _internal = servers
    project = make_project(tmp_path / "project")
    code, _out, err = ingest(capsys, project, hostile + "/to-loopback", "--outlet", "al-jazeera",
                             "--date", "2024-03-14")
    assert code == 1
    assert "not a public address" in err and "Traceback" not in err
    assert written(project) == [] and _Secret.hits == 0


def test_allowed_redirect_is_followed(servers: tuple[str, str]) -> None:
    hostile, _internal = servers
    raw = fetch_url(hostile + "/to-page", timeout=5)
    assert "The ferry runs daily." in raw.text
    assert raw.url == hostile + "/page"


def test_redirect_loop_ends(servers: tuple[str, str]) -> None:
    hostile, _internal = servers
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_url(hostile + "/loop", timeout=5)


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_dripping_server_is_cut_off_at_the_deadline(servers: tuple[str, str], path: str) -> None:
    """One byte every 0.1 s never trips a per-read timeout; the overall deadline still ends it."""
    hostile, _internal = servers
    _Hostile.drip_cut.clear()
    with pytest.raises(FetchError, match="no complete answer within 1 seconds"):
        fetch_url(hostile + path, timeout=1.0)
    assert _Hostile.drip_cut.wait(timeout=30), "the connection is still open"  # a guard against a hang
    # A byte takes at least 0.1 s, so a slow machine only lowers the count: 1 s of drip is 10 bytes,
    # a few more reach the socket before the server notices the hang-up; the whole drip is 1,000+.
    assert 0 < _Hostile.dripped < 20


def test_a_lying_length_is_not_trusted(servers: tuple[str, str]) -> None:
    hostile, _internal = servers
    raw = fetch_url(hostile + "/lying-length", timeout=5)
    assert len(raw.text) == 10


def test_size_cap_without_a_length(servers: tuple[str, str]) -> None:
    hostile, _internal = servers
    with pytest.raises(FetchError, match="over the limit of 5,000 bytes"):
        fetch_url(hostile + "/no-length", timeout=5, limit=5000)


def test_ip_literal_hosts_are_checked_too() -> None:
    with socket.socket() as probe:  # nothing needs to listen: the address is refused first
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="127.0.0.1, which is not a public address"):
        fetch_url(f"http://127.0.0.1:{port}/", timeout=2)
