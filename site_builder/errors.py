"""One error tree for the whole package.

User mistakes (a bad briefing, an unknown id) are *data*: they become
:class:`Diagnostic` values that carry the file, the line and a hint, so a
single run can report every problem at once. Only when a caller decides to stop
does it raise :class:`CheckFailed`, which carries all of them. Programming
errors stay ordinary Python exceptions and keep their tracebacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in a source file, formatted as ``path:line: message (hint)``."""

    path: str
    line: int | None
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {prefix}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class BriefingsError(Exception):
    """Base class for every error this package raises on purpose."""


class SourceError(BriefingsError):
    """A single source file cannot be read; carries its diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


class CheckFailed(BriefingsError):
    """The archive has errors; ``diagnostics`` lists every one of them."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=sort_key)
        errors = [d for d in self.diagnostics if d.is_error]
        lines = "\n".join(str(d) for d in errors)
        super().__init__(f"{len(errors)} error(s) in the archive:\n{lines}")


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, str]:
    """Order diagnostics by file, then line, so output reads top to bottom."""
    return (diagnostic.path, diagnostic.line or 0, diagnostic.message)
