"""Paying claims: a batch or a single claim becomes a payment run; a claim is
paid once, even with two finance users at the same moment (PostgreSQL); the
run's CSV for the finance system, with involvement payments for payroll in a
separate file when the policy says so."""

from __future__ import annotations

import csv
import io
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from expenses.models import ClaimEvent, ExpenseClaim, PaymentPolicy, PaymentRun
from expenses.services.payments import claim_mark_paid, claims_mark_paid, payment_run_csv
from involvement.errors import ApplicationError
from involvement.models import Notification
from tests.access.expenses_admin import make_claim, make_meeting
from tests.factories import MembershipFactory, PersonFactory

Status = ExpenseClaim.Status


def approved_claim(world, *, title="Group meeting", person=None, **kwargs):
    group = world.objects["group"]
    person = person or MembershipFactory(group=group).person
    return make_claim(
        person,
        make_meeting(group, title=title),
        status="approved",
        approved_by=world.user("coordinator"),
        **kwargs,
    )


def pay(world, claims, reference="BACS-1"):
    return claims_mark_paid(
        organisation=world.organisation,
        claim_ids=[claim.pk for claim in claims],
        by=world.user("finance"),
        paid_on=timezone.localdate(),
        method="bank_transfer",
        reference=reference,
    )


@pytest.mark.django_db
def test_a_batch_pays_each_claim_once_in_one_run_and_tells_each_claimant(world):
    first, second = approved_claim(world), approved_claim(world)
    run = pay(world, [first, second])
    for claim in (first, second):
        claim.refresh_from_db()
        assert claim.status == Status.PAID
        assert claim.payment_run == run
        assert claim.paid_on == timezone.localdate()
        assert claim.payment_reference == "BACS-1"
        assert ClaimEvent.objects.filter(claim=claim, to_status="paid").count() == 1
        assert Notification.objects.filter(
            idempotency_key=f"expenses:claim-paid:{claim.pk}"
        ).exists()
    with pytest.raises(ApplicationError) as error:
        pay(world, [first, second], reference="BACS-2")
    assert error.value.code == "nothing_to_pay"
    assert PaymentRun.objects.count() == 1


@pytest.mark.django_db
def test_a_single_claim_is_paid_as_a_run_of_one(world):
    claim = approved_claim(world)
    run = claim_mark_paid(
        claim=claim,
        by=world.user("finance"),
        paid_on=timezone.localdate(),
        method="cash",
        reference="CASH-3",
    )
    assert list(run.claims.all()) == [claim]


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "submitted", "queried", "rejected"])
def test_only_approved_claims_are_paid(world, status):
    claim = make_claim(world.objects["person"], make_meeting(world.objects["group"]), status=status)
    with pytest.raises(ApplicationError):
        pay(world, [claim])
    claim.refresh_from_db()
    assert claim.status == status


@pytest.mark.django_db
def test_already_paid_claims_in_a_batch_are_left_alone(world):
    first, second = approved_claim(world), approved_claim(world)
    first_run = pay(world, [first])
    second_run = pay(world, [first, second], reference="BACS-2")
    first.refresh_from_db()
    assert first.payment_run == first_run
    assert list(second_run.claims.all()) == [second]


@pytest.mark.django_db
def test_another_organisations_claim_is_never_paid_in_our_run(world):
    other = make_claim(
        world.objects["other_membership"].person,
        make_meeting(world.objects["other_group"]),
        status="approved",
        approved_by=world.user("other_org"),
    )
    with pytest.raises(ApplicationError):
        pay(world, [other])
    other.refresh_from_db()
    assert other.status == Status.APPROVED


