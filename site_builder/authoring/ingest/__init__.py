"""``briefings ingest``: news articles (text, HTML, URLs) -> draft briefings for curators to review.

Stages, each in its own module: fetch (read bytes; the only network code),
extract (main text and metadata; pure), dates, matching (outlet, events),
actors (who the article names: registry, the starter gazetteer in ``data/gazetteer``,
and new names found by ``names`` and judged by ``classify``), events (same-story
groups, the event a curator asks for), quotes (all pure), draft (render the file; pure),
registry_append (``--accept-new``) and command (the glue and all printing).
"""
