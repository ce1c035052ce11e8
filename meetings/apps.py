from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from involvement import home_panels
        from involvement.models import StaffRole

        from .homes import claims_at_risk_panel

        home_panels.register(
            template="meetings/homes/_claims_at_risk.html",
            roles={StaffRole.Role.COORDINATOR, StaffRole.Role.ORG_ADMIN},
            build=claims_at_risk_panel,
        )
