"""The production pieces, run for real on this machine (CI runs it after the
tests; no container engine is needed).

Starts the very commands docker-compose.yml gives the `web`, `worker` and
`beat` services (web's migrate-then-gunicorn, the Celery worker, Celery beat)
and the Dockerfile's collectstatic, with production settings, against the
machine's PostgreSQL (a database of its own, made afresh) and Redis (a
database of its own, emptied). Only the web service's address changes, to a
free port on 127.0.0.1. Then, as a proxy would:

1. /health/ says the database, the cache and the broker are ok;
2. a member signs in through the login form and sees their home page;
3. a message queued for them is sent by the worker (status "sent" in the
   database, the email in the worker's log), and the worker answers the
   compose file's `celery inspect ping`;
4. beat has started and sent its first due task.

Everything it started is stopped when it ends, however it ends. Where a
Compose client exists (the docker CLI's `docker compose`, or Debian's
`docker-compose`, which .ci/run installs), its `config` validates the file too.

    .venv/bin/python scripts/smoke_production.py

SMOKE_DATABASE_URL and SMOKE_REDIS_URL choose where (defaults: database
involve_smoke on 127.0.0.1:5432 as postgres, Redis database 13).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/involve_smoke"
)
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/13")
EMAIL = "smoke-member@example.org"
PASSWORD = secrets.token_urlsafe(16)
STARTED = time.monotonic()


def say(text: str) -> None:
    print(f"[smoke {time.monotonic() - STARTED:5.1f}s] {text}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def compose_commands() -> dict[str, str]:
    """The command of each of web, worker and beat in docker-compose.yml."""
    import yaml

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    return {name: " ".join(services[name]["command"].split()) for name in ("web", "worker", "beat")}


def reset_database() -> None:
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"SMOKE_DATABASE_URL: {name!r} is not a plain database name")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    admin.close()


def reset_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


class Processes:
    """What the smoke started: each in a session of its own, stopped at the end."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: str, env: dict[str, str]) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.running[name] = subprocess.Popen(  # noqa: S603 - the compose file's own commands
            ["sh", "-c", command],  # noqa: S607
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        say(f"started {name}: {command}")

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def alive(self, name: str) -> bool:
        return self.running[name].poll() is None

    def stop_all(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self.running.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Browser:
    """Requests as a proxy terminating TLS would send them, keeping cookies."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.origin + path
            headers["Origin"] = self.origin
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, response.headers, content


def wait_for(what: str, condition, timeout: float, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = condition()
        except (OSError, http.client.HTTPException):
            result = None
        if result:
            return result
        time.sleep(step)
    raise SystemExit(f"smoke: gave up waiting {timeout:.0f}s for {what}")


def manage(env: dict[str, str], code: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"smoke: manage.py shell failed:\n{done.stdout}\n{done.stderr}")
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


CREATE_MEMBER = f"""
from allauth.account.models import EmailAddress
from involvement.models import Person, User
user = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r})
EmailAddress.objects.create(user=user, email={EMAIL!r}, verified=True, primary=True)
Person.objects.create(user=user, full_name="Sam Smoketest", email={EMAIL!r})
"""

QUEUE_MESSAGE = f"""
from django.db import transaction
from involvement.models import Person
from involvement.services import outbox
with transaction.atomic():
    message = outbox.notification_queue(
        recipient=Person.objects.get(email={EMAIL!r}),
        subject="Smoke test: your next meeting",
        body_text="A message the production worker sends.",
        idempotency_key="smoke-test-message",
    )
