"""The expenses demo, staff side: budgets for every group this year, one
claim approved and waiting for payment and one paid in a run; idempotent."""

import pytest

from expenses.demo import seed as seed_expenses
from expenses.models import ExpenseClaim, GroupBudget, PaymentRun
from involvement.demo import seed as seed_core
from meetings.demo import seed as seed_meetings


def seed():
    """The meetings demo (the past meetings claimed for), then the expenses demo."""
    seed_meetings()
    seed_expenses()


@pytest.mark.django_db
def test_the_staff_expenses_demo_is_there_and_idempotent():
    seed_core()
    seed()
    counts = (GroupBudget.objects.count(), ExpenseClaim.objects.count(), PaymentRun.objects.count())
    seed()
    after = (GroupBudget.objects.count(), ExpenseClaim.objects.count(), PaymentRun.objects.count())
    assert after == counts
    assert GroupBudget.objects.count() >= 2
    assert ExpenseClaim.objects.filter(status="approved").exists()
    assert ExpenseClaim.objects.filter(status="paid", payment_run__isnull=False).exists()
    assert ExpenseClaim.objects.filter(status="submitted").exists()  # for the approval queue
