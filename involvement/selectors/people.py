"""Reads for people's profiles and their (consented) diversity data."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .. import permissions
from ..models import DiversityConsent, DiversityProfile, Membership, Person
from .bodies import seats_of_person


def person_list_visible_to(*, user, group_id: int | None = None) -> QuerySet[Person]:
    """People in the groups of the organisations where the user may see people,
    each with the memberships the user may see."""
    memberships = permissions.memberships_visible_to(user)
    if group_id is not None:
        memberships = memberships.filter(group_id=group_id)
    return (
        Person.objects.filter(pk__in=memberships.values("person_id"))
        .only("full_name", "contact_channel", "large_print")  # what the list shows
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=permissions.memberships_visible_to(user)
                .select_related("group")
                .only("person", "status", "group__name")
                .order_by("group__name"),
                to_attr="visible_memberships",
            )
        )
        .order_by("full_name", "pk")
    )


def person_memberships_visible_to(*, user, person: Person) -> list[Membership]:
    return list(
        permissions.memberships_visible_to(user)
        .filter(person=person)
        .select_related("group__organisation", "buddy__person")
        .order_by("group__name")
    )


def person_seats_visible_to(*, user, person: Person) -> list:
    """The person's current and future seats on bodies whose representatives'
    names this user may see (commissioners see how many, never who)."""
    seats = list(
        seats_of_person(person=person)
        .select_related("membership__group")
        .order_by("body__name", "term_start")
    )
    allowed = {}
    shown = []
    for seat in seats:
        organisation_id = seat.body.organisation_id
        if organisation_id not in allowed:
            allowed[organisation_id] = permissions.can_see_representatives(user, organisation_id)
        if allowed[organisation_id]:
            shown.append(seat)
    return shown


def diversity_of(*, person: Person) -> DiversityProfile | None:
    return DiversityProfile.objects.filter(person=person).first()


def diversity_answers(profile: DiversityProfile | None) -> list[tuple[str, str]]:
    """(question, answer) pairs for a summary list; unanswered ones say so."""
    if profile is None:
        return []
    questions = [
        ("Type of diabetes", profile.get_diabetes_type_display()),
        ("Age", profile.get_age_band_display()),
        ("Ethnic group", profile.get_ethnicity_display()),
        ("Part of the area", profile.locality),
        ("Carer", profile.get_carer_display()),
        ("At risk of Type 2 diabetes", profile.get_at_risk_of_type_2_display()),
    ]
    return [(question, answer or "Not answered") for question, answer in questions]


def consent_history(*, person: Person) -> list[DiversityConsent]:
    return list(person.diversity_consents.select_related("recorded_by").order_by("-given_at"))


def localities_for(*, person: Person) -> list[str]:
    """The places a person may say they live: the localities of the
    organisations whose groups they are in, in order, without repeats."""
    seen: list[str] = []
    organisations = (
        Membership.objects.filter(person=person)
        .select_related("group__organisation")
        .values_list("group__organisation__localities", flat=True)
    )
    for localities in organisations:
        for place in localities or []:
            if place not in seen:
                seen.append(place)
    return seen
