"""`make run` has three processes writing to one SQLite file (web server,
worker, beat). Each transaction here reads and then writes, the shape that
failed with "database is locked" when a reader's lock could not be upgraded;
with the settings' SQLite options every write from every process lands."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
ROUNDS = 60

WRITER = """
import django
django.setup()
from django.db import connection, transaction
for n in range({rounds}):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM tally")
            seen = cursor.fetchone()[0]
            cursor.execute("INSERT INTO tally (writer, seen) VALUES (%s, %s)", [{writer}, seen])
"""


def test_several_processes_write_at_once_without_locking_errors(tmp_path):
    database = tmp_path / "involve.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    setup = "import django; django.setup(); from django.db import connection; " + (
        "connection.cursor().execute('CREATE TABLE tally (writer int, seen int)')"
    )
    subprocess.run([sys.executable, "-c", setup], cwd=ROOT, env=env, check=True)  # noqa: S603
    writers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", WRITER.format(rounds=ROUNDS, writer=writer)],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for writer in range(WRITERS)
    ]
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert [w.returncode for w in writers] == [0] * WRITERS, errors

    with sqlite3.connect(database) as check:
        rows = check.execute("SELECT writer, seen FROM tally").fetchall()
        mode = check.execute("PRAGMA journal_mode").fetchone()[0]
    assert len(rows) == WRITERS * ROUNDS
    # Every transaction saw all the rows committed before it: no lost update.
    assert sorted(seen for _, seen in rows) == list(range(WRITERS * ROUNDS))
    assert mode == "wal"
