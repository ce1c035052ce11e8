"""Privacy rights: a person downloads everything held about them (built by
the worker, with progress), asks for it to be erased, and an organisation
admin carries that out, keeping only the financial records the law requires;
a retention task removes diversity data after the documented period."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from expenses.models import ExpenseClaim
from involvement.models import (
    AuditEntry,
    DiversityConsent,
    DiversityProfile,
    ErasureRequest,
    Membership,
    Notification,
    Person,
    PersonalDataExport,
    User,
)
from involvement.services import privacy
from involvement.services.people import diversity_save
from recruitment.models import Application
from tests.access.expenses_admin import make_claim, make_meeting
from tests.factories import MembershipFactory
from tests.recruitment.scoring_data import add_application, make_vacancy

pytestmark = pytest.mark.django_db


def _with_data(world):
    """The member with something in every section."""
    person = world.objects["person"]
    person.phone = "07700 900123"
    person.other_support_needs = "A seat near the door"
    person.save()
    diversity_save(
        person=person,
        answers={"diabetes_type": "type_1", "ethnicity": "asian"},
        consent_given=True,
    )
    claim = make_claim(person, make_meeting(world.objects["group"], title="Spring meeting"))
    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    application = add_application(vacancy, person=person, status=Application.Status.NOT_SELECTED)
    return person, claim, application


def test_a_person_downloads_everything_held_about_them(
    world, client, django_capture_on_commit_callbacks
):
    person, claim, application = _with_data(world)
    client.force_login(world.user("member"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("my-data"))
    assert response.status_code == 302
    export = PersonalDataExport.objects.get(person=person)
    assert (export.status, export.progress) == ("ready", 100)

    page = client.get(reverse("my-data")).content.decode()
    assert reverse("my-data-json", args=[export.pk]) in page

    document = json.loads(client.get(reverse("my-data-json", args=[export.pk])).content)
    by_key = {section["key"]: section["records"] for section in document["sections"]}
    assert by_key["profile"][0]["Phone"] == "07700 900123"
    assert by_key["diversity"][0]["Diabetes type"] == "Type 1 diabetes"
    assert by_key["memberships"][0]["Group"] == "Testshire Diabetes Voices"
    assert by_key["messages"], "the messages we sent"
    assert "Spring meeting" in by_key["expenses.claims"][0]["Meeting"]
    assert by_key["recruitment.applications"][0]["Reference"] == application.reference

    readable = client.get(reverse("my-data-html", args=[export.pk]))
    assert readable["Content-Disposition"].startswith("attachment")
    assert "A seat near the door" in readable.content.decode()

    # The same copy as a PDF, made by the same task, with the same contents.
    assert reverse("my-data-pdf", args=[export.pk]) in page
    printable = client.get(reverse("my-data-pdf", args=[export.pk]))
    assert printable["Content-Type"] == "application/pdf"
    assert printable["Content-Disposition"].startswith("attachment")
    assert printable.content.startswith(b"%PDF-")
    assert AuditEntry.objects.filter(action="personal_data_downloaded").count() == 3


def test_the_page_shows_progress_while_the_copy_is_made(world, client):
    person = world.objects["person"]
    PersonalDataExport.objects.create(person=person, status="running", progress=40)
    client.force_login(world.user("member"))
    page = client.get(reverse("my-data")).content.decode()
    assert "40% done" in page
    response = client.post(reverse("my-data"), follow=True)
    assert "already making a copy" in response.content.decode()
    assert PersonalDataExport.objects.filter(person=person).count() == 1


def test_nobody_else_downloads_a_persons_copy(world, client):
    export = PersonalDataExport.objects.create(
        person=world.objects["person"], status="ready", progress=100, json_text="{}"
    )
    client.force_login(world.user("coordinator"))
    assert client.get(reverse("my-data-json", args=[export.pk])).status_code == 404


def _erase(world, client, person):
    client.force_login(world.user("member"))
    client.post(reverse("my-data-erasure"), {"note": "Please tell me by post."})
    erasure = ErasureRequest.objects.get(person=person)
    client.force_login(world.user("org_admin"))
    url = reverse("erasure-carry-out", args=[world.organisation.pk, erasure.pk])
    confirm = client.get(url).content.decode()
    assert "Delete Marian Testwell" in confirm and "Please tell me by post." in confirm
    client.post(url)
    erasure.refresh_from_db()
    return erasure, client.get(url).content.decode()


def test_erasure_removes_personal_data_and_keeps_financial_records_with_reasons(
    world, client, django_capture_on_commit_callbacks
):
    person, claim, application = _with_data(world)
    member = world.user("member")
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(member)
        client.post(reverse("my-data"))
    erasure, page = _erase(world, client, person)

    assert erasure.status == "carried_out" and erasure.carried_out_by == world.user("org_admin")
    person = Person.objects.get(pk=person.pk)
    assert person.full_name == f"Erased person {person.pk}"
    assert (person.email, person.phone, person.other_support_needs, person.user) == (
        "",
        "",
        "",
        None,
    )
    assert not DiversityProfile.objects.filter(person=person).exists()
    assert not DiversityConsent.objects.filter(person=person).exists()
    assert not Notification.objects.filter(recipient=person).exists()
    assert not PersonalDataExport.objects.filter(person=person).exists()
    application.refresh_from_db()
    assert application.person is None and application.anonymised_at is not None
    member.refresh_from_db()
    assert not member.is_active and member.email.endswith("@erased.invalid")
    assert not member.has_usable_password()
    # Kept: the claim (financial record) and the membership, each with its reason.
    assert ExpenseClaim.objects.filter(pk=claim.pk, person=person).exists()
    assert Membership.objects.filter(person=person).exists()
    assert "HMRC" in page and "six years" in page
    assert any("HMRC" in line for line in erasure.kept)
    # Nothing the person typed is left in the database's text.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM involvement_person WHERE full_name LIKE %s OR phone LIKE %s",
            ["%Testwell%", "%900123%"],
        )
        assert cursor.fetchone()[0] == 0
    assert User.objects.filter(email="member@example.org").count() == 0
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"erasure_requested", "erasure_carried_out"} <= actions


def test_an_erasure_is_carried_out_once(world, client):
    person = world.objects["person"]
    erasure = ErasureRequest.objects.create(person=person)
    privacy.erasure_carry_out(erasure=erasure, by=world.user("org_admin"))
    with pytest.raises(Exception, match="already been carried out"):
        privacy.erasure_carry_out(erasure=erasure, by=world.user("org_admin"))


def test_another_organisations_admin_cannot_see_the_request(world, client):
    erasure = ErasureRequest.objects.create(person=world.objects["person"])
    client.force_login(world.user("other_org"))
    url = reverse("erasure-carry-out", args=[world.other_organisation.pk, erasure.pk])
    assert client.get(url).status_code in {403, 404}
    erasure.refresh_from_db()
    assert erasure.status == "open"


def test_the_admin_lists_their_organisations_requests(world, client):
    ErasureRequest.objects.create(person=world.objects["person"])
    ErasureRequest.objects.create(person=world.objects["other_membership"].person)
    client.force_login(world.user("org_admin"))
    page = client.get(
        reverse("organisation-erasure-requests", args=[world.organisation.pk])
    ).content.decode()
    assert "Marian Testwell" in page
    assert world.objects["other_membership"].person.full_name not in page


@override_settings(INVOLVE_DIVERSITY_RETENTION_DAYS=730, INVOLVE_DATA_EXPORT_RETENTION_DAYS=7)
def test_retention_removes_diversity_data_two_years_after_leaving_and_old_copies(world):
    today = timezone.localdate()
    left_long_ago = MembershipFactory(group=world.objects["group"])
    left_recently = MembershipFactory(group=world.objects["group"])
    for membership, days in ((left_long_ago, 731), (left_recently, 100)):
        Membership.objects.filter(pk=membership.pk).update(
            status="left", status_changed_on=today - datetime.timedelta(days=days)
        )
        diversity_save(
            person=membership.person, answers={"diabetes_type": "type_2"}, consent_given=True
        )
    old = PersonalDataExport.objects.create(person=world.objects["person"])
    PersonalDataExport.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=8)
    )
    fresh = PersonalDataExport.objects.create(person=world.objects["person"])

    removed = privacy.privacy_retention_apply()
    assert (removed["diversity"], removed["exports"]) == (1, 1)
    assert not DiversityProfile.objects.filter(person=left_long_ago.person).exists()
    assert DiversityProfile.objects.filter(person=left_recently.person).exists()
    assert list(PersonalDataExport.objects.all()) == [fresh]
    assert AuditEntry.objects.filter(action="retention_applied").count() == 1


def test_the_pdf_copy_holds_what_the_readable_page_holds(world, monkeypatch):
    """The PDF is made from the same sections as the JSON and the page."""
    person, claim, application = _with_data(world)
    seen = {}

    def fake_render(template_name, context, **kwargs):
        seen["template"] = template_name
        seen["sections"] = context["sections"]
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(privacy, "render_pdf", fake_render)
    export = PersonalDataExport.objects.create(person=person)
    privacy.data_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert bytes(export.pdf) == b"%PDF-1.7 fake"
    document = json.loads(export.json_text)
    assert seen["sections"] == document["sections"]
    assert seen["template"] == "involvement/pdf/your_data.html"


@override_settings(INVOLVE_MESSAGE_RETENTION_DAYS=730)
def test_retention_removes_finished_messages_two_years_old_and_empty_print_batches(world):
    from involvement.models import PrintBatch
    from tests.factories import NotificationFactory

    person = world.objects["person"]
    now = timezone.now()
    batch = PrintBatch.objects.create(organisation=world.organisation)
    recent_batch = PrintBatch.objects.create(organisation=world.organisation)
    old_sent = NotificationFactory(recipient=person, status="sent", sent_at=now)
    old_letter = NotificationFactory(
        recipient=person, status="sent", sent_at=now, channel="post", print_batch=batch
    )
    old_waiting = NotificationFactory(recipient=person, status="pending")
    recent = NotificationFactory(recipient=person, status="sent", sent_at=now)
    Notification.objects.filter(pk__in=[old_sent.pk, old_letter.pk, old_waiting.pk]).update(
        created_at=now - datetime.timedelta(days=731)
    )
    PrintBatch.objects.filter(pk=batch.pk).update(created_at=now - datetime.timedelta(days=731))

    removed = privacy.privacy_retention_apply()
    assert (removed["messages"], removed["print_batches"]) == (2, 1)
    # A message still waiting to go is never removed, however old.
    assert set(Notification.objects.filter(recipient=person).values_list("pk", flat=True)) >= {
        old_waiting.pk,
        recent.pk,
    }
    assert not Notification.objects.filter(pk__in=[old_sent.pk, old_letter.pk]).exists()
    assert list(PrintBatch.objects.all()) == [recent_batch]
    entry = AuditEntry.objects.get(action="retention_applied", summary__contains="messages")
    assert entry.detail["messages"] == 2
