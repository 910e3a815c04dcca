"""Find my district from my street address on Slack: the real slack-bolt app over Socket Mode
against the fake Slack and the fake Census geocoder, every cog and the full lawmaker data. The
button opens a modal; its answer goes once to the geocoder; nothing of it reaches a log, even
at DEBUG (slack_sdk logs each Socket Mode message whole there)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.models import Platform
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.settings import Settings, load_settings

from ...fakes.census_geocoder import FakeCensusGeocoder
from ...fakes.slack_server import TEAM_ID, FakeSlack

ASK = "Find my district from my street address"
ADDRESS = "1 Demo Street, Boston, MA 02134"  # MA-8 in the fake geocoder


@pytest.fixture
async def geocoder() -> AsyncIterator[FakeCensusGeocoder]:
    async with FakeCensusGeocoder() as fake:
        yield fake


@pytest.fixture
def full_settings(
    tmp_path: Path, full_data_dir: Path, geocoder: FakeCensusGeocoder, database_url: str | None
) -> Settings:
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
        geocoder_url=geocoder.url,
        geocoder_timeout=0.5,
    )


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every logger at DEBUG from before the host starts (slack-bolt copies the root's level
    into its app logger when the app is made)."""
    caplog.set_level(logging.DEBUG)
    return caplog


async def test_a_split_zip_resolved_by_address_in_a_modal(
    debug_logs: pytest.LogCaptureFixture,
    full_host: SlackHost,
    slack: FakeSlack,
    full_services: Services,
    geocoder: FakeCensusGeocoder,
) -> None:
    """/reps 02134 has the button; it opens a one-field modal saying where the address goes; the
    answer is looked up once, MA-8 offered and saved on Save; no log record holds the address."""
    reps = await (await slack.slash("/reps 02134", user="U1")).reply()
    await (await slack.click(reps.blocks, ASK, user="U1")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    assert view["callback_id"] == "address.form:02134"
    assert "Census Bureau" in str(view) and "never kept" in str(view)
    done = await slack.submit(view, {"field:street_address": ADDRESS}, user="U1")
    assert "payload" not in await done.ack(), "the modal closes"
    found = await slack.next_call("chat.postEphemeral", lambda c: c.args["user"] == "U1")
    assert "Your address is in *MA-8*" in found.text, found.text
    assert [r["address"] for r in geocoder.requests] == [ADDRESS]
    saved = await (await slack.click(found.blocks, "Save MA-8 as my district", user="U1")).reply()
    assert saved.args.get("response_type") == "ephemeral"
    assert "Saved: your district is MA-8." in saved.text
    actor = await full_services.members.actor(Platform.SLACK, TEAM_ID, "U1", False)
    assert (actor.member.zip, actor.member.district) == (None, "MA-8")
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in debug_logs.records).lower()
    assert "demo street" not in logged
    assert "withheld" in logged  # slack-bolt's payload log was there, and withheld


async def test_no_match_closes_the_modal_with_the_picker(
    full_host: SlackHost, slack: FakeSlack, geocoder: FakeCensusGeocoder
) -> None:
    """An address the geocoder does not know: one sentence and the district picker."""
    reps = await (await slack.slash("/reps 02134", user="U2")).reply()
    await (await slack.click(reps.blocks, ASK, user="U2")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    done = await slack.submit(view, {"field:street_address": "9 Nowhere Lane, Boston"}, user="U2")
    assert "payload" not in await done.ack()
    answer = await slack.next_call("chat.postEphemeral", lambda c: c.args["user"] == "U2")
    assert "found no match for that address" in answer.text
    assert "lawmakers.district" in str(answer.blocks)
