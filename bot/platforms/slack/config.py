"""What the Slack host needs from the settings, checked once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.errors import StartupError
from bot.platforms.slack.organizers import OrganizerList
from bot.settings import Settings

SOCKET = "socket"
HTTP = "http"
DEFAULT_API_URL = "https://slack.com/api/"


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """Tokens (never shown in a repr or a log), the Web API URL, the mode and organizers."""

    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    mode: str = SOCKET
    http_host: str = "0.0.0.0"
    http_port: int = 3000
    organizers: OrganizerList = field(default_factory=OrganizerList)

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackConfig:
        """The config for ``settings``, or StartupError naming what is missing."""
        bot = _secret(settings.slack_bot_token)
        app = _secret(settings.slack_app_token)
        secret = _secret(settings.slack_signing_secret)
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
            http_host=settings.http_host,
            http_port=settings.slack_http_port,
            organizers=OrganizerList.parse(settings.slack_organizers),
        )


def _secret(value: object) -> str | None:
    getter = getattr(value, "get_secret_value", None)
    text = getter() if getter else None
    return text.strip() or None if isinstance(text, str) else None
