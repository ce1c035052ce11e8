"""A curious reviewer cannot join a name to a reference (issue 9, part 1).

Blind review is the product's answer to the fairness question, so it must
hold against a reviewer who reads every page they can reach, not only
against a casual one. On the demo data of both organisations, each reviewer
below collects every page they can reach from their home page and every
response of the reviewers' API, names someone they "know" on the conflicts
page when they are offered it (choosing, as the worst case, an applicant on
their own list), starts scoring, and collects everything again, opening every
address seen before as well. Then:

1. no response shows an applicant's name (full or preferred) together with a
   reference or a handle a scoring page uses;
2. no opaque identifier on a page that shows names appears on a page that
   shows references (the join the issue found: option values on the
   conflicts page were the ids in the scoring pages' links);
3. no application's database id appears in any response;
4. no reference the reviewer could score before naming someone leaves their
   list after it (otherwise the reference that left is the name declared).

Application ids are made eight digits long before the demo is seeded, so an
id found on a page cannot be a coincidence with another small number.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import URLResolver, reverse

from involvement.models import User
from recruitment import api_scoring, demo_decided, demo_scoring
from recruitment.handles import conflict_token, review_handle
from recruitment.models import Application, PanelMember, Vacancy
from recruitment.services.scoring import reviews_assign
from recruitment.services.vacancies import panel_member_add

pytestmark = pytest.mark.django_db

FIRST_APPLICATION_ID = 10_000_000
PAGE_LIMIT = 400  # per crawl: far more than a reviewer can reach today
SKIP = ("/static/", "/media/", "/admin/", "/accounts/logout/", "/__debug__/")
ID_ATTRIBUTES = {
    "href",
    "action",
    "name",
    "id",
    "value",
    "for",
    "aria-describedby",
    "aria-controls",
    "aria-labelledby",
}


class _Parsed(HTMLParser):
    """Links, forms (with their fields and select options) and every
    identifier-bearing attribute value of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self.identifiers: list[str] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if value and (name in ID_ATTRIBUTES or name.startswith("data-")):
                self.identifiers.append(value)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self._form = {
                "action": attributes.get("action") or "",
                "method": (attributes.get("method") or "get").lower(),
                "textareas": [],
                "selects": {},
                "buttons": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and tag == "textarea":
            self._form["textareas"].append(attributes.get("name"))
        elif self._form is not None and tag == "select":
            self._select = attributes.get("name")
            self._form["selects"][self._select] = []
        elif self._select is not None and tag == "option":
            self._option = {"value": attributes.get("value", ""), "label": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["label"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._form["selects"][self._select].append(
                (self._option["value"], self._option["label"].strip())
            )
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


@dataclass
class Seen:
    """One response the reviewer got."""

    method: str
    url: str
    status: int
    text: str = ""  # unescaped, for looking for names and references
    identifiers: set[str] = field(default_factory=set)  # tokens from ids, links, form values
    parsed: _Parsed | None = None
    data: object = None  # the JSON body, for API responses


def _tokens(value: str) -> set[str]:
    return set(re.findall(r"[A-Za-z0-9]+", value))


def _record(method: str, url: str, response) -> Seen:
    seen = Seen(method, url, response.status_code)
    seen.identifiers |= _tokens(url)
    content_type = response.get("Content-Type", "")
    if "json" in content_type:
        seen.data = json.loads(response.content or b"null")
        seen.text = json.dumps(seen.data, ensure_ascii=False)

        def walk(value):
            if isinstance(value, dict):
                for key, inner in value.items():
                    seen.identifiers.update(_tokens(str(key)))
                    walk(inner)
            elif isinstance(value, list):
                for inner in value:
                    walk(inner)
            elif value is not None:
                seen.identifiers.update(_tokens(str(value)))

        walk(seen.data)
    elif content_type.startswith("text/"):
        body = response.content.decode()
        seen.text = html.unescape(body)
        if "html" in content_type:
            seen.parsed = _Parsed()
            seen.parsed.feed(body)
            for value in seen.parsed.identifiers:
                seen.identifiers |= _tokens(value)
    return seen


def _local(base: str, href: str) -> str | None:
    """A same-site address to follow, without its fragment; None for others."""
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path
    if not path.startswith("/") or path.startswith(SKIP) or path.endswith(".pdf"):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _crawl(client, start: list[str], log: list[Seen]) -> list[str]:
    """Every page reachable from `start` by links and redirects; returns the addresses."""
    queue, visited = deque(start), []
    while queue and len(visited) < PAGE_LIMIT:
        url = queue.popleft()
        if url in visited:
            continue
        visited.append(url)
        response = client.get(url)
        seen = _record("GET", url, response)
        log.append(seen)
        if response.status_code in (301, 302, 303, 307, 308):
            target = _local(url, response["Location"])
            if target:
                queue.append(target)
        elif seen.parsed is not None:
            queue.extend(t for href in seen.parsed.links if (t := _local(url, href)))
    assert len(visited) < PAGE_LIMIT, "the crawl did not finish: raise PAGE_LIMIT"
    return visited


def _recruitment_addresses(vacancies: list[Vacancy]) -> list[str]:
    """Every recruitment page a curious reviewer could type in for their
    vacancies: each pattern taking no argument, or only a `pk` (given each of
    their vacancies' ids), whether or not a link leads there."""
    from recruitment import urls

    def patterns(entries):
        for entry in entries:
            if isinstance(entry, URLResolver):
                yield from patterns(entry.url_patterns)
            else:
                yield entry

    found = []
    for pattern in patterns(urls.urlpatterns):
        arguments = set(pattern.pattern.converters)
        if not arguments:
            found.append(reverse(pattern.name))
        elif arguments == {"pk"}:
            found += [reverse(pattern.name, kwargs={"pk": v.pk}) for v in vacancies]
    return found


def _call_the_api(client, vacancies: list[Vacancy], log: list[Seen]) -> dict[int, set[str]]:
    """Every URL pattern of the reviewers' API, for each vacancy: GET each, and
    POST scores without reasons for every application listed (a 400 naming
    each field) and for a made-up handle. Returns the references listed."""
    listed: dict[int, set[str]] = {}
    for vacancy in vacancies:
        for pattern in api_scoring.urlpatterns:
            url = reverse(pattern.name, kwargs={"pk": vacancy.pk})
            seen = _record("GET", url, client.get(url))
            log.append(seen)
            if pattern.name == "api-review-detail":
                body = seen.data if seen.status == 200 else {}
                applications = body.get("applications", [])
                listed[vacancy.pk] = {a["reference"] for a in applications}
                criteria = body.get("criteria") or [{"id": 0}]
                keys = [a.get("handle") or a.get("id") for a in applications]
            else:
                # Each listed application with a score but no reason (a 400 naming
                # each field), then one that is not the reviewer's (a 404).
                for batch in ([key for key in keys if key], ["0123456789abcdef"]):
                    payload = {
                        "criterion": criteria[0]["id"],
                        "scores": [{"application": k, "score": 1, "rationale": ""} for k in batch],
                    }
                    response = client.post(url, payload, content_type="application/json")
                    log.append(_record("POST", url, response))
    return listed


def _declare_and_start(client, log: list[Seen], applicants: dict[str, Application], mine):
    """On every page offering a choice of applicants by name: name one (an
    applicant on the reviewer's own list if there is one: the worst case),
    then press the page's other buttons (start scoring)."""
    for seen in list(log):
        if seen.parsed is None or seen.status != 200:
            continue
        for form in seen.parsed.forms:
            options = [
                (select, value, applicants[name])
                for select, choices in form["selects"].items()
                for value, label in choices
                for name in applicants
                if name in label
            ]
            if not options or form["method"] != "post":
                continue
            options.sort(key=lambda option: option[2].pk not in mine)
            select, value, _application = options[0]
            data = {select: value, **dict.fromkeys(form["textareas"], "A neighbour")}
            action = urljoin(seen.url, form["action"]) if form["action"] else seen.url
            response = client.post(action, data, follow=True)
            log.append(_record("POST", action, response))
            for other in seen.parsed.forms:
                if other is form or other["method"] != "post" or not other["action"]:
                    continue
                action = _local(seen.url, other["action"])  # never the sign-out button
                if action:
                    response = client.post(action, {}, follow=True)
                    log.append(_record("POST", action, response))
            return


def _raise_application_ids():
    """Make new application ids eight digits long (see the module's docstring)."""
    table = Application._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
            if cursor.fetchone()[0] < FIRST_APPLICATION_ID:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                    [table, FIRST_APPLICATION_ID],
                )
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                [table, FIRST_APPLICATION_ID],
            )


@pytest.fixture
def demo():
    _raise_application_ids()
    call_command("seed_demo")
    assert Application.objects.order_by("pk").first().pk > FIRST_APPLICATION_ID
    # A service user (a member of the Fellside group) also sits on the Fellside
    # panel: they can reach the member pages as well.
    fellside = Vacancy.objects.get(title=demo_scoring.VACANCY_TITLE)
    panel_member_add(vacancy=fellside, user=User.objects.get(email="member@fellside.example"))
    reviews_assign(vacancy=fellside)


def _walk(client, user) -> tuple[list[Seen], dict, dict]:
    places = list(PanelMember.objects.filter(user=user).select_related("vacancy"))
    assert places, f"{user} sits on no panel"
    vacancies = [place.vacancy for place in places]
    applications = list(Application.objects.filter(vacancy__in=vacancies).select_related("person"))
    applicants = {a.person.full_name: a for a in applications if a.person}
    mine = set(
        Application.objects.filter(review_assignments__panel_member__in=places).values_list(
            "pk", flat=True
        )
    )
    client.force_login(user)
    log: list[Seen] = []
    start = ["/", *_recruitment_addresses(vacancies)]
    before = _crawl(client, start, log)
    listed_before = _call_the_api(client, vacancies, log)
    _declare_and_start(client, log, applicants, mine)
    _crawl(client, [*start, *before], log)
    listed_after = _call_the_api(client, vacancies, log)
    return log, listed_before, listed_after


def _secrets(user):
    """What would identify an applicant, and what names one, for this reviewer."""
    places = list(PanelMember.objects.filter(user=user))
    applications = list(
        Application.objects.filter(vacancy__panel__in=places).select_related("person").distinct()
    )
    names = set()
    for application in applications:
        if application.person:
            names.add(application.person.full_name)
            if application.person.preferred_name:
                names.add(application.person.preferred_name)
    references = {a.reference for a in applications}
    handles = {
        review_handle(p, a.pk) for p in places for a in applications if a.vacancy_id == p.vacancy_id
    }
    tokens = {
        conflict_token(p, a.pk)
        for p in places
        for a in applications
        if a.vacancy_id == p.vacancy_id
    }
    ids = {str(a.pk) for a in applications}
    return names, references, handles, tokens, ids


def _found(words: set[str], text: str) -> set[str]:
    return {w for w in words if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)}


