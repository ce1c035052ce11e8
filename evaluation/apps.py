from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # When two records of one person are merged, their answers go to the one
        # kept (involvement.person_merge).
        from involvement import person_merge

        person_merge.register(relation="evaluation.SurveyAnswer.person", rule=person_merge.MOVE)
        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from involvement import group_panels

        from . import permissions  # noqa: F401
        from .panels import group_panel

        # A group's page links to its figures (involvement imports no app).
        group_panels.register(template="evaluation/groups/_panel.html", build=group_panel)
        # Survey links go through the outbox in each person's channel.
        from . import invitations

        invitations.register()

        # "Download your data" and erasure (involvement imports no app).
        from involvement import personal_data

        from .personal_data import answers_of, erase

        personal_data.register_section(
            key="evaluation.answers", title="Your survey answers", collect=answers_of
        )
        personal_data.register_eraser(key="evaluation", erase=erase)
