"""Repositories' ``?`` placeholders become PostgreSQL's ``$n``: only outside strings and
comments, in one linear pass, each text once."""

from __future__ import annotations

import gc
import time
from functools import cache

import pytest

from bot.storage.postgres.placeholders import to_numbered


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 1", "SELECT 1"),
        ("SELECT ?", "SELECT $1"),
        ("UPDATE t SET a = ?, b = ? WHERE id = ?", "UPDATE t SET a = $1, b = $2 WHERE id = $3"),
        ("SELECT '?', ?", "SELECT '?', $1"),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"),
        ('SELECT "odd?name", ?', 'SELECT "odd?name", $1'),
        ('SELECT "a""?", ?', 'SELECT "a""?", $1'),
        ("SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"),
        (
            "SELECT ? /* a ? /* nested ? */ still ? */ , ?",
            "SELECT $1 /* a ? /* nested ? */ still ? */ , $2",
        ),
        ("SELECT $$?$$, ?", "SELECT $$?$$, $1"),
        ("SELECT $q$ it's ? $q$, ?", "SELECT $q$ it's ? $q$, $1"),
        ("SELECT a$b, ?", "SELECT a$b, $1"),
        ("SELECT ?, 'never closed ?", "SELECT $1, 'never closed ?"),
        ("SELECT ?, /* never closed ?", "SELECT $1, /* never closed ?"),
        ("SELECT ?, $x$ never closed ?", "SELECT $1, $x$ never closed ?"),
        ("SELECT ?--?", "SELECT $1--?"),
    ],
)
def test_placeholders_outside_strings_and_comments(sql: str, expected: str) -> None:
    assert to_numbered(sql) == expected


def test_each_text_is_translated_once() -> None:
    sql = "SELECT ? + ? AS cached_once"
    before = to_numbered.cache_info().hits
    assert to_numbered(sql) == to_numbered(sql) == "SELECT $1 + $2 AS cached_once"
    assert to_numbered.cache_info().hits == before + 1


HOSTILE = ["'?", "/*?", "*/?", "$a$?", "$?", "?", "--?\n", '"?', "a$?", "''?", "$$?"]
NORMAL = "(?,?,'a'),"  # a long VALUES list: the most placeholders a statement normally has
SLOWDOWN = 20  # how many times slower than a normal statement of the same length is too slow
SIZES = (2_000, 32_000)  # characters; at the last a quadratic pass is thousands of times slower


def _cost(text: str) -> float:
    """The best of three timings of one translation (the cache bypassed, no collection)."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            to_numbered.__wrapped__(text)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


@cache
def _normal_cost(size: int) -> float:
    return _cost((NORMAL * (size // len(NORMAL) + 1))[:size])


@pytest.mark.parametrize("unit", HOSTILE)
def test_hostile_text_is_translated_in_linear_time(unit: str) -> None:
    """Runs of quotes, comment and dollar-quote openers that never close cost about what a
    normal statement of the same length does; sizes grow and the first too slow fails."""
    for size in SIZES:
        hostile = (unit * (size // len(unit) + 1))[:size]
        ratio = _cost(hostile) / max(_normal_cost(size), 1e-7)
        assert ratio < SLOWDOWN, (unit, size, ratio)
