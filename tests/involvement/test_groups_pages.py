"""Group pages per role: list, create (with suggested factors), edit, detail
(members against target; what each role may see), factors, PDFs, and query
counts that stay flat at tenfold data."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from involvement.models import DiversityFactor, Group, Membership, StaffRole
from involvement.services.people import diversity_save
from tests.factories import (
    GroupFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffRoleFactory,
    UserFactory,
)
from tests.platform.helpers import pdf_objects

pytestmark = pytest.mark.django_db


def text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def group_url(name, group, **kwargs):
    return reverse(name, kwargs={"pk": group.pk, **kwargs})


# -- List ----------------------------------------------------------------------


def test_staff_see_their_organisations_groups_only(world, login):
    GroupFactory(organisation=world.organisation, name="Carers Panel")

    page = text(login(world.user("commissioner")).get(reverse("group-list")))

    assert "Testshire Diabetes Voices" in page and "Carers Panel" in page
    assert "South Testshire Voices" not in page


def test_a_member_sees_only_the_groups_they_are_in(world, login):
    GroupFactory(organisation=world.organisation, name="Carers Panel")

    page = text(login(world.user("member")).get(reverse("group-list")))

    assert "Testshire Diabetes Voices" in page
    assert "Carers Panel" not in page
    assert "Create a group" not in page


def test_someone_in_no_group_is_told_what_will_appear(login):
    page = text(login(UserFactory()).get(reverse("group-list")))

    assert "You are not in a group yet" in page


def test_platform_admins_may_create_groups_anywhere(world, login):
    page = text(login(world.user("platform_admin")).get(reverse("group-list")))

    assert "Create a group" in page


def test_group_list_counts_active_members(world, login):
    group = world.objects["group"]
    MembershipFactory(group=group, status="active")
    MembershipFactory(group=group, status="paused")

    page = text(login(world.user("coordinator")).get(reverse("group-list")))

    assert "Testshire Diabetes Voices Monthly 2 10 to 14" in page


def test_group_list_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            group = GroupFactory(organisation=world.organisation)
            MembershipFactory(group=group)

    assert_flat_queries(lambda: client.get(reverse("group-list")), grow=grow)


# -- Create and edit -----------------------------------------------------------


def test_create_offers_the_suggested_factors_ticked(world, login):
    world.organisation.localities = ["North of the dale", "South of the dale"]
    world.organisation.save()

    page = login(world.user("coordinator")).get(reverse("group-create")).content.decode()

    for label in [
        "Type 1 diabetes: at least 2",
        "Type 2 diabetes: at least 2",
        "Aged under 40: at least 2",
        "Carers: at least 1",
        "North of the dale: at least 2",
        "South of the dale: at least 2",
    ]:
        assert label in page
    assert len(re.findall(r'name="default_factors"[^>]*checked', page)) == 6
    assert 'name="organisation"' not in page, "one organisation: nothing to choose"


def test_create_saves_the_group_and_the_chosen_factors(world, login):
    world.organisation.localities = ["North of the dale"]
    world.organisation.save()
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("group-create"),
        {
            "name": "Dale Diabetes Voices",
            "purpose": "Improve diabetes care in the dale.",
            "terms_of_reference": "We advise the network board.",
            "ground_rules": "Listen to each other.",
            "cadence": "six_weekly",
            "target_min": "10",
            "target_max": "14",
            "default_factors": ["type_1", f"{world.organisation.pk}:locality_0"],
        },
    )

    group = Group.objects.get(name="Dale Diabetes Voices")
    assert response.status_code == 302 and response.url == group_url("group-detail", group)
    assert group.organisation == world.organisation
    assert sorted(group.diversity_factors.values_list("name", flat=True)) == [
        "North of the dale",
        "Type 1 diabetes",
    ]


def test_create_keeps_what_was_typed_and_says_what_to_fix(world, login):
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("group-create"),
        {
            "name": "",
            "purpose": "Typed purpose stays",
            "cadence": "custom",
            "cadence_weeks": "",
            "target_min": "15",
            "target_max": "12",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the group&#x27;s name" in html
    assert "Typed purpose stays" in html
    assert Group.objects.filter(organisation=world.organisation).count() == 1


def test_create_refusal_from_the_service_is_shown_on_the_field(world, login):
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("group-create"),
        {
            "name": "Testshire Diabetes Voices",
            "purpose": "Another",
            "cadence": "custom",
            "cadence_weeks": "",
            "target_min": "10",
            "target_max": "14",
        },
    )

    html = response.content.decode()
    assert "Enter the number of weeks between meetings, like 8" in html
    # Field errors come back one at a time from the service; the name is next.
    assert 'value="Testshire Diabetes Voices"' in html


def test_someone_running_groups_in_two_organisations_chooses_one(world, login):
    coordinator = world.user("coordinator")
    second = OrganisationFactory(name="Hillside Network", localities=["Hill top"])
    StaffRoleFactory(user=coordinator, organisation=second, role=StaffRole.Role.COORDINATOR)
    client = login(coordinator)

    page = client.get(reverse("group-create")).content.decode()
    assert 'name="organisation"' in page
    assert "Hill top: at least 2 (Hillside Network)" in page

    response = client.post(
        reverse("group-create"),
        {
            "organisation": world.organisation.pk,
            "name": "Mixed up",
            "purpose": "Testing",
            "cadence": "monthly",
            "target_min": "10",
            "target_max": "14",
            "default_factors": [f"{second.pk}:locality_0"],
        },
    )
    assert "“Hill top” is a place in Hillside Network" in response.content.decode()

    response = client.post(
        reverse("group-create"),
        {
            "organisation": second.pk,
            "name": "Hillside Voices",
            "purpose": "Testing",
            "cadence": "monthly",
            "target_min": "10",
            "target_max": "14",
            "default_factors": [f"{second.pk}:locality_0", "carer"],
        },
    )
    group = Group.objects.get(name="Hillside Voices")
    assert group.organisation == second
    assert group.diversity_factors.count() == 2


def test_create_for_another_organisation_is_refused(world, login):
    client = login(world.user("coordinator"))
    coordinator = world.user("coordinator")
    StaffRoleFactory(
        user=coordinator, organisation=OrganisationFactory(), role=StaffRole.Role.COORDINATOR
    )

    response = client.post(
        reverse("group-create"),
        {
            "organisation": world.other_organisation.pk,
            "name": "Sneaky",
            "purpose": "x",
            "cadence": "monthly",
            "target_min": "10",
            "target_max": "14",
        },
    )

    assert "Choose one of your organisations" in response.content.decode()
    assert not Group.objects.filter(name="Sneaky").exists()


def test_edit_saves_the_details(world, login):
    group = world.objects["group"]
    client = login(world.user("org_admin"))

    response = client.post(
        group_url("group-edit", group),
        {
            "name": group.name,
            "purpose": "A new purpose",
            "terms_of_reference": "New terms",
            "ground_rules": "",
            "cadence": "bi_monthly",
            "target_min": "8",
            "target_max": "12",
        },
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.purpose, group.cadence, group.target_min) == ("A new purpose", "bi_monthly", 8)


def test_edit_keeps_input_on_error(world, login):
    group = world.objects["group"]
    response = login(world.user("coordinator")).post(
        group_url("group-edit", group),
        {
            "name": group.name,
            "purpose": "",
            "cadence": "monthly",
            "target_min": "x",
            "target_max": "14",
            "ground_rules": "Typed rules",
        },
    )
    html = response.content.decode()
    assert "Enter what the group is for" in html
    assert "Enter the smallest number of active members as a number, like 10" in html
    assert "Typed rules" in html


# -- Detail --------------------------------------------------------------------


def _populate(group, n, *, status="active"):
    for _ in range(n):
        MembershipFactory(group=group, status=status)


def test_coordinator_sees_members_against_the_target(world, login):
    group = world.objects["group"]
    buddy = Membership.objects.get(pk=world.objects["membership"].pk)
    newcomer = MembershipFactory(
        group=group, status="inducted", person__full_name="Nia Newcombe", buddy=buddy
    )
    newcomer.induction_date = newcomer.status_changed_on
    newcomer.save()
    _populate(group, 10)

    page = text(login(world.user("coordinator")).get(group_url("group-detail", group)))

    assert "11 active members – target 10 to 14" in page
    assert f"Nia Newcombe Inducted {newcomer.induction_date:%-d %B %Y} Marian Testwell" in page


def test_commissioners_never_see_the_member_list(world, login):
    group = world.objects["group"]
    _populate(group, 3)

    page = text(login(world.user("commissioner")).get(group_url("group-detail", group)))

    assert "4 active members – target 10 to 14" in page
    assert "Marian Testwell" not in page
    assert "Members of" not in page


def test_members_see_the_shared_record_and_their_own_membership_only(world, login):
    group = world.objects["group"]
    group.terms_of_reference = "We advise the board."
    group.ground_rules = "Listen first."
    group.save()
    other = MembershipFactory(group=group, person__full_name="Osric Otherperson")

    response = login(world.user("member")).get(group_url("group-detail", group))
    page = text(response)

    assert group.purpose in page
    assert "We advise the board." in page and "Listen first." in page
    assert "You are in this group. Your status: Active" in page
    assert reverse("membership-detail", kwargs={"pk": world.objects["membership"].pk}) in (
        response.content.decode()
    )
    assert "Osric Otherperson" not in page
    assert reverse("membership-detail", kwargs={"pk": other.pk}) not in response.content.decode()
    assert "Change the group" not in page


def test_group_detail_queries_stay_flat(world, login, assert_flat_queries):
    group = world.objects["group"]
    DiversityFactor.objects.create(
        group=group, name="Type 1", attribute="diabetes_type", values=["type_1"], minimum=2
    )
    client = login(world.user("coordinator"))
    anchor = MembershipFactory(group=group, status="active")

    def grow(n):
        for _ in range(n):
            membership = MembershipFactory(group=group, status="inducted", buddy=anchor)
            diversity_save(
                person=membership.person,
                answers={"diabetes_type": "type_1"},
                consent_given=True,
            )
            MembershipFactory(group=group, status="active")

    assert_flat_queries(lambda: client.get(group_url("group-detail", group)), grow=grow)


def test_a_large_group_shows_its_first_members_active_first_and_links_to_all(world, login):
    group = world.objects["group"]  # one active member already (Marian Testwell)
    for n in range(25):
        MembershipFactory(group=group, status="active", person__full_name=f"Active Person {n:02}")
    for n in range(5):
        MembershipFactory(group=group, status="left", person__full_name=f"Former Person {n}")

    response = login(world.user("coordinator")).get(group_url("group-detail", group))
    page = text(response)

    assert "26 active members – target 10 to 14" in page
    assert "Active 26 Left 5" in page
    # Active first, by name: the first twenty "Active Person"s come before Marian Testwell.
    assert page.count("Active Person") == 20 and "Former Person" not in page
    assert "Showing the first 20 of 31 members, active members first." in page
    assert group_url("group-members", group) in response.content.decode()


def test_a_small_group_shows_everyone_and_no_link(world, login):
    group = world.objects["group"]
    MembershipFactory(group=group, status="left", person__full_name="Former Person")

    response = login(world.user("coordinator")).get(group_url("group-detail", group))

    assert "Former Person" in text(response)
    assert f'href="{group_url("group-members", group)}"' not in response.content.decode()


def _members_page(client, group, page=None):
    url = group_url("group-members", group)
    return client.get(url if page is None else f"{url}?page={page}")


def test_the_members_page_lists_everyone_fifty_a_page_active_first(world, login):
    group = world.objects["group"]
    for n in range(60):
        MembershipFactory(group=group, status="active", person__full_name=f"Active Person {n:02}")
    for n in range(3):
        MembershipFactory(group=group, status="paused", person__full_name=f"Paused Person {n}")
    client = login(world.user("coordinator"))

    first = text(_members_page(client, group))
    second = text(_members_page(client, group, 2))

    assert "Showing 1 to 50 of 64 members, active members first." in first
    assert "Active 61 Paused 3" in first
    assert "Paused Person" not in first and "Page 2 of 2" in first
    assert "Showing 51 to 64 of 64 members" in second
    assert "Active Person 59" in second and "Paused Person 2" in second
    # Not a number, or past the end: the first or the last page, never an error.
    assert "Showing 1 to 50 of 64" in text(_members_page(client, group, "two"))
    assert "Showing 51 to 64 of 64" in text(_members_page(client, group, 99))
    assert "Showing 51 to 64 of 64" in text(_members_page(client, group, 0))


def test_the_members_page_is_for_those_who_see_people(world, login):
    group = world.objects["group"]
    assert _members_page(login(world.user("commissioner")), group).status_code == 403
    assert _members_page(login(world.user("member")), group).status_code == 403
    other = world.objects["other_group"]
    assert _members_page(login(world.user("coordinator")), other).status_code == 404


def test_the_members_page_queries_stay_flat(world, login, assert_flat_queries):
    group = world.objects["group"]
    client = login(world.user("coordinator"))
    anchor = MembershipFactory(group=group, status="active")

    def grow(n):
        for _ in range(n * 6):
            MembershipFactory(group=group, status="inducted", buddy=anchor)

    assert_flat_queries(lambda: _members_page(client, group, 2), grow=grow)


def test_another_organisations_group_is_not_found(world, login):
    response = login(world.user("coordinator")).get(
        group_url("group-detail", world.objects["other_group"])
    )
    assert response.status_code == 404


# -- Diversity factors ---------------------------------------------------------


def test_add_change_and_remove_a_factor(world, login):
    group = world.objects["group"]
    client = login(world.user("coordinator"))

    response = client.post(
        group_url("group-factor-create", group),
        {
            "name": "Aged under 40",
            "answers": ["age_band:under_25", "age_band:25_39"],
            "minimum": "2",
        },
    )
    assert response.status_code == 302
    factor = group.diversity_factors.get()
    assert (factor.attribute, factor.values) == ("age_band", ["under_25", "25_39"])

    client.post(
        group_url("group-factor-edit", group, factor_pk=factor.pk),
        {"name": "Younger people", "answers": ["age_band:under_25"], "minimum": "1"},
    )
    factor.refresh_from_db()
    assert (factor.name, factor.values, factor.minimum) == ("Younger people", ["under_25"], 1)

    page = text(client.get(group_url("group-factor-delete", group, factor_pk=factor.pk)))
    assert "Remove “Younger people” from the mix?" in page
    client.post(group_url("group-factor-delete", group, factor_pk=factor.pk))
    assert not group.diversity_factors.exists()


def test_a_factor_mixing_questions_is_refused_and_the_input_kept(world, login):
    group = world.objects["group"]

    response = login(world.user("coordinator")).post(
        group_url("group-factor-create", group),
        {"name": "Muddle", "answers": ["age_band:under_25", "carer:yes"], "minimum": "2"},
    )

    html = response.content.decode()
    assert "Choose answers to one question only" in html
    assert 'value="Muddle"' in html
    assert re.search(r'value="carer:yes"[^>]*checked', html)
    assert not group.diversity_factors.exists()


def test_another_groups_factor_is_not_found_through_this_group(world, login):
    group = world.objects["group"]
    elsewhere = DiversityFactor.objects.create(
        group=GroupFactory(organisation=world.organisation),
        name="Carers",
        attribute="carer",
        values=["yes"],
        minimum=1,
    )

    response = login(world.user("coordinator")).get(
        group_url("group-factor-edit", group, factor_pk=elsewhere.pk)
    )

    assert response.status_code == 404


# -- PDFs ----------------------------------------------------------------------


def _font_size(pdf: bytes) -> float:
    sizes = Counter(float(size) for size in re.findall(rb"([\d.]+) Tf", pdf_objects(pdf)))
    return sizes.most_common(1)[0][0]


@pytest.mark.parametrize("name", ["group-terms-of-reference-pdf", "group-role-summary-pdf"])
def test_group_papers_download_as_pdf_in_standard_and_large_print(world, login, name):
    group = world.objects["group"]
    client = login(world.user("member"))

    standard = client.get(group_url(name, group))
    large = client.get(group_url(name, group) + "?large_print=1")

    for response in (standard, large):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    assert "large-print" not in standard["Content-Disposition"]
    assert "large-print.pdf" in large["Content-Disposition"]
    assert _font_size(large.content) >= _font_size(standard.content) * 1.4


def test_the_role_summary_says_what_members_do_and_that_expenses_are_paid():
    from django.template.loader import render_to_string

    group = Group(name="Dale Voices", purpose="Shape care.", cadence="six_weekly")
    group.organisation = OrganisationFactory.build(name="Dale Network")

    html = render_to_string("involvement/pdf/role_summary.html", {"group": group})

    assert "about 9 meetings a year" in html
    assert "not a support group and it is not a course" in html
    assert "costs" in html and "paid back" in html
