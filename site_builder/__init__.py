"""Briefing Archive: news articles -> curated briefings -> a cross-linked static site.

The pipeline, one module per stage: :mod:`load` -> :mod:`validate` ->
:mod:`link` -> :mod:`pages` -> :mod:`render`, run by :mod:`pipeline`.
Front ends: :mod:`cli` (the ``briefings`` command) and :mod:`plugin` (MkDocs).
"""

__version__ = "0.1.0"
