"""The tile maps as drawn: every state, DC and territory, shading by known counts, colour-blind
palettes, labels that fit their tiles at a legible size, and a legend that covers no tile."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from bot.civic.geo import REPRESENTED
from bot.tile_maps import (
    EMPTY,
    MIN_FONT,
    SEQUENTIAL,
    STATE_GRID,
    Category,
    Tile,
    draw_category_map,
    draw_state_map,
    state_map_png,
)

STANCES = {
    "supports": Category("Supports", "#0072B2", "✓"),
    "opposes": Category("Opposes", "#D55E00", "✗"),
    "undecided": Category("Undecided", "#F0E442", "?"),
    "unknown": Category("Unknown", "#DDDDDD", "–"),
}


def state_map(values: dict[str, float]) -> Any:
    shown = {state: f"{value:.1f}" for state, value in values.items()}
    return draw_state_map(values, shown, "Calls by state: IRS, all time", "Calls", "No calls")


def drawn(figure: Any, kind: str) -> dict[str, Any]:
    """gid suffix -> artist, for the tiles ('tile') or their labels ('label')."""
    found: dict[str, Any] = {}
    for artist in figure.findobj():
        gid = artist.get_gid() or ""
        if gid.startswith(f"{kind}:"):
            found.setdefault(gid.split(":", 1)[1], []).append(artist)
    return found


def legends(figure: Any) -> list[Any]:
    return [a for a in figure.findobj() if a.get_gid() == "legend"]


def boxes_overlap(a: Any, b: Any) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_the_grid_has_every_state_dc_and_territory_once() -> None:
    assert set(STATE_GRID) == REPRESENTED and len(STATE_GRID) == 56
    assert len(set(STATE_GRID.values())) == 56, "two places share a cell"


def test_all_56_tiles_are_drawn_with_their_codes() -> None:
    figure = state_map({"VT": 3.0})
    tiles, labels = drawn(figure, "tile"), drawn(figure, "label")
    assert set(tiles) == REPRESENTED and all(len(found) == 1 for found in tiles.values())
    assert {label[0].get_text().split("\n")[0] for label in labels.values()} == REPRESENTED


def test_shading_follows_known_counts() -> None:
    """The most is the top of cividis, half of it the middle, none is the empty grey."""
    from matplotlib import colormaps
    from matplotlib.colors import to_rgba

    figure = state_map({"VT": 10.0, "CA": 5.0, "TX": 0.0})
    tiles = {state: found[0].get_facecolor() for state, found in drawn(figure, "tile").items()}
    cividis = colormaps[SEQUENTIAL]
    assert tiles["VT"] == pytest.approx(cividis(1.0))
    assert tiles["CA"] == pytest.approx(cividis(0.5))
    assert tiles["TX"] == pytest.approx(to_rgba(EMPTY)) == tiles["WY"]  # 0 and missing alike
    assert tiles["VT"] != tiles["CA"]


def test_the_legend_is_beside_the_tiles_never_on_them() -> None:
    figure = state_map({state: float(i) for i, state in enumerate(sorted(REPRESENTED))})
    renderer = figure.canvas.get_renderer()
    keys = [artist.get_window_extent(renderer) for artist in legends(figure)]
    assert len(keys) == 2  # the colour bar and the swatch of "No calls"
    page = figure.bbox
    for key in keys:
        assert page.x0 <= key.x0 and key.x1 <= page.x1 and page.y0 <= key.y0 and key.y1 <= page.y1
        for state, (tile,) in drawn(figure, "tile").items():
            assert not boxes_overlap(key, tile.get_window_extent(renderer)), state


def test_labels_fit_their_tiles_at_a_legible_size() -> None:
    """Even the widest values stay inside their tile, at 7 points or more."""
    figure = state_map({state: 12345.6 for state in REPRESENTED})
    renderer = figure.canvas.get_renderer()
    tiles, labels = drawn(figure, "tile"), drawn(figure, "label")
    for state, (label,) in labels.items():
        assert label.get_fontsize() >= MIN_FONT
        inside, box = label.get_window_extent(renderer), tiles[state][0].get_window_extent(renderer)
        assert box.x0 <= inside.x0 and inside.x1 <= box.x1, state
        assert box.y0 <= inside.y0 and inside.y1 <= box.y1, state


def test_stance_tiles_are_coloured_marked_and_labelled() -> None:
    from matplotlib.colors import to_rgba

    members = [Tile(f"Member{i}\nD-MA-{i}", stance) for i, stance in enumerate(STANCES)]
    members.append(Tile("Ocasio-Cortez-Longer-Name\nD-NY-14", "undecided"))
    figure = draw_category_map(members, STANCES, "Stances on IRS: Ways and Means (HSWM)")
    renderer = figure.canvas.get_renderer()
    tiles = [a for a in figure.findobj() if (a.get_gid() or "").startswith("tile:")]
    labels = [a for a in figure.findobj() if (a.get_gid() or "").startswith("label:")]
    assert len(tiles) == len(members) == len(labels)
    for tile, member in zip(tiles, members, strict=True):
        assert tile.get_facecolor() == pytest.approx(to_rgba(STANCES[member.category].color))
    marks = [label.get_text().split("\n")[-1][:1] for label in labels]
    assert marks == ["✓", "✗", "?", "–", "?"]  # readable without telling colours apart
    for label, tile in zip(labels, tiles, strict=True):
        inside, box = label.get_window_extent(renderer), tile.get_window_extent(renderer)
        assert box.x0 <= inside.x0 and inside.x1 <= box.x1
        assert label.get_fontsize() >= MIN_FONT
    [key] = legends(figure)
    texts = [text.get_text() for text in key.get_texts()]
    assert texts == ["✓ Supports", "✗ Opposes", "? Undecided", "– Unknown"]
    for tile in tiles:
        assert not boxes_overlap(key.get_window_extent(renderer), tile.get_window_extent(renderer))


def test_maps_draw_in_threads_at_once_like_one_by_one() -> None:
    """The object API keeps no global state: four threads drawing at once make the same PNG."""
    from matplotlib.image import imread

    values = {state: float(len(state) + i) for i, state in enumerate(sorted(REPRESENTED))}
    shown = {state: str(value) for state, value in values.items()}

    def draw(_: int) -> bytes:
        return state_map_png(values, shown, "Calls by state", "Calls", "No calls")

    alone = draw(0)
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(draw, range(4)))
    assert together == [alone] * 4
    assert imread(io.BytesIO(alone), format="png").shape[:2] == (620, 900)
