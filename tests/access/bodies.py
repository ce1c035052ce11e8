"""Decision-making bodies and representative seats (pages and API)."""

from django.utils import timezone

from tests.factories import date_parts

from .groups import _joiner
from .rules import (
    API_SIGNED_IN,
    SIGNED_IN,
    Page,
    expect,
    fields,
    first_organisation_body,
    redirects,
)

# Coordinators and organisation admins of the body's organisation manage it;
# anyone else who can see it (other staff, members of its groups) gets 403;
# another organisation's coordinator does not see it at all (404).
MANAGE = expect(
    403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=404
)


# Anyone who manages bodies somewhere may add one (to their own organisation).
RUNS_BODIES = expect(
    403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=200
)


def _body(w):
    return {"pk": w.objects["body"].pk}


def _other_body(w):
    return {"pk": w.objects["other_body"].pk}


def _appoint(w):
    """The member of the organisation's second group (the world's member has
    the body's seat already)."""
    membership = _joiner(w).memberships.get()
    return {"membership": membership.pk, **date_parts("term_start", timezone.localdate())}


PAGES = {
    "body-list": Page(status=SIGNED_IN),
    "body-create": Page(
        status=RUNS_BODIES,
        form=lambda w: {"name": "Testshire Eye Care Board", "organisation": w.organisation.pk},
        post_valid=first_organisation_body(redirects(RUNS_BODIES)),
    ),
    "body-detail": Page(
        kwargs=_body, status=expect(200, anonymous=302, other_org=404), elsewhere=_other_body
    ),
    "body-edit": Page(
        kwargs=_body, status=MANAGE, form=fields(name="Testshire Board"), elsewhere=_other_body
    ),
    "seat-appoint": Page(kwargs=_body, status=MANAGE, form=_appoint),
    "seat-end": Page(
        kwargs=lambda w: {"pk": w.objects["body"].pk, "seat_pk": w.objects["seat"].pk},
        status=MANAGE,
        form=lambda w: {
            **date_parts("end_date", timezone.localdate()),
            "reason": "Moved away from the area.",
        },
    ),
    "api-body-list": Page(status=API_SIGNED_IN),
    "api-body-detail": Page(
        kwargs=_body, status=expect(200, anonymous=401, other_org=404), elsewhere=_other_body
    ),
}
