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


def you_said_digest_section(*, organisation_ids, today):
    """For the coordinators' weekly summary (involvement.digest_sections): the
    "you said" points that need doing, counted as the home page's panel
    counts them, and the groups they are in. The points' own words stay on
    the pages (members wrote them)."""
    from involvement.digest_sections import DigestSection

    panel = feedback_needing_attention(organisation_ids=organisation_ids, today=today)
    if not panel.anything:
        return None
    section = DigestSection(heading="“You said, we did”: points that need doing")

    def count(n: int, one: str, many: str) -> None:
        if n:
            section.lines.append(f"{n} {one if n == 1 else many}")

    count(
        panel.overdue_count,
        "point past its due date with no answer",
        "points past their due date with no answer",
    )
    count(
        panel.stale_count,
        "point being looked at with no news for too long",
        "points being looked at with no news for too long",
    )
    count(
        panel.waiting_checks,
        "point sent by a member waiting for you to check it",
        "points sent by members waiting for you to check them",
    )
    count(
        panel.drafts_to_publish,
        "draft answer waiting to be published",
        "draft answers waiting to be published",
    )
    if panel.groups:
        names = ", ".join(name for _id, name in panel.groups)
        more = f" and {panel.more_groups} more" if panel.more_groups else ""
        section.lines.append(f"In {names}{more}")
    return section


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
