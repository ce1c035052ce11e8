from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from . import permissions  # noqa: F401
        from .services import notices

        # The kinds of message recruitment sends, each looked at again as it goes.
        notices.register()
