"""Priorities, the decision map, work plans and "you said" items. workplans
points down at meetings and involvement; neither imports it."""

from .decisions import DecisionMapEntry
from .exercises import (
    VOTES_PER_MEMBER,
    OrganisationPriority,
    PriorityExercise,
    Proposal,
    Theme,
    Vote,
)
from .feedback import FeedbackItem, FeedbackResponse, FeedbackSettings
from .plans import PlanReview, WorkItem, WorkPlan

__all__ = [
    "VOTES_PER_MEMBER",
    "DecisionMapEntry",
    "FeedbackItem",
    "FeedbackResponse",
    "FeedbackSettings",
    "OrganisationPriority",
    "PlanReview",
    "PriorityExercise",
    "Proposal",
    "Theme",
    "Vote",
    "WorkItem",
    "WorkPlan",
]
