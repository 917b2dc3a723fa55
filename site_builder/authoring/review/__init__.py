"""``briefings review``: a local page for reviewing what ingest proposed, before the pull request.

``yamledit`` reads and writes front-matter and registries round-trip (comments, order and layout
kept); ``decisions`` applies a curator's decision to the files; ``proposals`` tells which actors
of a briefing are new and which registry entries look like them; ``page`` renders the page;
``server`` serves it on 127.0.0.1 behind a random token; ``changed`` finds the briefings to review.
"""
