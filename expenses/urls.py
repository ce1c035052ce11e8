"""Expenses, claimant side: your claims, a claim and its costs, receipts,
your choice about involvement payments, paper claims, and the payment policy.
The staff side (approval, payments, prompt payment, budgets) is urls_admin."""

from django.urls import include, path

from .views import claims, policy, receipts

urlpatterns = [
    path("claims/", claims.claim_list, name="claim-list"),
    path("claims/payments/", claims.payment_preference, name="payment-preference"),
    path("claims/paper/", claims.claim_paper_list, name="claim-paper-list"),
    path("claims/attended/<int:pk>/start/", claims.claim_start, name="claim-start"),
    path("claims/attended/<int:pk>/form.pdf", claims.claim_form_pdf, name="claim-form-pdf"),
    path("claims/<uuid:public_id>/", claims.claim_detail, name="claim-detail"),
    path("claims/<uuid:public_id>/check/", claims.claim_check, name="claim-check"),
    path("claims/<uuid:public_id>/sent/", claims.claim_sent, name="claim-sent"),
    path("claims/<uuid:public_id>/answer/", claims.claim_answer, name="claim-answer"),
    path("claims/lines/<int:pk>/remove/", claims.claim_line_remove, name="claim-line-remove"),
    path("claims/lines/<int:pk>/receipt/", claims.claim_line_receipt, name="claim-line-receipt"),
    path("claims/receipts/<int:pk>/", receipts.receipt_download, name="claim-receipt"),
    path("payment-policy/", policy.policy_index, name="payment-policy-index"),
    path("payment-policy/<int:pk>/", policy.payment_policy, name="payment-policy"),
    path("payment-policy/<int:pk>/rules/new/", policy.payment_rule_add, name="payment-rule-add"),
    path("payment-policy/rules/<int:pk>/edit/", policy.payment_rule_edit, name="payment-rule-edit"),
    path(
        "payment-policy/rules/<int:pk>/delete/",
        policy.payment_rule_delete,
        name="payment-rule-delete",
    ),
    path("", include("expenses.urls_admin")),
]
