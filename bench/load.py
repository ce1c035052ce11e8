"""The load run: `python -m bench.load` (`make bench-load`). Not part of CI.

On the national data set (as `make bench`): picks the people of the journeys
(members of the national charity with a meeting to reply to and one they went
to, its coordinators and reviewers, with authenticator codes set up as the
page benchmark does), starts gunicorn with production settings on loopback,
and runs Locust headless (bench/locustfile.py) ramping up until it stops at
--max-seconds. From Locust's per-second history it writes, for each step of
users, the requests per second, p95 and failures, and the breaking point: the
first step whose p95 passes 2 s or whose failures pass 1%.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench.pages import ENVIRONMENT, ROOT, _free_port, _setup_django, _start_gunicorn

START, END = "<!-- bench:load -->", "<!-- /bench:load -->"
OUT = ROOT / "bench" / "results" / "load"
P95_LIMIT_MS = 2000
FAILURE_LIMIT = 0.01


def _plan(members: int) -> dict:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.urls import reverse

    from bench.national import PASSWORD
    from involvement.models import Organisation, StaffRole, User
    from meetings.models import Invitation
    from recruitment.models import PanelMember

    charity = Organisation.objects.get(slug="nat-0")
    upcoming = (
        Invitation.objects.filter(
            meeting__group__organisation=charity,
            meeting__status="scheduled",
            person__user__isnull=False,
            attended__isnull=True,
        )
        .order_by("person_id", "meeting__starts_at")
        .values_list("person__user__email", "pk")
    )
    reply = {}
    for email, pk in upcoming:
        reply.setdefault(email, reverse("invitation-reply", args=[pk]))
    attended = (
        Invitation.objects.filter(
            meeting__group__organisation=charity, attended=True, person__user__email__in=reply
        )
        .order_by("person_id", "-meeting__starts_at")
        .values_list("person__user__email", "pk")
    )
    claim = {}
    for email, pk in attended:
        claim.setdefault(email, reverse("claim-start", args=[pk]))
    emails = sorted(reply)[:members]

    def with_code(user: User) -> str:
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return secret

    coordinators = []
    roles = StaffRole.objects.filter(role="coordinator").select_related("user", "organisation")
    for role in roles.order_by("organisation_id", "user_id"):
        group = role.organisation.groups.order_by("id").first()
        if group is None or any(a["email"] == role.user.email for a in coordinators):
            continue
        coordinators.append(
            {
                "email": role.user.email,
                "secret": with_code(role.user),
                "group": reverse("group-detail", args=[group.pk]),
            }
        )
    # One person per account: an authenticator code is accepted once, so two
    # simulated people signing in as one account in the same 30 s would fail.
    taken = {account["email"] for account in coordinators}
    reviewers = []
    for panel in PanelMember.objects.select_related("user").order_by("vacancy_id", "id"):
        if panel.user.email in taken or len(reviewers) >= 40:
            continue
        taken.add(panel.user.email)
        reviewers.append(
            {
                "email": panel.user.email,
                "secret": with_code(panel.user),
                "scoring": reverse("scoring-vacancy", args=[panel.vacancy_id]),
            }
        )
    return {
        "password": PASSWORD,
        "members": [{"email": e, "reply": reply[e], "claim": claim.get(e)} for e in emails],
        "coordinators": coordinators,
        "reviewers": reviewers,
    }


def steps(history: Path, step_seconds: int) -> list[dict]:
    """Per step of the ramp (STEP_SECONDS of the run each): the most users,
    the median second's requests/s, the worst rolling p95 (Locust's, over
    the last 10 s) and the share of the step's requests that failed."""
    rows = [r for r in csv.DictReader(history.open()) if r["Name"] == "Aggregated"]
    if not rows:
        return []
    first = int(rows[0]["Timestamp"])
    by_step: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_step[(int(row["Timestamp"]) - first) // step_seconds].append(row)
    result = []
    previous_requests = previous_failures = 0
    for step in sorted(by_step):
        chunk = by_step[step]
        last = chunk[-1]
        requests = int(last["Total Request Count"])
        failures = int(last["Total Failure Count"])
        done, failed = requests - previous_requests, failures - previous_failures
        previous_requests, previous_failures = requests, failures
        p95s = [float(r["95%"]) for r in chunk if r["95%"] not in ("N/A", "")]
        rps = sorted(float(r["Requests/s"]) for r in chunk)
        result.append(
            {
                "users": max(int(r["User Count"]) for r in chunk),
                "rps": rps[len(rps) // 2],
                "p95": max(p95s) if p95s else 0.0,
                "failed": failed / done if done else 0.0,
            }
        )
    return result


def by_request(stats: Path) -> str:
    """Where the time went: each step of the journeys over the whole run."""
    lines = [
        "| Request | Count | Failed | Median ms | p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in csv.DictReader(stats.open()):
        name = row["Name"] if row["Name"] != "Aggregated" else "**All**"
        lines.append(
            f"| {row['Type']} {name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['50%']} | {row['95%']} |"
        )
    return "\n".join(lines)


def table(rows: list[dict]) -> str:
    lines = [
        "| Users | Requests/s (median second) | p95 ms (worst rolling 10 s) | Failed |",
        "|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['users']} | {row['rps']:.1f} | {row['p95']:.0f} | {row['failed']:.1%} |"
        )
    return "\n".join(lines)


def breaking_point(rows: list[dict]) -> dict | None:
    for row in rows:
        if row["p95"] > P95_LIMIT_MS or row["failed"] > FAILURE_LIMIT:
            return row
    return None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--step-users", type=int, default=10)
    parser.add_argument("--step-seconds", type=int, default=30)
    parser.add_argument("--max-users", type=int, default=300)
    parser.add_argument("--max-seconds", type=int, default=600)
    parser.add_argument("--members", type=int, default=300, help="member accounts to use")
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    _setup_django()
    OUT.mkdir(parents=True, exist_ok=True)
    plan_file = OUT / "plan.json"
    plan_file.write_text(json.dumps(_plan(args.members)))
    port = _free_port()
    server = _start_gunicorn(port, args.workers, "bench.load_settings")
    for _ in range(6 * args.workers):  # every worker imports and warms up first
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/accounts/login/", headers={"X-Forwarded-Proto": "https"})
        connection.getresponse().read()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    try:
        env = {
            **os.environ,
            **ENVIRONMENT,
            "INVOLVE_LOAD_PLAN": str(plan_file),
            "PYTHONPATH": str(ROOT),  # the locustfile imports bench.totp
            "INVOLVE_LOAD_STEP_USERS": str(args.step_users),
            "INVOLVE_LOAD_STEP_SECONDS": str(args.step_seconds),
            "INVOLVE_LOAD_MAX_USERS": str(args.max_users),
            "INVOLVE_LOAD_MAX_SECONDS": str(args.max_seconds),
        }
        subprocess.run(  # noqa: S603 -- our own locust, fixed arguments
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(OUT / "run"),
                "--csv-full-history",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            check=False,
            timeout=args.max_seconds + 120,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    rows = steps(OUT / "run_stats_history.csv", args.step_seconds)
    broke = breaking_point(rows)
    verdict = (
        f"Breaking point: **{broke['users']} users, {broke['rps']:.1f} requests/s** "
        f"(p95 {broke['p95']:.0f} ms, {broke['failed']:.1%} failed)."
        if broke
        else "No breaking point within the run: p95 stayed under 2 s and failures under 1%."
    )
    command = (
        f"python -m bench.load --workers {args.workers} --step-users {args.step_users} "
        f"--step-seconds {args.step_seconds} --max-users {args.max_users} "
        f"--max-seconds {args.max_seconds}"
    )
    result = (
        f"Measured {started}: `{command}`, gunicorn with {args.workers} workers and "
        f"production settings, Locust on the same {os.cpu_count()} cores.\n\n"
        f"{verdict}\n\n{table(rows)}\n\nEach request over the whole run:\n\n"
        f"{by_request(OUT / 'run_stats.csv')}"
    )
    print(result)
    if args.results:
        note = Path(args.results)
        text = note.read_text()
        if START not in text:
            note.write_text(text.rstrip("\n") + f"\n\n## Load run\n\n{START}\n{END}\n")
        write_section_between(note, result)


def write_section_between(note: Path, section: str) -> None:
    text = note.read_text()
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    note.write_text(f"{before}{START}\n{section}\n{END}{after}")


if __name__ == "__main__":
    main()