print(message.pk)
"""

# A one-off entry due a second after beat starts, so the check that beat sends
# due tasks does not wait for the next whole minute (the every-minute entries).
# celery.backend_cleanup is Celery's own task and harmless to run.
BEAT_DUE_NOW = """
from django_celery_beat.models import IntervalSchedule, PeriodicTask
every, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
PeriodicTask.objects.update_or_create(
    name="smoke: beat sends a due task",
    defaults={"interval": every, "task": "celery.backend_cleanup", "one_off": True},
)
print("ok")
"""

MESSAGE_STATUS = """
from involvement.models import Notification
print(Notification.objects.get(idempotency_key="smoke-test-message").status)
"""


def compose_command() -> list[str] | None:
    """The Compose client here: the docker CLI's plugin (`docker compose`), else
    the standalone `docker-compose` (Debian's package, which .ci/run installs);
    None if neither. `config` needs no container engine, only the client."""
    docker = shutil.which("docker")
    if (
        docker
        and not subprocess.run(  # noqa: S603
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
    ):
        return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone else None


def docker_compose_config() -> None:
    compose = compose_command()
    if compose is None:
        say("docker compose not available here: compose file not validated by docker")
        return
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(ROOT / "docker-compose.yml", folder)
        shutil.copy(ROOT / ".env.example", Path(folder) / ".env")
        subprocess.run(  # noqa: S603
            [*compose, "--project-directory", folder, "config", "--quiet"],
            cwd=folder,
            check=True,
        )
    say(f"{' '.join(Path(part).name for part in compose)} config: the compose file is valid")


def main() -> int:
    docker_compose_config()
    port = free_port()
    commands = compose_commands()
    web = commands["web"].replace("0.0.0.0:8000", f"127.0.0.1:{port}")  # noqa: S104
    if f"127.0.0.1:{port}" not in web:
        raise SystemExit("smoke: the web command no longer binds 0.0.0.0:8000; update the smoke")
    var = Path(tempfile.mkdtemp(prefix="involve-smoke-"))
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"https://127.0.0.1:{port}",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "INVOLVE_VAR_DIR": str(var),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "INVOLVE_QUIET_HOURS": "0",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("CELERY_BROKER_URL", "DATABASE_REPLICA_URL", "INVOLVE_TEST_TODAY"):
        env.pop(name, None)
    processes = Processes(var)
    try:
        reset_database()
        reset_redis()
        # The Dockerfile's build step, beside web's migrations (nothing reads a
        # static file until the sign-in below, which waits for it).
        processes.start(
            "collectstatic",
            f"{shlex.quote(sys.executable)} manage.py collectstatic --noinput -v0",
            env,
        )
        processes.start("web", web, env)
        browser = Browser(port)
        status, _, body = wait_for(
            "gunicorn to answer /health/ after migrating",
            lambda: (answer := browser.request("GET", "/health/"))[0] in (200, 503) and answer,
            timeout=150,
        )
        if not processes.alive("web"):
            raise SystemExit("smoke: web stopped:\n" + processes.log("web")[-3000:])
        processes.start("worker", commands["worker"], env)
        manage(env, BEAT_DUE_NOW)
        processes.start("beat", commands["beat"], env)
        health = json.loads(body)
        assert status == 200 and health == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "broker": "ok",
        }, (status, body)
        say(f"/health/: {body}")

        manage(env, CREATE_MEMBER)
        if processes.running["collectstatic"].wait(timeout=300):
            raise SystemExit("smoke: collectstatic failed:\n" + processes.log("collectstatic"))
        say("collectstatic done")
        status, _, page = browser.request("GET", "/accounts/login/")
        assert status == 200, status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, headers, _ = browser.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": EMAIL, "password": PASSWORD},
        )
        assert status == 302, f"signing in answered {status}"
        status, _, home = browser.request("GET", headers["Location"])
        assert status == 200 and "<title>Your home page" in home, (status, home[:500])
        say(f"signed in as {EMAIL} and saw the home page")

        message = manage(env, QUEUE_MESSAGE)
        say(f"queued message {message}")
        wait_for("the worker to send it", lambda: manage(env, MESSAGE_STATUS) == "sent", 60, 1)
        assert "Smoke test: your next meeting" in processes.log("worker")
        say("the worker sent it (status sent; the email is in its log)")
        ping = commands_ping(env)
        say(f"celery inspect ping (compose's worker health check): {ping}")
        wait_for(
            "beat to send its first due task",
            lambda: "Sending due task" in processes.log("beat"),
            60,
            1,
        )
        say("beat started and sent a due task")
        status, _, body = browser.request("GET", "/health/")
        assert status == 200, (status, body)
        for name in ("web", "worker", "beat"):
            assert processes.alive(name), f"{name} stopped:\n{processes.log(name)[-3000:]}"
        say("all passed")
        return 0
    except BaseException:
        for name in processes.running:
            print(f"--- {name}.log (end)\n{processes.log(name)[-4000:]}", file=sys.stderr)
        raise
    finally:
        processes.stop_all()
        say("stopped web, worker and beat")
        try:
            reset_redis()
        except Exception as error:  # noqa: BLE001 - tidying up only
            say(f"could not empty Redis: {error}")
        shutil.rmtree(var, ignore_errors=True)


def commands_ping(env: dict[str, str]) -> str:
    """The compose file's worker health check, run as it is there."""
    import yaml

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    test = services["worker"]["healthcheck"]["test"]
    command = test[1].replace("$$", "$")
    env = {**env, "HOSTNAME": socket.gethostname()}
    done = subprocess.run(  # noqa: S603
        ["sh", "-c", command],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return " ".join(shlex.split(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    sys.exit(main())
