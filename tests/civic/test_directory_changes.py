"""What a change of lawmaker data changes (bot/core/directory_changes.py), on the small fake
mirror: districts whose ZIP areas moved or that are gone, committee leaders, lawmakers who left,
and the sentences organizers read about their campaigns' targets."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.civic import Directory
from bot.civic.usps import usps_table_from_records
from bot.core.directory_changes import GONE, MOVED, diff, snapshot_of, target_notices
from bot.domain.targets import parse_targets
from bot.i18n.stored import keep, kept
from bot.i18n.translator import Translators
from tests.civic.civic_fakes import (
    COMMITTEES,
    LEGISLATORS,
    MEMBERSHIP,
    USPS_RECORDS,
    ZCCD_ROWS,
    _usps,
    write_mirror,
    zccd_text,
)


async def synced(run_sync: Callable[..., Any], folder: Path, **overrides: Any) -> Directory:
    options = {k: overrides.pop(k) for k in ("usps",) if k in overrides}
    mirror = write_mirror(folder / "mirror", **overrides)
    report = await run_sync(mirror, folder / "data", **options)
    return report.directory


async def test_the_same_data_changes_nothing(run_sync: Callable[..., Any], tmp_path: Path) -> None:
    """Two syncs of the same files: nothing moved, nobody left (only the version differs)."""
    first = snapshot_of(await synced(run_sync, tmp_path / "a"))
    second = snapshot_of(await synced(run_sync, tmp_path / "b"))
    assert not diff(first, second)
    assert first.districts == second.districts and "CA-1" in first.districts


async def test_moved_and_gone_districts(run_sync: Callable[..., Any], tmp_path: Path) -> None:
    """Redding (96001) moves from CA-1 to CA-2, and CA-14 (vacant) loses its only ZIP area: CA-1
    and CA-2 moved, CA-14 is gone. A ZIP the USPS adds in an at-large state moves nothing: an
    at-large seat is the whole state."""
    before = snapshot_of(await synced(run_sync, tmp_path / "before"))
    rows = [
        (fips, state, zcta, "2" if zcta == "96001" else cd)
        for fips, state, zcta, cd in ZCCD_ROWS
        if zcta != "94536"
    ]
    more_zips = usps_table_from_records(
        [*USPS_RECORDS, _usps("05403", "South Burlington", "VT", "America/New_York", 44.45, -73.2)],
        "a newer USPS table",
    )
    after = snapshot_of(
        await synced(run_sync, tmp_path / "after", zccd_csv=zccd_text(rows), usps=more_zips)
    )
    assert dict(diff(before, after).districts) == {"CA-1": MOVED, "CA-2": MOVED, "CA-14": GONE}


async def test_leaders_and_departures_make_sentences_for_organizers(
    run_sync: Callable[..., Any], tmp_path: Path
) -> None:
    """Ways and Means gets a new chair, Peter Welch leaves, Agriculture is dropped: each target
    naming them gets one sentence; targets that did not change get none."""
    old = await synced(run_sync, tmp_path / "before")
    membership = json.loads(json.dumps(MEMBERSHIP))
    for seat in membership["HSWM"]:  # Pappas chairs; Huffman stays as a member
        if seat["bioguide"] == "H001068":
            del seat["title"]
        elif seat["bioguide"] == "P000614":
            seat["title"] = "Chairman"
    committees = [c for c in COMMITTEES if c["thomas_id"] != "HSAG"]
    new = await synced(
        run_sync,
        tmp_path / "after",
        committee_membership_current_json=json.dumps(membership),
        committees_current_json=json.dumps(committees),
        legislators_current_json=json.dumps(
            [p for p in LEGISLATORS if p["id"]["bioguide"] != "W000800"]
        ),
    )
    before, after = snapshot_of(old), snapshot_of(new)
    changes = diff(before, after)
    assert changes.left == {"W000800"}
    assert set(changes.committees) == {"HSWM", "HSAG"}
    targets = parse_targets("mine leaders:HSWM member:W000800 committee:HSAG leaders:SSFI")
    said = [str(text) for text in target_notices(targets, changes, new, before.names)]
    assert said == [
        "The chair of the House Committee on Ways and Means is now Rep. Chris Pappas (D-NH-1) "
        "(was Jared Huffman).",
        "Sen. Peter Welch (D-VT) is no longer in office, so member:W000800 is skipped in "
        "scripts; pick another target with /campaign edit.",
        "House Committee on Agriculture (HSAG) is no longer in the lawmaker data, so "
        "committee:HSAG is skipped in scripts; pick another target with /campaign edit.",
    ]
    said_texts = target_notices(targets, changes, new, before.names)
    kept_then_read = [  # as the digest reads them from the database, in Spanish
        Translators()("es").render(kept(keep(text)) or "") for text in said_texts
    ]
    assert kept_then_read[0] == (
        "La presidencia del Comité de Medios y Arbitrios de la Cámara de Representantes ahora "
        "la ocupa Cámara de Representantes: Chris Pappas (D-NH-1) (antes: Jared Huffman)."
    )  # the test data gives no gender: the neutral title (else 'Representante Chris Pappas')
    assert str(kept(keep(said_texts[0]))) == said[0]  # English reads back as it was
    assert kept_then_read[2].startswith(
        "Comité de Agricultura de la Cámara de Representantes (HSAG) ya no está en los datos"
    )
