"""The coordinator's vacancy form: its own message for every error, dates that
make sense for a new vacancy, hints that match the date boxes, and a warning
before a vacancy opens with nobody on its panel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement.forms.messages import STOCK_PHRASES
from recruitment.models import Vacancy
from recruitment.services import vacancies as services
from tests.access.recruitment_setup import make_role, make_vacancy

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _post(world, client, role, **overrides):
    today = timezone.localdate()
    data = {
        "title": "Join the group",
        "group": world.objects["group"].pk,
        "places": "6",
        **_date("opens_on", today),
        **_date("closes_on", today + timedelta(days=28)),
        "reviewers_per_application": "3",
        **overrides,
    }
    return client.post(reverse("vacancy-create", args=[role.pk]), data)


def _errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_out_of_range_numbers_get_the_forms_own_words(world, login):
    role = make_role(world.organisation)
    client = login(world.user("coordinator"))

    response = _post(
        world, client, role, places="101", reviewers_per_application="9999999999", title="x" * 151
    )

    assert response.status_code == 200
    errors = _errors(response)
    assert errors["places"] == ["A vacancy can have at most 100 places"]
    assert errors["reviewers_per_application"] == ["Each application can have at most 10 reviewers"]
    assert errors["title"] == ["The title must be 150 characters or fewer"]
    page = response.content.decode()
    assert not [phrase for phrase in STOCK_PHRASES if phrase in page]
    assert "x" * 151 in page  # what was typed is kept
    assert not Vacancy.objects.filter(role_description=role).exists()


def test_a_new_vacancy_cannot_open_or_close_in_the_past(world, login):
    role = make_role(world.organisation)
    client = login(world.user("coordinator"))
    today = timezone.localdate()

    response = _post(
        world,
        client,
        role,
        **_date("opens_on", today - timedelta(days=6 * 365)),
        **_date("closes_on", today - timedelta(days=6 * 365) + timedelta(days=30)),
    )

    assert _errors(response) == {
        "opens_on": ["The opening date must be today or in the future"],
        "closes_on": ["The closing date must be today or in the future"],
    }
    assert not Vacancy.objects.filter(role_description=role).exists()


def test_a_vacancy_cannot_close_before_it_opens(world, login):
    role = make_role(world.organisation)
    client = login(world.user("coordinator"))
    today = timezone.localdate()

    response = _post(
        world,
        client,
        role,
        **_date("opens_on", today + timedelta(days=10)),
        **_date("closes_on", today + timedelta(days=5)),
    )

    assert _errors(response) == {
        "closes_on": ["The closing date must be the same as or after the opening date"]
    }


def test_a_running_vacancy_keeps_its_opening_date_when_changed(world, login):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    client = login(world.user("coordinator"))
    today = timezone.localdate()

    response = client.post(
        reverse("vacancy-edit", args=[vacancy.pk]),
        {
            "title": "Join the group again",
            "group": vacancy.group_id,
            "places": "6",
            **_date("opens_on", vacancy.opens_on),  # a week ago
            **_date("closes_on", today + timedelta(days=20)),
            "reviewers_per_application": "3",
        },
    )

    assert response.status_code == 302
    assert Vacancy.objects.get(pk=vacancy.pk).title == "Join the group again"


def test_date_hints_show_the_example_the_date_boxes_take(world, login):
    role = make_role(world.organisation)
    page = login(world.user("coordinator")).get(reverse("vacancy-create", args=[role.pk]))

    example = f"15 3 {timezone.localdate().year + 1}"
    text = page.content.decode()
    assert text.count(f"For example, {example}") == 3
    assert "15/3/" not in text


def test_opening_a_vacancy_with_no_panel_asks_first(world, login):
    role = make_role(world.organisation)
    today = timezone.localdate()
    vacancy = services.vacancy_create(
        role_description=role,
        group=world.objects["group"],
        title="Join the group",
        places=6,
        opens_on=today,
        closes_on=today + timedelta(days=28),
    )
    client = login(world.user("coordinator"))
    url = reverse("vacancy-open", args=[vacancy.pk])

    detail = client.get(reverse("vacancy-detail", args=[vacancy.pk])).content.decode()
    assert f'href="{url}"' in detail  # a link to the warning, not a button that opens it
    warning = client.get(url)
    assert warning.status_code == 200
    assert "with no panel" in warning.content.decode()
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.DRAFT

    client.post(url)
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.OPEN


def test_a_vacancy_with_a_panel_opens_from_its_page(world, login):
    role = make_role(world.organisation)
    vacancy = make_vacancy(role, world.objects["group"], status="draft")
    services.panel_member_add(vacancy=vacancy, user=world.user("panel_member"))
    client = login(world.user("coordinator"))

    detail = client.get(reverse("vacancy-detail", args=[vacancy.pk])).content.decode()
    assert f'action="{reverse("vacancy-open", args=[vacancy.pk])}"' in detail


def test_the_vacancy_page_counts_add_up_to_the_total(world, login):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    from tests.access.recruitment_setup import make_application
    from tests.factories import PersonFactory

    for _ in range(17):
        make_application(vacancy, PersonFactory())
    make_application(vacancy, PersonFactory(), status="shortlisted")
    make_application(vacancy, PersonFactory(), status="withdrawn")
    make_application(vacancy, PersonFactory(), status="draft")

    response = login(world.user("coordinator")).get(reverse("vacancy-detail", args=[vacancy.pk]))

    counts = response.context["status_counts"]
    assert counts["total"] == 20
    assert counts["sent"] + counts["withdrawn"] + counts["drafts"] == counts["total"]
    assert (counts["sent"], counts["withdrawn"], counts["drafts"]) == (18, 1, 1)
    text = " ".join(response.content.decode().split())
    assert (
        "20 applications in all: 18 sent (submitted: 17, shortlisted: 1), 1 withdrawn and "
        "1 started but not sent yet." in text
    )
