"""Browser tests: Playwright (sync API) driving headless Chromium against
pytest-django's live server.

Fixtures and helpers for every test under tests/e2e/:

- `browser`: one headless Chromium for the whole run (session scope).
- `page`: a fresh browser context and page per test (no shared cookies). A
  test fails if the Content Security Policy (enforced in test settings)
  blocked anything on its pages: an inline script or style, a style or
  event-handler attribute.
- `as_user(user)`: log `page` in as a user (None stays anonymous) by creating a
  Django session and handing its cookie to the browser. Returns the page.
- `url(path_or_name, **kwargs)`: an absolute live-server URL.
- `run_axe(page)` / `assert_no_serious_violations(page, label)`: axe-core
  against the page as it is now (also available as fixtures of the same name).

Every test here is marked `e2e`. Without Chromium the tests are skipped, unless
INVOLVE_REQUIRE_E2E=1 (CI), where a missing browser is an error.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

# Playwright's sync API keeps an asyncio event loop running on the main thread
# for as long as it is started, and Django refuses ORM calls while an event loop
# runs ("SynchronousOnlyOperation"). The browser lives for the whole session, so
# tests that run after the e2e tests need this too: it is set for the process.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent.parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# axe-core from the built front end, loaded into the page from our own static
# files (a script the test injects inline would break the Content Security
# Policy like any other inline script).
AXE_STATIC_PATH = "vendor/axe-core/axe.min.js"
AXE_CANDIDATES = [REPO_ROOT / "build" / "static" / AXE_STATIC_PATH]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS_IMPACTS = {"serious", "critical"}

# Playwright's default is 30 s; a page on the local live server that takes
# more than this is broken, and failing fast keeps the run short.
DEFAULT_TIMEOUT_MS = 10_000


def _e2e_required() -> bool:
    return os.environ.get("INVOLVE_REQUIRE_E2E", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> str | None:
    """Debian's Chromium; never a browser downloaded by Playwright."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def _missing_prerequisite() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python 'playwright' package is not installed (make install)"
    if find_chromium() is None:
        return (
            "Chromium not found at /usr/bin/chromium or as 'chromium' on PATH "
            "(apt install chromium)"
        )
    return None


def pytest_collection_modifyitems(config, items):
    # This hook sees every collected item, not only ours: touch tests/e2e only.
    missing = _missing_prerequisite()
    for item in items:
        if E2E_DIR not in Path(item.path).parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if missing and not _e2e_required():
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {missing}"))


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, started with a MEDIA_URL it can parse.

    Settings have MEDIA_URL = None (uploads are only served through views that
    check access). Django's LiveServerThread wraps the site in a media-file
    handler built from MEDIA_URL, and with None every request fails
    ("startswith first arg must be str ... not bytes"); with "" it would serve
    MEDIA_ROOT for every path. So while the server starts, MEDIA_URL is a
    prefix no page uses: no upload is ever served publicly, as in production.
    The handler is built before start-up returns, so the override ends there.
    Otherwise this is pytest-django's own `live_server` fixture.
    """
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with override_settings(MEDIA_URL="/__uploads-are-never-served-directly__/"):
        server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    missing = _missing_prerequisite()
    if missing:
        # Only reached when INVOLVE_REQUIRE_E2E=1 (otherwise the tests were skipped).
        pytest.fail(
            f"INVOLVE_REQUIRE_E2E=1 but the browser tests cannot run: {missing}", pytrace=False
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


def is_csp_violation(text: str) -> bool:
    """Chromium's console message for anything the Content Security Policy
    blocked (or, report-only, would have blocked)."""
    return "Content Security Policy" in text


@pytest.fixture
def page(context):
    """A fresh page. `page.broken_resources` collects any stylesheet, script,
    font or image the page asked for and did not get (status 400 or more).

    `page.csp_violations` collects what the Content Security Policy blocked
    (inline script or style, a style or event-handler attribute, a resource
    from elsewhere); the test fails if there is any when it ends."""
    page = context.new_page()
    page.broken_resources = []
    page.csp_violations = []

    def note_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            page.broken_resources.append(f"{response.status} {response.url}")

    def note_console(message):
        if is_csp_violation(message.text):
            page.csp_violations.append(f"{page.url}: {message.text}")

    page.on("response", note_response)
    page.on("requestfailed", lambda request: page.broken_resources.append(f"failed {request.url}"))
    page.on("console", note_console)
    yield page
    violations = list(page.csp_violations)
    page.close()
    if violations:
        pytest.fail(
            "The Content Security Policy blocked something:\n" + "\n".join(violations),
            pytrace=False,
        )


@pytest.fixture
def url(live_server):
    """url("/privacy/") or url("account_settings") or url("group", pk=1)."""

    def build(path_or_name: str, **kwargs) -> str:
        if path_or_name.startswith("/"):
            return live_server.url + path_or_name
        return live_server.url + reverse(path_or_name, kwargs=kwargs or None)

    return build


@pytest.fixture
def as_user(context, page, live_server):
    """Log the page's browser context in as `user` (None: stay anonymous).

    A real Django session is made with the test client's force_login and its
    cookie is given to the browser, so a page can be opened as any role with
    no trip through the log-in form.

    With `confirmed_password=True` (the default) the session also records that
    the person has just confirmed their password, as allauth's "confirm your
    password" page does; pages behind that check (setting up two-factor
    authentication) then open directly. Pass False to see that check.
    """

    def log_in(user, *, confirmed_password: bool = True):
        if user is None:
            return page
        client = Client()
        client.force_login(user)
        session = client.session
        if confirmed_password:
            _record_password_confirmed_just_now(session, user)
        session.save()
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return log_in


def _record_password_confirmed_just_now(session, user) -> None:
    # What allauth's reauthenticate_by_password() records; allauth reads it
    # back in did_recently_reauthenticate().
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(
        SimpleNamespace(session=session, user=user), user, "password", reauthenticated=True
    )


def axe_script_path() -> Path:
    for candidate in AXE_CANDIDATES:
        if candidate.is_file():
            return candidate
    pytest.fail(
        "axe-core not found (looked in: "
        + ", ".join(str(c) for c in AXE_CANDIDATES)
        + "). Run `make install` (npm ci && npm run build).",
        pytrace=False,
    )


def run_axe(page, tags: list[str] | None = None) -> list[dict]:
    """Run axe-core on the page as it is now; return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        axe_script_path()  # fails with a clear message if the front end is not built
        page.add_script_tag(url=static(AXE_STATIC_PATH))
    return page.evaluate(
        """async (tags) => {
            // Measure the page as it will be seen: with its web fonts loaded.
            await document.fonts.ready;
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations;
        }""",
        tags or AXE_TAGS,
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n         ")
            if summary:
                lines.append(f"         {summary}")
    return "\n".join(lines)


def assert_no_serious_violations(page, label: str) -> None:
    """Fail listing every serious or critical WCAG 2.2 AA violation on the page."""
    serious = [v for v in run_axe(page) if v["impact"] in SERIOUS_IMPACTS]
    if serious:
        pytest.fail(
            f"{label} ({page.url}): {len(serious)} serious/critical accessibility "
            f"violation(s):\n{describe_violations(serious)}",
            pytrace=False,
        )


@pytest.fixture(name="run_axe")
def _run_axe_fixture():
    return run_axe


@pytest.fixture(name="assert_no_serious_violations")
def _assert_no_serious_violations_fixture():
    return assert_no_serious_violations