@pytest.mark.django_db(transaction=True)
def test_two_finance_users_at_once_pay_a_claim_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database; row locks need PostgreSQL")
    claim = approved_claim(world)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def finance_user(reference):
        try:
            start.wait()
            pay(world, [claim], reference=reference)
            outcomes.append("paid")
        except ApplicationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=finance_user, args=(f"RUN-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["paid", "refused"]
    claim.refresh_from_db()
    assert claim.status == Status.PAID
    assert PaymentRun.objects.count() == 1
    assert claim.payment_run == PaymentRun.objects.get()
    assert ClaimEvent.objects.filter(claim=claim, to_status="paid").count() == 1


def rows(text):
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_payment_run_csv_never_starts_a_cell_with_a_formula(world, start):
    person = PersonFactory(full_name=f"{start}Alys")
    claim = approved_claim(world, title=f"{start}Meeting", person=person)
    run = pay(world, [claim])
    table = rows(payment_run_csv(run=run))
    row = dict(zip(table[0], table[1], strict=True))
    assert (row["Person"], row["Meeting"]) == (f"'{start}Alys", f"'{start}Meeting")


@pytest.mark.django_db
def test_payment_run_csv_has_a_row_per_claim_with_pence(world):
    person = PersonFactory(full_name="=Alys Brightwater")
    claim = approved_claim(
        world,
        title="Spring group meeting",
        person=person,
        lines=(("public_transport", Decimal("4.80")), ("parking", Decimal("3.50"))),
        involvement_payment=Decimal("25.00"),
    )
    run = pay(world, [claim], reference="BACS-NOV")
    table = rows(payment_run_csv(run=run))
    assert table[0][:3] == ["Claim reference", "Person", "Person reference"]
    assert len(table) == 2
    row = dict(zip(table[0], table[1], strict=True))
    assert row["Person"] == "'=Alys Brightwater"  # never a formula in a spreadsheet
    assert row["Meeting"] == "Spring group meeting"
    assert row["Group"] == world.objects["group"].name
    assert (row["Expenses"], row["Involvement payment"], row["Total"]) == (
        "8.30",
        "25.00",
        "33.30",
    )
    assert row["Payment reference"] == "BACS-NOV"
    assert row["Method"] == "Bank transfer"
    assert rows(payment_run_csv(run=run, payroll=True))[1:] == []


@pytest.mark.django_db
def test_involvement_payments_go_to_the_payroll_file_when_the_policy_says_payroll(world):
    PaymentPolicy.objects.create(
        organisation=world.organisation, payroll_for_involvement_payments=True
    )
    paid = approved_claim(
        world, lines=(("public_transport", Decimal("6.00")),), involvement_payment=Decimal("75.00")
    )
    fee_only = approved_claim(world, lines=(), involvement_payment=Decimal("150.00"))
    expenses_only = approved_claim(world, lines=(("parking", Decimal("2.00")),))
    run = pay(world, [paid, fee_only, expenses_only])
    expenses = rows(payment_run_csv(run=run))
    assert len(expenses) == 3  # the fee-only claim has no expenses to pay
    assert {(r[6], r[7], r[8]) for r in expenses[1:]} == {
        ("6.00", "0.00", "6.00"),
        ("2.00", "0.00", "2.00"),
    }
    payroll = rows(payment_run_csv(run=run, payroll=True))
    assert sorted(r[5] for r in payroll[1:]) == ["150.00", "75.00"]


@pytest.mark.django_db
def test_finance_marks_paid_through_the_page_and_downloads_the_csv(world, client):
    first, second = approved_claim(world), approved_claim(world)
    client.force_login(world.user("finance"))
    url = reverse("payment-list")
    today = timezone.localdate()
    data = {
        "claims": [first.pk, second.pk],
        "paid_on_0": today.day,
        "paid_on_1": today.month,
        "paid_on_2": today.year,
        "method": "bank_transfer",
        "reference": "BACS-77",
    }
    response = client.post(url, {**data, "reference": ""})
    assert "Enter the payment reference" in response.content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    run = PaymentRun.objects.get()
    assert response["Location"] == reverse("payment-run-detail", kwargs={"pk": run.pk})
    download = client.get(reverse("payment-run-csv", kwargs={"pk": run.pk}))
    assert download["Content-Type"].startswith("text/csv")
    assert len(rows(download.content.decode())) == 3
    # A second press of the same (stale) form pays nothing twice.
    response = client.post(url, data)
    assert response.status_code == 200
    assert PaymentRun.objects.count() == 1


@pytest.mark.django_db
def test_finance_list_queries_stay_flat(world, client, assert_flat_queries):
    client.force_login(world.user("finance"))

    def grow(n):
        for _ in range(n):
            approved_claim(world, lines=(("taxi", Decimal("9.00")), ("parking", Decimal("1.00"))))

    assert_flat_queries(lambda: client.get(reverse("payment-list")), grow=grow)


@pytest.mark.django_db
def test_payment_run_page_queries_stay_flat(world, client, assert_flat_queries):
    client.force_login(world.user("finance"))
    run = pay(world, [approved_claim(world)])

    def grow(n):
        for _ in range(n):
            claim = approved_claim(world)
            ExpenseClaim.objects.filter(pk=claim.pk).update(
                status="paid", paid_on=run.paid_on, paid_at=timezone.now(), payment_run=run
            )

    url = reverse("payment-run-detail", kwargs={"pk": run.pk})
    assert_flat_queries(lambda: client.get(url), grow=grow)


# --- The page a batch at a time ----------------------------------------------


def waiting_claims(world, count, *, start=0):
    """`count` approved claims, each approved a day after the one before (the
    first the longest waiting), with a £2.50 fare and a £10 payment each."""
    base = timezone.now() - timedelta(days=400)
    return [
        approved_claim(
            world,
            title=f"Meeting number {start + index}",
            approved_at=base + timedelta(days=start + index),
            lines=(("public_transport", Decimal("2.50")),),
            involvement_payment=Decimal("10.00"),
        )
        for index in range(count)
    ]


@pytest.mark.django_db
def test_claims_to_pay_are_25_a_page_longest_waiting_first_with_totals_of_all(world, client):
    claims = waiting_claims(world, 27)
    client.force_login(world.user("finance"))
    page = client.get(reverse("payment-list")).content.decode()
    assert "27 approved claims waiting, £337.50 in all." in page
    assert "Showing 1 to 25 of 27, 25 a page." in page
    assert "Meeting number 0," in page and "Meeting number 24," in page
    assert "Meeting number 25," not in page
    assert page.index("Meeting number 0,") < page.index("Meeting number 1,")
    assert f'value="{claims[24].pk}"' in page and f'value="{claims[25].pk}"' not in page
    assert "Claims on other pages are not changed" in page
    assert 'href="?page=2"' in page
    second = client.get(reverse("payment-list"), {"page": 2}).content.decode()
    assert "Showing 26 to 27 of 27" in second
    assert "Meeting number 26," in second and "Meeting number 0," not in second
    assert "27 approved claims waiting, £337.50 in all." in second


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("asked", "shows"), [("abc", "1 to 25"), ("99", "26 to 27"), ("0", "26 to 27")]
)
def test_a_payments_page_number_out_of_range_or_not_a_number_shows_a_page(
    world, client, asked, shows
):
    waiting_claims(world, 27)
    client.force_login(world.user("finance"))
    response = client.get(reverse("payment-list"), {"page": asked})
    assert response.status_code == 200
    assert f"Showing {shows} of 27" in response.content.decode()


