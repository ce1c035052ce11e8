"""The payment policy pages: the organisation's admin sets mileage, receipts,
caps, payroll, the prompt-payment target, benefits advice and the payment
rules per role level and kind of meeting."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from expenses import permissions
from involvement import permissions as core
from involvement.views.flow import confirm, submit

from ..forms.policy import PaymentRuleForm, PolicyForm
from ..models import PaymentRule
from ..services import policy as services

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


@login_required
@require_safe
def policy_index(request):
    organisations = list(permissions.organisations_editing_policy(request.user))
    if not organisations:
        raise PermissionDenied
    if len(organisations) == 1:
        return redirect("payment-policy", pk=organisations[0].pk)
    return render(request, "expenses/policy/index.html", {"organisations": organisations})


def _policy_url(organisation) -> str:
    return reverse("payment-policy", kwargs={"pk": organisation.pk})


def _crumbs(organisation):
    return [("Payment policy", _policy_url(organisation))]


@login_required
@GET_POST
def payment_policy(request, pk):
    organisation = permissions.access_payment_policy_organisation(user=request.user, pk=pk)
    policy = services.policy_for(organisation)
    initial = {name: getattr(policy, name) for name in services.POLICY_FIELDS}
    form = PolicyForm(request.POST if request.method == "POST" else None, initial=initial)
    if done := submit(
        request,
        form,
        lambda data: services.policy_update(
            organisation=organisation, updated_by=request.user, **data
        ),
        message="The payment policy has been saved.",
        next=_policy_url(organisation),
    ):
        return done
    rules = list(policy.rules.all()) if policy.pk else []
    context = {"organisation": organisation, "policy": policy, "form": form, "rules": rules}
    return render(request, "expenses/policy/edit.html", context)


def _rule_form_page(request, organisation, policy, rule=None):
    initial = {name: getattr(rule, name) for name in services.RULE_FIELDS} if rule else {}
    form = PaymentRuleForm(request.POST if request.method == "POST" else None, initial=initial)
    if done := submit(
        request,
        form,
        lambda data: services.payment_rule_save(policy=policy, rule=rule, **data),
        message="The payment rule has been saved.",
        next=_policy_url(organisation),
    ):
        return done
    context = {
        "organisation": organisation,
        "form": form,
        "rule": rule,
        "breadcrumbs": _crumbs(organisation),
    }
    return render(request, "expenses/policy/rule.html", context)


@login_required
@GET_POST
def payment_rule_add(request, pk):
    organisation = permissions.access_payment_policy_organisation(user=request.user, pk=pk)
    return _rule_form_page(request, organisation, services.policy_for(organisation))


def _rule(request, pk):
    rule = core.get_or_404(
        PaymentRule.objects.select_related("policy__organisation").filter(
            policy__organisation__in=core.organisations_visible_to(request.user)
        ),
        pk=pk,
    )
    permissions.access_payment_policy_organisation(
        user=request.user, pk=rule.policy.organisation_id
    )
    return rule


@login_required
@GET_POST
def payment_rule_edit(request, pk):
    rule = _rule(request, pk)
    return _rule_form_page(request, rule.policy.organisation, rule.policy, rule)


@login_required
@GET_POST
def payment_rule_delete(request, pk):
    rule = _rule(request, pk)
    organisation = rule.policy.organisation
    return confirm(
        request,
        lambda: services.payment_rule_delete(rule=rule),
        message="The payment rule has been removed.",
        next=_policy_url(organisation),
        page={
            "caption": organisation.name,
            "heading": "Are you sure you want to remove this payment rule?",
            "lines": [
                f"The policy will no longer have a rule for “{rule.get_role_level_display()}” "
                f"at “{rule.get_activity_display()}”.",
                "You can add a rule for them again later.",
            ],
            "button": "Yes, remove the rule",
            "back_url": reverse("payment-rule-edit", kwargs={"pk": rule.pk}),
            "back_text": "No, go back to the rule",
            "breadcrumbs": _crumbs(organisation),
        },
    )
