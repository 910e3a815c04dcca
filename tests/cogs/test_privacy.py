"""The privacy cog in the console: confirmations, the leaderboard door, export and retention."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.domain.errors import NotAllowed
from bot.domain.models import Community
from bot.messages import Message, PostedRef
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript


async def say(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    transcript.clear()
    for line in lines:
        await console.handle(line)
    return transcript.text


async def member_count(services: Services, user: str) -> int:
    row = await services.db.fetchone("SELECT count(*) FROM members WHERE user_id = ?", (user,))
    assert row is not None
    return int(row[0])


async def test_forgetme_asks_first(console: ConsoleHost, transcript: Transcript) -> None:
    """/forgetme erases nothing by itself: it shows a danger button and Cancel."""
    text = await say(console, transcript, "/as ann", "/setzip clear", "/forgetme")
    assert "[Erase everything about me] [Cancel]" in text
    [button] = [b for b in console.messages[2].buttons if b.label.startswith("Erase")]
    assert button.style == "danger"
    assert await member_count(console.services, "ann") == 1


async def test_another_member_cannot_confirm(
    console: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """bob pressing ann's confirmation is told so, and ann is still there."""
    await say(console, transcript, "/as ann", "/privacy leaderboard off", "/forgetme")
    text = await say(console, transcript, "/as bob", "/press 2 Erase everything about me")
    assert "belongs to someone else, so nothing was erased" in text
    assert await member_count(services, "ann") == 1


async def test_pressing_twice_is_explained(
    console: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """The second press erases nothing more, says why, and leaves no row for ann."""
    await say(console, transcript, "/as ann", "/privacy leaderboard off", "/forgetme")
    first = await say(console, transcript, "/press 2 Erase everything about me")
    assert "Done: everything the bot kept about you is erased." in first
    second = await say(console, transcript, "/press 2 Erase everything about me")
    assert "already used or cancelled, so nothing more was done" in second
    assert await member_count(services, "ann") == 0


async def test_cancel_keeps_everything(
    console: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """Cancel answers that nothing was erased; the confirm button then does nothing."""
    await say(console, transcript, "/as ann", "/privacy leaderboard off", "/forgetme")
    assert "Cancelled: nothing was erased." in await say(console, transcript, "/press 2 Cancel")
    text = await say(console, transcript, "/press 2 Erase everything about me")
    assert "already used or cancelled" in text
    assert await member_count(services, "ann") == 1


async def test_the_leaderboard_door_is_the_same_rule(
    console: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """/privacy leaderboard off and /leaderboard optin change the same member flag."""
    await say(console, transcript, "/as ann", "/privacy leaderboard off")
    row = await services.db.fetchone("SELECT leaderboard_opt_out FROM members WHERE user_id='ann'")
    assert row is not None and row[0] == 1
    await say(console, transcript, "/leaderboard optin")
    shown = await say(console, transcript, "/privacy")
    assert "Leaderboard: you can appear on it" in shown


async def test_a_bad_leaderboard_word_is_explained(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """Anything but on or off gets the usage, not a change."""
    text = await say(console, transcript, "/as ann", "/privacy leaderboard maybe")
    assert "Write /privacy leaderboard on (show me) or /privacy leaderboard off" in text


async def test_closed_dms_get_the_file_privately(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """If the DM fails, the export is offered privately with the JSON file."""

    async def closed(community: Community, user_id: str, message: Message) -> PostedRef:
        raise NotAllowed("they do not accept direct messages from this server")

    console.send_dm = closed  # type: ignore[method-assign]
    text = await say(console, transcript, "/as ann", "/privacy export")
    assert "I could not send you a direct message (they do not accept" in text
    assert "(only you can see this)" in text
    [path] = re.findall(r"File saved: (\S+\.json)", text)
    assert json.loads(Path(path).read_text(encoding="utf-8"))["member"]["user_id"] == "ann"


async def test_members_cannot_set_retention(
    console: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """Only organizers set the retention period; a member is told so."""
    text = await say(console, transcript, "/as ann", "/privacy retention 30")
    assert "Only organizers can do that." in text
    row = await services.db.fetchone("SELECT count(*) FROM privacy_settings")
    assert row is not None and row[0] == 0


async def test_organizers_set_and_read_retention(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """An organizer sets 30 days, a bad value is explained and changes nothing."""
    await say(console, transcript, "/as olga organizer", "/privacy retention 30")
    bad = await say(console, transcript, "/privacy retention forever")
    assert "'forever' is not a period. Write a number of days from 1 to 3650, or off." in bad
    shown = await say(console, transcript, "/as ann", "/privacy retention")
    assert "kept 30 days, then folded into anonymous counts" in shown


async def test_one_day_of_retention_reads_one_day(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """A retention of 1 reads "1 day", never "1 days", when set and when shown."""
    done = await say(console, transcript, "/as olga organizer", "/privacy retention 1")
    assert "actions older than 1 day are folded into anonymous daily counts" in done
    shown = await say(console, transcript, "/privacy retention")
    assert "kept 1 day, then folded into anonymous counts" in shown
    assert "1 days" not in done + shown
    again = await say(console, transcript, "/privacy retention 2")
    assert "older than 2 days" in again


async def test_saved_exports_are_private_files(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """The console writes /privacy export and /export files readable by their owner only."""
    text = await say(console, transcript, "/as ann", "/privacy export")
    text += await say(console, transcript, "/as olga organizer", "/export")
    paths = [Path(p) for p in re.findall(r"File saved: (\S+)", text)]
    assert [p.suffix for p in paths] == [".json", ".csv"]
    for path in paths:
        assert path.stat().st_mode & 0o777 == 0o600, path


async def test_privacy_reads_in_plain_words(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """A member with a ZIP, weekday reminders and a reminder sent sees sentences, not rows."""
    await say(full_console, transcript, "/as olga organizer", "/campaign import irs-data-privacy")
    await say(
        full_console, transcript, "/as ann", "/setzip 05401", "/remind on 09:00 days:weekdays"
    )
    await say(full_console, transcript, "/as olga organizer", "/clock advance 2h")  # 09:00 EST
    shown = await say(full_console, transcript, "/as ann", "/privacy")
    for sentence in (
        "Your ZIP code: 05401 (used to find your lawmakers)",
        "Your congressional district: VT-AL (used to find your House member)",
        "Reminders: on, weekdays at 09:00 (since 5 January)",
        "1 reminder sent to you, on 5 January",
        "Leaderboard: you can appear on it",
    ):
        assert sentence in shown, sentence
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", shown), "a column name is shown"
    for raw in ("kind:", "subject:", "member:", "status:", "enabled_at"):
        assert raw not in shown
