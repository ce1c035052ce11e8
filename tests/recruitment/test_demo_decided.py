"""The demo's decided recruitment round (Riverbank): made through the real
services, so the vacancy is decided with an accepted balanced proposal, the
audit trail has every kind of step, selected applicants are members, letters
are queued, the pages show it, and seeding again changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from involvement.models import Membership, Notification, User
from recruitment import demo_decided
from recruitment.models import Application, AuditEvent, SelectionProposal, Vacancy

pytestmark = pytest.mark.django_db

Status = Application.Status


@pytest.fixture
def seeded(demo_once):
    return Vacancy.objects.get(title=demo_decided.VACANCY_TITLE)


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app_label in ("recruitment", "involvement")
        for model in apps.get_app_config(app_label).get_models()
    }


def test_the_riverbank_round_is_decided_with_an_accepted_balanced_proposal(seeded):
    vacancy = seeded
    assert vacancy.status == Vacancy.Status.DECIDED
    assert vacancy.group.organisation.slug == "riverbank"
    weeks_ago = (timezone.localdate() - vacancy.closes_on).days / 7
    assert 6 <= weeks_ago <= 8
    proposal = SelectionProposal.objects.get(vacancy=vacancy)
    assert proposal.mode == SelectionProposal.Mode.BALANCED
    assert proposal.accepted_at is not None
    selected = set(vacancy.applications.filter(status=Status.SELECTED).values_list("pk", flat=True))
    assert len(selected) == vacancy.places
    assert set(proposal.final) == selected
    # The balanced proposal is not simply the highest four totals: the minimums mattered.
    assert proposal.explanation["top_by_score"] != proposal.proposed
    assert proposal.explanation["score_traded"] > 0
    statuses = set(vacancy.applications.values_list("status", flat=True))
    assert statuses == {Status.SELECTED, Status.RESERVE, Status.NOT_SELECTED}
    assert not vacancy.applications.filter(decision_reason="").exists()


def test_the_audit_trail_has_every_kind_of_step(seeded):
    actions = set(AuditEvent.objects.filter(vacancy=seeded).values_list("action", flat=True))
    for action in (
        "score",
        "moderation",
        "shortlist",
        "conversation",
        "proposal",
        "proposal_changed",
        "decision",
    ):
        assert action in actions, action
    decisions = AuditEvent.objects.filter(vacancy=seeded, action="decision")
    assert decisions.count() == seeded.applications.count()


def test_selected_applicants_are_selected_members_and_everyone_has_a_letter(seeded):
    for application in seeded.applications.select_related("person"):
        membership = Membership.objects.filter(
            person=application.person, group=seeded.group
        ).first()
        if application.status == Status.SELECTED:
            assert membership is not None
            assert membership.status == Membership.Status.SELECTED
        else:
            assert membership is None
        assert Notification.objects.filter(
            idempotency_key=f"recruitment-decision-{application.pk}"
        ).exists()


def test_seeding_again_changes_no_recruitment_or_involvement_table(seeded):
    before = _counts()

    call_command("seed_demo")

    assert _counts() == before


def test_the_coordinator_sees_selection_audit_and_statistics(seeded, client):
    client.force_login(User.objects.get(email="coordinator@riverbank.example"))
    selected = list(
        seeded.applications.filter(status=Status.SELECTED).values_list("reference", flat=True)
    )
    for name in ("selection-vacancy", "audit-vacancy", "statistics-vacancy"):
        response = client.get(reverse(name, kwargs={"pk": seeded.pk}))
        assert response.status_code == 200, name
        if name != "statistics-vacancy":
            page = response.content.decode()
            for reference in selected:
                assert reference in page, (name, reference)
    page = client.get(reverse("statistics-vacancy", kwargs={"pk": seeded.pk})).content.decode()
    assert "Ruth Adair" in page  # every reviewer's scoring is there to compare


def test_the_selection_page_shows_the_accepted_set_as_it_stands(seeded, client):
    client.force_login(User.objects.get(email="coordinator@riverbank.example"))
    page = client.get(reverse("selection-vacancy", kwargs={"pk": seeded.pk})).content.decode()
    accepted = page.split("The accepted selection", 1)[1].split("</table>", 1)[0]
    for reference in seeded.applications.filter(status=Status.SELECTED).values_list(
        "reference", flat=True
    ):
        assert reference in accepted
    assert "The coordinator changed the proposal when accepting it" in page
    assert "no new proposal can be made" in page
    assert "Accept this selection" not in page


def test_a_selected_applicant_reads_their_scores_and_reasons(seeded, client):
    email, full_name = demo_decided.APPLICANT_LOGIN
    application = seeded.applications.get(person__user__email=email)
    assert application.status == Status.SELECTED
    client.force_login(User.objects.get(email=email))

    response = client.get(reverse("applicant-feedback", kwargs={"pk": application.pk}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Selected" in page
    assert application.decision_reason.split(",")[0] in page
    page = page.replace("&#x27;", "'")
    assert page.count("Agreed score: <strong>3.00 out of 4</strong>") == 4
    for title, *_rest, comments in demo_decided.CRITERIA:
        assert title in page
        assert comments[3] in page  # the panel's reasons, without reviewers' names
    assert "Ruth Adair" not in page
