"""Models of the involvement core, one module per concept area."""

from .accounts import Organisation, StaffRole, StaffRoleChange, User, UserManager
from .bodies import MINIMUM_REPRESENTATIVES, DecisionMakingBody, RepresentativeSeat
from .glossary import GlossaryTerm
from .groups import DiversityFactor, Group, Membership, MembershipStatusChange
from .outbox import Notification, PrintBatch
from .people import DiversityConsent, DiversityProfile, Person

__all__ = [
    "MINIMUM_REPRESENTATIVES",
    "DecisionMakingBody",
    "DiversityConsent",
    "DiversityFactor",
    "DiversityProfile",
    "GlossaryTerm",
    "Group",
    "Membership",
    "MembershipStatusChange",
    "Notification",
    "Organisation",
    "Person",
    "PrintBatch",
    "RepresentativeSeat",
    "StaffRole",
    "StaffRoleChange",
    "User",
    "UserManager",
]
