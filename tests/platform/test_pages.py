import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_landing_page_invites_sign_up_when_anonymous(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("account_signup") in response.content.decode()


def test_home_lists_the_roles_a_person_holds(world, login):
    client = login(world.user("coordinator"))
    page = client.get(reverse("home")).content.decode()
    assert "North Testshire Diabetes Network" in page
    assert "Coordinator" in page


def test_unknown_page_uses_the_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "nhsuk-header" in response.content.decode()


@pytest.mark.parametrize("name", ["home", "account_login", "account_signup"])
def test_an_applicant_finds_the_open_roles_from_the_first_pages(client, name):
    page = client.get(reverse(name)).content.decode()
    assert f'href="{reverse("public-vacancy-list")}"' in page


def test_a_signed_in_person_without_a_role_finds_the_open_roles_from_home(world, login):
    client = login(world.user("member"))
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("public-vacancy-list")}"' in page
