"""One deployment, many Slack workspaces, end to end: the real slack-bolt app in HTTP mode over
real HTTP on 127.0.0.1, every cog, the full lawmaker data, and the fake Slack.

Two workspaces install the app as a browser would (/slack/install, Slack's authorize page,
/slack/oauth_redirect with the state and its cookie); each posts a prompt and counts reactions
on its own, every Web API call with its own workspace's bot token; one uninstalls and its data
is gone while the other's is intact and still works. A forged, expired or replayed state is
refused and stores nothing."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from yarl import URL

from bot.app import cog_modules
from bot.domain.clock import ManualClock
from bot.logs import RedactingFilter
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.storage import sql
from bot.storage.token_cipher import new_key

from ...fakes.slack_server import CLIENT_ID, CLIENT_SECRET, ApiCall, FakeSlack, sign
from .conftest import ORGANIZER, settle

TEMPLATE = "irs-data-privacy"
A, B = "T0AAA1", "T0BBB2"
CHANNELS = {A: "C0AAA1", B: "C0BBB2"}
JSON = "application/json"
COOKIE = "slack-app-oauth-state"


@dataclass
class Site:
    """The bot's HTTP server and the fake Slack, as a browser and Slack reach them."""

    host: SlackHost
    base: str
    slack: FakeSlack
    clock: ManualClock
    key: str

    @property
    def services(self) -> Services:
        return self.host.services

    async def post(self, body: str, content_type: str) -> int:
        headers = sign(body, int(self.clock.now().timestamp())) | {"Content-Type": content_type}
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{self.base}/slack/events", data=body.encode(), headers=headers) as got,
        ):
            return got.status

    async def command(self, team: str, line: str, user: str = ORGANIZER) -> ApiCall:
        """A slash command typed in the workspace's channel; the answer to its response_url."""
        command, _, text = line.partition(" ")
        rid = f"R{team}{len(self.slack.calls)}"
        body = urlencode(
            {
                "token": "unused",
                "team_id": team,
                "channel_id": CHANNELS[team],
                "user_id": user,
                "command": command,
                "text": text,
                "api_app_id": "A0FAKE",
                "response_url": f"{self.slack.url}/respond/{rid}",
                "trigger_id": f"1.{rid}",
            }
        )
        assert await self.post(body, "application/x-www-form-urlencoded") == 200
        return await self.slack.next_call("response_url", lambda c: c.path == rid)

    async def event(self, team: str, event: dict[str, Any]) -> None:
        body = json.dumps(
            {
                "token": "unused",
                "team_id": team,
                "api_app_id": "A0FAKE",
                "type": "event_callback",
                "event_id": f"Ev{team}{len(self.slack.calls)}{event['type']}",
                "event_time": 1700000000,
                "event": event,
            }
        )
        assert await self.post(body, JSON) == 200

    async def react(self, team: str, ts: str, name: str, user: str) -> None:
        await self.event(
            team,
            {
                "type": "reaction_added",
                "user": user,
                "reaction": name,
                "item_user": self.slack.bots[team][0],
                "item": {"type": "message", "channel": CHANNELS[team], "ts": ts},
                "event_ts": "1700000002.000001",
            },
        )


class Browser:
    """A person's browser: keeps cookies (the state cookie is Secure; 127.0.0.1 counts as a
    secure origin here, as localhost does in browsers) and follows Slack's redirect."""

    def __init__(self, site: Site) -> None:
        self.site = site
        jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=[URL(site.base)])
        self.session = aiohttp.ClientSession(cookie_jar=jar)

    async def close(self) -> None:
        await self.session.close()

    async def start(self, team: str) -> str:
        """Open /slack/install and press "Add to Slack", approving in ``team``: the URL Slack
        sends the browser back to (the bot's redirect, with the code and the state)."""
        async with self.session.get(f"{self.site.base}/slack/install?team={team}") as page:
            assert page.status == 200
            html = await page.text()
        link = re.search(r'<a href="([^"]+)"', html)
        assert link is not None, html
        authorize = link.group(1).replace("&amp;", "&")
        async with self.session.get(authorize, allow_redirects=False) as slack_page:
            assert slack_page.status == 302, await slack_page.text()
            return slack_page.headers["Location"]

    async def finish(self, redirect: str, cookie: str | None = None) -> tuple[int, str]:
        """Follow Slack's redirect back to the bot: its status and page. With ``cookie``, from
        elsewhere: only that cookie is sent (someone replaying what they captured)."""
        if cookie is None:
            async with self.session.get(redirect) as answer:
                return answer.status, await answer.text()
        async with (
            aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as elsewhere,
            elsewhere.get(redirect, headers={"Cookie": cookie}) as answer,
        ):
            return answer.status, await answer.text()

    async def install(self, team: str) -> None:
        status, page = await self.finish(await self.start(team))
        assert status == 200 and "Thank you!" in page, page


