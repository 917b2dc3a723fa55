"""Static files every archive site needs: its stylesheets and the search script.

They ship inside the package (``site_builder/static/``) and are written to
``assets/archive/`` of every build, so a fork or a test archive gets them
without copying anything into its own ``docs/``.
"""

from __future__ import annotations

from importlib import resources

ASSET_DIR = "assets/archive"
#: The one stylesheet every page links to; the others in ``static/`` are appended to it, so that
#: pages pay for one ``<link>`` (tens of thousands of pages) and readers for one request.
STYLESHEET = "briefings.css"
APPENDED = ("a11y.css",)


def asset_files() -> dict[str, bytes]:
    """Output path -> content, sorted by name."""
    folder = resources.files("site_builder.outputs") / "static"
    files = {entry.name: entry.read_bytes()
             for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.is_file()}
    files[STYLESHEET] += b"".join(b"\n" + files.pop(name) for name in APPENDED)
    return {f"{ASSET_DIR}/{name}": content for name, content in sorted(files.items())}


def stylesheet_paths() -> list[str]:
    return [f"{ASSET_DIR}/{STYLESHEET}"]
