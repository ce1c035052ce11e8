"""People pages: "My profile" (made from the login on first visit), staff's
view of the people in their groups, a coordinator adding someone without a
login, and diversity data: consent first, withdrawable, shown only to the
person and their organisation's coordinators."""

import re

import pytest
from django.urls import reverse

from involvement.models import DiversityConsent, DiversityProfile, Membership, Person
from involvement.services import people as people_services
from tests.factories import GroupFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


PROFILE = {
    "full_name": "Marian Testwell",
    "preferred_name": "Mari",
    "contact_channel": "post",
    "email": "",
    "phone": "",
    "address_line_1": "2 Loom Street",
    "address_line_2": "",
    "town": "Testbridge",
    "postcode": "tb1 1aa",
    "large_print": "on",
    "support": ["needs_hearing_loop"],
    "language": "",
    "other_support_needs": "",
    "availability": ["available_evening"],
}


# -- My profile ----------------------------------------------------------------


def test_first_visit_makes_a_person_record_from_the_login(login):
    user = UserFactory(full_name="Nadia Newfield", preferred_name="Nadia")

    page = text(login(user).get(reverse("my-profile")))

    person = Person.objects.get(user=user)
    assert (person.full_name, person.email) == ("Nadia Newfield", user.email)
    assert "You are not in a group yet" in page


def test_my_profile_saves_contact_and_support_needs(world, login):
    client = login(world.user("member"))

    response = client.post(reverse("my-profile"), PROFILE)

    assert response.status_code == 302
    person = Person.objects.get(user=world.user("member"))
    assert person.contact_channel == "post" and person.postcode == "TB1 1AA"
    assert person.large_print and person.needs_hearing_loop and person.available_evening
    assert not person.needs_step_free_access


def test_my_profile_keeps_input_and_says_what_to_fix(world, login):
    client = login(world.user("member"))

    response = client.post(
        reverse("my-profile"),
        {**PROFILE, "address_line_1": "", "postcode": "", "language": "Welsh"},
    )

    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the first line of the address, for letters" in html
    assert 'value="Welsh"' in html
    assert 'value="Testbridge"' in html


def test_my_profile_shows_my_groups(world, login):
    page = text(login(world.user("member")).get(reverse("my-profile")))
    assert "Testshire Diabetes Voices – Active" in page


# -- Diversity data: one's own -------------------------------------------------


def test_the_background_page_asks_for_consent_first_and_explains_who_sees_it(world, login):
    page = text(login(world.user("member")).get(reverse("my-diversity")))

    assert page.index("Do you agree to us keeping this information?") < page.index(
        "Type of diabetes"
    )
    assert "Only you and the coordinators of your groups" in page


def test_saying_no_keeps_nothing(world, login):
    response = login(world.user("member")).post(
        reverse("my-diversity"), {"consent": "no", "diabetes_type": "type_1"}
    )

    assert response.status_code == 302
    person = world.objects["person"]
    assert not DiversityConsent.objects.filter(person=person).exists()
    assert not DiversityProfile.objects.filter(person=person).exists()


def test_no_answer_to_the_consent_question_is_explained_and_answers_kept(world, login):
    response = login(world.user("member")).post(
        reverse("my-diversity"), {"diabetes_type": "type_2"}
    )

    html = response.content.decode()
    assert "Choose yes if you agree to us keeping this information" in html
    assert re.search(r'value="type_2"[^>]*checked', html)


def test_agreeing_records_consent_and_answers(world, login):
    client = login(world.user("member"))
    world.organisation.localities = ["Upper Testdale", "Lower Testdale"]
    world.organisation.save()

    html = client.get(reverse("my-diversity")).content.decode()
    assert 'value="Upper Testdale"' in html

    client.post(
        reverse("my-diversity"),
        {"consent": "yes", "diabetes_type": "type_1", "locality": "Lower Testdale"},
    )

    person = world.objects["person"]
    consent = DiversityConsent.objects.get(person=person)
    assert consent.wording == people_services.DIVERSITY_CONSENT_WORDING
    assert consent.recorded_by == world.user("member")
    profile = DiversityProfile.objects.get(person=person)
    assert (profile.diabetes_type, profile.locality) == ("type_1", "Lower Testdale")
    page = text(client.get(reverse("my-profile")))
    assert "Type of diabetes Type 1 diabetes" in page


def test_withdrawing_deletes_my_answers(world, login):
    person = world.objects["person"]
    people_services.diversity_save(
        person=person, answers={"diabetes_type": "type_1"}, consent_given=True
    )
    client = login(world.user("member"))

    page = text(client.get(reverse("my-diversity-withdraw")))
    assert "will be deleted straight away" in page
    client.post(reverse("my-diversity-withdraw"))

    assert not DiversityProfile.objects.filter(person=person).exists()
    assert DiversityConsent.objects.get(person=person).withdrawn_at is not None


# -- Diversity data: on someone's behalf ---------------------------------------


def test_a_coordinator_must_confirm_the_person_agreed(world, login):
    person = world.objects["person"]
    client = login(world.user("coordinator"))
    url = reverse("person-diversity", kwargs={"pk": person.pk})

    response = client.post(url, {"diabetes_type": "type_2"})
    assert "Confirm that the person has agreed" in response.content.decode()
    assert not DiversityProfile.objects.filter(person=person).exists()

    client.post(url, {"consent": "on", "diabetes_type": "type_2"})
    consent = DiversityConsent.objects.get(person=person)
    assert consent.recorded_by == world.user("coordinator")
    assert consent.wording == people_services.DIVERSITY_CONSENT_WORDING_ON_BEHALF
    assert DiversityProfile.objects.get(person=person).diabetes_type == "type_2"


