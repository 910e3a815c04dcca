"""Tile maps as PNG bytes: the 50 states, DC and five territories as equal squares on a fixed
grid (no shape files), and a grid of named tiles by category (a committee's stances).

Drawn like :mod:`bot.charts`: matplotlib imported on first use, the object API only (no pyplot,
no global state), so a worker thread can draw while the event loop goes on. Colours are
colour-blind-safe (cividis for amounts, Okabe-Ito for categories); the legend has axes of its
own beside the tiles, so it never covers one. Words come in already in the reader's language.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# (row, column) of each tile: the usual tile-grid map of the US, the territories on a last row
# (the Pacific ones under Hawaii, the Caribbean ones beside Florida).
STATE_GRID: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (0, 10),
    "WI": (1, 5), "VT": (1, 9), "NH": (1, 10),
    "WA": (2, 0), "ID": (2, 1), "MT": (2, 2), "ND": (2, 3), "MN": (2, 4), "IL": (2, 5),
    "MI": (2, 6), "NY": (2, 8), "MA": (2, 9),
    "OR": (3, 0), "NV": (3, 1), "WY": (3, 2), "SD": (3, 3), "IA": (3, 4), "IN": (3, 5),
    "OH": (3, 6), "PA": (3, 7), "NJ": (3, 8), "CT": (3, 9), "RI": (3, 10),
    "CA": (4, 0), "UT": (4, 1), "CO": (4, 2), "NE": (4, 3), "MO": (4, 4), "KY": (4, 5),
    "WV": (4, 6), "VA": (4, 7), "MD": (4, 8), "DE": (4, 9),
    "AZ": (5, 1), "NM": (5, 2), "KS": (5, 3), "AR": (5, 4), "TN": (5, 5), "NC": (5, 6),
    "SC": (5, 7), "DC": (5, 8),
    "OK": (6, 3), "LA": (6, 4), "MS": (6, 5), "AL": (6, 6), "GA": (6, 7),
    "HI": (7, 0), "TX": (7, 3), "FL": (7, 8),
    "GU": (8, 0), "MP": (8, 1), "AS": (8, 2), "PR": (8, 9), "VI": (8, 10),
}  # fmt: skip
SEQUENTIAL = "cividis"  # perceptually even and readable with every common colour blindness
EMPTY = "#E8E8E8"  # a place with nothing to shade (no calls)
TILE_GAP = 0.08  # share of a cell left between tiles
TITLE_MAX = 90
MIN_FONT = 7.0  # points: about 10 pixels at the figures' 100 dpi, the least a chat shows legibly


@dataclass(frozen=True, slots=True)
class Tile:
    """One tile of a category map: its label (a line or two) and its category's key."""

    label: str
    category: str


@dataclass(frozen=True, slots=True)
class Category:
    """A category of a category map: how the legend names it, its colour and a mark drawn on
    its tiles (so the map reads without telling colours apart)."""

    name: str
    color: str
    mark: str = ""


def state_map_png(
    values: Mapping[str, float],
    shown: Mapping[str, str],
    title: str,
    legend: str,
    empty: str,
) -> bytes:
    """Every tile of :data:`STATE_GRID` shaded by ``values`` (a place missing or at 0 is
    ``EMPTY``), with the text ``shown`` under its code; a colour bar titled ``legend`` and a
    swatch named ``empty`` beside the tiles."""
    return _png(draw_state_map(values, shown, title, legend, empty))


def draw_state_map(
    values: Mapping[str, float],
    shown: Mapping[str, str],
    title: str,
    legend: str,
    empty: str,
) -> Any:
    """The figure of :func:`state_map_png` (tests measure where its parts are drawn)."""
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.patches import Patch

    figure, tiles = _figure(9.0, 6.2, title)
    cmap = colormaps[SEQUENTIAL]
    top = max((v for v in values.values() if v > 0), default=0.0)
    norm = Normalize(vmin=0, vmax=top or 1.0)
    labels = []
    for state, (row, column) in STATE_GRID.items():
        value = values.get(state, 0.0)
        color = cmap(norm(value)) if value > 0 else EMPTY
        text = state + (f"\n{shown[state]}" if shown.get(state) else "")
        labels.append(_tile(tiles, row, column, color, text, gid=state))
    _frame(tiles, rows=max(r for r, _ in STATE_GRID.values()) + 1, columns=11)
    _fit(figure, tiles, labels)
    bar = figure.add_axes((0.86, 0.30, 0.025, 0.52))
    figure.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=bar)
    bar.set_title(legend, fontsize=9, loc="left", pad=8, wrap=True)
    bar.tick_params(labelsize=9)
    bar.set_gid("legend")
    swatch = figure.legend(
        handles=[Patch(facecolor=EMPTY, edgecolor="#999", label=empty)],
        loc="lower left",
        bbox_to_anchor=(0.835, 0.12),
        fontsize=9,
        frameon=False,
    )
    swatch.set_gid("legend")
    return figure


