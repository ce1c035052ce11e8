"""Writes for people: profiles, and diversity data kept only with consent.

Diversity data lives apart from the profile (DiversityProfile) and only while
a consent stands (DiversityConsent). Withdrawing consent deletes the data and
keeps the record that consent was given and withdrawn.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import audit, message_kinds
from ..errors import ApplicationError
from ..models import DiversityConsent, DiversityProfile, Person

PROFILE_FIELDS = (
    "full_name",
    "preferred_name",
    "email",
    "phone",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "contact_channel",
    "large_print",
    "needs_step_free_access",
    "needs_hearing_loop",
    "needs_bsl_interpreter",
    "language",
    "other_support_needs",
    "available_daytime",
    "available_evening",
    "online_only",
)
DIVERSITY_FIELDS = (
    "diabetes_type",
    "age_band",
    "ethnicity",
    "locality",
    "carer",
    "at_risk_of_type_2",
)

# The words a person agrees to. Stored with each consent, so a later change of
# wording never changes what someone agreed to.
DIVERSITY_CONSENT_WORDING = (
    "I agree that the organisations whose groups I am in may keep the answers I give "
    "about my type of diabetes, my age, my ethnic group, where I live, and whether I am "
    "a carer or at risk of Type 2 diabetes. They use them only to check that each group "
    "includes a mix of people. Only their coordinators and I can see my answers; anyone "
    "else sees totals only, and never totals of fewer than five people. I can withdraw "
    "my agreement at any time, and my answers will then be deleted."
)
DIVERSITY_CONSENT_WORDING_ON_BEHALF = (
    "Recorded by a coordinator on the person's behalf. The person agreed that the "
    "organisations whose groups they are in may keep their answers about their type of "
    "diabetes, age, ethnic group, where they live, and whether they are a carer or at "
    "risk of Type 2 diabetes, to check that each group includes a mix of people; that "
    "only coordinators and they can see the answers; and that they can withdraw at any "
    "time, when the answers will be deleted."
)

_PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def _normalise(person: Person) -> None:
    for name in ("full_name", "preferred_name", "email", "phone", "address_line_1"):
        setattr(person, name, (getattr(person, name) or "").strip())
    for name in ("address_line_2", "town", "language", "other_support_needs"):
        setattr(person, name, (getattr(person, name) or "").strip())
    postcode = re.sub(r"\s+", "", (person.postcode or "").upper())
    if len(postcode) > 3:
        postcode = f"{postcode[:-3]} {postcode[-3:]}"
    person.postcode = postcode


def _check_person(person: Person) -> None:
    _normalise(person)
    errors: dict[str, str] = {}
    if not person.full_name:
        errors["full_name"] = "Enter the full name"
    channel = person.contact_channel
    if channel == Person.Channel.EMAIL and not person.email:
        errors["email"] = "Enter an email address, or choose another way to be contacted"
    if channel == Person.Channel.PHONE and not person.phone:
        errors["phone"] = "Enter a phone number, or choose another way to be contacted"
    if person.phone and not _PHONE.match(person.phone):
        errors["phone"] = "Enter a phone number, like 01632 960 001 or 07700 900 982"
    if channel == Person.Channel.POST:
        if not person.address_line_1:
            errors["address_line_1"] = "Enter the first line of the address, for letters"
        if not person.postcode:
            errors["postcode"] = "Enter the postcode, for letters"
    if person.postcode and not _POSTCODE.match(person.postcode):
        errors["postcode"] = "Enter a real postcode, like LS1 4AP"
    if errors:
        raise ValidationError(errors)
    person.full_clean(exclude=["user"])


@transaction.atomic
def person_create(*, user=None, **fields) -> Person:
    """A person's record. `user` links it to a login (none for people who only
    use post or phone)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"person_create() got unexpected fields: {sorted(unknown)}")
    person = Person(user=user, **fields)
    _check_person(person)
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, **fields) -> Person:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"person_update() got unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(person, name, value)
    _check_person(person)
    person.save(update_fields=[*fields, "updated_at"])
    return person


@transaction.atomic
def person_choose_messages(*, person: Person, wanted: list[str]) -> Person:
    """The person chose which kinds of message they want: every kind they may
    turn off is stored on or off as chosen. Essential messages (a meeting
    changed, a decision, a payment) cannot be turned off, so they are never
    stored; kinds no longer registered are forgotten."""
    unknown = set(wanted) - {kind.code for kind in message_kinds.optional_kinds()}
    if unknown:
        raise ValidationError({"wanted": "Choose only from the messages listed"})
    person.message_choices = {
        kind.code: kind.code in wanted for kind in message_kinds.optional_kinds()
    }
    person.save(update_fields=["message_choices", "updated_at"])
    return person


@transaction.atomic
def person_get_or_create_for_user(*, user) -> Person:
    """The Person record of a login, made from the login's details on first use."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person(
            user=user,
            full_name=user.full_name or user.email.split("@")[0],
            preferred_name=user.preferred_name,
            email=user.email,
            contact_channel=Person.Channel.EMAIL,
        )
        person.full_clean(exclude=["user"])
        person.save()
    # permissions.person_of remembers a login's record for the request.
    user._involve_person = person
    return person


def diversity_consent_current(*, person: Person) -> DiversityConsent | None:
    return person.diversity_consents.filter(withdrawn_at__isnull=True).first()


@transaction.atomic
def diversity_save(
    *,
    person: Person,
    answers: dict[str, str],
    recorded_by=None,
    consent_given: bool = False,
    wording: str = DIVERSITY_CONSENT_WORDING,
) -> DiversityProfile:
    """Keep a person's diversity answers. Needs a standing consent, or consent
    given now (`consent_given`), which is recorded with its wording first."""
    unknown = set(answers) - set(DIVERSITY_FIELDS)
    if unknown:
        raise TypeError(f"diversity_save() got unexpected answers: {sorted(unknown)}")
    Person.objects.select_for_update().filter(pk=person.pk).first()
    consent = diversity_consent_current(person=person)
    if consent is None:
        if not consent_given:
            raise ApplicationError(
                "We can only keep this information if the person agrees. "
                "Record their agreement first.",
                code="no_consent",
            )
        consent = DiversityConsent(
            person=person, wording=wording, given_at=timezone.now(), recorded_by=recorded_by
        )
        consent.full_clean()
        consent.save()
        audit.record_about_person(
            person=person, action=audit.Action.CONSENT_RECORDED, actor=recorded_by
        )
    profile = DiversityProfile.objects.filter(person=person).first() or DiversityProfile(
        person=person
    )
    for name in DIVERSITY_FIELDS:
        setattr(profile, name, (answers.get(name) or "").strip())
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def diversity_consent_withdraw(*, person: Person) -> DiversityConsent:
    """Withdraw consent: the answers are deleted; the record of consent stays."""
    consent = (
        DiversityConsent.objects.select_for_update()
        .filter(person=person, withdrawn_at__isnull=True)
        .first()
    )
    if consent is None:
        raise ApplicationError(
            "There is no agreement to withdraw: no diversity information is kept.",
            code="no_consent",
        )
    DiversityProfile.objects.filter(person=person).delete()
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    audit.record_about_person(person=person, action=audit.Action.CONSENT_WITHDRAWN)
    return consent


def person_special_category_viewed(*, person: Person, viewer, diversity: bool) -> None:
    """Someone other than the person saw their support needs (and, when
    `diversity`, their diversity answers): one line in the audit log."""
    audit.record_about_person(
        person=person,
        action=audit.Action.SPECIAL_CATEGORY_VIEWED,
        actor=viewer,
        detail={"diversity": diversity},
    )
