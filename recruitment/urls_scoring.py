"""Scoring and selection pages (reviewers, moderation, selection, decisions, audit)."""

from django.urls import path

from .views import audit, decisions, scoring, selection

urlpatterns = [
    # Reviewers (blind): an application is named by the reviewer's own opaque
    # handle (recruitment.handles), never by its id.
    path("reviews/", scoring.scoring_index, name="scoring-index"),
    path("reviews/vacancies/<int:pk>/", scoring.scoring_vacancy, name="scoring-vacancy"),
    path(
        "reviews/vacancies/<int:pk>/questions/<int:criterion_pk>/",
        scoring.scoring_question,
        name="scoring-question",
    ),
    path(
        "reviews/vacancies/<int:pk>/applications/<slug:handle>/",
        scoring.scoring_application,
        name="scoring-application",
    ),
    # Coordinators: scores, moderation, shortlist, conversation
    path("recruitment/vacancies/<int:pk>/scores/", scoring.scores_vacancy, name="scores-vacancy"),
    path(
        "recruitment/vacancies/<int:pk>/scores/assign/",
        scoring.scores_assign,
        name="scores-assign",
    ),
    path(
        "recruitment/scores/applications/<int:pk>/",
        scoring.scores_application,
        name="scores-application",
    ),
    path(
        "recruitment/scores/applications/<int:pk>/moderate/<int:criterion_pk>/",
        scoring.scores_moderate,
        name="scores-moderate",
    ),
    path(
        "recruitment/scores/applications/<int:pk>/shortlist/",
        scoring.scores_shortlist,
        name="scores-shortlist",
    ),
    path(
        "recruitment/scores/applications/<int:pk>/conversation/",
        scoring.conversation_record,
        name="conversation-record",
    ),
    # Decisions
    path(
        "recruitment/vacancies/<int:pk>/decisions/",
        decisions.decisions_vacancy,
        name="decisions-vacancy",
    ),
    path(
        "recruitment/scores/applications/<int:pk>/decision/",
        decisions.decision_record,
        name="decision-record",
    ),
    path(
        "recruitment/scores/applications/<int:pk>/offer-place/",
        decisions.reserve_offer,
        name="reserve-offer",
    ),
    path(
        "applications/<int:pk>/feedback/",
        decisions.applicant_feedback,
        name="applicant-feedback",
    ),
    path(
        "recruitment/organisations/<int:org_pk>/retention/",
        decisions.retention_settings,
        name="recruitment-retention",
    ),
    # Balanced selection and statistics
    path(
        "recruitment/vacancies/<int:pk>/selection/",
        selection.selection_vacancy,
        name="selection-vacancy",
    ),
    path(
        "recruitment/selection/<int:pk>/accept/",
        selection.selection_accept,
        name="selection-accept",
    ),
    path(
        "recruitment/selection/<int:pk>/check/",
        selection.selection_check,
        name="selection-check",
    ),
    path(
        "recruitment/vacancies/<int:pk>/statistics/",
        selection.statistics_vacancy,
        name="statistics-vacancy",
    ),
    # Audit trail
    path("recruitment/vacancies/<int:pk>/audit/", audit.audit_vacancy, name="audit-vacancy"),
    path(
        "recruitment/vacancies/<int:pk>/audit.csv",
        audit.audit_vacancy_csv,
        name="audit-vacancy-csv",
    ),
    path(
        "recruitment/vacancies/<int:pk>/audit.pdf",
        audit.audit_vacancy_pdf,
        name="audit-vacancy-pdf",
    ),
]
