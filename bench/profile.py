"""Where one page's time goes: `python -m bench.profile EMAIL PATH [--sql]`.

Runs the page in-process under the benchmark's settings (production plus the
floor page), signed in as EMAIL (empty for nobody), once to warm up and once
under cProfile; prints the functions with the most cumulative time and, with
--sql, every query with its time."""

import argparse
import cProfile
import pstats
import time

from bench.pages import _setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("email")
    parser.add_argument("path")
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    _setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from involvement.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    if args.email:
        client.force_login(User.objects.get(email=args.email))
    client.get(args.path, secure=True)
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        profiler.enable()
        response = client.get(args.path, secure=True)
        profiler.disable()
        elapsed = (time.perf_counter() - started) * 1000
    print(
        f"{args.path}: {response.status_code}, {elapsed:.0f} ms, {len(queries)} queries, "
        f"{len(response.content) // 1024} KiB"
    )
    if args.sql:
        for query in queries.captured_queries:
            print(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
