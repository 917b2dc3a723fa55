"""``briefings serve``: a live preview that rebuilds when a briefing changes."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PAGE = "briefings/2024-01-15-river-talks-open-in-port-aster/"
SOURCE = "briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def _start(root: Path, port: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from site_builder.cli import run; run()", "--root", str(root),
         "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"})


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


def test_serve_rebuilds_when_a_briefing_changes(archive_copy: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    process = _start(archive_copy, port)
    try:
        assert _wait_for(url, "River talks open in Port Aster"), "the preview never came up"
        source = archive_copy / SOURCE
        source.write_text(source.read_text().replace("title: River talks open in Port Aster",
                                                     "title: River talks reopen after a pause"))
        assert _wait_for(url, "River talks reopen after a pause"), "the preview did not rebuild"
        base = f"http://127.0.0.1:{port}/"
        # Pages that list the briefing change with it; pages that do not are served from the cache.
        assert "River talks reopen after a pause" in _fetch(base + "actors/mara-lind/")
        assert "River talks reopen after a pause" in _fetch(base + "events/river-accord-talks-2024/")
        assert "River talks open in Port Aster" not in _fetch(base + "actors/mara-lind/")
        page = _fetch(base + "briefings/2024-03-02-borovia-holds-border-exercise/")
        assert "Borovia holds border exercise" in page
    finally:
        output = _stop(process)
    built = [line for line in output.splitlines() if "archive pages; the others are unchanged" in line]
    assert len(built) >= 2, output
    first, rebuilt = (re.search(r"built (\d+) of (\d+)", line) for line in (built[0], built[-1]))
    assert first and rebuilt
    assert first.group(1) == first.group(2)  # the first build builds every page
    assert 0 < int(rebuilt.group(1)) < int(rebuilt.group(2))  # an edit rebuilds only what it touches


#: What the server adds to every HTML page it sends: a script with the build's time in it.
_LIVERELOAD = re.compile(r"<script>[^<]*livereload[^<]*</script>")


def test_a_body_edit_is_redone_in_place_as_a_whole_build_would(archive_copy: Path, tmp_path: Path) -> None:
    """An edit to a body rebuilds its page without a whole MkDocs build, and every file the server
    then serves is what a server started on the edited sources serves."""
    built = tmp_path / "clean"
    port, fresh_port = _free_port(), _free_port()
    process = _start(archive_copy, port)
    fresh = None
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(base + PAGE, "River talks open in Port Aster"), "the preview never came up"
        time.sleep(1)  # the watcher starts after the first build
        source = archive_copy / SOURCE
        source.write_text(source.read_text() + "\nA sentence added to the body.\n")
        assert _wait_for(base + PAGE, "A sentence added to the body."), "the preview did not rebuild"
        fresh = _start(archive_copy, fresh_port)
        fresh_base = f"http://127.0.0.1:{fresh_port}/"
        assert _wait_for(fresh_base + PAGE, "A sentence added to the body.", 60)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(built)], cwd=archive_copy,
                       check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        # every file but the search index, which a server keeps from its first build, and the gzipped
        # sitemap, which holds each server's address (sitemap.xml is compared)
        paths = sorted(p.relative_to(built).as_posix() for p in built.rglob("*")
                       if p.is_file() and not p.relative_to(built).as_posix().startswith("pagefind/")
                       and p.name != "sitemap.xml.gz")
        assert len(paths) > 50
        for path in paths:
            url = path.removesuffix("index.html")
            ours = _fetch(base + url).replace(base, "/")  # each server's address is in its pages
            theirs = _fetch(fresh_base + url).replace(fresh_base, "/")
            assert _LIVERELOAD.sub("", ours) == _LIVERELOAD.sub("", theirs), path
    finally:
        output = _stop(process)
        if fresh is not None:
            _stop(fresh)
    redone = [line for line in output.splitlines() if "in place; the others are unchanged" in line]
    assert redone and "built 1 archive page(s)" in redone[-1], output
