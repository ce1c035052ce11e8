"""A cost line reads money the way people write it and says exactly what to
fix (issue 14, "Members"): "£2.50" is an amount, negative miles get a message
about miles, nothing is chosen for the person, and a chosen receipt that
cannot be kept on an error page is mentioned."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from expenses.forms.claims import ClaimLineForm
from expenses.models import LineKind


def test_pounds_are_read_with_a_pound_sign_and_thousands_separators():
    for typed, expected in [("£2.50", "2.50"), (" 2.50 ", "2.50"), ("£1,250.00", "1250.00")]:
        form = ClaimLineForm(data={"kind": LineKind.PARKING, "amount": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["amount"] == Decimal(expected)


def test_no_kind_of_cost_is_chosen_for_the_person():
    form = ClaimLineForm()
    assert form["kind"].value() is None
    assert "checked" not in str(form["kind"])
    assert ClaimLineForm(data={"amount": "3"}).errors["kind"] == ["Choose what the cost was for"]


def test_negative_or_huge_miles_get_a_message_about_miles():
    errors = ClaimLineForm(data={"kind": LineKind.MILEAGE, "miles": "-4"}).errors
    assert errors["miles"] == ["Miles must be more than 0. Enter the miles there and back, like 12"]
    errors = ClaimLineForm(data={"kind": LineKind.MILEAGE, "miles": "1000000"}).errors
    assert errors["miles"] == ["Miles must be 99,999.9 or fewer"]


def test_over_long_text_gets_a_specific_message():
    errors = ClaimLineForm(
        data={"kind": LineKind.PARKING, "amount": "3", "description": "x" * 20000}
    ).errors
    assert errors["description"] == ["Anything to add must be 200 characters or fewer"]


def test_a_chosen_receipt_is_mentioned_when_another_answer_has_a_problem():
    receipt = SimpleUploadedFile("receipt.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    form = ClaimLineForm(
        data={"kind": LineKind.PARKING, "amount": "three pounds"},
        files=MultiValueDict({"receipt": [receipt]}),
    )
    assert not form.is_valid()
    assert form.errors["receipt"] == [
        "Choose the receipt again: a file cannot be kept when there is a problem with "
        "another answer"
    ]
    assert "receipt" not in ClaimLineForm(data={"kind": LineKind.PARKING, "amount": "x"}).errors
