"""Decision-making bodies and representative seats (pages and API)."""

from .rules import API_SIGNED_IN, SIGNED_IN, Page, expect

# Coordinators and organisation admins of the body's organisation manage it;
# anyone else who can see it (other staff, members of its groups) gets 403;
# another organisation's coordinator does not see it at all (404).
MANAGE = expect(
    403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=404
)


def _body(w):
    return {"pk": w.objects["body"].pk}


PAGES = {
    "body-list": Page(status=SIGNED_IN),
    # Anyone who manages bodies somewhere may add one (to their own organisation).
    "body-create": Page(
        status=expect(
            403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=200
        )
    ),
    "body-detail": Page(kwargs=_body, status=expect(200, anonymous=302, other_org=404)),
    "body-edit": Page(kwargs=_body, status=MANAGE),
    "seat-appoint": Page(kwargs=_body, status=MANAGE),
    "seat-end": Page(
        kwargs=lambda w: {"pk": w.objects["body"].pk, "seat_pk": w.objects["seat"].pk},
        status=MANAGE,
    ),
    "api-body-list": Page(status=API_SIGNED_IN),
    "api-body-detail": Page(kwargs=_body, status=expect(200, anonymous=401, other_org=404)),
}
