"""Settings: environment (ORGBOT_*), a .env file, then the defaults in config/defaults.toml.

Nothing is read at import time: call :func:`load_settings`. Platform secrets keep their usual
names (DISCORD_TOKEN, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET).
"""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from bot.core.errors import StartupError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULTS_FILE = REPO_ROOT / "config" / "defaults.toml"


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
    db_busy_timeout_ms: int = Field(5000, ge=0, le=600_000)
    data_dir: Path = Path("data/civic")
    data_mirror: str | None = None
    data_max_age_days: int = Field(30, ge=1, le=3650)
    timezone: str = "America/New_York"
    log_level: str = "INFO"
    max_text_length: int = Field(2000, ge=50, le=20_000)
    console_output_dir: Path = Path("data/console")

    discord_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("DISCORD_TOKEN", "ORGBOT_DISCORD_TOKEN")
    )
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

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (try America/New_York)") from exc
        return value

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

    @property
    def has_discord(self) -> bool:
        return self.discord_token is not None and bool(self.discord_token.get_secret_value())

    @property
    def has_slack(self) -> bool:
        return self.slack_bot_token is not None and bool(self.slack_bot_token.get_secret_value())


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
        raise StartupError(f"Setting {name} is invalid: {reason}{shown}.") from None
    except ValueError as exc:  # malformed defaults TOML or .env
        raise StartupError(f"Could not read the settings files: {exc}") from None
    finally:
        _defaults_file_var.reset(token)
