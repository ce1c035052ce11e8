"""Accounts: allauth's pages (log in, sign up, passwords, email addresses,
two-factor authentication), as the package answers them here.

The walk's logins are made without a password (`force_login`), so the pages
that want a recent login or a pending step (a code, a second factor) send
people on to it (302). The platform admin has recovery codes (the admin
walk's authenticator, tests/access/admin_site.py)."""

from tests.factories import TEST_PASSWORD

from .rules import PUBLIC, SIGNED_IN, Page, expect, fields

# Pages for people who are not logged in: logged-in people are sent home.
LOGGED_OUT = expect(302, anonymous=200)
# Every step that needs something pending sends everyone on.
SENT_ON = expect(302)
NEW_PASSWORD = "Walk-horse-battery-10"  # noqa: S105

PAGES = {
    "account_login": Page(
        status=LOGGED_OUT,
        form=fields(login="member@example.org", password=TEST_PASSWORD),
        post=LOGGED_OUT,
        post_valid=SENT_ON,
    ),
    # A confirmation page; logging out changes only the session.
    "account_logout": Page(status=SIGNED_IN, post=SENT_ON, writes=False),
    "account_inactive": Page(status=PUBLIC),
    "account_signup": Page(
        status=LOGGED_OUT,
        form=fields(
            full_name="Sam Newmember",
            email="new-member@example.org",
            password1=NEW_PASSWORD,
            password2=NEW_PASSWORD,
        ),
        post=LOGGED_OUT,
        post_valid=SENT_ON,
    ),
    # Confirming the password again changes only the session.
    "account_reauthenticate": Page(
        status=SIGNED_IN, form=fields(password=TEST_PASSWORD), writes=False
    ),
    "account_request_reauthentication_code": Page(status=SIGNED_IN, post=SIGNED_IN),
    "account_confirm_reauthentication_code": Page(status=SENT_ON, post=SENT_ON, writes=False),
    # Without an action the page sends people back to it. Adding an address
    # asks for the password again first (ACCOUNT_REAUTHENTICATION_REQUIRED),
    # which the walk's logins have not given: the valid body is sent on to
    # confirm it and adds nothing yet (not offered at all to an account with
    # two-factor authentication).
    "account_email": Page(
        status=SIGNED_IN,
        post=SENT_ON,
        form=fields(email="second-address@example.org", action_add=""),
        post_valid=expect(302, platform_admin=200),
        writes=False,
    ),
    "account_email_verification_sent": Page(status=PUBLIC),
    "account_change_password": Page(
        status=SIGNED_IN,
        form=fields(oldpassword=TEST_PASSWORD, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
    ),
    # Everyone here has a password already: sent to change it instead.
    "account_set_password": Page(status=SENT_ON, post=SENT_ON, writes=False),
    # The email is sent; nothing is stored.
    "account_reset_password": Page(
        status=PUBLIC, form=fields(email="member@example.org"), writes=False
    ),
    "account_confirm_login_code": Page(status=SENT_ON, post=SENT_ON, writes=False),
    "account_reset_password_from_key_done": Page(status=PUBLIC),
    "account_reset_password_done": Page(status=PUBLIC),
    # A key that does not exist: the page says the link is not valid; a POST
    # confirming it finds nothing.
    "account_confirm_email": Page(
        kwargs=lambda w: {"key": "walk-key"}, status=PUBLIC, post=expect(404)
    ),
    "account_reset_password_from_key": Page(
        kwargs=lambda w: {"uidb36": "0", "key": "walk-key"}, status=PUBLIC, post=PUBLIC
    ),
    # Two-factor authentication.
    "mfa_index": Page(status=SIGNED_IN),
    "mfa_authenticate": Page(status=SENT_ON, post=SENT_ON, writes=False),
    "mfa_reauthenticate": Page(
        status=expect(302, platform_admin=200), post=expect(302, platform_admin=200), writes=False
    ),
    "mfa_activate_totp": Page(status=SENT_ON, post=SENT_ON, writes=False),
    # Nobody has an authenticator app to remove.
    "mfa_deactivate_totp": Page(status=expect(404, anonymous=302), post=expect(404, anonymous=302)),
    # Recovery codes: only the platform admin has them (sent to confirm first).
    "mfa_view_recovery_codes": Page(status=expect(404, anonymous=302, platform_admin=302)),
    "mfa_generate_recovery_codes": Page(status=SENT_ON, post=SENT_ON, writes=False),
    "mfa_download_recovery_codes": Page(
        status=expect(404, anonymous=302, platform_admin=302),
        post=expect(404, anonymous=302, platform_admin=302),
        writes=False,
    ),
}
