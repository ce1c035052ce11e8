"""The briefing's plain English helpers: glossary terms found in a board
paper, the acronyms the glossary lacks, and the reading-age figure."""

from pathlib import Path

import pytest
from django.urls import reverse

from involvement.glossary import DEFAULT_TERMS, readability, terms_found, unknown_acronyms
from involvement.models import GlossaryTerm

PAPER = (Path(__file__).parent / "fixtures" / "board_paper.txt").read_text()


def test_the_glossarys_terms_in_the_paper_are_found():
    found = terms_found(PAPER, DEFAULT_TERMS)

    assert found == [
        "ICB",
        "QIPP",
        "Pathway",
        "Tariff",
        "HbA1c",
        "KPI",
        "GP",
        "Business case",
        "Board",
    ]


def test_a_term_is_found_only_as_a_whole_word():
    assert terms_found("The GPS failed; the tariffs rose.", ["GP", "Tariff"]) == ["Tariff"]
    assert terms_found("gp surgery", ["GP"]) == []  # an acronym matches its capitals


def test_acronyms_the_glossary_lacks_are_listed_once_in_order():
    assert unknown_acronyms(PAPER, DEFAULT_TERMS) == ["MDT", "CCG", "BAF"]


def test_acronyms_the_organisation_has_defined_are_not_listed():
    assert unknown_acronyms(PAPER, [*DEFAULT_TERMS, "MDT", "ccg"]) == ["BAF"]


def test_plain_english_reads_younger_than_board_language():
    plain = readability("We went to the board. We asked for clinics in the evening. They said yes.")
    dense = readability(
        "The organisation's commissioning intentions necessitate comprehensive "
        "reconfiguration of integrated community diabetes provision, contingent upon "
        "satisfactory demonstration of sustainable financial viability."
    )

    assert plain.reading_age < readability(PAPER).reading_age < dense.reading_age
    assert plain.plain
    assert not dense.plain
    assert (plain.sentences, plain.words) == (3, 15)


def test_the_grade_follows_the_flesch_kincaid_formula():
    # 6 words, 1 sentence, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    result = readability("The cat sat on the mat.")

    assert abs(result.grade - (-1.45)) <= 0.051  # rounded to one decimal place
    assert result.reading_age == 5


def test_no_words_has_no_reading_age():
    assert readability("") is None
    assert readability("  12 34 ") is None


# --- the organisation's glossary pages -----------------------------------------


@pytest.mark.django_db
def test_members_read_the_default_glossary_with_the_organisations_own_terms(world, login):
    GlossaryTerm.objects.create(
        organisation=world.organisation, term="ICB", meaning="Our local NHS planners."
    )
    GlossaryTerm.objects.create(
        organisation=world.other_organisation, term="MDT", meaning="Someone else's term."
    )

    page = login(world.user("member")).get(reverse("glossary", args=[world.organisation.pk]))

    text = page.content.decode()
    assert "HbA1c" in text
    assert "Our local NHS planners." in text  # its own wording wins
    assert "the NHS organisation that plans and pays" not in text
    assert "Someone else" not in text


@pytest.mark.django_db
def test_a_term_already_in_the_glossary_is_refused_with_what_was_typed_kept(world, login):
    GlossaryTerm.objects.create(organisation=world.organisation, term="MDT", meaning="A team.")
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("glossary-term-add", args=[world.organisation.pk]),
        {"term": "mdt", "meaning": "Multi-disciplinary team."},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "The glossary already has" in text
    assert "Multi-disciplinary team." in text
    assert GlossaryTerm.objects.filter(organisation=world.organisation).count() == 1
