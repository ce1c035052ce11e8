"""The public "You said, we did" board of a group: no login. It shows only
points the coordinator put on it, in the public wording they approved, with
their published answers; nothing names a member. The same in a newsletter
PDF for a period (standard and large print), an Atom feed and a CSV."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from involvement.csv_export import csv_writer
from involvement.models import Group
from involvement.permissions import get_or_404
from involvement.views.pages import pdf_response, wants_large_print

from ..forms.feedback import BoardFilterForm
from ..pdf import newsletter_filename, render_newsletter_pdf
from ..selectors import feedback as selectors

PER_PAGE = 20


def _group(pk) -> Group:
    return get_or_404(Group.objects.select_related("organisation"), pk=pk)


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    end_month = first_month + 2
    next_month = datetime.date(day.year + end_month // 12, end_month % 12 + 1, 1)
    return start, next_month - datetime.timedelta(days=1)


def newsletter_periods(today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    """The periods the board offers a newsletter for: this quarter, the last
    one, and this year and last year."""
    this_start, this_end = quarter_of(today)
    last_start, last_end = quarter_of(this_start - datetime.timedelta(days=1))
    return [
        ("This quarter", this_start, this_end),
        ("Last quarter", last_start, last_end),
        (str(today.year), datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)),
        (
            str(today.year - 1),
            datetime.date(today.year - 1, 1, 1),
            datetime.date(today.year - 1, 12, 31),
        ),
    ]


@require_safe
def board(request, pk):
    group = _group(pk)
    choices = selectors.board_choices(group=group)
    form = BoardFilterForm(request.GET or None, themes=choices["themes"], years=choices["years"])
    filters = selectors.BoardFilters()
    if form.is_valid():
        filters = selectors.BoardFilters(
            theme=form.cleaned_data["theme"],
            status=form.cleaned_data["status"] or "",
            year=form.cleaned_data["year"],
        )
    page = Paginator(selectors.board_items(group=group, filters=filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "group": group,
        "page": page,
        "filter_form": form,
        "filtered": filters != selectors.BoardFilters(),
        "query": query.urlencode(),
        "periods": newsletter_periods(timezone.localdate()),
    }
    return render(request, "workplans/board/board.html", context)


def _period(request) -> tuple[datetime.date, datetime.date]:
    """The period asked for (?from=2026-01-01&to=2026-03-31), or this quarter."""
    try:
        start = datetime.date.fromisoformat(request.GET.get("from", ""))
        end = datetime.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        return quarter_of(timezone.localdate())
    if end < start or (end - start).days > 2 * 366:
        return quarter_of(timezone.localdate())
    return start, end


@require_safe
def board_newsletter(request, pk):
    group = _group(pk)
    start, end = _period(request)
    large_print = wants_large_print(request)
    content = render_newsletter_pdf(group=group, start=start, end=end, large_print=large_print)
    return pdf_response(
        content, newsletter_filename(group=group, start=start, end=end, large_print=large_print)
    )


@require_safe
def board_csv(request, pk):
    group = _group(pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="you-said-we-did-{slugify(group.name)[:50]}.csv"'
    )
    writer = csv_writer(response)
    writer.writerow(
        [
            "Point",
            "Date said",
            "Where it was said",
            "Theme",
            "You said",
            "Status",
            "Went to",
            "Answer date",
            "Answer status",
            "What happened",
            "Reason",
        ]
    )
    for item in selectors.board_items(group=group):
        went_to = item.body.name if item.body else ""
        common = [
            item.pk,
            item.said_on.isoformat(),
            item.get_source_display(),
            item.theme.name if item.theme else "",
            item.public_text,
            item.get_status_display(),
            went_to,
        ]
        if not item.published:
            writer.writerow([*common, "", "", "", ""])
        for answer in item.published:
            writer.writerow(
                [
                    *common,
                    timezone.localtime(answer.published_at).date().isoformat(),
                    answer.get_status_display(),
                    answer.what_happened,
                    answer.reason,
                ]
            )
    return response


class BoardFeed(Feed):
    """The latest published answers on a group's board, as an Atom feed."""

    feed_type = Atom1Feed

    def get_object(self, request, pk):
        return _group(pk)

    def title(self, group):
        return f"You said, we did: {group.name}"

    def subtitle(self, group):
        return (
            f"What {group.organisation.name} has done about what members of {group.name} said, "
            "what it has not done, and why."
        )

    def link(self, group):
        return reverse("board", args=[group.pk])

    def items(self, group):
        return selectors.board_feed_responses(group=group)

    def item_title(self, answer):
        return f"{answer.get_status_display()}: {answer.item.public_text[:80]}"

    def item_description(self, answer):
        # Atom carries the description as HTML (type="html"): typed text is
        # escaped here, so a reader shows it as text (the XML escapes it again).
        parts = [
            format_html("<p>You said: {}</p>", answer.item.public_text),
            format_html(
                "<p>We did ({}): {}</p>", answer.get_status_display(), answer.what_happened
            ),
        ]
        if answer.reason:
            parts.append(format_html("<p>Why: {}</p>", answer.reason))
        return "".join(parts)

    def item_link(self, answer):
        return reverse("board", args=[answer.item.group_id]) + f"#point-{answer.item_id}"

    def item_guid(self, answer):
        return f"you-said-we-did-answer-{answer.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, answer):
        return answer.published_at

    def item_updateddate(self, answer):
        return answer.published_at

    def item_categories(self, answer):
        return [answer.item.theme.name] if answer.item.theme else []
