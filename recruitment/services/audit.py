"""The audit trail of a selection: one row per step (score, moderation,
shortlist, conversation, decision, proposal and its changes). Rows are only
ever added; the coordinator exports them as the auditable record."""

from __future__ import annotations

from recruitment.models import Application, AuditEvent, Vacancy


class Action:
    SCORE = "score"
    SCORE_CHANGED = "score_changed"
    REVIEWERS_ASSIGNED = "reviewers_assigned"
    MODERATION = "moderation"
    SHORTLIST = "shortlist"
    CONVERSATION = "conversation"
    PROPOSAL = "proposal"
    PROPOSAL_CHECKED = "proposal_checked"
    PROPOSAL_ACCEPTED = "proposal_accepted"
    PROPOSAL_CHANGED = "proposal_changed"
    DECISION = "decision"
    RESERVE_OFFER = "reserve_offer"
    ANONYMISED = "anonymised"


ACTION_LABELS = {
    Action.SCORE: "Score",
    Action.SCORE_CHANGED: "Score changed",
    Action.REVIEWERS_ASSIGNED: "Reviewers assigned",
    Action.MODERATION: "Moderation",
    Action.SHORTLIST: "Shortlisted",
    Action.CONVERSATION: "Conversation",
    Action.PROPOSAL: "Proposal made",
    Action.PROPOSAL_CHECKED: "Draw checked",
    Action.PROPOSAL_ACCEPTED: "Proposal accepted",
    Action.PROPOSAL_CHANGED: "Proposal changed",
    Action.DECISION: "Decision",
    Action.RESERVE_OFFER: "Reserve offered a place",
    Action.ANONYMISED: "Personal details removed",
    # Steps recorded by the vacancy and application services.
    "vacancy_opened": "Vacancy opened",
    "vacancy_closed": "Vacancy closed",
    "panel_member_added": "Panel member added",
    "panel_member_removed": "Panel member removed",
    "conflict_declared": "Conflict of interest declared",
    "scoring_started": "Scoring started",
    "application_entered": "Paper or phone application entered",
    "application_withdrawn": "Application withdrawn",
    "application_restored": "Application restored",
}


def action_label(action: str) -> str:
    """The step in words: "Vacancy opened", never the code "vacancy_opened"."""
    return ACTION_LABELS.get(action) or action.replace("_", " ").capitalize()


def audit_record(
    *,
    vacancy: Vacancy,
    action: str,
    summary: str,
    actor=None,
    application: Application | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Add one step to the vacancy's audit trail. Summaries name applications
    by reference, never by name, so the trail outlives anonymisation."""
    event = AuditEvent(
        vacancy=vacancy,
        application=application,
        actor=actor,
        action=action,
        summary=summary,
        detail=detail or {},
    )
    # The actor may be None (a scheduled task), which the model allows but not as "blank".
    event.full_clean(exclude=["actor"] if actor is None else None)
    event.save()
    return event
