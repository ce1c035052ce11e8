"""Demo organisations and one login per role (all fictional)."""

from __future__ import annotations

from ..models import Organisation, StaffRole, User

DEMO_PASSWORD = "Involve-demo-2026"  # noqa: S105 - a published demo password

Role = StaffRole.Role

ORGANISATIONS = [
    ("fellside", "North Fellside Diabetes Network", Organisation.Kind.NETWORK),
    ("riverbank", "Riverbank Borough Diabetes Partnership", Organisation.Kind.ICB),
]

# (email, full name, preferred name, organisation slug or None, roles)
PEOPLE = [
    ("admin@involve.example", "Robin Ellery", "Robin", None, []),
    ("coordinator@fellside.example", "Priya Chauhan", "Priya", "fellside", [Role.COORDINATOR]),
    ("support@fellside.example", "Tom Whitaker", "Tom", "fellside", [Role.ADMIN_SUPPORT]),
    ("panel@fellside.example", "Grace Okafor", "Grace", "fellside", [Role.PANEL_MEMBER]),
    ("commissioner@fellside.example", "Martin Hale", "Martin", "fellside", [Role.COMMISSIONER]),
    ("finance@fellside.example", "Lena Brooks", "Lena", "fellside", [Role.FINANCE]),
    ("orgadmin@fellside.example", "Sam Patel", "Sam", "fellside", [Role.ORG_ADMIN]),
    ("member@fellside.example", "Doreen Ashworth", "Doreen", None, []),
    ("coordinator@riverbank.example", "Kwame Mensah", "Kwame", "riverbank", [Role.COORDINATOR]),
]

LOGIN_LABELS = {
    "admin@involve.example": "Platform admin",
    "coordinator@fellside.example": "Coordinator (North Fellside)",
    "support@fellside.example": "Admin support",
    "panel@fellside.example": "Recruitment panel member",
    "commissioner@fellside.example": "Commissioner",
    "finance@fellside.example": "Finance",
    "orgadmin@fellside.example": "Organisation admin",
    "member@fellside.example": "Service user (member)",
    "coordinator@riverbank.example": "Coordinator (Riverbank)",
}


def demo_logins() -> list[tuple[str, str]]:
    return [(LOGIN_LABELS[email], email) for email, *_ in PEOPLE]


def ensure_user(*, email: str, full_name: str, preferred_name: str = "", superuser=False) -> User:
    """A demo login with a verified email address and the demo password."""
    from allauth.account.models import EmailAddress

    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "preferred_name": preferred_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_staff = superuser
        user.is_superuser = superuser
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed(stdout=None) -> None:
    organisations = {}
    for slug, name, kind in ORGANISATIONS:
        organisations[slug], _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind}
        )
    for email, full_name, preferred, org_slug, roles in PEOPLE:
        user = ensure_user(
            email=email,
            full_name=full_name,
            preferred_name=preferred,
            superuser=email.startswith("admin@"),
        )
        for role in roles:
            StaffRole.objects.get_or_create(
                user=user, organisation=organisations[org_slug], role=role
            )
    if stdout:
        stdout.write(f"involvement: {len(ORGANISATIONS)} organisations, {len(PEOPLE)} logins")
