"""A claim's total as the database adds it up, for lists of claims."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from ..models import ClaimLine

MONEY = DecimalField(max_digits=10, decimal_places=2)


def claim_lines_total() -> Coalesce:
    """The sum of a claim's lines (0.00 for none), as a subquery: no join, so
    no GROUP BY over the claims and whatever they are listed with."""
    lines = (
        ClaimLine.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(sum=Sum("amount"))
        .values("sum")
    )
    return Coalesce(Subquery(lines, output_field=MONEY), Value(Decimal("0.00")))
