"""Who said what: a speaker only where the text ties the quote to it, with the words that do.

Every text here is invented for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.authoring.ingest import gazetteer
from site_builder.authoring.ingest.actors import find_actors
from site_builder.authoring.ingest.quotes import FoundQuote, find_quotes
from site_builder.body.mentions import find_mentions
from site_builder.core.load import Layout
from site_builder.core.models import Actor
from site_builder.pipeline import build_site

from .conftest import GOOD_BRIEFING, write_source
from .ingest_helpers import check

ACTORS = {a.id: a for a in [
    Actor("halvard-brennik", "Halvard Brennik", "person"),
    Actor("ottilie-varga", "Ottilie Varga", "person"),
    Actor("pieter-lund", "Pieter Lund", "person"),
    Actor("harbour-board", "Harbour Board", "organisation"),
    Actor("port-authority", "Port Authority", "organisation"),
    Actor("coast-gazette", "Coast Gazette", "media"),
]}


def attribute(*paragraphs: str, actors: dict[str, Actor] = ACTORS) -> list[FoundQuote]:
    return find_quotes(list(paragraphs), lambda t: find_mentions(t, actors, list(actors)),
                       {a: x.kind for a, x in actors.items()}, {a: x.name for a, x in actors.items()}).quotes


def test_the_head_of_the_subject_speaks_not_the_name_that_modifies_it() -> None:
    [q] = attribute("Halvard Brennik met the board. “The pier will reopen in May, after the repairs,” "
                    "Brennik spokesman Pieter Lund said on Monday.")
    assert (q.speaker, q.how, q.cue) == ("pieter-lund", "named", "Brennik spokesman Pieter Lund said")
    [q] = attribute("Halvard Brennik met the board. “The pier will reopen in May, after the repairs,” "
                    "said Pieter Lund, Brennik's spokesman.")
    assert q.speaker == "pieter-lund" and q.cue.startswith("said Pieter Lund")


def test_anonymous_and_generic_sources_stay_open_with_the_reason() -> None:
    for source in ("a spokesman for Halvard Brennik said", "officials said", "the ad says",
                   "a Brennik aide said"):
        [q] = attribute(f"Halvard Brennik met Pieter Lund. “The pier will reopen in May, after the repairs,” "
                        f"{source}.")
        assert q.speaker is None, source
        assert "anonymous or generic" in q.reason


def test_a_body_speaks_through_its_spokesman() -> None:
    [q] = attribute("“The pier will reopen in May, after the repairs,” a Port Authority spokesman said.")
    assert q.speaker == "port-authority"


def test_the_object_and_names_inside_the_quote_never_speak() -> None:
    [q] = attribute("“Pieter Lund will never accept the terms of this deal,” officials told Halvard Brennik.")
    assert q.speaker is None
    [q] = attribute("Ottilie Varga told Pieter Lund: “We are not going to accept these terms at all.”")
    assert q.speaker == "ottilie-varga"


def test_he_said_is_the_last_person_speaking_and_open_when_it_could_mean_two() -> None:
    quotes = attribute(
        "“We are not going to accept these terms at all,” Halvard Brennik said.",
        "“Nobody should expect the fees to fall this year,” he said.",
    )
    assert [(q.speaker, q.how) for q in quotes] == [("halvard-brennik", "named"),
                                                    ("halvard-brennik", "pronoun")]
    assert quotes[1].cue == "he said"
    # Two men named and nobody speaking yet: "he" could be either.
    [q] = attribute("Halvard Brennik met Pieter Lund on Monday. “Nobody should expect the fees to fall,” "
                    "he said.")
    assert q.speaker is None and "could be" in q.reason
    # Gender settles it: Ottilie Varga is the only "she".
    [q] = attribute("Halvard Brennik met Ottilie Varga on Monday. “Nobody should expect the fees to fall,” "
                    "she said.")
    assert q.speaker == "ottilie-varga"


def test_a_speaker_carries_on_only_while_no_other_speaker_intervenes() -> None:
    quotes = attribute(
        "“We are not going to accept these terms at all,” Halvard Brennik said.",
        "“The fees will have to come down before the summer,” he added.",
        "Pieter Lund disagreed, and said the board had been fair.",
        "“That is simply not what the numbers show us,”",
    )
    assert quotes[1].speaker == "halvard-brennik"
    assert quotes[2].speaker is None or quotes[2].speaker == "pieter-lund"
    assert quotes[2].speaker != "halvard-brennik"


def test_according_to_a_medium_is_a_channel_not_a_speaker() -> None:
    [q] = attribute("“The pier will reopen in May, after the repairs,” according to the Coast Gazette.")
    assert q.speaker is None and q.via == "coast-gazette"
    [q] = attribute("“The pier will reopen in May, after the repairs,” Ottilie Varga told the board, "
                    "according to a statement by the Port Authority.")
    assert (q.speaker, q.via) == ("ottilie-varga", "port-authority")


def test_evidence_is_verbatim_text() -> None:
    text = ("Ottilie Varga, the harbour master, said: “We are not going to accept these terms at all.” "
            "“The fees will have to come down before the summer,” Brennik spokesman Pieter Lund added.")
    for q in attribute(text):
        assert q.cue and q.cue in " ".join(text.split())


@pytest.mark.parametrize("speaker", ["Mary Brennik", "Jean-Pierre Godbout"])
def test_a_short_alias_or_surname_cannot_steal_a_longer_name(speaker: str) -> None:
    registry = {
        "halvard-brennik": Actor("halvard-brennik", "Halvard Brennik", "person"),
        "karine-jean-pierre": Actor("karine-jean-pierre", "Karine Jean-Pierre", "person", ("Jean-Pierre",)),
    }
    paragraphs = [(f"Halvard Brennik spoke on Monday. {speaker}, who runs the dairy farmers' union, wrote "
                   "to the board."), f"“We have waited far too long for this decision,” {speaker} wrote."]
    result = find_actors(paragraphs, registry, gazetteer.load())
    ids = [f.actor.id for f in result.findings]
    assert "karine-jean-pierre" not in ids
    [q] = find_quotes(paragraphs, lambda t: result.mentions_of(t, ids),
                      {a.id: a.kind for a in result.actors.values()}).quotes
    assert q.speaker is not None and result.actors[q.speaker].name == speaker


def test_check_lists_an_open_quote_with_its_reason(archive_copy: Path, capsys: pytest.CaptureFixture[str]) \
        -> None:
    text = GOOD_BRIEFING.replace(
        "quotes:\n  - speaker: mara-lind\n    text: We are back.\n",
        "quotes:\n  - speaker: mara-lind\n    text: We are back.\n    how: named\n    cue: Lind said\n"
        "  - text: Nobody asked us about any of it.\n    unattributed: the source is anonymous\n").replace(
        "Mara Lind said.\n", "Mara Lind said. “Nobody asked us about any of it,” officials said.\n")
    path = write_source(archive_copy, text)
    code, out = check(capsys, archive_copy)
    assert code == 0, out
    line = text.splitlines().index("  - text: Nobody asked us about any of it.") + 1
    assert f"{path.relative_to(archive_copy).as_posix()}:{line}: warning: quote 2 has no speaker " \
           "(the source is anonymous)" in out


def test_an_unknown_how_is_an_error(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_source(archive_copy, GOOD_BRIEFING.replace("    text: We are back.\n",
                                                     "    text: We are back.\n    how: guessed\n"))
    code, out = check(capsys, archive_copy)
    assert code == 1 and "guessed" in out


def test_an_open_quote_shows_on_its_briefing_and_on_no_actor_page(archive_copy: Path) -> None:
    text = GOOD_BRIEFING.replace(
        "quotes:\n", "quotes:\n  - text: Nobody asked us about any of it.\n"
        "    unattributed: the source is anonymous\n").replace(
        "Mara Lind said.\n", "Mara Lind said. “Nobody asked us about any of it,” officials said.\n")
    write_source(archive_copy, text)
    site = build_site(Layout.at(archive_copy))
    by_uri = {spec.src_uri: spec for spec in site.pages}
    briefing = next(s for uri, s in by_uri.items() if "river-talks-resume" in uri)
    html = site.renderer.render(briefing).document()
    assert "Nobody asked us about any of it." in html and "Speaker not identified" in html
    for actor in ("aurelia", "mara-lind"):
        spec = next(s for uri, s in by_uri.items() if uri.endswith(f"{actor}.md") or f"/{actor}/" in uri)
        assert "Nobody asked us" not in site.renderer.render(spec).document()
    assert [q.speaker for b in site.index.briefings for q in b.quotes if "Nobody" in q.text] == [None]


@pytest.mark.parametrize("text, name", [
    ("Former Senator Norm Coleman of Minnesota said the party was split.", "Norm Coleman"),
    ("Hans-Peter Bartels, the parliamentary commissioner, said the army was short of money.",
     "Hans-Peter Bartels"),
])
def test_people_a_title_or_a_hyphenated_given_name_marks_are_proposed(text: str, name: str) -> None:
    found = find_actors([text], {}, gazetteer.load())
    assert (name, "person") in {(f.actor.name, f.actor.kind) for f in found.findings}


def test_a_name_inside_an_address_or_handle_is_no_mention() -> None:
    found = find_actors(["He wrote at length. pic.twitter.com/abc123 — Ottilie Varga (@twitter) March 3."],
                        {}, gazetteer.load())
    assert "x-corp" not in {f.actor.id for f in found.findings}


@pytest.mark.parametrize("sentence", [
    "“We have lost everything in the fire,” the uncle, Pieter Lund, said.",
    "“We have lost everything in the fire,” said the uncle, Pieter Lund, who lives nearby.",
    "The uncle, Pieter Lund, said: “We have lost everything in the fire.”",
    "“We have lost everything in the fire,” Doctor Pieter Lund further said.",
])
def test_a_name_in_apposition_to_a_description_speaks(sentence: str) -> None:
    [q] = attribute("Halvard Brennik spoke first. " + sentence)
    assert q.speaker == "pieter-lund" and q.cue and q.cue in sentence


def test_a_pronoun_speaking_just_before_a_quotation_ties_it() -> None:
    quotes = attribute("Pieter Lund arrived late for the exam.",
                       "It was just him and the examiner in the room, he said. “And then I heard the "
                       "alarm go off in the hall.”")
    assert [(q.speaker, q.how, q.cue) for q in quotes] == [("pieter-lund", "pronoun", "he said")]


def test_a_word_without_a_capital_is_not_a_name() -> None:
    actors = {"turkey": Actor("turkey", "Turkey", "state"), "china": Actor("china", "China", "state")}
    found = find_mentions("We ate turkey off the good china; Turkey and China sent envoys.", actors)
    assert [(m.actor_id, m.surface) for m in found] == [("turkey", "Turkey"), ("china", "China")]


def test_a_brother_and_sister_of_one_surname_stay_two_people() -> None:
    text = ("Daniela Brennik, 9, and her brother Daniel Brennik, 25, were named by the police on Monday. "
            "Daniel Brennik had called for help, the sheriff said.")
    found = find_actors([text], {}, gazetteer.load())
    people = {f.actor.name: f.actor.aliases for f in found.findings if f.actor.kind == "person"}
    assert "Daniel Brennik" in people and "Daniela Brennik" in people
    assert "Daniel Brennik" not in people["Daniela Brennik"]


def test_a_title_in_quotation_marks_is_not_a_quotation() -> None:
    quotes = attribute("Ottilie Varga starred in “Two and a Half Men,” the show said. "
                       "“We will keep the harbour open for every ship,” Pieter Lund said.")
    assert [q.text for q in quotes] == ["We will keep the harbour open for every ship."]
    quotes = attribute("The gown sold at “Silk, Gold & Glory: Treasures of the Harbour Stage,” an auction "
                       "that Pieter Lund ran. “Nobody expected a price like this one,” Pieter Lund said.")
    assert [q.text for q in quotes] == ["Nobody expected a price like this one."]  # a title with its subtitle


def test_reported_speech_with_an_appositive_makes_a_person_the_last_speaking() -> None:
    quotes = attribute(
        "“We are not going to accept these terms at all,” Ottilie Varga said.",
        "Halvard Brennik, a pilot at the Harbour Board for twenty years, said the fees were too high.",
        "The real problem, he argued, was the dredging of the channel every spring.",
        "“Nobody should expect the fees to fall this year or next,” he said.",
    )
    assert quotes[1].speaker == "halvard-brennik" and quotes[1].how == "pronoun"


def test_a_person_of_a_place_or_body_speaks_not_the_place() -> None:
    [q] = attribute("Pieter Lund of the Harbour Board told reporters: “Nobody should expect the fees to fall "
                    "this year.”")
    assert q.speaker == "pieter-lund"


def test_a_given_name_read_two_ways_does_not_decide_he_or_she() -> None:
    from site_builder.authoring.ingest import names
    assert names.gender("Michael") == "m" and names.gender("Hillary") == "f"
    # female in gender-guesser's whole list, male in its US and British lists
    assert names.gender("Ira") is None


def test_the_senate_is_a_countrys_chamber_only_where_the_text_names_the_country() -> None:
    def ids(text: str) -> set[str]:
        result = find_actors([text], {}, gazetteer.load())
        return {f.actor.id for f in result.findings}
    us = "The U.S. economy slowed in March. The Senate voted on the bill on Tuesday, and the House followed."
    assert {"us-senate", "us-house-of-representatives"} <= ids(us)
    assert not {"us-senate", "us-house-of-representatives"} & ids(
        "The Senate voted on the bill on Tuesday, and the House followed.")
    assert "us-house-of-representatives" not in ids(
        "The U.S. envoy sang at the Opera House in Sydney on Tuesday evening.")


def test_said_a_person_of_a_body_is_the_persons() -> None:
    [q] = attribute("“Nobody should expect the fees to fall this year,” said Ottilie Varga of the Harbour "
                    "Board.")
    assert q.speaker == "ottilie-varga"


def test_the_pronouns_after_a_name_tell_its_gender_where_the_list_cannot() -> None:
    # "Lindsey" is mostly a woman's name in gender-guesser's list; the text says "he" and "his"
    actors = {**ACTORS, "lindsey-morrow": Actor("lindsey-morrow", "Lindsey Morrow", "person")}
    found = attribute("“We will not accept these terms at all,” Lindsey Morrow said on Friday.",
                      "Morrow later posted a picture of himself at the pier. He said his office would act.",
                      "“Nobody should expect the fees to fall this year,” he wrote.", actors=actors)
    assert [q.speaker for q in found] == ["lindsey-morrow", "lindsey-morrow"]


@pytest.mark.parametrize("subject", ["Halvard Brennik's letter", "A letter from Halvard Brennik",
                                     "An email sent by Halvard Brennik"])
def test_a_document_speaks_its_authors_words(subject: str) -> None:
    [q] = attribute(f"Pieter Lund read it out. {subject} said: “Nobody should expect the fees to fall this "
                    "year.”")
    assert q.speaker == "halvard-brennik", subject
    [q] = attribute("Pieter Lund read it out. The letter said: “Nobody should expect the fees to fall this "
                    "year.”")
    assert q.speaker is None


def test_a_capitalised_word_is_no_speech_verb() -> None:
    from site_builder.authoring.ingest import quotes
    # "States" in "the United States" and "Says" in a title are names, not the verbs
    assert quotes._VERB.search("the United States and the Fox Says Show") is None
    assert quotes._VERB.search("she states") is not None


def test_a_name_that_only_modifies_the_head_after_the_verb_does_not_speak() -> None:
    [q] = attribute("“Nobody should expect the fees to fall this year,” said Harbour Board boss Edda Quill.")
    assert q.speaker is None
    [q] = attribute("“Nobody should expect the fees to fall this year,” says Brennik adding that it was "
                    "late.")
    assert q.speaker == "halvard-brennik" or q.speaker is None
    [q] = attribute("Halvard Brennik came. “Nobody should expect the fees to fall this year,” says Brennik "
                    "adding that it was late.")
    assert q.speaker == "halvard-brennik"


def test_an_intensifier_does_not_hide_the_speaker() -> None:
    [q] = attribute("Halvard Brennik spoke. “Nobody should expect the fees to fall this year,” Brennik "
                    "himself said.")
    assert q.speaker == "halvard-brennik"


def test_according_to_a_lawsuit_is_a_channel() -> None:
    [q] = attribute("Ottilie Varga sued the board. “The board failed to maintain the pier for years,” "
                    "according to the lawsuit.")
    assert q.speaker is None


def test_a_title_that_is_also_a_given_name_before_a_whole_name() -> None:
    got = {f.actor.name: f.actor.role for f in find_actors(
        ["Stipends will rise, Harbour Dean Emma Dench announced on Monday. Dean Baker disagreed."], {},
        gazetteer.load()).findings}
    assert got.get("Emma Dench") == "Harbour Dean" and "Dean Baker" in got


def test_nested_appositives_and_a_quotation_opening_the_next_paragraph() -> None:
    quotes = attribute(
        "Pieter Lund, a pilot at the Marrow Pilots' Guild, a union of harbour pilots, said the fees were "
        "“far too high”.",
        "“Nobody should expect the fees to fall this year. The board has had years to act.”",
    )
    assert [(q.speaker, q.how) for q in quotes] == [("pieter-lund", "named")]


def test_a_show_named_after_its_host_is_not_a_person() -> None:
    got = {f.actor.name for f in find_actors(
        ["Brennik hosted Halvard Brennik Tonight until April. Halvard Brennik said he would stream."], {},
        gazetteer.load()).findings}
    assert "Halvard Brennik Tonight" not in got and "Halvard Brennik" in got


def test_a_sentence_after_a_quotation_is_not_its_cue() -> None:
    [q] = attribute("In a notice on Saturday, the Harbour Board said it received a report of “an explosion "
                    "and a fire on the north pier.” It said the pier would stay closed.")
    assert q.speaker == "harbour-board"


def test_a_document_the_speaker_answers_is_not_the_subject() -> None:
    [q] = attribute("As first noted by the Coast Gazette, Pieter Lund responded to a letter from Halvard "
                    "Brennik by saying “Nobody should expect the fees to fall this year.”")
    assert q.speaker == "pieter-lund"


def test_a_participle_without_a_comma_belongs_to_the_noun_before_it() -> None:
    [q] = attribute("Ottilie Varga remembered a nurse asking “Do you know what day it is today, dear?”")
    assert q.speaker is None
    [q] = attribute("Ottilie Varga answered the board, saying “Nobody should expect the fees to fall this "
                    "year.”")
    assert q.speaker == "ottilie-varga"


def test_the_addressee_of_told_is_no_person_by_that_alone() -> None:
    got = {f.actor.name: f.actor.kind for f in find_actors(
        [("“Nobody should expect the fees to fall this year,” Halvard Brennik told Harbour Tonight. The "
          "Marrow Zoo said the pier was safe.")], {}, gazetteer.load()).findings}
    assert got.get("Harbour Tonight") != "person"
    assert got.get("Marrow Zoo") == "organisation"
