"""Writes for organisations and the roles people hold in them.

Every grant and every removal of a role writes a StaffRoleChange row (who,
what, by whom, when); the row stays after the role is gone.
"""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify

from .. import audit, permissions
from ..errors import ApplicationError
from ..links import site_address
from ..models import Organisation, StaffRole, StaffRoleChange, User
from ..text import render_plain_text, single_line

Role = StaffRole.Role


def _clean_localities(localities) -> list[str]:
    seen: list[str] = []
    for locality in localities or []:
        locality = locality.strip()
        if locality and locality not in seen:
            seen.append(locality)
    return seen


def _unique_slug(name: str, *, exclude_pk=None) -> str:
    base = (slugify(name) or "organisation")[:50]
    slug, n = base, 2
    others = Organisation.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _refuse_duplicate_name(name: str, *, exclude_pk=None) -> None:
    others = Organisation.objects.filter(name__iexact=name)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError(
            {"name": f"There is already an organisation called {name}. Enter a different name."}
        )


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    localities: list[str] | None = None,
    quiet_hours: bool = True,
    nation: str = Organisation.Nation.ENGLAND,
) -> Organisation:
    name = name.strip()
    _refuse_duplicate_name(name)
    organisation = Organisation(
        name=name,
        slug=_unique_slug(name),
        kind=kind,
        nation=nation,
        localities=_clean_localities(localities),
        quiet_hours=quiet_hours,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    name: str,
    kind: str,
    localities: list[str],
    quiet_hours: bool | None = None,
    nation: str | None = None,
) -> Organisation:
    name = name.strip()
    _refuse_duplicate_name(name, exclude_pk=organisation.pk)
    organisation.name = name
    organisation.kind = kind
    if nation is not None:
        organisation.nation = nation
    organisation.localities = _clean_localities(localities)
    if quiet_hours is not None:
        organisation.quiet_hours = quiet_hours
    organisation.full_clean()
    organisation.save(update_fields=["name", "kind", "nation", "localities", "quiet_hours"])
    return organisation


def _role_email(
    *, user: User, organisation: Organisation, role: str, granted_by, invited: bool, base_url: str
) -> tuple[str, str]:
    context = {
        "user": user,
        "organisation": organisation,
        "role_label": Role(role).label,
        "granted_by": granted_by,
        "site_name": settings.SITE_NAME,
        "login_url": base_url + reverse("account_login"),
        "mfa_required": settings.INVOLVE_REQUIRE_MFA_FOR_STAFF,
    }
    if invited:
        key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        ).replace("UID-KEY", key)
        context["set_password_url"] = base_url + path
        context["reset_url"] = base_url + reverse("account_reset_password")
        template = "involvement/organisations/email/invitation.txt"
        subject = f"You have been invited to {settings.SITE_NAME} by {organisation}"
    else:
        template = "involvement/organisations/email/role_granted.txt"
        subject = f"You are now {Role(role).label.lower()} at {organisation}"
    return single_line(subject), render_plain_text(template, context)


@transaction.atomic
def staff_role_grant(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    granted_by: User | None,
    full_name: str = "",
    base_url: str = "",
) -> StaffRole:
    """Give the person with this email address a role in the organisation.

    If nobody has an account with that address, one is made with no password
    and an invitation is emailed: its link lets them choose a password (the
    allauth password-reset link; following it proves they own the address, so
    the address is stored as verified). `base_url` ("https://involve.example")
    makes the links in the email absolute."""
    email = User.objects.normalize_email(email.strip()).lower()
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role."})
    user = User.objects.filter(email__iexact=email).first()
    invited = user is None
    if invited:
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    elif StaffRole.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError(
            {"role": f"{user} is already {Role(role).label.lower()} at {organisation}."}
        )
    staff_role = StaffRole(user=user, organisation=organisation, role=role, granted_by=granted_by)
    staff_role.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the same grant made twice at once
            staff_role.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"role": f"{user} is already {Role(role).label.lower()} at {organisation}."}
        ) from exc
    StaffRoleChange.objects.create(
        organisation=organisation,
        user=user,
        role=role,
        action=StaffRoleChange.Action.GRANTED,
        changed_by=granted_by,
        invited=invited,
    )
    audit.record(
        action=audit.Action.ROLE_GRANTED,
        organisation=organisation,
        actor=granted_by,
        target=user,
        summary=f"{Role(role).label} given to {user.email}",
        detail={"role": role, "invited": invited},
    )
    permissions.forget_roles(user)
    subject, body = _role_email(
        user=user,
        organisation=organisation,
        role=role,
        granted_by=granted_by,
        invited=invited,
        base_url=site_address(base_url),
    )
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    return staff_role


@transaction.atomic
def staff_role_revoke(*, staff_role: StaffRole, revoked_by: User | None) -> StaffRoleChange:
    """Take a role away. An organisation admin cannot remove their own
    organisation admin role while nobody else holds it (they would lock the
    organisation out of its own settings)."""
    # Lock the organisation so two admins removing roles at once are serialised.
    organisation = Organisation.objects.select_for_update().get(pk=staff_role.organisation_id)
    staff_role = StaffRole.objects.select_related("user").get(pk=staff_role.pk)
    if (
        staff_role.role == Role.ORG_ADMIN
        and revoked_by is not None
        and staff_role.user_id == revoked_by.pk
        and not StaffRole.objects.filter(organisation=organisation, role=Role.ORG_ADMIN)
        .exclude(pk=staff_role.pk)
        .exists()
    ):
        raise ApplicationError(
            f"You are the only organisation admin of {organisation}, so you cannot remove "
            "your own organisation admin role. Give the role to someone else first.",
            code="last_org_admin",
        )
    change = StaffRoleChange.objects.create(
        organisation=organisation,
        user=staff_role.user,
        role=staff_role.role,
        action=StaffRoleChange.Action.REVOKED,
        changed_by=revoked_by,
    )
    audit.record(
        action=audit.Action.ROLE_REVOKED,
        organisation=organisation,
        actor=revoked_by,
        target=staff_role.user,
        summary=f"{staff_role.get_role_display()} removed from {staff_role.user.email}",
        detail={"role": staff_role.role},
    )
    staff_role.delete()
    permissions.forget_roles(staff_role.user)
    if revoked_by is not None:
        permissions.forget_roles(revoked_by)
    return change
