"""Opaque, per-reviewer names for applications: what keeps scoring blind
against a curious reviewer, not only a casual one.

A reviewer never sees an application's database id. The scoring pages and
the reviewers' API address an application by its *review handle*; the
conflict-of-interest page (the one page where a reviewer sees applicants'
names) submits a *conflict token*. Both are keyed hashes (HMAC with the
server's secret key) of the reviewer's panel place and the application, with
different salts, so:

- they differ from one reviewer to the next, and from one vacancy to the next;
- a handle never equals a token, so nothing on the names page can be matched
  to anything on a scoring page;
- neither can be turned back into an id without the secret key.

They are computed, not stored: the same reviewer gets the same handle for an
application every time (bookmarks and half-filled forms keep working)."""

from __future__ import annotations

from django.utils.crypto import salted_hmac

LENGTH = 16  # hex characters: 64 bits, far beyond guessing
_REVIEW_SALT = "involve.recruitment.review-handle"
_CONFLICT_SALT = "involve.recruitment.conflict-token"


def _opaque(salt: str, panel_member_id: int, application_id: int) -> str:
    value = f"{panel_member_id}:{application_id}"
    return salted_hmac(salt, value, algorithm="sha256").hexdigest()[:LENGTH]


def review_handle(panel_member, application_id: int) -> str:
    """How this reviewer's scoring pages and API name one application."""
    return _opaque(_REVIEW_SALT, panel_member.pk, application_id)


def conflict_token(panel_member, application_id: int) -> str:
    """What this reviewer's conflict-of-interest form submits for one applicant."""
    return _opaque(_CONFLICT_SALT, panel_member.pk, application_id)
