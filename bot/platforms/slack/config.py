"""What the Slack host needs from the settings, checked once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.errors import StartupError
from bot.platforms.slack.organizers import OrganizerList
from bot.settings import Settings
from bot.storage.token_cipher import MAKE_ONE, TokenCipher

SOCKET = "socket"
HTTP = "http"
DEFAULT_API_URL = "https://slack.com/api/"


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """Tokens (never shown in a repr or a log), the Web API URL, the mode and organizers.

    Single-workspace mode has ``bot_token``; many-workspace mode (Slack distribution) has
    ``client_id``, ``client_secret`` and ``secret_key`` instead, and each workspace's bot token
    comes from its installation."""

    bot_token: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    mode: str = SOCKET
    socket_connections: int = 1  # Socket Mode connections this process opens
    http_host: str = "0.0.0.0"
    http_port: int = 3000
    organizers: OrganizerList = field(default_factory=OrganizerList)
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    secret_key: str | None = field(default=None, repr=False)

    @property
    def distribution(self) -> bool:
        """Many workspaces, each installed through "Add to Slack" (OAuth)."""
        return self.client_id is not None

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackConfig:
        """The config for ``settings``, or StartupError naming what is missing."""
        bot = _secret(settings.slack_bot_token)
        app = _secret(settings.slack_app_token)
        secret = _secret(settings.slack_signing_secret)
        if settings.slack_distribution:
            return cls._distribution(settings, bot, secret)
        if not bot:
            raise StartupError("The Slack host needs SLACK_BOT_TOKEN (xoxb-...).")
        if settings.slack_mode == SOCKET and not app:
            raise StartupError(
                "Socket Mode needs SLACK_APP_TOKEN (xapp-..., Basic Information > App-Level "
                "Tokens, with the connections:write scope), or set ORGBOT_SLACK_MODE=http."
            )
        if settings.slack_mode == HTTP and not secret:
            raise StartupError(
                "HTTP mode needs SLACK_SIGNING_SECRET (Basic Information > App Credentials)."
            )
        return cls(
            bot_token=bot,
            app_token=app,
            signing_secret=secret,
            api_url=settings.slack_api_url,
            mode=settings.slack_mode,
            socket_connections=settings.slack_socket_connections,
            http_host=settings.http_host,
            http_port=settings.slack_http_port
            if settings.http_port is None
            else settings.http_port,
            organizers=OrganizerList.parse(settings.slack_organizers),
        )

    @classmethod
    def _distribution(cls, settings: Settings, bot: str | None, secret: str | None) -> SlackConfig:
        """Many-workspace mode's config, or StartupError naming the one thing wrong."""
        client_secret = _secret(settings.slack_client_secret)
        key = _secret(settings.secret_key)
        if bot:
            raise StartupError(
                "Set SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID and "
                "SLACK_CLIENT_SECRET for many (Add to Slack), not both."
            )
        if not settings.slack_client_id or not client_secret:
            raise StartupError(
                "Many workspaces need both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Basic "
                "Information > App Credentials)."
            )
        if settings.slack_mode != HTTP or not secret:
            raise StartupError(
                "Many workspaces need HTTP mode: set ORGBOT_SLACK_MODE=http and "
                "SLACK_SIGNING_SECRET (Basic Information > App Credentials)."
            )
        if not key:
            raise StartupError(
                "Many workspaces need ORGBOT_SECRET_KEY, which encrypts each workspace's bot "
                f"token in the database; no token is stored without it. Make one with: {MAKE_ONE}"
            )
        TokenCipher(key)  # a key that cannot be used stops the start here, in one line
        return cls(
            signing_secret=secret,
            api_url=settings.slack_api_url,
            mode=HTTP,
            http_host=settings.http_host,
            http_port=settings.slack_http_port
            if settings.http_port is None
            else settings.http_port,
            organizers=OrganizerList.parse(settings.slack_organizers),
            client_id=settings.slack_client_id,
            client_secret=client_secret,
            secret_key=key,
        )


def _secret(value: object) -> str | None:
    getter = getattr(value, "get_secret_value", None)
    text = getter() if getter else None
    return text.strip() or None if isinstance(text, str) else None
