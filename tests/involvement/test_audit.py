"""The organisation's audit log: written by the services for sensitive
actions with who, when, from where and on what; append-only (the model, the
admin and, on PostgreSQL, the database refuse changes); an organisation admin
filters it, pages through it and downloads it."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from expenses.services.approval import claim_approve
from expenses.services.payments import claims_mark_paid
from involvement import audit
from involvement.models import AuditEntry, StaffRole
from involvement.services.organisations import staff_role_revoke
from involvement.services.people import diversity_consent_withdraw, diversity_save
from recruitment.models import Application, Conversation
from recruitment.services.decisions import application_decide
from tests.access.expenses_admin import make_claim, make_meeting
from tests.recruitment.scoring_data import add_application, add_reviewer, make_vacancy, score

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


def _entries(**lookup):
    """The entries matching, leaving out sign-ins (force_login signs in too)
    unless asked for by action."""
    entries = AuditEntry.objects.filter(**lookup)
    if "action" not in lookup:
        entries = entries.exclude(action=Action.SIGNED_IN)
    return list(entries)


# --- written by the services ---------------------------------------------------


def test_giving_a_role_over_http_records_who_what_whom_and_the_address(world, client):
    admin_user = world.user("org_admin")
    client.force_login(admin_user)
    client.post(
        reverse("organisation-people", args=[world.organisation.pk]),
        {"email": "new-finance@example.org", "full_name": "Fin Ance", "role": "finance"},
        REMOTE_ADDR="203.0.113.9",
    )
    (entry,) = _entries(action=Action.ROLE_GRANTED)
    assert entry.organisation == world.organisation
    assert entry.actor == admin_user
    assert "org_admin@example.org" in entry.actor_label
    assert entry.ip_address == "203.0.113.9"
    assert entry.object_type == "user"
    assert entry.detail == {"role": "finance", "invited": True}
    assert "new-finance@example.org" in entry.summary


def test_removing_a_role_is_recorded(world):
    role = StaffRole.objects.get(user=world.user("finance"), organisation=world.organisation)
    staff_role_revoke(staff_role=role, revoked_by=world.user("org_admin"))
    (entry,) = _entries(action=Action.ROLE_REVOKED)
    assert (entry.organisation, entry.actor, entry.ip_address) == (
        world.organisation,
        world.user("org_admin"),
        None,
    )


def test_consent_given_and_withdrawn_go_to_each_organisation_of_the_person(world):
    person = world.objects["person"]
    diversity_save(
        person=person,
        answers={"diabetes_type": "type_1"},
        recorded_by=world.user("coordinator"),
        consent_given=True,
    )
    diversity_consent_withdraw(person=person)
    assert [e.action for e in _entries(organisation=world.organisation)] == [
        Action.CONSENT_WITHDRAWN,
        Action.CONSENT_RECORDED,
    ]
    assert all(e.summary == f"Person {person.pk}" for e in _entries())


def test_a_coordinator_seeing_a_persons_page_is_recorded_but_the_person_themself_is_not(
    world, client
):
    person = world.objects["person"]
    client.force_login(world.user("member"))
    client.get(reverse("person-detail", args=[person.pk]))
    assert _entries() == []
    client.force_login(world.user("coordinator"))
    client.get(reverse("person-detail", args=[person.pk]))
    (entry,) = _entries(action=Action.SPECIAL_CATEGORY_VIEWED)
    assert entry.actor == world.user("coordinator")
    assert entry.detail == {"diversity": True}
    assert entry.object_id == str(person.pk)


def test_refused_people_write_nothing(world, client):
    client.force_login(world.user("other_org"))
    response = client.get(reverse("person-detail", args=[world.objects["person"].pk]))
    assert response.status_code == 404
    assert _entries() == []


def test_approving_and_paying_a_claim_are_recorded(world):
    claim = make_claim(world.objects["person"], make_meeting(world.objects["group"]))
    claim_approve(claim=claim, by=world.user("coordinator"))
    run = claims_mark_paid(
        organisation=world.organisation,
        claim_ids=[claim.pk],
        by=world.user("finance"),
        paid_on=timezone.localdate(),
        method="bank_transfer",
        reference="BACS-9",
    )
    approved, paid = _entries(action=Action.CLAIM_APPROVED), _entries(action=Action.CLAIM_PAID)
    assert [(e.actor, e.object_id) for e in approved] == [
        (world.user("coordinator"), str(claim.pk))
    ]
    assert [(e.actor, e.object_id, e.detail["claims"]) for e in paid] == [
        (world.user("finance"), str(run.pk), [claim.pk])
    ]


def test_a_selection_decision_is_recorded_by_reference_not_name(world):
    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    application = add_application(vacancy, status=Application.Status.SHORTLISTED)
    score(application, add_reviewer(vacancy), [3, 2], rationale="Thoughtful.")
    Conversation.objects.create(
        application=application,
        held_on=timezone.localdate(),
        mode="phone",
        notes="Good.",
        match_confirmed=True,
    )
    application_decide(
        application=application,
        outcome=Application.Status.SELECTED,
        reason="Strong lived experience.",
        decided_by=world.user("coordinator"),
    )
    (entry,) = _entries(action=Action.APPLICATION_DECIDED)
    assert entry.organisation == world.organisation
    assert application.reference in entry.summary
    assert application.person.full_name not in entry.summary


def test_opening_the_named_scores_is_recorded_as_unblinding(world, client):
    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    client.force_login(world.user("coordinator"))
    assert client.get(reverse("scores-vacancy", args=[vacancy.pk])).status_code == 200
    (entry,) = _entries(action=Action.BLIND_REVIEW_OPENED)
    assert entry.object_id == str(vacancy.pk)


# --- append-only -------------------------------------------------------------------


def test_an_entry_is_never_changed_or_deleted_through_the_app(world):
    entry = audit.record(action=Action.DATA_EXPORTED, organisation=world.organisation)
    entry.summary = "changed"
    with pytest.raises(TypeError, match="append-only"):
        entry.save()
    with pytest.raises(TypeError, match="append-only"):
        entry.delete()
    with pytest.raises(TypeError, match="append-only"):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="changed")
    with pytest.raises(TypeError, match="append-only"):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_change_or_delete_an_entry(world):
    entry = audit.record(action=Action.DATA_EXPORTED, organisation=world.organisation)
    for sql in (
        "UPDATE involvement_auditentry SET summary = 'x' WHERE id = %s",
        "DELETE FROM involvement_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, summary="").exists()


def test_the_admin_shows_the_log_read_only(world):
    model_admin = admin.site._registry[AuditEntry]
    request = RequestFactory().get("/")
    request.user = world.user("platform_admin")
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


# --- the organisation admin's page -------------------------------------------------


def _seed(world):
    org = world.organisation
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)):
        audit.record(
            action=Action.CLAIM_APPROVED, organisation=org, actor=world.user("coordinator")
        )
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC)):
        audit.record(action=Action.CLAIM_PAID, organisation=org, actor=world.user("finance"))
    audit.record(
        action=Action.CLAIM_PAID,
        organisation=world.other_organisation,
        actor=world.user("other_org"),
        summary="Elsewhere",
    )


def _rows(response):
    return response.content.decode().count('<tr class="nhsuk-table__row">') - 1


def test_the_admin_sees_only_their_organisations_log_and_filters_it(world, client):
    _seed(world)
    client.force_login(world.user("org_admin"))
    url = reverse("organisation-audit", args=[world.organisation.pk])
    page = client.get(url)
    # The two entries, and the admin's own sign-in.
    assert _rows(page) == 3
    assert _rows(client.get(url, {"action": "signed_in"})) == 1
    assert "Elsewhere" not in page.content.decode()
    assert _rows(client.get(url, {"action": "claim_paid"})) == 1
    assert _rows(client.get(url, {"actor": world.user("coordinator").pk})) == 1
    dated = {
        **{"date_from_0": "10", "date_from_1": "3", "date_from_2": "2026"},
        **{"date_to_0": "31", "date_to_1": "3", "date_to_2": "2026"},
    }
    assert _rows(client.get(url, dated)) == 1


def test_a_bad_filter_says_what_is_wrong_and_keeps_what_was_typed(world, client):
    client.force_login(world.user("org_admin"))
    url = reverse("organisation-audit", args=[world.organisation.pk])
    page = client.get(
        url,
        {
            "date_from_0": "20",
            "date_from_1": "3",
            "date_from_2": "2026",
            "date_to_0": "1",
            "date_to_1": "3",
            "date_to_2": "2026",
        },
    ).content.decode()
    assert "The last day must be the same as or after the first day" in page
    assert 'value="20"' in page


def test_the_admin_downloads_the_filtered_log_as_csv_and_the_download_is_recorded(world, client):
    _seed(world)
    client.force_login(world.user("org_admin"))
    response = client.get(
        reverse("organisation-audit-csv", args=[world.organisation.pk]), {"action": "claim_paid"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["When", "Who", "What"]
    assert [row[2] for row in rows[1:]] == ["Claim paid"]
    (entry,) = _entries(action=Action.DATA_EXPORTED)
    assert entry.actor == world.user("org_admin")


def test_a_coordinator_may_not_see_the_log(world, client):
    client.force_login(world.user("coordinator"))
    response = client.get(reverse("organisation-audit", args=[world.organisation.pk]))
    assert response.status_code == 403


def test_the_log_page_queries_stay_flat(world, client, assert_flat_queries):
    client.force_login(world.user("org_admin"))
    url = reverse("organisation-audit", args=[world.organisation.pk])

    def grow(n):
        for _ in range(n):
            audit.record(
                action=Action.CLAIM_APPROVED,
                organisation=world.organisation,
                actor=world.user("coordinator"),
            )

    assert_flat_queries(lambda: client.get(url), grow=grow)


# --- sign-ins, seats and published responses ----------------------------------


def test_signing_in_failing_to_and_signing_out_are_recorded_with_the_address(world, client):
    from tests.factories import TEST_PASSWORD
    from tests.platform.helpers import post_login

    member = world.user("member")
    post_login(client, member.email, "not-the-password")
    (failed,) = _entries(action=Action.SIGN_IN_FAILED)
    assert failed.organisation == world.organisation
    assert failed.actor is None and failed.object_id == str(member.pk)
    assert "not-the-password" not in str(failed.detail) + failed.summary

    post_login(client, "nobody@example.org", "whatever")
    (unknown,) = _entries(action=Action.SIGN_IN_FAILED, organisation=None)
    assert unknown.summary == "Unknown account" and "nobody" not in str(unknown.detail)

    client.post(
        reverse("account_login"),
        {"login": member.email, "password": TEST_PASSWORD},
        REMOTE_ADDR="198.51.100.4",
    )
    (signed_in,) = _entries(action=Action.SIGNED_IN)
    assert (signed_in.actor, signed_in.organisation) == (member, world.organisation)
    assert signed_in.ip_address == "198.51.100.4"

    client.post(reverse("account_logout"))
    (signed_out,) = _entries(action=Action.SIGNED_OUT)
    assert signed_out.actor == member


def test_two_step_sign_in_set_up_and_removed_are_recorded(world):
    from allauth.mfa.signals import authenticator_added, authenticator_removed

    coordinator = world.user("coordinator")
    authenticator_added.send(sender=None, request=None, user=coordinator, authenticator=None)
    authenticator_removed.send(sender=None, request=None, user=coordinator, authenticator=None)
    assert [entry.action for entry in _entries(actor=coordinator)] == [
        Action.MFA_REMOVED,
        Action.MFA_ADDED,
    ]
    assert {entry.organisation for entry in _entries(actor=coordinator)} == {world.organisation}


def test_a_seat_appointed_and_ended_is_recorded_by_reference(world):
    from involvement.services.bodies import body_create, seat_appoint, seat_end

    today = timezone.localdate()
    body = body_create(
        organisation=world.organisation, name="Diabetes Programme Board", level="executive"
    )
    membership = world.objects["membership"]
    seat = seat_appoint(body=body, membership=membership, term_start=today)
    seat_end(seat=seat, end_date=today, reason="Moved away")
    appointed, ended = reversed(_entries(object_type="representative seat"))
    assert appointed.action == Action.SEAT_APPOINTED
    assert appointed.organisation == world.organisation
    assert f"Person {membership.person_id}" in appointed.summary
    assert "Testwell" not in appointed.summary
    assert ended.action == Action.SEAT_ENDED
    assert ended.detail["term_end"] == today.isoformat()


def test_publishing_a_we_did_response_is_recorded(world):
    from workplans.services import feedback

    coordinator = world.user("coordinator")
    item = feedback.feedback_record(
        group=world.objects["group"],
        text="Eye screening letters are hard to read.",
        source="event",
        said_on=timezone.localdate(),
        owner=coordinator,
    )
    draft = feedback.response_draft(
        item=item, status="done", what_happened="We rewrote them.", written_by=coordinator
    )
    response = feedback.response_publish(
        response=draft, what_happened=draft.what_happened, published_by=coordinator
    )
    (entry,) = _entries(action=Action.RESPONSE_PUBLISHED)
    assert (entry.actor, entry.organisation) == (coordinator, world.organisation)
    assert entry.object_id == str(response.pk)
    assert entry.detail == {"item": item.pk, "status": "done"}


# --- retention ---------------------------------------------------------------------


def _old_entry(world, years: float) -> AuditEntry:
    with time_machine.travel(timezone.now() - datetime.timedelta(days=365 * years)):
        return audit.record(action=Action.DATA_EXPORTED, organisation=world.organisation)


def test_entries_past_the_retention_period_are_deleted_by_the_retention_task(world, settings):
    from involvement.services.privacy import privacy_retention_apply

    settings.INVOLVE_AUDIT_RETENTION_DAYS = 6 * 365
    old = _old_entry(world, 7)
    kept = _old_entry(world, 5)
    removed = privacy_retention_apply()
    assert removed["audit"] == 1
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=kept.pk).exists()
    (note,) = _entries(action=Action.RETENTION_APPLIED, detail__removed="audit log entries")
    assert note.detail["count"] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_keeps_the_last_year_whatever_the_setting_says(world):
    recent = _old_entry(world, 0.5)
    # The function refuses a period under a year ...
    with pytest.raises(DatabaseError, match="at least a year"), transaction.atomic():
        audit.expire(before=timezone.now())
    # ... and the trigger lets no other delete through, even with its setting
    # set by hand, for an entry under a year old.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('involve.audit_expire_before', %s, true)",
                [timezone.now().isoformat()],
            )
            cursor.execute("DELETE FROM involvement_auditentry WHERE id = %s", [recent.pk])
    assert AuditEntry.objects.filter(pk=recent.pk).exists()
