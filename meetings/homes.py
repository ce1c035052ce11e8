"""What meetings adds to a member's home page (see involvement.home_panels):
their next few meetings and their reply to each."""

from __future__ import annotations

from .selectors.meetings import my_meetings

SHOWN = 3


def next_meetings_panel(*, user, organisation_ids) -> dict | None:
    meetings = [m for m in my_meetings(user=user) if m.organisation_id in organisation_ids]
    if not meetings:
        return None
    return {"meetings": meetings[:SHOWN], "more": len(meetings) > SHOWN}
