"""Locust journeys for the load run (`python -m bench.load`, which writes the
plan this file reads and starts gunicorn; see bench/RESULTS.md).

Three kinds of people, weighted roughly as a deployment would see them:

- members (on a phone): sign in, open their home page and My meetings, reply
  to an invitation, open Your claims and start a claim for a meeting they went to;
- coordinators: sign in with their authenticator code, work their queues
  (home page, approval queue, people list, their largest group);
- reviewers: sign in with their authenticator code and open the scoring page
  of a round.

The load shape ramps up by STEP_USERS every STEP_SECONDS up to MAX_USERS, and
stops at MAX_SECONDS: bench.load reads the per-second history Locust writes
and finds where errors start or p95 passes 2 s.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from urllib.parse import urlparse

from locust import HttpUser, LoadTestShape, between, task

from bench.totp import authenticator_code

PLAN = json.loads(open(os.environ["INVOLVE_LOAD_PLAN"]).read())  # noqa: SIM115, PTH123
PASSWORD = PLAN["password"]
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
_members = itertools.cycle(PLAN["members"])
_coordinators = itertools.cycle(PLAN["coordinators"])
_reviewers = itertools.cycle(PLAN["reviewers"])


def _token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)  # a person reads a page before the next

    def on_start(self):
        self.client.headers.update({"X-Forwarded-Proto": "https", "Referer": self.host + "/"})
        self.client.headers["Origin"] = self.host.replace("http://", "https://")

    def post(self, path: str, data: dict, name: str | None = None):
        page = self.client.get(path, name=name or path)
        data = {"csrfmiddlewaretoken": _token(page.text), **data}
        referer = self.host.replace("http://", "https://") + path
        return self.client.post(path, data=data, name=name or path, headers={"Referer": referer})

    def sign_in(self, email: str, secret: str | None):
        response = self.post(
            "/accounts/login/", {"login": email, "password": PASSWORD}, name="sign in"
        )
        if secret and "/2fa/authenticate" in response.url:
            code = authenticator_code(secret)
            response = self.post(urlparse(response.url).path, {"code": code}, name="sign in: code")
        if "/accounts/" in urlparse(response.url).path:
            raise RuntimeError(f"{email} could not sign in (ended on {response.url})")


class Member(Person):
    weight = 8

    def on_start(self):
        super().on_start()
        self.client.headers["User-Agent"] = PHONE
        self.account = next(_members)
        self.sign_in(self.account["email"], None)

    @task(3)
    def home(self):
        self.client.get("/", name="member: home")

    @task(2)
    def my_meetings(self):
        self.client.get("/meetings/mine/", name="member: My meetings")

    @task(2)
    def reply(self):
        if self.account["reply"]:
            rsvp = random.choice(["attending", "apologies"])  # noqa: S311
            self.post(self.account["reply"], {"rsvp": rsvp}, name="member: reply to a meeting")

    @task(2)
    def claims(self):
        self.client.get("/claims/", name="member: Your claims")
        if self.account["claim"]:
            page = self.client.get("/claims/", name="member: Your claims")
            self.client.post(
                self.account["claim"],
                data={"csrfmiddlewaretoken": _token(page.text)},
                name="member: start a claim",
                headers={"Referer": self.host.replace("http://", "https://") + "/claims/"},
            )


class Coordinator(Person):
    weight = 2

    def on_start(self):
        super().on_start()
        self.account = next(_coordinators)
        self.sign_in(self.account["email"], self.account["secret"])

    @task(3)
    def home(self):
        self.client.get("/", name="coordinator: home")

    @task(2)
    def approval_queue(self):
        self.client.get("/expenses/approval/", name="coordinator: approval queue")

    @task(1)
    def people(self):
        self.client.get("/people/", name="coordinator: people list")

    @task(1)
    def group(self):
        self.client.get(self.account["group"], name="coordinator: group page")


class Reviewer(Person):
    weight = 1

    def on_start(self):
        super().on_start()
        self.account = next(_reviewers)
        self.sign_in(self.account["email"], self.account["secret"])

    @task
    def scoring(self):
        self.client.get(self.account["scoring"], name="reviewer: scoring page")


class Ramp(LoadTestShape):
    """STEP_USERS more people every STEP_SECONDS, to MAX_USERS; stop at MAX_SECONDS."""

    step_users = int(os.environ.get("INVOLVE_LOAD_STEP_USERS", "10"))
    step_seconds = int(os.environ.get("INVOLVE_LOAD_STEP_SECONDS", "30"))
    max_users = int(os.environ.get("INVOLVE_LOAD_MAX_USERS", "300"))
    max_seconds = int(os.environ.get("INVOLVE_LOAD_MAX_SECONDS", "600"))

    def tick(self):
        run_time = self.get_run_time()
        if run_time > self.max_seconds:
            return None
        users = min(self.max_users, (int(run_time) // self.step_seconds + 1) * self.step_users)
        return users, max(1, self.step_users // 5)  # each step's people over 5 s
