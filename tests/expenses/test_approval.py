"""Approving claims: the state machine (only a submitted claim is decided;
approve, query or reject), nobody approves their own claim, every change is
recorded, claims are never deleted once sent, the queue and its warnings."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from expenses.models import ClaimEvent, ExpenseClaim, PaymentPolicy
from expenses.services.approval import claim_approve, claim_delete, claim_query, claim_reject
from involvement.errors import ApplicationError
from involvement.models import Notification, StaffRole
from tests.access.expenses_admin import add_receipt, make_claim, make_meeting
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
Status = ExpenseClaim.Status


@pytest.fixture
def claim(world):
    return make_claim(world.objects["person"], make_meeting(world.objects["group"]))


def test_approving_records_who_and_when_and_tells_the_claimant_once(claim, world):
    coordinator = world.user("coordinator")
    claim_approve(claim=claim, by=coordinator, note="All fine")
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED
    assert claim.approved_by == coordinator and claim.approved_at is not None
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.from_status, event.to_status, event.by, event.note) == (
        "submitted",
        "approved",
        coordinator,
        "All fine",
    )
    notice = Notification.objects.get(idempotency_key=f"expenses:claim-approved:{claim.pk}")
    assert notice.recipient == claim.person


@pytest.mark.parametrize("status", ["draft", "queried", "approved", "rejected", "paid"])
def test_only_a_submitted_claim_can_be_decided(world, status):
    coordinator = world.user("coordinator")
    claim = make_claim(
        world.objects["person"],
        make_meeting(world.objects["group"]),
        status=status,
        approved_by=coordinator if status in ("approved", "paid") else None,
    )
    for decide, kwargs in (
        (claim_approve, {}),
        (claim_query, {"question": "Which bus?"}),
        (claim_reject, {"reason": "Not attended"}),
    ):
        with pytest.raises(ApplicationError) as error:
            decide(claim=claim, by=coordinator, **kwargs)
        assert error.value.code == "illegal_transition"
    claim.refresh_from_db()
    assert claim.status == status
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_nobody_approves_their_own_claim(world):
    coordinator = world.user("coordinator")
    own_person = PersonFactory(user=coordinator)
    MembershipFactory(person=own_person, group=world.objects["group"])
    claim = make_claim(own_person, make_meeting(world.objects["group"]))
    for decide, kwargs in (
        (claim_approve, {}),
        (claim_query, {"question": "?"}),
        (claim_reject, {"reason": "x"}),
    ):
        with pytest.raises(ApplicationError) as error:
            decide(claim=claim, by=coordinator, **kwargs)
        assert error.value.code == "own_claim"
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_own_claim_page_says_why_and_refuses_the_post(world, client):
    coordinator = world.user("coordinator")
    own_person = PersonFactory(user=coordinator)
    claim = make_claim(own_person, make_meeting(world.objects["group"]))
    client.force_login(coordinator)
    url = reverse("approval-claim", kwargs={"pk": claim.pk})
    page = client.get(url).content.decode()
    assert "This is your own claim" in page
    assert "Approve the claim" not in page
    response = client.post(url, {"action": "approve"})
    assert response.status_code == 200
    assert "You cannot decide on your own claim" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_a_query_asks_the_claimant_and_each_question_is_its_own_notice(claim, world):
    from expenses.services.claims import claim_answer_query

    coordinator = world.user("coordinator")
    claim_query(claim=claim, by=coordinator, question="Please add the return ticket.")
    claim.refresh_from_db()
    assert claim.status == Status.QUERIED
    claim_answer_query(claim=claim, answer="Added it.", by=world.user("member"))
    claim_query(claim=claim, by=coordinator, question="And the parking?")
    notices = Notification.objects.filter(
        idempotency_key__startswith=f"expenses:claim-queried:{claim.pk}:"
    )
    assert notices.count() == 2
    assert [e.to_status for e in claim.events.order_by("at", "id")] == [
        "queried",
        "submitted",
        "queried",
    ]


def test_query_and_reject_need_words(claim, world):
    coordinator = world.user("coordinator")
    with pytest.raises(ValidationError) as error:
        claim_query(claim=claim, by=coordinator, question="  ")
    assert "question" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        claim_reject(claim=claim, by=coordinator, reason="")
    assert "reason" in error.value.message_dict
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_rejecting_gives_the_reason_to_the_claimant(claim, world):
    claim_reject(claim=claim, by=world.user("org_admin"), reason="You did not attend.")
    claim.refresh_from_db()
    assert claim.status == Status.REJECTED
    notice = Notification.objects.get(idempotency_key=f"expenses:claim-rejected:{claim.pk}")
    assert "You did not attend." in notice.body_text


@pytest.mark.parametrize("status", ["submitted", "queried", "rejected"])
def test_a_claim_is_never_deleted_once_sent(world, status):
    claim = make_claim(world.objects["person"], make_meeting(world.objects["group"]), status=status)
    with pytest.raises(ApplicationError):
        claim_delete(claim=claim, by=world.user("coordinator"))
    assert ExpenseClaim.objects.filter(pk=claim.pk).exists()


def test_a_draft_never_sent_can_be_deleted(world):
    claim = make_claim(
        world.objects["person"], make_meeting(world.objects["group"]), status="draft"
    )
    claim_delete(claim=claim, by=world.user("member"))
    assert not ExpenseClaim.objects.filter(pk=claim.pk).exists()


def test_queue_is_oldest_first_with_receipts_inline_and_warnings(world, client):
    import datetime

    from django.utils import timezone

    group = world.objects["group"]
    PaymentPolicy.objects.create(
        organisation=world.organisation, receipt_always_for=["taxi"], mileage_warning_miles=5
    )
    now = timezone.now()
    newer = make_claim(
        world.objects["person"], make_meeting(group, title="Newer meeting"), submitted_at=now
    )
    older = make_claim(
        MembershipFactory(group=group).person,
        make_meeting(group, title="Older meeting"),
        submitted_at=now - datetime.timedelta(days=3),
        lines=(("taxi", Decimal("18.00")), ("mileage", Decimal("4.50"))),
    )
    receipt = add_receipt(newer.lines.first())
    pdf = add_receipt(newer.lines.first(), content=b"%PDF-1.4 test", content_type="application/pdf")
    client.force_login(world.user("coordinator"))
    page = client.get(reverse("approval-queue")).content.decode()
    assert page.index("Older meeting") < page.index("Newer meeting")
    receipt_url = reverse("approval-receipt", kwargs={"pk": receipt.pk})
    assert f'<img src="{receipt_url}"' in page
    # The picture is a preview; a link says it opens the receipt full size.
    assert "Open the receipt full size" in page.split(f'<img src="{receipt_url}"', 1)[1][:800]
    assert f'href="{reverse("approval-receipt", kwargs={"pk": pdf.pk})}"' in page
    assert "needs a receipt" in page  # the taxi
    assert "longer than 5 miles" in page
    assert older.status == Status.SUBMITTED  # warnings never reject
    response = client.get(receipt_url)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_approve_query_and_reject_through_the_page(world, client):
    group = world.objects["group"]
    client.force_login(world.user("coordinator"))
    first = make_claim(world.objects["person"], make_meeting(group))
    url = reverse("approval-claim", kwargs={"pk": first.pk})
    response = client.post(url, {"action": "query", "query-question": ""})
    assert "Enter your question for the person who claimed" in response.content.decode()
    response = client.post(url, {"action": "query", "query-question": "Which bus?"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Status.QUERIED
    second = make_claim(MembershipFactory(group=group).person, make_meeting(group))
    url = reverse("approval-claim", kwargs={"pk": second.pk})
    assert client.post(url, {"action": "approve", "approve-note": ""}).status_code == 302
    second.refresh_from_db()
    assert second.status == Status.APPROVED
    third = make_claim(MembershipFactory(group=group).person, make_meeting(group))
    url = reverse("approval-claim", kwargs={"pk": third.pk})
    response = client.post(url, {"action": "reject", "reject-reason": "Duplicate"})
    assert response.status_code == 302
    third.refresh_from_db()
    assert third.status == Status.REJECTED


def test_admin_support_cannot_approve(world, client, claim):
    assert StaffRole.objects.filter(user=world.user("admin_support")).exists()
    client.force_login(world.user("admin_support"))
    url = reverse("approval-claim", kwargs={"pk": claim.pk})
    assert client.post(url, {"action": "approve"}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_another_organisations_claim_is_not_found(world, client, claim):
    client.force_login(world.user("other_org"))
    url = reverse("approval-claim", kwargs={"pk": claim.pk})
    assert client.post(url, {"action": "approve"}).status_code == 404


def test_queue_queries_stay_flat(world, client, assert_flat_queries):
    group = world.objects["group"]
    client.force_login(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            claim = make_claim(
                MembershipFactory(group=group).person,
                make_meeting(group),
                lines=(("public_transport", Decimal("3.00")), ("taxi", Decimal("12.00"))),
            )
            add_receipt(claim.lines.first())

    assert_flat_queries(lambda: client.get(reverse("approval-queue")), grow=grow)


def test_claim_page_queries_stay_flat(world, client, assert_flat_queries, claim):
    client.force_login(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            from expenses.models import ClaimLine

            line = ClaimLine.objects.create(claim=claim, kind="parking", amount=Decimal("2.00"))
            add_receipt(line)

    url = reverse("approval-claim", kwargs={"pk": claim.pk})
    assert_flat_queries(lambda: client.get(url), grow=grow)


def test_a_long_queue_is_shown_a_page_at_a_time_oldest_first(world, client):
    from expenses.selectors.approval import APPROVAL_PAGE_SIZE

    group = world.objects["group"]
    sent = timezone.now() - datetime.timedelta(days=30)
    claims = [
        make_claim(
            MembershipFactory(group=group).person,
            make_meeting(group),
            submitted_at=sent + datetime.timedelta(hours=n),
        )
        for n in range(APPROVAL_PAGE_SIZE + 2)
    ]
    client.force_login(world.user("coordinator"))

    first = client.get(reverse("approval-queue"))
    second = client.get(reverse("approval-queue"), {"page": 2})

    assert [c.pk for c in first.context["claims"]] == [c.pk for c in claims[:APPROVAL_PAGE_SIZE]]
    assert [c.pk for c in second.context["claims"]] == [c.pk for c in claims[APPROVAL_PAGE_SIZE:]]
    assert f"{APPROVAL_PAGE_SIZE + 2} in all" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()
