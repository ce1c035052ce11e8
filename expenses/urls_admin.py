"""Expenses, staff side: approving claims, paying them, prompt-payment
figures and budgets."""

from django.urls import path

from .views import approval, budget, payments

urlpatterns = [
    path("expenses/approval/", approval.approval_queue, name="approval-queue"),
    path("expenses/approval/<int:pk>/", approval.approval_claim, name="approval-claim"),
    path(
        "expenses/approval/receipts/<int:pk>/",
        approval.approval_receipt,
        name="approval-receipt",
    ),
    path("expenses/payments/", payments.payment_list, name="payment-list"),
    path("expenses/payments/runs/", payments.payment_run_list, name="payment-run-list"),
    path(
        "expenses/payments/runs/<int:pk>/",
        payments.payment_run_detail,
        name="payment-run-detail",
    ),
    path(
        "expenses/payments/runs/<int:pk>/expenses.csv",
        payments.payment_run_csv,
        name="payment-run-csv",
    ),
    path(
        "expenses/payments/runs/<int:pk>/payroll.csv",
        payments.payment_run_payroll_csv,
        name="payment-run-payroll-csv",
    ),
    path("expenses/prompt-payment/", budget.prompt_payment, name="prompt-payment"),
    path("expenses/budgets/", budget.budget_overview, name="budget-overview"),
    path("expenses/budgets/set/", budget.budget_set, name="budget-set"),
]
