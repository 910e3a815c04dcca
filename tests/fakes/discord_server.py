"""A fake Discord: REST API and gateway on 127.0.0.1 (an ephemeral port) for the REAL discord.py.

Point the bot at ``fake.api_base`` and ``fake.gateway_url`` (the settings
ORGBOT_DISCORD_API_BASE and ORGBOT_DISCORD_GATEWAY_URL; tests/platforms/discord/conftest.py
does it), start it with ``running_host(host)``, then act as Discord users:

    inter = await fake.command("echo", {"times": 2}, user=fake.ann)   # a slash command
    reply = await inter.answer()            # the message the person sees (after any defer)
    assert reply.text() == "hi hi" and not reply.ephemeral
    modal = await (await fake.command("note")).modal()               # a Form opened as a modal
    done = await (await fake.submit(modal, {"title": "T", "body": "B"})).answer()
    press = await fake.press(reply, "sample.poke:box", user=fake.bob)  # any message's button
    await fake.react(reply, "📞", user=fake.ann)                      # MESSAGE_REACTION_ADD

People: ``fake.ann`` and ``fake.bob`` (members), ``fake.olga`` (Manage Server), ``fake.rita``
(the "Organizers" role), ``fake.add_user(name, organizer=, roles=, dms_closed=)``. Places:
``CHANNEL_ID`` (#calls), ``OTHER_CHANNEL_ID``, ``FOREIGN_CHANNEL_ID`` (another server).

What the bot sent: ``fake.requests`` (every REST call, with status), ``fake.messages`` (every
message, as :class:`FakeMessage` with ``text()``, ``embeds``, ``custom_ids()``, ``ephemeral``,
``allowed_mentions``, ``files``, ``reactions``), ``fake.channel_messages(channel)``,
``fake.dm_messages(user)``, ``fake.synced`` (the last command sync), ``fake.identifies``.
Waiting: ``await fake.wait_request(method, path_regex, status=)`` and ``await fake.until(check)``
re-check after every request; never sleep. A cog's own state is best awaited with a queue in
the test's cog (see tests/platforms/discord/cogs.py).

Failures: ``rate_limit(method, path)`` (429 with Retry-After and the Via header discord.py needs
to retry), ``fail(method, path, status, code, message)``, ``deny_channel(id)`` (403 50013),
users with ``dms_closed`` (403 50007), ``reconnect(replay=[(event, payload)], close_code=)``
(op 7 or a close, then RESUME with replayed events). An interaction answered twice gets 400
40060, like Discord.

Shards, as Discord runs them: each IDENTIFY names its shard ``[id, count]`` (none is ``[0, 1]``)
and opens a session of its own. READY and GUILD_CREATE list only the servers of that shard,
``(guild_id >> 22) % count``, and every event about a server goes only to the session of its
shard; events of no server (DMs) go to shard 0. ``add_guild()`` adds a server the bot is in
(with a #calls channel); ``command``, ``press``, ``react``... act in the server of the channel
they name. ``fake.shard_of(guild_id)`` and ``fake.sessions`` (open sessions by shard) tell
where things go; GET /gateway/bot recommends ``recommended_shards``.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_ID = 1000000000000000001
APP_ID = BOT_ID  # for bots created since 2016 the application id is the bot user's id
GUILD_ID = 2000000000000000001
CHANNEL_ID = 3000000000000000001
OTHER_CHANNEL_ID = 3000000000000000002
ORGANIZER_ROLE_ID = 4000000000000000001
FOREIGN_CHANNEL_ID = 3000000000000000099  # a channel of another server
FOREIGN_GUILD_ID = 2000000000000000099
TOKEN = base64.b64encode(str(BOT_ID).encode()).decode().rstrip("=") + ".GfAkE1.fake-secret-abc"

# Permission bits
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
ADD_REACTIONS = 1 << 6
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (
    VIEW_CHANNEL | SEND_MESSAGES | ADD_REACTIONS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS
)
ORGANIZER_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD

# Interaction types and callback types
APPLICATION_COMMAND, COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE, AUTOCOMPLETE_RESULT, MODAL = 4, 5, 6, 7, 8, 9
EPHEMERAL = 1 << 6
OPTION_TYPES = {str: 3, int: 4, bool: 5, float: 10}
TIMESTAMP = "2026-01-05T12:00:00.000000+00:00"
WAIT = 5.0  # seconds any single wait may take before the test fails
DM_SHARD = 0  # Discord sends what belongs to no server (DMs) to shard 0


def jsonify(data: Any, status: int = 200) -> web.Response:
    """A JSON response whose Content-Type is exactly application/json (as discord.py expects)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def error(status: int, code: int, message: str, **extra: Any) -> web.Response:
    return jsonify({"code": code, "message": message, **extra}, status=status)


@dataclass
class FakeUser:
    """A Discord user in the fake server. ``permissions`` are their resolved channel permissions."""

    id: int
    name: str
    permissions: int = MEMBER_PERMISSIONS
    roles: tuple[int, ...] = ()
    dms_closed: bool = False
    locale: str = "en-US"  # their Discord app's language: each interaction's ``locale``

    def user_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name,
            "global_name": self.name.title(),
            "discriminator": "0",
            "avatar": None,
            "bot": False,
            "public_flags": 0,
        }

    def member_payload(self, with_permissions: bool = True) -> dict[str, Any]:
        member: dict[str, Any] = {
            "user": self.user_payload(),
            "roles": [str(r) for r in self.roles],
            "joined_at": TIMESTAMP,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
        }
        if with_permissions:
            member["permissions"] = str(self.permissions)
        return member


