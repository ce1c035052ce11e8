"""The XmR chart against worked examples computed by hand: a flat series, a
step change, a steady rise, a single spike, two of three near a limit, and
too few points for limits."""

from __future__ import annotations

import pytest

from evaluation import spc


def test_limits_match_a_worked_example():
    # 12 points alternating 10 and 12: mean 11, every moving range 2 (11 of them),
    # so mean moving range 2 and limits 11 ± 2.66 × 2 = 5.68 and 16.32.
    values = [10, 12] * 6
    chart = spc.xmr(values, direction=spc.UP)
    assert chart.centre == pytest.approx(11)
    assert chart.mean_moving_range == pytest.approx(2)
    assert chart.upper == pytest.approx(16.32)
    assert chart.lower == pytest.approx(5.68)
    assert chart.signals == []
    assert chart.summary.startswith("Common cause variation only")


def test_a_flat_series_has_no_signals_and_zero_width_limits():
    chart = spc.xmr([7] * 15)
    assert chart.centre == 7 and chart.upper == 7 and chart.lower == 7
    # Every point is on the mean: no run on one side, no trend, none outside.
    assert chart.signals == []


def test_a_single_spike_is_a_point_outside_the_upper_limit():
    # 14 points of 10 and 11 alternating, one spike of 30 at index 7.
    values = [10, 11] * 7
    values[7] = 30
    chart = spc.xmr(values, direction=spc.DOWN)
    # mean = (7*10 + 6*11 + 30) / 14 = 166 / 14
    assert chart.centre == pytest.approx(166 / 14)
    # moving ranges: 1 everywhere except the two either side of the spike (20, 20 -> 19 and 20)
    # values[6]=10, values[7]=30, values[8]=10: ranges 20 and 20; 11 others of 1
    assert chart.mean_moving_range == pytest.approx((11 * 1 + 20 + 20) / 13)
    outside = [s for s in chart.signals if s.rule == "outside"]
    assert [(s.index, s.high) for s in outside] == [(7, True)]
    # Lower is better, so a high point is a concern, said in words.
    assert outside[0].reading == spc.CONCERN
    assert "special cause: concern" in outside[0].words
    assert "above the upper process limit" in outside[0].words


def test_a_step_change_is_a_shift_of_seven_or_more():
    # 8 points of 5 then 8 points of 15 (alternating ±1 to keep some variation).
    low = [4, 6] * 4
    high = [14, 16] * 4
    chart = spc.xmr(low + high, direction=spc.UP)
    assert chart.centre == pytest.approx(10)
    shift = [s for s in chart.signals if s.rule == "shift"]
    assert {s.index for s in shift if not s.high} == set(range(8))
    assert {s.index for s in shift if s.high} == set(range(8, 16))
    # Higher is better: the run above the mean reads as improvement, below as concern.
    assert {s.reading for s in shift if s.high} == {spc.IMPROVEMENT}
    assert {s.reading for s in shift if not s.high} == {spc.CONCERN}
    assert chart.summary.startswith(
        "Special cause variation, the most recent showing improvement: "
    )


def test_a_run_of_six_is_not_a_shift():
    values = [4, 6] * 3 + [14, 16] * 3 + [10, 10]
    values = values + [4, 16, 4, 16]  # 16 points, runs of 6 at most
    chart = spc.xmr(values)
    assert not [s for s in chart.signals if s.rule == "shift"]


def test_a_steady_rise_is_a_trend():
    # Flat, then a rise from 10 (index 4) to 17 (index 11), then flat: seven
    # rising steps join eight points, all flagged as the trend.
    values = [10, 10, 10, 10, 10, 11, 12, 13, 14, 15, 16, 17, 17, 17, 17]
    chart = spc.xmr(values, direction=spc.UP)
    trend = [s for s in chart.signals if s.rule == "trend"]
    assert [s.index for s in trend] == list(range(4, 12))
    assert {s.reading for s in trend} == {spc.IMPROVEMENT}


def test_six_rising_points_are_not_a_trend():
    values = [10, 10, 10, 10, 10, 10, 11, 12, 13, 14, 15, 10, 10, 10]
    chart = spc.xmr(values)
    assert not [s for s in chart.signals if s.rule == "trend"]


def test_two_of_three_close_to_a_limit():
    # 14 points alternating 10 and 11, with indices 9 and 10 raised to 14.
    # Sum 154, mean 11. Moving ranges: 4 (10 to 14), 0, 3 (14 to 11) and ten of 1:
    # 17 / 13. Upper limit 11 + 2.66 × 17/13 ≈ 14.48, "close" beyond
    # 11 + 2/3 × 3.48 ≈ 13.32: both 14s are close to the upper limit, inside it.
    values = [10, 11] * 7
    values[9] = 14
    values[10] = 14
    chart = spc.xmr(values)
    assert chart.centre == pytest.approx(11)
    assert chart.upper == pytest.approx(11 + 2.66 * 17 / 13)
    near = [s for s in chart.signals if s.rule == "two_of_three"]
    assert {s.index for s in near} == {9, 10}
    assert all(s.high for s in near)
    assert not [s for s in chart.signals if s.rule == "outside"]


def test_fewer_than_twelve_points_is_a_run_chart_without_limits():
    chart = spc.xmr([3, 9, 4, 8], direction=spc.UP)
    assert not chart.has_limits
    assert chart.kind == "run chart"
    assert chart.centre == 6  # the median
    assert chart.signals == []
    assert "too few for process limits" in chart.summary


def test_neutral_direction_reads_neither():
    values = [10, 11] * 7
    values[3] = 40
    chart = spc.xmr(values, direction=spc.NEUTRAL)
    assert chart.signals_at(3)[0].reading == spc.NEITHER
    assert chart.summary.startswith("Special cause variation:")
