"""Meetings of groups and decision-making bodies: venues, the meetings
themselves, agendas, papers, who was invited, replied and came, minutes,
actions, induction and reflective reviews.

Claims against attendance (payment policies, expense claims, approval,
payment runs, prompt-payment figures, budgets) live in the expenses app,
which builds on these models; nothing here knows of it."""

from .board_calendar import CalendarImport
from .briefing import Briefing, BriefingPoint, BriefingSummary
from .calendar import CalendarToken
from .core import AgendaItem, Invitation, Meeting, Venue
from .debrief import Debrief, DebriefFollowUp, DebriefPoint
from .induction import InductionChecklist
from .minutes import Action, Correction, FeedbackSummary, MinuteEntry, Minutes
from .papers import Paper, PapersSending
from .review import ReflectiveReview, ReviewResponse

__all__ = [
    "Action",
    "AgendaItem",
    "Briefing",
    "BriefingPoint",
    "BriefingSummary",
    "CalendarImport",
    "CalendarToken",
    "Correction",
    "Debrief",
    "DebriefFollowUp",
    "DebriefPoint",
    "FeedbackSummary",
    "InductionChecklist",
    "Invitation",
    "Meeting",
    "MinuteEntry",
    "Minutes",
    "Paper",
    "PapersSending",
    "ReflectiveReview",
    "ReviewResponse",
    "Venue",
]
