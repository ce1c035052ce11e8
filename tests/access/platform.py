"""Skeleton pages and API routes."""

from tests.factories import TEST_PASSWORD

from .rules import API_SIGNED_IN, PUBLIC, SIGNED_IN, Page, expect, fields, redirects

PAGES = {
    "home": Page(status=PUBLIC),
    "privacy": Page(status=PUBLIC),
    "privacy-pdf": Page(status=PUBLIC),
    "accessibility": Page(status=PUBLIC),
    "account_settings": Page(status=SIGNED_IN),
    # A confirmation page: everyone signed in revokes their own token.
    "account-api-token-revoke": Page(status=SIGNED_IN, post=redirects(SIGNED_IN)),
    # Health for the proxy: anyone, and only "ok" or "failing" per component.
    "health": Page(status=PUBLIC),
    "api-schema": Page(status=PUBLIC),
    "api-docs": Page(status=PUBLIC),
    "api-root": Page(status=API_SIGNED_IN),
    # Anyone may exchange an email address and password for a token (the
    # session is not looked at); without them the request is bad.
    "api-token": Page(
        status=expect(405),
        post=expect(400),
        form=fields(email="member@example.org", password=TEST_PASSWORD),
        post_valid=expect(200),
    ),
    "organisation-list": Page(status=API_SIGNED_IN),
    "organisation-detail": Page(
        kwargs=lambda w: {"pk": w.organisation.pk},
        status=expect(200, anonymous=401, member=404, other_org=404),
    ),
}
