"""A synthetic before-and-after of the lawmaker data, built from the offline mirror.

After the change:
- NC: ZIP 27530 moves from NC-1 to NC-2 (both districts change meaning; 27531 stays in NC-1);
  NC-14 is gone: its ZIP areas go to NC-13 and its member, Tim Moore, leaves.
- VT-AL: Becca Balint leaves; Zed Newcomer holds the seat.
- House Ways and Means: Vern Buchanan is chair; Jason Smith is an ordinary member.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from bot.civic.sync import sync

FILES = (
    "legislators-current.json",
    "legislators-district-offices.json",
    "committees-current.json",
    "committee-membership-current.json",
    "zccd.csv",
)
MOVED_ZIP = "27530"  # NC-1 -> NC-2
STAYING_ZIP = "27531"  # NC-1 before and after
GONE_ZIP = "28012"  # NC-14 -> NC-13
LEFT_NC = "M001236"  # Tim Moore, NC-14
BALINT = "B001318"  # VT-AL before
NEWCOMER = "Z000099"
NEWCOMER_NAME = "Zed Newcomer"
OLD_CHAIR, NEW_CHAIR = "S001195", "B001260"  # Jason Smith -> Vern Buchanan (HSWM)


@dataclass(frozen=True)
class ChangedData:
    before_mirror: Path
    after_mirror: Path
    before_index: Path
    after_index: Path


def _copy_mirror(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in FILES:
        shutil.copy(source / name, target / name)
    return target


def _edit_zccd(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    si, zi, ci = header.index("state_abbr"), header.index("zcta"), header.index("cd")
    for row in body:
        if row[si] != "NC":
            continue
        if row[zi] == MOVED_ZIP and row[ci] == "1":
            row[ci] = "2"
        elif row[ci] == "14":
            row[ci] = "13"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path.write_text(out.getvalue(), encoding="utf-8")


def _edit_legislators(path: Path) -> None:
    people = json.loads(path.read_text(encoding="utf-8"))
    kept = []
    for person in people:
        bioguide = person["id"]["bioguide"]
        if bioguide == LEFT_NC:
            continue
        if bioguide == BALINT:
            person = json.loads(json.dumps(person))
            person["id"] = {"bioguide": NEWCOMER}
            person["name"] = {"first": "Zed", "last": "Newcomer", "official_full": NEWCOMER_NAME}
            person["terms"][-1]["phone"] = "202-225-0199"
            person["terms"][-1]["start"] = "2025-12-02"  # a special election: same Congress
        kept.append(person)
    path.write_text(json.dumps(kept), encoding="utf-8")


def _edit_membership(path: Path) -> None:
    committees = json.loads(path.read_text(encoding="utf-8"))
    for member in committees["HSWM"]:
        if member["bioguide"] == OLD_CHAIR:
            member.pop("title", None)
        elif member["bioguide"] == NEW_CHAIR:
            member["title"] = "Chair"
    path.write_text(json.dumps(committees), encoding="utf-8")


async def build(mirror: Path, folder: Path) -> ChangedData:
    """Both mirrors and both installed indexes (one sync each)."""
    before = _copy_mirror(mirror, folder / "before-mirror")
    after = _copy_mirror(mirror, folder / "after-mirror")
    _edit_zccd(after / "zccd.csv")
    _edit_legislators(after / "legislators-current.json")
    _edit_membership(after / "committee-membership-current.json")
    old = await sync(folder / "before", str(before))
    new = await sync(folder / "after", str(after))
    return ChangedData(before, after, old.path, new.path)
