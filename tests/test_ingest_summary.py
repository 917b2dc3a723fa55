"""The draft summary has no dateline, byline, caption or live-blog notice; a live blog's is from its box."""

from __future__ import annotations

import pytest

from site_builder.authoring.ingest.command import lede
from site_builder.authoring.ingest.extract import Article
from site_builder.authoring.ingest.summary import lede_paragraphs, summary_of

REST = "A second paragraph that says more about what happened on the day."


@pytest.mark.parametrize(("first", "expected"), [
    ("CLEAR LAKE, Iowa, Dec 23 (Reuters) - The candidate spoke.", "The candidate spoke."),
    ("WASHINGTON — The Senate voted on Friday.", "The Senate voted on Friday."),
    ("GENEVA (AP) — Talks opened on Monday.", "Talks opened on Monday."),
    ("VATICAN CITY (RNS) — The pope is not happy.", "The pope is not happy."),
    ("PORT ASTER, Aurelia, Sept 28, 2025 (AFP/Getty) – Ministers met.", "Ministers met."),
    ("NATO allies met on Friday.", "NATO allies met on Friday."),
    ("Port Aster (AFP) – The convention opened.", "The convention opened."),
    ("Ana Ruiz (Reuters) said the talks had stalled.", "Ana Ruiz (Reuters) said the talks had stalled."),
    ("- The magnitude 5.9 quake struck at night.", "The magnitude 5.9 quake struck at night."),
    ("• Ministers met in Port Aster.", "Ministers met in Port Aster."),
    ("UN officials - who spoke anonymously - said the vote was close.",
     "UN officials - who spoke anonymously - said the vote was close."),
])
def test_dateline_is_cut(first: str, expected: str) -> None:
    assert lede_paragraphs([first, REST])[0] == expected


def test_bylines_and_notices_are_skipped() -> None:
    paragraphs = ["By Ana Ruiz and Tom Vale",
                  "This live blog has ended. For the most recent updates, click here.",
                  "LONDON — The minister resigned.", REST]
    assert lede_paragraphs(paragraphs)[0] == "The minister resigned."
    assert lede_paragraphs(["Ministers met. This blog is now closed.", REST])[0] == "Ministers met."


def test_captions_and_headings_before_the_lede_are_skipped() -> None:
    """A paragraph with no sentence end in it is a caption, a heading or a label the extraction kept."""
    paragraphs = ["2024 report on the Silt River basin",
                  "Delegates at the summit in Port Aster (Photo: Wire)",
                  "PORT ASTER — Ministers met on Friday.", REST]
    assert lede_paragraphs(paragraphs)[0] == "Ministers met on Friday."
    # A lede that ends with a colon before a quotation is still a sentence, and so is one with a question.
    colon = "The minister spoke at length. Then he told reporters this:"
    assert lede_paragraphs([colon, "“We will sign.”"])[0] == colon
    assert lede_paragraphs(["Will the talks hold?", REST])[0] == "Will the talks hold?"
    # When no paragraph is a sentence, the first is all there is.
    assert lede_paragraphs(["Talks in Port Aster", "Day two"])[0] == "Talks in Port Aster"


def test_live_blog_summary_comes_from_its_box_or_is_left_for_review() -> None:
    entries = ["This live blog has ended. For the most recent updates, click here.",
               "10:02 GMT – Talks resume in Port Aster as delegations arrive for a second day."]
    box = "Aurelia and Borovia resumed talks on the Silt River on Tuesday, with a deal still far off."
    summary, review = summary_of(Article(entries, live_blog=True, summary_box=box), lede)
    assert summary == box and "own summary" in review[0]
    summary, review = summary_of(Article(entries, live_blog=True), lede)
    assert "live blog has ended" not in summary and "click here" not in summary
    assert review[0].startswith("live blog: the summary is the opening of one entry")


def test_notes_and_bios_above_the_story_are_skipped() -> None:
    """An editor's note or the author's bio may open a page's text; neither summarises the story."""
    lede_text = "My mother ran the harbour office for thirty years."
    for note in ("[UPDATED: Oct. 3, 2022] The following article has been updated for clarity.",
                 "Editor's note: This story was corrected to fix a name.",
                 "Mr. Vale is the deputy Opinion editor.",
                 "Ana Ruiz is a contributing writer at the Harbour Gazette."):
        assert lede_paragraphs([note, lede_text, REST])[0] == lede_text, note
    # A long paragraph that opens like a bio is the story itself.
    story = ("Ana Ruiz is a reporter who was held for 500 days, and on Friday she walked free after "
             "a court in Port Aster threw out every charge against her and her two colleagues.")
    assert lede_paragraphs([story, REST])[0] == story


def test_a_headline_run_into_the_first_paragraph_is_cut() -> None:
    title = "AI Is Already in the Newsroom"
    first = f"{title} For journalists at the paper, the disclaimer came first."
    cut = "For journalists at the paper, the disclaimer came first."
    assert lede_paragraphs([first, REST], title)[0] == cut
    # A lede that only starts with the same words as a short title is left alone.
    assert lede_paragraphs(["Talks resumed on Monday.", REST], "Talks")[0] == "Talks resumed on Monday."


def test_an_abstract_is_the_summary() -> None:
    abstract = "Aurelia and Borovia agreed on Tuesday to share the Silt River's water for ten years."
    summary, review = summary_of(Article(["Bells rang at the pier.", REST], abstract=abstract), lede)
    assert summary == abstract and review == ["summary from the article's abstract"]
    # Too short to be a summary: the lede is used.
    summary, _ = summary_of(Article([REST], abstract="Harbour Notes."), lede)
    assert summary == REST


def test_more_preambles_are_skipped() -> None:
    for note in ("Co-authored by Hasmik Vale.", "9:42 p.m.", "6:01 PM", "LETTERS.", "TOP STORIES."):
        assert lede_paragraphs([note, REST])[0] == REST, note


def test_a_summary_does_not_stop_at_a_title_abbreviation() -> None:
    from site_builder.authoring.ingest.sentences import split_sentences
    first = ("Indiana Gov. Mike Vale on Wednesday endorsed House Speaker Ana Ruiz, a day after the nominee "
             "declined to. Sen. Tom Brook said nothing.")
    assert split_sentences(first) == [first[:first.index(" Sen.")], "Sen. Tom Brook said nothing."]


def test_a_time_stamp_under_a_heading_and_the_headline_again_are_skipped() -> None:
    live = ["WASHINGTON (AP) — The Latest on the campaign (all times EDT):", "9:15 p.m.",
            "The governor won every delegate in the state on Tuesday night.", REST]
    assert lede_paragraphs(live)[0] == "The governor won every delegate in the state on Tuesday night."
    title = "After long debate, harbour council passes ferry bill"
    assert lede_paragraphs([f"{title}.", "The council passed the bill on Monday.", REST],
                           title)[0] == "The council passed the bill on Monday."
    # A one-paragraph text keeps its only paragraph.
    assert lede_paragraphs([f"{title}."], title)[0] == f"{title}."
