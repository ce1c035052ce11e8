"""Benchmark: balanced selection at the size the product promises.

A few hundred shortlisted applicants and a dozen diversity factors must solve
in well under a second. Prints the median of several solves; run with
`.venv/bin/python -m bench.selection [applicants] [factors] [places]`.
"""

import random
import statistics
import sys
import time

from recruitment.selection import Candidate, Minimum, propose


def make_problem(applicants: int, factors: int, seed: int = 1):
    rng = random.Random(seed)
    names = [f"factor_{i}" for i in range(factors)]
    candidates = [
        Candidate(
            id=i,
            score=round(rng.uniform(0, 60), 2),
            factors=frozenset(name for name in names if rng.random() < 0.25),
        )
        for i in range(1, applicants + 1)
    ]
    minimums = [
        Minimum(name, minimum=rng.randint(1, 3), already=rng.randint(0, 1)) for name in names
    ]
    return candidates, minimums


def main(argv: list[str]) -> None:
    applicants = int(argv[0]) if argv else 300
    factors = int(argv[1]) if len(argv) > 1 else 12
    places = int(argv[2]) if len(argv) > 2 else 12
    timings = []
    for seed in range(1, 8):
        candidates, minimums = make_problem(applicants, factors, seed)
        started = time.perf_counter()
        proposal = propose(candidates, places, minimums)
        timings.append(time.perf_counter() - started)
        assert len(proposal.chosen) == places
    print(
        f"balanced selection: {applicants} applicants, {factors} factors, {places} places: "
        f"median {statistics.median(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms "
        f"over {len(timings)} problems"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
