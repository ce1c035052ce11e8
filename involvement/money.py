"""Money as people read it: "£2,250.00", "−£12.50", one way everywhere.

Templates use the ``money`` filter (involvement.templatetags.nhsuk, a
builtin); Python that writes a message or a PDF line uses ``money`` here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")


def money(value, *, empty: str = "") -> str:
    """Pounds with a thousands separator and pence: 2250 → "£2,250.00".

    A negative amount reads "−£12.50" (a minus sign before the pound sign);
    ``None`` or something that is not a number gives ``empty``."""
    if value is None or value == "":
        return empty
    try:
        amount = Decimal(str(value)).quantize(PENNY, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return empty
    if amount < 0:
        return f"\N{MINUS SIGN}£{-amount:,.2f}"
    return f"£{amount:,.2f}"
