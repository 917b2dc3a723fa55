"""Extraction quality on synthetic pages: headline choice, entities, site names, the body's edges,
live blogs, the starter outlet table and ``--dry-run`` with an outlet the registry lacks.

Every page here is invented; each one reproduces a shape news sites commonly have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from site_builder.authoring.ingest import outlet_table
from site_builder.authoring.ingest.edges import trim_leading, trim_trailing
from site_builder.authoring.ingest.extract import compile_boilerplate, extract_html, reconcile_with_page_body
from site_builder.authoring.ingest.headline import choose_title, strip_site_suffix, unescape

from .ingest_helpers import REPO, check, front_matter, ingest, make_project, written

PARAS = (
    "<p>The harbour council voted on Thursday to approve a new ferry line between the old port and "
    "the island, after two years of debate about cost, noise and the timetable.</p>"
    "<p>\u201cThis line will connect families who have waited far too long for a reliable crossing,\u201d "
    "council chair Dana Ruiz said after the vote in the town hall.</p>"
    "<p>Construction of the new pier is expected to begin in the summer, officials said, "
    "with the first crossings planned for the following spring.</p>"
)


def page(head: str, body: str, paras: str = PARAS) -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>'
        f'<header class="masthead"><nav><a href="/">Home</a></nav>'
        f'<h1 class="logo">Coastal Ledger</h1></header>'
        f"<main><article>{body}{paras}</article></main></body></html>"
    )


def extract(html: str, url: str | None = "https://www.coastal-ledger.example/news/ferry") -> object:
    boilerplate, _ = compile_boilerplate([])
    return extract_html(html, url, boilerplate)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


# --------------------------------------------------------------------------- titles


def test_entities_are_decoded_in_the_title_and_the_file_name(tmp_path: Path, project: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    html = page('<script type="application/ld+json">{"@type":"NewsArticle",'
                '"headline":"Council calls ferry plan &#8216;unfriendly&#8217; &amp;amp; costly",'
                '"datePublished":"2024-03-14"}</script>', "")
    source = tmp_path / "page.html"
    source.write_text(html, encoding="utf-8")
    code, _out, err = ingest(capsys, project, str(source), "--url", "https://www.aljazeera.com/news/ferry")
    assert code == 0, err
    [path] = written(project)
    assert front_matter(path)["title"] == "Council calls ferry plan \u2018unfriendly\u2019 & costly"
    assert path.name == "2024-03-14-council-calls-ferry-plan-unfriendly-costly.md"
    assert not re.search(r"8216|8217|amp", path.name)


def test_unescape_decodes_entities_escaped_twice() -> None:
    assert unescape("Davos&amp;#8217;s brand &#038; more") == "Davos\u2019s brand & more"
    assert unescape("It&rsquo;s&nbsp;here") == "It\u2019s here"


def test_visible_headline_beats_a_truncated_social_title() -> None:
    html = page('<meta property="og:title" content="Ferry vote passes just weeks before...">'
                "<title>Ferry vote passes - Coastal Ledger</title>",
                "<h1>Ferry vote passes just weeks before the island election</h1>")
    article = extract(html)
    assert article.title == "Ferry vote passes just weeks before the island election"


def test_truncated_metadata_title_loses_to_a_complete_one_without_a_heading() -> None:
    choice = choose_title([], [("Ferry vote passes just weeks before\u2026", "json-ld"),
                               ("Ferry vote passes just weeks before the island election", "opengraph")], [])
    assert choice is not None and choice.title == "Ferry vote passes just weeks before the island election"
    assert choice.source == "opengraph"


def test_visible_headline_beats_a_reworded_seo_title() -> None:
    html = page('<script type="application/ld+json">{"@type":"NewsArticle",'
                '"headline":"Ferry line approved: what it means for commuters in 2024"}</script>',
                "<h1>Islanders win their long fight for a ferry</h1>")
    article = extract(html)
    assert article.title == "Islanders win their long fight for a ferry"
    assert article.title_source == "page headline"


def test_the_heading_that_agrees_with_the_metadata_wins_among_several() -> None:
    html = page(
        '<meta property="og:title" content="Harbour council approves new ferry line">',
        "<h1>Latest stories from the harbour desk</h1><h1>Harbour council approves new ferry line</h1>",
    )
    article = extract(html)
    assert article.title == "Harbour council approves new ferry line"
    assert article.title_source == "opengraph"


def test_labels_inside_the_heading_are_not_part_of_the_title() -> None:
    html = page("", '<h1><span class="headline-prefix">Opinion</span> '
                    "<span>Why the ferry matters to the island</span></h1>")
    assert extract(html).title == "Why the ferry matters to the island"


@pytest.mark.parametrize("title, names, expected", [
    ("Harbour vote passes - Novus Light Today", ["Novus Light"], "Harbour vote passes"),
    ("Harbour vote passes | Riverbank Post", ["riverbankpost.example", "riverbankpost"],
     "Harbour vote passes"),
    ("Harbour vote passes - Egotastic - Celebrity Gossip and News", ["Egotastic"], "Harbour vote passes"),
    ("Harbour vote passes | Opinion", [], "Harbour vote passes"),
    ("Kim - the man behind the parade", ["Coastal Ledger"], "Kim - the man behind the parade"),
])
def test_site_suffixes_are_stripped(title: str, names: list[str], expected: str) -> None:
    assert strip_site_suffix(title, names) == expected


def test_site_suffix_named_by_the_domain_only() -> None:
    html = ("<html><head><title>Harbour council approves new ferry line | Riverbank Post</title></head>"
            f"<body><div>{PARAS}</div></body></html>")
    article = extract(html, "https://www.riverbankpost.example/2024/ferry")
    assert article.title == "Harbour council approves new ferry line"


# --------------------------------------------------------------------------- body edges

BODY = [
    "The harbour council voted on Thursday to approve a new ferry line between the old port and the island.",
    "Construction of the new pier is expected to begin in the summer, officials said.",
]


@pytest.mark.parametrize("tail", [
    ["Reporting by Mira Holt in Harbourview; Editing by Tomas Varga"],
    ["Our Standards: The Coastal Ledger Trust Principles."],
    ["WATCH MORE: Ferry crossings through the years", "Island school gets a new roof",
     "Council Elections Set for the Spring"],
    ["Related:", "- Island school gets a new roof", "- Night buses return to the old port"],
    ["Sign up for our morning newsletter to get the harbour news in your inbox."],
    ["Mira Holt is a senior reporter at the Coastal Ledger covering local government."],
    ["Associated researchers in Harbourview contributed to this report."],
    ["___", "This story was originally published by the Coastal Ledger."],
    ["Island School Gets A New Roof Before Winter", "Night Buses Return To The Old Port"],
])
def test_trailing_boilerplate_is_trimmed(tail: list[str]) -> None:
    kept, removed = trim_trailing(BODY + tail)
    assert kept == BODY
    assert removed == tail


def test_an_article_ending_in_a_plain_list_keeps_it() -> None:
    ending = ["The new timetable has three crossings a day:", "- early morning", "- noon", "- evening"]
    kept, removed = trim_trailing(BODY + ending)
    assert kept == BODY + ending and not removed


def test_sign_up_inside_the_story_is_kept() -> None:
    middle = ["Residents can sign up for the first crossings at the town hall from Monday, the council said."]
    kept, _ = trim_trailing(BODY[:1] + middle + BODY[1:])
    assert kept == BODY[:1] + middle + BODY[1:]


def test_leading_byline_date_and_repeated_headline_are_trimmed() -> None:
    lead = ["Harbour council approves new ferry line", "By Mira Holt", "March 14, 2024",
            "All products featured here are independently selected by our editors."]
    kept, removed = trim_leading(lead + BODY, "Harbour council approves new ferry line")
    assert kept == BODY and removed == lead


def test_trailing_boilerplate_is_gone_from_an_ingested_page() -> None:
    html = page('<meta property="og:title" content="Harbour council approves new ferry line">',
                "<h1>Harbour council approves new ferry line</h1>",
                PARAS + "<p>Reporting by Mira Holt; Editing by Tomas Varga</p>"
                        "<p>Our Standards: The Coastal Ledger Trust Principles.</p>")
    article = extract(html)
    text = "\n".join(article.paragraphs)
    assert "Reporting by" not in text and "Our Standards" not in text
    assert "the first crossings planned" in text


def test_page_body_in_json_ld_filters_out_other_text() -> None:
    story = [f"Paragraph {i} of the ferry story tells how the harbour council reached its decision "
             f"after hearing residents from the island and the old port." for i in range(8)]
    noise = [f"Comment {i}: I have taken that ferry for years and I think the timetable is wrong "
             f"for everyone who works in the city on weekends and holidays." for i in range(40)]
    kept = reconcile_with_page_body(story + noise, "\n".join(story))
    assert kept == story
    assert reconcile_with_page_body(story, "Too short to trust.") == story


# --------------------------------------------------------------------------- dates


def test_the_date_shown_on_the_page_beats_a_hidden_older_one() -> None:
    html = page('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Best ferries",'
                '"datePublished":"2022-04-28T09:00:00Z"}</script>'
                '<meta property="article:modified_time" content="2023-11-06T09:00:00Z">',
                '<h1>Best ferries</h1><p class="byline">Updated <time datetime="2023-11-06">'
                "Nov 6, 2023</time></p>")
    assert extract(html).date == "2023-11-06"


def test_the_json_ld_date_stands_when_the_page_shows_it() -> None:
    html = page(
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry vote",'
        '"datePublished":"2024-03-14T09:00:00Z"}</script>',
        "<h1>Ferry vote</h1><p>March 14, 2024</p>",
    )
    assert extract(html).date == "2024-03-14"


# --------------------------------------------------------------------------- live blogs

LIVE_JSON_LD = page('<script type="application/ld+json">{"@type":"LiveBlogPosting",'
                    '"headline":"Harbour ferry vote: live updates","datePublished":"2024-03-14"}</script>',
                    "<h1>Harbour ferry vote: live updates</h1>")


def test_live_blog_is_flagged_from_json_ld(tmp_path: Path, project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert extract(LIVE_JSON_LD).live_blog
    source = tmp_path / "live.html"
    source.write_text(LIVE_JSON_LD, encoding="utf-8")
    code, _out, err = ingest(capsys, project, str(source), "--url", "https://www.aljazeera.com/live",
                             "--dry-run")
    assert code == 0, err
    assert "live blog:" in err and "review which entries belong" in err


def test_live_blog_is_flagged_from_timestamped_entries() -> None:
    entries = "".join(
        f"<p>{hour}:{minute:02d} GMT</p><p>Update {hour}: the council resumed its debate on the "
        "ferry after a short break, with more residents asking to speak.</p>"
        for hour, minute in ((9, 5), (9, 40), (10, 15), (10, 50), (11, 20), (12, 5), (12, 45))
    )
    html = page('<meta property="og:title" content="Ferry vote as it happened">',
                "<h1>Ferry vote as it happened</h1>", entries)
    assert extract(html).live_blog
    assert not extract(page("", "<h1>Harbour council approves new ferry line</h1>")).live_blog


# --------------------------------------------------------------------------- outlets


def test_starter_table_is_valid_registry_data() -> None:
    schema = json.loads((REPO / "docs/schema/outlets.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(
        (REPO / "site_builder/authoring/ingest/data/outlets.yml").read_text(encoding="utf-8")
    )
    import jsonschema

    jsonschema.validate(data, schema)
    assert len(data) >= 150
    domains = [d for row in data.values() for d in row["domains"]]
    assert len(domains) == len(set(domains))


def test_starter_table_lookups() -> None:
    assert outlet_table.by_domain("edition.cnn.com").id == "cnn"
    assert outlet_table.by_domain("economictimes.indiatimes.com").id == "economic-times"
    assert outlet_table.by_domain("www.xinhuanet.com").ownership == "state-owned"
    assert outlet_table.by_domain("coastal-ledger.example") is None
    assert outlet_table.by_name("Korean Central News Agency").id == "kcna"
    assert outlet_table.by_name("PRESS-TV") is None
    assert outlet_table.registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert outlet_table.registrable_domain("realestate.riverbank.example") == "riverbank.example"


def test_new_outlet_from_the_table_gets_its_facts(tmp_path: Path, project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "page.html"
    source.write_text(page('<meta property="og:title" content="Harbour council approves new ferry line">'
                           '<meta property="article:published_time" content="2024-03-14T10:00:00Z">',
                           "<h1>Harbour council approves new ferry line</h1>"), encoding="utf-8")
    code, out, err = ingest(capsys, project, str(source), "--url", "https://www.bbc.co.uk/news/ferry",
                            "--accept-new")
    assert code == 0, err
    assert "from the starter outlet table" in out
    outlets = yaml.safe_load((project / "briefings/registry/outlets.yml").read_text(encoding="utf-8"))
    assert outlets["bbc"]["country"] == "United Kingdom"
    assert outlets["bbc"]["ownership"] == "public-service"
    assert outlets["bbc"]["domains"] == ["bbc.co.uk"]
    assert front_matter(written(project)[0])["outlet"] == "bbc"
    assert check(capsys, project)[0] == 0


def test_unknown_outlet_review_says_what_to_fill_in(tmp_path: Path, project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "page.html"
    source.write_text(page('<meta property="og:site_name" content="Coastal Ledger">'
                           '<meta property="article:published_time" content="2024-03-14T10:00:00Z">',
                           "<h1>Harbour council approves new ferry line</h1>"), encoding="utf-8")
    code, out, err = ingest(capsys, project, str(source), "--url",
                            "https://news.coastal-ledger.example/ferry", "--accept-new")
    assert code == 0, err
    assert "new outlet coastal-ledger: add country and ownership" in out


def test_outlet_falls_back_to_the_domain_name(tmp_path: Path, project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "page.html"
    source.write_text(f"<html><head><title>Harbour council approves new ferry line</title></head>"
                      f"<body><article>{PARAS}</article></body></html>", encoding="utf-8")
    code, out, err = ingest(capsys, project, str(source), "--url",
                            "https://local.riverbank-post.example/2024/03/14/ferry", "--dry-run")
    assert code == 0, err
    assert front_matter_text(out)["outlet"] == "riverbank-post-example"
    assert "new outlet riverbank-post-example: add country and ownership" in err


def front_matter_text(text: str) -> dict:
    data = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def test_dry_run_previews_an_article_from_an_unknown_outlet(tmp_path: Path, project: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "page.html"
    source.write_text(page('<meta property="og:site_name" content="Coastal Ledger">'
                           '<meta property="article:published_time" content="2024-03-14T10:00:00Z">',
                           "<h1>Harbour council approves new ferry line</h1>"), encoding="utf-8")
    url = "https://news.coastal-ledger.example/ferry"
    code, _out, err = ingest(capsys, project, str(source), "--url", url)
    assert code == 1 and "--accept-new" in err  # without --dry-run: one clear line
    code, out, err = ingest(capsys, project, str(source), "--url", url, "--dry-run")
    assert code == 0, err
    data = front_matter_text(out)
    assert data["outlet"] == "coastal-ledger" and data["title"] == "Harbour council approves new ferry line"
    assert "new outlet? coastal-ledger (Coastal Ledger, news.coastal-ledger.example)" in err
    assert "--accept-new" in err
    assert not written(project)
    assert "coastal-ledger" not in (project / "briefings/registry/outlets.yml").read_text(encoding="utf-8")


def test_feed_footer_title_is_decoded() -> None:
    from site_builder.authoring.ingest.extract import clean_text

    boilerplate, _ = compile_boilerplate([])
    article = clean_text("The harbour council voted on Thursday to approve a new ferry line.\n\n"
                         "The post Council calls ferry plan &#8216;unfriendly&#8217; appeared first on "
                         "Coastal Ledger &amp; Post.", boilerplate)
    assert article.title == "Council calls ferry plan \u2018unfriendly\u2019"
    assert article.footer_outlet == "Coastal Ledger & Post"


def test_headline_in_the_article_header_with_breadcrumbs_counts() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@type":"NewsArticle",'
        '"headline":"Ferry line approved"}</script></head><body>'
        '<header class="site"><nav><a href="/">Home</a></nav><div class="logo">Coastal Ledger</div></header>'
        '<main><header class="article-header"><nav class="breadcrumbs"><a href="/local">Local</a></nav>'
        f"<h1>Islanders win their long fight for a ferry line</h1></header><div>{PARAS}</div></main>"
        "</body></html>"
    )
    assert extract(html).title == "Islanders win their long fight for a ferry line"


@pytest.mark.parametrize("ending", [
    "The company told investors in its quarterly newsletter that profits had fallen sharply.",
    "The grant will help fund local journalism in three rural counties, the foundation said.",
])
def test_a_closing_sentence_about_newsletters_or_journalism_stays(ending: str) -> None:
    kept, removed = trim_trailing([*BODY, ending])
    assert kept == [*BODY, ending] and not removed


def test_comments_inside_the_heading_are_not_text() -> None:
    html = page("", "<h1>Islanders <!-- kicker --> win their <br>long fight &amp; a ferry</h1>")
    assert extract(html).title == "Islanders win their long fight & a ferry"
