"""Models of the involvement core, one module per concept area."""

from .accounts import Organisation, StaffRole, User, UserManager

__all__ = ["Organisation", "StaffRole", "User", "UserManager"]
