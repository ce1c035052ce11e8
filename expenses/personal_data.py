"""The expenses part of a person's data: their claims and payment choice in
"Download your data", and what erasure may delete (the payment choice) and
must keep (claims and payments: six years, for HMRC)."""

from __future__ import annotations

from django.utils import timezone

from involvement.models import Person
from involvement.money import money

from .models import ExpenseClaim, PaymentPreference

CLAIMS_KEPT = (
    "Expense claims and payments ({count}), with their receipts and amounts: the law "
    "(HMRC) requires financial records to be kept for six years after the end of the tax "
    "year. They no longer name the person or hold their contact details."
)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%-d %B %Y") if value else ""


def claims_of(person: Person) -> list[dict[str, str]]:
    records = []
    claims = (
        ExpenseClaim.objects.filter(person=person)
        .select_related("meeting", "organisation")
        .prefetch_related("lines")
        .order_by("created_at")
    )
    for claim in claims:
        record = {
            "Meeting": f"{claim.meeting.title}, {_when(claim.meeting.starts_at)}",
            "Organisation": claim.organisation.name,
            "Status": claim.get_status_display(),
            "Involvement payment": money(claim.involvement_payment),
            "Paid on": claim.paid_on.strftime("%-d %B %Y") if claim.paid_on else "",
        }
        for number, line in enumerate(claim.lines.all(), start=1):
            record[f"Cost {number}"] = (
                f"{line.get_kind_display()}: {line.description} {money(line.amount)}".strip()
            )
        records.append(record)
    preference = PaymentPreference.objects.filter(person=person).first()
    if preference is not None:
        records.append(
            {
                "Involvement payments": preference.get_choice_display(),
                "Chosen on": _when(preference.chosen_at),
            }
        )
    return records


def erase(person: Person) -> list[str]:
    PaymentPreference.objects.filter(person=person).delete()
    count = ExpenseClaim.objects.filter(person=person).count()
    return [CLAIMS_KEPT.format(count=count)] if count else []
