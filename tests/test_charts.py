"""The /stats chart as drawn: its legend beside the bars, never on them, and a year of days
drawn as one shape per outcome (a thousand bars took seconds)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.charts import MAX_BARS, draw_stacked_days

OUTCOMES = ("Made contact", "Left voicemail", "Couldn't get through")


def chart(days: int) -> object:
    first = date(2026, 1, 1)
    span = [first + timedelta(days=i) for i in range(days)]
    series = {name: [(i * 7 + n * 3) % 11 for i in range(days)] for n, name in enumerate(OUTCOMES)}
    return draw_stacked_days(span, series, "Actions per day: IRS")


@pytest.mark.parametrize("days", [7, 30, 365])
def test_the_legend_is_beside_the_bars(days: int) -> None:
    figure = chart(days)
    renderer = figure.canvas.get_renderer()
    [axes] = figure.axes
    [key] = [a for a in figure.findobj() if a.get_gid() == "legend"]
    box, plot = key.get_window_extent(renderer), axes.get_window_extent(renderer)
    assert box.x0 > plot.x1, "the legend starts right of the plotting area"
    assert box.x1 <= figure.bbox.x1 and box.y0 >= figure.bbox.y0
    assert [text.get_text() for text in key.get_texts()] == list(OUTCOMES)


def test_many_days_are_one_shape_per_outcome() -> None:
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Rectangle

    [axes] = chart(365).axes
    assert len([c for c in axes.collections if isinstance(c, PolyCollection)]) == len(OUTCOMES)
    assert not [p for p in axes.patches if isinstance(p, Rectangle)]
    [axes] = chart(MAX_BARS).axes
    assert len(axes.patches) == MAX_BARS * len(OUTCOMES)  # up to two months: bars