def category_map_png(
    tiles: Sequence[Tile],
    categories: Mapping[str, Category],
    title: str,
    columns: int = 8,
) -> bytes:
    """``tiles`` in rows of ``columns``, each in its category's colour with its mark and label;
    a legend of the categories beside them."""
    return _png(draw_category_map(tiles, categories, title, columns))


def draw_category_map(
    tiles: Sequence[Tile],
    categories: Mapping[str, Category],
    title: str,
    columns: int = 8,
) -> Any:
    """The figure of :func:`category_map_png`."""
    from matplotlib.patches import Patch

    columns = max(1, min(columns, len(tiles) or 1))
    rows = max(1, -(-len(tiles) // columns))
    right = 0.78
    cell = 9.0 * (right - 0.03) / max(columns, 4)  # inches a tile takes
    figure, grid = _figure(9.0, 1.0 + cell * rows, title, right=right)
    labels = []
    for index, tile in enumerate(tiles):
        category = categories[tile.category]
        *first, last = tile.label.split("\n")
        text = "\n".join([*first, f"{category.mark} {last}".strip()])
        row, column = divmod(index, columns)
        labels.append(_tile(grid, row, column, category.color, text, gid=tile.category))
    _frame(grid, rows, max(columns, 4))
    _fit(figure, grid, labels)
    key = figure.legend(
        handles=[
            Patch(facecolor=c.color, edgecolor="#999", label=f"{c.mark} {c.name}".strip())
            for c in categories.values()
        ],
        loc="upper left",
        bbox_to_anchor=(0.80, 0.88),
        fontsize=10,
        frameon=False,
    )
    key.set_gid("legend")
    return figure


def _figure(width: float, height: float, title: str, right: float = 0.82) -> tuple[Any, Any]:
    """A figure with its title and the axes the tiles go in (the left part; the legend's room
    is to the right of ``right``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(figure)
    figure.suptitle(title[:TITLE_MAX], fontsize=13, x=0.02, ha="left")
    top = 1 - 0.75 / height  # room for the title, whatever the height
    tiles = figure.add_axes((0.01, 0.02, right - 0.02, top - 0.02))
    tiles.set_gid("tiles")
    return figure, tiles


def _tile(axes: Any, row: int, column: int, color: Any, text: str, gid: str) -> Any:
    from matplotlib.patches import Rectangle

    side = 1 - TILE_GAP
    square = Rectangle(
        (column + TILE_GAP / 2, row + TILE_GAP / 2), side, side, facecolor=color, linewidth=0
    )
    square.set_gid(f"tile:{gid}")
    axes.add_patch(square)
    lines = text.split("\n")
    return axes.text(
        column + 0.5,
        row + 0.5,
        text,
        ha="center",
        va="center",
        fontsize=10 if len(lines) == 1 and len(text) <= 3 else 8,
        color=_ink(color),
        fontweight="bold" if len(lines[0]) <= 3 else "normal",
        linespacing=1.15,
        gid=f"label:{gid}",
        clip_on=True,
    )


def _fit(figure: Any, axes: Any, labels: list[Any]) -> None:
    """Each label made small enough to fit its tile: a smaller font down to ``MIN_FONT``, then
    its lines cut short with an ellipsis."""
    renderer = figure.canvas.get_renderer()
    origin = axes.transData.transform((0, 0))
    room = (axes.transData.transform((1 - TILE_GAP, 0)) - origin)[0] * 0.92
    for label in labels:
        while label.get_window_extent(renderer).width > room and label.get_fontsize() > MIN_FONT:
            label.set_fontsize(label.get_fontsize() - 0.5)
        lines = label.get_text().split("\n")
        while label.get_window_extent(renderer).width > room:
            longest = max(range(len(lines)), key=lambda i: len(lines[i]))
            if len(lines[longest]) <= 2:
                break
            lines[longest] = lines[longest].rstrip("…")[:-1] + "…"
            label.set_text("\n".join(lines))


def _frame(axes: Any, rows: int, columns: int) -> None:
    axes.set_xlim(0, columns)
    axes.set_ylim(rows, 0)  # row 0 at the top
    axes.set_aspect("equal", anchor="NW")
    axes.set_axis_off()


def _ink(color: Any) -> str:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""
    from matplotlib.colors import to_rgb

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in to_rgb(color))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "black" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "white"


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
