"""Security headers: the Content Security Policy (django-csp) and
`Cache-Control: no-store` on answers with personal data
(involvement.middleware.NoStoreMiddleware). The access walk checks both on
every URL as every role (tests/access/headers.py); these pin down the rules
themselves, the templates, and which settings enforce the policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.access.headers import inline_code, policy_directives
from tests.factories import UserFactory

from .test_settings import PRODUCTION_ENV, SETUP, run_python

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
POLICY_CODE = (
    SETUP + "; from django.conf import settings; "
    "print(bool(settings.CONTENT_SECURITY_POLICY), "
    "bool(settings.CONTENT_SECURITY_POLICY_REPORT_ONLY))"
)


def test_pages_carry_an_enforced_policy_with_no_inline_script_or_style(client):
    response = client.get(reverse("home"))

    assert "Content-Security-Policy-Report-Only" not in response
    directives = policy_directives(response["Content-Security-Policy"])
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_no_template_served_as_a_page_has_inline_script_or_style():
    """Templates for PDFs are left out: WeasyPrint renders them on the
    server, and no browser applies a policy to them."""
    found = {}
    for template in sorted(TEMPLATES.rglob("*.html")):
        if "pdf" in template.relative_to(TEMPLATES).parts:
            continue
        inline = inline_code(template.read_text())
        if inline:
            found[str(template.relative_to(TEMPLATES))] = inline
    assert found == {}


def test_the_inline_code_check_finds_each_kind():
    html = (
        '<script>alert(1)</script><script src="/static/x.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        '<style>p {}</style><p style="color: red">x</p><a href="#" onclick="go()">y</a>'
    )

    found = inline_code(html)

    assert len(found) == 4
    assert found[0].startswith("inline <script>")
    assert any("<style>" in item for item in found)
    assert any("style attribute" in item for item in found)
    assert any("event-handler" in item for item in found)


def test_the_api_reference_page_and_its_script_are_separate_files(client):
    page = client.get(reverse("api-docs"))
    script = client.get(reverse("api-docs") + "?script=")

    assert inline_code(page.content.decode()) == []
    assert "style-src 'self'" in page["Content-Security-Policy"]
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in script.content.decode()


def test_a_signed_in_page_is_not_stored(client):
    client.force_login(UserFactory())

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_public_page_for_a_signed_out_visitor_may_be_cached(client):
    response = client.get(reverse("accessibility"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_every_api_answer_is_not_stored_even_a_refusal(client):
    refused = client.get("/api/organisations/")
    client.force_login(UserFactory())
    answered = client.get("/api/organisations/")

    assert refused.status_code == 401
    assert "no-store" in refused["Cache-Control"]
    assert answered.status_code == 200
    assert "no-store" in answered["Cache-Control"]


def test_account_pages_are_not_stored_even_signed_out(client):
    response = client.get(reverse("account_login"))

    assert "no-store" in response["Cache-Control"]


def test_the_answer_that_signs_a_person_out_is_not_stored(client):
    client.force_login(UserFactory())

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_static_files_may_be_cached(client):
    response = client.get("/static/js/involve.js")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_production_enforces_the_policy():
    result = run_python(POLICY_CODE, PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]


def test_the_local_demo_reports_the_policy_without_enforcing_it(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "INVOLVE_VAR_DIR": str(tmp_path)}

    reported = run_python(POLICY_CODE, env)
    enforced = run_python(POLICY_CODE, {**env, "INVOLVE_CSP_REPORT_ONLY": "0"})

    assert reported.stdout.split() == ["False", "True"], reported.stderr
    assert enforced.stdout.split() == ["True", "False"], enforced.stderr


def test_tests_enforce_the_policy_whatever_the_environment_says():
    result = run_python(
        POLICY_CODE,
        {"DJANGO_SETTINGS_MODULE": "config.settings.test", "INVOLVE_CSP_REPORT_ONLY": "1"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]
