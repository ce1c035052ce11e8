"""The claimant's journey: start a claim for a meeting attended (pre-filled
with the involvement payment due), add costs, send it, answer a question and
send it again; refusals for meetings not attended and a second claim; notices
at each step; "Your claims" holds its query count at tenfold data."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from expenses.models import ClaimEvent, ExpenseClaim
from expenses.services import claims as services
from involvement.errors import ApplicationError
from involvement.models import Notification

from ._claims import attended, day_rate_policy, other_member, seated_a_year_ago

pytestmark = pytest.mark.django_db
D = Decimal


def test_claim_is_prefilled_with_meeting_group_and_the_payment_due(world):
    day_rate_policy(world)
    invitation = attended(world, hours=5)
    claim = services.claim_start(invitation=invitation, started_by=world.user("member"))
    assert claim.status == "draft"
    assert claim.meeting == invitation.meeting
    assert claim.group == world.objects["group"]
    assert claim.involvement_payment == D("150.00")
    assert "Full-day" in claim.involvement_payment_basis
    assert claim.entered_by is None
    assert list(claim.events.values_list("to_status", flat=True)) == ["draft"]


def test_representative_at_a_board_meeting_is_paid_the_representative_rate(world):
    from expenses.models import PaymentPolicy, PaymentRule

    policy = PaymentPolicy.objects.create(organisation=world.organisation)
    PaymentRule.objects.create(
        policy=policy,
        role_level="representative",
        activity="board",
        mode="per_hour",
        hourly_rate=D("25.00"),
    )
    body = world.objects["body"]  # the member holds a current seat on it (world fixture)
    seated_a_year_ago(world)
    invitation = attended(world, body=body, kind="board", hours=2)
    claim = services.claim_start(invitation=invitation)
    assert claim.involvement_payment == D("50.00")


def test_seat_ended_before_the_meeting_is_not_a_representative(world):
    from expenses.models import PaymentPolicy, PaymentRule

    seat = world.objects["seat"]
    seat.term_start = timezone.localdate() - timedelta(days=400)
    seat.term_end = timezone.localdate() - timedelta(days=30)
    seat.save()
    policy = PaymentPolicy.objects.create(organisation=world.organisation)
    PaymentRule.objects.create(
        policy=policy,
        role_level="representative",
        activity="board",
        mode="per_hour",
        hourly_rate=D("25.00"),
    )
    invitation = attended(world, body=world.objects["body"], kind="board", hours=2)
    assert services.role_level_for(person=invitation.person, meeting=invitation.meeting) == "member"
    assert services.claim_start(invitation=invitation).involvement_payment == D("0.00")


def test_expenses_only_choice_gives_no_involvement_payment(world):
    day_rate_policy(world)
    services.payment_preference_set(person=world.objects["person"], choice="expenses_only")
    claim = services.claim_start(invitation=attended(world))
    assert claim.involvement_payment == D("0.00")


def test_claim_for_a_meeting_not_attended_is_refused(world):
    invitation = attended(world)
    invitation.attended = False
    invitation.save()
    with pytest.raises(ApplicationError, match="attending"):
        services.claim_start(invitation=invitation)
    invitation.attended = None
    invitation.save()
    with pytest.raises(ApplicationError):
        services.claim_start(invitation=invitation)


def test_kinds_without_expenses_are_refused(world):
    with pytest.raises(ApplicationError, match="kind of meeting"):
        services.claim_start(invitation=attended(world, kind="reflective_review"))


def test_one_claim_per_meeting(world):
    invitation = attended(world)
    services.claim_start(invitation=invitation)
    with pytest.raises(ApplicationError, match="already a claim"):
        services.claim_start(invitation=invitation)
    assert ExpenseClaim.objects.filter(meeting=invitation.meeting).count() == 1


def test_mileage_line_is_computed_from_miles_at_the_organisations_rate(world):
    day_rate_policy(world, mileage_rate=D("0.45"))
    claim = services.claim_start(invitation=attended(world))
    line = services.claim_line_add(claim=claim, kind="mileage", miles=D("12.5"), amount=D("99"))
    assert line.amount == D("5.63")


def test_line_errors_say_what_to_fix(world):
    claim = services.claim_start(invitation=attended(world))
    with pytest.raises(ValidationError) as error:
        services.claim_line_add(claim=claim, kind="mileage")
    assert error.value.message_dict["miles"] == ["Enter the number of miles, like 12"]
    with pytest.raises(ValidationError) as error:
        services.claim_line_add(claim=claim, kind="taxi", amount=D("12"))
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.claim_line_add(claim=claim, kind="public_transport")
    assert error.value.message_dict["amount"] == ["Enter the amount, like 3.50"]


def test_empty_claim_cannot_be_sent(world):
    claim = services.claim_start(invitation=attended(world))
    with pytest.raises(ValidationError, match="Add at least one cost"):
        services.claim_submit(claim=claim)


def test_submit_records_the_change_and_tells_claimant_and_coordinators(
    world, django_capture_on_commit_callbacks
):
    claim = services.claim_start(invitation=attended(world))
    services.claim_line_add(claim=claim, kind="public_transport", amount=D("4.60"))
    with django_capture_on_commit_callbacks(execute=False):
        services.claim_submit(claim=claim, by=world.user("member"))
    claim.refresh_from_db()
    assert claim.status == "submitted" and claim.submitted_at is not None
    event = claim.events.last()
    assert (event.from_status, event.to_status, event.by) == (
        "draft",
        "submitted",
        world.user("member"),
    )
    keys = set(
        Notification.objects.filter(
            idempotency_key__startswith=f"expenses:claim-submitted:{claim.pk}:"
        ).values_list("idempotency_key", flat=True)
    )
    assert f"expenses:claim-submitted:{claim.pk}:1:claimant" in keys
    assert len(keys) == 2  # the claimant and the organisation's one coordinator
    with pytest.raises(ApplicationError):
        services.claim_submit(claim=claim)
    with pytest.raises(ApplicationError, match="cannot be changed"):
        services.claim_line_add(claim=claim, kind="parking", amount=D("2"))


def _query(claim, question="Was the bus fare a return?"):
    ExpenseClaim.objects.filter(pk=claim.pk).update(status="queried")
    ClaimEvent.objects.create(
        claim=claim, from_status="submitted", to_status="queried", note=question
    )
    claim.refresh_from_db()


def test_answering_a_question_sends_the_claim_again_with_the_answer(world):
    claim = services.claim_start(invitation=attended(world))
    services.claim_line_add(claim=claim, kind="public_transport", amount=D("4.60"))
    services.claim_submit(claim=claim)
    _query(claim)
    with pytest.raises(ValidationError):
        services.claim_answer_query(claim=claim, answer="  ")
    services.claim_answer_query(claim=claim, answer="Yes, a day return.", by=world.user("member"))
    claim.refresh_from_db()
    assert claim.status == "submitted"
    event = claim.events.last()
    assert (event.from_status, event.to_status, event.note) == (
        "queried",
        "submitted",
        "Yes, a day return.",
    )
    assert Notification.objects.filter(
        idempotency_key=f"expenses:claim-submitted:{claim.pk}:2:claimant"
    ).exists()
    with pytest.raises(ApplicationError):
        services.claim_answer_query(claim=claim, answer="again")


# --- Through the pages ------------------------------------------------------


def test_bus_fare_claim_in_a_few_pages(world, login):
    client = login(world.user("member"))
    invitation = attended(world)
    page = client.get(reverse("claim-list"))
    assert invitation.meeting.title in page.content.decode()
    response = client.post(reverse("claim-start", kwargs={"pk": invitation.pk}))
    claim = ExpenseClaim.objects.get(meeting=invitation.meeting)
    detail = reverse("claim-detail", kwargs={"public_id": claim.public_id})
    assert response.url == detail
    page = client.get(detail)
    assert 'capture="environment"' in page.content.decode()
    assert 'accept="image/*,application/pdf"' in page.content.decode()
    response = client.post(detail, {"kind": "public_transport", "amount": "4.60"})
    assert response.status_code == 302
    check = client.get(reverse("claim-check", kwargs={"public_id": claim.public_id}))
    assert "£4.60" in check.content.decode()
    response = client.post(reverse("claim-check", kwargs={"public_id": claim.public_id}))
    assert response.url == reverse("claim-sent", kwargs={"public_id": claim.public_id})
    claim.refresh_from_db()
    assert claim.status == "submitted"
    page = client.get(reverse("claim-list")).content.decode()
    assert "Waiting for approval" in page
    assert invitation.meeting.title in page


def test_form_errors_keep_what_was_typed(world, login):
    client = login(world.user("member"))
    claim = services.claim_start(invitation=attended(world))
    response = client.post(
        reverse("claim-detail", kwargs={"public_id": claim.public_id}),
        {"kind": "taxi", "amount": "12.40"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Say why you needed a taxi" in body
    assert 'value="12.40"' in body
    assert not claim.lines.exists()


def test_answer_page_sends_the_claim_again(world, login):
    client = login(world.user("member"))
    claim = services.claim_start(invitation=attended(world))
    services.claim_line_add(claim=claim, kind="public_transport", amount=D("4.60"))
    services.claim_submit(claim=claim)
    _query(claim, "Which bus did you take?")
    url = reverse("claim-answer", kwargs={"public_id": claim.public_id})
    assert "Which bus did you take?" in client.get(url).content.decode()
    assert "Enter your answer" in client.post(url, {"answer": ""}).content.decode()
    client.post(url, {"answer": "The number 12"})
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert claim.events.last().note == "The number 12"


def test_another_member_cannot_see_or_start_my_claim(world, login, client):
    from tests.factories import UserFactory

    stranger = other_member(world)
    stranger.user = UserFactory()
    stranger.save()
    claim = services.claim_start(invitation=attended(world))
    login(stranger.user)
    assert (
        client.get(reverse("claim-detail", kwargs={"public_id": claim.public_id})).status_code
        == 404
    )
    invitation = attended(world, title="Another", days_ago=5)
    assert client.post(reverse("claim-start", kwargs={"pk": invitation.pk})).status_code == 404


def test_coordinator_enters_a_paper_claim_for_someone_offline(world, login):
    person = other_member(world)  # no login
    invitation = attended(world, person=person)
    client = login(world.user("coordinator"))
    page = client.get(reverse("claim-paper-list")).content.decode()
    assert escape(person.full_name) in page  # a name like O'Sullivan is escaped
    response = client.post(reverse("claim-start", kwargs={"pk": invitation.pk}))
    claim = ExpenseClaim.objects.get(person=person)
    assert claim.entered_by == world.user("coordinator")
    client.post(
        reverse("claim-detail", kwargs={"public_id": claim.public_id}),
        {"kind": "mileage", "miles": "10"},
    )
    assert claim.lines.get().amount == D("4.50")
    client.post(reverse("claim-check", kwargs={"public_id": claim.public_id}))
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert response.status_code == 302


@pytest.mark.parametrize("large", ["", "1"])
def test_printable_claim_form_is_a_pdf_in_both_sizes(world, login, large):
    invitation = attended(world)
    client = login(world.user("coordinator"))
    response = client.get(
        reverse("claim-form-pdf", kwargs={"pk": invitation.pk}), {"large_print": large}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert ("large-print" in response["Content-Disposition"]) == bool(large)


def test_your_claims_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("member"))
    made = {"n": 0}

    def grow(n):
        for _ in range(n):
            made["n"] += 1
            invitation = attended(world, title=f"Claimed {made['n']}", days_ago=made["n"] % 60 + 1)
            claim = services.claim_start(invitation=invitation)
            services.claim_line_add(claim=claim, kind="public_transport", amount=D("3.20"))
            attended(world, title=f"Not claimed {made['n']}", days_ago=made["n"] % 60 + 1)

    assert_flat_queries(lambda: client.get(reverse("claim-list")), grow=grow)


def test_claim_page_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("member"))
    claim = services.claim_start(invitation=attended(world))

    def grow(n):
        for _ in range(n):
            services.claim_line_add(claim=claim, kind="public_transport", amount=D("3.20"))

    url = reverse("claim-detail", kwargs={"public_id": claim.public_id})
    assert_flat_queries(lambda: client.get(url), grow=grow)


def test_paper_claims_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            attended(world, person=other_member(world))

    assert_flat_queries(lambda: client.get(reverse("claim-paper-list")), grow=grow)


def test_mileage_needs_no_receipt_and_the_claim_page_says_so(world, login):
    day_rate_policy(world)
    claim = services.claim_start(invitation=attended(world))
    services.claim_line_add(claim=claim, kind="mileage", miles=D("12"))
    services.claim_line_add(claim=claim, kind="parking", amount=D("4.00"))

    page = login(world.user("member")).get(reverse("claim-detail", args=[claim.public_id]))
    text = page.content.decode()

    assert "No receipt needed for mileage" in text
    assert "12 miles at" in text and "12.0 miles" not in text
    assert text.count('name="receipt"') == 2  # the parking line's, and the new cost's
    assert "Receipt for: Parking" in text and "Receipt for: Mileage" not in text
    assert "Mileage in your own car needs no receipt" in text
    # The receipt boxes are the NHS file upload component.
    assert text.count('data-module="nhsuk-file-upload"') == 2
    assert 'class="nhsuk-file-upload__input' in text


# --- "Your claims": in progress in full, history a page at a time -------------


def finished_claims(world, count, *, start=0, status="paid"):
    """`count` claims paid (or rejected), one a day further back each, each
    with a £3.20 fare."""
    made = []
    for index in range(start, start + count):
        claim = services.claim_start(
            invitation=attended(world, title=f"History {index}", days_ago=index + 2)
        )
        services.claim_line_add(claim=claim, kind="public_transport", amount=D("3.20"))
        ExpenseClaim.objects.filter(pk=claim.pk).update(
            status=status,
            approved_by=world.user("coordinator"),
            paid_at=timezone.now() if status == "paid" else None,
            paid_on=timezone.localdate() if status == "paid" else None,
        )
        made.append(claim)
    return made


def test_your_claims_shows_every_claim_in_progress_and_20_paid_a_page(world, login):
    client = login(world.user("member"))
    finished_claims(world, 24)
    finished_claims(world, 1, start=24, status="rejected")
    waiting = services.claim_start(invitation=attended(world, title="Waiting one", days_ago=400))
    services.claim_line_add(claim=waiting, kind="public_transport", amount=D("4.10"))
    page = client.get(reverse("claim-list")).content.decode()
    # The claim in progress is shown however old its meeting.
    assert "Waiting one" in page
    assert "£4.10" in page
    assert "Showing 1 to 20 of 25 claims, the newest meeting first." in page
    assert "History 0," in page and "History 19," in page
    assert "History 20," not in page
    assert page.index("History 0,") < page.index("History 1,")
    assert "£3.20" in page
    assert 'href="?page=2"' in page
    second = client.get(reverse("claim-list"), {"page": 2}).content.decode()
    assert "Showing 21 to 25 of 25 claims" in second
    assert "History 24," in second and "History 0," not in second
    assert "Rejected" in second
    assert "Waiting one" in second


@pytest.mark.parametrize(
    ("asked", "shows"), [("abc", "1 to 20"), ("99", "21 to 22"), ("-1", "21 to 22")]
)
def test_a_claims_page_number_out_of_range_or_not_a_number_shows_a_page(world, login, asked, shows):
    client = login(world.user("member"))
    finished_claims(world, 22)
    response = client.get(reverse("claim-list"), {"page": asked})
    assert response.status_code == 200
    assert f"Showing {shows} of 22 claims" in response.content.decode()


def test_your_claims_without_any_claim_says_so(world, login):
    client = login(world.user("member"))
    page = client.get(reverse("claim-list")).content.decode()
    assert "You have no claims in progress." in page
    assert "You have not made a claim yet." in page
    assert "Showing" not in page


def test_your_claims_page_two_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("member"))
    made = {"n": 0}

    def grow(n):
        finished_claims(world, 25 * n, start=made["n"])
        made["n"] += 25 * n
        attended(world, title=f"Not claimed {made['n']}", days_ago=1)

    assert_flat_queries(lambda: client.get(reverse("claim-list"), {"page": 2}), grow=grow)
