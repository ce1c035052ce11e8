"""Decisions: reasons required, the conversation first, selected applicants
become "selected" memberships, letters and the induction invitation go once
through the outbox, the reserve list can be offered a later place, and the
applicant reads their own feedback only, without reviewers' names."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Membership, MembershipStatusChange, Notification, Person
from recruitment.models import Application, AuditEvent, Conversation, Vacancy
from recruitment.services.decisions import application_decide, reserve_offer_place
from tests.factories import PersonFactory, UserFactory

from .scoring_data import add_application, add_reviewer, make_vacancy, score

Status = Application.Status


@pytest.fixture
def vacancy(world):
    return make_vacancy(organisation=world.organisation, group=world.objects["group"])


def _shortlisted(vacancy, *, match=True, person=None):
    application = add_application(vacancy, person=person, status=Status.SHORTLISTED)
    score(application, add_reviewer(vacancy), [3, 2], rationale="Thoughtful about clinic times.")
    Conversation.objects.create(
        application=application,
        held_on=timezone.localdate(),
        mode="phone",
        notes="Good chat.",
        match_confirmed=match,
    )
    return application


def test_selection_creates_a_selected_membership_and_letters_once(vacancy, world):
    application = _shortlisted(vacancy)
    coordinator = world.user("coordinator")
    application_decide(
        application=application,
        outcome=Status.SELECTED,
        reason="Strong lived experience and a clear wish to improve clinic letters.",
        decided_by=coordinator,
    )
    membership = Membership.objects.get(person=application.person, group=vacancy.group)
    assert membership.status == Membership.Status.SELECTED
    assert MembershipStatusChange.objects.filter(membership=membership).count() == 1
    keys = set(
        Notification.objects.filter(recipient=application.person).values_list(
            "idempotency_key", flat=True
        )
    )
    assert keys == {
        f"recruitment-decision-{application.pk}",
        f"recruitment-induction-{application.pk}",
    }
    letter = Notification.objects.get(idempotency_key=f"recruitment-decision-{application.pk}")
    assert "clinic letters" in letter.body_text
    with pytest.raises(ApplicationError, match="already been decided"):
        application_decide(
            application=application, outcome=Status.SELECTED, reason="Again", decided_by=coordinator
        )
    assert Notification.objects.filter(recipient=application.person).count() == 2
    assert AuditEvent.objects.filter(action="decision").count() == 1


def test_decision_letter_goes_by_post_for_someone_who_chose_post(vacancy, world):
    person = PersonFactory(contact_channel=Person.Channel.POST, address_line_1="1 Test Road")
    application = _shortlisted(vacancy, person=person)
    application_decide(
        application=application,
        outcome=Status.RESERVE,
        reason="A strong application; the places went to higher totals.",
        decided_by=world.user("coordinator"),
    )
    letter = Notification.objects.get(idempotency_key=f"recruitment-decision-{application.pk}")
    assert letter.channel == "post"
    assert not Membership.objects.filter(person=person).exists()


def test_a_decision_needs_a_reason(vacancy, world):
    application = _shortlisted(vacancy)
    with pytest.raises(ValidationError) as error:
        application_decide(
            application=application,
            outcome=Status.SELECTED,
            reason="",
            decided_by=world.user("coordinator"),
        )
    assert "reason" in error.value.message_dict


def test_selection_needs_a_confirmed_match(vacancy, world):
    application = _shortlisted(vacancy, match=False)
    with pytest.raises(ApplicationError, match="good match"):
        application_decide(
            application=application,
            outcome=Status.SELECTED,
            reason="Good",
            decided_by=world.user("coordinator"),
        )


def test_only_not_selected_without_shortlisting(vacancy, world):
    application = add_application(vacancy)
    with pytest.raises(ApplicationError, match="Shortlist"):
        application_decide(
            application=application,
            outcome=Status.SELECTED,
            reason="Good",
            decided_by=world.user("coordinator"),
        )
    application_decide(
        application=application,
        outcome=Status.NOT_SELECTED,
        reason="The answers did not show what the group is for.",
        decided_by=world.user("coordinator"),
    )
    application.refresh_from_db()
    assert application.status == Status.NOT_SELECTED


def test_vacancy_is_decided_when_everyone_is(vacancy, world):
    application = _shortlisted(vacancy)
    application_decide(
        application=application,
        outcome=Status.SELECTED,
        reason="Good",
        decided_by=world.user("coordinator"),
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DECIDED


def test_reserve_list_applicant_is_offered_a_later_place(vacancy, world):
    keep_open = add_application(vacancy)  # noqa: F841 - keeps the vacancy undecided
    application = _shortlisted(vacancy)
    coordinator = world.user("coordinator")
    application_decide(
        application=application, outcome=Status.RESERVE, reason="Close.", decided_by=coordinator
    )
    reserve_offer_place(
        application=application, reason="A member moved away.", offered_by=coordinator
    )
    application.refresh_from_db()
    assert application.status == Status.SELECTED
    assert Membership.objects.get(person=application.person).status == "selected"
    assert Notification.objects.filter(
        idempotency_key=f"recruitment-reserve-offer-{application.pk}"
    ).exists()
    assert AuditEvent.objects.filter(action="reserve_offer").exists()


def test_decision_page_records_over_http(vacancy, world, client):
    application = _shortlisted(vacancy)
    client.force_login(world.user("coordinator"))
    url = reverse("decision-record", kwargs={"pk": application.pk})
    response = client.post(url, {"outcome": "selected", "reason": ""})
    assert "Give the reason for the decision" in response.content.decode()
    response = client.post(url, {"outcome": "selected", "reason": "Great fit."})
    assert response.status_code == 302
    assert Membership.objects.filter(person=application.person, status="selected").exists()


def test_applicant_reads_their_own_feedback_without_reviewer_names(vacancy, world, client):
    user = UserFactory()
    person = PersonFactory(user=user)
    application = _shortlisted(vacancy, person=person)
    url = reverse("applicant-feedback", kwargs={"pk": application.pk})
    client.force_login(user)
    assert "has not decided yet" in client.get(url).content.decode()
    application_decide(
        application=application,
        outcome=Status.NOT_SELECTED,
        reason="Other applicants showed more experience of local services.",
        decided_by=world.user("coordinator"),
    )
    page = client.get(url).content.decode()
    assert "Other applicants showed more experience" in page
    assert "Thoughtful about clinic times." in page
    assert "3.00 out of 4" in page
    reviewer = application.scores.first().reviewer
    assert reviewer.full_name not in page and reviewer.email not in page
    client.force_login(world.user("member"))
    assert client.get(url).status_code == 404
