"""Sending the access walk's requests (tests/test_access_walk.py).

Every request is sent as one role, inside a savepoint that is rolled back, so
the one world built for the whole walk is the same for every request; the
queries it ran show what it wrote. The second organisation's people in every
role are added to the world here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.views import APIView

from .headers import header_problems
from .rules import REFUSED, WALK_ROLES, Page

_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def add_other_organisation_people(world) -> None:
    """The second organisation's member (the person of `other_membership`)
    and one person in each staff role, as `other_member`, `other_finance`
    and so on (`other_org` is its coordinator already)."""
    from involvement.models import StaffRole
    from tests.factories import StaffRoleFactory, UserFactory

    if "other_member" in world.users:
        return
    other = world.other_organisation
    member = UserFactory(email="other-member@example.org")
    person = world.objects["other_membership"].person
    person.user = member
    person.save(update_fields=["user"])
    world.users["other_member"] = member
    for role in ("admin_support", "panel_member", "commissioner", "finance", "org_admin"):
        world.users[f"other_{role}"] = StaffRoleFactory(
            organisation=other,
            role=StaffRole.Role(role),
            user__email=f"other-{role.replace('_', '-')}@example.org",
        ).user


def module_walker(django_db_blocker, build):
    """A Walker over the world `build()` makes, for a module-scoped fixture:
    the world and every request run in one transaction, rolled back at the
    end of the module."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            world = build()
            add_other_organisation_people(world)
            yield Walker(world)
            transaction.set_rollback(True)


def is_api(pattern) -> bool:
    view = getattr(pattern.callback, "cls", None)
    return isinstance(view, type) and issubclass(view, APIView)


@dataclass
class Answer:
    status: int
    location: str
    writes: list[str]
    content: bytes
    headers: dict[str, str]  # case-insensitive (the response's own)


class Walker:
    """Sends requests as the world's roles; each is rolled back."""

    def __init__(self, world):
        self.world = world
        self.client = Client(raise_request_exception=False)
        self.sessions: dict[str, str | None] = {}
        for role in WALK_ROLES:
            user = world.user(role)
            if user is None:
                self.sessions[role] = None
                continue
            client = Client()
            client.force_login(user)
            self.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.login_paths = (reverse("account_login"), reverse("admin:login"))

    def send(self, role: str, method: str, url: str, body=None, *, api=False) -> Answer:
        # Rate limits (the API token's, allauth's) count requests in the cache.
        cache.clear()
        self.client.cookies = SimpleCookie()
        if self.sessions[role]:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        if method == "get":
            kwargs = {}
        elif api:
            kwargs = {"data": json.dumps(body) if body else "", "content_type": "application/json"}
        else:
            for value in (body or {}).values():
                if hasattr(value, "seek"):
                    value.seek(0)  # a file is read again for each request
            kwargs = {"data": body or {}}
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                response = getattr(self.client, method)(url, **kwargs)
            transaction.set_rollback(True)
        writes = [
            query["sql"]
            for query in queries.captured_queries
            if _WRITE.match(query["sql"]) and "django_session" not in query["sql"]
        ]
        content = b"" if getattr(response, "streaming", False) else response.content
        return Answer(
            response.status_code, response.get("Location", ""), writes, content, response.headers
        )

    def refused(self, expected: int, answer: Answer) -> bool:
        if expected in REFUSED:
            return True
        return expected == 302 and urlsplit(answer.location).path in self.login_paths

    def succeeded(self, expected: int, answer: Answer, *, api: bool) -> bool:
        """Did the request do what it asked (rather than show the form again,
        send the person elsewhere or refuse)?"""
        if api:
            return expected in (200, 201, 204)
        return expected in (302, 303) and not self.refused(expected, answer)

    def check(
        self,
        role: str,
        method: str,
        url: str,
        expected: int,
        *,
        body=None,
        valid: bool = False,
        api: bool = False,
    ) -> tuple[str | None, Answer]:
        """What is wrong with this request's answer (or None), and the answer."""
        answer = self.send(role, method, url, body, api=api)
        label = f"{method.upper()}{' (valid body)' if valid else ''} as {role}"
        wrong = []
        if answer.status != expected:
            said = page_errors(answer.content)
            wrong.append(
                f"got {answer.status}, expected {expected}"
                + (f" (page says: {said})" if said else "")
            )
        if self.refused(expected, answer) and answer.writes:
            shown = "; ".join(q[:100] for q in answer.writes[:2])
            more = f" (and {len(answer.writes) - 2} more)" if len(answer.writes) > 2 else ""
            wrong.append(f"refused but wrote: {shown}{more}")
        wrong.extend(
            header_problems(
                headers=answer.headers,
                content=answer.content,
                signed_in=self.sessions[role] is not None,
                api=api or urlsplit(url).path.startswith("/api/"),
            )
        )
        return (f"{label}: {', '.join(wrong)}" if wrong else None), answer

    def valid_body(self, page: Page, url: str, status: dict[str, int]) -> dict:
        """The form as the page shows it to the first role who may send it,
        with the page's own fields added; None values leave a field out."""
        shown: dict = {}
        shower = next(
            (
                role
                for role in WALK_ROLES
                if status[role] == 200 and page.post_valid_status()[role] not in REFUSED
            ),
            None,
        )
        if page.post is None and shower is not None:
            answer = self.send(shower, "get", url)
            shown = form_fields(answer.content.decode(), url)
        body = {**shown, **(page.form(self.world) if page.form else {})}
        return {name: value for name, value in body.items() if value is not None}


class _Forms(HTMLParser):
    """The fields of each POST form on a page, as a browser would send them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, dict[str, list[str]]]] = []
        self._fields: dict[str, list[str]] | None = None
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._option: list | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._fields = {}
                self.forms.append((a.get("action") or "", self._fields))
            return
        if self._fields is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._fields.setdefault(name, []).append(a.get("value") or "on")
                return
            self._fields.setdefault(name, []).append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in a), []
        elif tag == "option" and self._select:
            self._option = [a.get("value"), "selected" in a, []]

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        if self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "textarea" and self._textarea is not None:
            self._fields.setdefault(self._textarea, []).append("".join(self._text).lstrip("\n"))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value, selected, text = self._option
            self._options.append((value if value is not None else "".join(text).strip(), selected))
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            if chosen:
                self._fields.setdefault(name, []).extend(chosen)
            self._select = None


def page_errors(content: bytes) -> str:
    """The error summary of a page that came back with errors, if any."""
    text = content.decode(errors="replace")
    found = re.search(r'nhsuk-error-summary__list"[^>]*>(.*?)</ul>', text, re.DOTALL)
    if not found:
        found = re.search(r'class="nhsuk-error-message"[^>]*>(.*?)</span>\s*</', text, re.DOTALL)
    if not found:
        return ""
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())[:300]


def form_fields(html: str, url: str) -> dict:
    """The fields of the page's form that posts back to the page itself."""
    parser = _Forms()
    parser.feed(html)
    path = urlsplit(url).path
    for action, found in parser.forms:
        if not action or urlsplit(action).path == path:
            found.pop("csrfmiddlewaretoken", None)
            return {
                name: values if len(values) > 1 else values[0] for name, values in found.items()
            }
    return {}
