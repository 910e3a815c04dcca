"""The Discord host: a discord.py Client that is also the cogs' host and their HostPort.

Events in: slash commands and autocomplete (through the command tree built from the registry),
buttons, selects and modal submissions (routed in ``on_interaction`` by custom id alone, so a
message's components keep working after a restart), and raw reaction add/remove. Each becomes a
Dispatcher call with the member's Actor; the answer is rendered as embeds, components, files or
a modal. Out: ``post``, ``edit`` and ``send_dm`` for cogs.

Answering: the handler runs at once; if it answers within ``defer_after`` seconds (well inside
Discord's 3-second window) the answer is the interaction's response, so its ephemerality is
exact and a Form can open as a modal. A slower handler gets the interaction deferred first
(slash commands show "thinking", ephemeral when the command is) and its answer follows.

Shards: the host is discord.py's AutoShardedClient. Several processes split the gateway by
shard (ORGBOT_DISCORD_SHARD_COUNT, ORGBOT_DISCORD_SHARD_IDS): Discord sends each server's
events only to the session of its shard, ``(guild_id >> 22) % count``, and DMs to shard 0, so
every event reaches one process. Without a count, Discord's recommendation (GET /gateway/bot)
is used and this process runs every shard. Slash commands are synced by the process that runs
shard 0 (they are the application's, not a shard's).

Stopping: :meth:`DiscordHost.close` first gives the handlers under way a few seconds to finish
(:mod:`bot.platforms.inflight`); one still running then is cancelled and its person told in one
sentence. An interaction arriving meanwhile is answered that the bot is restarting, with no
work done. Only then are the delivery queue and the connection (and by the caller the
database) closed.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from bot.cogkit import Answer, CommandSpec, Context, OptionSpec, ReactionEvent
from bot.delivery.discord_policy import discord_queue
from bot.dispatch import SORRY
from bot.domain.errors import DomainError
from bot.domain.hostile_text import one_line
from bot.domain.models import Community, Platform
from bot.domain.text import Text, t
from bot.hosting import BaseHost
from bot.i18n.languages import reader_language
from bot.logs import RedactingFilter, install_secret_filter, remove_secret_filter
from bot.messages import Form, Message, PostedRef
from bot.platforms.discord import errors
from bot.platforms.discord.commands import CommandWords, build_commands
from bot.platforms.discord.dm_channels import DmChannels
from bot.platforms.discord.dm_routes import DmRoutes
from bot.platforms.discord.endpoints import apply_endpoints
from bot.platforms.discord.memory import Recent
from bot.platforms.discord.messenger import Messenger
from bot.platforms.discord.organizers import interaction_is_organizer, member_is_organizer
from bot.platforms.discord.render import (
    NO_MENTIONS,
    Rendered,
    modal_answers,
    modal_for,
    render,
    render_pages,
    unwrap_dm_id,
)
from bot.platforms.discord.throttles import counting_429s
from bot.platforms.inflight import HANDLER_WAIT, SHUTTING_DOWN, STOPPED_MIDWAY, InFlight
from bot.services import Services
from bot.storage.dm_channels import DmChannelRepository
from bot.storage.dm_routes import DmRouteRepository

log = logging.getLogger(__name__)

DEFER_AFTER = 2.0  # seconds; Discord wants a response within 3
LOCALES_MAX = 50_000  # people whose Discord language is remembered (oldest forgotten first)
# What the host says itself, in the language of the person's Discord (see say_error).
DONE = t("Done.")
SLOW_FORM = t("That took too long to open the form. Please run the command again.")
FORM_AFTER_FORM = t("Sorry, I can't open another form from this one. Please run the command again.")
SHOW_FAILED = t(
    "Sorry, Discord wouldn't show that answer. Please try again; if it keeps happening, "
    "tell an organizer (reference {ref})."
)
SERVER_ONLY = t("Please use this in a channel of your server.")
GONE = t("I don't know that command any more. Type /help for the list.")
CHANGED = t(
    "This command changed since your Discord app loaded it. Please try again in a minute (or "
    "restart Discord)."
)
UNREADABLE = t("I couldn't read the value '{value}'. Please check it.")
LOST_SERVER = t(
    "I can't tell which server this is for any more. Please use the command again in the server."
)


def _cancelling() -> bool:
    """Whether the current task itself is being cancelled (not only a task it awaited)."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def intents() -> discord.Intents:
    """Only what the bot uses: servers, and reactions in servers and DMs (no message content)."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_reactions = True
    wanted.dm_reactions = True
    return wanted


class HostTree(app_commands.CommandTree["DiscordHost"]):
    """The command tree; its error handler covers what discord.py itself refuses, in the
    language of the person's Discord (the member is not looked up for these)."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        host: DiscordHost = self.client
        text: Text | str
        if isinstance(error, app_commands.CommandNotFound):
            text = GONE
        elif isinstance(error, app_commands.CommandSignatureMismatch):
            text = CHANGED
        elif isinstance(error, app_commands.NoPrivateMessage):
            text = SERVER_ONLY
        elif isinstance(error, app_commands.TransformerError):
            text = UNREADABLE.with_values(value=one_line(str(error.value))[:40])
        else:
            ref = uuid.uuid4().hex[:8]
            original = getattr(error, "original", error)
            log.error(
                "slash command failed (ref %s)",
                ref,
                exc_info=(type(original), original, original.__traceback__),
            )
            text = SORRY.with_values(ref=ref)
        await host.say_error(interaction, text)


