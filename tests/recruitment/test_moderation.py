"""Open aggregation (means, spreads, weighted totals against hand-computed
figures), the moderation flag exactly when the spread exceeds the margin,
moderation recording who changed what and why, essential-criterion failure,
shortlisting and the conversation, and the overview page's flat queries."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from recruitment.models import Application, AuditEvent, ModeratedScore
from recruitment.selectors.scoring import application_result
from recruitment.services.scoring import application_shortlist, conversation_record, score_moderate

from .scoring_data import add_application, add_reviewer, criteria, make_vacancy, score


@pytest.fixture
def vacancy(world):
    # Lived experience: weight 2, essential, pass mark 2. Working with others: weight 1.
    return make_vacancy(organisation=world.organisation, group=world.objects["group"], margin=2)


@pytest.fixture
def panel(vacancy):
    return [add_reviewer(vacancy) for _ in range(3)]


def test_aggregation_matches_hand_computed_figures(vacancy, panel):
    application = add_application(vacancy)
    score(application, panel[0], [4, 1])
    score(application, panel[1], [3, 2])
    score(application, panel[2], [2, 2])
    result = application_result(application=application)
    lived, others = result.criteria
    # Lived experience: (4 + 3 + 2) / 3 = 3.00, spread 4 - 2 = 2.
    assert (lived.mean, lived.spread) == (Decimal("3.00"), 2)
    # Working with others: (1 + 2 + 2) / 3 = 1.666... = 1.67, spread 1.
    assert (others.mean, others.spread) == (Decimal("1.67"), 1)
    # Weighted total of agreed scores: 2 × 3.00 + 1 × 1.67 = 7.67.
    assert result.total == Decimal("7.67")
    # Each reviewer's own weighted total: 9, 8, 6 → mean 7.67, spread 3.
    assert sorted(result.reviewer_totals.values()) == [6, 8, 9]
    assert (result.total_mean, result.total_spread) == (Decimal("7.67"), Decimal("3.00"))
    assert not result.needs_moderation


def test_flagged_for_moderation_exactly_when_spread_exceeds_margin(vacancy, panel):
    at_margin = add_application(vacancy)
    score(at_margin, panel[0], [4, 2])
    score(at_margin, panel[1], [2, 2])  # spread 2 = margin: not flagged
    over = add_application(vacancy)
    score(over, panel[0], [4, 2])
    score(over, panel[1], [1, 2])  # spread 3 > margin 2: flagged
    assert not application_result(application=at_margin).needs_moderation
    result = application_result(application=over)
    assert result.needs_moderation
    assert [c.flagged for c in result.criteria] == [True, False]


def test_moderation_records_who_changed_what_and_why(vacancy, panel, world):
    application = add_application(vacancy)
    score(application, panel[0], [4, 2])
    score(application, panel[1], [1, 2])
    coordinator = world.user("coordinator")
    lived = criteria(vacancy)[0]
    score_moderate(
        application=application,
        criterion=lived,
        score=3,
        reason="Panel agreed the clinic example counts.",
        moderated_by=coordinator,
    )
    moderated = ModeratedScore.objects.get()
    assert moderated.previous_mean == Decimal("2.50")
    assert (moderated.score, moderated.moderated_by) == (3, coordinator)
    result = application_result(application=application)
    assert result.criteria[0].agreed == 3 and not result.needs_moderation
    assert result.total == Decimal("8.00")  # 2 × 3 + 1 × 2
    event = AuditEvent.objects.get(action="moderation")
    assert event.actor == coordinator
    assert "was 2.50" in event.summary and "clinic example" in event.summary


def test_moderation_needs_a_reason(vacancy, panel, world):
    application = add_application(vacancy)
    score(application, panel[0], [4, 2])
    with pytest.raises(ValidationError) as error:
        score_moderate(
            application=application,
            criterion=criteria(vacancy)[0],
            score=3,
            reason=" ",
            moderated_by=world.user("coordinator"),
        )
    assert "reason" in error.value.message_dict


def test_failing_an_essential_criterion_is_shown_with_the_reason(vacancy, panel, world, client):
    application = add_application(vacancy)
    score(application, panel[0], [1, 4])
    score(application, panel[1], [1, 4])
    result = application_result(application=application)
    assert result.essential_failures == [
        "Lived experience: agreed score 1.00 is below the pass mark of 2"
    ]
    with pytest.raises(ApplicationError, match="essential criterion"):
        application_shortlist(
            application=application, reason="Keen.", shortlisted_by=world.user("coordinator")
        )
    client.force_login(world.user("coordinator"))
    page = client.get(reverse("scores-vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    assert "Fails an essential criterion" in page
    detail = client.get(reverse("scores-application", kwargs={"pk": application.pk}))
    assert "is below the pass mark of 2" in detail.content.decode()


def test_shortlisting_waits_for_moderation(vacancy, panel, world):
    application = add_application(vacancy)
    score(application, panel[0], [4, 2])
    score(application, panel[1], [1, 2])
    with pytest.raises(ApplicationError, match="Moderate"):
        application_shortlist(
            application=application, reason="Good.", shortlisted_by=world.user("coordinator")
        )


def test_shortlist_then_conversation_are_recorded_with_reasons(vacancy, panel, world, client):
    application = add_application(vacancy)
    score(application, panel[0], [3, 2])
    coordinator = world.user("coordinator")
    client.force_login(coordinator)
    response = client.post(
        reverse("scores-shortlist", kwargs={"pk": application.pk}), {"reason": ""}
    )
    assert "Say why this applicant is shortlisted" in response.content.decode()
    client.post(
        reverse("scores-shortlist", kwargs={"pk": application.pk}),
        {"reason": "Brings experience of the north of the borough."},
    )
    application.refresh_from_db()
    assert application.status == Application.Status.SHORTLISTED
    response = client.post(
        reverse("conversation-record", kwargs={"pk": application.pk}),
        {
            "held_on_0": timezone.localdate().day,
            "held_on_1": timezone.localdate().month,
            "held_on_2": timezone.localdate().year,
            "mode": "phone",
            "notes": "Understands it is not a support group.",
            "match": "yes",
            "support_agreed": "Large print papers.",
        },
    )
    assert response.status_code == 302
    assert application.conversation.match_confirmed is True
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "shortlist" in actions and "conversation" in actions
    assert "Understands" not in AuditEvent.objects.get(action="conversation").summary


def test_conversation_only_for_shortlisted(vacancy, world):
    application = add_application(vacancy)
    with pytest.raises(ApplicationError):
        conversation_record(
            application=application,
            held_on=timezone.localdate(),
            mode="phone",
            notes="Hello",
            match_confirmed=True,
        )


def test_scores_overview_queries_stay_flat(vacancy, panel, world, client, assert_flat_queries):
    client.force_login(world.user("coordinator"))
    url = reverse("scores-vacancy", kwargs={"pk": vacancy.pk})

    def grow(n):
        for _ in range(n):
            application = add_application(vacancy)
            for reviewer in panel:
                score(application, reviewer, [3, 2])

    assert_flat_queries(lambda: client.get(url), grow=grow)


def test_application_scores_page_queries_stay_flat(vacancy, world, client, assert_flat_queries):
    client.force_login(world.user("coordinator"))
    application = add_application(vacancy)
    url = reverse("scores-application", kwargs={"pk": application.pk})

    def grow(n):
        for _ in range(n):
            score(application, add_reviewer(vacancy), [3, 2])

    assert_flat_queries(lambda: client.get(url), grow=grow)
