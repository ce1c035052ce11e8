"""The demo groups: two contrasting organisations with about 20 varied people
each, the demo member login in the Fellside group, and a seed that is safe to
run twice."""

from collections import Counter

import pytest

from involvement.demo import accounts
from involvement.demo import groups as demo_groups
from involvement.models import (
    DiversityConsent,
    DiversityProfile,
    Group,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
)
from involvement.selectors.groups import group_coverage

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    accounts.seed()
    demo_groups.seed()


def test_each_organisation_has_localities_and_a_group_of_about_20(seeded):
    for slug in ("fellside", "riverbank"):
        organisation = Organisation.objects.get(slug=slug)
        assert len(organisation.localities) == 2
        group = Group.objects.get(organisation=organisation)
        assert 18 <= group.memberships.count() <= 24
        factor_attributes = set(group.diversity_factors.values_list("attribute", flat=True))
        assert {"diabetes_type", "age_band", "carer", "locality"} <= factor_attributes


def test_the_people_are_varied(seeded):
    channels = Counter(Person.objects.values_list("contact_channel", flat=True))
    assert channels["post"] >= 4 and channels["phone"] >= 4 and channels["email"] >= 10
    assert Person.objects.filter(large_print=True).count() >= 4
    assert Person.objects.filter(user__isnull=True, contact_channel="post").exists()
    diabetes = set(DiversityProfile.objects.values_list("diabetes_type", flat=True))
    assert {"type_1", "type_2", "none"} <= diabetes
    assert DiversityProfile.objects.filter(carer="yes").count() >= 4
    assert len(set(DiversityProfile.objects.values_list("age_band", flat=True))) >= 5
    statuses = set(Membership.objects.values_list("status", flat=True))
    assert statuses == set(Membership.Status.values)
    assert Membership.objects.filter(buddy__isnull=False).exists()


def test_most_but_not_all_people_consented(seeded):
    people = Person.objects.filter(memberships__isnull=False).distinct().count()
    consented = DiversityConsent.objects.filter(withdrawn_at__isnull=True).count()
    assert people * 0.7 <= consented < people


def test_the_demo_member_is_an_active_member_of_fellside(seeded):
    person = Person.objects.get(user__email="member@fellside.example")
    membership = Membership.objects.get(person=person)
    assert membership.group.organisation.slug == "fellside"
    assert membership.status == Membership.Status.ACTIVE
    assert [c.to_status for c in membership.history.all()] == ["selected", "inducted", "active"]


def test_coverage_in_the_demo_meets_some_aims_and_not_others(seeded):
    group = Group.objects.get(organisation__slug="fellside")
    rows = group_coverage(group=group, exact=True)
    assert any(row.met for row in rows)
    assert not all(row.met for row in rows)
    assert all(row.count is not None for row in rows)


def test_seeding_twice_changes_nothing(seeded):
    counts = (
        Person.objects.count(),
        Membership.objects.count(),
        MembershipStatusChange.objects.count(),
        DiversityConsent.objects.count(),
    )

    accounts.seed()
    demo_groups.seed()

    assert counts == (
        Person.objects.count(),
        Membership.objects.count(),
        MembershipStatusChange.objects.count(),
        DiversityConsent.objects.count(),
    )
