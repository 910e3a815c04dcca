"""Counts over a window of community days, with the settled days kept in memory.

A trailing window (the last 30 days) is answered from per-day data no monthly or all-time
roll-up covers, which over a big history means grouping tens of thousands of rows. But all its
days except the last rarely change: each community day has a version in the database that
every change to that day's counts moves (the triggers of migration 0006 keep it). So the
counts of the window's earlier days are computed once and reused while none of their versions
has moved; the last day (usually today, where new reports land) is read every time.

When the window slides (a new day begins), the kept counts move with it: the days that left
are subtracted and the days that joined are added, both read from the database. A day that
left can be subtracted only if its version has not moved since it was counted (its counts are
then the same ones); otherwise, and when an earlier day inside the window changed, the counts
are computed again in full.

Versions are read before the counts they tag: a change landing between the two leaves counts
tagged older than they are, which costs one more reload and never a stale answer. Days that
leave are checked again after they are read, for the same reason.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

Versions = Callable[[int, date, date], Awaitable[dict[str, int]]]
"""(community id, first, last) -> {'YYYY-MM-DD': version} of the days in that range."""

Load = Callable[[date, date], Awaitable[dict[K, int]]]
"""(first, last) -> counts over those days (both included), only counts above zero."""


@dataclass
class _Memo(Generic[K]):
    first: date
    last: date
    versions: dict[str, int]
    counts: dict[K, int]


class SettledCounts(Generic[K]):
    """Window counts: a memo of each window's settled days, checked by their versions."""

    def __init__(self, versions: Versions, size: int = 16) -> None:
        self._versions = versions
        self._size = size
        self._memos: OrderedDict[Hashable, _Memo[K]] = OrderedDict()
        self.loads = 0  # full loads of settled days so far (no memo, or one out of date)
        self.slides = 0  # memos moved to a later window by reading only the days that changed

    async def window(
        self, kind: Hashable, community_id: int, first: date, last: date, load: Load[K]
    ) -> dict[K, int]:
        """Counts from ``first`` to ``last``; ``kind`` names what ``load`` counts."""
        settled = last - timedelta(days=1)
        if settled < first:
            return dict(await load(last, last))
        key = (kind, community_id, (settled - first).days)
        kept = self._memos.get(key)
        memo = None if kept is None else await self._reuse(kept, community_id, first, settled, load)
        if memo is None:
            self.loads += 1
            versions = await self._versions(community_id, first, settled)
            memo = _Memo(first, settled, versions, dict(await load(first, settled)))
        self._memos[key] = memo
        self._memos.move_to_end(key)
        while len(self._memos) > self._size:
            self._memos.popitem(last=False)
        found = dict(memo.counts)
        _add(found, await load(last, last), 1)
        return found

    async def _reuse(
        self, memo: _Memo[K], community_id: int, first: date, last: date, load: Load[K]
    ) -> _Memo[K] | None:
        """The memo, moved to [first, last] if it can be; None when it must be rebuilt."""
        low, high = min(first, memo.first), max(last, memo.last)
        now = await self._versions(community_id, low, high)
        kept = _days(memo.first, memo.last)
        if any(now.get(day.isoformat()) != memo.versions.get(day.isoformat()) for day in kept):
            return None  # a counted day changed: its old counts are not known any more
        if (first, last) == (memo.first, memo.last):
            return memo
        wanted = _days(first, last)
        gone, new = sorted(kept - wanted), sorted(wanted - kept)
        if len(gone) + len(new) >= len(wanted):
            return None  # reading the whole window is as cheap
        counts = dict(memo.counts)
        for start, end in _runs(gone):
            _add(counts, await load(start, end), -1)
        if gone:  # the days that left must still be as they were counted
            again = await self._versions(community_id, gone[0], gone[-1])
            if any(again.get(d.isoformat()) != memo.versions.get(d.isoformat()) for d in gone):
                return None
        for start, end in _runs(new):
            _add(counts, await load(start, end), 1)
        self.slides += 1
        span = (first.isoformat(), last.isoformat())
        versions = {day: v for day, v in now.items() if span[0] <= day <= span[1]}
        return _Memo(first, last, versions, counts)


def _add(counts: dict[K, int], more: dict[K, int], sign: int) -> None:
    for item, n in more.items():
        total = counts.get(item, 0) + sign * n
        if total:
            counts[item] = total
        else:
            counts.pop(item, None)


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as (first, last) runs of consecutive days."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
