"""Recruitment: role descriptions with person specifications, vacancies,
applications, blind criterion-based scoring, moderation, selection, enquiries."""

from .applications import Answer, Application, Conversation
from .audit import AuditEvent
from .review import RecruitmentSettings, ReviewAssignment
from .roles import Criterion, OutreachChannel, RoleDescription, SignpostEntry
from .scoring import ConflictOfInterest, ModeratedScore, PanelMember, Score
from .selection import Enquiry, SelectionProposal
from .vacancies import Vacancy

__all__ = [
    "Answer",
    "Application",
    "AuditEvent",
    "ConflictOfInterest",
    "Conversation",
    "Criterion",
    "Enquiry",
    "ModeratedScore",
    "OutreachChannel",
    "PanelMember",
    "RecruitmentSettings",
    "ReviewAssignment",
    "RoleDescription",
    "Score",
    "SelectionProposal",
    "SignpostEntry",
    "Vacancy",
]
