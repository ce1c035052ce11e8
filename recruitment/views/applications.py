"""The applicant's journey: start (or go back to) an application, one
question per page, check your answers, send, a confirmation that says what
happens next and when, and "My applications"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement import permissions as core
from involvement.errors import ApplicationError
from involvement.services import people as people_services
from involvement.views.flow import act, submit
from recruitment import permissions

from ..forms.applications import (
    AnswerForm,
    AvailabilityForm,
    ContactForm,
    DiversityForm,
    HeardViaForm,
    SupportForm,
)
from ..models import Application
from ..selectors import applications as selectors
from ..selectors import vacancies as vacancy_selectors
from ..services import applications as services
from ..services.vacancies import vacancy_is_accepting
from .common import form_data

SAVE_AND_EXIT = "save_and_exit"
DETAIL_STEPS = ["availability", "support", "heard", "contact", "diversity"]


def _my_crumbs(*extra):
    return [("Home", reverse("home")), ("My applications", reverse("my-applications")), *extra]


def _steps(application: Application, count: int) -> list[str]:
    """The page addresses of the journey, in order."""
    pk = application.pk
    urls = [reverse("application-question", args=[pk, number]) for number in range(1, count + 1)]
    urls += [reverse(f"application-{step}", args=[pk]) for step in DETAIL_STEPS]
    urls.append(reverse("application-check", args=[pk]))
    return urls


def _saved_message(request, application) -> str:
    """On "save and come back later", until when they can come back."""
    if SAVE_AND_EXIT not in request.POST:
        return ""
    return (
        "Your answers have been saved. You can come back to your application at any time "
        f"before {application.vacancy.closes_on:%-d %B %Y}."
    )


def _next_page(request, application, current_url: str, count: int) -> str:
    """Where to go after a page is saved: back to "check your answers" when
    they came from there, out to My applications on "save and come back later",
    else the next page."""
    if SAVE_AND_EXIT in request.POST:
        return reverse("my-applications")
    if request.GET.get("from") == "check":
        return reverse("application-check", args=[application.pk])
    steps = _steps(application, count)
    index = steps.index(current_url) if current_url in steps else -1
    return steps[min(index + 1, len(steps) - 1)]


def _save_page(request, application, form, save, *, current_url: str, count: int):
    """Save one page of the journey and go on. If the application cannot be
    changed any more (sent meanwhile, or the vacancy closed), say so on its page."""
    return submit(
        request,
        form,
        save,
        message=lambda _: _saved_message(request, application),
        next=lambda _: _next_page(request, application, current_url, count),
        refused_next=reverse("application-detail", args=[application.pk]),
    )


def _draft(request, pk):
    """The applicant's own application, still being written; else send them
    to where they can see it."""
    application = permissions.access_own_application(user=request.user, pk=pk)
    if application.status != Application.Status.DRAFT:
        return application, redirect("application-detail", pk=application.pk)
    if not vacancy_is_accepting(application.vacancy):
        messages.error(request, services.closed_message(application.vacancy))
        return application, redirect("application-detail", pk=application.pk)
    return application, None


def _page_context(request, application, *, count, current_url, **extra):
    steps = _steps(application, count)
    index = steps.index(current_url) if current_url in steps else 0
    back = (
        steps[index - 1]
        if index > 0
        else reverse("public-vacancy", args=[application.vacancy.public_id])
    )
    if request.GET.get("from") == "check":
        back = reverse("application-check", args=[application.pk])
    return {
        "application": application,
        "vacancy": application.vacancy,
        "back_url": back,
        "step_number": index + 1,
        "step_total": len(steps) - 1,
        "from_check": request.GET.get("from") == "check",
        **extra,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_start(request, public_id):
    vacancy = vacancy_selectors.public_vacancy_get(public_id=public_id)
    person = core.person_of(request.user)
    existing = vacancy.applications.filter(person=person).first() if person else None
    if existing is not None:
        if existing.status == Application.Status.DRAFT:
            messages.info(request, "You have already started this application. Carry on below.")
            return redirect("application-check", pk=existing.pk)
        messages.info(request, "You have already applied for this vacancy.")
        return redirect("application-detail", pk=existing.pk)
    refusal = ""
    try:
        services.check_can_apply(vacancy=vacancy, person=person)
    except ApplicationError as error:
        refusal = error.message
    if request.method == "POST" and not refusal:
        try:
            application, _created = services.application_start(vacancy=vacancy, user=request.user)
        except ApplicationError as error:
            refusal = error.message
        else:
            return redirect("application-question", pk=application.pk, number=1)
    context = {
        "vacancy": vacancy,
        "role": vacancy.role_description,
        "question_count": vacancy.role_description.criteria.count(),
        "refusal": refusal,
        "breadcrumbs": [(vacancy.title, reverse("public-vacancy", args=[vacancy.public_id]))],
    }
    return render(request, "recruitment/applications/start.html", context, status=200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_question(request, pk, number):
    application, elsewhere = _draft(request, pk)
    if elsewhere:
        return elsewhere
    questions = selectors.application_questions(application=application)
    if not 1 <= number <= len(questions):
        raise Http404("No such question")
    criterion, answer = questions[number - 1]
    form = AnswerForm(form_data(request), criterion=criterion, initial={"text": answer})
    current = reverse("application-question", args=[pk, number])
    if SAVE_AND_EXIT in request.POST and not request.POST.get("text", "").strip():
        # Nothing to keep: straight out, with when they can come back by.
        messages.success(request, _saved_message(request, application))
        return redirect("my-applications")
    if done := _save_page(
        request,
        application,
        form,
        lambda data: services.application_save_answer(
            application=application, criterion=criterion, text=data["text"]
        ),
        current_url=current,
        count=len(questions),
    ):
        return done
    context = _page_context(
        request,
        application,
        count=len(questions),
        current_url=current,
        form=form,
        criterion=criterion,
        number=number,
        question_count=len(questions),
    )
    return render(request, "recruitment/applications/question.html", context)


def _detail_step(request, pk, *, step, form_class, heading, save, form_kwargs=None, initial=None):
    application, elsewhere = _draft(request, pk)
    if elsewhere:
        return elsewhere
    count = application.vacancy.role_description.criteria.count()
    form = form_class(form_data(request), initial=initial(application), **(form_kwargs or {}))
    current = reverse(f"application-{step}", args=[pk])
    if done := _save_page(
        request,
        application,
        form,
        lambda data: save(application, form),
        current_url=current,
        count=count,
    ):
        return done
    context = _page_context(
        request, application, count=count, current_url=current, form=form, heading=heading
    )
    return render(request, "recruitment/applications/step.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_availability(request, pk):
    return _detail_step(
        request,
        pk,
        step="availability",
        form_class=AvailabilityForm,
        heading="When you are free",
        initial=lambda a: {"availability": a.availability},
        save=lambda a, form: services.application_save_details(
            application=a, availability=form.cleaned_data["availability"]
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_support(request, pk):
    return _detail_step(
        request,
        pk,
        step="support",
        form_class=SupportForm,
        heading="Help to take part",
        initial=lambda a: {"support_needed": a.support_needed},
        save=lambda a, form: services.application_save_details(
            application=a, support_needed=form.cleaned_data["support_needed"]
        ),
    )


def _heard_initial(application):
    if application.heard_via_id:
        return {"heard_via": str(application.heard_via_id)}
    if application.heard_via_other:
        return {"heard_via": "other", "heard_via_other": application.heard_via_other}
    return {}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_heard(request, pk):
    application = permissions.access_own_application(user=request.user, pk=pk)
    return _detail_step(
        request,
        pk,
        step="heard",
        form_class=HeardViaForm,
        heading="Where you heard about us",
        form_kwargs={"organisation": application.vacancy.role_description.organisation},
        initial=_heard_initial,
        save=lambda a, form: services.application_save_details(
            application=a,
            heard_via=form.channel(),
            heard_via_other="" if form.channel() else form.cleaned_data["heard_via_other"],
        ),
    )


CONTACT_FIELDS = (
    "contact_channel",
    "email",
    "phone",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "large_print",
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_contact(request, pk):
    application, elsewhere = _draft(request, pk)
    if elsewhere:
        return elsewhere
    person = application.person
    count = application.vacancy.role_description.criteria.count()
    form = ContactForm(form_data(request), instance=person)
    current = reverse("application-contact", args=[pk])
    if done := _save_page(
        request,
        application,
        form,
        lambda data: services.application_save_contact(
            application=application, **{name: data[name] for name in CONTACT_FIELDS}
        ),
        current_url=current,
        count=count,
    ):
        return done
    if form.is_bound:
        person.refresh_from_db()  # the form wrote what was typed onto it
    context = _page_context(request, application, count=count, current_url=current, form=form)
    return render(request, "recruitment/applications/contact.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_diversity(request, pk):
    application, elsewhere = _draft(request, pk)
    if elsewhere:
        return elsewhere
    person = application.person
    count = application.vacancy.role_description.criteria.count()
    consent = people_services.diversity_consent_current(person=person)
    profile = getattr(person, "diversity", None) if consent else None
    initial = {}
    if profile is not None:
        initial.update({name: getattr(profile, name) for name in people_services.DIVERSITY_FIELDS})
    form = DiversityForm(
        form_data(request),
        initial=initial,
        wording=services.APPLICANT_DIVERSITY_CONSENT_WORDING,
        localities=application.vacancy.role_description.organisation.localities or [],
        ask_consent=consent is None,
    )
    current = reverse("application-diversity", args=[pk])
    if done := _save_page(
        request,
        application,
        form,
        lambda data: services.application_save_diversity(
            application=application, consent_given=form.consent_given(), answers=form.answers()
        ),
        current_url=current,
        count=count,
    ):
        return done
    context = _page_context(
        request, application, count=count, current_url=current, form=form, consent=consent
    )
    return render(request, "recruitment/applications/diversity.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_check(request, pk):
    application, elsewhere = _draft(request, pk)
    if elsewhere:
        return elsewhere
    questions = selectors.application_questions(application=application)
    missing = services.missing_parts(application, [c for c, _ in questions])
    errors = {}
    if request.method == "POST":
        try:
            services.application_submit(application=application)
        except ValidationError as error:
            errors = error.message_dict
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("application-detail", pk=application.pk)
        else:
            return redirect("application-submitted", pk=application.pk)
    application = selectors.application_with_answers(application=application)
    consent = people_services.diversity_consent_current(person=application.person)
    context = {
        "application": application,
        "vacancy": application.vacancy,
        "person": application.person,
        "questions": [
            (number, criterion, answer, f"answer_{criterion.pk}")
            for number, (criterion, answer) in enumerate(questions, start=1)
        ],
        "missing": missing,
        "submit_errors": [(key, message[0]) for key, message in errors.items()],
        "diversity": getattr(application.person, "diversity", None) if consent else None,
        "consent": consent,
        "back_url": reverse("application-diversity", args=[pk]),
    }
    return render(request, "recruitment/applications/check.html", context)


@login_required
@require_safe
def application_submitted(request, pk):
    application = permissions.access_own_application(user=request.user, pk=pk)
    if application.status == Application.Status.DRAFT:
        return redirect("application-check", pk=application.pk)
    context = {
        "application": application,
        "vacancy": application.vacancy,
        "decision_by": services.decision_expected_by(application.vacancy),
    }
    return render(request, "recruitment/applications/submitted.html", context)


@login_required
@require_safe
def application_detail(request, pk):
    application = permissions.access_own_application(user=request.user, pk=pk)
    application = selectors.application_with_answers(application=application)
    selectors.with_status_labels([application], applicant=True)
    context = {
        "application": application,
        "vacancy": application.vacancy,
        "questions": selectors.application_questions(application=application),
        "accepting": vacancy_is_accepting(application.vacancy),
        "decision_by": services.decision_expected_by(application.vacancy),
        "breadcrumbs": _my_crumbs(),
    }
    return render(request, "recruitment/applications/detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_withdraw(request, pk):
    """Confirm, then withdraw (it can be restored until the closing date)."""
    application = permissions.access_own_application(user=request.user, pk=pk)
    if request.method == "POST":
        return act(
            request,
            lambda: services.application_withdraw(application=application),
            message=f"Your application {application.reference} has been withdrawn.",
            next=reverse("application-detail", args=[application.pk]),
            refused_next=reverse("application-detail", args=[application.pk]),
        )
    context = {
        "application": application,
        "vacancy": application.vacancy,
        "breadcrumbs": _my_crumbs(),
    }
    return render(request, "recruitment/applications/withdraw.html", context)


@login_required
@require_POST
def application_restore(request, pk):
    application = permissions.access_own_application(user=request.user, pk=pk)
    return act(
        request,
        lambda: services.application_restore(application=application),
        message=f"Your application {application.reference} has been restored.",
        next=reverse("application-detail", args=[application.pk]),
    )


@login_required
@require_safe
def my_applications(request):
    applications = selectors.with_status_labels(
        list(selectors.my_applications(user=request.user)), applicant=True
    )
    context = {
        "applications": applications,
        "open_vacancies": vacancy_selectors.public_vacancy_list().exists(),
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "recruitment/applications/mine.html", context)
