"""Meetings of groups and decision-making bodies: venues, the meetings
themselves, agendas, and who was invited, replied and came."""

from .calendar import CalendarToken
from .core import AgendaItem, Invitation, Meeting, Venue
from .papers import Paper, PapersSending

__all__ = [
    "AgendaItem",
    "CalendarToken",
    "Invitation",
    "Meeting",
    "Paper",
    "PapersSending",
    "Venue",
]
