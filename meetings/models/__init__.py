"""Meetings of groups and decision-making bodies: venues, the meetings
themselves, agendas, and who was invited, replied and came."""

from .calendar import CalendarToken
from .core import AgendaItem, Invitation, Meeting, Venue
from .expenses import (
    ClaimEvent,
    ClaimLine,
    ExpenseClaim,
    GroupBudget,
    PaymentPolicy,
    PaymentPreference,
    PaymentRule,
    PaymentRun,
    Receipt,
)
from .induction import InductionChecklist
from .minutes import Action, Correction, FeedbackSummary, MinuteEntry, Minutes
from .papers import Paper, PapersSending
from .review import ReflectiveReview, ReviewResponse

__all__ = [
    "ClaimEvent",
    "ClaimLine",
    "ExpenseClaim",
    "GroupBudget",
    "PaymentPolicy",
    "PaymentPreference",
    "PaymentRule",
    "PaymentRun",
    "Receipt",
    "Action",
    "AgendaItem",
    "CalendarToken",
    "Correction",
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
