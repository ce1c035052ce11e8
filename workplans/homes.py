"""What workplans adds to the coordinator's home page (involvement.home_panels):
"you said" points that need doing something about."""

from __future__ import annotations

from .selectors.feedback import feedback_needing_attention


def you_said_panel(*, user, organisation_ids) -> dict | None:
    """Points overdue or with no news, members' points to check, and draft
    answers to publish; nothing when all is in hand."""
    panel = feedback_needing_attention(organisation_ids=organisation_ids)
    return {"panel": panel} if panel.anything else None
