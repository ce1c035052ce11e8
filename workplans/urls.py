from django.urls import path
from django.views.decorators.http import require_safe

from .views import board, decisions, exercises, feedback, plans

urlpatterns = [
    path("work-plans/", plans.workplan_index, name="workplan-index"),
    path("work-plans/groups/<int:pk>/", plans.workplan_group, name="workplan-group"),
    path("work-plans/groups/<int:pk>/new/", plans.workplan_create, name="workplan-create"),
    path("work-plans/plans/<int:pk>/", plans.workplan_detail, name="workplan-detail"),
    path("work-plans/plans/<int:pk>/plan.pdf", plans.workplan_pdf, name="workplan-pdf"),
    path("work-plans/plans/<int:pk>/items/new/", plans.workitem_create, name="workitem-create"),
    path("work-plans/plans/<int:pk>/review/", plans.workplan_review, name="workplan-review"),
    path("work-plans/plans/<int:pk>/agenda/", plans.workplan_agenda, name="workplan-agenda"),
    path("work-plans/items/<int:pk>/edit/", plans.workitem_edit, name="workitem-edit"),
    path(
        "work-plans/groups/<int:pk>/exercises/new/",
        exercises.exercise_create,
        name="exercise-create",
    ),
    path("work-plans/exercises/<int:pk>/", exercises.exercise_detail, name="exercise-detail"),
    path(
        "work-plans/exercises/<int:pk>/proposals/new/",
        exercises.proposal_create,
        name="proposal-create",
    ),
    path("work-plans/exercises/<int:pk>/vote/", exercises.exercise_vote, name="exercise-vote"),
    path(
        "work-plans/exercises/<int:pk>/votes/enter/",
        exercises.exercise_vote_enter,
        name="exercise-vote-enter",
    ),
    path(
        "work-plans/exercises/<int:pk>/priorities/new/",
        exercises.priority_create,
        name="priority-create",
    ),
    path(
        "work-plans/exercises/<int:pk>/themes/", exercises.exercise_themes, name="exercise-themes"
    ),
    path("work-plans/exercises/<int:pk>/stage/", exercises.exercise_stage, name="exercise-stage"),
    path(
        "work-plans/organisations/<int:org_pk>/decision-map/",
        decisions.decision_map_view,
        name="decision-map",
    ),
    path(
        "work-plans/organisations/<int:org_pk>/decision-map/new/",
        decisions.decision_entry_create,
        name="decision-entry-create",
    ),
    path(
        "work-plans/organisations/<int:org_pk>/decision-map/<int:pk>/remove/",
        decisions.decision_entry_delete,
        name="decision-entry-delete",
    ),
    # "You said, we did" (views/feedback.py; the public board in views/board.py).
    path("work-plans/groups/<int:pk>/you-said/", feedback.feedback_list, name="feedback-list"),
    path(
        "work-plans/meetings/<int:pk>/you-said/", feedback.feedback_capture, name="feedback-capture"
    ),
    path("work-plans/groups/<int:pk>/you-said/new/", feedback.feedback_add, name="feedback-add"),
    path(
        "work-plans/groups/<int:pk>/you-said/agenda/",
        feedback.feedback_agenda,
        name="feedback-agenda",
    ),
    path(
        "work-plans/groups/<int:pk>/you-said/tell-us/", feedback.feedback_tell, name="feedback-tell"
    ),
    path("work-plans/you-said/mine/", feedback.feedback_mine, name="feedback-mine"),
    path("work-plans/you-said/<int:pk>/", feedback.feedback_detail, name="feedback-detail"),
    path("work-plans/you-said/<int:pk>/edit/", feedback.feedback_edit, name="feedback-edit"),
    path(
        "work-plans/you-said/<int:pk>/answer/", feedback.feedback_respond, name="feedback-respond"
    ),
    path("work-plans/you-said/<int:pk>/public/", feedback.feedback_public, name="feedback-public"),
    path("work-plans/you-said/<int:pk>/share/", feedback.feedback_accept, name="feedback-accept"),
    path(
        "work-plans/you-said/<int:pk>/do-not-share/",
        feedback.feedback_decline,
        name="feedback-decline",
    ),
    path(
        "work-plans/you-said/answers/<int:pk>/publish/",
        feedback.response_publish,
        name="feedback-response-publish",
    ),
    path(
        "work-plans/you-said/answers/<int:pk>/delete/",
        feedback.response_discard,
        name="feedback-response-discard",
    ),
    path(
        "work-plans/organisations/<int:org_pk>/you-said/settings/",
        feedback.feedback_settings,
        name="feedback-settings",
    ),
    path("you-said-we-did/groups/<int:pk>/", board.board, name="board"),
    path(
        "you-said-we-did/groups/<int:pk>/newsletter.pdf",
        board.board_newsletter,
        name="board-newsletter",
    ),
    path(
        "you-said-we-did/groups/<int:pk>/feed/", require_safe(board.BoardFeed()), name="board-feed"
    ),
    path(
        "you-said-we-did/groups/<int:pk>/you-said-we-did.csv",
        board.board_csv,
        name="board-csv",
    ),
]
