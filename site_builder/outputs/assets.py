"""Static files every archive site needs: its stylesheets and the search script.

They ship inside the package (``site_builder/static/``) and are written to
``assets/archive/`` of every build, so a fork or a test archive gets them
without copying anything into its own ``docs/``.
"""

from __future__ import annotations

from importlib import resources

ASSET_DIR = "assets/archive"
STYLESHEETS = ("briefings.css", "a11y.css")


def asset_files() -> dict[str, bytes]:
    """Output path -> content, sorted by name."""
    folder = resources.files("site_builder.outputs") / "static"
    return {f"{ASSET_DIR}/{entry.name}": entry.read_bytes()
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.is_file()}


def stylesheet_paths() -> list[str]:
    return [f"{ASSET_DIR}/{name}" for name in STYLESHEETS]
