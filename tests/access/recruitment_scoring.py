"""Access expectations for recruitment scoring, moderation, selection,
decisions, statistics and the audit trail (recruitment.permissions,
"Recruitment scoring" block): the vacancy's panel scores; the organisation's
coordinators run the rest; other staff of the organisation get 403; another
organisation, and anyone without a role there, gets 404; an applicant reads
the feedback on their own application only."""

from __future__ import annotations

from django.utils import timezone

from tests.factories import date_parts

from .rules import SIGNED_IN, Page, expect, fields, redirects

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
    # Two more on the panel, so that it can give each application the vacancy's
    # three reviewers (sharing out is refused while the panel is smaller).
    add_reviewer(vacancy)
    add_reviewer(vacancy)
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
        "reviewer": reviewer,
    }
    world.objects["recruitment_scoring"] = objects
    return objects


def _vacancy(w):
    return {"pk": scoring_objects(w)["vacancy"].pk}


def _application(w):
    return {"pk": scoring_objects(w)["application"].pk}


def _proposal(w):
    return {"pk": scoring_objects(w)["proposal"].pk}


def _at(status, *, talked=False):
    """An application of the scoring vacancy at `status` ("shortlisted",
    "reserve"), after the informal conversation if `talked`, for the valid
    bodies of the steps that need one."""

    def build(w):
        key = f"scoring_{status}{'_talked' if talked else ''}"
        if key not in w.objects:
            from recruitment.models import Conversation
            from tests.recruitment.scoring_data import add_application, score

            found = add_application(scoring_objects(w)["vacancy"], status=status)
            # Fully scored: a selection is made only once every score is in.
            score(found, scoring_objects(w)["reviewer"], [3, 2])
            if talked:
                Conversation.objects.create(
                    application=found,
                    held_on=timezone.localdate(),
                    mode="phone",
                    notes="Keen to help.",
                    match_confirmed=True,
                )
            if status == "reserve":
                found.decided_at = timezone.now()
                found.decision_reason = "Next in line."
                found.save(update_fields=["decided_at", "decision_reason"])
            w.objects[key] = found
        return w.objects[key]

    return build


# The vacancy's coordinators act (POST only) and are sent on.
COORDINATES = redirects(COORDINATORS)


def _scores(w):
    handle = scoring_objects(w)["handle"]
    return {f"score_{handle}": "1", f"rationale_{handle}": "Little evidence."}


def _api_scores(w):
    objects = scoring_objects(w)
    return {
        "criterion": objects["criterion"].pk,
        "scores": [{"application": objects["handle"], "score": 1, "rationale": "Little."}],
    }


PAGES = {
    # Reviewers
    "scoring-index": Page(status=SIGNED_IN),
    "scoring-vacancy": Page(kwargs=_vacancy, status=REVIEWERS),
    "scoring-question": Page(
        kwargs=lambda w: {**_vacancy(w), "criterion_pk": scoring_objects(w)["criterion"].pk},
        status=REVIEWERS,
        form=_scores,
    ),
    # Named by the panel member's own opaque handle for the application, never its id.
    "scoring-application": Page(
        kwargs=lambda w: {**_vacancy(w), "handle": scoring_objects(w)["handle"]},
        status=REVIEWERS,
    ),
    # Coordinators
    "scores-vacancy": Page(kwargs=_vacancy, status=COORDINATORS),
    "scores-assign": Page(kwargs=_vacancy, status=POST_ONLY, post=COORDINATES),
    "scores-application": Page(kwargs=_application, status=COORDINATORS),
    "scores-moderate": Page(
        kwargs=lambda w: {**_application(w), "criterion_pk": scoring_objects(w)["criterion"].pk},
        status=COORDINATORS,
        form=fields(score="3", reason="The panel agreed after talking."),
    ),
    # Without a reason the application's page comes back with the error.
    "scores-shortlist": Page(
        kwargs=_application,
        status=POST_ONLY,
        post=COORDINATORS,
        form=fields(reason="Strong answers."),
        post_valid=COORDINATES,
    ),
    "conversation-record": Page(
        kwargs=lambda w: {"pk": _at("shortlisted")(w).pk},
        status=COORDINATORS,
        form=lambda w: {
            **date_parts("held_on", timezone.localdate()),
            "mode": "phone",
            "notes": "Keen to help.",
            "match": "yes",
        },
    ),
    "decision-record": Page(
        kwargs=lambda w: {"pk": _at("shortlisted", talked=True)(w).pk},
        status=COORDINATORS,
        form=fields(outcome="selected", reason="High scores."),
    ),
    # Every undecided applicant on one page; without a choice the page comes back with the error.
    "decisions-vacancy": Page(
        kwargs=_vacancy,
        status=COORDINATORS,
        form=lambda w: {
            f"outcome_{_at('shortlisted', talked=True)(w).pk}": "selected",
            f"reason_{_at('shortlisted', talked=True)(w).pk}": "High scores.",
        },
    ),
    "reserve-offer": Page(
        kwargs=lambda w: {"pk": _at("reserve")(w).pk},
        status=COORDINATORS,
        form=fields(reason="A member left."),
    ),
    "selection-vacancy": Page(kwargs=_vacancy, status=COORDINATORS, form=fields(mode="balanced")),
    # Without a choice the proposal's page comes back with the error.
    "selection-accept": Page(
        kwargs=_proposal,
        status=POST_ONLY,
        post=COORDINATORS,
        form=lambda w: {"final": _at("shortlisted")(w).pk, "reason": "As proposed."},
        post_valid=COORDINATES,
    ),
    "selection-check": Page(kwargs=_proposal, status=POST_ONLY, post=COORDINATES),
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
        form=fields(retention_days="400"),
    ),
    # The reviewers' API (blind, like the pages)
    "api-review-detail": Page(kwargs=_vacancy, status={**REVIEWERS, "anonymous": 401}),
    # Only the vacancy's panel scores: other staff are refused (403), the
    # rest do not see the vacancy (404); an empty body is a bad request.
    "api-review-scores": Page(
        kwargs=_vacancy,
        status=expect(405, anonymous=401),
        post={**REVIEWERS, "anonymous": 401, "panel_member": 400},
        form=_api_scores,
        post_valid={**REVIEWERS, "anonymous": 401},
    ),
    # The applicant's own feedback
    "applicant-feedback": Page(
        kwargs=lambda w: {"pk": scoring_objects(w)["own"].pk},
        status=expect(404, anonymous=302, member=200),
    ),
}
