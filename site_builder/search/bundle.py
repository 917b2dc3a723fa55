"""Write Pagefind bundles through Pagefind's Python API, one in-memory index per bundle.

Each bundle (the main one, or a part) is one ``PagefindIndex`` of Pagefind's service, given its
pages one by one with ``add_html_file``, its files then taken with ``get_files``. A part is therefore
exactly the list of its pages: nothing has to describe it as a glob over the site's paths. The
options are those the command line took: the article area as root (``ROOT``), the excluded
selectors (``EXCLUDED``), English forced as the language; the service prints nothing.

The bundle's files are taken from the service with ``get_files`` and written here: the service
answers ``write_files`` before its last writes reach the disk, so a bundle read right after that
answer can be cut short. Two things the stock client does are changed, in :class:`_Service`:

* it reads the service's replies once every 0.1 s, one reply each time, which caps indexing at
  ten pages a second (two thousand pages would take over three minutes), and it cannot read a
  reply longer than 2 MiB, as ``get_files`` gives; replies are read here as they arrive, whatever
  their length;
* its ``close`` waits for unanswered requests and re-raises their errors; here it ends the
  service's input, so that the service exits, after any failure too.

Pages are added one at a time, each after Pagefind has answered the last: Pagefind numbers pages
in the order they arrive, so a fixed order gives the same bundle on every build. This costs time
against the command line, which parses many pages at once: the service parses one page at a time,
and each page crosses the pipe as base64 in JSON (about 2 ms of Python per page).
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

ROOT = "article.md-content__inner"
EXCLUDED = (".ba-noindex", ".ba-dateline", ".ba-source", ".ba-chart", ".ba-chart-data", ".ba-feed",
            ".md-source-file", ".headerlink")
CONFIG: IndexConfig = {"root_selector": ROOT, "exclude_selectors": EXCLUDED, "force_language": "en"}
#: Indexes built at a time, each by its own Pagefind process: one process parses one page at a
#: time, and two indexes of ``PART_SIZE`` pages peak near 1 GB together.
RUNS_AT_ONCE = 2
#: How long the service may take to exit once its input ends.
_EXIT_SECONDS = 30
#: Bytes read from the service at a time.
_CHUNK = 1 << 16


class PagefindFailed(Exception):
    """Pagefind refused a page or a bundle, or stopped."""


class _Service(PagefindService):
    """Pagefind's service, its replies read as they arrive, however long, and its process ended on close."""

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        assert stdout is not None
        buffer, searched = bytearray(), 0
        try:
            while chunk := await stdout.read(_CHUNK):
                buffer += chunk
                while (end := buffer.find(b",", searched)) >= 0:  # base64 has no commas
                    reply = json.loads(base64.b64decode(bytes(buffer[:end])))
                    del buffer[:end + 1]
                    searched = 0
                    if reply is not None:
                        self._answer(reply)
                searched = len(buffer)
            problem = "the Pagefind service stopped"
        except ValueError as exc:
            problem = f"the Pagefind service sent an unreadable reply ({exc})"
        for future in self._responses.values():
            if not future.done():
                future.set_exception(PagefindFailed(problem))

    def _answer(self, reply: dict[str, Any]) -> None:
        payload = reply["payload"]
        message_id = reply.get("message_id")
        if message_id is None and payload.get("original_message"):  # a request it could not parse
            message_id = json.loads(payload["original_message"]).get("message_id")
        future = self._responses.pop(message_id, None) if isinstance(message_id, int) else None
        if future is None or future.done():
            return
        if payload["type"] == "Error":
            future.set_exception(PagefindFailed(payload.get("message") or "unknown error"))
        else:
            future.set_result(payload)

    async def close(self) -> None:
        self._poll_task.cancel()
        if self._backend.stdin is not None:
            self._backend.stdin.close()  # the service exits at the end of its input
        try:
            await asyncio.wait_for(self._backend.wait(), _EXIT_SECONDS)
        except TimeoutError:
            self._backend.kill()
            await self._backend.wait()


async def _write_one(site_dir: Path, pages: Sequence[str], output: Path, gate: asyncio.Semaphore) -> None:
    async with gate:
        service = await _Service().launch()
        try:
            index = await service.create_index(CONFIG)
            for page in pages:
                content = (site_dir / page).read_text(encoding="utf-8", errors="replace")
                await index.add_html_file(content=content, source_path=page)
            files = await index.get_files()
        finally:
            await service.close()
    for file in files:
        path = output / file["path"]
        if not path.resolve().is_relative_to(output.resolve()):
            raise PagefindFailed(f"Pagefind named a file outside its bundle: {file['path']}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file["content"])


async def _write_all(site_dir: Path, runs: Sequence[tuple[Sequence[str], Path]]) -> None:
    gate = asyncio.Semaphore(RUNS_AT_ONCE)
    try:
        async with asyncio.TaskGroup() as group:  # after a failure, the other indexes are stopped
            for pages, output in runs:
                group.create_task(_write_one(site_dir, pages, output, gate))
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None


def write_bundles(site_dir: Path, runs: Sequence[tuple[Sequence[str], Path]]) -> None:
    """Index each list of pages (paths relative to ``site_dir``) into its own bundle folder.

    Raises :class:`PagefindFailed`, :class:`OSError` (a page cannot be read, Pagefind cannot be
    started) or :class:`FileNotFoundError` (no Pagefind binary is installed).
    """
    with ThreadPoolExecutor(max_workers=1) as thread:  # its own event loop, whatever the caller runs
        thread.submit(asyncio.run, _write_all(site_dir, runs)).result()
