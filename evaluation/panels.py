"""What evaluation adds to other apps' pages through their hooks."""

from __future__ import annotations

from .permissions import can_manage_evaluation, can_see_dashboard


def group_panel(*, user, group) -> dict | None:
    """A group's page links to the group's dashboard, for those who may read it."""
    if not can_see_dashboard(user, group.organisation_id):
        return None
    return {
        "group": group,
        "can_manage": can_manage_evaluation(user, group.organisation_id),
    }
