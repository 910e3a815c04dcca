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

from babel.dates import format_skeleton

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Colour-blind-safe (Okabe-Ito), in outcome order.
PALETTE = ("#009E73", "#E69F00", "#D55E00", "#0072B2", "#CC79A7", "#56B4E9", "#F0E442", "#000")
MAX_LABELS = 12  # day labels shown under the bars; the rest are ticks only


def stacked_days_png(
    days: Sequence[date],
    series: Mapping[str, Sequence[int]],
    title: str,
    ylabel: str = "actions",
    labels: Sequence[str] | None = None,
) -> bytes:
    """Bars per day, stacked by series (label -> one count per day), as PNG bytes; ``labels``
    name the days (by default in English: :func:`day_labels`)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    for label, counts in series.items():
        if len(counts) != len(days):
            raise ValueError(f"series {label!r} has {len(counts)} values for {len(days)} days")
    figure = Figure(figsize=(8, 4), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(days)))
    bottom = [0] * len(days)
    for index, (label, counts) in enumerate(series.items()):
        axes.bar(
            positions,
            counts,
            bottom=bottom,
            label=label,
            color=PALETTE[index % len(PALETTE)],
            width=0.8,
        )
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    named = list(labels) if labels is not None else day_labels(days)
    if len(named) != len(days):
        raise ValueError(f"{len(named)} labels for {len(days)} days")
    step = max(1, -(-len(days) // MAX_LABELS))
    axes.set_xticks(positions[::step], named[::step])
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(ylabel)
    axes.set_title(title[:80])
    axes.spines[["top", "right"]].set_visible(False)
    if series:
        axes.legend(loc="upper left", fontsize=8, frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def day_labels(days: Sequence[date], language: str = "en") -> list[str]:
    """Short day labels under the bars: 'Jan 6' in English, '6 ene' in Spanish (CLDR)."""
    return [format_skeleton("MMMd", day, locale=language) for day in days]
