"""Blind scoring: no reviewer-facing page shows the applicant's name, email,
phone, postcode, person id or diversity data; only the reference and answers."""

import pytest
from django.urls import reverse

from .scoring_data import (
    add_application,
    add_reviewer,
    consent,
    criteria,
    handle,
    make_vacancy,
    score,
)


@pytest.fixture
def setting(world):
    from tests.factories import PersonFactory

    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    person = PersonFactory(
        full_name="Zebedee Quillfeather",
        preferred_name="Zeb",
        email="zebedee.quill@example.org",
        phone="07700 900999",
        postcode="QX9 9ZZ",
        address_line_1="17 Larkspur Crescent",
        town="Quillbury",
    )
    consent(person, diabetes_type="type_1", ethnicity="mixed", locality="Northside Ward")
    application = add_application(vacancy, person=person)
    reviewer = add_reviewer(vacancy)
    other = add_reviewer(vacancy)
    score(application, reviewer, [3, 2])
    score(application, other, [2, 3])
    return vacancy, application, reviewer, person


def test_no_reviewer_page_reveals_who_the_applicant_is(setting, client):
    vacancy, application, reviewer, person = setting
    client.force_login(reviewer.user)
    urls = [
        reverse("scoring-index"),
        reverse("scoring-vacancy", kwargs={"pk": vacancy.pk}),
        reverse(
            "scoring-application",
            kwargs={"pk": vacancy.pk, "handle": handle(reviewer, application)},
        ),
    ] + [
        reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": c.pk})
        for c in criteria(vacancy)
    ]
    secrets = [
        "Zebedee",
        "Quillfeather",
        "zebedee.quill@example.org",
        "07700 900999",
        "QX9 9ZZ",
        "Larkspur",
        "Quillbury",
        "Northside Ward",
        "Type 1",
        "Mixed or multiple",
        "hearing loop",  # support needs
        f"person={person.pk}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert application.reference in page or "Reviews" in page
        for secret in secrets:
            assert secret not in page, f"{secret!r} shown on {url}"


def test_the_answers_and_reference_are_shown(setting, client):
    vacancy, application, reviewer, _ = setting
    client.force_login(reviewer.user)
    page = client.get(
        reverse(
            "scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": criteria(vacancy)[0].pk}
        )
    ).content.decode()
    assert application.reference in page
    assert "My answer about lived experience." in page


def test_the_reviewers_api_is_blind_too(setting, client):
    import json

    vacancy, application, reviewer, person = setting
    client.force_login(reviewer.user)
    response = client.get(reverse("api-review-detail", kwargs={"pk": vacancy.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    for secret in ["Zebedee", "Quillfeather", "zebedee.quill@", "07700", "QX9", "Northside"]:
        assert secret not in body
    data = json.loads(body)
    assert [a["reference"] for a in data["applications"]] == [application.reference]
    assert set(data["applications"][0]) == {"handle", "reference", "answers", "my_scores"}
    assert data["applications"][0]["handle"] == handle(reviewer, application)


def test_scoring_through_the_api_needs_a_rationale(setting, client):
    vacancy, application, reviewer, _ = setting
    client.force_login(reviewer.user)
    url = reverse("api-review-scores", kwargs={"pk": vacancy.pk})
    criterion = criteria(vacancy)[0]
    payload = {
        "criterion": criterion.pk,
        "scores": [{"application": handle(reviewer, application), "score": 4, "rationale": ""}],
    }
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [
        f"rationale_{handle(reviewer, application)}"
    ]
    payload["scores"][0]["rationale"] = "Very clear."
    response = client.post(url, payload, content_type="application/json")
    assert response.json() == {"saved": 1}


def test_a_conflicted_application_does_not_exist_for_the_reviewer_in_the_api(setting, client):
    """No "conflict of interest with A-MP8NK": that would pair the name the
    reviewer declared with a reference."""
    from .scoring_data import conflict

    vacancy, application, reviewer, _ = setting
    conflict(reviewer, application)
    client.force_login(reviewer.user)
    response = client.post(
        reverse("api-review-scores", kwargs={"pk": vacancy.pk}),
        {
            "criterion": criteria(vacancy)[0].pk,
            "scores": [
                {"application": handle(reviewer, application), "score": 1, "rationale": "x"}
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    body = response.content.decode()
    assert application.reference not in body and "conflict" not in body
    listed = client.get(reverse("api-review-detail", kwargs={"pk": vacancy.pk})).json()
    assert listed["applications"] == []
