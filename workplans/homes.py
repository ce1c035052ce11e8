"""What workplans adds to pages of the apps below it: the coordinator's home
page (involvement.home_panels), "you said" points that need doing something
about; and the feedback summary (meetings.summary_sections), the new answers."""

from __future__ import annotations

from .selectors.feedback import feedback_needing_attention


def you_said_panel(*, user, organisation_ids) -> dict | None:
    """Points overdue or with no news, members' points to check, and draft
    answers to publish; nothing when all is in hand."""
    panel = feedback_needing_attention(organisation_ids=organisation_ids)
    return {"panel": panel} if panel.anything else None


def you_said_summary_section(*, meeting) -> list:
    """For the feedback summary of a group's meeting (meetings.summary_sections):
    the points members raised at the meeting, then the answers published to
    the group's points since that meeting."""
    from meetings.summary_sections import SummaryLine, SummarySection

    from .selectors.feedback import answered_since, raised_at

    if meeting.group_id is None:
        return []
    sections = []
    raised = [
        SummaryLine(
            heading=f"You said: {item.text}",
            text=f"Where it is now: {item.get_status_display().lower()}.",
        )
        for item in raised_at(meeting=meeting)
    ]
    if raised:
        sections.append(SummarySection(title="You said at this meeting", lines=tuple(raised)))
    answered = answered_since(group=meeting.group, since=meeting.starts_at)
    lines = []
    for item in answered:
        for response in item.new_responses:
            text = f"{response.get_status_display()}: {response.what_happened}"
            if response.reason:
                text += f" Why: {response.reason}"
            lines.append(SummaryLine(heading=f"You said: {item.text}", text=text))
    if lines:
        sections.append(
            SummarySection(title="You said, we did: news since the meeting", lines=tuple(lines))
        )
    return sections
