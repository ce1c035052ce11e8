"""The Content Security Policy in a real browser: enforced in test settings,
it blocks inline script and style, and the pages that had some (the
`js-enabled` marker, the API reference) still work without them. Every
browser test fails on a violation (tests/e2e/conftest.py); these prove that
check sees one."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_an_inline_script_is_blocked_and_fails_the_test(page, url):
    page.goto(url("home"))
    assert page.csp_violations == []

    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true;";
            document.body.appendChild(script);
            document.body.setAttribute("style", "background: red");
        }"""
    )
    page.wait_for_timeout(200)

    assert page.evaluate("() => window.injected === undefined")
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != (
        "rgb(255, 0, 0)"
    )
    blocked = "\n".join(page.csp_violations)
    assert "inline script" in blocked
    assert "inline style" in blocked
    # The check in the `page` fixture would fail this test: clear what it found.
    page.csp_violations.clear()


@pytest.mark.django_db
def test_pages_mark_javascript_as_running_from_a_file_not_an_inline_script(page, url):
    page.goto(url("account_login"))

    classes = page.evaluate("() => document.body.className").split()

    assert "js-enabled" in classes
    assert "nhsuk-frontend-supported" in classes
    assert page.csp_violations == []


@pytest.mark.django_db
def test_the_api_reference_works_under_the_policy(page, url):
    page.goto(url("api-docs"))

    page.locator(".swagger-ui .info .title").filter(has_text="Involve API").wait_for()
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 5
    assert page.broken_resources == []
    assert page.csp_violations == []
