"""Retention and reminders: unsuccessful applications lose their personal
link and answers after the organisation's retention period (scores and audit
kept by reference), idempotently; reviewers with scoring left are reminded
once before the deadline."""

import datetime

import pytest
from django.utils import timezone

from involvement.models import Notification, Person
from recruitment.models import Answer, Application, AuditEvent, RecruitmentSettings, Score
from recruitment.services.decisions import applications_anonymise_expired
from recruitment.services.scoring import reviewer_reminders_send
from recruitment.tasks import anonymise_expired_applications, send_reviewer_reminders

from .scoring_data import add_application, add_reviewer, assign, make_vacancy, score

Status = Application.Status


@pytest.fixture
def vacancy(world):
    return make_vacancy(organisation=world.organisation, group=world.objects["group"])


def _decided(vacancy, status, days_ago):
    application = add_application(vacancy, status=status)
    score(application, add_reviewer(vacancy), [2, 2])
    Application.objects.filter(pk=application.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=days_ago),
        decision_reason="Reason kept.",
    )
    return application


def test_unsuccessful_applications_past_retention_are_anonymised_once(vacancy, world):
    RecruitmentSettings.objects.create(organisation=world.organisation, retention_days=180)
    old = _decided(vacancy, Status.NOT_SELECTED, 200)
    recent = _decided(vacancy, Status.NOT_SELECTED, 100)
    selected = _decided(vacancy, Status.SELECTED, 400)
    person_pk = old.person_id
    assert anonymise_expired_applications() == 1
    old.refresh_from_db()
    assert old.person is None and old.anonymised_at is not None
    assert old.support_needed == ""
    assert not Answer.objects.filter(application=old).exists()
    assert Score.objects.filter(application=old).count() == 2
    assert Person.objects.filter(pk=person_pk).exists()  # the person's own record is theirs
    assert AuditEvent.objects.filter(application=old, action="anonymised").count() == 1
    assert old.decision_reason == "Reason kept."
    for kept in (recent, selected):
        kept.refresh_from_db()
        assert kept.person is not None and kept.answers.exists()
    assert applications_anonymise_expired() == 0
    assert AuditEvent.objects.filter(action="anonymised").count() == 1


def test_default_retention_is_a_year(vacancy):
    within = _decided(vacancy, Status.NOT_SELECTED, 300)
    beyond = _decided(vacancy, Status.NOT_SELECTED, 370)
    applications_anonymise_expired()
    within.refresh_from_db()
    beyond.refresh_from_db()
    assert within.person is not None and beyond.person is None


def test_reviewers_with_scoring_left_are_reminded_once(world):
    deadline = timezone.localdate() + datetime.timedelta(days=2)
    vacancy = make_vacancy(
        organisation=world.organisation, group=world.objects["group"], scoring_deadline=deadline
    )
    behind, done = add_reviewer(vacancy), add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(behind, application)
    score(application, done, [3, 3])
    assert send_reviewer_reminders() == 1
    reminders = Notification.objects.filter(idempotency_key__startswith="recruitment-scoring")
    reminder = reminders.get()
    assert reminder.recipient.user == behind.user
    assert "2 scores" in reminder.body_text
    reviewer_reminders_send()
    assert reminders.count() == 1


def test_no_reminder_long_before_the_deadline(world):
    vacancy = make_vacancy(
        organisation=world.organisation,
        group=world.objects["group"],
        scoring_deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    assign(add_reviewer(vacancy), add_application(vacancy))
    assert reviewer_reminders_send() == 0


def test_coordinator_sets_the_retention_period(world, client):
    from django.urls import reverse

    url = reverse("recruitment-retention", kwargs={"org_pk": world.organisation.pk})
    client.force_login(world.user("coordinator"))
    assert "365" in client.get(url).content.decode()
    response = client.post(url, {"retention_days": "10"})
    assert "Enter at least 30 days" in response.content.decode()
    assert client.post(url, {"retention_days": "90"}).status_code == 302
    assert RecruitmentSettings.objects.get(organisation=world.organisation).retention_days == 90
