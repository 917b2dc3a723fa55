"""Pasted or exported text: which first line is the headline, and what an export's labels mean.

Archives' exports end each headline with a full stop and some give the publisher's abstract under
"ABSTRACT." before "FULL TEXT."; the headline must become the title (not the body's first
paragraph and the summary), and the abstract the summary. Every text here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.authoring.ingest.extract import clean_text

from .ingest_helpers import body, front_matter, ingest_text, written

LEDE = ("The harbour council voted on Thursday to approve a new ferry line between the old port and the "
        "island, after two years of debate about cost, noise and the timetable.")
MORE = "Construction of the new pier is expected to begin in the summer, officials said on Friday."


@pytest.mark.parametrize(("first", "title"), [
    ("Council approves ferry line", "Council approves ferry line"),
    ("Council approves ferry line.", "Council approves ferry line"),
    ("Council approves ferry line;", "Council approves ferry line"),
    ("Port Aster wins funds amid Calif. fight.", "Port Aster wins funds amid Calif. fight"),
    ("Court revisits Roe v. Wade ruling.", "Court revisits Roe v. Wade ruling"),
    ("Ferry deal agreed for the U.S.", "Ferry deal agreed for the U.S."),
    ("10 Things to Know for Today.", "10 Things to Know for Today"),
    ("Council Suffered A Big Blow. Here's Its Plan Going Forward.",
     "Council Suffered A Big Blow. Here's Its Plan Going Forward"),
])
def test_a_first_line_headline_is_the_title_and_leaves_the_body(first: str, title: str) -> None:
    article = clean_text(f"{first}\n\n{LEDE}\n\n{MORE}\n", [])
    assert article.title == title and article.title_source == "first line"
    assert article.paragraphs == [LEDE, MORE]
    assert article.title_line == first


@pytest.mark.parametrize("first", [
    # A short lede followed by a shorter paragraph: text, not a headline.
    "The council approved the ferry line on Thursday after a long debate.",
    # Two sentences in sentence case: a lede.
    "The council voted. The ferry line will open next spring.",
    # Too long for a headline.
    " ".join(["word"] * 24) + ".",
])
def test_a_sentence_that_opens_the_text_stays_in_the_body(first: str) -> None:
    short = "Work starts in May."
    article = clean_text(f"{first}\n\n{short}\n\n{short}\n", [])
    assert article.title is None
    assert article.paragraphs[0] == first


def test_an_exports_abstract_is_kept_apart_and_its_labels_dropped() -> None:
    text = (f"Ferry line approved; \nHarbour Notes.\n\nABSTRACT.\n\n{LEDE}\n\nFULL TEXT.\n\n"
            f"Bells rang at the pier.\n\n{MORE}\n")
    article = clean_text(text, [])
    assert (article.title, article.section) == ("Ferry line approved", "Harbour Notes")
    assert article.abstract == LEDE
    assert article.paragraphs == ["Bells rang at the pier.", MORE]


def test_labels_without_their_pair_are_text() -> None:
    article = clean_text(f"Ferry line approved\n\nABSTRACT.\n\n{LEDE}\n\n{MORE}\n", [])
    assert article.abstract is None
    assert "ABSTRACT." in article.paragraphs


def test_an_ingested_export_has_the_headline_as_title_and_the_abstract_as_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (f"Ferry line approved; \nHarbour Notes.\n\nABSTRACT.\n\n{LEDE}\n\nFULL TEXT.\n\n"
            f"Bells rang at the pier on Thursday night as the vote was announced.\n\n{MORE}\n")
    root, out = ingest_text(capsys, tmp_path, text)
    [path] = written(root)
    front = front_matter(path)
    assert front["title"] == "Ferry line approved"
    assert front["summary"] == LEDE
    assert "summary from the article's abstract" in out
    assert "ABSTRACT" not in body(path) and "Ferry line approved" not in body(path)


def test_a_headline_with_a_full_stop_is_neither_body_nor_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = ingest_text(capsys, tmp_path, f"Council approves ferry line.\n\n{LEDE}\n\n{MORE}\n")
    [path] = written(root)
    front = front_matter(path)
    assert front["title"] == "Council approves ferry line"
    assert front["summary"].startswith("The harbour council voted")
    assert not body(path).lstrip().startswith("Council approves")


def test_a_headline_and_one_short_paragraph_are_still_an_article(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The words of a first-line headline count towards the text an article needs."""
    text = ("Council Approves The New Ferry Line To The Island.\n\n"
            "The harbour council approved the new ferry line to the island on Thursday night.\n")
    root, _ = ingest_text(capsys, tmp_path, text)
    assert len(written(root)) == 1
