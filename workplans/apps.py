from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "workplans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # When two records of one person are merged, these move to the one kept
        # (involvement.person_merge).
        from involvement import person_merge

        person_merge.register(relation="workplans.FeedbackItem.raised_by", rule=person_merge.MOVE)
        person_merge.register(relation="workplans.Proposal.proposed_by", rule=person_merge.MOVE)
        # One vote each per proposal: where both records voted, one vote counts.
        person_merge.register(relation="workplans.Vote.person", rule=person_merge.KEEP_KEPT)

        from involvement import home_panels
        from involvement.models import StaffRole
        from meetings import debrief_hooks, summary_sections

        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app). Publishing
        # a response enqueues the members' news by the task's name: with the
        # tasks registered in every process, eager mode runs it in-process.
        from . import permissions, tasks  # noqa: F401
        from .homes import you_said_panel, you_said_summary_section

        home_panels.register(
            template="workplans/homes/_you_said.html",
            roles={StaffRole.Role.COORDINATOR, StaffRole.Role.ORG_ADMIN},
            build=you_said_panel,
        )
        # Asking for ideas or votes is checked again when the message goes.
        from involvement.services.outbox import register_send_check

        from .services import exercises

        register_send_check(exercises.KIND_STAGE, exercises.send_check)
        # The kinds of message work plans send; "you said" ones looked at again as they go.
        from .services import notices

        notices.register()
        # Members' feedback summary before each meeting includes the new answers.
        summary_sections.register("workplans.you_said", you_said_summary_section)
        # A published debrief's points become "you said" items, the board's
        # answers their first (draft) "we did" responses.
        from .services.feedback import feedback_from_published_debrief

        debrief_hooks.register("workplans.you_said", feedback_from_published_debrief)
        # ... and the coordinators' weekly summary of what needs doing.
        from involvement import digest_sections

        from .homes import you_said_digest_section

        digest_sections.register("workplans.you_said", you_said_digest_section)
