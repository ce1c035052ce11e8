from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "expenses"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # When two records of one person are merged, these move to the one kept
        # (involvement.person_merge).
        from involvement import person_merge

        person_merge.register(
            relation="expenses.PaymentPreference.person", rule=person_merge.KEEP_KEPT
        )
        person_merge.register(relation="expenses.ExpenseClaim.person", rule=person_merge.MOVE)

        from involvement import home_panels, personal_data
        from involvement.models import StaffRole

        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from . import permissions  # noqa: F401
        from .homes import claims_at_risk_panel, claims_to_approve_panel, claims_to_pay_panel
        from .personal_data import claims_of, erase

        # "Download your data" and erasure (involvement imports no app).
        personal_data.register_section(
            key="expenses.claims", title="Your expense claims and payments", collect=claims_of
        )
        personal_data.register_eraser(key="expenses", erase=erase)
        # Claims and receipts six years after their tax year (HMRC), by the
        # core's daily retention task.
        from .retention import claims_retention_apply

        personal_data.register_retention(key="expenses", apply=claims_retention_apply)

        # The kinds of message expenses sends, each looked at again as it goes.
        from .services import notices

        notices.register()
        home_panels.register(
            template="expenses/homes/_claims_at_risk.html",
            roles={StaffRole.Role.COORDINATOR, StaffRole.Role.ORG_ADMIN},
            build=claims_at_risk_panel,
        )
        home_panels.register(
            template="expenses/homes/_claims_to_approve.html",
            roles=permissions.EXPENSE_APPROVER_ROLES,
            build=claims_to_approve_panel,
        )
        home_panels.register(
            template="expenses/homes/_claims_to_pay.html",
            roles=permissions.EXPENSE_FINANCE_ROLES,
            build=claims_to_pay_panel,
        )
        # ... and in their weekly summary of what needs doing.
        from involvement import digest_sections

        from .homes import claims_at_risk_digest_section

        digest_sections.register("expenses.claims_at_risk", claims_at_risk_digest_section)
