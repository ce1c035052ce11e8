"""Access expectations for recruitment scoring, moderation, selection,
decisions, statistics and the audit trail (involvement.permissions,
"Recruitment scoring" block): the vacancy's panel scores; the organisation's
coordinators run the rest; other staff of the organisation get 403; another
organisation, and anyone without a role there, gets 404; an applicant reads
the feedback on their own application only."""

from __future__ import annotations

from .rules import SIGNED_IN, Page, expect

REVIEWERS = expect(
    403,
    anonymous=302,
    member=404,
    other_org=404,
    panel_member=200,
)
COORDINATORS = expect(
    403,
    anonymous=302,
    member=404,
    other_org=404,
    coordinator=200,
)
POST_ONLY = expect(405, anonymous=302)


def scoring_objects(world) -> dict:
    """A closed vacancy of the first organisation with the world's panel
    member on its panel and an application given to them, the member's own
    decided application, and a proposal. Built once per test."""
    if "recruitment_scoring" in world.objects:
        return world.objects["recruitment_scoring"]
    from django.utils import timezone

    from recruitment.models import SelectionProposal
    from tests.recruitment.scoring_data import (
        add_application,
        add_reviewer,
        criteria,
        handle,
        make_vacancy,
        score,
    )

    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    reviewer = add_reviewer(vacancy, world.user("panel_member"))
    application = add_application(vacancy)
    score(application, reviewer, [3, 2])
    own = add_application(vacancy, person=world.objects["person"], status="not_selected")
    own.decided_at = timezone.now()
    own.decision_reason = "The places went to higher totals."
    own.save()
    proposal = SelectionProposal.objects.create(
        vacancy=vacancy,
        mode="balanced",
        proposed=[application.pk],
        explanation={},
        created_by=world.user("coordinator"),
    )
    objects = {
        "vacancy": vacancy,
        "criterion": criteria(vacancy)[0],
        "application": application,
        "handle": handle(reviewer, application),
        "own": own,
        "proposal": proposal,
    }
    world.objects["recruitment_scoring"] = objects
    return objects


def _vacancy(w):
    return {"pk": scoring_objects(w)["vacancy"].pk}


def _application(w):
    return {"pk": scoring_objects(w)["application"].pk}


def _proposal(w):
    return {"pk": scoring_objects(w)["proposal"].pk}


PAGES = {
    # Reviewers
    "scoring-index": Page(status=SIGNED_IN),
    "scoring-vacancy": Page(kwargs=_vacancy, status=REVIEWERS),
    "scoring-question": Page(
        kwargs=lambda w: {**_vacancy(w), "criterion_pk": scoring_objects(w)["criterion"].pk},
        status=REVIEWERS,
    ),
    # Named by the panel member's own opaque handle for the application, never its id.
    "scoring-application": Page(
        kwargs=lambda w: {**_vacancy(w), "handle": scoring_objects(w)["handle"]},
        status=REVIEWERS,
    ),
    # Coordinators
    "scores-vacancy": Page(kwargs=_vacancy, status=COORDINATORS),
    "scores-assign": Page(kwargs=_vacancy, status=POST_ONLY),
    "scores-application": Page(kwargs=_application, status=COORDINATORS),
    "scores-moderate": Page(
        kwargs=lambda w: {**_application(w), "criterion_pk": scoring_objects(w)["criterion"].pk},
        status=COORDINATORS,
    ),
    "scores-shortlist": Page(kwargs=_application, status=POST_ONLY),
    "conversation-record": Page(kwargs=_application, status=COORDINATORS),
    "decision-record": Page(kwargs=_application, status=COORDINATORS),
    "reserve-offer": Page(kwargs=_application, status=COORDINATORS),
    "selection-vacancy": Page(kwargs=_vacancy, status=COORDINATORS),
    "selection-accept": Page(kwargs=_proposal, status=POST_ONLY),
    "selection-check": Page(kwargs=_proposal, status=POST_ONLY),
    "statistics-vacancy": Page(kwargs=_vacancy, status=COORDINATORS),
    "audit-vacancy": Page(kwargs=_vacancy, status=COORDINATORS),
    "audit-vacancy-csv": Page(kwargs=_vacancy, status=COORDINATORS),
    "audit-vacancy-pdf": Page(kwargs=_vacancy, status=COORDINATORS),
    "recruitment-retention": Page(
        kwargs=lambda w: {"org_pk": w.organisation.pk},
        status=expect(
            403,
            anonymous=302,
            member=404,
            other_org=404,
            coordinator=200,
            org_admin=200,
            platform_admin=200,
        ),
    ),
    # The reviewers' API (blind, like the pages)
    "api-review-detail": Page(kwargs=_vacancy, status={**REVIEWERS, "anonymous": 401}),
    "api-review-scores": Page(kwargs=_vacancy, status=expect(405, anonymous=401)),
    # The applicant's own feedback
    "applicant-feedback": Page(
        kwargs=lambda w: {"pk": scoring_objects(w)["own"].pk},
        status=expect(404, anonymous=302, member=200),
    ),
}
