"""Settings: environment (ORGBOT_*), a .env file, then the shipped defaults (bot/resources).

Nothing is read at import time: call :func:`load_settings`. Platform secrets keep their usual
names (DISCORD_TOKEN, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, SLACK_CLIENT_ID,
SLACK_CLIENT_SECRET).
"""

from __future__ import annotations

import ipaddress
import re
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from bot.core.emoji_map import DEFAULT_REACTION_OUTCOMES, parse_map
from bot.domain.errors import DomainError, StartupError
from bot.resources import campaigns_dir, defaults_file
from bot.storage.postgres.url import is_postgres_url, passwords_in

DEFAULTS_FILE = defaults_file()
_HOST_LABEL = re.compile(r"[A-Za-z0-9-]{1,63}")


class Settings(BaseSettings):
    """Every setting of the bot. config/.env.example documents each one."""

    model_config = SettingsConfigDict(
        env_prefix="ORGBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    database_path: Path = Path("data/orgbot.sqlite3")
    # PostgreSQL instead of the SQLite file: postgresql://user:password@host:5432/name, for
    # several processes on one database (empty: SQLite at database_path). Never logged with
    # its password.
    database_url: SecretStr | None = None
    database_pool_size: int = Field(10, ge=1, le=100)  # connections per process (PostgreSQL)
    db_busy_timeout_ms: int = Field(5000, ge=0, le=600_000)
    data_dir: Path = Path("data/civic")
    data_mirror: str | None = None
    data_max_age_days: int = Field(30, ge=1, le=3650)
    # Where `orgbot data sync` downloads each file (defaults: bot/resources/defaults.toml); a
    # mirror (ORGBOT_DATA_MIRROR / --mirror) is read instead when set.
    source_legislators_url: str | None = None
    source_offices_url: str | None = None
    source_committees_url: str | None = None
    source_membership_url: str | None = None
    source_zccd_url: str | None = None
    # The Congress whose districts the ZIP table describes (a `congress` column wins).
    source_zccd_congress: int | None = Field(None, ge=100, le=999)
    timezone: str = "America/New_York"
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"
    max_text_length: int = Field(2000, ge=50, le=20_000)
    console_output_dir: Path = Path("data/console")
    command_rate_per_minute: int = Field(30, ge=1, le=6000)
    command_burst: int = Field(15, ge=1, le=1000)
    office_hours_start: int = Field(9, ge=0, le=23)
    office_hours_end: int = Field(17, ge=1, le=24)
    campaign_title_max: int = Field(100, ge=10, le=256)
    campaign_ask_max: int = Field(300, ge=20, le=1000)
    campaign_background_max: int = Field(1500, ge=0, le=4000)
    campaign_script_max: int = Field(2000, ge=100, le=4000)
    campaign_templates_dir: Path | None = None
    action_daily_cap: int = Field(5, ge=1, le=100)
    live_count_interval: float = Field(10.0, ge=0, le=3600)
    reaction_outcomes: str = DEFAULT_REACTION_OUTCOMES
    missed_slot_grace_minutes: int = Field(60, ge=1, le=1440)
    # Several processes on PostgreSQL: how often one that does not run the scheduler tries to
    # (a dead leader's successor takes over within this, plus one tick).
    leader_retry_seconds: float = Field(5.0, gt=0, le=25)
    reminder_default_time: str = "09:00"
    reminder_snooze_minutes: int = Field(60, ge=5, le=720)
    digest_time: str = "08:00"
    data_refresh_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "sun"
    discord_requests_per_second: int = Field(50, ge=1, le=50)
    slack_channel_posts_per_second: float = Field(1.0, gt=0, le=10)
    delivery_max_attempts: int = Field(5, ge=1, le=10)
    connect_retry_first: float = Field(2.0, gt=0, le=60)
    connect_retry_max: float = Field(300.0, gt=0, le=3600)
    # Finding a member's district from their street address (sent once, never kept).
    address_lookup: bool = True
    geocoder_url: str = "https://geocoding.geo.census.gov/geocoder/"
    geocoder_timeout: float = Field(5.0, gt=0, le=60)
    geocoder_layer: str = Field("119th Congressional Districts", min_length=1, max_length=100)
    address_lookups_per_minute: int = Field(1, ge=1, le=60)
    address_lookup_burst: int = Field(3, ge=1, le=20)

    discord_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("DISCORD_TOKEN", "ORGBOT_DISCORD_TOKEN")
    )
    discord_application_id: int | None = Field(None, gt=0)
    discord_guild_id: int | None = Field(None, gt=0)
    discord_organizer_role: str | None = Field(None, min_length=1, max_length=100)
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    # Sharding: the total number of shards (0: as Discord recommends) and this process's share.
    discord_shard_count: int = Field(0, ge=0, le=100_000)
    discord_shard_ids: str = ""
    slack_bot_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "ORGBOT_SLACK_BOT_TOKEN")
    )
    slack_app_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "ORGBOT_SLACK_APP_TOKEN")
    )
    slack_signing_secret: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "ORGBOT_SLACK_SIGNING_SECRET"),
    )
    slack_client_id: str | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_CLIENT_ID", "ORGBOT_SLACK_CLIENT_ID"),
    )
    slack_client_secret: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_CLIENT_SECRET", "ORGBOT_SLACK_CLIENT_SECRET"),
    )
    secret_key: SecretStr | None = None  # ORGBOT_SECRET_KEY: encrypts tokens kept in the database
    slack_api_url: str = "https://slack.com/api/"
    slack_mode: Literal["socket", "http"] = "socket"
    slack_http_port: int = Field(3000, ge=1, le=65535)  # the older name of http_port
    http_host: str = "0.0.0.0"
    http_port: int | None = Field(None, ge=0, le=65535)
    # The private dashboard (/dashboard): the address people reach the HTTP server at, like
    # https://bot.example.org (links are made only when it and ORGBOT_SECRET_KEY are set), and
    # how long a link works.
    public_url: str | None = None
    dashboard_link_hours: int = Field(24, ge=1, le=168)
    slack_organizers: str = ""
    slack_socket_connections: int = Field(1, ge=1, le=10)  # Slack allows ten per app

    @field_validator("database_url", mode="before")
    @classmethod
    def _database_url(cls, value: Any) -> Any:
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if text is None or (isinstance(text, str) and not text.strip()):
            return None
        if not is_postgres_url(str(text).strip()):
            raise ValueError(
                "must be a postgresql:// URL, like postgresql://orgbot@localhost/orgbot "
                "(or empty for SQLite)"
            )
        return str(text).strip()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (try America/New_York)") from exc
        return value

    @field_validator("reaction_outcomes")
    @classmethod
    def _reaction_outcomes(cls, value: str) -> str:
        parse_map(value)  # raises ValueError saying which pair is wrong
        return value

    @field_validator("office_hours_end")
    @classmethod
    def _after_start(cls, value: int, info: ValidationInfo) -> int:
        start = info.data.get("office_hours_start")
        if start is not None and value <= start:
            raise ValueError(f"must be later than ORGBOT_OFFICE_HOURS_START ({start})")
        return value

    @property
    def templates_dir(self) -> Path:
        """Where campaign templates are read: the setting, else the shipped ones."""
        return self.campaign_templates_dir or campaigns_dir()

    @field_validator(
        "source_legislators_url",
        "source_offices_url",
        "source_committees_url",
        "source_membership_url",
        "source_zccd_url",
        mode="before",
    )
    @classmethod
    def _source_url(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        url = value.strip()
        if url and not url.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL of the file")
        return url or None

    @field_validator("source_zccd_congress", mode="before")
    @classmethod
    def _unset_congress(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def source_urls(self) -> dict[str, str | None]:
        """Each lawmaker data file's address by key (see ``bot.civic.sources.SOURCES``)."""
        return {
            "legislators": self.source_legislators_url,
            "offices": self.source_offices_url,
            "committees": self.source_committees_url,
            "membership": self.source_membership_url,
            "zccd": self.source_zccd_url,
        }

    @field_validator("discord_api_base")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL, like https://discord.com/api/v10")
        return value.rstrip("/") if value else value

    @field_validator("public_url", mode="before")
    @classmethod
    def _public_url(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip()
        if not text.startswith(("http://", "https://")) or any(c in text for c in "?#"):
            raise ValueError(
                "must be the http:// or https:// address of the bot's HTTP server, like "
                "https://bot.example.org (no ? or #)"
            )
        return text.rstrip("/")

    @field_validator("discord_gateway_url")
    @classmethod
    def _ws_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("ws://", "wss://")):
            raise ValueError("must be a ws:// or wss:// URL, like wss://gateway.discord.gg/")
        return value

    @field_validator("discord_shard_count", mode="before")
    @classmethod
    def _unset_shard_count(cls, value: Any) -> Any:
        return 0 if isinstance(value, str) and not value.strip() else value

    @field_validator("discord_shard_ids")
    @classmethod
    def _shard_ids(cls, value: str, info: ValidationInfo) -> str:
        from bot.domain.shards import parse_shard_ids  # the one parser of shard lists

        count = info.data.get("discord_shard_count")
        if count is None:  # the count itself is invalid: that error is the one shown
            return value
        try:
            ids = parse_shard_ids(value, count)
        except DomainError as exc:
            raise ValueError(exc.message) from None
        return ",".join(str(i) for i in ids)

    @property
    def discord_shards(self) -> list[int] | None:
        """This process's Discord shards, or None for every shard."""
        if not self.discord_shard_ids:
            return None
        return [int(shard) for shard in self.discord_shard_ids.split(",")]

    @field_validator("geocoder_url")
    @classmethod
    def _geocoder_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(
                "must be an http:// or https:// URL, like https://geocoding.geo.census.gov/geocoder/"
            )
        return value.rstrip("/") + "/"

    @field_validator("slack_api_url")
    @classmethod
    def _slack_api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL, like https://slack.com/api/")
        return value.rstrip("/") + "/"

    @field_validator("log_format", mode="before")
    @classmethod
    def _log_format(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("http_port", mode="before")
    @classmethod
    def _unset_port(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("slack_client_id")
    @classmethod
    def _slack_client_id(cls, value: str | None) -> str | None:
        cleaned = (value or "").strip()
        if cleaned and not re.fullmatch(r"[0-9]{1,30}\.[0-9]{1,30}", cleaned):
            raise ValueError("must be the app's Client ID, like 1234567890.1234567890")
        return cleaned or None

    @field_validator("slack_mode", mode="before")
    @classmethod
    def _slack_mode(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("http_host", mode="before")
    @classmethod
    def _http_host(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        host = value.strip()
        if not _is_ip(host) and not _is_host_name(host):
            raise ValueError(
                "must be an IP address or a host name, like 0.0.0.0 (every interface) or "
                "127.0.0.1 (this machine only)"
            )
        return host

    @field_validator("slack_organizers")
    @classmethod
    def _slack_organizers(cls, value: str) -> str:
        entries = [e.strip() for e in value.split(",") if e.strip()]
        for entry in entries:
            if not re.fullmatch(r"[UW][A-Z0-9]{2,}|@?[a-z0-9][a-z0-9._-]{0,79}", entry):
                raise ValueError(
                    f"{entry[:40]!r} is neither a Slack user id (like U0123ABCD) nor a user "
                    "group handle (like @organizers)"
                )
        return ",".join(entries)

    @field_validator("reminder_default_time", "digest_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        from bot.domain.recurrence import parse_time  # the one parser of typed times

        try:
            return parse_time(value).strftime("%H:%M")
        except DomainError as exc:
            raise ValueError(exc.message) from None

    @field_validator("data_refresh_day", mode="before")
    @classmethod
    def _weekday(cls, value: Any) -> Any:
        return value.strip().lower()[:3] if isinstance(value, str) else value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_defaults_file())
        return (init_settings, env_settings, dotenv_settings, toml)

    def secret_values(self) -> list[str]:
        """Every secret that is set, so logging can redact it wherever it appears."""
        secrets = (
            self.discord_token,
            self.slack_bot_token,
            self.slack_app_token,
            self.slack_signing_secret,
            self.slack_client_secret,
            self.secret_key,
        )
        found = [s.get_secret_value() for s in secrets if s is not None and s.get_secret_value()]
        if self.database_url is not None:  # shown without its password, never with it
            url = self.database_url.get_secret_value()
            if passwords := passwords_in(url):  # the whole URL too: a short password is
                found += [url, *passwords]  # redacted where the URL is quoted
        return found

    @property
    def postgres_url(self) -> str | None:
        """The PostgreSQL database to use, or None for SQLite at ``database_path``."""
        return None if self.database_url is None else self.database_url.get_secret_value()

    @property
    def has_discord(self) -> bool:
        return self.discord_token is not None and bool(self.discord_token.get_secret_value())

    @property
    def has_slack(self) -> bool:
        return self.slack_distribution or (
            self.slack_bot_token is not None and bool(self.slack_bot_token.get_secret_value())
        )

    @property
    def slack_distribution(self) -> bool:
        """Many-workspace mode: SLACK_CLIENT_ID or SLACK_CLIENT_SECRET is set (the Slack
        host then checks that both are, with what that mode needs besides)."""
        secret = self.slack_client_secret
        return bool((self.slack_client_id or "").strip()) or bool(
            secret is not None and secret.get_secret_value().strip()
        )

    @property
    def web_port(self) -> int | None:
        """The port of the bot's HTTP server under ``orgbot run``, or None when it does not run:
        ORGBOT_HTTP_PORT, else (Slack in HTTP mode needs one) ORGBOT_SLACK_HTTP_PORT."""
        if self.http_port is not None:
            return self.http_port
        if self.has_slack and self.slack_mode == "http":
            return self.slack_http_port
        return None


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_host_name(text: str) -> bool:
    """Letters, digits and hyphens in dot-separated labels (no label starts or ends with -)."""
    labels = text.split(".")
    return len(text) <= 253 and all(
        _HOST_LABEL.fullmatch(label) and not label.startswith("-") and not label.endswith("-")
        for label in labels
    )


_defaults_file_var: ContextVar[Path] = ContextVar("defaults_file", default=DEFAULTS_FILE)


def _defaults_file() -> Path:
    return _defaults_file_var.get()


def _setting_name(loc: tuple[Any, ...]) -> str:
    """The name a person sets: the env variable for this field."""
    field = str(loc[0]) if loc else "?"
    info = Settings.model_fields.get(field)
    if info is not None and isinstance(info.validation_alias, AliasChoices):
        return str(info.validation_alias.choices[0])
    if field.isupper():
        return field
    return f"ORGBOT_{field.upper()}"


def _is_secret(loc: tuple[Any, ...]) -> bool:
    info = Settings.model_fields.get(str(loc[0])) if loc else None
    return info is not None and "SecretStr" in str(info.annotation)


def load_settings(
    env_file: Path | str | None = ".env",
    defaults_file: Path | None = None,
    **overrides: Any,
) -> Settings:
    """Read the settings, or raise StartupError with one line naming the bad setting."""
    token = _defaults_file_var.set(defaults_file or DEFAULTS_FILE)
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = _setting_name(tuple(first.get("loc", ())))
        reason = str(first.get("msg", "is invalid")).removeprefix("Value error, ")
        given = first.get("input")
        shown = f" (got {given!r})" if isinstance(given, str | int | float) else ""
        if _is_secret(tuple(first.get("loc", ()))):
            shown = ""  # a secret is never echoed
        raise StartupError(f"Setting {name} is invalid: {reason}{shown}.") from None
    except ValueError as exc:  # malformed defaults TOML or .env
        raise StartupError(f"Could not read the settings files: {exc}") from None
    finally:
        _defaults_file_var.reset(token)