@pytest.fixture
async def site(
    full_services: Services, slack: FakeSlack, clock: ManualClock
) -> AsyncIterator[Site]:
    """The Slack host in many-workspace mode (no SLACK_BOT_TOKEN), every cog, on its own
    ephemeral port; two workspaces exist in the fake Slack, neither has installed yet."""
    slack.add_user(ORGANIZER, admin=True)
    for team, channel in CHANNELS.items():
        slack.add_workspace(team, channel)
    key = new_key()
    config = slack.config(
        mode="http",
        http_host="127.0.0.1",
        bot_token=None,
        app_token=None,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        secret_key=key,
    )
    host = SlackHost(full_services, config)
    await host.load_extensions(cog_modules())
    port = await host.start_http(port=0)
    base = f"http://127.0.0.1:{port}"
    slack.redirect_url = f"{base}/slack/oauth_redirect"  # the app's OAuth settings
    yield Site(host, base, slack, clock, key)
    await settle(host)
    await host.close()


@pytest.fixture
async def browser(site: Site) -> AsyncIterator[Browser]:
    opened = Browser(site)
    yield opened
    await opened.close()


async def installed_teams(services: Services) -> list[str]:
    rows = await services.db.fetchall("SELECT team_id FROM slack_installations ORDER BY team_id")
    return [row[0] for row in rows]


async def community_id(services: Services, team: str) -> int | None:
    row = await services.db.fetchone(
        "SELECT id FROM communities WHERE platform = 'slack' AND external_id = ?", (team,)
    )
    return int(row[0]) if row else None


async def rows_naming(services: Services, community: int) -> dict[str, int]:
    """How many rows of each table name the community (tables with a community_id)."""
    found: dict[str, int] = {}
    for table in await sql.tables(services.db):
        if "community_id" in {c.name for c in await sql.columns(services.db, table)}:
            row = await services.db.fetchone(
                f"SELECT count(*) FROM {sql.quoted(table)} WHERE community_id = ?", (community,)
            )
            if row and row[0]:
                found[table] = int(row[0])
    return found


async def post_prompt(site: Site, team: str) -> ApiCall:
    """The workspace's organizer imports the template and posts its prompt in their channel."""
    imported = await site.command(team, f"/campaign import {TEMPLATE}")
    assert f"*{TEMPLATE}* is active" in imported.text, imported.text
    await site.command(team, f"/prompt post {TEMPLATE}")
    return await site.slack.next_call(
        "chat.postMessage", lambda c: c.args.get("channel") == CHANNELS[team]
    )


async def count_shown(site: Site, team: str, prompt: ApiCall) -> str:
    """The text of the prompt's next live-count edit (chat.update) in the workspace."""
    call = await site.slack.next_call(
        "chat.update",
        lambda c: (
            c.args.get("channel") == CHANNELS[team] and c.args.get("ts") == prompt.response["ts"]
        ),
    )
    return call.text


def calls_in(slack: FakeSlack, team: str) -> list[ApiCall]:
    """Every Web API call the bot made about the workspace's channel."""
    channel = CHANNELS[team]
    return [c for c in slack.calls if channel in (c.args.get("channel"), c.args.get("channel_id"))]


