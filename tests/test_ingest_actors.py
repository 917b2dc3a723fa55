"""Who an article names, and who said what: one test per error class real news pages showed.

All text here is written for these tests; the real-world names (states, the UN, Hamas)
come from the starter gazetteer, the invented ones (Halvard Brennik, Northwind Holdings)
from the recogniser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.authoring.ingest import gazetteer
from site_builder.authoring.ingest.actors import Result, find_actors
from site_builder.authoring.ingest.quotes import find_quotes
from site_builder.body.mentions import find_mentions
from site_builder.core.models import Actor

from .ingest_helpers import front_matter, ingest_text, written

REGISTRY = {a.id: a for a in [
    Actor("united-states", "United States", "state", ("US", "U.S.", "Washington")),
    Actor("antonio-guterres", "António Guterres", "person", role="UN Secretary-General"),
    Actor("kim-jong-un", "Kim Jong Un", "person", ("Kim Jong-un",)),
]}


def found(*paragraphs: str, registry: dict[str, Actor] | None = None) -> Result:
    return find_actors(list(paragraphs), REGISTRY if registry is None else registry, gazetteer.load())


def names(result: Result) -> dict[str, tuple[str, str | None, str]]:
    """name -> (kind, role, source)"""
    return {f.actor.name: (f.actor.kind, f.actor.role, f.source) for f in result.findings}


# --------------------------------------------------------------------------- actors


def test_curly_possessives_do_not_crash_and_still_match() -> None:
    result = found("Ingrid Solberg’s plan won. Solberg’s critics and the Children’s Fund disagreed.")
    assert "Ingrid Solberg" in names(result)
    assert all(
        m.surface in ("Ingrid Solberg", "Solberg") for m in result.mentions if m.actor_id == "ingrid-solberg"
    )


def test_filler_words_are_not_part_of_a_name() -> None:
    got = names(found("Meanwhile Gilad Ostrander said the talks failed. Could Ostrander stay?"))
    assert "Gilad Ostrander" in got
    assert not any(n.startswith(("Meanwhile", "Could")) for n in got)


def test_titles_become_roles_not_names() -> None:
    got = names(found("Foreign Minister Halvard Brennik met Former President Ottilie Varga on Monday.",
                      "“We will keep talking to every side of this conflict,” Brennik said."))
    assert got["Halvard Brennik"][:2] == ("person", "Foreign Minister")
    assert got["Ottilie Varga"][0] == "person" and got["Ottilie Varga"][1] == "President"
    assert not any("Minister" in n or "President" in n for n in got)


def test_words_before_a_name_that_make_no_role_give_none() -> None:
    """The end of the sentence before, a heading in capitals, an honorific, a word that says only when,
    or a phrase cut short by an abbreviation: none is a role a curator would keep."""
    cases = {
        "They met Hillary Clinton. FBI director Halvard Brennik said so.": "FBI director",
        "TOO EARLY - Halvard Brennik said the vote was close.": None,
        "Brennik met Mr. Tomasz Wielgosz on Monday.": None,
        "Former Ottilie Varga spoke on Monday.": None,
        "The late Ottilie Varga was praised.": None,
        "The plan was drafted by Ottilie Varga, a senior adviser to Mr. Brennik.": "senior adviser",
    }
    for text, role in cases.items():
        [person] = [f.actor for f in found(text, registry={}).findings
                    if f.actor.kind == "person" and f.source == "text"]
        assert person.role == role, text


def test_a_title_before_a_known_person_links_the_registry_entry() -> None:
    result = found("Secretary-General Antonio Guterres said the vote was a turning point for the region.")
    assert names(result)["António Guterres"][2] == "registry"  # accents folded, title not part of the name


def test_lowercase_role_before_a_name() -> None:
    got = names(found("The delegation was led by ruling party Politburo member Tomasz Wielgosz on Friday."))
    assert got["Tomasz Wielgosz"][:2] == ("person", "Politburo member")


def test_organisations_are_whole_and_typed() -> None:
    got = names(found(
        "The Committee to Protect Journalists and the Ministry of Water and Sanitation criticised the "
        "Northbridge Port Authority. Northwind Holdings said it would appeal."))
    assert got["Committee to Protect Journalists"][0] == "organisation"
    assert got["Ministry of Water and Sanitation"][0] == "organisation"
    assert got["Northbridge Port Authority"][0] == "organisation"
    assert got["Northwind Holdings"][0] == "organisation"
    assert "Protect Journalists" not in got


def test_a_business_whose_name_opens_with_a_given_name_is_no_person() -> None:
    """"Urban" and "Turner" are given names; "Interests" and "Movies" say what the run is."""
    got = names(found(
        "Marsh Urban Interests bought the block, and Tilda Classic Movies will show the film. "
        "Lena Harwick Properties sold it. Marsh Urban Interests said building starts in June."))
    assert got["Marsh Urban Interests"][0] == "organisation"
    assert got["Tilda Classic Movies"][0] == "organisation"
    assert got["Lena Harwick Properties"][0] == "organisation"
    got = names(found("Northwind Inc. said the parade drew 5,000 people, and Marsh Corp. agreed."))
    assert got["Northwind Inc."][0] == got["Marsh Corp."][0] == "organisation"  # the full stop kept
    got = names(found("Crowds filled the square; Harbour Lights, Inc. said the parade drew 5,000."))
    assert got["Harbour Lights, Inc."][0] == "organisation"  # a comma before the legal form


def test_a_work_named_after_a_person_is_no_person() -> None:
    got = names(found("She read the Halvard Brennik Guide to saving. Celinda Lake said polls moved."))
    assert "Halvard Brennik Guide" not in got
    assert got["Celinda Lake"][0] == "person"  # a surname that is also a place word still can be


def test_a_heading_in_capitals_is_no_title_and_name() -> None:
    got = names(found("The gown sold on Friday, Halvard Brennik said.",
                      "PRINCESS MARIT'S ‘GREY HERON’ SCARF SETS RECORD BY SELLING FOR $1.1M"))
    assert list(got) == ["Halvard Brennik"]


def test_a_full_stop_inside_a_closing_quotation_mark_ends_the_name() -> None:
    got = names(found("“I voted for Halvard Brennik.” And then she left, Marit Oyen said.",
                      "He called it ‘the Northwind Holdings.’ Then he went home."))
    assert "Halvard Brennik" in got and "Northwind Holdings" in got
    assert not any(name.endswith(("And", "Then")) for name in got)


def test_laws_places_events_and_demonym_groups_are_not_actors() -> None:
    got = names(found(
        "The Fiscal Responsibility Act passed as crowds gathered at the Western Wall and in the Gaza Strip. "
        "Israeli Americans and Moderate Democrats marched on Harbour Street during the Spring Festival."))
    for not_actor in ("Fiscal Responsibility Act", "Western Wall", "Gaza Strip", "Israeli Americans",
                      "Moderate Democrats", "Harbour Street", "Spring Festival"):
        assert not_actor not in got, not_actor


def test_core_actors_come_from_the_gazetteer() -> None:
    got = names(found("Israel and Hamas agreed to a pause, the United Nations said, as Ukraine, Poland and "
                      "Iran watched. NATO and Reuters reported the same."))
    for name, kind in [("Israel", "state"), ("Hamas", "organisation"), ("United Nations", "organisation"),
                       ("Ukraine", "state"), ("Poland", "state"), ("Iran", "state"), ("Reuters", "media")]:
        assert got[name][0] == kind and got[name][2] == "gazetteer", name


def test_capitals_and_demonyms_stand_for_states_only_in_context() -> None:
    got = names(found("Beijing warned on Tuesday. Talks were held in Moscow.", registry={}))
    assert "China" in got and "Russia" not in got
    got = names(found("Israeli troops moved north. Israeli Americans rallied.", registry={}))
    assert "Israel" in got
    assert "Israel" not in names(found("Israeli Americans rallied in the city.", registry={}))


def test_registry_short_forms_and_spellings() -> None:
    got = names(found("The U.S. and Washington’s allies met Kim Jong-un. Kim later left."))
    assert got["United States"][2] == "registry" and got["Kim Jong Un"][2] == "registry"
    assert (
        len([f for f in found("US officials and the U.S. envoy").findings if f.actor.id == "united-states"])
        == 1
    )


def test_spelling_variants_are_one_proposal() -> None:
    result = found("Lionel Varga Sr. spoke first. Later Lionel Varga spoke again. Maria Okonkwo’s aide and "
                   "Maria Okonkwo agreed.")
    people = [f.actor for f in result.findings if f.actor.kind == "person"]
    assert sorted(p.name for p in people) == ["Lionel Varga Sr.", "Maria Okonkwo"]


def test_a_known_organisation_inside_a_longer_name() -> None:
    got = names(found("The Colorado Supreme Court ruled, and the Northbridge Board of Pharmacy agreed."))
    assert got["Colorado Supreme Court"][0] == "organisation"
    assert got["Northbridge Board of Pharmacy"][0] == "organisation"


def test_a_us_states_own_body_is_not_the_federal_one_named_like_it() -> None:
    """A state's departments, chambers and courts share the federal names: "Department of Justice"
    inside "California Department of Justice" is not the US Justice Department."""
    result = found("The California Department of Justice and the Washington State Department of Health "
                   "said so. The Missouri House of Representatives voted, and the New York State Thruway "
                   "Authority agreed.")
    got = names(result)
    for name in ("California Department of Justice", "Washington State Department of Health",
                 "Missouri House of Representatives", "New York State Thruway Authority"):
        assert got[name][0] == "organisation", name
    assert not {"US Justice Department", "US State Department", "US House of Representatives"} & set(got)
    # the federal bodies themselves, and a state senator's title, are read as before
    got = names(found("The U.S. State Department and the Justice Department replied. New York State "
                      "Senator Elsbeth Varnum said it was bad."))
    assert {"US State Department", "US Justice Department"} <= set(got)
    assert got["Elsbeth Varnum"][:2] == ("person", "New York State Senator")


def test_places_groups_and_papers_are_not_people() -> None:
    """A city whose first word is a given name, its newspaper, a room and a group named by a number
    are no one; the court a US story calls "the Supreme Court" is the US one."""
    got = names(found("Voters in Des Moines told the Des Moines Register that the Gang of Eight had met "
                      "in the Oval Office. The Supreme Court ruled against the US government."))
    assert "Des Moines" not in got and "Gang of Eight" not in got and "Oval Office" not in got
    assert got["Des Moines Register"][0] == "media"
    assert "Supreme Court of the United States" in got and "Supreme Court" not in got


def test_a_party_in_front_of_a_known_body_is_that_body() -> None:
    got = names(found("The Republican Senate and the Republican-controlled House blocked it, a Democratic "
                      "White House aide said, as the US watched."))
    assert {"US Senate", "US House of Representatives", "White House"} <= set(got)
    assert not any(name.startswith(("Republican", "Democratic")) for name in got)


def test_no_new_names_from_headlines_of_other_stories() -> None:
    """Pages keep headlines of other stories in the body; their capitalised words are not names."""
    got = names(found("How The Harbour Elite Betrayed Their Party And Paved The Way For Northbridge.",
                      "Halvard Brennik Says The Vote Is Over.",
                      "The Northbridge Port Authority said on Monday that Ottilie Varga had resigned."))
    assert set(got) == {"Northbridge Port Authority", "Ottilie Varga"}


def test_no_new_names_from_lines_that_are_labels() -> None:
    """A line that is only a name (an item of a list of products or stories, a letter's signature) or a
    name and a credit proposes nothing; the same name in prose does."""
    got = names(found("Deep Dive", "Tomasz Wielgosz, senior reporter", "Gilad Ostrander.", "Kestrel Holdings",
                      "Kestrel Holdings sold more kettles this year, Ottilie Varga said."))
    assert set(got) == {"Kestrel Holdings", "Ottilie Varga"}


def test_no_new_names_from_the_heading_of_a_list_item() -> None:
    """ "- A Narrowly Split Court: ..." opens a list item with a heading; "Ottilie Varga: ..." is a
    speaker."""
    got = names(found("- A Narrowly Split Court: The Northbridge Port Authority met on Monday.",
                      "Ottilie Varga: We will not give up."))
    assert set(got) == {"Northbridge Port Authority", "Ottilie Varga"}


def test_a_thing_named_after_someone_is_no_person() -> None:
    got = names(found("The unit worked at Ida B. Wells, a former public housing complex where it operated. "
                      "Ottilie Varga, a University of Northbridge professor, agreed."))
    assert "Ida B. Wells" not in got
    assert got["Ottilie Varga"][1] == "University of Northbridge professor"


def test_a_persons_name_stops_before_an_organisation_word() -> None:
    got = names(found("Martin Ostrander for the Democratic nomination spoke. The Orlando Sentinel reported "
                      "that Kestrel Brothers and Marc Ferrow Footwear agreed."))
    assert got["Martin Ostrander"][0] == "person"
    assert got["Orlando Sentinel"][0] == "media"
    assert got["Kestrel Brothers"][0] == got["Marc Ferrow Footwear"][0] == "organisation"


def test_a_place_named_after_someone_is_no_person() -> None:
    got = names(found("Voters in Charles County and visitors to Madison Square Garden and Rock City Gardens "
                      "cheered, Celinda Lake said."))
    assert set(got) == {"Celinda Lake"}  # a surname that is also a place word still makes a person


def test_acronym_defined_in_the_text_is_an_alias() -> None:
    result = found("The Civilian Office of Harbour Accountability (COHA) reported. COHA said it was done.")
    [office] = [
        f.actor for f in result.findings if f.actor.name == "Civilian Office of Harbour Accountability"
    ]
    assert "COHA" in office.aliases
    assert {m.actor_id for m in result.mentions if m.surface == "COHA"} == {office.id}


def test_proposals_per_article_are_capped() -> None:
    many = ". ".join(f"Official Marta Kowal{i:03d}ski said no" for i in range(300))
    assert len(found(many, registry={}).findings) <= 60


# --------------------------------------------------------------------------- quotes


ACTORS = {a.id: a for a in [
    Actor("halvard-brennik", "Halvard Brennik", "person"),
    Actor("ottilie-varga", "Ottilie Varga", "person"),
    Actor("united-states", "United States", "state", ("US", "U.S.")),
    Actor("harbour-board", "Harbour Board", "organisation"),
]}
KINDS = {a.id: a.kind for a in ACTORS.values()}


def quotes(*paragraphs: str) -> list[tuple[str, str]]:
    result = find_quotes(list(paragraphs), lambda t: find_mentions(t, ACTORS, list(ACTORS)), KINDS)
    return [(q.speaker, q.text) for q in result.quotes]


def test_quote_forms_and_attributions() -> None:
    got = quotes(
        "Halvard Brennik spoke first. “We are not going to accept these terms at all,” he said.",
        "In his letter, Ottilie Varga writes that ‘the harbour will stay open to every ship’.",
        "“The board will decide this in the spring, not before,” said Varga, the chair of the panel.",
        "According to Brennik, “there is no money left for the second bridge this year.”",
    )
    assert got == [
        ("halvard-brennik", "We are not going to accept these terms at all."),
        ("ottilie-varga", "the harbour will stay open to every ship"),
        ("ottilie-varga", "The board will decide this in the spring, not before."),
        ("halvard-brennik", "there is no money left for the second bridge this year."),
    ]


def test_quote_across_paragraphs_is_one_quote() -> None:
    got = quotes("Halvard Brennik told reporters: “The first ferry leaves at six in the morning.",
                 "“The second one leaves at noon, and there will be no third one.”")
    assert got == [("halvard-brennik", ("The first ferry leaves at six in the morning. The second one leaves "
                                       "at noon, and there will be no third one."))]


def test_person_before_the_body_they_speak_for() -> None:
    got = quotes("“We will not vote for this text in its current form,” said US ambassador Halvard Brennik.")
    assert got == [("halvard-brennik", "We will not vote for this text in its current form.")]


def test_body_only_when_no_person_is_named() -> None:
    assert quotes("“The harbour closes at midnight on every day of the week,” the Harbour Board said.") == [
        ("harbour-board", "The harbour closes at midnight on every day of the week.")]


def test_unattributed_quotes_are_not_guessed() -> None:
    result = find_quotes(["Residents called it “a very long and quite costly mistake” at the meeting.",
                          "“Nobody asked us before the work began on the pier,” one fisherman said."],
                         lambda t: find_mentions(t, ACTORS), KINDS)
    assert [q.speaker for q in result.quotes] == [None, None]
    assert [q.text for q in result.unattributed] == ["a very long and quite costly mistake",
                                                     "Nobody asked us before the work began on the pier."]
    assert "anonymous or generic ('one fisherman')" in result.quotes[1].reason


def test_apostrophes_are_not_single_quotes() -> None:
    assert (
        quotes("Brennik’s view, the board’s view and the workers’ view were heard, Halvard Brennik said.")
        == []
    )


def test_many_quotes_are_capped() -> None:
    paragraph = " ".join(f"“Quote number {i} is here for the record,” Brennik said." for i in range(500))
    assert len(quotes("Halvard Brennik spoke.", paragraph)) == 200


def test_short_acronyms_of_national_bodies_need_their_country() -> None:
    sports = names(found("The CMC rushed for 120 yards as the ANC headphones sold out.", registry={}))
    assert not any(kind == "organisation" for kind, _role, _source in sports.values())
    politics = names(found("China's defence chiefs met. The CMC issued new orders on Monday.", registry={}))
    assert any(f[0] == "organisation" for n, f in politics.items() if "Military Commission" in n)
    assert [f.actor.id for f in found("The FBI opened an inquiry in Chicago.", registry={}).findings] == [
        "fbi"
    ]


def test_fragments_that_are_not_how_people_are_named() -> None:
    got = names(found("Reviewer Taylor B. liked it. F. This was odd, said Hong Kong officials. "
                      "Unblocked Netflix said nothing, and the Prince of Peace was praised."))
    for junk in ("Taylor B.", "F. This", "Hong Kong", "Unblocked Netflix", "Prince of Peace"):
        assert junk not in got, junk


def test_seats_of_government_stand_for_their_state() -> None:
    assert "Russia" in names(found("The Kremlin rejected the offer on Friday.", registry={}))
    assert "Russia" not in names(found("Tourists queued outside the Kremlin on Friday.", registry={}))


def test_copy_goes_on_quoting_the_last_speaker() -> None:
    got = quotes(
        "“The pier will reopen in May, once the repairs are done,” said Halvard Brennik, who met Ottilie "
        "Varga on Monday. “After that we will look at the ferry timetable again.”",
        "“Nobody should expect the fees to fall this year,” he said.",
    )
    assert [speaker for speaker, _text in got] == ["halvard-brennik"] * 3


def test_a_possessive_inside_a_bodys_name_keeps_it_whole() -> None:
    got = names(found("Officers of the Marrow County Sheriff's Department arrived, and the Eastvale "
                      "District Attorney’s Office said nothing. Halvard Brennik's Office declined to "
                      "comment.",
                      registry={}))
    assert "Marrow County Sheriff's Department" in got
    assert "Eastvale District Attorney’s Office" in got
    assert "Halvard Brennik's Office" not in got  # a person's name is no owner inside a body's name


def test_well_known_companies_come_from_the_gazetteer() -> None:
    got = names(found("Toyota and Honda recalled cars, and Sony said sales fell.", registry={}))
    assert {"Toyota", "Honda", "Sony"} <= set(got)


def test_a_surname_that_is_also_a_demonym_is_a_persons() -> None:
    got = names(found("David French said the rule was bad, and Anna German left. Israeli Americans rallied.",
                      registry={}))
    assert got.get("David French", ("",))[0] == "person" and got.get("Anna German", ("",))[0] == "person"
    assert "Israeli Americans" not in got and "Israeli American" not in got


def test_an_agency_credited_in_a_dateline_is_no_actor() -> None:
    assert "Associated Press" not in names(found("MARROW, Aurelia (AP) — The harbour closed on Friday.",
                                                 registry={}))
    assert "Associated Press" in names(found("MARROW, Aurelia (AP) — The harbour closed on Friday.",
                                             "The Associated Press reported it first.", registry={}))


def test_a_us_state_abbreviation_after_a_city_is_a_place() -> None:
    """"Nashville, Tenn." is a city and its state, never a company named Tenn."""
    hiring = "Tech companies are hiring in Nashville, Tenn., this year, and in Austin."
    assert "Tenn" not in names(found(hiring))
    assert "Tenn" not in names(found("Offices grew in Houston; Nashville, Tenn.; and Jacksonville, Fla., "
                                     "as tech companies spread out."))


def test_an_actor_named_only_in_the_headline_is_listed(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The headline counts for actors the registry has (as a caption does), never for new names."""
    text = ("China Backs Ferry Plan For Halvard Brennik\n\n"
            "The harbour council voted on Thursday to approve a new ferry line between the old "
            "port and the island, after two years of debate about cost and noise.\n\n"
            "Construction of the new pier is expected to begin in the summer, officials said.\n")
    root, _ = ingest_text(capsys, tmp_path, text)
    [path] = written(root)
    actors = front_matter(path)["actors"]
    assert "china" in actors
    assert not any("brennik" in a for a in actors)


def test_a_one_word_company_after_a_given_name_is_a_surname() -> None:
    """"Michael Bloomberg" is a person, and "Bloomberg" alone after him is too; not the news agency."""
    result = found("Donors such as Michael Bloomberg said the plan would work. "
                   "Bloomberg added that he would pay.")
    assert "Bloomberg" not in names(result)
    assert {m.actor_id for m in result.mentions if m.surface == "Bloomberg"} == {"michael-bloomberg"}
    # Without a given name before it, the word is the agency.
    agency = found("Bloomberg reported on Monday that the bank would cut jobs.")
    assert names(agency)["Bloomberg"][0] == "media"


def test_the_white_house_as_a_place_or_a_prize_is_no_actor() -> None:
    prize = found("Cruz hopes to win the White House in November. "
                  "The senator held a dinner at the White House.")
    assert "White House" not in names(prize)
    # Named once as the body that acts, it is listed.
    acting = found("The White House said the talks would resume. A dinner at the White House followed.")
    assert "White House" in names(acting)
    assert "White House" in names(found("A White House spokesman declined to comment."))


def test_streets_and_a_sentence_opening_word_are_not_names() -> None:
    result = found("Crowds packed Marine Drive and Lincoln Boulevard to see the bridge, "
                   "said Maria Lopez, a ranger.")
    assert set(names(result)) == {"Maria Lopez"}
    result = found("Once Congress postpones the tax, the law will weaken, Republicans said.")
    assert not any(name.startswith("Once") for name in names(result))


def test_a_short_form_of_a_new_name_is_its_alias() -> None:
    result = found("Evangelical leader Bob Vander Plaats said the race was close. "
                   "Vander Plaats added that Cruz would win.")
    assert list(names(result)) == ["Bob Vander Plaats"]
    assert {m.actor_id for m in result.mentions} == {"bob-vander-plaats"}
    result = found("The Turquoise Council of Americans and Eurasians paid for the trips, the group said. "
                   "The Turquoise Council said it followed the rules.")
    assert list(names(result)) == ["Turquoise Council of Americans and Eurasians"]


def test_a_states_senate_makes_the_senate_that_chamber() -> None:
    text = ("The U.S. economy slowed. After a 39-hour filibuster, the Missouri Senate passed the bill. "
            "The Senate vote sends it to the House.")
    assert not {"US Senate", "US House of Representatives"} & set(names(found(text)))
    # Another body's local form stays: "the Supreme Court" is not a chamber.
    court = found("The U.S. economy slowed. The Missouri Senate met. The Supreme Court ruled on Monday.")
    assert any("Supreme Court" in name for name in names(court))


def test_the_publishing_outlet_is_not_an_actor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An outlet naming itself ("told Al Jazeera") publishes the article; it is not one of its actors."""
    story = ("Harbour workers strike over pay\n\n"
             "Harbour workers in Port Aster walked out on Monday over pay, the union's leader Halvard "
             "Brennik told Al Jazeera, as ferries stood idle and the BBC filmed the empty quays.\n\n"
             "The strike is expected to last a week, officials said on Monday afternoon.\n")
    root, out = ingest_text(capsys, tmp_path, story)
    [path] = written(root)
    actors = front_matter(path)["actors"]
    assert "bbc" in actors and not any("jazeera" in a for a in actors)
    assert "published the article" in out


def test_a_party_tag_and_a_us_state_name_no_state_or_body() -> None:
    """"(D-PA)" is Pennsylvania, not the Palestinian Authority; "New Mexico" is a US state, not Mexico."""
    result = found("Sen. Bob Casey (D-PA) said the vote mattered, and Gov. Susana Martinez of New Mexico "
                   "agreed.")
    assert set(names(result)) == {"Bob Casey", "Susana Martinez"}


def test_capitals_in_a_list_of_places_are_places() -> None:
    result = found("After the attacks in Paris, Brussels, Beirut and Bamako, leaders met. "
                   "Beijing said it would help.")
    assert set(names(result)) == {"China"}


def test_a_platform_named_only_where_something_was_posted_is_no_actor() -> None:
    assert "Meta" not in names(found("Activist Ana Ruiz posted the story on Facebook on Monday."))
    acting = found("Activist Ana Ruiz posted the story on Facebook. Facebook said it would act.")
    assert "Meta" in names(acting)


def test_awards_and_holidays_are_not_actors_and_a_beacon_is_a_medium() -> None:
    assert names(found("He won the Heisman Trophy in 1985, the year the league folded.")) == {}
    beacon = found("Reporters at the Free Beacon asked the senator about it.")
    assert names(beacon)["Free Beacon"][0] == "media"


def test_an_outlets_short_name_is_matched_word_by_word() -> None:
    from site_builder.authoring.ingest.command import _same_medium
    assert _same_medium("Wash Post", "The Washington Post")
    assert _same_medium("huff-post", "HuffPost") and _same_medium("Huff Post", "Huffington Post")
    assert not _same_medium("Post", "The Washington Post")
    assert not _same_medium("Times", "The New York Times") and not _same_medium("Al", "Al Jazeera")
