"""Meetings of groups and decision-making bodies: venues, the meetings
themselves, agendas, and who was invited, replied and came."""

from .core import AgendaItem, Invitation, Meeting, Venue

__all__ = ["AgendaItem", "Invitation", "Meeting", "Venue"]
