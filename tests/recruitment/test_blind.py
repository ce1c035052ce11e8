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
    """Each page shows what the reviewer needs (so a page that shows nothing
    cannot pass) and nothing that says who the applicant is: not the full name,
    nor the preferred name the service uses for them (display_name)."""
    vacancy, application, reviewer, person = setting
    client.force_login(reviewer.user)
    key = handle(reviewer, application)
    first, second = criteria(vacancy)
    vacancy_page = reverse("scoring-vacancy", kwargs={"pk": vacancy.pk})
    application_page = reverse("scoring-application", kwargs={"pk": vacancy.pk, "handle": key})
    pages = {
        reverse("scoring-index"): [vacancy.title, f'href="{vacancy_page}"'],
        vacancy_page: [f"Application {application.reference}", f'href="{application_page}"'],
        application_page: [
            f"Application {application.reference}",
            "My answer about lived experience.",
            "My answer about working with others.",
        ],
        reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": first.pk}): [
            f"Application {application.reference}",
            "My answer about lived experience.",
            f'name="rationale_{key}"',
        ],
        reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": second.pk}): [
            f"Application {application.reference}",
            "My answer about working with others.",
            f'name="rationale_{key}"',
        ],
    }
    secrets = [
        "Zebedee",
        "Quillfeather",
        "Zeb",  # the preferred name
        person.display_name,
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
    for url, shown in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for needed in shown:
            assert needed in page, f"{needed!r} missing from {url}"
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


# --- Naming the applicants you know comes before seeing any application ----------


def test_a_reviewer_names_the_applicants_they_know_before_seeing_any_application(world, client):
    """Until they start scoring, a reviewer is sent to the conflicts page from
    every scoring page, the API refuses, and the scoring service refuses."""
    from involvement.errors import ApplicationError
    from recruitment.services.scoring import ScoreEntry, reviews_assign, scores_record

    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    reviewer = add_reviewer(vacancy, started=False)
    application = add_application(vacancy)
    reviews_assign(vacancy=vacancy)
    client.force_login(reviewer.user)
    conflicts = reverse("panel-conflicts", args=[vacancy.pk])
    for url in [
        reverse("scoring-vacancy", kwargs={"pk": vacancy.pk}),
        reverse(
            "scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": criteria(vacancy)[0].pk}
        ),
        reverse(
            "scoring-application",
            kwargs={"pk": vacancy.pk, "handle": handle(reviewer, application)},
        ),
    ]:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, conflicts), url
    page = client.get(conflicts).content.decode()
    assert "Before you see any applications, tell us about the applicants you know." in page
    assert application.reference not in page
    response = client.get(reverse("api-review-detail", kwargs={"pk": vacancy.pk}))
    assert response.status_code == 403
    assert application.reference not in response.content.decode()
    with pytest.raises(ApplicationError, match="before you start scoring"):
        scores_record(
            panel_member=reviewer,
            criterion=criteria(vacancy)[0],
            entries=[ScoreEntry(application, 3, "Good.")],
        )

    response = client.post(reverse("panel-start-scoring", args=[vacancy.pk]), follow=True)

    page = response.content.decode()
    assert response.redirect_chain == [(reverse("scoring-vacancy", kwargs={"pk": vacancy.pk}), 302)]
    assert application.reference in page
    reviewer.refresh_from_db()
    assert reviewer.scoring_started_at is not None


def test_once_scoring_has_started_nobody_can_be_declared_by_name(world, client):
    """Otherwise the reference that then left the reviewer's list would be the
    name they had just declared."""
    from involvement.errors import ApplicationError
    from recruitment.handles import conflict_token
    from recruitment.models import ConflictOfInterest, ReviewAssignment
    from recruitment.services.vacancies import conflicts_declare

    from .scoring_data import assign

    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    reviewer = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(reviewer, application)
    client.force_login(reviewer.user)
    url = reverse("panel-conflicts", args=[vacancy.pk])

    page = client.get(url).content.decode()
    assert application.person.full_name not in page
    assert "You can no longer add to this list here" in page
    response = client.post(
        url,
        {"application": conflict_token(reviewer, application.pk), "reason": "My neighbour"},
        follow=True,
    )

    assert "you can no longer add to the applicants you know" in response.content.decode()
    with pytest.raises(ApplicationError, match="you can no longer add"):
        conflicts_declare(panel_member=reviewer, conflicts={application.pk: "My neighbour"})
    assert not ConflictOfInterest.objects.exists()
    assert ReviewAssignment.objects.filter(panel_member=reviewer, application=application).exists()
