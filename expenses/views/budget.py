"""Pages for prompt-payment figures and claims at risk, and for spend against
each group's budget (with setting a budget for a year)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from expenses import permissions
from involvement.models import Group
from involvement.views.flow import submit

from ..forms.budget import BudgetForm
from ..selectors import budget as budget_selectors
from ..selectors import prompt as prompt_selectors
from ..services import budget as services
from ..services.prompt import targets_by_organisation
from .payments import chosen_organisation

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


@login_required
@require_safe
def prompt_payment(request):
    if not permissions.can_use_expense_admin(request.user, permissions.EXPENSE_FIGURES_ROLES):
        raise PermissionDenied
    organisations = list(permissions.organisations_with_expense_figures(request.user))
    targets = targets_by_organisation([o.pk for o in organisations])
    context = {
        "months": prompt_selectors.prompt_figures(organisations=organisations),
        "steps": prompt_selectors.STEPS,
        "at_risk": prompt_selectors.claims_at_risk(organisations=organisations),
        "targets": [(o, targets[o.pk]) for o in organisations],
        # Each organisation's working days leave out its own nation's bank holidays.
        "nations": sorted({o.get_nation_display() for o in organisations}),
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "expenses/budget/prompt.html", context)


def _year(request) -> int:
    current = services.budget_year_start(timezone.localdate()).year
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return current


@login_required
@require_safe
def budget_overview(request):
    organisations = permissions.organisations_with_budgets(request.user)
    organisation = chosen_organisation(request, organisations, permissions.can_manage_budgets)
    year = _year(request)
    year_starting = services.budget_year_start(timezone.localdate()).replace(year=year)
    spends = budget_selectors.spend_by_group(organisation=organisation, year_starting=year_starting)
    months = budget_selectors.budget_months(year_starting)
    categories = budget_selectors.CATEGORIES
    context = {
        "organisation": organisation,
        "organisations": organisations if organisations.count() > 1 else [],
        "year": year,
        "spends": spends,
        "totals": budget_selectors.totals(spends),
        "months": months,
        "month_rows": [(s, [s.by_month.get(month) for month in months]) for s in spends],
        "category_rows": [(s, [s.by_category.get(key) for key, _ in categories]) for s in spends],
        "categories": categories,
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "expenses/budget/overview.html", context)


@login_required
@GET_POST
def budget_set(request):
    organisations = permissions.organisations_with_budgets(request.user)
    organisation = chosen_organisation(request, organisations, permissions.can_manage_budgets)
    current = services.budget_year_start(timezone.localdate()).year
    groups = Group.objects.filter(organisation=organisation).order_by("name")
    initial = {"year": request.GET.get("year") or current, "group": request.GET.get("group")}
    form = BudgetForm(
        request.POST or None,
        initial=initial,
        groups=groups,
        years=range(current - 1, current + 3),
    )

    def overview_url(_) -> str:
        url = reverse("budget-overview") + f"?year={form.cleaned_data['year']}"
        if organisations.count() > 1:
            url += f"&organisation={organisation.pk}"
        return url

    if done := submit(
        request,
        form,
        lambda data: services.budget_set(
            group=data["group"],
            year_starting=services.budget_year_start(timezone.localdate()).replace(
                year=data["year"]
            ),
            amount=data["amount"],
        ),
        message=lambda _: f"The budget for {form.cleaned_data['group'].name} has been saved.",
        next=overview_url,
    ):
        return done
    context = {
        "organisation": organisation,
        "form": form,
        "breadcrumbs": [("Home", reverse("home")), ("Budgets", reverse("budget-overview"))],
    }
    return render(request, "expenses/budget/form.html", context)
