"""'Did you mean' suggests only what the writer plausibly meant."""

from __future__ import annotations

import pytest

from site_builder.core.suggest import closest, did_you_mean

IDS = ["united-kingdom", "czech-republic", "xi-jinping", "kim-jong-un", "north-korea", "al-jazeera"]
NAMES = {"kim-jong-un": "Kim Jong Un", "xi-jinping": "Xi Jinping"}


@pytest.mark.parametrize("typed, meant", [
    ("xi-jingping", "xi-jinping"),
    ("north-korae", "north-korea"),
    ("al-jazeeera", "al-jazeera"),
    ("Kim Jong Un", "kim-jong-un"),
])
def test_typos_and_display_names_find_the_id(typed: str, meant: str) -> None:
    assert closest(typed, IDS, NAMES) == meant


@pytest.mark.parametrize("typed", ["hermit-kingdom", "senate-republican", "south-korea", "korea"])
def test_sharing_a_word_is_not_close(typed: str) -> None:
    assert did_you_mean(typed, IDS, NAMES) is None


def test_message_form() -> None:
    assert did_you_mean("xi-jingping", IDS) == "did you mean 'xi-jinping'?"
