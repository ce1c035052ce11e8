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
