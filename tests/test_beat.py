"""The beat, what the archive covers, is written once: in mkdocs.yml, shared by the theme and the plugin."""

from __future__ import annotations

import re

from site_builder.outputs.zensical import plugin_options, read_config

from .conftest import REPO


def test_the_beat_is_written_once_and_shared() -> None:
    config = read_config(REPO / "mkdocs.yml")
    beat = plugin_options(config)["beat"]
    assert beat and config["site_description"] == beat
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count(beat.split(":")[0]) == 1  # the alias shares the text; it is not copied
    about = " ".join((REPO / "docs" / "about.md").read_text(encoding="utf-8").split())
    for sentence in re.split(r"(?<=[.:])\s+", beat):
        assert sentence.rstrip(".:") not in about, sentence