def test_the_coordinator_sees_the_answers_on_the_persons_page(world, login):
    person = world.objects["person"]
    people_services.diversity_save(
        person=person, answers={"ethnicity": "mixed"}, consent_given=True
    )

    page = text(
        login(world.user("coordinator")).get(reverse("person-detail", kwargs={"pk": person.pk}))
    )

    assert "Ethnic group Mixed or multiple ethnic groups" in page


@pytest.mark.parametrize("role", ["admin_support", "org_admin", "platform_admin"])
def test_diversity_data_is_never_shown_to_other_staff(world, login, role):
    person = world.objects["person"]
    people_services.diversity_save(
        person=person, answers={"ethnicity": "mixed"}, consent_given=True
    )

    response = login(world.user(role)).get(reverse("person-detail", kwargs={"pk": person.pk}))

    assert response.status_code == 200
    page = text(response)
    assert "Mixed or multiple ethnic groups" not in page
    assert "About their background" not in page


@pytest.mark.parametrize("role", ["panel_member", "commissioner", "finance"])
def test_people_pages_are_not_found_for_aggregate_only_roles(world, login, role):
    response = login(world.user(role)).get(
        reverse("person-detail", kwargs={"pk": world.objects["person"].pk})
    )
    assert response.status_code == 404


# -- Staff: people list, adding someone new, editing ---------------------------


def test_people_list_shows_the_organisations_people_only(world, login):
    MembershipFactory(group=world.objects["group"], person__full_name="Xander Yeats")

    page = text(login(world.user("admin_support")).get(reverse("person-list")))

    assert "Marian Testwell" in page and "Xander Yeats" in page
    assert world.objects["other_membership"].person.full_name not in page


def test_people_list_is_fifty_a_page_with_the_count(world, login):
    group = world.objects["group"]
    for n in range(52):
        MembershipFactory(group=group, person__full_name=f"Listed Person {n:02}")
    client = login(world.user("coordinator"))
    url = reverse("person-list")

    first, second = text(client.get(url)), text(client.get(f"{url}?page=2"))

    # 53 people: the 52 and Marian Testwell (after them by name).
    assert "Showing 1 to 50 of 53 people, by name." in first
    assert "Listed Person 49" in first and "Listed Person 50" not in first
    assert "Page 2 of 2" in first
    assert "Showing 51 to 53 of 53 people" in second and "Marian Testwell" in second
    # Not a number, or past the end: the first or the last page, never an error.
    assert "Showing 1 to 50 of 53" in text(client.get(f"{url}?page=last"))
    assert "Showing 51 to 53 of 53" in text(client.get(f"{url}?page=7"))


def test_people_list_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    other_group = GroupFactory(organisation=world.organisation)

    def grow(n):
        for _ in range(n):
            membership = MembershipFactory(group=world.objects["group"])
            MembershipFactory(group=other_group, person=membership.person)

    assert_flat_queries(lambda: client.get(reverse("person-list")), grow=grow)


def test_a_coordinator_adds_someone_without_a_login_to_a_group(world, login):
    group = world.objects["group"]
    client = login(world.user("coordinator"))

    page = client.get(reverse("person-create") + f"?group={group.pk}").content.decode()
    assert re.search(rf'<option value="{group.pk}" selected>', page)

    response = client.post(
        reverse("person-create"),
        {**PROFILE, "full_name": "Yvonne Zeal", "group": group.pk},
    )

    person = Person.objects.get(full_name="Yvonne Zeal")
    assert response.url == reverse("person-detail", kwargs={"pk": person.pk})
    assert person.user is None
    membership = Membership.objects.get(person=person)
    assert (membership.group, membership.status) == (group, "selected")


def test_adding_someone_to_another_organisations_group_is_refused(world, login):
    response = login(world.user("coordinator")).post(
        reverse("person-create"),
        {**PROFILE, "full_name": "Zed Other", "group": world.objects["other_group"].pk},
    )

    html = response.content.decode()
    assert "You can only add people to groups your organisation runs" in html
    assert 'value="Zed Other"' in html
    assert not Person.objects.filter(full_name="Zed Other").exists()


def test_when_the_profile_is_wrong_neither_person_nor_membership_is_saved(world, login):
    response = login(world.user("coordinator")).post(
        reverse("person-create"),
        {**PROFILE, "full_name": "Ada Halfway", "postcode": "", "group": world.objects["group"].pk},
    )

    assert "Enter the postcode, for letters" in response.content.decode()
    assert not Person.objects.filter(full_name="Ada Halfway").exists()


def test_admin_support_edits_a_members_contact_details(world, login):
    person = world.objects["person"]

    response = login(world.user("admin_support")).post(
        reverse("person-edit", kwargs={"pk": person.pk}), PROFILE
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.town == "Testbridge"


def test_a_person_outside_the_organisations_groups_is_not_found(world, login):
    stranger = PersonFactory()

    response = login(world.user("coordinator")).get(
        reverse("person-detail", kwargs={"pk": stranger.pk})
    )

    assert response.status_code == 404
