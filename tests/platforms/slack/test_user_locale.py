"""A Slack member's language when they chose none with /language: their Slack's (users.info
with include_locale, asked with the organizer check and cached with it); when Slack cannot
say, the community's, quietly (issue 18)."""

from __future__ import annotations

from typing import Any, cast

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack.host import SlackHost
from bot.platforms.slack.organizers import OrganizerDirectory, OrganizerList, Person
from bot.services import Services

from ...fakes.slack_server import FakeSlack
from .conftest import settle


async def test_slack_s_language_is_read_once_a_while_and_a_failure_is_quiet(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    """Slack's locale is asked with the organizer check (one users.info for a while, not one
    per interaction); when Slack cannot say, the member is answered in the community's
    language, with no error."""
    slack.locales["U3"] = "es-ES"
    for _ in range(2):
        text = (await (await slack.slash("/help", user="U3")).reply()).text
        assert "Comandos" in text
    assert [c.args["user"] for c in slack.calls_to("users.info")] == ["U3"]
    slack.locales["U4"] = "es-ES"
    slack.fail("users.info", "internal_error")
    said = (await (await slack.slash("/help", user="U4")).reply()).text
    assert "Commands" in said and "Comandos" not in said


class Unreachable:
    """A Web API client whose every users.info fails on the network."""

    async def users_info(self, **_: Any) -> Any:
        raise aiohttp.ClientConnectionError("connection refused")


async def test_a_network_failure_reads_no_language(services: Services) -> None:
    """A failure other than Slack's own refusal (the network) gives no locale, no error."""
    client = cast(AsyncWebClient, Unreachable())
    lead = "U0LEAD5"  # an organizer named in the settings: no users.info needed for that
    directory = OrganizerDirectory(client, OrganizerList.parse(lead), services.clock)
    assert await directory.locale(lead) is None
    assert await directory.person(lead) == Person(organizer=True, locale=None)


async def test_an_unexpected_failure_is_apologised_for_in_the_person_s_language(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    """The host's own apology (no cog answered) is in the language of the person's Slack."""
    slack.locales["U1"] = "es-LA"
    slack.fail("views.publish", "internal_error")
    await (await slack.open_home("U1")).ack()
    apology = await slack.next_call("chat.postMessage")
    await settle(real_host)
    assert apology.args["channel"] == "DU1"
    assert "Lo siento, algo falló de nuestro lado" in apology.text, apology.text
    assert "Sorry" not in apology.text


async def test_what_the_slack_layer_adds_is_in_the_person_s_language(
    host: SlackHost, slack: FakeSlack
) -> None:
    """The note that a private file went by DM, and a modal's own checks (a required answer
    missing, one too long), in the language of the person's Slack."""
    slack.locales["U1"] = "es-LA"
    reply = await (await slack.slash("/mychart", user="U1")).reply()
    assert "Te mandé el archivo por mensaje directo." in reply.text
    await (await slack.slash("/note", user="U1")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    it = await slack.submit(view, {"Title": "x" * 21, "Body": "   "}, user="U1")
    assert (await it.ack())["payload"]["errors"] == {
        "field:title": "Son 21 caracteres; el máximo es 20.",
        "field:body": "Llena este campo, por favor.",
    }
