"""Settings: production refuses to start without its secrets, and the local
default Celery broker needs no server."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "production-settings-test-" + "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "involve.example.org",
    "DATABASE_URL": "postgres://involve@127.0.0.1:5432/involve",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SITE_URL": "https://involve.example.org",
    # Production scans uploads; NoScanner is a deployment-check warning.
    "INVOLVE_UPLOAD_SCANNER": "involvement.scanning.ClamdScanner",
}


def run_python(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with only `env` (plus PATH) set, so none of
    this machine's or CI's environment leaks in."""
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, *(["-c", code] if code else []), *args],
        cwd=settings.BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(settings.BASE_DIR),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SETUP = "import django; django.setup()"


def test_production_starts_with_every_secret_set():
    result = run_python(
        SETUP
        + "; from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY[:24])",
        PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False production-settings-test"


@pytest.mark.parametrize(
    "missing",
    ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS", "SITE_URL"],
)
def test_production_refuses_to_start_without_a_secret(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}

    result = run_python(SETUP, env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_passes_the_deployment_checks():
    result = run_python(
        "", PRODUCTION_ENV, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_with_no_scanner_fails_the_deployment_checks_and_warns_at_start():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "INVOLVE_UPLOAD_SCANNER"}
    result = run_python("", env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "involvement.W001" in result.stdout + result.stderr
    assert "Uploads are not scanned for malware" in result.stderr


def test_without_a_broker_url_celery_uses_the_filesystem_and_makes_its_folders(tmp_path):
    code = (
        SETUP + "; from config.celery import app; "
        "print(app.conf.broker_url); print(app.conf.broker_transport_options['processed_folder'])"
    )

    result = run_python(
        code, {"DJANGO_SETTINGS_MODULE": "config.settings.base", "INVOLVE_VAR_DIR": str(tmp_path)}
    )

    assert result.returncode == 0, result.stderr
    broker_url, processed = result.stdout.split()
    assert broker_url == "filesystem://"
    assert processed == str(tmp_path / "broker" / "processed")
    assert (tmp_path / "broker" / "queue").is_dir()
    assert (tmp_path / "broker" / "processed").is_dir()


def test_with_redis_configured_celery_uses_it_as_the_broker(tmp_path):
    result = run_python(
        SETUP + "; from config.celery import app; print(app.conf.broker_url)",
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "INVOLVE_VAR_DIR": str(tmp_path),
            "REDIS_URL": "redis://127.0.0.1:6379/3",
        },
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "redis://127.0.0.1:6379/3"
    assert not (tmp_path / "broker").exists()


def test_trusted_proxies_are_read_from_the_environment():
    result = run_python(
        SETUP + "; from django.conf import settings; print(settings.INVOLVE_TRUSTED_PROXIES)",
        {**PRODUCTION_ENV, "INVOLVE_TRUSTED_PROXIES": "10.0.0.5,10.1.0.0/16"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['10.0.0.5', '10.1.0.0/16']"


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start():
    result = run_python(
        SETUP, {**PRODUCTION_ENV, "INVOLVE_TRUSTED_PROXIES": "10.0.0.5,proxy.local"}
    )

    assert result.returncode != 0
    assert "INVOLVE_TRUSTED_PROXIES: 'proxy.local' is not an IP address or network" in result.stderr


def test_production_answers_the_api_in_json_only():
    result = run_python(
        SETUP + "; from django.conf import settings; "
        "print(settings.REST_FRAMEWORK['DEFAULT_RENDERER_CLASSES'])",
        PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['rest_framework.renderers.JSONRenderer']"