class DiscordHost(BaseHost, discord.AutoShardedClient):
    """Hosts the neutral cogs on Discord. Dependencies come in through the constructor."""

    platform = Platform.DISCORD
    claims_at_send = True  # its delivery queue claims a background send as it leaves

    def __init__(
        self,
        services: Services,
        *,
        defer_after: float = DEFER_AFTER,
        **client_options: Any,
    ) -> None:
        BaseHost.__init__(self, services)
        client_options.setdefault("max_ratelimit_timeout", 60.0)
        client_options.setdefault("http_trace", counting_429s(services.metrics))
        # The bot never joins voice: no warnings about missing voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        settings = services.settings
        client_options.setdefault("shard_count", settings.discord_shard_count or None)
        client_options.setdefault("shard_ids", settings.discord_shards)
        discord.AutoShardedClient.__init__(
            self,
            intents=intents(),
            allowed_mentions=NO_MENTIONS,
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            max_messages=None,
            **client_options,
        )
        self.settings = services.settings
        self.defer_after = defer_after
        self.tree = HostTree(self, allowed_contexts=app_commands.AppCommandContext(guild=True))
        self.messenger = Messenger(
            self,
            DmRoutes(DmRouteRepository(services.db), services.clock),
            discord_queue(
                services.settings.discord_requests_per_second,
                services.settings.delivery_max_attempts,
                metrics=services.metrics,
                count_throttled=False,  # the client's trace counts every 429 (throttles.py)
            ),
            DmChannels(DmChannelRepository(services.db)),
        )
        self._recent = Recent()  # interaction ids, so one a resume replays is not handled twice
        # Each person's Discord language, from their last interaction (in memory only): what a
        # reaction's answer and a DM are written in when they chose none with /language.
        self._locales = Recent(LOCALES_MAX)
        self._chosen = Recent(LOCALES_MAX)  # each person's /language choice ("" for none)
        self._secret_filter: RedactingFilter | None = None
        self.work = InFlight()  # handlers under way, waited for at shutdown
        self.handler_wait = HANDLER_WAIT

    # -- start-up ------------------------------------------------------------------------------
    async def login(self, token: str) -> None:
        """Apply the REST and gateway settings, keep the token out of logs, then log in."""
        apply_endpoints(self.settings.discord_api_base, self.settings.discord_gateway_url)
        if self._secret_filter is None:
            self._secret_filter = install_secret_filter(token)
        await super().login(token)

    async def connect(self, *, reconnect: bool = True) -> None:
        """Open the gateway sessions of this process's shards. With no shard count set, ask
        Discord how many it recommends first (discord.py would, but then open the gateway
        Discord names, passing over ORGBOT_DISCORD_GATEWAY_URL)."""
        if self.shard_count is None:
            self.shard_count, _, _ = await self.http.get_bot_gateway()
            log.info("Discord recommends %d shard(s); running all of them", self.shard_count)
        await super().connect(reconnect=reconnect)

    @property
    def runs_first_shard(self) -> bool:
        """Whether this process runs shard 0 (and so syncs the slash commands)."""
        return self.shard_ids is None or 0 in self.shard_ids

    async def setup_hook(self) -> None:
        """Build the slash commands from the registry and sync them (to one server if set);
        only the process running shard 0 syncs, since the commands are the application's."""
        await self.tree.set_translator(CommandWords(self.services.words))
        for command in build_commands(
            self.registry, self._run_command, self._suggest, self.settings.max_text_length
        ):
            self.tree.add_command(command)
        if not self.runs_first_shard:
            log.info("slash commands are synced by the process running shard 0")
            return
        guild = None
        if self.settings.discord_guild_id:
            guild = discord.Object(self.settings.discord_guild_id)
            self.tree.copy_global_to(guild=guild)
        where = f"server {guild.id}" if guild else "all servers"
        try:
            synced = await self.tree.sync(guild=guild)
        except errors.FAILURES as exc:
            log.error(
                "could not sync slash commands to %s (%s); is the bot in that server, invited "
                "with the applications.commands scope?",
                where,
                exc,
            )
            return
        log.info("synced %d slash commands to %s", len(synced), where)

    async def close(self) -> None:
        await self.work.drain(self.handler_wait)  # before the queue and the database close
        await self.messenger.queue.close()  # what was accepted is sent before the session ends
        if hasattr(self, "_AutoShardedClient__queue"):
            await super().close()
        else:  # never logged in: discord.py's sharded close needs what login sets up
            await discord.Client.close(self)
        if self._secret_filter is not None:
            remove_secret_filter(self._secret_filter)
            self._secret_filter = None

    # -- slash commands and autocomplete -------------------------------------------------------
    async def _run_command(
        self, interaction: discord.Interaction, spec: CommandSpec, values: dict[str, Any]
    ) -> None:
        if not self._first_time(interaction) or await self._refused_while_stopping(interaction):
            return
        if interaction.guild_id is None:
            await self.say_error(interaction, SERVER_ONLY)
            return
        given = {name: value for name, value in values.items() if value is not None}
        guild_id = str(interaction.guild_id)

        async def work() -> Answer:
            ctx = await self._context(interaction, guild_id)
            return await self.dispatcher.run_command(ctx, spec.name, given)

        await self._answer(interaction, work, ephemeral=spec.ephemeral, what=f"/{spec.name}")

    async def _suggest(
        self, interaction: discord.Interaction, opt: OptionSpec, typed: str
    ) -> list[tuple[str, str]]:
        if interaction.guild_id is None or opt.autocomplete is None or self.work.closed:
            return []
        with self.work.running():
            try:
                ctx = await self._context(interaction, str(interaction.guild_id))
            except DomainError:
                return []
            except Exception:
                log.exception("could not suggest values for %s", opt.autocomplete)
                return []
            return await self.dispatcher.complete(ctx, opt.autocomplete, typed)

    # -- buttons, selects, modals --------------------------------------------------------------
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.component:
            await self._on_component(interaction)
        elif interaction.type is discord.InteractionType.modal_submit:
            await self._on_modal(interaction)

    async def _on_component(self, interaction: discord.Interaction) -> None:
        if not self._first_time(interaction) or await self._refused_while_stopping(interaction):
            return
        data: dict[str, Any] = dict(interaction.data or {})
        guild_id, custom_id = self._server_of(interaction, str(data.get("custom_id", "")))
        if guild_id is None:
            await self.say_error(interaction, LOST_SERVER)
            return
        chosen = data.get("values")

        async def work() -> Answer:
            ctx = await self._context(interaction, guild_id)
            if chosen is not None:
                value = str(chosen[0]) if chosen else ""
                return await self.dispatcher.choose(ctx, custom_id, value)
            return await self.dispatcher.press(ctx, custom_id)

        await self._answer(interaction, work, ephemeral=True, what=f"component {custom_id[:60]}")

    async def _on_modal(self, interaction: discord.Interaction) -> None:
        if not self._first_time(interaction) or await self._refused_while_stopping(interaction):
            return
        data: dict[str, Any] = dict(interaction.data or {})
        guild_id, custom_id = self._server_of(interaction, str(data.get("custom_id", "")))
        if guild_id is None:
            await self.say_error(interaction, LOST_SERVER)
            return
        answers = modal_answers(list(data.get("components", [])))

        async def work() -> Answer:
            ctx = await self._context(interaction, guild_id)
            return await self.dispatcher.submit(ctx, custom_id, answers)

        await self._answer(interaction, work, ephemeral=True, what=f"form {custom_id[:60]}")

    def _server_of(self, interaction: discord.Interaction, raw_id: str) -> tuple[str | None, str]:
        """The server an interaction acts in (a DM component names it) and the cog's custom id."""
        wrapped_guild, custom_id = unwrap_dm_id(raw_id)
        if interaction.guild_id is not None:
            return str(interaction.guild_id), custom_id
        return wrapped_guild, custom_id

    # -- reactions -----------------------------------------------------------------------------
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        await self._on_reaction(payload, added=True)

    async def on_raw_reaction_remove(self, payload: discord.RawReactionActionEvent) -> None:
        await self._on_reaction(payload, added=False)

    async def _on_reaction(self, payload: discord.RawReactionActionEvent, added: bool) -> None:
        if self.user is None or payload.user_id == self.user.id:
            return
        if self.work.closed:
            log.info("a reaction came while stopping; not counted")
            return
        with self.work.running():  # cancelled at the end of the wait: it counts nothing
            await self._on_reaction_now(payload, added)

    async def _on_reaction_now(self, payload: discord.RawReactionActionEvent, added: bool) -> None:
        guild_id = await self._reaction_server(payload)
        if guild_id is None:
            return
        organizer = member_is_organizer(payload.member, self.settings.discord_organizer_role)
        user_id = str(payload.user_id)
        channel_id = str(payload.channel_id)
        event = ReactionEvent(
            PostedRef(channel_id, str(payload.message_id)), str(payload.emoji), added=added
        )

        communities: list[Community] = []

        async def work() -> Answer:
            actor = await self.services.members.actor(
                Platform.DISCORD, guild_id, user_id, organizer
            )
            communities.append(actor.community)
            locale = self._locales.get(payload.user_id)  # a reaction carries no locale
            context = Context(actor, self, channel_id, locale=locale, words=self.services.words)
            return await self.dispatcher.react(context, event)

        answer = await self.dispatcher.guard(work, f"reaction {event.emoji!r}")
        if isinstance(answer, Message) and communities:
            await self._reaction_answer(communities[0], user_id, channel_id, answer)

    async def _reaction_answer(
        self, community: Community, user_id: str, channel_id: str, answer: Message
    ) -> None:
        """A reaction has no reply: a private answer goes by DM, a public one to the channel."""
        try:
            if answer.ephemeral:
                await self.send_dm(community, user_id, answer)
            else:
                await self.post(community, channel_id, answer)
        except DomainError as exc:
            log.info("could not deliver a reaction's answer: %s", exc.message)

    async def _reaction_server(self, payload: discord.RawReactionActionEvent) -> str | None:
        """The server a reaction acts in, or None to ignore it: in a server, only reactions on
        the bot's messages; in a DM, only the recipient's, on a DM the bot recorded sending."""
        if payload.guild_id is not None:
            return str(payload.guild_id) if await self._bot_wrote(payload) else None
        route = await self.messenger.routes.find(payload.message_id)
        if route is None or route.user_id != str(payload.user_id):
            log.debug("ignoring a reaction on DM message %s: not one of ours", payload.message_id)
            return None
        return route.server_id

    async def _bot_wrote(self, payload: discord.RawReactionActionEvent) -> bool:
        """Only reactions on the bot's own messages matter (a removal needs a look-up)."""
        assert self.user is not None
        known = self.messenger.authors.get(payload.message_id)
        if known is not None:
            return bool(known)
        if payload.message_author_id is not None:
            mine = payload.message_author_id == self.user.id
        else:
            try:
                data = await self.http.get_message(payload.channel_id, payload.message_id)
            except errors.FAILURES as exc:
                log.debug("could not look up message %s: %s", payload.message_id, exc)
                return False
            mine = int(data["author"]["id"]) == self.user.id
        self.messenger.authors.put(payload.message_id, mine)
        return mine

    # -- the HostPort cogs use -----------------------------------------------------------------
    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        return await self.messenger.post(community, channel_id, message)

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        await self.messenger.edit(community, ref, message)

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        return await self.messenger.send_dm(community, user_id, message)

    async def locale_of(self, community: Community, user_id: str) -> str | None:
        """The language of the person's Discord as their last interaction said (None if none
        was seen since the start), for what the scheduler sends them."""
        return self._locales.get(int(user_id)) if user_id.isdigit() else None

    # -- answering interactions ----------------------------------------------------------------
    async def _answer(
        self,
        interaction: discord.Interaction,
        work: Callable[[], Awaitable[Answer]],
        *,
        ephemeral: bool,
        what: str,
    ) -> None:
        """Run the handler and answer: directly when it is quick, after a defer when it is not.
        A handler cancelled at shutdown is answered with one sentence saying so."""
        with self.work.counted():
            task = asyncio.ensure_future(self.dispatcher.guard(work, what))
            self.work.track(task)  # what a stop cancels: the answer below then says so
            try:
                if self.defer_after > 0:
                    await asyncio.wait({task}, timeout=self.defer_after)
                if task.done():
                    await self._respond(interaction, task.result())
                    return
                deferred = await self._defer(interaction, ephemeral)
                await self._follow_up(interaction, await task, deferred)
            except discord.HTTPException as exc:
                await self._answer_failed(interaction, exc)
            except asyncio.CancelledError:
                if not task.cancelled() or _cancelling():
                    raise
                await self.say_error(interaction, STOPPED_MIDWAY)  # cut off by the stop
            except Exception:
                ref = uuid.uuid4().hex[:8]
                log.exception("could not answer interaction %s (ref %s)", interaction.id, ref)
                await self.say_error(interaction, SHOW_FAILED.with_values(ref=ref))
            if not task.done():
                await task  # the handler's work still completes; only the answer is dropped

    async def _refused_while_stopping(self, interaction: discord.Interaction) -> bool:
        """While the host stops, an interaction gets one sentence and no work is done."""
        if not self.work.closed:
            return False
        await self.say_error(interaction, SHUTTING_DOWN)
        return True

    async def _defer(self, interaction: discord.Interaction, ephemeral: bool) -> str:
        """Show "thinking" for a slash command while it works; acknowledge others silently."""
        if interaction.type is discord.InteractionType.application_command:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
            return "private" if ephemeral else "public"
        await interaction.response.defer()
        return "silent"

    async def _respond(self, interaction: discord.Interaction, answer: Answer) -> None:
        """The first and only response to the interaction."""
        response = interaction.response
        if isinstance(answer, Form):
            if interaction.type is discord.InteractionType.modal_submit:
                log.error("form %s answered a form with another form", answer.action)
                await self.say_error(interaction, FORM_AFTER_FORM)
                return
            dm_guild = None if interaction.guild_id else self._dm_guild_of(interaction)
            await response.send_modal(modal_for(answer, dm_guild))
            return
        if answer is None:
            if interaction.type is discord.InteractionType.application_command:
                await response.send_message(self._said(interaction, DONE), ephemeral=True)
            else:
                await response.defer()
            return
        dm_guild = None if interaction.guild_id else self._dm_guild_of(interaction)
        first, *more = render_pages(answer, dm_guild)
        callback = await response.send_message(ephemeral=answer.ephemeral, **first.send_kwargs())
        if answer.reactions and not answer.ephemeral and callback is not None:
            sent = callback.resource
            if isinstance(sent, discord.InteractionMessage):
                self.messenger.authors.put(sent.id)
                await self.messenger.add_reactions(sent, answer.reactions)
        await self._more_pages(interaction, more, answer.ephemeral)

    async def _follow_up(
        self, interaction: discord.Interaction, answer: Answer, deferred: str
    ) -> None:
        """The answer after a defer: edit the "thinking" message, or send a follow-up."""
        if isinstance(answer, Form):
            log.warning("form %s came too late to be shown as a modal", answer.action)
            answer = Message.error(self._said(interaction, SLOW_FORM))
        dm_guild = None if interaction.guild_id else self._dm_guild_of(interaction)
        if answer is None:
            if deferred != "silent":
                await interaction.edit_original_response(content=self._said(interaction, DONE))
            return
        first, *more = render_pages(answer, dm_guild)
        private = answer.ephemeral or deferred == "private"
        if deferred == "silent" or (answer.ephemeral and deferred == "public"):
            if deferred == "public":
                # The public "thinking" message must not become a private answer: replace it.
                await interaction.delete_original_response()
            sent: discord.Message = await interaction.followup.send(
                ephemeral=answer.ephemeral, wait=True, **first.send_kwargs()
            )
        else:
            sent = await interaction.edit_original_response(**first.edit_kwargs())
        if answer.reactions and not private:
            self.messenger.authors.put(sent.id)
            await self.messenger.add_reactions(sent, answer.reactions)
        await self._more_pages(interaction, more, private)

    async def _more_pages(
        self, interaction: discord.Interaction, pages: list[Rendered], ephemeral: bool
    ) -> None:
        """The rest of a very long answer, as follow-ups seen by the same people."""
        for page in pages:
            await interaction.followup.send(ephemeral=ephemeral, **page.send_kwargs())

    async def _answer_failed(self, interaction: discord.Interaction, exc: Exception) -> None:
        code = getattr(exc, "code", None)
        if code == errors.ALREADY_ACKNOWLEDGED:
            log.info("interaction %s was already answered; not answering again", interaction.id)
            return
        if code == errors.UNKNOWN_INTERACTION:
            log.warning("interaction %s expired before its answer was sent", interaction.id)
            return
        ref = uuid.uuid4().hex[:8]
        log.error("could not answer interaction %s (ref %s)", interaction.id, ref, exc_info=exc)
        await self.say_error(interaction, SHOW_FAILED.with_values(ref=ref))

    def _said(self, interaction: discord.Interaction, text: Text | str) -> str:
        """What the host itself says (before or after the dispatcher, so without looking the
        member up): in their /language choice as their last request here showed it, else
        the language of their Discord."""
        chosen = self._chosen.get(interaction.user.id) or None
        language = reader_language(chosen, str(interaction.locale.value), None)
        return self.services.words(language).render(text)

    async def say_error(self, interaction: discord.Interaction, text: Text | str) -> None:
        """A private error sentence, as the response or a follow-up, in the language of the
        person's Discord; never raises."""
        embed = render(Message.error(self._said(interaction, text))).embeds
        try:
            if interaction.response.is_done():
                await interaction.followup.send(
                    embeds=embed, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
            else:
                await interaction.response.send_message(
                    embeds=embed, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
        except errors.FAILURES as exc:
            log.info("could not tell interaction %s about an error: %s", interaction.id, exc)

    # -- helpers -------------------------------------------------------------------------------
    def _first_time(self, interaction: discord.Interaction) -> bool:
        """False for an interaction seen before (a gateway resume can replay it)."""
        if interaction.id in self._recent:
            log.info("ignoring interaction %s: already handled (replayed)", interaction.id)
            return False
        self._recent.put(interaction.id)
        return True

    def _dm_guild_of(self, interaction: discord.Interaction) -> str | None:
        data: dict[str, Any] = dict(interaction.data or {})
        guild, _ = unwrap_dm_id(str(data.get("custom_id", "")))
        return guild

    async def _context(self, interaction: discord.Interaction, guild_id: str) -> Context:
        organizer = interaction.guild_id is not None and interaction_is_organizer(
            interaction, self.settings.discord_organizer_role
        )
        actor = await self.services.members.actor(
            Platform.DISCORD, guild_id, str(interaction.user.id), organizer
        )
        locale = str(interaction.locale.value)  # the member's Discord language, e.g. es-ES
        self._locales.put(interaction.user.id, locale)
        self._chosen.put(interaction.user.id, actor.member.language or "")
        return Context(
            actor=actor,
            host=self,
            channel_id=str(interaction.channel_id or ""),
            locale=locale,
            words=self.services.words,
        )
