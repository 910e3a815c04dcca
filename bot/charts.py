"""Charts as PNG bytes, drawn with matplotlib's Agg backend (no display needed).

matplotlib is imported on first use, not at startup (it takes a few hundred milliseconds),
and the figure is built with the object API (no pyplot, no global state), so drawing can run
in a worker thread while the event loop goes on. Words (title, axis, legend, day labels) come
in already in the reader's language: :func:`day_labels` writes days in a language's own way.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from babel.dates import format_skeleton

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Colour-blind-safe (Okabe-Ito), in outcome order.
PALETTE = ("#009E73", "#E69F00", "#D55E00", "#0072B2", "#CC79A7", "#56B4E9", "#F0E442", "#000")
MAX_LABELS = 12  # day labels shown under the bars; the rest are ticks only
MAX_BARS = 62  # days drawn as bars; more are drawn as stacked steps (one shape per series)
# Fixed margins (tight_layout would draw the figure twice); the legend has the right-hand side,
# outside the bars, so it never covers one.
MARGINS = {"left": 0.11, "right": 0.74, "top": 0.9, "bottom": 0.2}


def stacked_days_png(
    days: Sequence[date],
    series: Mapping[str, Sequence[int]],
    title: str,
    ylabel: str = "actions",
    labels: Sequence[str] | None = None,
) -> bytes:
    """Bars per day, stacked by series (label -> one count per day), as PNG bytes; ``labels``
    name the days (by default in English: :func:`day_labels`)."""
    figure = draw_stacked_days(days, series, title, ylabel, labels)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def draw_stacked_days(
    days: Sequence[date],
    series: Mapping[str, Sequence[int]],
    title: str,
    ylabel: str = "actions",
    labels: Sequence[str] | None = None,
) -> Any:
    """The figure of :func:`stacked_days_png` (tests measure where its parts are drawn)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    for label, counts in series.items():
        if len(counts) != len(days):
            raise ValueError(f"series {label!r} has {len(counts)} values for {len(days)} days")
    figure = Figure(figsize=(8, 4), dpi=100)
    FigureCanvasAgg(figure)
    figure.subplots_adjust(**MARGINS)
    axes = figure.add_subplot()
    positions = list(range(len(days)))
    bottom = [0] * len(days)
    for index, (label, counts) in enumerate(series.items()):
        color = PALETTE[index % len(PALETTE)]
        top = [b + c for b, c in zip(bottom, counts, strict=True)]
        if len(days) <= MAX_BARS:
            axes.bar(positions, counts, bottom=bottom, label=label, color=color, width=0.8)
        else:  # a year of bars is a thousand shapes to draw: the same steps as one shape
            axes.fill_between(
                positions, bottom, top, step="mid", label=label, color=color, linewidth=0
            )
        bottom = top
    named = list(labels) if labels is not None else day_labels(days)
    if len(named) != len(days):
        raise ValueError(f"{len(named)} labels for {len(days)} days")
    step = max(1, -(-len(days) // MAX_LABELS))
    axes.set_xticks(positions[::step], named[::step])
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(ylabel)
    axes.set_title(title[:80], loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    if series:
        key = axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, frameon=False)
        key.set_gid("legend")
    return figure


def day_labels(days: Sequence[date], language: str = "en") -> list[str]:
    """Short day labels under the bars: 'Jan 6' in English, '6 ene' in Spanish (CLDR)."""
    return [format_skeleton("MMMd", day, locale=language) for day in days]
