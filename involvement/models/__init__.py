"""Models of the involvement core, one module per concept area."""

from .accounts import Organisation, StaffRole, StaffRoleChange, User, UserManager
from .audit import AuditAction, AuditEntry
from .bodies import MINIMUM_REPRESENTATIVES, DecisionMakingBody, RepresentativeSeat
from .glossary import GlossaryTerm
from .groups import DiversityFactor, Group, Membership, MembershipStatusChange
from .outbox import Notification, PrintBatch
from .people import DiversityConsent, DiversityProfile, Person
from .privacy import ErasureRequest, PersonalDataExport

__all__ = [
    "AuditAction",
    "AuditEntry",
    "MINIMUM_REPRESENTATIVES",
    "DecisionMakingBody",
    "DiversityConsent",
    "DiversityFactor",
    "DiversityProfile",
    "ErasureRequest",
    "GlossaryTerm",
    "Group",
    "Membership",
    "MembershipStatusChange",
    "Notification",
    "Organisation",
    "Person",
    "PersonalDataExport",
    "PrintBatch",
    "RepresentativeSeat",
    "StaffRole",
    "StaffRoleChange",
    "User",
    "UserManager",
]
