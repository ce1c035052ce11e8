from django.urls import path

from .views import decisions, exercises, feedback, plans

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
    path("work-plans/groups/<int:pk>/you-said/", feedback.feedback_list, name="feedback-list"),
    path(
        "work-plans/meetings/<int:pk>/you-said/", feedback.feedback_capture, name="feedback-capture"
    ),
]
