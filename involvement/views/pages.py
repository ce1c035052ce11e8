from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_http_methods, require_safe

from .. import home_panels, permissions
from ..models import MINIMUM_REPRESENTATIVES, Membership, Organisation, StaffRole
from ..pdf import pdf_filename, render_pdf
from ..selectors import bodies as body_selectors
from ..selectors import homes as home_selectors
from ..services import api_tokens


def wants_large_print(request) -> bool:
    """?large_print=1 (or true, yes) asks for the large-print variant of a PDF."""
    return request.GET.get("large_print") in {"1", "true", "yes"}


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def home(request):
    """The landing page for visitors; for a signed-in person, a home page with
    a section for each role they hold (involvement.selectors.homes)."""
    if not request.user.is_authenticated:
        return render(request, "involvement/landing.html")
    roles = permissions.roles_by_organisation(request.user)
    labels = dict(StaffRole.Role.choices)
    role_rows = [
        (organisation.name, sorted(labels[role] for role in roles[organisation.id]))
        for organisation in Organisation.objects.filter(id__in=roles)
    ]
    sections = home_selectors.home_sections(user=request.user)
    # The organisations of the person's active memberships, from the ones the
    # member section has already read (no second query for the member panels).
    memberships = sections["member"].memberships if "member" in sections else None
    member_organisation_ids = (
        None
        if memberships is None
        else frozenset(
            m.group.organisation_id for m in memberships if m.status == Membership.Status.ACTIVE
        )
    )
    context = {
        "roles_by_organisation": roles,
        "role_rows": role_rows,
        "sections": sections,
        "panels": home_panels.panels_for(request.user),
        "member_panels": home_panels.panels_for(
            request.user,
            section=home_panels.MEMBER,
            member_organisation_ids=member_organisation_ids,
        ),
        "person_panels": home_panels.panels_for(request.user, section=home_panels.PERSON),
        "minimum": MINIMUM_REPRESENTATIVES,
        "flag_text": body_selectors.FLAG_TEXT,
    }
    return render(request, "involvement/home.html", context)


@require_safe
def privacy(request):
    return render(request, "involvement/privacy.html")


@require_safe
def privacy_pdf(request):
    large_print = wants_large_print(request)
    content = render_pdf(
        "involvement/pdf/privacy.html", large_print=large_print, title="How we use your information"
    )
    return pdf_response(content, pdf_filename("involve-privacy-notice", large_print=large_print))


@require_safe
def accessibility(request):
    return render(request, "involvement/accessibility.html")


@login_required
@require_safe
def account_settings(request):
    token = api_tokens.api_token_current(user=request.user)
    context = {
        "api_token": token,
        "api_token_expires_at": api_tokens.api_token_expires_at(token) if token else None,
    }
    return render(request, "involvement/account_settings.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_api_token_revoke(request):
    """Confirm, then stop the person's API token working."""
    if request.method == "POST":
        if api_tokens.api_token_revoke(user=request.user):
            messages.success(request, "API token revoked. It no longer works.")
        return redirect("account_settings")
    context = {"api_token": api_tokens.api_token_current(user=request.user)}
    return render(request, "involvement/account_api_token_revoke.html", context)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", request=request))
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        return HttpResponseServerError(
            "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"
        )
