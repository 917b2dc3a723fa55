"""Metadata extraction from synthetic pages in the shapes of common news CMSes."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.authoring.ingest.extract import (
    clean_text,
    compile_boilerplate,
    extract_html,
    strip_site_suffix,
)

from .ingest_helpers import check, front_matter, ingest, make_project, written

PARAS = (
    "<p>The harbour council voted on Thursday to approve a new ferry line between the old port and "
    "the island, after two years of debate about cost, noise and the timetable.</p>"
    "<p>\u201cThis line will connect families who have waited far too long for a reliable crossing,\u201d "
    "council chair Dana Ruiz said after the vote in the town hall.</p>"
    "<p>Construction of the new pier is expected to begin in the summer, officials in Japan said, "
    "with the first crossings planned for the following spring.</p>"
)

JSON_LD = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Harbour council approves new ferry line | Coastal Ledger</title>
<link rel="canonical" href="https://www.aljazeera.com/news/2024/3/14/harbour-ferry">
<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
 {{"@type":"WebSite","name":"Al Jazeera"}},
 {{"@type":"NewsArticle","headline":"Harbour council approves new ferry line",
   "datePublished":"2024-03-14T09:30:00+03:00","author":[{{"@type":"Person","name":"Mira Holt"}}],
   "articleSection":"Asia"}}]}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>Harbour council approves new ferry line</h1>
{PARAS}</article><footer>SHARE THIS ARTICLE</footer></body></html>"""

OPENGRAPH = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Harbour council approves new ferry line - Press TV</title>
<meta property="og:title" content="Harbour council approves new ferry line">
<meta property="og:site_name" content="PressTV">
<meta property="og:url" content="https://www.presstv.ir/Detail/2024/04/02/1/harbour">
<meta property="article:published_time" content="2024-04-02T10:00:00Z">
<meta property="article:section" content="Asia-Pacific">
</head><body><div class="story"><h1>Harbour council approves new ferry line</h1>{PARAS}</div></body></html>"""

WORDPRESS = f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>Harbour council approves new ferry line &#8211; Al Jazeera</title>
<meta name="generator" content="WordPress 6.4.2">
<link rel="canonical" href="https://aljazeera.com/2024/05/06/harbour-council/">
<meta property="article:published_time" content="2024-05-06T07:15:00+00:00">
</head><body class="post-template-default single single-post">
<div id="page" class="site"><header class="site-header"><p class="site-title">Al Jazeera</p></header>
<main id="main" class="site-main"><article class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">Harbour council approves new ferry line</h1></header>
<div class="entry-content">{PARAS}<p>The post Harbour council approves new ferry line \
appeared first on Al Jazeera.</p></div>
</article></main><footer class="site-footer">Proudly powered by WordPress</footer></div></body></html>"""

TIME_ONLY = f"""<!DOCTYPE html><html><head><meta charset="utf-8">\
<title>Harbour council approves new ferry line</title></head>
<body><article><h1>Harbour council approves new ferry line</h1>
<time datetime="2024-06-07">7 June 2024</time>{PARAS}</article></body></html>"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def _one(tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str], html: str, *args: str) -> dict:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    code, _out, err = ingest(capsys, project, str(page), *args)
    assert code == 0, err
    [path] = written(project)
    assert check(capsys, project)[0] == 0
    return front_matter(path)


def test_json_ld_news_article(tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _one(tmp_path, project, capsys, JSON_LD)
    assert data["title"] == "Harbour council approves new ferry line"
    assert str(data["date"]) == "2024-03-14"
    assert data["outlet"] == "al-jazeera"
    assert data["source_url"] == "https://www.aljazeera.com/news/2024/3/14/harbour-ferry"
    assert data["author"] == "Mira Holt"
    assert data["section"] == "Asia"
    assert "japan" in data["actors"]


def test_opengraph_only(tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _one(tmp_path, project, capsys, OPENGRAPH)
    assert data["title"] == "Harbour council approves new ferry line"
    assert str(data["date"]) == "2024-04-02"
    assert data["outlet"] == "press-tv"
    assert data["source_url"].startswith("https://www.presstv.ir/Detail/2024/04/02/")
    assert data["section"] == "Asia-Pacific"


def test_wordpress_page(tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _one(tmp_path, project, capsys, WORDPRESS)
    assert data["title"] == "Harbour council approves new ferry line"
    assert str(data["date"]) == "2024-05-06"
    assert data["outlet"] == "al-jazeera"
    path = written(project)[0]
    assert "appeared first on" not in path.read_text(encoding="utf-8")


def test_page_with_only_a_time_element(tmp_path: Path, project: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = _one(tmp_path, project, capsys, TIME_ONLY, "--outlet", "press-tv")
    assert str(data["date"]) == "2024-06-07"
    assert data["title"] == "Harbour council approves new ferry line"


def test_unknown_site_is_proposed_as_outlet(tmp_path: Path, project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(JSON_LD.replace("https://www.aljazeera.com", "https://news.coastal-ledger.example")
                    .replace('"name":"Al Jazeera"', '"name":"Coastal Ledger"'), encoding="utf-8")
    code, _out, err = ingest(capsys, project, str(page))
    assert code == 1 and "Coastal Ledger" in err and "--accept-new" in err
    code, _out, err = ingest(capsys, project, str(page), "--accept-new")
    assert code == 0, err
    outlets = (project / "briefings/registry/outlets.yml").read_text(encoding="utf-8")
    assert "coastal-ledger:" in outlets and "news.coastal-ledger.example" in outlets
    assert front_matter(written(project)[0])["outlet"] == "coastal-ledger"
    assert check(capsys, project)[0] == 0


@pytest.mark.parametrize("title, names, expected", [
    ("Harbour vote passes | Coastal Ledger", ["Coastal Ledger"], "Harbour vote passes"),
    ("Harbour vote passes - Al Jazeera", ["Al Jazeera"], "Harbour vote passes"),
    ("Al Jazeera | Harbour vote passes", ["Al Jazeera"], "Harbour vote passes"),
    ("Harbour vote passes – PressTV News", ["PressTV"], "Harbour vote passes"),
    ("Harbour vote passes | World", [], "Harbour vote passes"),
    ("Kim - the man behind the parade", ["Al Jazeera"], "Kim - the man behind the parade"),
])
def test_strip_site_suffix(title: str, names: list[str], expected: str) -> None:
    assert strip_site_suffix(title, names) == expected


def test_extract_html_is_pure_and_reports_metadata() -> None:
    boilerplate, bad = compile_boilerplate([])
    article = extract_html(JSON_LD, None, boilerplate)
    assert not bad
    assert article.title_source == "json-ld" and article.site_name == "Al Jazeera"
    assert not any("SHARE THIS ARTICLE" in p for p in article.paragraphs)


def test_plain_text_cleaning() -> None:
    boilerplate, _ = compile_boilerplate([("press-tv", r"^Press TV News Roku\b")])
    article = clean_text(
        "World / Asia\n\nA headline people read\n\nA crowd in a square. (Photo by AFP)\n\n"
        "The first paragraph of the story is here and it ends properly.\n\n"
        "SHARE THIS ARTICLE\nPress TV News Roku\n", boilerplate)
    assert article.section == "Asia"
    assert article.title == "A headline people read"
    assert article.captions == ["A crowd in a square. (Photo by AFP)"]
    assert article.paragraphs == ["The first paragraph of the story is here and it ends properly."]
    assert article.outlet_hits == ["press-tv"]
