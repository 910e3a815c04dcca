"""Many-workspace mode: "Add to Slack" with slack-bolt's OAuth flow, and leaving with Slack's
uninstall events.

- ``GET /slack/install`` shows the "Add to Slack" page; its link carries a fresh single-use
  state (:mod:`bot.platforms.slack.oauth_state`), which slack-bolt also puts in a cookie.
- ``GET /slack/oauth_redirect`` is where Slack sends the person back: the state must be one
  this process issued, unexpired, unused, and the browser's cookie must hold it; the code is
  then exchanged (oauth.v2.access) for the workspace's bot token, which is stored sealed
  (:mod:`bot.platforms.slack.installations`).
- ``app_uninstalled`` and ``tokens_revoked`` (of the bot token) remove the installation and the
  workspace's community with everything under it.

These two routes are browser GETs, not requests Slack signs, so they skip the signature check
of /slack/events and get their own: GET only, each parameter once and in the shape Slack
sends (a team id, a code, a state, an error word), anything else dropped before slack-bolt
sees the request. Neither the code nor the state is logged (slack-bolt writes the redirect's
query only at DEBUG, which names members too and is for chasing a problem).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode, urljoin

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.reconnect import NETWORK_ERRORS, reason
from bot.platforms.slack.config import SlackConfig
from bot.platforms.slack.installations import Installations
from bot.platforms.slack.manifest import REDIRECT_PATH, UNINSTALL_EVENTS, bot_scopes
from bot.platforms.slack.oauth_state import OAuthStates

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
NOT_INSTALLED_HERE = (
    "This app is not installed in this workspace (any more). Ask a workspace admin to add it "
    "again from the bot's /slack/install page."
)
QUERY_MAX = 2048  # characters: Slack's redirect carries a code and a state, far less
INSTALL_FIELDS = {"team": re.compile(r"T[A-Z0-9]{1,20}")}
REDIRECT_FIELDS = {
    "code": re.compile(r"[A-Za-z0-9._-]{1,256}"),
    "state": re.compile(r"[A-Za-z0-9_-]{1,128}"),
    "error": re.compile(r"[a-z_]{1,64}"),
}
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
MALFORMED_PAGE = (
    "<html><body><h2>This is not a link Slack sends.</h2>"
    f'<p>Start again from <a href="{INSTALL_PATH}">the install page</a>.</p></body></html>'
)


def authorization_url(api_url: str) -> str:
    """Slack's authorize page beside its Web API (slack.com, GovSlack's slack-gov.com, a fake)."""
    return urljoin(api_url, "/oauth/v2/authorize")


class InstallFlow(AsyncOAuthFlow):
    """slack-bolt's OAuth flow, keeping only the bot's part of what Slack returns, and never
    writing the code into the log (slack-bolt's own exchange logs it when Slack refuses it)."""

    async def run_installation(self, code: str) -> Installation | None:
        try:
            answer = await self.client.oauth_v2_access(
                code=code,
                client_id=self.settings.client_id,
                client_secret=self.settings.client_secret,
                redirect_uri=self.settings.redirect_uri,
            )
            token = answer.get("access_token")
            if not token:
                log.warning("Slack finished an installation without a bot token")
                return None
            if answer.get("refresh_token"):
                log.warning(
                    "Slack gave an expiring bot token: turn token rotation off in the app's "
                    "settings (the manifest has token_rotation_enabled: false)"
                )
                return None
            bot = await self.client.auth_test(token=token)
        except SlackApiError as exc:
            log.warning("Slack refused to finish an installation (%s)", exc.response.get("error"))
            return None
        except NETWORK_ERRORS as exc:
            log.warning("could not reach Slack to finish an installation (%s)", reason(exc))
            return None
        team: dict[str, Any] = answer.get("team") or {}
        enterprise: dict[str, Any] = answer.get("enterprise") or {}
        return Installation(
            app_id=answer.get("app_id"),
            enterprise_id=enterprise.get("id"),
            team_id=team.get("id"),
            bot_token=token,
            bot_id=bot.get("bot_id"),
            bot_user_id=answer.get("bot_user_id"),
            bot_scopes=answer.get("scope") or "",
            user_id="",  # the installer: not kept
            is_enterprise_install=bool(answer.get("is_enterprise_install")),
            token_type=answer.get("token_type"),
        )


async def _succeeded(args: AsyncSuccessArgs) -> BoltResponse:
    return await args.default.success(args)


async def _failed(args: AsyncFailureArgs) -> BoltResponse:
    log.warning("refused to finish a Slack installation (%s)", args.reason)
    return await args.default.failure(args)


def install_flow(
    config: SlackConfig, client: AsyncWebClient, installations: Installations, states: OAuthStates
) -> InstallFlow:
    """The OAuth flow of many-workspace mode, on the bot's own stores (never slack-bolt's
    default files) and the app's client (Slack's URL, no token)."""
    settings = AsyncOAuthSettings(
        client_id=config.client_id,
        client_secret=config.client_secret,
        scopes=bot_scopes(config.organizers),
        user_scopes=[],
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        callback_options=AsyncCallbackOptions(success=_succeeded, failure=_failed),
        authorization_url=authorization_url(config.api_url),
        installation_store=installations,
        installation_store_bot_only=True,
        state_store=states,
        state_expiration_seconds=states.lifetime_seconds,
        logger=log,
    )
    return InstallFlow(client=client, logger=log, settings=settings)


class InstalledAuthorize(AsyncAuthorize):
    """slack-bolt's authorize for many-workspace mode: the request's workspace's bot token and
    ids from the installations (no auth.test per request); None if it is not installed."""

    def __init__(self, installations: Installations) -> None:
        super().__init__()
        self.installations = installations

    async def __call__(  # type: ignore[override]
        self,
        *,
        context: AsyncBoltContext,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        **actors: Any,
    ) -> AuthorizeResult | None:
        found = await self.installations.find(team_id or "")
        if found is None:
            return None
        if enterprise_id and found.enterprise_id and enterprise_id != found.enterprise_id:
            log.warning("refused a request for workspace %s from another organization", team_id)
            return None
        return AuthorizeResult(
            enterprise_id=found.enterprise_id,
            team_id=found.team_id,
            bot_user_id=found.bot_user_id,
            bot_id=found.bot_id,
            bot_token=found.bot_token,
            user_id=user_id,
        )


def is_uninstall(body: dict[str, Any]) -> bool:
    """Whether the request is Slack saying the app left a workspace (or may have)."""
    event = body.get("event") if body.get("type") == "event_callback" else None
    return isinstance(event, dict) and event.get("type") in UNINSTALL_EVENTS


def removes_workspace(event: dict[str, Any]) -> bool:
    """The app was uninstalled, or its bot token revoked: the workspace is to be removed.
    (People's tokens revoked alone change nothing: none are kept.)"""
    if event.get("type") == "app_uninstalled":
        return True
    tokens = event.get("tokens")
    return (
        event.get("type") == "tokens_revoked"
        and isinstance(tokens, dict)
        and bool(tokens.get("bot"))
    )


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def oauth_routes(flow: AsyncOAuthFlow) -> list[web.RouteDef]:
    """``GET /slack/install`` and ``GET /slack/oauth_redirect``, each behind its own checks."""

    async def install(request: web.Request) -> web.StreamResponse:
        return await _serve(request, INSTALL_FIELDS, flow.handle_installation)

    async def redirect(request: web.Request) -> web.StreamResponse:
        return await _serve(request, REDIRECT_FIELDS, flow.handle_callback)

    return [web.get(flow.install_path, install), web.get(flow.redirect_uri_path, redirect)]


async def _serve(
    request: web.Request,
    fields: dict[str, re.Pattern[str]],
    handle: Callable[[AsyncBoltRequest], Awaitable[BoltResponse]],
) -> web.StreamResponse:
    query = _checked_query(request, fields)
    if query is None:
        return web.Response(
            status=400, text=MALFORMED_PAGE, content_type="text/html", headers=PAGE_HEADERS
        )
    bolt_request = AsyncBoltRequest(
        body="",
        query=urlencode(query),
        headers={"cookie": request.headers.get("Cookie", "")},
    )
    response = await to_aiohttp_response(await handle(bolt_request))
    response.headers.update(PAGE_HEADERS)
    return response


def _checked_query(
    request: web.Request, fields: dict[str, re.Pattern[str]]
) -> dict[str, str] | None:
    """The parameters ``fields`` names, each given once in its shape; None (and one log line
    saying why, without the values) if one is not. Other parameters are dropped."""
    if len(request.query_string) > QUERY_MAX:
        return _malformed(request, "a query string too long")
    found: dict[str, str] = {}
    for name, pattern in fields.items():
        values = request.query.getall(name, [])
        if len(values) > 1:
            return _malformed(request, f"'{name}' given twice")
        if values and not pattern.fullmatch(values[0]):
            return _malformed(request, f"a '{name}' Slack would not send")
        if values:
            found[name] = values[0]
    return found


def _malformed(request: web.Request, why: str) -> None:
    log.warning("refused a request to %s: %s", request.path, why)
    return None