REVIEWERS = [
    # (login, sees applicants' names during the walk)
    # Fellside: has yet to name the applicants they know.
    (demo_scoring.DEMO_PANEL_LOGIN, True),
    # Riverbank: scored a round that is now decided; names are no longer offered.
    (demo_decided.PANEL_USERS[0][0], False),
    # A service user on the Fellside panel, who can reach the member pages too.
    ("member@fellside.example", True),
]


def test_a_curious_reviewer_cannot_join_a_name_to_a_reference(demo, client, subtests):
    for email, sees_names in REVIEWERS:
        with subtests.test(reviewer=email):
            _check_reviewer(client, User.objects.get(email=email), sees_names)


def _check_reviewer(client, user, sees_names):
    log, listed_before, listed_after = _walk(client, user)
    names, references, handles, tokens, ids = _secrets(user)
    assert names and references

    name_pages = [s for s in log if _found(names, s.text)]
    score_pages = [s for s in log if _found(references | handles, s.text)]

    # 1. No response shows a name together with a reference or a handle.
    together = [
        f"{s.method} {s.url}: {sorted(_found(names, s.text))} with "
        f"{sorted(_found(references | handles, s.text))}"
        for s in log
        if _found(names, s.text) and _found(references | handles, s.text)
    ]
    assert not together, "\n".join(together)

    # 2. No opaque identifier joins a page with names to a page with references.
    html_pages = [s for s in log if s.parsed is not None and s.status == 200]
    chrome = set.intersection(*(s.identifiers for s in html_pages))
    opaque = {t for t in set().union(*(s.identifiers for s in name_pages)) if len(t) >= 8}
    opaque = {t for t in opaque if any(c.isdigit() for c in t)} - chrome
    joined = {
        token: [s.url for s in score_pages if token in s.identifiers]
        for token in opaque
        if any(token in s.identifiers for s in score_pages)
    }
    assert not joined, f"identifiers on both a names page and a scoring page: {joined}"
    assert not tokens & set().union(*(s.identifiers for s in score_pages))

    # 3. No application's database id, anywhere.
    shown = {
        f"{s.method} {s.url}": sorted(ids & _tokens(s.text + " " + s.url))
        for s in log
        if ids & _tokens(s.text + " " + s.url)
    }
    assert not shown, f"application ids shown to a reviewer: {shown}"

    # 4. Naming someone took nothing the reviewer had seen off their list.
    for vacancy_pk, before in listed_before.items():
        assert before <= listed_after[vacancy_pk], (
            f"{sorted(before - listed_after[vacancy_pk])} left the reviewer's list after "
            "they named an applicant they know"
        )

    # The walk saw what it had to (checked last, so that a leak is reported
    # first): the names on the conflicts page, the references and handles on
    # the scoring pages and in the API, and the API's refusal naming fields.
    assert bool(name_pages) == sees_names
    assert score_pages, "the walk never reached a scoring page"
    assert all(listed_after.values()), "the reviewer has nothing to score after the walk"
    assert any(s.status == 400 and s.url.endswith("/scores/") for s in log), "no API refusal"
