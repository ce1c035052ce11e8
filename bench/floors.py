"""The floor, signed in: `python -m bench.floors [--only WORDS] [--rounds N]`.

bench/pages.py compares every page with one floor: an anonymous request for
a page of one primary-key query and a small template. That is the right
floor for the public pages. A signed-in page pays, before its own work, for
being signed in: the session (Redis), the login (one query), the person's
roles, Person record, unread messages and authenticator (one query,
involvement/request_basics.py), the session clock, and the menu. None of
that is the page's doing, and no page for a signed-in person can go below it.

This asks for the same floor page as each account the benchmark signs in
(same gunicorn, same middleware, same data, round-robin with the pages), so
that each page can also be read against the floor of its own account:

    | Page | Median ms | Ratio to anonymous floor | Ratio to its account's floor | ...

It uses bench/pages.py's accounts, pages and server unchanged, and writes
nothing (bench/RESULTS.md stays bench/pages.py's).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics

from bench.pages import (
    Browser,
    Page,
    _accounts_and_pages,
    _free_port,
    _measure,
    _p95,
    _setup_django,
    _start_gunicorn,
)


def table(pages: list[Page], floors: dict[str, Page]) -> str:
    anonymous = statistics.median(floors[""].server_ms)
    lines = [
        "| Page | Account | Median ms | p95 ms | Ratio to anonymous floor "
        "| Ratio to its account's floor | SQL queries |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        median = statistics.median(page.server_ms)
        own = statistics.median(floors[page.role].server_ms)
        queries = "–".join(str(q) for q in sorted({min(page.queries), max(page.queries)}))
        lines.append(
            f"| {page.label} | {page.role or 'nobody'} | {median:.1f} | {_p95(page.server_ms):.1f} "
            f"| {median / anonymous:.1f}× | {median / own:.1f}× | {queries} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", action="append", default=[], metavar="WORDS")
    args = parser.parse_args(argv)
    _setup_django()
    credentials, pages = _accounts_and_pages()
    floor, pages = pages[0], pages[1:]
    if args.only:
        wanted = [words.lower() for words in args.only]
        pages = [page for page in pages if any(words in page.label.lower() for words in wanted)]
    roles = sorted({page.role for page in pages} | {""})
    floors = {
        role: Page(f"Floor, as {role or 'nobody'}", role, floor.path, goal=floor.goal)
        for role in roles
    }
    port = _free_port()
    server = _start_gunicorn(port, args.workers)
    try:
        browsers = {"": Browser(port)}
        for name, (email, password, secret) in credentials.items():
            if name in roles:
                browsers[name] = Browser(port)
                browsers[name].sign_in(email, password, secret)
        _measure(browsers, [*floors.values(), *pages], args.rounds, args.warmup)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(table([*floors.values(), *pages], floors))


if __name__ == "__main__":
    main()
