"""Minutes, corrections, actions, the feedback summary, induction checklists
and reflective reviews (included from meetings/urls.py)."""

from django.urls import path

from .views import actions, induction, minutes, review

urlpatterns = [
    path("meetings/<int:pk>/minutes/", minutes.minutes_detail, name="meeting-minutes"),
    path("meetings/<int:pk>/minutes/write/", minutes.minutes_edit, name="meeting-minutes-edit"),
    path(
        "meetings/<int:pk>/minutes/send-for-corrections/",
        minutes.minutes_circulate,
        name="meeting-minutes-circulate",
    ),
    path(
        "meetings/<int:pk>/minutes/correction/",
        minutes.correction_create,
        name="meeting-minutes-correct",
    ),
    path(
        "meetings/corrections/<int:pk>/",
        minutes.correction_resolve,
        name="minutes-correction-resolve",
    ),
    path(
        "meetings/<int:pk>/minutes/approve/",
        minutes.minutes_approve,
        name="meeting-minutes-approve",
    ),
    path(
        "meetings/<int:pk>/minutes/publish/",
        minutes.minutes_publish,
        name="meeting-minutes-publish",
    ),
    path("meetings/<int:pk>/summary/", minutes.meeting_summary, name="meeting-summary"),
    path("meetings/<int:pk>/summary.pdf", minutes.meeting_summary_pdf, name="meeting-summary-pdf"),
    path("meetings/<int:pk>/actions/add/", actions.action_create, name="meeting-action-add"),
    path("meetings/actions/<int:pk>/", actions.action_update, name="action-update"),
    path("meetings/groups/<int:pk>/actions/", actions.group_actions, name="group-actions"),
    path(
        "meetings/memberships/<int:pk>/induction/",
        induction.membership_induction,
        name="membership-induction",
    ),
    path("meetings/groups/<int:pk>/reviews/", review.group_reviews, name="group-reviews"),
    path("meetings/reviews/<int:pk>/", review.review_results_page, name="review-results"),
    path("meetings/reviews/<int:pk>/close/", review.review_close, name="review-close"),
    path("meetings/reviews/<int:pk>/answer/", review.review_respond, name="review-respond"),
]
