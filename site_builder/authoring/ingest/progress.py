"""A tiny progress bar on stderr for folder ingests (no dependency needed for one line).

On a terminal the bar redraws in place; elsewhere (logs, tests) it prints only the
final line, so captured output stays readable. Never touches stdout.
"""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO, label: str = "ingest", width: int = 30) -> None:
        self.total, self.stream, self.label, self.width = total, stream, label, width
        self.done = 0
        self.started = time.perf_counter()
        self.live = bool(getattr(stream, "isatty", lambda: False)())
        self._last_draw = 0.0

    def line(self) -> str:
        filled = int(self.width * self.done / self.total) if self.total else self.width
        rate = self.done / max(time.perf_counter() - self.started, 1e-9)
        return (f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
                f"{self.done}/{self.total} ({rate:.1f}/s)")

    def clear(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")

    def advance(self) -> None:
        self.done += 1
        now = time.perf_counter()
        if self.live and (now - self._last_draw > 0.05 or self.done == self.total):
            self.stream.write("\r" + self.line())
            self.stream.flush()
            self._last_draw = now

    def close(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
        self.stream.write(self.line() + "\n")
        self.stream.flush()
