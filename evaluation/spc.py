"""Statistical process control the NHS "Making Data Count" way: an XmR chart.

The mean of the points; the moving range (absolute difference between
consecutive points); natural process limits at mean ± 2.66 × the mean moving
range; "close to a limit" beyond two thirds of the distance from the mean to
it. Four rules flag special-cause variation:

1. a point outside the process limits;
2. a shift: a run of seven or more points on one side of the mean (a point
   on the mean breaks the run);
3. a trend: seven or more points each higher, or each lower, than the one
   before (a point equal to the one before breaks it);
4. two out of three consecutive points close to the same limit (or beyond it).

Each measure has an improvement direction, so a signal reads as an
improvement or a concern in words. With fewer than `MIN_POINTS_FOR_LIMITS`
points the chart is a run chart (median line, no limits) and says so.
Pure functions: no database, no Django.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

LIMIT_FACTOR = 2.66
RUN_LENGTH = 7
MIN_POINTS_FOR_LIMITS = 12

UP = "up"
DOWN = "down"
NEUTRAL = "neutral"

IMPROVEMENT = "improvement"
CONCERN = "concern"
NEITHER = "neither"


@dataclass
class Signal:
    rule: str  # "outside", "shift", "trend", "two_of_three"
    index: int  # the point it is flagged on
    high: bool  # above the mean / rising / near the upper limit
    reading: str  # improvement, concern or neither

    @property
    def words(self) -> str:
        what = {
            "outside": "a point {side} the {limit} process limit",
            "shift": "a run of {n} or more points {side} the mean",
            "trend": "{n} or more points each {direction} than the one before",
            "two_of_three": "two of three points close to the {limit} process limit",
        }[self.rule].format(
            side="above" if self.high else "below",
            limit="upper" if self.high else "lower",
            n=RUN_LENGTH,
            direction="higher" if self.high else "lower",
        )
        verdict = {
            IMPROVEMENT: "special cause: improvement",
            CONCERN: "special cause: concern",
            NEITHER: "special cause",
        }[self.reading]
        return f"{verdict} ({what})"


@dataclass
class Chart:
    values: list[float]
    direction: str
    centre: float | None  # the mean (XmR) or the median (run chart)
    upper: float | None = None
    lower: float | None = None
    mean_moving_range: float | None = None
    signals: list[Signal] = field(default_factory=list)

    @property
    def has_limits(self) -> bool:
        return self.upper is not None

    @property
    def kind(self) -> str:
        return "XmR chart" if self.has_limits else "run chart"

    def signals_at(self, index: int) -> list[Signal]:
        return [signal for signal in self.signals if signal.index == index]

    @property
    def summary(self) -> str:
        """What the chart shows, in words (beside it on the page and the PDF)."""
        if not self.values:
            return "No readings yet."
        if not self.has_limits:
            return (
                f"{len(self.values)} readings: too few for process limits "
                f"(they need at least {MIN_POINTS_FOR_LIMITS}), so this is a run chart "
                "around the median."
            )
        if not self.signals:
            return (
                "Common cause variation only: the points vary around the mean "
                "within the process limits, with no sign of a change."
            )
        readings = {signal.reading for signal in self.signals}
        if readings == {IMPROVEMENT}:
            head = "Special cause variation showing improvement"
        elif readings == {CONCERN}:
            head = "Special cause variation showing concern"
        else:
            latest = max(self.signals, key=lambda s: s.index).reading
            head = (
                "Special cause variation"
                if latest == NEITHER
                else f"Special cause variation, the most recent showing {latest}"
            )
        rules = sorted({signal.rule for signal in self.signals}, key=RULE_ORDER.index)
        names = ", ".join(RULE_NAMES[rule] for rule in rules)
        return f"{head}: {names}."


RULE_ORDER = ["outside", "shift", "trend", "two_of_three"]
RULE_NAMES = {
    "outside": "a point outside the process limits",
    "shift": f"a shift (a run of {RUN_LENGTH} or more points on one side of the mean)",
    "trend": f"a trend ({RUN_LENGTH} or more points rising or falling)",
    "two_of_three": "two of three points close to a process limit",
}


def _reading(high: bool, direction: str) -> str:
    if direction == NEUTRAL:
        return NEITHER
    return IMPROVEMENT if high == (direction == UP) else CONCERN


def moving_ranges(values: list[float]) -> list[float]:
    return [abs(b - a) for a, b in zip(values, values[1:], strict=False)]


def xmr(values: list[float], *, direction: str = NEUTRAL) -> Chart:
    """The chart for a series of readings (oldest first)."""
    values = [float(v) for v in values]
    if len(values) < MIN_POINTS_FOR_LIMITS:
        centre = statistics.median(values) if values else None
        return Chart(values=values, direction=direction, centre=centre)
    mean = statistics.fmean(values)
    mr_bar = statistics.fmean(moving_ranges(values))
    upper = mean + LIMIT_FACTOR * mr_bar
    lower = mean - LIMIT_FACTOR * mr_bar
    chart = Chart(
        values=values,
        direction=direction,
        centre=mean,
        upper=upper,
        lower=lower,
        mean_moving_range=mr_bar,
    )
    chart.signals = _signals(values, mean, upper, lower, direction)
    return chart


def _signals(values, mean, upper, lower, direction) -> list[Signal]:
    signals: list[Signal] = []

    def flag(rule, index, high):
        signals.append(Signal(rule, index, high, _reading(high, direction)))

    # 1. Outside the limits.
    for i, value in enumerate(values):
        if value > upper:
            flag("outside", i, True)
        elif value < lower:
            flag("outside", i, False)

    # 2. Shift: a run of RUN_LENGTH or more on one side; every point of the run is flagged.
    run_side, run_start = 0, 0
    for i, value in enumerate([*values, mean]):
        side = (value > mean) - (value < mean)
        if side != run_side or i == len(values):
            if run_side and i - run_start >= RUN_LENGTH:
                for j in range(run_start, i):
                    flag("shift", j, run_side > 0)
            run_side, run_start = side, i

    # 3. Trend: RUN_LENGTH or more points each higher (lower) than the one before.
    steps = [(b > a) - (b < a) for a, b in zip(values, values[1:], strict=False)]
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i] and steps[i] != 0:
            j += 1
        points = j - i + 1  # j - i steps join j - i + 1 points
        if steps[i] != 0 and points >= RUN_LENGTH:
            for k in range(i, j + 1):
                flag("trend", k, steps[i] > 0)
        i = max(j, i + 1)

    # 4. Two of three consecutive points close to (beyond 2/3 of the way to) the same limit.
    near_upper = mean + (upper - mean) * 2 / 3
    near_lower = mean - (mean - lower) * 2 / 3
    flagged: set[tuple[int, bool]] = set()
    for start in range(len(values) - 2):
        window = range(start, start + 3)
        for high in (True, False):
            close = [
                k for k in window if (values[k] > near_upper if high else values[k] < near_lower)
            ]
            if len(close) >= 2:
                for k in close:
                    if (k, high) not in flagged:
                        flagged.add((k, high))
                        flag("two_of_three", k, high)
    signals.sort(key=lambda s: (s.index, RULE_ORDER.index(s.rule)))
    return signals
