"""The public vacancy pages (no login) and the information pack PDF."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from recruitment.pdf import render_information_pack_pdf
from tests.access.recruitment_setup import make_role, make_vacancy

pytestmark = pytest.mark.django_db


def test_anyone_can_read_an_open_vacancy_in_plain_english(world, client):
    role = make_role(world.organisation)
    vacancy = make_vacancy(role, world.objects["group"])

    response = client.get(reverse("public-vacancy", args=[vacancy.public_id]))

    page = response.content.decode()
    assert response.status_code == 200
    assert role.purpose in page
    assert "not a support group" in page
    assert role.criteria.first().question in page
    assert reverse("vacancy-pack", args=[vacancy.public_id]) in page
    assert reverse("vacancy-other-ways", args=[vacancy.public_id]) in page


def test_a_draft_vacancy_is_not_public(world, client):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"], status="draft")

    assert client.get(reverse("public-vacancy", args=[vacancy.public_id])).status_code == 404
    assert client.get(reverse("vacancy-pack", args=[vacancy.public_id])).status_code == 404


def test_a_coordinator_can_check_a_draft_vacancys_pack(world, login):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"], status="draft")

    response = login(world.user("coordinator")).get(
        reverse("vacancy-pack", args=[vacancy.public_id])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_closed_vacancy_says_so_and_offers_no_apply_button(world, client):
    vacancy = make_vacancy(
        make_role(world.organisation), world.objects["group"], status="closed", days_left=-1
    )

    page = client.get(reverse("public-vacancy", args=[vacancy.public_id])).content.decode()

    assert "Not taking applications" in page
    assert reverse("application-start", args=[vacancy.public_id]) not in page


def test_the_list_shows_only_vacancies_open_today(world, client):
    group = world.objects["group"]
    role = make_role(world.organisation)
    make_vacancy(role, group, title="Open now")
    make_vacancy(role, group, title="Still a draft", status="draft")
    make_vacancy(role, group, title="Closed already", status="open", days_left=-1)

    page = client.get(reverse("public-vacancy-list")).content.decode()

    assert "Open now" in page
    assert "Still a draft" not in page
    assert "Closed already" not in page


def test_the_information_pack_comes_in_standard_and_large_print(world, client):
    group = world.objects["group"]
    group.terms_of_reference = "The group advises the network on diabetes services."
    group.save()
    vacancy = make_vacancy(make_role(world.organisation), group)

    standard = client.get(reverse("vacancy-pack", args=[vacancy.public_id]))
    large = client.get(reverse("vacancy-pack", args=[vacancy.public_id]) + "?large_print=1")

    assert standard.status_code == large.status_code == 200
    assert standard.content.startswith(b"%PDF")
    assert "large-print" in large["Content-Disposition"]
    assert "large-print" not in standard["Content-Disposition"]
    assert standard.content != large.content


def test_the_pack_holds_the_role_and_the_draft_terms_of_reference(world):
    group = world.objects["group"]
    group.terms_of_reference = "The group advises the network on diabetes services."
    group.save()
    vacancy = make_vacancy(make_role(world.organisation), group)
    role = vacancy.role_description

    html = render_to_string(
        "recruitment/pdf/information_pack.html",
        {
            "vacancy": vacancy,
            "role": role,
            "organisation": world.organisation,
            "group": group,
            "criteria": list(role.criteria.all()),
        },
    )

    assert "Draft terms of reference" in html
    assert "advises the network" in html
    assert role.criteria.first().question in html
    assert role.what_it_is_not in html
    assert render_information_pack_pdf(vacancy=vacancy, large_print=True).startswith(b"%PDF")


def test_someone_new_signs_up_and_comes_back_to_apply(world, client, mailoutbox):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    start = reverse("application-start", args=[vacancy.public_id])
    password = "Correct-horse-battery-9"  # noqa: S105

    client.post(
        f"{reverse('account_signup')}?next={start}",
        {
            "full_name": "Ola Newapplicant",
            "email": "new@example.org",
            "password1": password,
            "password2": password,
            "next": start,
        },
    )
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[-1].body).group(1)
    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == start
    assert client.get(start).status_code == 200
