from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # When two records of one person are merged, these move to the one kept
        # (involvement.person_merge).
        from involvement import person_merge

        person_merge.register(relation="recruitment.Application.person", rule=person_merge.MOVE)

        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from involvement import home_panels, personal_data

        from . import permissions  # noqa: F401
        from .homes import moderation_panel, scores_to_give_panel, unfinished_applications_panel
        from .personal_data import applications_of, erase
        from .services import notices

        # "Download your data" and erasure (involvement imports no app).
        personal_data.register_section(
            key="recruitment.applications", title="Your applications", collect=applications_of
        )
        personal_data.register_eraser(key="recruitment", erase=erase)

        # The kinds of message recruitment sends, each looked at again as it goes.
        notices.register()

        # An applicant's unfinished applications, at the top of their home page.
        home_panels.register(
            template="recruitment/homes/_unfinished_applications.html",
            roles={home_panels.PERSON},
            build=unfinished_applications_panel,
        )
        # A panel member's scores still to give (staff or group member alike) ...
        home_panels.register(
            template="recruitment/homes/_scores_to_give.html",
            roles={home_panels.PERSON},
            build=scores_to_give_panel,
        )
        # ... and, for those who run recruitment, scores that need moderating.
        home_panels.register(
            template="recruitment/homes/_moderation.html",
            roles=permissions.RECRUITMENT_MANAGE_ROLES,
            build=moderation_panel,
        )