@dataclass
class Request:
    """One REST call the bot made, and the status the fake answered."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    files: dict[str, bytes]
    status: int = 0


@dataclass
class FakeMessage:
    """A message the bot sent: what Discord returns (``payload``) and what the bot asked for."""

    payload: dict[str, Any]
    body: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    reactions: list[str] = field(default_factory=list)
    interaction_id: int | None = None
    deleted: bool = False

    @property
    def id(self) -> int:
        return int(self.payload["id"])

    @property
    def channel_id(self) -> int:
        return int(self.payload["channel_id"])

    @property
    def content(self) -> str:
        return str(self.payload.get("content") or "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list(self.payload.get("embeds") or [])

    @property
    def components(self) -> list[dict[str, Any]]:
        return list(self.payload.get("components") or [])

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.payload.get("flags") or 0) & EPHEMERAL)

    @property
    def allowed_mentions(self) -> Any:
        return self.body.get("allowed_mentions")

    def custom_ids(self) -> list[str]:
        """Every component custom id, in order (buttons and selects)."""
        return [c["custom_id"] for c in _walk(self.components) if "custom_id" in c]

    def component(self, custom_id: str) -> dict[str, Any]:
        for found in _walk(self.components):
            if found.get("custom_id") == custom_id:
                return found
        raise AssertionError(f"no component {custom_id!r} in {self.custom_ids()}")

    def button(self, label: str) -> dict[str, Any]:
        for found in _walk(self.components):
            if found.get("type") == 2 and found.get("label") == label:
                return found
        raise AssertionError(f"no button {label!r} in message {self.id}")

    def text(self) -> str:
        """Content, embed titles, descriptions, fields and footers, one per line."""
        lines = [self.content] if self.content else []
        for embed in self.embeds:
            lines += [embed.get(k, "") for k in ("title", "description") if embed.get(k)]
            for item in embed.get("fields", []):
                lines += [item["name"], item["value"]]
            if embed.get("footer", {}).get("text"):
                lines.append(embed["footer"]["text"])
        return "\n".join(lines)

    @property
    def colour(self) -> int | None:
        return self.embeds[0].get("color") if self.embeds else None


def _walk(components: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for component in components:
        yield component
        yield from _walk(component.get("components", []))
        if isinstance(component.get("component"), dict):
            yield from _walk([component["component"]])


class FakeInteraction:
    """An interaction the fake sent; its answer arrives through the callback and webhooks."""

    def __init__(self, fake: FakeDiscord, payload: dict[str, Any]) -> None:
        self.fake = fake
        self.payload = payload
        self.id = int(payload["id"])
        self.token = str(payload["token"])
        self.callback_type: int | None = None
        self.deferred_flags: int = 0
        self.original: FakeMessage | None = None
        self.followups: list[FakeMessage] = []
        self.modal_data: dict[str, Any] | None = None
        self.choices_data: list[dict[str, Any]] | None = None
        self.callbacks: list[Request] = []
        self.failures: list[Request] = []

    @property
    def pending_original(self) -> bool:
        """Deferred with "thinking": the first follow-up or edit becomes the original."""
        return self.callback_type == DEFERRED_MESSAGE and self.original is None

    async def callback(self, within: float = WAIT) -> Request:
        """The first callback the bot posted for this interaction."""
        return await self.fake.wait_request(
            "POST", rf"/interactions/{self.id}/[^/]+/callback", within=within
        )

    async def answer(self, within: float = WAIT) -> FakeMessage:
        """The message the person sees: the response, or the one that follows a defer."""
        await self.callback(within)

        def ready() -> FakeMessage | None:
            if self.callback_type == MESSAGE:
                return self.original
            if self.callback_type == DEFERRED_MESSAGE:
                return self.original
            if self.callback_type in (DEFERRED_UPDATE, UPDATE):
                return self.followups[0] if self.followups else None
            raise AssertionError(f"interaction {self.id} got callback type {self.callback_type}")

        return await self.fake.until(ready, within)

    async def followup(self, index: int = 0, within: float = WAIT) -> FakeMessage:
        """The ``index``-th follow-up message (not counting one that replaced "thinking")."""
        return await self.fake.until(
            lambda: self.followups[index] if len(self.followups) > index else None, within
        )

    async def modal(self, within: float = WAIT) -> dict[str, Any]:
        """The modal the bot opened (custom_id, title, components)."""
        await self.callback(within)
        assert self.callback_type == MODAL, f"expected a modal, got {self.callback_type}"
        assert self.modal_data is not None
        return self.modal_data

    async def choices(self, within: float = WAIT) -> list[dict[str, Any]]:
        """The autocomplete suggestions (name, value)."""
        await self.callback(within)
        assert self.callback_type == AUTOCOMPLETE_RESULT, f"got callback {self.callback_type}"
        return list(self.choices_data or [])


class FakeDiscord:
    """The fake REST API (under /api/v10) and gateway (/gateway) of one Discord server."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self._ids = itertools.count(5000000000000000001)
        self.bot = {
            "id": str(BOT_ID),
            "username": "organizer-bot",
            "global_name": None,
            "discriminator": "0000",
            "avatar": None,
            "bot": True,
            "public_flags": 0,
            "flags": 0,
            "verified": True,
            "mfa_enabled": False,
        }
        self.guild_id = GUILD_ID
        self.guild_ids: list[int] = [GUILD_ID]  # the servers the bot is in
        self.recommended_shards = 1  # what GET /gateway/bot answers
        self.channels: dict[int, dict[str, Any]] = {
            CHANNEL_ID: self._text_channel(CHANNEL_ID, "calls", GUILD_ID),
            OTHER_CHANNEL_ID: self._text_channel(OTHER_CHANNEL_ID, "announcements", GUILD_ID),
            FOREIGN_CHANNEL_ID: self._text_channel(
                FOREIGN_CHANNEL_ID, "elsewhere", FOREIGN_GUILD_ID
            ),
        }
        self.roles = [
            self._role(GUILD_ID, "@everyone", MEMBER_PERMISSIONS, 0),
            self._role(ORGANIZER_ROLE_ID, "Organizers", MEMBER_PERMISSIONS, 1),
        ]
        self.users: dict[int, FakeUser] = {}
        self.ann = self.add_user("ann")
        self.bob = self.add_user("bob")
        self.olga = self.add_user("olga", organizer=True)
        self.rita = self.add_user("rita", roles=(ORGANIZER_ROLE_ID,))
        self.messages: dict[int, FakeMessage] = {}
        self.interactions: dict[int, FakeInteraction] = {}
        self.requests: list[Request] = []
        self.synced: list[dict[str, Any]] = []
        self.synced_guild: int | None = None
        self.identifies: list[dict[str, Any]] = []
        self._guild_names: dict[int, str] = {GUILD_ID: "Call Congress Club"}
        self.resumes: list[dict[str, Any]] = []
        self.dispatched: list[tuple[int, str, dict[str, Any]]] = []
        self.denied_channels: set[int] = set()
        self._faults: list[_Fault] = []
        self._changed = asyncio.Condition()
        self.sessions: dict[int, _Session] = {}  # the open gateway session of each shard
        self._seq = 0
        self._replay: list[tuple[str, dict[str, Any]]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/gateway/", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def close(self) -> None:
        for session in list(self.sessions.values()):
            if not session.ws.closed:
                await session.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- people and places ------------------------------------------------------------------------
    def add_user(
        self,
        name: str,
        *,
        organizer: bool = False,
        roles: tuple[int, ...] = (),
        dms_closed: bool = False,
    ) -> FakeUser:
        """A member of the server; ``organizer`` gives them Manage Server."""
        user = FakeUser(
            id=next(self._ids),
            name=name,
            permissions=ORGANIZER_PERMISSIONS if organizer else MEMBER_PERMISSIONS,
            roles=roles,
            dms_closed=dms_closed,
        )
        self.users[user.id] = user
        return user

    def add_guild(self, guild_id: int | None = None, name: str = "Another Club") -> tuple[int, int]:
        """Another server the bot is in, with a #calls channel; returns (guild id, channel id)."""
        guild = guild_id or next(self._ids)
        channel = next(self._ids)
        self.guild_ids.append(guild)
        self._guild_names[guild] = name
        self.channels[channel] = self._text_channel(channel, "calls", guild)
        return guild, channel

    def shard_of(self, guild_id: int | None, count: int) -> int:
        """The shard Discord sends a server's events on (DMs: shard 0)."""
        return DM_SHARD if guild_id is None else (guild_id >> 22) % count

    def _guild_of_channel(self, channel_id: int) -> int:
        """The server a channel is in, among the bot's (else the first: the tests' own)."""
        guild = int(self.channels.get(channel_id, {}).get("guild_id") or 0)
        return guild if guild in self.guild_ids else self.guild_id

    def deny_channel(self, channel_id: int) -> None:
        """The bot lacks permissions in this channel: sending there gets 403 50013."""
        self.denied_channels.add(channel_id)

    def rate_limit(self, method: str, path: str, retry_after: float = 0.01, times: int = 1) -> None:
        """The next ``times`` matching requests get a 429 (with the Via header and Retry-After)."""
        body = {"message": "You are being rate limited.", "retry_after": retry_after}
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(retry_after),
            "X-RateLimit-Scope": "user",
            "X-RateLimit-Bucket": "fake-bucket",
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": str(retry_after),
        }
        self._faults.append(
            _Fault(method, re.compile(path), 429, {**body, "global": False}, headers, times)
        )

    def fail(
        self, method: str, path: str, status: int, code: int, message: str, times: int = 1
    ) -> None:
        """The next ``times`` matching requests fail with this status and Discord error code."""
        self._faults.append(
            _Fault(method, re.compile(path), status, {"code": code, "message": message}, {}, times)
        )

    # -- waiting ------------------------------------------------------------------------------
    async def until(self, check: Callable[[], Any], within: float = WAIT) -> Any:
        """Wait until ``check()`` returns something truthy (re-checked after every request)."""

        async def poll() -> Any:
            async with self._changed:
                while True:
                    found = check()
                    if found:
                        return found
                    await self._changed.wait()

        return await asyncio.wait_for(poll(), within)

    async def wait_request(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        since: int = 0,
        status: int | None = None,
        within: float = WAIT,
    ) -> Request:
        """The first request from index ``since`` on whose method and path (a regex) match."""
        pattern = re.compile(path) if path else None

        def check() -> Request | None:
            for request in self.requests[since:]:
                if method and request.method != method:
                    continue
                if pattern and not pattern.fullmatch(request.path):
                    continue
                if status is not None and request.status != status:
                    continue
                return request
            return None

        return await self.until(check, within)

    def matching(self, method: str, path: str) -> list[Request]:
        pattern = re.compile(path)
        return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    async def _changed_now(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- acting as Discord users ----------------------------------------------------------------
    async def command(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: FakeUser | None = None,
        channel_id: int = CHANNEL_ID,
        focused: str | None = None,
        in_dm: bool = False,
    ) -> FakeInteraction:
        """Run ``/name`` ("group sub" for a subcommand) with option values, as ``user``."""
        words = name.split(" ")
        synced = self._synced_command(words[0])
        spec = synced
        if len(words) == 2 and synced is not None:
            spec = next((o for o in synced.get("options", []) if o["name"] == words[1]), None)
        leaf = []
        for key, value in (options or {}).items():
            option = {"name": key, "type": self._option_type(spec, key, value), "value": value}
            if key == focused:
                option["focused"] = True
            leaf.append(option)
        data: dict[str, Any] = {
            "id": str(synced["id"]) if synced else str(next(self._ids)),
            "name": words[0],
            "type": 1,
        }
        if len(words) == 2:
            data["options"] = [{"name": words[1], "type": 1, "options": leaf}]
        else:
            data["options"] = leaf
        kind = AUTOCOMPLETE if focused else APPLICATION_COMMAND
        return await self.interact(kind, data, user=user, channel_id=channel_id, in_dm=in_dm)

    async def autocomplete(
        self, name: str, options: dict[str, Any], focused: str, *, user: FakeUser | None = None
    ) -> FakeInteraction:
        """Typing in an option that suggests values; ``focused`` names that option."""
        return await self.command(name, options, user=user, focused=focused)

    async def press(
        self, message: FakeMessage, custom_id: str, *, user: FakeUser | None = None
    ) -> FakeInteraction:
        """Press the button ``custom_id`` on ``message``."""
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._on_message(message, data, user)

    async def choose(
        self,
        message: FakeMessage,
        custom_id: str,
        values: Sequence[str],
        *,
        user: FakeUser | None = None,
    ) -> FakeInteraction:
        """Choose ``values`` in the select menu ``custom_id`` on ``message``."""
        data = {"custom_id": custom_id, "component_type": 3, "values": list(values)}
        return await self._on_message(message, data, user)

    async def submit(
        self,
        modal: dict[str, Any],
        values: dict[str, str],
        *,
        user: FakeUser | None = None,
        channel_id: int = CHANNEL_ID,
        in_dm: bool = False,
    ) -> FakeInteraction:
        """Submit a modal the bot opened, with text by input custom id."""
        components = [
            {
                "type": 18,
                "id": i + 1,
                "component": {"type": 4, "id": i + 10, "custom_id": k, "value": v},
            }
            for i, (k, v) in enumerate(values.items())
        ]
        data = {"custom_id": modal["custom_id"], "components": components}
        return await self.interact(
            MODAL_SUBMIT, data, user=user, channel_id=channel_id, in_dm=in_dm
        )

    async def _on_message(
        self, message: FakeMessage, data: dict[str, Any], user: FakeUser | None
    ) -> FakeInteraction:
        channel = self.channels.get(message.channel_id, {})
        in_dm = channel.get("type") == 1
        return await self.interact(
            COMPONENT,
            data,
            user=user,
            channel_id=message.channel_id,
            in_dm=in_dm,
            message=message.payload,
        )

    async def interact(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        user: FakeUser | None = None,
        channel_id: int = CHANNEL_ID,
        in_dm: bool = False,
        message: dict[str, Any] | None = None,
    ) -> FakeInteraction:
        """Send an INTERACTION_CREATE of any type (the helpers above build ``data``), in the
        server of ``channel_id``."""
        user = user or self.ann
        guild_id = self._guild_of_channel(channel_id)
        payload: dict[str, Any] = {
            "id": str(next(self._ids)),
            "application_id": str(APP_ID),
            "type": kind,
            "token": f"itoken-{next(self._ids)}",
            "version": 1,
            "data": data,
            "locale": user.locale,
            "app_permissions": str(MEMBER_PERMISSIONS),
            "attachment_size_limit": 10 * 1024 * 1024,
            "entitlements": [],
        }
        if in_dm:
            channel = self._dm_channel_for(user)
            payload.update(
                channel=channel,
                channel_id=channel["id"],
                user=user.user_payload(),
                context=1,
                authorizing_integration_owners={"0": "0"},
            )
        else:
            payload.update(
                guild_id=str(guild_id),
                guild={"id": str(guild_id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                channel=self.channels[channel_id],
                channel_id=str(channel_id),
                member=user.member_payload(),
                context=0,
                authorizing_integration_owners={"0": str(guild_id)},
            )
        if message is not None:
            payload["message"] = message
        interaction = FakeInteraction(self, payload)
        self.interactions[interaction.id] = interaction
        await self.dispatch("INTERACTION_CREATE", payload)
        return interaction

    async def react(
        self,
        message: FakeMessage | int,
        emoji: str,
        *,
        user: FakeUser | None = None,
        added: bool = True,
        channel_id: int | None = None,
        with_author: bool = True,
    ) -> None:
        """Add (or remove) ``emoji`` on a message as ``user`` (MESSAGE_REACTION_ADD/REMOVE)."""
        user = user or self.ann
        if isinstance(message, FakeMessage):
            message_id, channel_id, author = (
                message.id,
                message.channel_id,
                message.payload["author"],
            )
        else:
            message_id, author = message, None
        channel_id = channel_id or CHANNEL_ID
        in_dm = self.channels.get(channel_id, {}).get("type") == 1
        data: dict[str, Any] = {
            "user_id": str(user.id),
            "channel_id": str(channel_id),
            "message_id": str(message_id),
            "emoji": {"id": None, "name": emoji},
            "burst": False,
            "type": 0,
        }
        if not in_dm:
            data["guild_id"] = str(self._guild_of_channel(channel_id))
        if added:
            data["burst_colors"] = []
            if not in_dm:
                data["member"] = user.member_payload(with_permissions=False)
            if with_author and author is not None:
                data["message_author_id"] = author["id"]
        await self.dispatch("MESSAGE_REACTION_ADD" if added else "MESSAGE_REACTION_REMOVE", data)

    # -- gateway --------------------------------------------------------------------------------
    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send a gateway event to the session of its server's shard (waiting for it to be
        connected); returns its sequence number."""
        guild = data.get("guild_id")
        session = await self._session_for(int(guild) if guild else None)
        return await self._send(session.ws, event, data)

    async def _session_for(self, guild_id: int | None) -> _Session:
        def found() -> _Session | None:
            for session in self.sessions.values():
                if session.live and session.shard == self.shard_of(guild_id, session.count):
                    return session
            return None

        return await self.until(found)  # type: ignore[no-any-return]

    async def _send(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> int:
        self._seq += 1
        self.dispatched.append((self._seq, event, data))
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))
        return self._seq

    async def reconnect(
        self,
        replay: Sequence[tuple[str, dict[str, Any]]] = (),
        *,
        close_code: int | None = None,
        shard: int = 0,
    ) -> None:
        """Ask the bot to reconnect shard ``shard`` (op 7, or a close with ``close_code``); on
        its RESUME send ``replay`` (as Discord replays missed events), then RESUMED. Returns
        once it resumed."""
        resumes = len(self.resumes)
        self._replay = list(replay)
        session = self.sessions[shard]
        session.live = False
        if close_code is None:
            await session.ws.send_str(json.dumps({"op": 7, "d": None}))
        else:
            await session.ws.close(code=close_code)
        await self.until(
            lambda: (
                len(self.resumes) > resumes and shard in self.sessions and self.sessions[shard].live
            )
        )

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoclose=True)
        await ws.prepare(request)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        async for frame in ws:
            if frame.type is not WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            op = message.get("op")
            if op == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif op == 2:
                await self._identify(ws, message["d"])
            elif op == 6:
                await self._resume(ws, message["d"])
        for session in self.sessions.values():
            if session.ws is ws:
                session.live = False
        await self._changed_now()
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        shard, count = (int(n) for n in data.get("shard") or (0, 1))
        if not 0 <= shard < count:
            await ws.close(code=4010, message=b"Invalid shard.")
            return
        self.identifies.append(data)
        session = _Session(ws, shard, count, f"session-{len(self.identifies)}")
        self.sessions[shard] = session
        guilds = [g for g in self.guild_ids if self.shard_of(g, count) == shard]
        ready = {
            "v": 10,
            "user": self.bot,
            "guilds": [{"id": str(g), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
            "private_channels": [],
            "relationships": [],
            **({"shard": [shard, count]} if data.get("shard") else {}),
        }
        await self._send(ws, "READY", ready)
        for guild in guilds:
            await self._send(ws, "GUILD_CREATE", self._guild_payload(guild))
        session.live = True
        await self._changed_now()

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        session = next(
            (s for s in self.sessions.values() if s.session_id == data.get("session_id")), None
        )
        if session is None:
            await ws.send_str(json.dumps({"op": 9, "d": False}))  # invalid session
            return
        session.ws = ws
        for event, payload in self._replay:
            await self._send(ws, event, payload)
        self._replay = []
        await self._send(ws, "RESUMED", {})
        session.live = True
        self.resumes.append(data)
        await self._changed_now()

    def _guild_payload(self, guild_id: int = GUILD_ID) -> dict[str, Any]:
        roles = (
            self.roles
            if guild_id == GUILD_ID
            else [self._role(guild_id, "@everyone", MEMBER_PERMISSIONS, 0)]
        )
        return {
            "id": str(guild_id),
            "name": self._guild_names.get(guild_id, "Call Congress Club"),
            "icon": None,
            "owner_id": str(self.olga.id),
            "roles": roles,
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": [c for c in self.channels.values() if c.get("guild_id") == str(guild_id)],
            "members": [],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "member_count": len(self.users) + 1,
            "large": False,
            "unavailable": False,
            "joined_at": TIMESTAMP,
            "mfa_level": 0,
            "verification_level": 0,
            "explicit_content_filter": 0,
            "default_message_notifications": 0,
            "afk_timeout": 300,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "system_channel_flags": 0,
            "premium_progress_bar_enabled": False,
        }

    # -- REST ------------------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await _read_body(request)
        recorded = Request(
            method=request.method,
            path=path,
            query=dict(request.query),
            headers=dict(request.headers),
            json=body,
            files=files,
        )
        response = self._fault_for(request.method, path) or await self._route(recorded)
        recorded.status = response.status
        self.requests.append(recorded)
        await self._changed_now()
        return response

    def _fault_for(self, method: str, path: str) -> web.Response | None:
        for fault in self._faults:
            if fault.times > 0 and fault.method == method and fault.path.fullmatch(path):
                fault.times -= 1
                return web.Response(
                    body=json.dumps(fault.body).encode(),
                    status=fault.status,
                    headers={"Content-Type": "application/json", **fault.headers},
                )
        return None

    async def _route(self, request: Request) -> web.Response:
        for method, pattern, handler in self._routes():
            match = re.fullmatch(pattern, request.path)
            if match and method == request.method:
                if not self._authorized(request, pattern):
                    return error(401, 0, "401: Unauthorized")
                return await handler(request, *match.groups())
        return error(404, 0, f"404: Not Found ({request.method} {request.path} is not faked)")

    def _authorized(self, request: Request, pattern: str) -> bool:
        if pattern.startswith(("/interactions", "/webhooks")):
            return True  # the token in the URL is the credential
        return request.headers.get("Authorization") == f"Bot {self.token}"

    def _routes(self) -> list[tuple[str, str, Callable[..., Any]]]:
        return [
            ("GET", r"/users/@me", self._get_me),
            ("GET", r"/oauth2/applications/@me", self._get_application),
            ("GET", r"/gateway(?:/bot)?", self._get_gateway),
            ("PUT", r"/applications/(\d+)/commands", self._put_commands),
            ("PUT", r"/applications/(\d+)/guilds/(\d+)/commands", self._put_guild_commands),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._post_callback),
            ("POST", r"/webhooks/(\d+)/([^/]+)", self._post_followup),
            ("GET", r"/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", self._get_webhook_msg),
            ("PATCH", r"/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", self._patch_webhook_msg),
            ("DELETE", r"/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", self._del_webhook_msg),
            ("GET", r"/channels/(\d+)", self._get_channel),
            ("POST", r"/channels/(\d+)/messages", self._post_message),
            ("GET", r"/channels/(\d+)/messages/(\d+)", self._get_message),
            ("PATCH", r"/channels/(\d+)/messages/(\d+)", self._patch_message),
            ("PUT", r"/channels/(\d+)/messages/(\d+)/reactions/([^/]+)/@me", self._put_reaction),
            ("POST", r"/users/@me/channels", self._post_dm),
        ]

    async def _get_me(self, request: Request) -> web.Response:
        return jsonify(self.bot)

    async def _get_application(self, request: Request) -> web.Response:
        return jsonify(
            {
                "id": str(APP_ID),
                "name": "organizer-bot",
                "description": "",
                "icon": None,
                "bot_public": False,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": self.olga.user_payload(),
                "flags": 0,
                "summary": "",
            }
        )

    async def _get_gateway(self, request: Request) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return jsonify(
            {
                "url": self.gateway_url,
                "shards": self.recommended_shards,
                "session_start_limit": limit,
            }
        )

    async def _put_commands(self, request: Request, app: str) -> web.Response:
        return self._store_commands(request, None)

    async def _put_guild_commands(self, request: Request, app: str, guild: str) -> web.Response:
        return self._store_commands(request, int(guild))

    def _store_commands(self, request: Request, guild: int | None) -> web.Response:
        stored = []
        for command in request.json or []:
            stored.append(
                {
                    **command,
                    "id": str(next(self._ids)),
                    "application_id": str(APP_ID),
                    "version": "1",
                    **({"guild_id": str(guild)} if guild else {}),
                }
            )
        self.synced, self.synced_guild = stored, guild
        return jsonify(stored)

    async def _post_callback(
        self, request: Request, interaction_id: str, token: str
    ) -> web.Response:
        interaction = self.interactions.get(int(interaction_id))
        if interaction is None or interaction.token != token:
            return error(404, 10062, "Unknown interaction")
        if interaction.callback_type is not None:
            interaction.failures.append(request)
            return error(400, 40060, "Interaction has already been acknowledged.")
        interaction.callbacks.append(request)
        kind = int(request.json["type"])
        data = request.json.get("data") or {}
        interaction.callback_type = kind
        info: dict[str, Any] = {"id": interaction_id, "type": interaction.payload["type"]}
        resource: dict[str, Any] = {"type": kind}
        if kind == MESSAGE:
            message = self._new_message(
                interaction.payload["channel_id"], data, request.files, interaction.id
            )
            interaction.original = message
            info.update(
                response_message_id=str(message.id), response_message_ephemeral=message.ephemeral
            )
            resource["message"] = message.payload
        elif kind == DEFERRED_MESSAGE:
            interaction.deferred_flags = int(data.get("flags") or 0)
            info.update(response_message_loading=True)
        elif kind == MODAL:
            interaction.modal_data = data
        elif kind == AUTOCOMPLETE_RESULT:
            interaction.choices_data = data.get("choices", [])
        return jsonify({"interaction": info, "resource": resource})

    def _interaction_by_token(self, token: str) -> FakeInteraction | None:
        return next((i for i in self.interactions.values() if i.token == token), None)

    async def _post_followup(self, request: Request, app: str, token: str) -> web.Response:
        interaction = self._interaction_by_token(token)
        if interaction is None or interaction.callback_type is None:
            return error(404, 10015, "Unknown Webhook")
        body = dict(request.json or {})
        if interaction.pending_original:
            body["flags"] = interaction.deferred_flags  # it replaces "thinking": its flags win
            message = self._new_message(
                interaction.payload["channel_id"], body, request.files, interaction.id
            )
            interaction.original = message
        else:
            message = self._new_message(
                interaction.payload["channel_id"], body, request.files, interaction.id
            )
            interaction.followups.append(message)
        return jsonify(message.payload)

    def _webhook_message(
        self, token: str, which: str
    ) -> tuple[FakeInteraction | None, FakeMessage | None]:
        interaction = self._interaction_by_token(token)
        if interaction is None:
            return None, None
        if which == "@original":
            return interaction, interaction.original
        found = self.messages.get(int(which))
        return interaction, found if found and found.interaction_id == interaction.id else None

    async def _get_webhook_msg(
        self, request: Request, app: str, token: str, which: str
    ) -> web.Response:
        _, message = self._webhook_message(token, which)
        if message is None or message.deleted:
            return error(404, 10008, "Unknown Message")
        return jsonify(message.payload)

    async def _patch_webhook_msg(
        self, request: Request, app: str, token: str, which: str
    ) -> web.Response:
        interaction, message = self._webhook_message(token, which)
        if interaction is None:
            return error(404, 10015, "Unknown Webhook")
        if message is None and which == "@original" and interaction.pending_original:
            body = {**(request.json or {}), "flags": interaction.deferred_flags}
            interaction.original = self._new_message(
                interaction.payload["channel_id"], body, request.files, interaction.id
            )
            return jsonify(interaction.original.payload)
        if message is None or message.deleted:
            return error(404, 10008, "Unknown Message")
        self._edit(message, request)
        return jsonify(message.payload)

    async def _del_webhook_msg(
        self, request: Request, app: str, token: str, which: str
    ) -> web.Response:
        interaction, message = self._webhook_message(token, which)
        if interaction is None:
            return error(404, 10015, "Unknown Webhook")
        if which == "@original" and interaction.pending_original:
            interaction.callback_type = DEFERRED_UPDATE  # "thinking" gone: follow-ups are new
            return web.Response(status=204)
        if message is None or message.deleted:
            return error(404, 10008, "Unknown Message")
        message.deleted = True
        return web.Response(status=204)

    async def _get_channel(self, request: Request, channel_id: str) -> web.Response:
        channel = self.channels.get(int(channel_id))
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        return jsonify(channel)

    async def _post_message(self, request: Request, channel_id: str) -> web.Response:
        channel = self.channels.get(int(channel_id))
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        if int(channel_id) in self.denied_channels:
            return error(403, 50013, "Missing Permissions")
        if channel.get("type") == 1:
            recipient = self.users.get(int(channel["recipients"][0]["id"]))
            if recipient is not None and recipient.dms_closed:
                return error(403, 50007, "Cannot send messages to this user")
        message = self._new_message(channel_id, dict(request.json or {}), request.files, None)
        return jsonify(message.payload)

    async def _get_message(
        self, request: Request, channel_id: str, message_id: str
    ) -> web.Response:
        message = self.messages.get(int(message_id))
        if message is None or message.deleted or message.channel_id != int(channel_id):
            return error(404, 10008, "Unknown Message")
        return jsonify(message.payload)

    async def _patch_message(
        self, request: Request, channel_id: str, message_id: str
    ) -> web.Response:
        if int(channel_id) in self.denied_channels:
            return error(403, 50013, "Missing Permissions")
        message = self.messages.get(int(message_id))
        if message is None or message.deleted or message.channel_id != int(channel_id):
            return error(404, 10008, "Unknown Message")
        self._edit(message, request)
        return jsonify(message.payload)

    async def _put_reaction(
        self, request: Request, channel_id: str, message_id: str, emoji: str
    ) -> web.Response:
        message = self.messages.get(int(message_id))
        if message is None:
            return error(404, 10008, "Unknown Message")
        from urllib.parse import unquote

        message.reactions.append(unquote(emoji))
        return web.Response(status=204)

    async def _post_dm(self, request: Request) -> web.Response:
        recipient = int(request.json["recipient_id"])
        user = self.users.get(recipient)
        if user is None:
            return error(400, 50033, "Invalid Recipient(s)")
        return jsonify(self._dm_channel_for(user))

    # -- state helpers ----------------------------------------------------------------------------
    def _dm_channel_for(self, user: FakeUser) -> dict[str, Any]:
        for channel in self.channels.values():
            if channel.get("type") == 1 and channel["recipients"][0]["id"] == str(user.id):
                return channel
        channel_id = next(self._ids)
        channel = {
            "id": str(channel_id),
            "type": 1,
            "last_message_id": None,
            "recipients": [user.user_payload()],
            "flags": 0,
        }
        self.channels[channel_id] = channel
        return channel

    def dm_messages(self, user: FakeUser) -> list[FakeMessage]:
        """Messages the bot sent to ``user`` by DM, oldest first."""
        channel = int(self._dm_channel_for(user)["id"])
        return [m for m in self.messages.values() if m.channel_id == channel]

    def channel_messages(self, channel_id: int = CHANNEL_ID) -> list[FakeMessage]:
        """Messages the bot posted in a channel (not interaction answers), oldest first."""
        return [
            m
            for m in self.messages.values()
            if m.channel_id == channel_id and m.interaction_id is None
        ]

    def _new_message(
        self,
        channel_id: str | int,
        body: dict[str, Any],
        files: dict[str, bytes],
        interaction_id: int | None,
    ) -> FakeMessage:
        message_id = next(self._ids)
        channel = self.channels.get(int(channel_id), {})
        payload: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": self.bot,
            "content": body.get("content") or "",
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": _attachments(body, files),
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0 if interaction_id is None else 20,
            "flags": int(body.get("flags") or 0),
        }
        if channel.get("guild_id"):
            payload["guild_id"] = channel["guild_id"]
        message = FakeMessage(payload, body, dict(files), interaction_id=interaction_id)
        self.messages[message_id] = message
        return message

    def _edit(self, message: FakeMessage, request: Request) -> None:
        body = dict(request.json or {})
        for key in ("content", "embeds", "components"):
            if key in body:
                message.payload[key] = (
                    body[key] if body[key] is not None else ([] if key != "content" else "")
                )
        if "attachments" in body or request.files:
            message.payload["attachments"] = _attachments(body, request.files)
            message.files = dict(request.files)
        message.payload["edited_timestamp"] = TIMESTAMP
        message.body = body

    @staticmethod
    def _text_channel(channel_id: int, name: str, guild_id: int) -> dict[str, Any]:
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(guild_id),
            "name": name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    @staticmethod
    def _role(role_id: int, name: str, permissions: int, position: int) -> dict[str, Any]:
        return {
            "id": str(role_id),
            "name": name,
            "permissions": str(permissions),
            "position": position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
            "icon": None,
            "unicode_emoji": None,
        }

    def _synced_command(self, name: str) -> dict[str, Any] | None:
        return next((c for c in self.synced if c["name"] == name), None)

    @staticmethod
    def _option_type(spec: dict[str, Any] | None, name: str, value: Any) -> int:
        for option in (spec or {}).get("options", []):
            if option["name"] == name:
                return int(option["type"])
        return OPTION_TYPES.get(type(value), 3)


@dataclass
class _Session:
    """One shard's gateway session; ``live`` between READY (or RESUMED) and its end."""

    ws: web.WebSocketResponse
    shard: int
    count: int
    session_id: str
    live: bool = False


@dataclass
class _Fault:
    method: str
    path: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int


async def _read_body(request: web.Request) -> tuple[Any, dict[str, bytes]]:
    """JSON, or multipart with ``payload_json`` and files (by file name)."""
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files: dict[str, bytes] = {}
        reader = await request.multipart()
        async for part in reader:
            if part.name == "payload_json":  # type: ignore[union-attr]
                body = json.loads(await part.text())  # type: ignore[union-attr]
            elif part.filename:  # type: ignore[union-attr]
                files[part.filename] = bytes(await part.read())  # type: ignore[union-attr]
        return body, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), {}


def _attachments(body: dict[str, Any], files: dict[str, bytes]) -> list[dict[str, Any]]:
    # what the client said of each file (its description: the alt text), by upload index
    said = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
    found = []
    for index, (name, data) in enumerate(files.items()):
        attachment = {
            "id": str(9000000000000000000 + index),
            "filename": name,
            "size": len(data),
            "url": f"https://cdn.example/{name}",
            "proxy_url": f"https://cdn.example/{name}",
            "content_type": "image/png" if name.endswith(".png") else "application/octet-stream",
        }
        if said.get(str(index), {}).get("description"):
            attachment["description"] = said[str(index)]["description"]
        found.append(attachment)
    return found


@asynccontextmanager
async def running_host(host: Any, token: str = TOKEN) -> AsyncIterator[Any]:
    """Start a DiscordHost (log in, sync, connect) and yield it once READY; close it after."""
    async with host:
        task = asyncio.create_task(host.start(token))
        ready = asyncio.ensure_future(host.wait_until_ready())
        try:
            done, _ = await asyncio.wait(
                {task, ready}, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED
            )
            if task in done:
                task.result()  # start-up failed: raise its error
                raise AssertionError("the host stopped before it was ready")
            if ready not in done:
                raise AssertionError("the host was not ready in time")
            yield host
        finally:
            ready.cancel()
            await host.close()
            with suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, WAIT)
