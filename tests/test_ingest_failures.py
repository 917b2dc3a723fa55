"""Every failure mode of ``briefings ingest``: one line ``SOURCE: message``, exit 1, batch goes on."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from site_builder.authoring.ingest import fetch

from .ingest_helpers import SEED_000, SEED_001, check, front_matter, ingest, make_project, written

PAGE = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour council approves ferry | Al Jazeera"
    b"</title><meta property='article:published_time' content='2024-03-14T09:00:00Z'></head><body>"
    b"<article><h1>Harbour council approves ferry</h1><p>The harbour council voted on Thursday to approve "
    b"a new ferry line between the old port and the island, after two years of debate.</p><p>Officials "
    b"in Japan said construction of the new pier would begin in the summer of that year.</p>"
    b"</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/article"):
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/big":
            self._send(200, "text/html", b"<html>" + b"x" * 5000 + b"</html>")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", PAGE)
        elif self.path == "/image":
            self._send(200, "image/png", b"\x89PNG....")
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, code: int, ctype: str, data: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(
        fetch, "address_allowed", lambda address: address.is_loopback
    )  # the local test server
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def _one_line_error(err: str, source: str) -> None:
    lines = [line for line in err.splitlines() if not line.startswith("ingested ")]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{source}: ")
    assert "Traceback" not in err


def test_url_is_fetched_from_a_local_server(server: str, project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = ingest(capsys, project, f"{server}/article/1", "--outlet", "al-jazeera")
    assert code == 0, err
    data = front_matter(written(project)[0])
    assert data["source_url"] == f"{server}/article/1"
    assert data["title"] == "Harbour council approves ferry"
    assert str(data["date"]) == "2024-03-14"


def test_same_url_twice_reports_the_existing_briefing(server: str, project: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert ingest(capsys, project, f"{server}/article/1", "--outlet", "al-jazeera")[0] == 0
    code, out, _err = ingest(capsys, project, f"{server}/article/1/", "--outlet", "al-jazeera")
    assert code == 0 and "already in the archive as briefings/2024/03/" in out
    assert len(written(project)) == 1


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404"),
    ("/image", "not an article page"),
    ("/to-file", "file:///etc/passwd"),
])
def test_url_failures(server: str, project: Path, capsys: pytest.CaptureFixture[str], path: str,
                      message: str) -> None:
    code, _out, err = ingest(capsys, project, server + path)
    assert code == 1 and message in err
    _one_line_error(err, server + path)


def test_url_size_limit(server: str, project: Path, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "MAX_BYTES", 1000)
    code, _out, err = ingest(capsys, project, f"{server}/big")
    assert code == 1 and "over the limit" in err


def test_url_timeout(server: str, project: Path, capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 0.3)
    code, _out, err = ingest(capsys, project, f"{server}/slow")
    assert code == 1
    _one_line_error(err, f"{server}/slow")


@pytest.mark.parametrize("source", ["ftp://example.invalid/a.html", "file:///etc/hostname"])
def test_only_http_urls(project: Path, capsys: pytest.CaptureFixture[str], source: str) -> None:
    code, _out, err = ingest(capsys, project, source)
    assert code == 1 and "only http:// and https://" in err


def test_missing_unreadable_and_wrong_files(tmp_path: Path, project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00def")
    (tmp_path / "empty.txt").write_text("Too short.\n", encoding="utf-8")
    for name, message in [("nope.txt", "no such file"), ("photo.jpg", "not an article file"),
                          ("binary.txt", "binary file"), ("empty.txt", "no article text")]:
        code, _out, err = ingest(capsys, project, str(tmp_path / name))
        assert code == 1 and message in err, err
        _one_line_error(err, str(tmp_path / name))


def test_batch_goes_on_after_a_failure(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = ingest(capsys, project, str(tmp_path / "nope.txt"), str(SEED_001), str(SEED_000))
    assert code == 1
    assert f"{tmp_path / 'nope.txt'}: no such file" in err
    assert f"{SEED_000}: " in err and "--date" in err
    assert len(written(project)) == 1
    assert "1 written" in err and "2 failed" in err


def test_never_overwrites_without_force(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ingest(capsys, project, str(SEED_001))[0] == 0
    [path] = written(project)
    path.write_text(path.read_text(encoding="utf-8").replace("Meeting with", "Meeting (edited) with"),
                    encoding="utf-8")
    edited = path.read_text(encoding="utf-8")
    code, _out, err = ingest(capsys, project, str(SEED_001))  # text differs now: not a duplicate
    assert code == 1 and "already exists; pass --force" in err
    assert path.read_text(encoding="utf-8") == edited
    code, _out, err = ingest(capsys, project, str(SEED_001), "--force")
    # --force writes the file again, and keeps the curator's edit (test_ingest_merge.py)
    assert code == 0 and "Meeting (edited)" in path.read_text(encoding="utf-8")
    assert not list(path.parent.glob(".*.tmp"))


def test_same_text_twice_reports_the_existing_briefing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ingest(capsys, project, str(SEED_001))[0] == 0
    code, out, _err = ingest(capsys, project, str(SEED_001))
    assert code == 0 and "already in the archive" in out
    assert len(written(project)) == 1


def test_dry_run_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = ingest(capsys, project, str(SEED_001), "--dry-run")
    assert code == 0
    assert out.startswith("---\ntitle: North Korea vows")
    assert "would write briefings/2023/07/" in err and "guessed date" in err
    assert written(project) == []


def test_stdin(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(SEED_001.read_bytes())
    monkeypatch.setattr("sys.stdin", Stdin)
    code, _out, err = ingest(capsys, project, "-", "--url", "https://www.presstv.ir/Detail/2023/07/29/1/x")
    assert code == 0, err
    data = front_matter(written(project)[0])
    assert data["outlet"] == "press-tv" and data["source_url"].endswith("/1/x")


def test_unknown_outlet_id(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = ingest(capsys, project, str(SEED_001), "--outlet", "daily-nowhere")
    assert code == 1 and "--outlet daily-nowhere is not in outlets.yml" in err


def test_text_with_no_outlet(tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bare.txt"
    source.write_text("The harbour council voted on July 4, 2024 to approve a new ferry line between the "
                      "old port and the island, after two years of debate about cost.\n", encoding="utf-8")
    code, out, err = ingest(capsys, project, str(source))
    assert code == 1 and "--outlet" in err
    code, out, err = ingest(capsys, project, str(source), "--draft")
    assert code == 0 and "missing outlet" in out
    assert front_matter(written(project)[0])["draft"] is True


def test_bad_date_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        ingest(capsys, project, str(SEED_000), "--date", "2025-02-30")
    assert exc.value.code == 2
    assert check(capsys, project)[0] == 0
