"""What the exported files say about their ids: /privacy export's "about" and "names", and the
note beside /export's CSV columns."""

from __future__ import annotations

import csv
import io
import json

from bot.domain.models import Platform
from bot.messages import Message
from bot.platforms.console.host import ConsoleHost

from ..conftest import Transcript
from ..core.actions_world import SANDERS


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        await console.handle(line)


def with_files(console: ConsoleHost) -> list[Message]:
    """The console's messages that carry files, in order."""
    return [
        console.messages[n] for n in sorted(console.messages) if console.messages[n].attachments
    ]


async def reported(console: ConsoleHost) -> None:
    """ann reports a call to Sen. Sanders from her script."""
    await feed(
        console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/as ann",
        "/setzip 05401",
    )
    await console.services.actions.report(
        await console.services.members.actor(Platform.CONSOLE, console.session, "ann", False),
        "contact",
        prompt_id=1,
        lawmaker=SANDERS,
    )


async def test_the_privacy_export_says_what_each_id_is(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """The JSON explains member_id, user_id, campaign_id, prompt_id and lawmaker, and names the
    campaign and the lawmaker behind the ids."""
    await reported(full_console)
    await feed(full_console, "/privacy export")
    [file] = with_files(full_console)[-1].attachments
    doc = json.loads(file.data)
    about = doc["about"]
    assert "internal number for you" in about["member_id"]
    assert "chat platform" in about["user_id"]
    assert "campaign" in about["campaign_id"] and "prompt" in about["prompt_id"]
    assert "bioguide" in about["lawmaker"]
    stored = {c for rows in doc["linked"].values() for row in rows for c in row}
    assert {c for c in stored if c == "id" or c.endswith("_id")} <= set(about)
    assert doc["names"]["lawmakers"] == {SANDERS: "Sen. Bernard Sanders (I-VT)"}
    assert doc["names"]["campaigns"] == {"1": "Keep tax records confidential"}


async def test_the_csv_export_explains_its_columns(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """/export's answer explains every column of its CSV, the lawmaker id as a bioguide id."""
    await reported(full_console)
    await feed(full_console, "/as olga organizer", "/export irs-data-privacy")
    answer = with_files(full_console)[-1]
    [file] = answer.attachments
    columns = next(csv.reader(io.StringIO(file.data.decode("utf-8"))))
    [note] = [f.value for f in answer.fields if f.name == "What the columns mean"]
    for column in columns:
        assert f"{column}:" in note, column
    assert "bioguide" in note
