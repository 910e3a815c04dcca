"""Ready-made campaigns as YAML (bot/resources/campaigns/*.yaml), checked against a schema.

A file that cannot be read or does not fit the schema never stops the bot: it is logged and
listed by ``/campaign import`` as unavailable, with the reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.core.campaign_rules import MAX_GOAL, default_outcomes
from bot.core.scripts import check_script
from bot.domain.campaign_models import Outcome
from bot.domain.errors import InvalidInput
from bot.domain.targets import Target, parse_targets
from bot.domain.text import Text, t
from bot.i18n.languages import ENGLISH, LANGUAGES
from bot.regular_files import FileTooLarge, NotARegularFile, read_regular_file

log = logging.getLogger(__name__)

MAX_TEMPLATE_BYTES = 100_000
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$|^[a-z0-9]$")


class OutcomeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    label: str
    emoji: str | None = None


class VersionSpec(BaseModel):
    """A template's words in another language."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1)
    ask: str = Field(min_length=1)
    background: str = ""
    script: str = Field(min_length=1)

    @field_validator("script")
    @classmethod
    def _script(cls, value: str) -> str:
        _reason(check_script, value)
        return value


class TemplateSpec(BaseModel):
    """The schema of one template file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    slug: str | None = None
    title: str = Field(min_length=1)
    ask: str = Field(min_length=1)
    background: str = ""
    script: str = Field(min_length=1)
    targets: list[str] = Field(default_factory=lambda: ["mine"], min_length=1)
    outcomes: list[OutcomeSpec] = Field(default_factory=list)
    goal: int | None = Field(None, ge=1, le=MAX_GOAL)
    language: str = ENGLISH  # the language of title, ask, background and script
    versions: dict[str, VersionSpec] = Field(default_factory=dict)  # other languages' words

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"the language must be one of {', '.join(LANGUAGES)}")
        return value

    @field_validator("versions")
    @classmethod
    def _versions(cls, value: dict[str, VersionSpec]) -> dict[str, VersionSpec]:
        for code in value:
            if code not in LANGUAGES:
                raise ValueError(f"a version's language must be one of {', '.join(LANGUAGES)}")
        return value

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str | None) -> str | None:
        if value is not None and not _NAME.match(value):
            raise ValueError("a slug has 1-40 lowercase letters, digits and dashes")
        return value

    @field_validator("script")
    @classmethod
    def _script(cls, value: str) -> str:
        _reason(check_script, value)
        return value

    @field_validator("targets")
    @classmethod
    def _targets(cls, value: list[str]) -> list[str]:
        _reason(parse_targets, " ".join(value))
        return value

    @field_validator("outcomes")
    @classmethod
    def _outcomes(cls, value: list[OutcomeSpec]) -> list[OutcomeSpec]:
        changes = tuple(Outcome(o.key, o.label, o.emoji) for o in value)
        _reason(default_outcomes, changes)
        return value

    @model_validator(mode="after")
    def _other_languages(self) -> TemplateSpec:
        if self.language in self.versions:
            raise ValueError(f"versions: {self.language} is the template's own language")
        return self

    @property
    def parsed_targets(self) -> tuple[Target, ...]:
        return parse_targets(" ".join(self.targets))

    @property
    def parsed_outcomes(self) -> tuple[Outcome, ...]:
        """The default outcomes, renamed or extended by the template's."""
        return default_outcomes(tuple(Outcome(o.key, o.label, o.emoji) for o in self.outcomes))


def _reason(check: Callable[[Any], object], value: Any) -> None:
    """Run a core check, turning its sentence into a schema error."""
    try:
        check(value)
    except InvalidInput as exc:
        raise ValueError(exc.message) from None


@dataclass(frozen=True, slots=True)
class CampaignTemplate:
    name: str  # the file name without .yaml
    path: Path
    spec: TemplateSpec

    @property
    def slug(self) -> str:
        return self.spec.slug or self.name


@dataclass(frozen=True)
class TemplateCatalog:
    """The templates that loaded, and the files that did not (name -> reason)."""

    folder: Path
    templates: dict[str, CampaignTemplate] = field(default_factory=dict)
    broken: dict[str, Text | str] = field(default_factory=dict)  # said in a reader's language


def load_template(path: Path) -> CampaignTemplate:
    """Read and check one file; raise InvalidInput with one sentence naming the problem."""
    name = path.name.removesuffix(".yaml")
    if not _NAME.match(name):
        raise InvalidInput(t("its file name must be lowercase letters, digits and dashes"))
    try:
        raw, _ = read_regular_file(path, MAX_TEMPLATE_BYTES)
        data = yaml.safe_load(raw.decode("utf-8"))
    except FileTooLarge:
        raise InvalidInput(
            t("it is larger than {size} kB", size=MAX_TEMPLATE_BYTES // 1000)
        ) from None
    except NotARegularFile as exc:  # a FIFO would block the start for good: never opened
        raise InvalidInput(str(exc.strerror)) from None
    except OSError as exc:
        raise InvalidInput(t("it cannot be read ({why})", why=exc.strerror)) from None
    except UnicodeDecodeError:
        raise InvalidInput(t("it is not UTF-8 text")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            raise InvalidInput(
                t("it is not valid YAML at line {line}", line=mark.line + 1)
            ) from None
        raise InvalidInput(t("it is not valid YAML")) from None
    except RecursionError:  # the pure-Python parser recurses once per level: ``[[[[...``
        raise InvalidInput(t("it is nested too deeply to be a template")) from None
    except Exception:  # the constructors' own errors: ``2001-13-99``, ``!!int x``, ...
        log.debug("campaign template %s: YAML error", path, exc_info=True)
        raise InvalidInput(t("it is not valid YAML")) from None
    if not isinstance(data, dict):
        raise InvalidInput(t("it must be a mapping of fields (title, ask, script, ...)"))
    try:
        spec = TemplateSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ())) or "the file"
        reason = str(first.get("msg", "is invalid")).removeprefix("Value error, ")
        raise InvalidInput(f"{loc}: {reason}") from None
    return CampaignTemplate(name=name, path=path, spec=spec)


def load_templates(folder: Path) -> TemplateCatalog:
    """Every ``*.yaml`` in ``folder``; bad files are logged and listed, never raised."""
    catalog = TemplateCatalog(folder=folder)
    if not folder.is_dir():
        log.warning("campaign template folder %s does not exist; no templates to import", folder)
        return catalog
    for path in sorted(folder.glob("*.yaml")):
        name = path.name.removesuffix(".yaml")
        reason: Text | str
        try:
            catalog.templates[name] = load_template(path)
            continue
        except InvalidInput as exc:
            reason = exc.text or exc.message
        except Exception as exc:  # a check's own fault: still one file, never the whole start
            log.debug("campaign template %s could not be checked", path, exc_info=True)
            reason = t("it could not be checked ({error})", error=type(exc).__name__)
        catalog.broken[name] = reason
        log.warning("campaign template %s is unavailable: %s", path, reason)
    return catalog
