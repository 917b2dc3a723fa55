"""Regular expressions from contributors, matched in linear time.

Outlet ``boilerplate`` patterns in ``outlets.yml`` arrive by pull request. With
Python's backtracking ``re`` a pattern such as ``^(\\w+\\s?)+$`` takes
exponential time on an ordinary line of 25 words, so one merged registry entry
would hang every later ingest. These patterns are compiled with RE2 instead
(the ``google-re2`` package), which guarantees time linear in the line's
length and refuses the features that need backtracking (backreferences,
lookaround). :func:`pattern_problem` is what ``briefings check`` asks and
:func:`compile_pattern` what ingest uses, so a pattern that passes the check is
exactly a pattern ingest can run.
"""

from __future__ import annotations

from typing import Protocol

import re2

#: Longest pattern accepted; boilerplate lines are short, and RE2's memory grows with the pattern.
MAX_PATTERN_LENGTH = 500
#: RE2's memory budget per pattern (bytes); a pattern needing more is refused, not slowed.
MAX_PATTERN_MEMORY = 8 << 20


class LinePattern(Protocol):
    """What ingest needs of a compiled pattern (both ``re`` and RE2 patterns have it)."""

    def search(self, text: str) -> object | None: ...


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = MAX_PATTERN_MEMORY
    return options


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used as a boilerplate pattern, or None when it can."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"{len(pattern):,} characters long, over the limit of {MAX_PATTERN_LENGTH}"
    try:
        re2.compile(pattern, _options())
    except re2.error as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) \
            else str(exc)
        return f"not a valid RE2 regular expression: {detail}"
    return None


def compile_pattern(pattern: str) -> LinePattern:
    """Compile a contributor's pattern, case-insensitive, with RE2; raises ValueError with the reason."""
    problem = pattern_problem(pattern)
    if problem is not None:
        raise ValueError(problem)
    compiled: LinePattern = re2.compile(pattern, _options())
    return compiled
