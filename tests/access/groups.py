"""Groups, diversity factors, memberships and people (pages and API)."""

from django.utils import timezone

from involvement.models import DiversityFactor
from tests.factories import date_parts

from .rules import (
    API_SIGNED_IN,
    SIGNED_IN,
    Page,
    expect,
    fields,
    first_organisation_body,
    redirects,
)

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


def _other_group(w):
    return {"pk": w.objects["other_group"].pk}


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


def second_group(w):
    """Another of the organisation's groups, with one member (who may be
    added to the world's group)."""
    if "second_group" not in w.objects:
        from tests.factories import GroupFactory, MembershipFactory

        carers = GroupFactory(organisation=w.organisation, name="Testshire Carers Voices")
        w.objects["second_group"] = carers
        w.objects["joiner"] = MembershipFactory(group=carers).person
    return w.objects["second_group"]


def _joiner(w):
    second_group(w)
    return w.objects["joiner"]


def _add_member(w):
    return {"person": _joiner(w).pk, **date_parts("on", timezone.localdate())}


def _new_person(w):
    return {
        "full_name": "Walter Walkley",
        "contact_channel": "email",
        "email": "walter@example.org",
        "group": w.objects["group"].pk,
    }


DIVERSITY = {"consent": "yes", "diabetes_type": "type_1", "age_band": "40_54"}


PAGES = {
    "group-list": Page(status=SIGNED_IN),
    "group-create": Page(
        status=RUNS_GROUPS,
        form=lambda w: {
            "name": "Testshire Young Voices",
            "purpose": "Young people's views on diabetes care.",
            "organisation": w.organisation.pk,
        },
    ),
    "group-detail": Page(
        kwargs=_group, status=expect(200, anonymous=302, other_org=404), elsewhere=_other_group
    ),
    "group-edit": Page(
        kwargs=_group, status=MANAGE, form=fields(name="Testshire Voices"), elsewhere=_other_group
    ),
    "group-terms-of-reference-pdf": Page(
        kwargs=_group, status=expect(200, anonymous=302, other_org=404)
    ),
    "group-role-summary-pdf": Page(
        kwargs=_group, status=expect(200, anonymous=302, other_org=404), query="?large_print=1"
    ),
    "group-factor-create": Page(
        kwargs=_group,
        status=MANAGE,
        form=fields(name="Aged 40 to 54", answers="age_band:40_54", minimum="2"),
    ),
    "group-factor-edit": Page(kwargs=_factor, status=MANAGE, form=fields(name="Type 1")),
    # A confirmation page: POST removes the factor.
    "group-factor-delete": Page(kwargs=_factor, status=MANAGE, post=redirects(MANAGE)),
    # Everyone in the group, paged: those who may see the organisation's people.
    "group-members": Page(
        kwargs=_group,
        status=expect(
            403,
            anonymous=302,
            coordinator=200,
            admin_support=200,
            org_admin=200,
            platform_admin=200,
            other_org=404,
        ),
        elsewhere=_other_group,
    ),
    "membership-create": Page(kwargs=_group, status=MANAGE, form=_add_member),
    "membership-detail": Page(kwargs=_membership, status=PERSONAL),
    "membership-status": Page(
        kwargs=_membership,
        status=MANAGE_MEMBERSHIP,
        form=fields(to_status="paused", reason="Taking a break over the summer."),
    ),
    "membership-edit": Page(kwargs=_membership, status=MANAGE_MEMBERSHIP, form=fields()),
    # Everyone signed in has their own profile (staff get one on first use).
    "my-profile": Page(status=SIGNED_IN, form=fields(preferred_name="Mari")),
    "my-diversity": Page(status=SIGNED_IN, form=fields(**DIVERSITY)),
    # Which messages you get: every box may be unticked, so an empty body is valid.
    "my-message-choices": Page(status=SIGNED_IN, form=fields(wanted="meeting_reminder")),
    # Withdrawing when nothing is held changes nothing.
    "my-diversity-withdraw": Page(status=SIGNED_IN, post=redirects(SIGNED_IN), writes=False),
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
    "person-create": Page(
        status=RUNS_GROUPS,
        form=_new_person,
        post_valid=first_organisation_body(redirects(RUNS_GROUPS)),
    ),
    "person-detail": Page(kwargs=_person, status=PERSONAL),
    "person-edit": Page(kwargs=_person, status=PERSONAL, form=fields(preferred_name="Mari")),
    # Someone's choice of messages, recorded for them; their own page for themself.
    "person-message-choices": Page(
        kwargs=_person,
        status={**PERSONAL, "member": 302},
        form=fields(wanted="meeting_reminder"),
    ),
    "person-diversity": Page(
        kwargs=_person, status=ON_BEHALF, form=fields(**{**DIVERSITY, "consent": "on"})
    ),
    "person-diversity-withdraw": Page(
        kwargs=_person, status=ON_BEHALF, post=redirects(ON_BEHALF), writes=False
    ),
    "api-group-list": Page(status=API_SIGNED_IN),
    "api-group-detail": Page(
        kwargs=_group, status=expect(200, anonymous=401, other_org=404), elsewhere=_other_group
    ),
    "api-membership-list": Page(status=API_SIGNED_IN),
    "api-membership-detail": Page(kwargs=_membership, status={**PERSONAL, "anonymous": 401}),
}
