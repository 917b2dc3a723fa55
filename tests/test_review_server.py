"""``briefings review``'s server refuses what is not the curator's page, and finds what to review."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_builder.authoring.review.changed import changed_briefings
from site_builder.authoring.review.server import MAX_BODY, Review, ReviewServer, start
from site_builder.cli import main
from site_builder.core.load import Layout
from site_builder.errors import BriefingsError
from tests.review_helpers import BRIEFING, FIXTURES, ingest, ingested_archive


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ReviewServer]:
    root = ingested_archive(tmp_path)
    running = start(Layout.at(root), [BRIEFING])
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


def request(server: ReviewServer, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data, response


def decide(server: ReviewServer, payload: dict[str, object], **headers: str) -> tuple[int, dict[str, object]]:
    body = json.dumps(payload).encode()
    status, data, _ = request(server, "POST", urlsplit(server.url).path + "decide", body,
                              {"Content-Type": "application/json", **headers})
    return status, json.loads(data) if data.startswith(b"{") else {"raw": data.decode()}


def test_it_serves_on_loopback_with_a_token_and_a_strict_csp(server: ReviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert len(server.token) >= 32
    status, body, response = request(server, "GET", urlsplit(server.url).path)
    assert status == 200 and b"Aurelia and Borovia sign harbour pact" in body
    csp = response.getheader("Content-Security-Policy") or ""
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert b"<script src=\"review.js\"" in body and b"<script>" not in body


@pytest.mark.parametrize("path", ["/", "/review.js", "/wrong-token/", "/wrong-token/review.js"])
def test_requests_without_the_token_are_refused(server: ReviewServer, path: str) -> None:
    status, body, _ = request(server, "GET", path)
    assert status == 403 and b"Aurelia" not in body


def test_a_wrong_token_of_the_right_length_is_refused(server: ReviewServer) -> None:
    wrong = "A" * len(server.token)
    assert request(server, "GET", f"/{wrong}/")[0] == 403
    body = json.dumps({"path": BRIEFING, "action": "edit", "field": "title", "value": "x"}).encode()
    assert request(server, "POST", f"/{wrong}/decide", body, {"Content-Type": "application/json"})[0] == 403


def test_another_origin_or_host_is_refused(server: ReviewServer, tmp_path: Path) -> None:
    before = (tmp_path / "archive" / BRIEFING).read_text(encoding="utf-8")
    status, _ = decide(server, {"path": BRIEFING, "action": "edit", "field": "title", "value": "Hijacked"},
                       Origin="https://evil.example")
    assert status == 403
    status, _ = decide(server, {"path": BRIEFING, "action": "edit", "field": "title", "value": "Hijacked"},
                       Host="evil.example:80")
    assert status == 403
    assert request(server, "GET", urlsplit(server.url).path, headers={"Host": "rebound.example"})[0] == 403
    assert (tmp_path / "archive" / BRIEFING).read_text(encoding="utf-8") == before
    port = server.server_address[1]
    status, reply = decide(server, {"path": BRIEFING, "action": "edit", "field": "title", "value": "Kept"},
                           Origin=f"http://127.0.0.1:{port}")
    assert status == 200 and reply["message"] == "title saved"


@pytest.mark.parametrize("path", ["../outside.md", "/etc/passwd", "briefings/registry/actors.yml",
                                  "briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md"])
def test_paths_outside_the_review_are_refused(server: ReviewServer, tmp_path: Path, path: str) -> None:
    (tmp_path / "outside.md").write_text("---\ntitle: x\n---\nx\n", encoding="utf-8")
    status, reply = decide(server, {"path": path, "action": "edit", "field": "title", "value": "Changed"})
    assert status == 400 and "not a briefing under review" in str(reply["error"])
    assert (tmp_path / "outside.md").read_text(encoding="utf-8") == "---\ntitle: x\n---\nx\n"


def test_large_or_malformed_bodies_are_refused(server: ReviewServer) -> None:
    path = urlsplit(server.url).path + "decide"
    big = b"{" + b" " * MAX_BODY + b"}"
    assert request(server, "POST", path, big, {"Content-Type": "application/json"})[0] == 413
    assert request(server, "POST", path, b"[1]", {"Content-Type": "application/json"})[0] == 400
    assert request(server, "POST", path, b"{}", {"Content-Type": "text/plain"})[0] == 415
    assert request(server, "GET", urlsplit(server.url).path + "decide")[0] == 404
    status, reply = decide(server, {"path": BRIEFING, "action": "delete-everything"})
    assert status == 400 and "unknown decision" in str(reply["error"])


def test_without_paths_it_reviews_what_changed_since_the_last_commit(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(FIXTURES / "archive", root)
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    assert ingest(root) == 0
    # A deleted briefing is not reviewed.
    (root / "briefings/2024/01/2024-01-17-river-talks-end-without-accord.md").unlink()
    assert changed_briefings(Layout.at(root)) == [BRIEFING]


def test_outside_git_it_asks_for_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ingested_archive(tmp_path)
    with pytest.raises(BriefingsError, match="not a git repository"):
        changed_briefings(Layout.at(root))
    assert main(["--root", str(root), "review", "--no-browser"]) == 1
    assert "name the briefings: briefings review PATH" in capsys.readouterr().err
    assert main(["--root", str(root), "review", str(root / "mkdocs.yml"), "--no-browser"]) == 1
    assert "not a briefing of this archive" in capsys.readouterr().err


def test_a_registry_error_is_shown_once_at_the_top_not_in_each_briefing(tmp_path: Path) -> None:
    root = ingested_archive(tmp_path)
    other = "briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md"
    (root / "briefings/registry/rejected.yml").write_text(
        "links:\n  - name: Quill\n    actor: nobody-at-all\n", encoding="utf-8")
    review = Review(Layout.at(root), [BRIEFING, other])
    html = review.page()
    assert html.count("nobody-at-all") == 1
    top = html[html.index('id="registry-check"'):html.index("<main>")]
    assert "nobody-at-all" in top and "briefings/registry/rejected.yml:2" in top
    for section in html.split('<section class="briefing"')[1:]:
        assert "nobody-at-all" not in section and "rejected.yml" not in section
    reply = review.decide({"path": other, "action": "edit", "field": "title", "value": "Talks open"})
    assert reply["errors"] == 0 and reply["registry_errors"] == 1
    assert "nobody-at-all" in reply["registry_html"] and "nobody-at-all" not in reply["html"]


@pytest.mark.parametrize("token", [True, False])
def test_the_favicon_is_an_empty_answer_not_an_error(server: ReviewServer, token: bool) -> None:
    path = urlsplit(server.url).path + "favicon.ico" if token else "/favicon.ico"
    status, body, _ = request(server, "GET", path)
    assert status == 204 and body == b""


def test_each_briefing_shows_checks_warnings_about_it_too(tmp_path: Path) -> None:
    root = ingested_archive(tmp_path)
    path = root / BRIEFING
    text = path.read_text(encoding="utf-8").replace(
        "quotes:\n", "quotes:\n  - text: Nobody at the harbour office would say more.\n"
        "    unattributed: the source is anonymous\n", 1)
    path.write_text(text, encoding="utf-8")
    html = Review(Layout.at(root), [BRIEFING]).page()
    section = html.split('<section class="briefing"')[1]
    assert "quote 1 has no speaker (the source is anonymous)" in section
    assert "does not occur in the body" in section


def test_new_decisions_check_their_values_and_refresh_the_actor_list(tmp_path: Path) -> None:
    root = ingested_archive(tmp_path)
    review = Review(Layout.at(root), [BRIEFING])
    before = (root / BRIEFING).read_text(encoding="utf-8")
    for bad in ({"action": "delete-quote", "index": True}, {"action": "delete-quote", "index": "0"},
                {"action": "rename", "actor": "ilse-brand", "name": "Ilse", "kind": "person",
                 "keep_alias": "no"},
                {"action": "rename", "actor": "not-here", "name": "X Y", "kind": "person"},
                {"action": "new-actor", "name": "Pim Sar"}, {"action": "add-actor"},
                {"action": "edit", "field": "author", "value": 3}):
        with pytest.raises(BriefingsError):
            review.decide({"path": BRIEFING, **bad})
    assert (root / BRIEFING).read_text(encoding="utf-8") == before
    reply = review.decide({"path": BRIEFING, "action": "new-actor", "name": "Pim Sar", "kind": "person"})
    assert 'value="pim-sar"' in reply["choices_html"] and 'data-actor="pim-sar"' in reply["html"]
    assert 'form class="rename" data-actor="pim-sar"' in reply["html"]  # a new actor is a proposal too
    assert 'form class="merge" data-actor="pim-sar"' in reply["html"]
    assert '<option value="pim-sar">Pim Sar</option>' in reply["html"]  # offered to the briefing's merges


def test_a_merge_through_the_server_takes_a_name_and_keeps_established_actors(tmp_path: Path) -> None:
    root = ingested_archive(tmp_path)
    review = Review(Layout.at(root), [BRIEFING])
    before = (root / BRIEFING).read_text(encoding="utf-8")
    with pytest.raises(BriefingsError, match="was in actors.yml before this briefing"):
        review.decide({"path": BRIEFING, "action": "merge", "actor": "tomas-vey", "into": "edda-quill"})
    with pytest.raises(BriefingsError, match="not an actor of this briefing"):
        review.decide({"path": BRIEFING, "action": "merge", "actor": "river-board", "into": "edda-quill"})
    assert (root / BRIEFING).read_text(encoding="utf-8") == before
    reply = review.decide({"path": BRIEFING, "action": "merge", "actor": "ilse-brand", "into": "Edda Quill"})
    assert reply["message"] == "merged ilse-brand into edda-quill; 'Ilse Brand' now an alias of edda-quill"
    assert reply["actor"] == "edda-quill" and 'data-actor="ilse-brand"' not in reply["html"]
    reply = review.decide({"path": BRIEFING, "action": "rename", "actor": "edda-quill",
                           "name": "Edda Quill-Marsh", "kind": "person"})
    assert reply["actor"] == "edda-quill-marsh" and 'data-actor="edda-quill-marsh"' in reply["html"]
