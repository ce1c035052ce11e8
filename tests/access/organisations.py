"""Organisations, their settings, and people and roles."""

from involvement.models import StaffRole

from .rules import SIGNED_IN, Page, expect, fields, redirects

# Organisation admins (and platform admins) manage the organisation; its other
# staff see it (403 on managing); members and other organisations do not (404).
MANAGE = expect(403, anonymous=302, member=404, other_org=404, org_admin=200, platform_admin=200)


def _organisation(w):
    return {"pk": w.organisation.pk}


def _coordinator_role(w):
    role = StaffRole.objects.get(user=w.user("coordinator"), organisation=w.organisation)
    return {"pk": w.organisation.pk, "role_pk": role.pk}


PAGES = {
    "organisation-index": Page(status=SIGNED_IN),
    "organisation-create": Page(
        status=expect(403, anonymous=302, platform_admin=200),
        form=fields(name="West Testshire Diabetes Network", kind="network"),
    ),
    "organisation-summary": Page(
        kwargs=_organisation, status=expect(200, anonymous=302, member=404, other_org=404)
    ),
    "organisation-edit": Page(
        kwargs=_organisation, status=MANAGE, form=fields(name="North Testshire Network")
    ),
    "organisation-people": Page(
        kwargs=_organisation,
        status=MANAGE,
        form=fields(email="new-finance@example.org", full_name="Fin Ance", role="finance"),
    ),
    # The audit log and its download: organisation admins only.
    "organisation-audit": Page(kwargs=_organisation, status=MANAGE),
    "organisation-audit-csv": Page(kwargs=_organisation, status=MANAGE),
    # A confirmation page: POST takes the role away.
    "staff-role-revoke": Page(kwargs=_coordinator_role, status=MANAGE, post=redirects(MANAGE)),
}
