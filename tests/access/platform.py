"""Skeleton pages and API routes."""

from .rules import API_SIGNED_IN, PUBLIC, SIGNED_IN, Page, expect

PAGES = {
    "home": Page(status=PUBLIC),
    "privacy": Page(status=PUBLIC),
    "privacy-pdf": Page(status=PUBLIC),
    "accessibility": Page(status=PUBLIC),
    "account_settings": Page(status=SIGNED_IN),
    "account-api-token-revoke": Page(status=SIGNED_IN),
    "api-schema": Page(status=PUBLIC),
    "api-docs": Page(status=PUBLIC),
    "api-root": Page(status=API_SIGNED_IN),
    "api-token": Page(status=expect(405)),
    "organisation-list": Page(status=API_SIGNED_IN),
    "organisation-detail": Page(
        kwargs=lambda w: {"pk": w.organisation.pk},
        status=expect(200, anonymous=401, member=404, other_org=404),
    ),
}
