"""Many-workspace mode: the workspaces that installed the app, kept in the bot's own database.

:class:`Installations` is slack-bolt's installation store (bot tokens only) on top of
:class:`~bot.storage.installations.InstallationRepository`, with every token sealed by
ORGBOT_SECRET_KEY before it reaches the database, and the host's :class:`Workspaces` in this
mode: one :class:`Workspace` per team id, opened from its stored installation on first use and
kept in memory until the workspace uninstalls or installs again.

A token is never logged, and never stored without the key: this class cannot be built
without a :class:`~bot.storage.token_cipher.TokenCipher`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt.error import BoltError
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.clock import Clock, iso
from bot.domain.errors import StartupError, Unavailable
from bot.platforms.slack.workspaces import Connect, Workspace
from bot.storage.installations import InstallationRepository, StoredInstallation
from bot.storage.token_cipher import TokenCipher, WrongKey

log = logging.getLogger(__name__)

NOT_INSTALLED = "The bot is no longer installed in this Slack workspace."
KEY_CHANGED = (
    "ORGBOT_SECRET_KEY does not open the Slack bot tokens stored in the database (was the key "
    "changed?). Set the key they were stored with, or put it after the new one, comma-separated."
)
ORG_WIDE = "an org-wide installation (this app installs in one workspace at a time)"


@dataclass(frozen=True, slots=True)
class Installed:
    """An installed workspace, opened: its bot's ids and the workspace to act in."""

    team_id: str
    enterprise_id: str | None
    bot_user_id: str
    bot_id: str
    workspace: Workspace

    @property
    def bot_token(self) -> str:
        return str(self.workspace.client.token)


class Installations(AsyncInstallationStore):
    """The installed workspaces: stored sealed, opened on demand, forgotten on uninstall."""

    def __init__(
        self,
        repository: InstallationRepository,
        cipher: TokenCipher,
        clock: Clock,
        base: AsyncWebClient,
        connect: Connect,
    ) -> None:
        self._repository = repository
        self._cipher = cipher
        self._clock = clock
        self._base = base  # the app's client, with no token: its URL and retry handlers
        self._connect = connect
        self._open: dict[str, Installed] = {}

    @property
    def logger(self) -> logging.Logger:
        return log

    # -- slack-bolt's installation store (bot tokens only) ---------------------------------
    async def async_save(self, installation: Installation) -> None:
        """Called by the OAuth flow once Slack gave a workspace's bot token."""
        await self.async_save_bot(installation.to_bot())

    async def async_save_bot(self, bot: Bot) -> None:
        if bot.is_enterprise_install or not bot.team_id:
            log.warning("refused to store %s", ORG_WIDE)
            raise BoltError("org-wide installations are not supported")
        if not bot.bot_token or not bot.bot_user_id or not bot.bot_id:
            log.warning("refused to store an installation without a bot token")
            raise BoltError("the installation has no bot token")
        await self._repository.save(
            StoredInstallation(
                team_id=bot.team_id,
                enterprise_id=bot.enterprise_id or None,
                bot_user_id=bot.bot_user_id,
                bot_id=bot.bot_id,
                sealed_token=self._cipher.seal(bot.bot_token),
                installed_at=iso(self._clock.now()),
            )
        )
        self._open.pop(bot.team_id, None)  # a reinstall brings a new token
        log.info("Slack workspace %s installed the app", bot.team_id)

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        found = await self.find(team_id or "")
        if found is None or (enterprise_id and found.enterprise_id != enterprise_id):
            return None
        return Bot(
            enterprise_id=found.enterprise_id,
            team_id=found.team_id,
            bot_token=found.bot_token,
            bot_id=found.bot_id,
            bot_user_id=found.bot_user_id,
            installed_at=self._clock.now().timestamp(),
        )

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return None  # bot tokens only: no user installs are kept

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.remove(team_id or "")

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        return None  # no user tokens are stored

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.remove(team_id or "")

    # -- the host's workspaces ---------------------------------------------------------------
    async def find(self, team_id: str) -> Installed | None:
        """The installed workspace ``team_id``, opened; None if the app is not installed there
        (or its token cannot be opened with the key)."""
        found = self._open.get(team_id)
        if found is not None or not team_id:
            return found
        stored = await self._repository.find(team_id)
        if stored is None:
            return None
        try:
            token = self._cipher.open(stored.sealed_token)
        except WrongKey:
            log.error("the bot token of Slack workspace %s: %s", team_id, KEY_CHANGED)
            return None
        client = AsyncWebClient(
            token=token,
            base_url=self._base.base_url,
            timeout=self._base.timeout,
            retry_handlers=self._base.retry_handlers,
        )
        opened = Installed(
            team_id=stored.team_id,
            enterprise_id=stored.enterprise_id,
            bot_user_id=stored.bot_user_id,
            bot_id=stored.bot_id,
            workspace=self._connect(client),
        )
        return self._open.setdefault(team_id, opened)

    async def get(self, team_id: str) -> Workspace:
        found = await self.find(team_id)
        if found is None:
            raise Unavailable(NOT_INSTALLED)
        return found.workspace

    def open(self) -> list[Workspace]:
        return [installed.workspace for installed in self._open.values()]

    async def remove(self, team_id: str) -> bool:
        """Forget the workspace: its installation, and its community with everything under
        it (one transaction). True if anything was there."""
        if not team_id:
            return False
        self._open.pop(team_id, None)
        removed = await self._repository.remove(team_id)
        if removed:
            log.info("Slack workspace %s removed the app: its data is deleted", team_id)
        return removed

    async def check_key(self) -> None:
        """At start: every stored token is sealed again with the first key of
        ORGBOT_SECRET_KEY if an older key sealed it; StartupError (one line) if the key
        cannot open them."""
        resealed = 0
        for stored in await self._repository.all():
            try:
                sealed = self._cipher.reseal(stored.sealed_token)
            except WrongKey:
                raise StartupError(KEY_CHANGED) from None
            if sealed is not None:
                await self._repository.reseal(stored.team_id, stored.sealed_token, sealed)
                resealed += 1
        if resealed:
            log.info("sealed %d Slack bot token(s) again with the new ORGBOT_SECRET_KEY", resealed)
