"""Group and diversity-factor services: what they save, and what they refuse
with a message that says what to do."""

import pytest
from django.core.exceptions import ValidationError

from involvement.models import DiversityFactor, Group
from involvement.services import groups as services
from tests.factories import GroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _create(organisation, **overrides):
    fields = {
        "organisation": organisation,
        "name": "Valley Diabetes Voices",
        "purpose": "Shape diabetes services in the valley.",
        "cadence": Group.Cadence.MONTHLY,
    }
    return services.group_create(**{**fields, **overrides})


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_group_create_saves_the_group_with_default_target_size():
    organisation = OrganisationFactory()

    group = _create(organisation, ground_rules="We listen.", terms_of_reference="We advise.")

    group.refresh_from_db()
    assert (group.target_min, group.target_max) == (10, 14)
    assert group.ground_rules == "We listen."
    assert group.terms_of_reference == "We advise."


def test_suggested_factors_include_one_per_locality_of_the_organisation():
    organisation = OrganisationFactory(localities=["North of the dale", "South of the dale"])

    suggestions = services.diversity_factor_suggestions(organisation=organisation)

    names = {s.name: (s.attribute, s.values, s.minimum) for s in suggestions}
    assert names["Type 1 diabetes"] == ("diabetes_type", ("type_1",), 2)
    assert names["Type 2 diabetes"] == ("diabetes_type", ("type_2",), 2)
    assert names["Aged under 40"] == ("age_band", ("under_25", "25_39"), 2)
    assert names["Carers"] == ("carer", ("yes",), 1)
    assert names["North of the dale"] == ("locality", ("North of the dale",), 2)
    assert names["South of the dale"] == ("locality", ("South of the dale",), 2)


def test_chosen_suggestions_are_stored_as_ordinary_factor_rows():
    organisation = OrganisationFactory(localities=["Upper town"])
    suggestions = {
        s.key: s for s in services.diversity_factor_suggestions(organisation=organisation)
    }

    group = _create(organisation, factors=[suggestions["type_1"], suggestions["locality_0"]])

    rows = DiversityFactor.objects.filter(group=group).order_by("name")
    assert [(f.name, f.attribute, f.values, f.minimum) for f in rows] == [
        ("Type 1 diabetes", "diabetes_type", ["type_1"], 2),
        ("Upper town", "locality", ["Upper town"], 2),
    ]


def test_a_group_name_used_in_the_same_organisation_is_refused():
    organisation = OrganisationFactory()
    _create(organisation)

    with pytest.raises(ValidationError) as excinfo:
        _create(organisation, name="valley diabetes voices")

    assert "already has a group called" in _errors(excinfo)["name"][0]


def test_the_same_group_name_in_another_organisation_is_fine():
    _create(OrganisationFactory())
    assert _create(OrganisationFactory()).pk


def test_another_pattern_of_meetings_needs_the_number_of_weeks():
    with pytest.raises(ValidationError) as excinfo:
        _create(OrganisationFactory(), cadence=Group.Cadence.CUSTOM, cadence_weeks=None)

    assert _errors(excinfo)["cadence_weeks"] == [
        "Enter the number of weeks between meetings, like 8"
    ]


def test_weeks_are_dropped_when_the_group_meets_monthly():
    group = _create(OrganisationFactory(), cadence=Group.Cadence.MONTHLY, cadence_weeks=3)
    assert group.cadence_weeks is None


def test_smallest_target_above_largest_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        _create(OrganisationFactory(), target_min=15, target_max=12)

    assert "must be the same as or more than the smallest" in _errors(excinfo)["target_max"][0]


def test_group_update_changes_only_what_it_is_given():
    group = GroupFactory(terms_of_reference="Old terms")

    services.group_update(group=group, cadence=Group.Cadence.CUSTOM, cadence_weeks=8)

    group.refresh_from_db()
    assert (group.cadence, group.cadence_weeks) == ("custom", 8)
    assert group.terms_of_reference == "Old terms"
    assert group.cadence_description == "Every 8 weeks"
    assert group.meetings_per_year == 6


@pytest.mark.parametrize(
    ("cadence", "meetings"),
    [("monthly", 12), ("six_weekly", 9), ("bi_monthly", 6)],
)
def test_meetings_a_year_follow_the_cadence(cadence, meetings):
    assert Group(cadence=cadence).meetings_per_year == meetings


def test_factor_with_answers_not_offered_for_its_question_is_refused():
    group = GroupFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.diversity_factor_create(
            group=group, name="Type 1", attribute="diabetes_type", values=["25_39"], minimum=2
        )

    assert _errors(excinfo)["values"] == ["Choose answers from the list"]


def test_factor_for_a_place_the_organisation_does_not_list_is_refused():
    group = GroupFactory(organisation__localities=["East side"])

    with pytest.raises(ValidationError) as excinfo:
        services.diversity_factor_create(
            group=group, name="West side", attribute="locality", values=["West side"], minimum=1
        )

    assert "values" in _errors(excinfo)


def test_factor_needs_a_minimum_that_fits_the_group():
    group = GroupFactory(target_max=12)

    with pytest.raises(ValidationError) as excinfo:
        services.diversity_factor_create(
            group=group, name="Carers", attribute="carer", values=["yes"], minimum=13
        )

    assert "no bigger than the group's largest size (12)" in _errors(excinfo)["minimum"][0]


def test_factor_names_are_unique_in_a_group():
    group = GroupFactory()
    services.diversity_factor_create(
        group=group, name="Carers", attribute="carer", values=["yes"], minimum=1
    )

    with pytest.raises(ValidationError) as excinfo:
        services.diversity_factor_create(
            group=group, name="carers", attribute="carer", values=["yes"], minimum=2
        )

    assert "already has" in _errors(excinfo)["name"][0]


def test_factor_update_and_delete():
    group = GroupFactory()
    factor = services.diversity_factor_create(
        group=group, name="Young", attribute="age_band", values=["under_25"], minimum=1
    )

    services.diversity_factor_update(
        factor=factor,
        name="Aged under 40",
        attribute="age_band",
        values=["under_25", "25_39"],
        minimum=3,
    )
    factor.refresh_from_db()
    assert (factor.name, factor.values, factor.minimum) == (
        "Aged under 40",
        ["under_25", "25_39"],
        3,
    )

    services.diversity_factor_delete(factor=factor)
    assert not DiversityFactor.objects.filter(pk=factor.pk).exists()
