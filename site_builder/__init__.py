"""Briefing Archive: news articles -> curated briefings -> a cross-linked static site.

The tree is the architecture:

* :mod:`site_builder.core`: the engine-neutral stages, load -> validate -> index
  -> pages -> render, pure (no engine, no file writes);
* :mod:`site_builder.body`: briefing bodies, parsed once for the content policy,
  links and HTML;
* :mod:`site_builder.outputs`: feeds, open data, redirects, charts, assets;
* :mod:`site_builder.search`: the Pagefind index of a built site;
* :mod:`site_builder.pipeline`: the stages and outputs run in order, for any engine;
* :mod:`site_builder.mkdocs_plugin`: the MkDocs adapter, the only code that imports MkDocs;
* :mod:`site_builder.authoring`: ``briefings new`` and ``briefings ingest``;
* :mod:`site_builder.cli`: the ``briefings`` command, a thin front end.
"""

__version__ = "0.1.0"