@pytest.mark.django_db
def test_a_batch_from_page_two_pays_those_claims_and_no_others(world, client):
    claims = waiting_claims(world, 27)
    client.force_login(world.user("finance"))
    today = timezone.localdate()
    data = {
        "claims": [claims[25].pk, claims[26].pk],
        "paid_on_0": today.day,
        "paid_on_1": today.month,
        "paid_on_2": today.year,
        "method": "bank_transfer",
        "reference": "BACS-P2",
    }
    response = client.post(reverse("payment-list") + "?page=2", data)
    assert response.status_code == 302
    paid = set(ExpenseClaim.objects.filter(status=Status.PAID).values_list("pk", flat=True))
    assert paid == {claims[25].pk, claims[26].pk}


@pytest.mark.django_db
def test_a_claim_ticked_on_a_page_it_has_since_left_is_still_paid(world, client):
    """Page 2 was drawn, then someone paid claims from page 1: the claims
    ticked on page 2 are now on page 1, and are still accepted."""
    claims = waiting_claims(world, 27)
    pay(world, claims[:5], reference="BACS-FIRST")
    client.force_login(world.user("finance"))
    today = timezone.localdate()
    response = client.post(
        reverse("payment-list") + "?page=2",
        {
            "claims": [claims[26].pk],
            "paid_on_0": today.day,
            "paid_on_1": today.month,
            "paid_on_2": today.year,
            "method": "bank_transfer",
            "reference": "BACS-LATE",
        },
    )
    assert response.status_code == 302
    claims[26].refresh_from_db()
    assert claims[26].status == Status.PAID


@pytest.mark.django_db
def test_a_claim_paid_meanwhile_is_refused_in_plain_words(world, client):
    first, second = waiting_claims(world, 2)
    pay(world, [first])
    client.force_login(world.user("finance"))
    today = timezone.localdate()
    response = client.post(
        reverse("payment-list"),
        {
            "claims": [first.pk, second.pk],
            "paid_on_0": today.day,
            "paid_on_1": today.month,
            "paid_on_2": today.year,
            "method": "bank_transfer",
            "reference": "BACS-2",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "is not waiting for payment any more" in page
    assert "Select a valid choice" not in page
    second.refresh_from_db()
    assert second.status == Status.APPROVED


@pytest.mark.django_db
def test_finance_list_page_two_queries_stay_flat(world, client, assert_flat_queries):
    client.force_login(world.user("finance"))
    made = {"n": 0}

    def grow(n):
        waiting_claims(world, 30 * n, start=made["n"])
        made["n"] += 30 * n

    assert_flat_queries(lambda: client.get(reverse("payment-list"), {"page": 2}), grow=grow)
