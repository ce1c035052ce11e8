"""Start the local demo: web server, Celery worker and Celery beat, together.

No PostgreSQL or Redis needed: SQLite and kombu's filesystem transport.
Ctrl-C stops all three.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main() -> int:
    port = os.environ.get("PORT", "8000")
    host = os.environ.get("HOST", "127.0.0.1")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.dev"),
        # Links in messages and letters name the address the demo runs at.
        "SITE_URL": os.environ.get("SITE_URL") or f"http://{host}:{port}",
    }
    celery = str(BIN / "celery")
    commands = {
        "web": [sys.executable, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
        "worker": [
            celery,
            "-A",
            "config",
            "worker",
            "--loglevel=INFO",
            "--pool=threads",
            "--concurrency=2",
        ],
        "beat": [celery, "-A", "config", "beat", "--loglevel=INFO"],
    }
    processes = {name: subprocess.Popen(cmd, cwd=ROOT, env=env) for name, cmd in commands.items()}  # noqa: S603
    time.sleep(2)
    print(
        f"\n  Involve is running at http://{host}:{port}/\n"
        "  Demo logins (all use the password on the last line):\n"
        + "".join(f"    {line}\n" for line in _demo_logins())
        + "  Press Ctrl-C to stop the web server, worker and beat.\n",
        flush=True,
    )

    def stop(*_):
        for process in processes.values():
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(process.poll() is None for process in processes.values()):
            time.sleep(1)
        dead = [name for name, process in processes.items() if process.poll() is not None]
        print(f"Stopped because {', '.join(dead)} exited.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()
        for process in processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _demo_logins() -> list[str]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from involvement.demo import DEMO_PASSWORD, demo_logins

    return [f"{role:<28} {email}" for role, email in demo_logins()] + [
        f"{'password':<28} {DEMO_PASSWORD}"
    ]


if __name__ == "__main__":
    sys.exit(main())
