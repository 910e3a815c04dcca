"""The Slack host: slack-bolt's AsyncApp translating Slack into Dispatcher calls and back.

- Slash commands: one per top-level command or group (``/reps``, ``/campaign``); the text is
  parsed by the same Dispatcher.run_line the console uses. ``/group`` or ``/group help`` lists
  the group's subcommands.
- Buttons and selects (block_actions) carry the neutral ``cog.action:value`` id; Forms are
  modals (views.open) and their submissions go to Dispatcher.submit.
- reaction_added / reaction_removed on the bot's own messages go to Dispatcher.react;
  app_home_opened publishes the App Home tab.
- One workspace (SLACK_BOT_TOKEN, the default), or many, each installed with "Add to Slack"
  (bot.platforms.slack.oauth): every Web API call for a request or a background send uses the
  token of its workspace (bot.platforms.slack.workspaces); app_uninstalled / tokens_revoked
  remove the workspace's installation and community.

Ack first, work after: every listener acknowledges at once (Bolt then answers Slack while the
listener goes on as a task, process_before_response=False), so the 3-second rule holds however
slow the database or a cog is. The one exception is a modal submission, whose ack carries the
answer: the host waits up to SUBMIT_WAIT seconds for the handler so errors can be shown in the
modal (the typed text is kept); a slower handler closes the modal and its answer follows.
Lazy listeners are built for FaaS (a copy of the request per function); in one long-running
process ack-then-process is simpler and keeps the request context.

Stopping: :meth:`SlackHost.close` stops taking requests, gives the listeners under way a few
seconds to finish (:mod:`bot.platforms.inflight`), cancels the rest, telling each person in one
sentence, and only then closes the delivery queue (and the caller the database).
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.cogkit import Answer, Context, ReactionEvent
from bot.core.permissions import REFUSAL, allowed
from bot.delivery.slack_policy import slack_queue
from bot.delivery.timing import RealTimer, VirtualTimer
from bot.dispatch import SORRY
from bot.domain.errors import DomainError, StartupError, Unavailable
from bot.domain.models import Community, Platform
from bot.domain.text import Text, t
from bot.hosting import BaseHost
from bot.i18n.languages import from_locale
from bot.i18n.translator import Translator
from bot.messages import Form, Message, PostedRef, Tone
from bot.platforms.inflight import HANDLER_WAIT, STOPPED_MIDWAY, InFlight
from bot.platforms.reconnect import NETWORK_ERRORS, Unreachable, reason
from bot.platforms.slack import render
from bot.platforms.slack.config import SlackConfig
from bot.platforms.slack.dm_channels import SlackDmChannels
from bot.platforms.slack.emoji import from_slack
from bot.platforms.slack.home import HomeSection, home_view
from bot.platforms.slack.http_door import SlackDoor
from bot.platforms.slack.installations import Installations
from bot.platforms.slack.messenger import SlackMessenger
from bot.platforms.slack.names import neutral_name
from bot.platforms.slack.oauth import (
    NOT_INSTALLED_HERE,
    InstalledAuthorize,
    install_flow,
    is_uninstall,
    oauth_routes,
    removes_workspace,
)
from bot.platforms.slack.oauth_state import OAuthStates
from bot.platforms.slack.organizers import OrganizerDirectory
from bot.platforms.slack.origin import Origin, handled_kind
from bot.platforms.slack.ratelimit import Sleep, retry_handlers
from bot.platforms.slack.replies import Replies
from bot.platforms.slack.socket import AckingSocketModeHandler
from bot.platforms.slack.text import command_text
from bot.platforms.slack.verification import SignatureCheck
from bot.platforms.slack.workspaces import (
    OneWorkspace,
    QueueDepths,
    RoutedReplies,
    Workspace,
    Workspaces,
)
from bot.services import Services
from bot.storage.dm_channels import DmChannelRepository
from bot.storage.installations import InstallationRepository
from bot.storage.token_cipher import TokenCipher
from bot.web import WebServer

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
SUBMIT_WAIT = 2.0  # seconds a modal waits for its handler (Slack allows 3 for the ack)
SHUTDOWN_WAIT = 10.0  # seconds the delivery queue gets to send what it accepted
TELL_WAIT = 3.0  # seconds to tell a person their request was cut off by a stop
WORK_KEY = "orgbot_work"
MORE_FOR_ORGANIZERS = t("Organizers see more.")  # under a group's list (/campaign help)


class SlackHost(BaseHost):
    """Hosts every cog on one Slack workspace."""

    platform = Platform.SLACK
    claims_at_send = True  # its delivery queue claims a background send as it leaves

    def __init__(
        self,
        services: Services,
        config: SlackConfig,
        *,
        client: AsyncWebClient | None = None,
        sleep: Sleep = asyncio.sleep,
        web: WebServer | None = None,
    ) -> None:
        super().__init__(services)
        self.config = config
        self.web = web  # the process's HTTP server (bot.web), shared in HTTP mode
        self.client = client or AsyncWebClient(
            token=config.bot_token,
            base_url=config.api_url,
            retry_handlers=retry_handlers(sleep, services.metrics),
        )
        # A test that records waits instead of sleeping gets a queue on virtual time too.
        self._timer = RealTimer() if sleep is asyncio.sleep else VirtualTimer()
        self._depths = QueueDepths(services.metrics)  # one gauge for every workspace's queue
        # One workspace (SLACK_BOT_TOKEN), or many installed ones (bot.platforms.slack.oauth).
        self.installations = self._installations() if config.distribution else None
        self.workspaces: Workspaces = self.installations or OneWorkspace(self._connect(self.client))
        self.replies = RoutedReplies(self.workspaces)
        self.oauth = (  # "Add to Slack", in many-workspace mode
            None
            if self.installations is None
            else install_flow(config, self.client, self.installations, OAuthStates(services.clock))
        )
        self.home_sections: list[HomeSection] = []
        self.work = InFlight()
        self.submit_wait = SUBMIT_WAIT
        self.handler_wait = HANDLER_WAIT
        self._sockets: list[AckingSocketModeHandler] = []
        self._http: WebServer | None = None  # where /slack/events is served
        self._own_http = False  # a server started for this host alone (no shared one)
        self._unmount: Callable[[], None] | None = None
        self.app = self._build_app()

    # -- the HostPort a cog talks to -------------------------------------------------------
    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        return await (await self._messenger(community)).post(channel_id, message)

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        await (await self._messenger(community)).edit(ref, message)

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        messenger = await self._messenger(community)
        return await messenger.send_dm(user_id, message, team_id=community.external_id)

    async def _messenger(self, community: Community) -> SlackMessenger:
        """The messenger of the community's workspace (its bot token, its delivery queue);
        single-workspace mode has one, whatever community is named."""
        team = community.external_id if community is not None else ""
        return (await self.workspaces.get(team)).messenger

    @property
    def messenger(self) -> SlackMessenger:
        """Single-workspace mode's messenger (in many-workspace mode each has its own)."""
        if not isinstance(self.workspaces, OneWorkspace):
            raise AttributeError("many-workspace mode has a messenger per workspace")
        return self.workspaces.workspace.messenger

    def _connect(self, client: AsyncWebClient) -> Workspace:
        """What the host sends with in one workspace, on a client holding its bot token."""
        settings = self.services.settings
        messenger = SlackMessenger(
            client,
            slack_queue(
                settings.slack_channel_posts_per_second,
                settings.delivery_max_attempts,
                self._timer,
                metrics=self._depths.of_one_queue(),
            ),
            SlackDmChannels(DmChannelRepository(self.services.db)),
        )
        organizers = OrganizerDirectory(client, self.config.organizers, self.services.clock)
        return Workspace(client, messenger, Replies(messenger), organizers)

    def _installations(self) -> Installations:
        """Many-workspace mode's installations: sealed with ORGBOT_SECRET_KEY (the config
        refuses this mode without it), kept in the bot's database."""
        return Installations(
            InstallationRepository(self.services.db),
            TokenCipher(self.config.secret_key or ""),
            self.services.clock,
            self.client,
            self._connect,
        )

    def add_home_section(self, provider: HomeSection) -> None:
        """Add a feature's part of the App Home tab (see bot.platforms.slack.home)."""
        self.home_sections.append(provider)

    # -- running ----------------------------------------------------------------------------
    async def check_token(self) -> dict[str, Any]:
        """auth.test with the bot token; a refused token stops the start with one line."""
        try:
            response = await self.client.auth_test()
        except SlackApiError as exc:
            raise StartupError(
                f"Slack refused SLACK_BOT_TOKEN ({exc.response.get('error')}). Copy the Bot "
                "User OAuth Token (xoxb-...) from OAuth & Permissions."
            ) from None
        except NETWORK_ERRORS as exc:
            raise Unreachable(
                f"Cannot reach Slack's Web API at {self.config.api_url} ({reason(exc)}); check "
                "the network and ORGBOT_SLACK_API_URL."
            ) from None
        return dict(response.data) if isinstance(response.data, dict) else {}

    async def start_socket_mode(self) -> None:
        """Connect to Slack over Socket Mode (no public URL needed), with as many connections
        as the config says. Slack spreads events over every open connection of the app (from
        this process or others); each is handled once (``_admit``)."""
        if not self.config.app_token:
            raise StartupError("Socket Mode needs SLACK_APP_TOKEN (xapp-...).")
        await self.check_token()
        for _ in range(self.config.socket_connections):
            await self._open_socket(self.config.app_token)
        log.info(
            "Slack host connected over Socket Mode (%d connection%s)",
            len(self._sockets),
            "" if len(self._sockets) == 1 else "s",
        )

    async def _open_socket(self, app_token: str) -> None:
        """One more Socket Mode connection; a refused app token stops the start in one line."""
        try:
            opened = await self.client.apps_connections_open(app_token=app_token)
        except SlackApiError as exc:
            raise StartupError(
                f"Slack refused SLACK_APP_TOKEN ({exc.response.get('error')}). Make an "
                "app-level token with the connections:write scope (Basic Information)."
            ) from None
        handler = AckingSocketModeHandler(self.app, app_token, web_client=self.client)
        handler.client.wss_uri = str(opened["url"])  # reuse it: one apps.connections.open call
        self._sockets.append(handler)
        await handler.connect_async()

    async def start_http(self, host: str | None = None, port: int | None = None) -> int:
        """Serve Slack's requests at /slack/events behind the door that checks them
        (bot.platforms.slack.http_door); returns the port. The route goes on the process's
        HTTP server when the host was given one (``web``: ``orgbot run`` shares it with
        /healthz and /metrics), else on a server of its own at ``host:port`` (by default the
        config's ORGBOT_HTTP_HOST and port)."""
        if not self.config.signing_secret:
            raise StartupError("HTTP mode needs SLACK_SIGNING_SECRET.")
        if self.installations is None:
            await self.check_token()
        else:
            await self.installations.check_key()
        door = SlackDoor(self.app, SignatureCheck(self.config.signing_secret, self.services.clock))
        server = self.web or WebServer(
            self.config.http_host if host is None else host,
            self.config.http_port if port is None else port,
            settings_hint="ORGBOT_HTTP_PORT (or ORGBOT_SLACK_HTTP_PORT)",
        )
        unmount = server.add_route("POST", EVENTS_PATH, door.handle)
        if self.oauth is not None:  # "Add to Slack": browser GETs with checks of their own
            unmount = _both(unmount, *(_mount(server, route) for route in oauth_routes(self.oauth)))
        if self.web is None:
            try:
                await server.start()
            except BaseException:
                unmount()
                raise
            self._own_http = True
        self._http, self._unmount = server, unmount
        log.info("Slack host serving %s on port %d", EVENTS_PATH, server.port)
        return server.port

    @property
    def listening(self) -> list[tuple[str, int]]:
        """The (address, port) pairs HTTP mode listens on (none in Socket Mode)."""
        return [] if self._http is None else self._http.listening

    async def connected(self) -> bool:
        """Whether Slack can reach the bot now: a Socket Mode connection is up (Slack sends
        events to the ones that are), or HTTP mode serves /slack/events (for /healthz)."""
        if self._sockets:
            return any([await socket.client.is_connected() for socket in self._sockets])
        return self._http is not None and self._http.running

    async def close(self) -> None:
        """Stop taking requests, then let acknowledged work finish."""
        sockets, self._sockets = self._sockets, []
        await asyncio.gather(*(socket.close_async() for socket in sockets))
        if self._unmount is not None:
            self._unmount()  # Slack's requests now get 404 (and are sent again later)
            self._unmount = None
        if self._http is not None:
            if self._own_http:
                await self._http.close()
            self._http, self._own_http = None, False
        await self.work.drain(self.handler_wait)  # before the queue and the database close
        await asyncio.gather(  # what was accepted is sent, in every workspace
            *(w.messenger.queue.close(SHUTDOWN_WAIT) for w in self.workspaces.open())
        )

    # -- the Bolt app ---------------------------------------------------------------------
    def _build_app(self) -> AsyncApp:
        many: dict[str, Any] = {}
        if self.installations is not None and self.oauth is not None:  # many workspaces
            many = {  # each request with its workspace's bot token
                "authorize": InstalledAuthorize(self.installations),
                "oauth_flow": self.oauth,
                "user_facing_authorize_error_message": NOT_INSTALLED_HERE,
            }
        app = AsyncApp(
            name="organizer-bot",
            client=self.client,
            signing_secret=self.config.signing_secret or "",
            process_before_response=False,
            request_verification_enabled=False,  # HTTP mode's door checks first (http_door)
            **many,
        )
        app.middleware(self._admit)
        app.command(re.compile(r"^/"))(self._on_command)
        app.action(re.compile(r".*"))(self._on_action)
        app.view(re.compile(r".*"))(self._on_view_submission)
        app.event("reaction_added")(self._on_reaction)
        app.event("reaction_removed")(self._on_reaction)
        app.event("app_home_opened")(self._on_home_opened)
        if self.installations is not None:  # a workspace removed the app
            app.event("app_uninstalled")(self._on_uninstalled)
            app.event("tokens_revoked")(self._on_uninstalled)
        app.error(self._on_error)
        return app

    async def _admit(
        self, body: dict[str, Any], context: AsyncBoltContext, next: Any
    ) -> BoltResponse | None:
        """Drop repeated event deliveries; count the rest as work in flight.

        An Events API delivery is claimed in the database by its event id: Slack sends an
        event again (on any connection, to any process) when it missed the acknowledgement,
        and only the first delivery is handled. Interactions and slash commands are never
        sent twice (Slack shows the person an error instead). When the database cannot say,
        the event is not acknowledged, so Slack sends it again later: nothing is lost."""
        kind = handled_kind(body)
        event_id = body.get("event_id")
        if kind == "event" and event_id:
            try:
                first = await self._first_delivery(body, str(event_id))
            except Unavailable:
                log.warning(
                    "left Slack event %s for Slack to send again: the database is unavailable",
                    event_id,
                )
                return BoltResponse(status=503, body="")
            if not first:
                log.info("skipped a repeated delivery of Slack event %s", event_id)
                return BoltResponse(status=200, body="")
        if kind is not None or (self.installations is not None and is_uninstall(body)):
            self.work.begin()
            context[WORK_KEY] = True
        return await next()

    async def _first_delivery(self, body: dict[str, Any], event_id: str) -> bool:
        team = str(body.get("team_id") or "")
        return await self.services.event_claims.first_time(Platform.SLACK, f"{team}/{event_id}")

    def _finish(self, context: AsyncBoltContext) -> None:
        if context.pop(WORK_KEY, None):
            self.work.end()

    @asynccontextmanager
    async def _working(
        self, body: dict[str, Any], context: AsyncBoltContext
    ) -> AsyncIterator[None]:
        """Runs a listener's work: an error goes to the one error handler right here, and the
        work counts as finished only after the person was told.

        Errors are not left to propagate into Bolt: with process_before_response off, Bolt
        resets the acknowledgement of a listener that fails within its 10 ms ack poll, and
        Slack then never gets the ack.
        """
        self.work.track(asyncio.current_task())
        try:
            yield
        except Exception as exc:
            await self._on_error(exc, body, context)
        except asyncio.CancelledError:  # stopping, and the wait for it was over
            await self._tell_cut_off(body)
            raise
        finally:
            self._finish(context)

    async def _tell_cut_off(self, body: dict[str, Any]) -> None:
        """Tell the person their request was cut off by a stop (briefly: the bot is stopping)."""
        origin = Origin.of(body or {})
        if not origin.user_id:
            return
        try:
            async with asyncio.timeout(TELL_WAIT):
                await self.replies.tell(
                    origin, Message.error(await self._said(origin, STOPPED_MIDWAY))
                )
        except Exception as exc:
            log.info("could not tell a Slack user their request was cut off: %s", exc)

    async def _context(self, origin: Origin) -> Context:
        workspace = await self.workspaces.get(origin.team_id)
        person = await workspace.organizers.person(origin.user_id)  # one users.info, cached
        actor = await self.services.members.actor(
            Platform.SLACK, origin.team_id, origin.user_id, person.organizer
        )
        return Context(
            actor=actor,
            host=self,
            channel_id=origin.channel_id or "",
            locale=person.locale,  # their Slack's language: used when they chose none
            words=self.services.words,
        )

    async def _said(self, origin: Origin, text: Text | str) -> str:
        """What the host itself says (an error, a stop) in the person's language. Never
        raises."""
        return (await self._reader_words(origin)).render(text)

    async def _reader_words(self, origin: Origin) -> Translator:
        """The person's words for what the host says before or after a handler: their
        language as a handler would have it, else (the database cannot say) their Slack's."""
        try:
            if origin.user_id and origin.team_id:
                return self._words(await self._context(origin))
        except Exception as exc:
            log.info("answering in the language of the person's Slack: %s", type(exc).__name__)
        return await self._platform_words(origin)

    async def _platform_words(self, origin: Origin) -> Translator:
        """The words of the language the person's Slack uses (English if it cannot say)."""
        locale = None
        if origin.user_id:
            try:
                workspace = await self.workspaces.get(origin.team_id)
                locale = await workspace.organizers.locale(origin.user_id)
            except Exception as exc:
                log.info("could not read a Slack user's language: %s", type(exc).__name__)
        return self.services.words(from_locale(locale))

    def _words(self, ctx: Context) -> Translator:
        return self.services.words(ctx.language)

    async def locale_of(self, community: Community, user_id: str) -> str | None:
        """The language the person's Slack uses (users.info, cached), for what the scheduler
        sends them; None when Slack does not say."""
        workspace = await self.workspaces.get(community.external_id)
        return await workspace.organizers.locale(user_id)

    # -- listeners ----------------------------------------------------------------------
    async def _on_command(
        self, ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        await ack()
        async with self._working(body, context):
            origin = Origin.of(body)
            ctx = await self._context(origin)
            text = command_text(str(body.get("text", "")))
            command = "/" + neutral_name(str(body["command"]))
            answer = self.group_help(ctx, command, text)
            if answer is None:
                answer = await self.dispatcher.run_line(ctx, f"{command} {text}")
            await self.replies.deliver(answer, origin, self._words(ctx))

    def group_help(self, ctx: Context, command: str, text: str) -> Message | None:
        """``/group`` or ``/group help``: the group's subcommands this person may use."""
        group = command.lstrip("/").lower()
        subs = self.registry.groups().get(group)
        words = text.split()
        if not subs or (words and words[0].lower() != "help"):
            return None
        if f"{group} help" in self.registry.commands:
            return None
        usable = sorted((s for s in subs if allowed(ctx.actor, s.permission)), key=_name)
        if not usable:
            return Message.error(ctx.tr(REFUSAL))
        footer = ctx.tr(MORE_FOR_ORGANIZERS) if len(usable) < len(subs) else None
        return Message(
            title=f"/{group}",
            body="\n".join(f"`{s.usage}` {ctx.declared(s.help)}" for s in usable),
            footer=footer,
            ephemeral=True,
        )

    async def _on_action(
        self, ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        await ack()
        async with self._working(body, context):
            origin = Origin.of(body)
            ctx = await self._context(origin)
            action = (body.get("actions") or [{}])[0]
            if action.get("type") == "static_select":
                chosen = (action.get("selected_option") or {}).get("value", "")
                answer = await self.dispatcher.choose(ctx, str(action["action_id"]), chosen)
            else:
                custom_id = action.get("value") or action.get("action_id", "")
                answer = await self.dispatcher.press(ctx, str(custom_id))
            await self.replies.deliver(answer, origin, self._words(ctx))

    async def _on_view_submission(
        self, ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        view = body.get("view") or {}
        async with self._working(body, context):
            origin = Origin.of(body)
            if render.form_errors(view):  # said in the person's language
                words = await self._reader_words(origin)
                await ack(response_action="errors", errors=render.form_errors(view, words))
                return
            try:
                ctx = await self._context(origin)
            except DomainError as exc:  # e.g. the database is busy: keep what they typed
                said = (await self._platform_words(origin)).render(exc.text or exc.message)
                if not await _refuse_in_modal(ack, view, said):
                    raise
                return
            except Exception:
                await ack()
                raise
            pending = asyncio.ensure_future(
                self.dispatcher.submit(ctx, str(view["callback_id"]), render.form_answers(view))
            )
            self.work.track(pending)
            try:
                answer = await asyncio.wait_for(asyncio.shield(pending), self.submit_wait)
            except TimeoutError:
                await ack()  # close the modal now; the answer follows
                await self.replies.deliver(await pending, origin, self._words(ctx))
                return
            await self._answer_submission(ack, view, answer, origin, self._words(ctx))

    async def _answer_submission(
        self,
        ack: AsyncAck,
        view: dict[str, Any],
        answer: Answer,
        origin: Origin,
        words: Translator,
    ) -> None:
        """Keep the modal open with the error, show the next form, or close and answer."""
        if isinstance(answer, Message) and answer.tone is Tone.ERROR:
            if not await _refuse_in_modal(ack, view, answer.body):
                await self.replies.deliver(answer, origin, words)
            return
        if isinstance(answer, Form):
            await ack(response_action="update", view=render.modal(answer, origin.channel_id))
            return
        await ack()
        await self.replies.deliver(answer, origin, words)

    async def _on_reaction(
        self, body: dict[str, Any], event: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        async with self._working(body, context):
            item = event.get("item") or {}
            on_our_message = event.get("item_user") == context.bot_user_id
            if item.get("type") != "message" or not on_our_message:
                return
            origin = Origin.of(body)
            ctx = await self._context(origin)
            reaction = ReactionEvent(
                PostedRef(str(item["channel"]), str(item["ts"])),
                from_slack(str(event.get("reaction", ""))),
                added=event.get("type") == "reaction_added",
            )
            answer = await self.dispatcher.react(ctx, reaction)
            await self.replies.deliver(answer, origin, self._words(ctx))

    async def _on_home_opened(
        self, body: dict[str, Any], event: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        async with self._working(body, context):
            if event.get("tab", "home") != "home":
                return
            origin = Origin.of(body)
            ctx = await self._context(origin)
            declared = [s.handler for s in self.registry.summaries if s.handler is not None]
            view = await home_view(ctx, self.registry, [*declared, *self.home_sections])
            client = (await self.workspaces.get(origin.team_id)).client
            await client.views_publish(user_id=origin.user_id, view=view)

    async def _on_uninstalled(
        self, body: dict[str, Any], event: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        """Many-workspace mode: the workspace removed the app, so its installation goes, and its
        community with everything under it (bot.platforms.slack.oauth)."""
        async with self._working(body, context):
            if self.installations is not None and removes_workspace(event):
                await self.installations.remove(context.team_id or "")

    async def _on_error(
        self, error: Exception, body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        """The one error handler (app.error, and every listener's): a domain error is told to
        the person as it is; anything else is logged with its traceback and a reference, and
        the person gets an apology."""
        try:
            origin = Origin.of(body or {})
            if isinstance(error, DomainError):
                said: Text | str = error.text or error.message
            else:
                ref = uuid.uuid4().hex[:8]
                log.error("unexpected error in the Slack host (ref %s)", ref, exc_info=error)
                said = SORRY.with_values(ref=ref)
            if origin.user_id:
                await self.replies.tell(origin, Message.error(await self._said(origin, said)))
        except Exception:
            log.exception("could not tell a Slack user about an error")
        finally:
            self._finish(context)


async def _refuse_in_modal(ack: AsyncAck, view: dict[str, Any], text: str) -> bool:
    """Show ``text`` under the modal's first input, keeping the modal open; False if the
    modal has no input to show it under (the caller closes it and answers another way)."""
    block = render.first_input(view)
    if block is None:
        await ack()
        return False
    await ack(response_action="errors", errors={block: text[:2000]})
    return True


def _name(spec: Any) -> str:
    return str(spec.name)


def _mount(server: WebServer, route: web.RouteDef) -> Callable[[], None]:
    return server.add_route(route.method, route.path, route.handler)


def _both(*unmounts: Callable[[], None]) -> Callable[[], None]:
    def unmount() -> None:
        for each in unmounts:
            each()

    return unmount