async def test_two_workspaces_install_post_and_count_apart_and_one_leaves(
    site: Site, browser: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    """Two workspaces install through /slack/install; each posts and counts on its own with its
    own token (a scheduled post too); one uninstalls: its data is gone, the other's is intact
    and it still works."""
    caplog.set_level(logging.DEBUG)
    slack, services = site.slack, site.services
    await browser.install(A)
    await browser.install(B)
    assert await installed_teams(services) == [A, B]
    stored = await services.db.fetchall("SELECT bot_token FROM slack_installations")
    assert all(b"xoxb-" not in bytes(row[0]) for row in stored), "tokens are encrypted"
    token = {team: t for t, team in slack.tokens.items() if team in CHANNELS}

    prompts = {team: await post_prompt(site, team) for team in (A, B)}
    await site.react(A, prompts[A].response["ts"], "telephone_receiver", user="U1")
    assert "1 member acted · 1 action" in await count_shown(site, A, prompts[A])
    await site.react(B, prompts[B].response["ts"], "mailbox", user="U2")
    assert "1 member acted · 1 action" in await count_shown(site, B, prompts[B])

    schedule = await site.command(A, f"/schedule add {TEMPLATE} daily 09:00")
    assert "#1" in schedule.text or "1" in schedule.text, schedule.text
    await services.scheduler.engine.advance(timedelta(hours=3))  # 07:00 -> 10:00 New York
    scheduled = await slack.next_call("chat.postMessage", lambda c: c.args["channel"] == "C0AAA1")
    assert scheduled.team == A

    for team in (A, B):  # every call about a workspace went with its own bot token
        about = calls_in(slack, team)
        assert about and {c.token for c in about} == {token[team]}, team
        assert all(c.error is None for c in about), [c.error for c in about if c.error]
    ids = {team: await community_id(services, team) for team in (A, B)}
    assert None not in ids.values() and ids[A] != ids[B]
    kept_b = await rows_naming(services, ids[B] or 0)
    assert kept_b.get("campaigns") == 1 and kept_b.get("actions") == 1

    slack.uninstall(A)  # Slack revokes the tokens and tells the app
    await site.event(A, {"type": "tokens_revoked", "tokens": {"bot": [slack.bots[A][0]]}})
    await site.event(A, {"type": "app_uninstalled"})
    await settle(site.host)
    assert await installed_teams(services) == [B]
    assert await community_id(services, A) is None
    assert await rows_naming(services, ids[A] or 0) == {}, "nothing of the workspace is left"
    assert await rows_naming(services, ids[B] or 0) == kept_b, "the other is untouched"

    await site.react(A, prompts[A].response["ts"], "mailbox", user="U3")  # after it left
    site.clock.advance(timedelta(seconds=services.settings.live_count_interval))
    await site.react(B, prompts[B].response["ts"], "telephone_receiver", user="U4")
    assert "2 members acted · 2 actions" in await count_shown(site, B, prompts[B])
    await settle(site.host)
    assert await community_id(services, A) is None, "an event after leaving stores nothing"
    assert (await rows_naming(services, ids[B] or 0))["actions"] == 2

    secrets = [*token.values(), site.key, CLIENT_SECRET]
    ours = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert not any(secret in ours for secret in secrets), "no token in the log at INFO"
    redacted = RedactingFilter([CLIENT_SECRET, site.key])  # as `orgbot run` sets it up
    everything = "\n".join(redacted.redact(r.getMessage()) for r in caplog.records)
    assert not any(secret in everything for secret in secrets), "none at DEBUG either"


async def test_a_forged_state_is_refused(site: Site, browser: Browser) -> None:
    """A redirect whose state this bot never issued (with a matching cookie) stores nothing."""
    redirect = f"{site.base}/slack/oauth_redirect?code=1.forged&state=forgedstate123"
    status, page = await browser.finish(redirect, cookie=f"{COOKIE}=forgedstate123")
    assert status == 401 and "invalid_state" in page
    assert site.slack.calls_to("oauth.v2.access") == []
    assert await installed_teams(site.services) == []


async def test_an_expired_state_is_refused(site: Site, browser: Browser) -> None:
    """Coming back eleven minutes after "Add to Slack" (states live ten) stores nothing."""
    redirect = await browser.start(A)
    site.clock.advance(timedelta(minutes=11))
    status, page = await browser.finish(redirect)
    assert status == 401 and "invalid_state" in page
    assert site.slack.calls_to("oauth.v2.access") == []
    assert await installed_teams(site.services) == []


async def test_a_replayed_redirect_is_refused(site: Site, browser: Browser) -> None:
    """The redirect that installed the app, sent again with its state cookie, is refused: the
    code is exchanged once."""
    redirect = await browser.start(A)
    state = redirect.split("state=", 1)[1]
    status, _ = await browser.finish(redirect)
    assert status == 200
    status, page = await browser.finish(redirect, cookie=f"{COOKIE}={state}")
    assert status == 401 and "invalid_state" in page
    assert len(site.slack.calls_to("oauth.v2.access")) == 1
    assert await installed_teams(site.services) == [A]


async def test_a_redirect_without_the_state_cookie_is_refused(site: Site, browser: Browser) -> None:
    """A redirect opened in another browser (no state cookie) stores nothing, and the state
    is still unused."""
    redirect = await browser.start(A)
    async with aiohttp.ClientSession() as stranger, stranger.get(redirect) as answer:
        assert answer.status == 400 and "invalid_browser" in await answer.text()
    assert await installed_teams(site.services) == []


@pytest.mark.parametrize(
    "query",
    [
        "code=1.2&state=a&state=b",
        "code=%3Cscript%3E&state=abc",
        "code=1.2&state=" + "a" * 3000,
        "error=%0Aforged&state=abc",
    ],
)
async def test_a_malformed_redirect_is_refused_before_slack_bolt(
    site: Site, browser: Browser, query: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Parameters Slack would not send get a 400 page and one log line without them."""
    status, page = await browser.finish(f"{site.base}/slack/oauth_redirect?{query}")
    assert status == 400 and "not a link Slack sends" in page
    assert site.slack.calls_to("oauth.v2.access") == []
    refusals = [r.getMessage() for r in caplog.records if "refused a request" in r.getMessage()]
    assert len(refusals) == 1 and "script" not in refusals[0] and "forged" not in refusals[0]


async def test_an_event_from_a_workspace_that_never_installed_does_nothing(site: Site) -> None:
    """A signed event for a workspace with no installation stores nothing and sends nothing."""
    await site.react(A, "1.1", "mailbox", user="U1")
    await settle(site.host)
    assert await community_id(site.services, A) is None
    assert [c for c in site.slack.calls if c.method.startswith("chat.")] == []
