"""SettledCounts: a window's settled days come from memory while their versions stand."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.settled_counts import SettledCounts

MON = date(2026, 1, 5)


class Days:
    """Per-day counts and versions, as the database would keep them."""

    def __init__(self) -> None:
        self.counts: dict[date, dict[str, int]] = {}
        self.versions: dict[date, int] = {}
        self.loads: list[tuple[date, date]] = []
        self.during_load: list[tuple[date, str]] = []  # changes that land while a load runs

    def add(self, day: date, who: str, n: int = 1) -> None:
        self.counts.setdefault(day, {})
        self.counts[day][who] = self.counts[day].get(who, 0) + n
        self.versions[day] = self.versions.get(day, 0) + 1

    async def read_versions(self, community_id: int, first: date, last: date) -> dict[str, int]:
        return {d.isoformat(): v for d, v in self.versions.items() if first <= d <= last}

    async def load(self, first: date, last: date) -> dict[str, int]:
        self.loads.append((first, last))
        while self.during_load:
            self.add(*self.during_load.pop())
        total: dict[str, int] = {}
        for day, counts in self.counts.items():
            if first <= day <= last:
                for who, n in counts.items():
                    total[who] = total.get(who, 0) + n
        return total


def day(n: int) -> date:
    return MON + timedelta(days=n)


async def test_settled_days_are_loaded_once_and_the_last_day_every_time() -> None:
    """Asking twice reads the settled days once; a new report on the last day still shows."""
    days = Days()
    cache = SettledCounts[str](days.read_versions)
    days.add(day(0), "ann")
    days.add(day(1), "bob")
    assert await cache.window("m", 1, day(0), day(2), days.load) == {"ann": 1, "bob": 1}
    days.add(day(2), "ann")
    assert await cache.window("m", 1, day(0), day(2), days.load) == {"ann": 2, "bob": 1}
    assert days.loads.count((day(0), day(1))) == 1
    assert days.loads.count((day(2), day(2))) == 2
    assert cache.loads == 1


async def test_a_change_to_a_settled_day_is_seen() -> None:
    """A withdrawal on an earlier day moves its version, so the memo is rebuilt."""
    days = Days()
    cache = SettledCounts[str](days.read_versions)
    days.add(day(0), "ann", 2)
    assert await cache.window("m", 1, day(0), day(1), days.load) == {"ann": 2}
    days.add(day(0), "ann", -1)
    assert await cache.window("m", 1, day(0), day(1), days.load) == {"ann": 1}
    assert cache.loads == 2


async def test_a_change_during_a_load_is_never_kept_stale() -> None:
    """A report landing while the settled days load is counted by the next ask at the latest."""
    days = Days()
    cache = SettledCounts[str](days.read_versions)
    days.add(day(0), "ann")
    days.during_load.append((day(0), "bob"))
    await cache.window("m", 1, day(0), day(1), days.load)
    assert await cache.window("m", 1, day(0), day(1), days.load) == {"ann": 1, "bob": 1}


async def test_a_one_day_window_reads_that_day() -> None:
    """A window of one day has nothing settled: it is read directly and nothing is kept."""
    days = Days()
    cache = SettledCounts[str](days.read_versions)
    days.add(day(3), "cat")
    assert await cache.window("m", 1, day(3), day(3), days.load) == {"cat": 1}
    assert cache.loads == 0


async def test_kinds_and_communities_are_kept_apart() -> None:
    """The same days counted for another kind or community are not mixed up."""
    days, other = Days(), Days()
    cache = SettledCounts[str](days.read_versions)
    days.add(day(0), "ann")
    other.add(day(0), "zed")
    assert await cache.window("a", 1, day(0), day(1), days.load) == {"ann": 1}
    assert await cache.window("b", 1, day(0), day(1), other.load) == {"zed": 1}
    assert await cache.window("a", 2, day(0), day(1), other.load) == {"zed": 1}
    assert cache.loads == 3


async def test_only_the_most_recent_windows_are_kept() -> None:
    """Past its size the least recently asked window is dropped and loaded again if asked."""
    days = Days()
    cache = SettledCounts[str](days.read_versions, size=2)
    days.add(day(0), "ann")
    for first in (day(0), day(-1), day(-2)):
        await cache.window("m", 1, first, day(1), days.load)
    assert cache.loads == 3
    await cache.window("m", 1, day(-2), day(1), days.load)  # still kept
    assert cache.loads == 3
    await cache.window("m", 1, day(0), day(1), days.load)  # dropped: loaded again
    assert cache.loads == 4


async def test_a_window_that_slides_reads_only_the_days_that_moved() -> None:
    """The next day's window subtracts the day that left and adds the one that joined."""
    days = Days()
    cache = SettledCounts[str](days.read_versions)
    for n, who in enumerate(("ann", "bob", "cat", "ann", "bob")):
        days.add(day(n), who)
    assert await cache.window("m", 1, day(0), day(3), days.load) == {
        "ann": 2,
        "bob": 1,
        "cat": 1,
    }
    days.loads.clear()
    assert await cache.window("m", 1, day(1), day(4), days.load) == {
        "bob": 2,
        "cat": 1,
        "ann": 1,
    }
    assert (cache.loads, cache.slides) == (1, 1)
    assert (day(1), day(3)) not in days.loads, "the kept days are not read again"


async def test_a_member_whose_only_day_left_is_no_longer_counted() -> None:
    """Counts that drop to zero as days leave are removed, so the members count stays right."""
    days = Days()
    cache = SettledCounts[str](days.read_versions)
    days.add(day(0), "ann")
    days.add(day(1), "bob")
    await cache.window("m", 1, day(0), day(2), days.load)
    assert await cache.window("m", 1, day(1), day(3), days.load) == {"bob": 1}


async def test_a_changed_day_that_left_forces_a_full_read() -> None:
    """A day that changed after it was counted cannot be subtracted: all is read again."""
    days = Days()
    cache = SettledCounts[str](days.read_versions)
    days.add(day(0), "ann")
    days.add(day(1), "bob")
    await cache.window("m", 1, day(0), day(2), days.load)
    days.add(day(0), "cat")
    assert await cache.window("m", 1, day(1), day(3), days.load) == {"bob": 1}
    assert (cache.loads, cache.slides) == (2, 0)


async def test_a_day_that_changes_while_it_leaves_forces_a_full_read() -> None:
    """A change landing on a leaving day while it is read is caught by checking it again."""
    days = Days()
    cache = SettledCounts[str](days.read_versions)
    days.add(day(0), "ann")
    days.add(day(1), "bob")
    days.add(day(2), "cat")
    await cache.window("m", 1, day(0), day(3), days.load)
    days.during_load.append((day(0), "dan"))  # lands as the leaving day is read
    assert await cache.window("m", 1, day(1), day(4), days.load) == {"bob": 1, "cat": 1}
    assert cache.loads == 2
