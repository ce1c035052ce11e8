"""The load run's and the PDF benchmark's own arithmetic (the runs themselves
are not part of the suite: bench/RESULTS.md)."""

import time

import pytest

from bench import load, pdfs


def _history(tmp_path, rows):
    path = tmp_path / "run_stats_history.csv"
    header = "Timestamp,User Count,Type,Name,Requests/s,95%,Total Request Count,Total Failure Count"
    lines = [header]
    for ts, users, rps, p95, total, failed in rows:
        lines.append(f"{ts},{users},,Aggregated,{rps},{p95},{total},{failed}")
        lines.append(f"{ts},{users},GET,member: home,{rps},{p95},{total},{failed}")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_load_run_finds_each_steps_figures_and_the_breaking_point(tmp_path):
    history = _history(
        tmp_path,
        [
            (100, 0, 0, "N/A", 0, 0),
            (110, 2, 1.5, 300, 20, 0),
            (120, 4, 3.0, 900, 60, 0),
            (130, 4, 3.2, 1200, 100, 0),
            (140, 6, 4.0, 2500, 150, 1),
        ],
    )

    steps = load.steps(history, step_seconds=20)

    assert [step["users"] for step in steps] == [2, 4, 6]
    assert steps[1]["p95"] == 1200  # the worst second of the step
    assert steps[2]["failed"] == pytest.approx(1 / 50)
    assert load.breaking_point(steps)["users"] == 6
    assert "| 6 | 4.0 | 2500 | 2.0% |" in load.table(steps)


def test_no_breaking_point_when_every_step_holds(tmp_path):
    history = _history(tmp_path, [(100, 2, 1.0, 300, 10, 0), (125, 4, 2.0, 400, 30, 0)])

    assert load.breaking_point(load.steps(history, step_seconds=20)) is None


@pytest.mark.django_db
def test_pdf_pages_are_counted_inside_compressed_object_streams():
    from involvement.pdf import render_pdf_counted

    content, pages = render_pdf_counted(
        "involvement/pdf/letters.html", {"letters": [], "batch": None, "organisation": None}
    )

    assert pdfs.page_count(content) == pages


def test_the_load_run_computes_the_authenticator_code_as_allauth_checks_it():
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    from bench.totp import authenticator_code

    secret = generate_totp_secret()

    assert authenticator_code(secret) == format_hotp_value(
        hotp_value(secret, int(time.time()) // 30)
    )


@pytest.mark.django_db
def test_the_page_list_opens_every_page_and_holds_the_dashboards_to_ten_times(client):
    """The page benchmark's list, on a small national data set: every page
    answers its account, and the three dashboards have the dashboards' goal."""
    import datetime

    from bench import national, pages
    from involvement.models import User

    national.generate(seed=1, scale=0.02, today=datetime.date.today(), log=lambda _: None)  # noqa: DTZ011
    credentials, listed = pages._accounts_and_pages()
    labels = {page.label: page for page in listed}
    for label in (
        "Region dashboard (every group side by side)",
        "Organisation dashboard (the national charity)",
        "Group dashboard (the largest group)",
    ):
        assert labels[label].goal == 10.0
    for page in listed[1:]:  # the floor page is the benchmark's own URL
        client.logout()
        if page.role:
            client.force_login(User.objects.get(email=credentials[page.role][0]))
        response = client.get(page.path)
        assert response.status_code == 200, (page.label, page.path, response.status_code)


def test_the_signed_in_floor_table_reads_each_page_against_its_accounts_floor():
    from bench.floors import table
    from bench.pages import Page

    floors = {
        "": Page("Floor, as nobody", "", "/f/", server_ms=[2.0] * 4, queries={1}),
        "member": Page("Floor, as member", "member", "/f/", server_ms=[5.0] * 4, queries={2}),
    }
    home = Page("Member home", "member", "/", server_ms=[20.0] * 4, queries={9, 10})
    lines = table([*floors.values(), home], floors).splitlines()
    assert lines[-1] == "| Member home | member | 20.0 | 20.0 | 10.0× | 4.0× | 9–10 |"
    assert lines[3] == "| Floor, as member | member | 5.0 | 5.0 | 2.5× | 1.0× | 2 |"
