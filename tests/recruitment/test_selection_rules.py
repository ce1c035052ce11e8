"""Selection only when the round is ready (the vacancy closed, every score
given), what the page shows once a selection is accepted, the proposal in
score order with the totals beside each box, and a decided round re-run
against the inputs it was made from."""

import pytest
from django.urls import reverse

from involvement.errors import ApplicationError
from recruitment.models import Application, AuditEvent, Vacancy
from recruitment.services.selection import (
    selection_accept,
    selection_check,
    selection_not_ready,
    selection_propose,
)
from tests.factories import PersonFactory

from .scoring_data import add_application, add_reviewer, assign, consent, make_vacancy, score

pytestmark = pytest.mark.django_db

SHORTLISTED = Application.Status.SHORTLISTED


@pytest.fixture
def round_(world):
    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"], places=2)
    reviewer = add_reviewer(vacancy)
    apps = {}
    for name, values in [("low", [2, 1]), ("high", [4, 4]), ("middle", [3, 3])]:
        person = PersonFactory()
        consent(person, diabetes_type="type_2")
        apps[name] = add_application(vacancy, person=person, status=SHORTLISTED)
        score(apps[name], reviewer, values)
    return vacancy, apps, reviewer, world.user("coordinator")


def test_no_proposal_while_the_vacancy_is_still_open(round_, client):
    vacancy, apps, reviewer, coordinator = round_
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.OPEN)
    vacancy.refresh_from_db()

    with pytest.raises(ApplicationError, match="still open for applications"):
        selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)

    client.force_login(coordinator)
    page = client.get(reverse("selection-vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    assert "Not ready to choose anyone yet" in page
    assert reverse("vacancy-detail", kwargs={"pk": vacancy.pk}) in page
    assert 'type="submit">Propose<' not in page


def test_no_proposal_or_acceptance_while_scores_are_missing(round_, client):
    vacancy, apps, reviewer, coordinator = round_
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    second = add_reviewer(vacancy)
    assign(second, apps["middle"])  # a second reviewer who has not scored yet

    not_ready = selection_not_ready(vacancy=vacancy)
    assert [item.reference for item in not_ready.unscored] == [apps["middle"].reference]
    with pytest.raises(ApplicationError, match=f"Scores are missing .*{apps['middle'].reference}"):
        selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    with pytest.raises(ApplicationError, match="Scores are missing"):
        selection_accept(
            proposal=proposal, final=proposal.proposed, reason="", accepted_by=coordinator
        )

    client.force_login(coordinator)
    page = client.get(reverse("selection-vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    assert reverse("scores-application", kwargs={"pk": apps["middle"].pk}) in page
    assert "1 of 2 reviewers done" in page
    assert "Accept this selection" not in page

    response = client.post(
        reverse("selection-accept", kwargs={"pk": proposal.pk}),
        {"final": [str(pk) for pk in proposal.proposed]},
    )
    proposal.refresh_from_db()
    assert proposal.accepted_at is None
    assert response.status_code in (200, 302)


def test_the_proposal_is_in_score_order_and_the_boxes_show_totals(round_, client):
    vacancy, apps, reviewer, coordinator = round_
    selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("selection-vacancy", kwargs={"pk": vacancy.pk}))
    page = response.content.decode()

    rows = response.context["rows"]
    assert [row["pk"] for row in rows] == [apps["high"].pk, apps["middle"].pk]
    assert f"{apps['high'].reference}: total 12" in page
    assert f"{apps['low'].reference}: total 5" in page
    assert "Chosen by the draw" not in page  # highest scores, no draw


def test_after_accepting_the_page_shows_what_was_accepted(round_, client):
    vacancy, apps, reviewer, coordinator = round_
    proposal = selection_propose(vacancy=vacancy, mode="balanced", created_by=coordinator)
    selection_accept(proposal=proposal, final=proposal.proposed, reason="", accepted_by=coordinator)
    client.force_login(coordinator)

    page = client.get(reverse("selection-vacancy", kwargs={"pk": vacancy.pk})).content.decode()

    assert "The accepted selection" in page
    assert "Accept this selection" not in page
    assert "Make a new proposal" not in page
    assert "Selected: decision and letter still to record" in page

    scores = client.get(reverse("scores-vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    assert "In the accepted selection" in scores
    assert "Not in the accepted selection" in scores
    with pytest.raises(ApplicationError):
        selection_accept(
            proposal=proposal, final=proposal.proposed, reason="", accepted_by=coordinator
        )


def test_a_decided_round_reruns_against_its_frozen_inputs(round_, client):
    vacancy, apps, reviewer, coordinator = round_
    proposal = selection_propose(vacancy=vacancy, mode="lottery", created_by=coordinator)
    selection_accept(proposal=proposal, final=proposal.proposed, reason="", accepted_by=coordinator)
    # Decisions move everyone off the shortlist, and the round is decided.
    Application.objects.filter(pk__in=proposal.proposed).update(status="selected")
    Application.objects.exclude(pk__in=proposal.proposed).update(status="not_selected")
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.DECIDED)
    proposal.refresh_from_db()

    assert selection_check(proposal=proposal, checked_by=coordinator) is True
    event = AuditEvent.objects.filter(action="proposal_checked").latest("pk")
    assert "it was made from: same set" in event.summary

    client.force_login(coordinator)
    response = client.post(reverse("selection-check", kwargs={"pk": proposal.pk}), follow=True)
    assert "it matches" in response.content.decode()
