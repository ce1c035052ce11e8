"""One person, one record: a coordinator's possible duplicates (same email,
an account's only once verified; or same name and postcode) and joining
them through a confirmation page. Every relation to Person has a merge rule
and a row of each kind is shown to move: a relation added later fails
`test_every_relation_to_person_is_built_here` until it is handled."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement import person_merge
from involvement.errors import ApplicationError
from involvement.models import AuditEntry, Person
from involvement.services import duplicates
from tests.access.expenses_admin import make_claim, make_meeting
from tests.access.privacy import make_duplicate_pair
from tests.factories import GroupFactory, MembershipFactory, NotificationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _diversity(world, person):
    from involvement.models import DiversityProfile
    from involvement.services.people import diversity_save

    diversity_save(person=person, answers={"diabetes_type": "type_2"}, consent_given=True)
    return DiversityProfile.objects.get(person=person)


def _consent(world, person):
    from involvement.models import DiversityConsent

    if not DiversityConsent.objects.filter(person=person).exists():
        _diversity(world, person)
    return DiversityConsent.objects.get(person=person)


def _membership(world, person):
    return MembershipFactory(person=person, group=GroupFactory(organisation=world.organisation))


def _notification(world, person):
    return NotificationFactory(recipient=person)


def _export(world, person):
    from involvement.models import PersonalDataExport

    return PersonalDataExport.objects.create(person=person)


def _erasure(world, person):
    from involvement.models import ErasureRequest

    return ErasureRequest.objects.create(person=person)


def _application(world, person):
    from tests.recruitment.scoring_data import add_application, make_vacancy

    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    return add_application(vacancy, person=person)


def _meeting(world, title):
    return make_meeting(world.objects["group"], title=title)


def _invitation(world, person):
    from meetings.models import Invitation

    return Invitation.objects.create(meeting=_meeting(world, "Invited"), person=person)


def _briefing_point(world, person):
    from meetings.models import Briefing, BriefingPoint

    briefing = Briefing.objects.create(
        meeting=_meeting(world, "Briefed"), points_close_on=timezone.localdate()
    )
    return BriefingPoint.objects.create(briefing=briefing, person=person, point="Parking")


def _calendar_token(world, person):
    from meetings.models import CalendarToken

    return CalendarToken.objects.create(person=person, token=f"token-{person.pk}")


def _debrief(world, person):
    from meetings.models import Debrief

    return Debrief.objects.create(meeting=_meeting(world, "Debriefed"), representative=person)


def _payment_preference(world, person):
    from expenses.models import PaymentPreference

    now = timezone.now()
    return PaymentPreference.objects.create(
        person=person, choice="accept", advice_offered_at=now, chosen_at=now
    )


def _claim(world, person):
    return make_claim(person, _meeting(world, "Claimed"))


def _feedback(world, person):
    from workplans.models import FeedbackItem

    return FeedbackItem.objects.create(
        group=world.objects["group"],
        text="Letters are hard to read.",
        source="event",
        said_on=timezone.localdate(),
        raised_by=person,
        owner=world.user("coordinator"),
        due_on=timezone.localdate() + datetime.timedelta(days=28),
    )


def _correction(world, person):
    from meetings.models import Correction, Minutes

    minutes = Minutes.objects.create(meeting=_meeting(world, "Minuted"))
    return Correction.objects.create(minutes=minutes, person=person, text="I said Tuesday.")


def _action(world, person):
    from meetings.models import Action

    return Action.objects.create(
        meeting=_meeting(world, "Acted on"),
        description="Book the hall",
        owner_person=person,
        due_on=timezone.localdate(),
    )


def _review_response(world, person):
    from meetings.models import ReflectiveReview, ReviewResponse

    review = ReflectiveReview.objects.create(
        group=world.objects["group"], title="Our year", closes_on=timezone.localdate()
    )
    return ReviewResponse.objects.create(
        review=review, person=person, working_well=4, heard=4, making_difference=3
    )


def _proposal(world, person):
    from workplans.models import PriorityExercise, Proposal

    exercise = PriorityExercise.objects.create(
        group=world.objects["group"], title="Priorities", briefing="What is happening locally."
    )
    return Proposal.objects.create(exercise=exercise, problem="Buses", proposed_by=person)


def _vote(world, person):
    from workplans.models import Vote

    return Vote.objects.create(proposal=_proposal(world, None), person=person)


def _survey_answer(world, person):
    from evaluation.models import SurveyAnswer, SurveyRound

    survey_round = SurveyRound.objects.create(
        organisation=world.organisation,
        title="Involvement score",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
    )
    return SurveyAnswer.objects.create(
        round=survey_round, stakeholder="service_user", score=7, person=person
    )


BUILDERS = {
    "involvement.DiversityProfile.person": _diversity,
    "involvement.DiversityConsent.person": _consent,
    "involvement.Membership.person": _membership,
    "involvement.Notification.recipient": _notification,
    "involvement.PersonalDataExport.person": _export,
    "involvement.ErasureRequest.person": _erasure,
    "recruitment.Application.person": _application,
    "meetings.Invitation.person": _invitation,
    "meetings.BriefingPoint.person": _briefing_point,
    "meetings.CalendarToken.person": _calendar_token,
    "meetings.Debrief.representative": _debrief,
    "expenses.PaymentPreference.person": _payment_preference,
    "expenses.ExpenseClaim.person": _claim,
    "workplans.FeedbackItem.raised_by": _feedback,
    # Declared with related_name="+", so Django's related_objects leaves them out.
    "meetings.Correction.person": _correction,
    "meetings.Action.owner_person": _action,
    "meetings.ReviewResponse.person": _review_response,
    "workplans.Proposal.proposed_by": _proposal,
    "workplans.Vote.person": _vote,
    "evaluation.SurveyAnswer.person": _survey_answer,
}


def _relations():
    return {person_merge.relation_key(r): r for r in person_merge.relations()}


def test_every_relation_to_person_has_a_merge_rule():
    missing = [key for key, r in _relations().items() if person_merge.rule_for(r) is None]
    assert missing == [], f"Register a merge rule (involvement.person_merge) for {missing}"


def test_every_relation_to_person_is_built_here():
    assert set(_relations()) == set(BUILDERS), "add a builder for the new relation to BUILDERS"


def test_a_merge_moves_a_record_of_every_relation_to_the_person_kept(world):
    keep = PersonFactory(full_name="Pat Paperform", phone="")
    MembershipFactory(person=keep, group=world.objects["group"])
    merge = PersonFactory(full_name="Pat Paperform", phone="07700 900456")
    rows = {key: build(world, merge) for key, build in BUILDERS.items()}

    moved = duplicates.people_merge(keep=keep, merge=merge, by=world.user("coordinator"))

    assert not Person.objects.filter(pk=merge.pk).exists()
    for key, row in rows.items():
        relation = _relations()[key]
        row.refresh_from_db()
        assert getattr(row, f"{relation.field.name}_id") == keep.pk, key
        assert moved[key] >= 1, key
    keep.refresh_from_db()
    assert keep.phone == "07700 900456", "details the kept record lacked are taken"
    (entry,) = AuditEntry.objects.filter(action="people_merged")
    assert entry.detail["merged"] == merge.pk and entry.actor == world.user("coordinator")


def test_where_the_kept_person_has_their_own_one_of_a_kind_record_it_stands(world):
    keep, merge = PersonFactory(), PersonFactory()
    kept_choice = _payment_preference(world, keep)
    _payment_preference(world, merge)
    duplicates.people_merge(keep=keep, merge=merge)
    kept_choice.refresh_from_db()
    assert kept_choice.person == keep


def test_two_memberships_of_one_group_are_refused_and_nothing_changes(world):
    keep, merge = PersonFactory(), PersonFactory()
    MembershipFactory(person=keep, group=world.objects["group"])
    MembershipFactory(person=merge, group=world.objects["group"])
    _claim(world, merge)
    with pytest.raises(ApplicationError, match="cannot be joined"):
        duplicates.people_merge(keep=keep, merge=merge)
    assert Person.objects.filter(pk=merge.pk).exists()
    assert merge.claims.count() == 1


def test_two_accounts_are_not_joined_by_a_coordinator(world):
    from tests.factories import UserFactory

    other = PersonFactory(user=UserFactory(email="other-account@example.org"))
    with pytest.raises(ApplicationError, match="own account"):
        duplicates.people_merge(keep=world.objects["person"], merge=other)
    assert Person.objects.filter(pk=other.pk).exists()


# --- the coordinator's list and the confirmation page ----------------------------


def test_a_paper_applicant_who_signs_up_with_the_same_verified_email_is_listed(world):
    paper, signed_up = make_duplicate_pair(world)
    (pair,) = duplicates.possible_duplicates(organisation=world.organisation)
    assert (pair.keep, pair.merge) == (paper, signed_up)
    assert pair.reasons == ("the same email",)


def test_an_unverified_account_email_is_not_a_match(world):
    from allauth.account.models import EmailAddress

    paper, signed_up = make_duplicate_pair(world)
    EmailAddress.objects.filter(user=signed_up.user).update(verified=False)
    signed_up.postcode = ""
    signed_up.save()
    assert duplicates.possible_duplicates(organisation=world.organisation) == []


def test_same_name_and_postcode_is_listed(world):
    first = PersonFactory(full_name="Sam Twice", postcode="TS2 2BB", email="")
    second = PersonFactory(full_name="sam  twice", postcode="ts22bb", email="")
    MembershipFactory(person=first, group=world.objects["group"])
    MembershipFactory(person=second, group=GroupFactory(organisation=world.organisation))
    (pair,) = duplicates.possible_duplicates(organisation=world.organisation)
    assert (pair.keep, pair.merge, pair.reasons) == (first, second, ("the same name and postcode",))


def test_the_coordinator_links_the_account_through_the_confirmation_page(world, client):
    paper, signed_up = make_duplicate_pair(world)
    account = signed_up.user
    client.force_login(world.user("coordinator"))
    listing = client.get(reverse("organisation-duplicates", args=[world.organisation.pk]))
    url = reverse("duplicate-merge", args=[world.organisation.pk, paper.pk, signed_up.pk])
    assert url in listing.content.decode()

    page = client.get(url)
    assert page.status_code == 200
    assert Person.objects.filter(pk=signed_up.pk).exists(), "GET changes nothing"
    assert "Join the records" in page.content.decode()

    response = client.post(url)
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.user == account, "the account signs in to the coordinator's record"
    assert not Person.objects.filter(pk=signed_up.pk).exists()
    (entry,) = AuditEntry.objects.filter(action="person_linked")
    assert entry.organisation == world.organisation and entry.detail["account"] == account.pk
    assert duplicates.possible_duplicates(organisation=world.organisation) == []


def test_a_pair_not_on_the_list_is_not_found(world, client):
    client.force_login(world.user("coordinator"))
    someone = PersonFactory()
    url = reverse(
        "duplicate-merge", args=[world.organisation.pk, world.objects["person"].pk, someone.pk]
    )
    assert client.get(url).status_code == 404
