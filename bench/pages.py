"""The page benchmark: `make bench`.

Starts gunicorn with production settings (bench/settings.py: production plus
the floor page and a timing header) on the national data set, signs in as each
role through allauth's own pages (staff with an authenticator code, from a
device the benchmark sets up), asks for each key page N times one after the
other, and the floor page in the same run, and writes bench/RESULTS.md.

The data comes first: `manage.py generate_national --seed 1 --scale 1.0` into
an empty database (BENCH_DATABASE_URL, default involve_national).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-for-a-loopback-server-with-fictional-data-0123",
    "DJANGO_ALLOWED_HOSTS": HOST,
    "SITE_URL": "https://involve.bench.example.org",
    "INVOLVE_VAR_DIR": str(ROOT / "bench" / "results" / "var"),
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


@dataclass
class Page:
    label: str
    role: str  # the account it is asked for as (see _accounts); "" for nobody
    path: str
    goal: float = 3.0
    server_ms: list[float] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    queries: set[int] = field(default_factory=set)


class Browser:
    """One person's cookies over plain HTTP to gunicorn, behind a pretend
    TLS-terminating proxy (X-Forwarded-Proto), as production runs."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        headers = {"X-Forwarded-Proto": "https", "Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}:{self.port}"
            headers["Referer"] = f"https://{HOST}:{self.port}{path}"
        started = time.perf_counter()
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        content = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        connection.close()
        return response, content.decode("utf-8", "replace"), elapsed

    def csrf_token(self, path: str) -> str:
        response, html, _ = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not match:
            raise RuntimeError(f"No form on {path} ({response.status})")
        return match.group(1)

    def sign_in(self, email: str, password: str, totp_secret: str | None) -> None:
        token = self.csrf_token("/accounts/login/")
        response, _, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )
        location = response.headers.get("Location", "")
        if totp_secret:
            if "/2fa/authenticate" not in location:
                raise RuntimeError(f"{email}: expected the authenticator step, got {location!r}")
            from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

            token = self.csrf_token(location)
            code = format_hotp_value(hotp_value(totp_secret, int(time.time()) // 30))
            response, _, _ = self.request(
                "POST", location, {"csrfmiddlewaretoken": token, "code": code}
            )
            location = response.headers.get("Location", "")
        if response.status != 302 or "/accounts/" in location:
            raise RuntimeError(f"{email}: signing in failed ({response.status} to {location!r})")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _setup_django() -> None:
    for key, value in ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()


def _staff(role: str, organisation_index: int):
    from involvement.models import User

    return User.objects.get(email=f"{role}1@org{organisation_index}.staff.example.org")


def _accounts_and_pages() -> tuple[dict, list[Page]]:
    """The heaviest realistic case for each page: the national charity's
    coordinator, its largest group, the member with the longest history."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db.models import Count, Q
    from django.urls import reverse

    from bench.national import PASSWORD
    from evaluation.models import Region, RegionGrant
    from involvement.models import Group, Organisation, Person, User
    from meetings.models import Meeting, Minutes
    from recruitment.models import Vacancy
    from workplans.models import WorkPlan

    organisation = Organisation.objects.get(slug="nat-0")
    group = (
        Group.objects.filter(organisation=organisation)
        .annotate(size=Count("memberships"))
        .order_by("-size", "id")
        .first()
    )
    member = (
        Person.objects.filter(
            user__isnull=False, memberships__group=group, memberships__status="active"
        )
        .annotate(invited=Count("invitations"))
        .order_by("-invited", "id")
        .first()
    )
    now = Meeting.objects.filter(group=group).order_by("-starts_at").first().starts_at
    next_meeting = (
        Meeting.objects.filter(group=group, status="scheduled", starts_at__lte=now)
        .exclude(minutes__isnull=False)
        .order_by("starts_at")
        .first()
    )
    minutes = (
        Minutes.objects.filter(meeting__group=group, status="published")
        .order_by("-meeting__starts_at")
        .first()
    )
    # The largest round being scored now (else the largest decided one).
    rounds = Vacancy.objects.filter(group__organisation=organisation).annotate(
        submitted=Count("applications", filter=~Q(applications__status="draft"))
    )
    vacancy = (
        rounds.filter(status="closed").order_by("-submitted", "id").first()
        or rounds.filter(status="decided").order_by("-submitted", "id").first()
    )
    plan = WorkPlan.objects.get(group=group, status="current")
    # A region every generated organisation shares with: the region dashboard
    # at its widest (every group of the data set side by side).
    region, _created = Region.objects.get_or_create(name="Bench national region")
    staff_commissioner = _staff("commissioner", 0)
    region.commissioners.add(staff_commissioner)
    shared = set(
        RegionGrant.objects.filter(region=region, revoked_at__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    RegionGrant.objects.bulk_create(
        RegionGrant(region=region, organisation=o)
        for o in Organisation.objects.exclude(pk__in=shared)
    )

    def staff(role: str) -> User:
        return _staff(role, 0)

    accounts = {
        "commissioner": staff_commissioner,
        "coordinator": staff("coordinator"),
        "finance": staff("finance"),
        "reviewer": staff("panel-member"),
        "member": member.user,
    }
    secrets = {}
    for name, user in accounts.items():
        if name == "member":
            continue
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        secrets[name] = generate_totp_secret()
        TOTP.activate(user, secrets[name])
    credentials = {
        name: (user.email, PASSWORD, secrets.get(name)) for name, user in accounts.items()
    }
    pages = [
        Page("Floor (one PK query, small template)", "", f"/bench/floor/{organisation.pk}/"),
        Page("Coordinator home", "coordinator", reverse("home")),
        Page("Group page", "coordinator", reverse("group-detail", args=[group.pk])),
        Page("People list", "coordinator", reverse("person-list")),
        Page("Vacancy scores", "coordinator", reverse("scores-vacancy", args=[vacancy.pk])),
        Page("Reviewer page", "reviewer", reverse("scoring-vacancy", args=[vacancy.pk])),
        Page("Meeting page", "coordinator", reverse("meeting-detail", args=[next_meeting.pk])),
        Page("Minutes", "coordinator", reverse("meeting-minutes", args=[minutes.meeting_id])),
        Page("Approval queue", "coordinator", reverse("approval-queue")),
        Page("Payments", "finance", reverse("payment-list")),
        Page("Work plan", "coordinator", reverse("workplan-detail", args=[plan.pk])),
        Page('"You said, we did" board', "member", reverse("board", args=[group.pk])),
        Page("Member home", "member", reverse("home")),
        Page("My meetings", "member", reverse("my-meetings")),
        Page("Your claims", "member", reverse("claim-list")),
        Page("Messages", "member", reverse("message-list")),
        Page("Public vacancy list", "", reverse("public-vacancy-list")),
        Page(
            "Region dashboard (every group side by side)",
            "commissioner",
            f"{reverse('region-dashboard', args=[region.pk])}?period=12&sort=attendance",
            goal=10.0,
        ),
        # The organisation dashboard its commissioner opens from the evaluation
        # index, and the largest group's dashboard, each at its default period.
        Page(
            "Organisation dashboard (the national charity)",
            "commissioner",
            reverse("evaluation-dashboard", args=[organisation.pk]),
            goal=10.0,
        ),
        Page(
            "Group dashboard (the largest group)",
            "coordinator",
            reverse("group-dashboard", args=[group.pk]),
            goal=10.0,
        ),
    ]
    return credentials, pages


def _start_gunicorn(port: int, workers: int, settings: str = "bench.settings") -> subprocess.Popen:
    env = {**os.environ, **ENVIRONMENT, "DJANGO_SETTINGS_MODULE": settings}
    python = sys.executable
    manifest = Path(ENVIRONMENT["INVOLVE_VAR_DIR"]) / "staticfiles" / "staticfiles.json"
    if not manifest.exists():  # minutes the first time (every file compressed twice)
        subprocess.run(  # noqa: S603 -- our own manage.py, fixed arguments
            [python, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    server = subprocess.Popen(  # noqa: S603 -- our own gunicorn, fixed arguments
        [
            str(Path(python).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(300):
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("gunicorn stopped while starting") from None
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _measure(browsers: dict, pages: list[Page], rounds: int, warmup: int) -> None:
    """Round-robin over the pages, so a slow spell of the machine falls on
    every page alike rather than on one."""
    for round_number in range(warmup + rounds):
        for page in pages:
            browser = browsers[page.role]
            response, _, client_ms = browser.request("GET", page.path)
            if response.status != 200:
                raise RuntimeError(f"{page.label}: {page.path} answered {response.status}")
            if round_number < warmup:
                continue
            timing = response.headers.get("Server-Timing", "")
            page.server_ms.append(float(timing.split("dur=")[1]))
            page.client_ms.append(client_ms)
            page.queries.add(int(response.headers["X-Bench-Queries"]))


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def table(pages: list[Page]) -> str:
    floor = statistics.median(pages[0].server_ms)
    lines = [
        "| Page | Median ms | p95 ms | Ratio to floor | Goal | SQL queries | Median ms at client |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        median = statistics.median(page.server_ms)
        ratio = median / floor
        mark = "" if page is pages[0] or ratio <= page.goal else " (over)"
        queries = "–".join(str(q) for q in sorted({min(page.queries), max(page.queries)}))
        lines.append(
            f"| {page.label} | {median:.1f} | {_p95(page.server_ms):.1f} | {ratio:.1f}×{mark} "
            f"| {'' if page is pages[0] else f'{page.goal:g}×'} | {queries} "
            f"| {statistics.median(page.client_ms):.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="requests a page (default 40)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--results",
        default=str(ROOT / "bench" / "RESULTS.md"),
        help="the note whose measured section is replaced (empty: print only)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="WORDS",
        help="measure only the pages whose label contains WORDS (repeatable; the floor always)",
    )
    args = parser.parse_args(argv)
    _setup_django()
    from involvement.models import Organisation

    if not Organisation.objects.filter(slug="nat-0").exists():
        raise SystemExit(
            "No national data: run `manage.py generate_national --seed 1 --scale 1.0` "
            "into this database first."
        )
    credentials, pages = _accounts_and_pages()
    if args.only:
        wanted = [words.lower() for words in args.only]
        pages = [pages[0]] + [
            page for page in pages[1:] if any(words in page.label.lower() for words in wanted)
        ]
    port = _free_port()
    server = _start_gunicorn(port, args.workers)
    try:
        browsers = {"": Browser(port)}
        for name, (email, password, secret) in credentials.items():
            browsers[name] = Browser(port)
            browsers[name].sign_in(email, password, secret)
        _measure(browsers, pages, args.rounds, args.warmup)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    result = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {args.rounds} "
        f"requests a page, one after another, {args.workers} gunicorn workers, "
        f"{os.cpu_count()} CPU cores. Times are the server's (from the first middleware "
        "to the last); the last column adds the loopback round trip.\n\n" + table(pages)
    )
    print(result)
    if args.results:
        write_section(Path(args.results), result)


START, END = "<!-- bench:pages -->", "<!-- /bench:pages -->"


def write_section(note: Path, section: str) -> None:
    """Replace the measured section of the note, keeping everything around it."""
    text = note.read_text() if note.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    note.write_text(f"{before}{START}\n{section}\n{END}{after}")


if __name__ == "__main__":
    main()
