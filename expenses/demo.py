"""Demo data for expenses (seed_demo runs it after the meetings demo, whose
past meetings the claims are for): the claimant side first (payment policies,
a payment preference, claims), then the staff side (budgets, an approved
claim, a payment run). Idempotent."""

from __future__ import annotations

from . import demo_admin, demo_claims


def seed(stdout=None) -> None:
    demo_claims.seed(stdout=stdout)
    demo_admin.seed(stdout=stdout)
