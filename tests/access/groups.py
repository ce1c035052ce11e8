"""Groups, diversity factors, memberships and people (pages and API)."""

from involvement.models import DiversityFactor

from .rules import API_SIGNED_IN, SIGNED_IN, Page, expect

# Coordinators and organisation admins of the group's organisation run it;
# anyone else who sees the group (other staff, its members) gets 403; another
# organisation's coordinator does not see it at all (404).
MANAGE = expect(
    403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=404
)
# Anyone who runs groups somewhere may create one (in their own organisation).
RUNS_GROUPS = expect(
    403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=200
)
# A membership or profile: the person themself and staff who may see the
# organisation's people; panel members, commissioners and finance never.
PERSONAL = expect(
    404,
    anonymous=302,
    member=200,
    coordinator=200,
    admin_support=200,
    org_admin=200,
    platform_admin=200,
)
# Changing a membership: coordinators and organisation admins.
MANAGE_MEMBERSHIP = expect(
    404,
    anonymous=302,
    member=403,
    coordinator=200,
    admin_support=403,
    org_admin=200,
    platform_admin=200,
)
# Diversity data on someone's behalf: their coordinators only; the person is
# sent to their own page; other staff who see the person are refused.
ON_BEHALF = expect(
    404,
    anonymous=302,
    member=302,
    coordinator=200,
    admin_support=403,
    org_admin=403,
    platform_admin=403,
)


def _group(w):
    return {"pk": w.objects["group"].pk}


def _factor(w):
    group = w.objects["group"]
    factor, _ = DiversityFactor.objects.get_or_create(
        group=group,
        name="Type 1 diabetes",
        defaults={"attribute": "diabetes_type", "values": ["type_1"], "minimum": 2},
    )
    return {"pk": group.pk, "factor_pk": factor.pk}


def _membership(w):
    return {"pk": w.objects["membership"].pk}


def _person(w):
    return {"pk": w.objects["person"].pk}


PAGES = {
    "group-list": Page(status=SIGNED_IN),
    "group-create": Page(status=RUNS_GROUPS),
    "group-detail": Page(kwargs=_group, status=expect(200, anonymous=302, other_org=404)),
    "group-edit": Page(kwargs=_group, status=MANAGE),
    "group-terms-of-reference-pdf": Page(
        kwargs=_group, status=expect(200, anonymous=302, other_org=404)
    ),
    "group-role-summary-pdf": Page(
        kwargs=_group, status=expect(200, anonymous=302, other_org=404), query="?large_print=1"
    ),
    "group-factor-create": Page(kwargs=_group, status=MANAGE),
    "group-factor-edit": Page(kwargs=_factor, status=MANAGE),
    "group-factor-delete": Page(kwargs=_factor, status=MANAGE),
    "membership-create": Page(kwargs=_group, status=MANAGE),
    "membership-detail": Page(kwargs=_membership, status=PERSONAL),
    "membership-status": Page(kwargs=_membership, status=MANAGE_MEMBERSHIP),
    "membership-edit": Page(kwargs=_membership, status=MANAGE_MEMBERSHIP),
    "my-profile": Page(status=SIGNED_IN),
    "my-diversity": Page(status=SIGNED_IN),
    "my-diversity-withdraw": Page(status=SIGNED_IN),
    "person-list": Page(
        status=expect(
            403,
            anonymous=302,
            coordinator=200,
            admin_support=200,
            org_admin=200,
            platform_admin=200,
            other_org=200,
        )
    ),
    "person-create": Page(status=RUNS_GROUPS),
    "person-detail": Page(kwargs=_person, status=PERSONAL),
    "person-edit": Page(kwargs=_person, status=PERSONAL),
    "person-diversity": Page(kwargs=_person, status=ON_BEHALF),
    "person-diversity-withdraw": Page(kwargs=_person, status=ON_BEHALF),
    "api-group-list": Page(status=API_SIGNED_IN),
    "api-group-detail": Page(kwargs=_group, status=expect(200, anonymous=401, other_org=404)),
    "api-membership-list": Page(status=API_SIGNED_IN),
    "api-membership-detail": Page(kwargs=_membership, status={**PERSONAL, "anonymous": 401}),
}
