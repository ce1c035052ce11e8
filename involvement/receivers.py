"""What happens elsewhere when an account's credentials change.

A new password, however it was set (account settings, a reset link, the
admin, `manage.py changepassword`), or an authenticator app removed, ends
the person's API token at once: whoever took the old credentials must not
keep a way in through the API. Connected in InvolvementConfig.ready.
"""

from __future__ import annotations

from allauth.mfa.signals import authenticator_removed
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save

from .services.api_tokens import api_token_revoke


def revoke_token_when_password_changes(sender, instance, update_fields=None, **kwargs):
    # set_password() keeps the new raw password in `_password` until the save
    # (Django's own signal that the password changed); an automatic re-hash on
    # sign-in (a stronger hasher) clears it first, and is not a new password.
    if instance.pk is None or getattr(instance, "_password", None) is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    api_token_revoke(user=instance)


def revoke_token_when_authenticator_goes(sender, user, **kwargs):
    api_token_revoke(user=user)


def connect() -> None:
    pre_save.connect(
        revoke_token_when_password_changes,
        sender=get_user_model(),
        dispatch_uid="involvement-revoke-token-on-password",
    )
    authenticator_removed.connect(
        revoke_token_when_authenticator_goes,
        dispatch_uid="involvement-revoke-token-on-authenticator-removed",
    )


# --- The audit log: sign-ins, sign-outs and two-step sign-in ------------------


def audit_signed_in(sender, request, user, **kwargs):
    from . import audit

    audit.record_about_user(user=user, action=audit.Action.SIGNED_IN, actor=user)


def audit_signed_out(sender, request, user, **kwargs):
    from . import audit

    if user is not None:
        audit.record_about_user(user=user, action=audit.Action.SIGNED_OUT, actor=user)


def audit_sign_in_failed(sender, credentials, request=None, **kwargs):
    """The address is kept (from the request); the account only when the
    email typed is one we know, never the password or the email itself."""
    from django.db.models import Q

    from . import audit

    login = credentials.get("email") or credentials.get("username") or ""
    user = None
    if login:
        user = (
            get_user_model()
            .objects.filter(Q(email__iexact=login) | Q(emailaddress__email__iexact=login))
            .first()
        )
    if user is None:
        audit.record(action=audit.Action.SIGN_IN_FAILED, summary="Unknown account")
        return
    audit.record_about_user(user=user, action=audit.Action.SIGN_IN_FAILED)


def audit_authenticator_added(sender, user, authenticator=None, **kwargs):
    from . import audit

    kind = getattr(authenticator, "type", "") or ""
    audit.record_about_user(
        user=user, action=audit.Action.MFA_ADDED, actor=user, detail={"kind": kind}
    )


def audit_authenticator_removed(sender, user, authenticator=None, **kwargs):
    from . import audit

    kind = getattr(authenticator, "type", "") or ""
    audit.record_about_user(
        user=user, action=audit.Action.MFA_REMOVED, actor=user, detail={"kind": kind}
    )


def connect_audit() -> None:
    from allauth.mfa.signals import authenticator_added
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(audit_signed_in, dispatch_uid="involvement-audit-signed-in")
    user_logged_out.connect(audit_signed_out, dispatch_uid="involvement-audit-signed-out")
    user_login_failed.connect(audit_sign_in_failed, dispatch_uid="involvement-audit-failed")
    authenticator_added.connect(
        audit_authenticator_added, dispatch_uid="involvement-audit-authenticator-added"
    )
    authenticator_removed.connect(
        audit_authenticator_removed, dispatch_uid="involvement-audit-authenticator-removed"
    )
