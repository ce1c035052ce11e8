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
