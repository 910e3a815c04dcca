"""compose.yaml, read with PyYAML (compose itself cannot run here): it runs the image built from
the checkout with its data in a named volume, names only settings that exist and no secret, and
PostgreSQL starts only on request."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

import pytest
import yaml

from ..conftest import REPO_ROOT
from .deploy_files import dockerfile_stages, env_pairs, exec_form, secret_names, setting_names


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((REPO_ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def image_env() -> dict[str, str]:
    image = dockerfile_stages((REPO_ROOT / "Dockerfile").read_text(encoding="utf-8"))[-1]
    return {k: v for args in image.all("ENV") for k, v in env_pairs(args).items()}


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's ``environment``, in either of compose's forms."""
    given = service.get("environment") or {}
    if isinstance(given, list):
        given = dict(item.split("=", 1) if "=" in item else (item, "") for item in given)
    return {str(k): str(v) for k, v in given.items()}


def test_compose_names_only_settings_that_exist_and_no_secret(compose: dict[str, Any]) -> None:
    """Every ORGBOT_* a service sets is a setting of the bot; secrets come from .env only."""
    known, secrets = setting_names(), secret_names()
    for name, service in compose["services"].items():
        env = environment(service)
        assert {n for n in env if n.startswith("ORGBOT_")} <= known, name
        assert not set(env) & secrets, name
    assert compose["services"]["bot"]["env_file"] == ".env"


def test_the_bot_is_the_image_with_its_data_in_a_named_volume(
    compose: dict[str, Any], image_env: dict[str, str]
) -> None:
    """Built from the checkout's Dockerfile; the volume holds the image's data folder."""
    bot = compose["services"]["bot"]
    assert bot["build"] == "."
    image = dockerfile_stages((REPO_ROOT / "Dockerfile").read_text(encoding="utf-8"))[-1]
    (data,) = [v for args in image.all("VOLUME") for v in exec_form(args)]
    mounts = [str(v).split(":") for v in bot["volumes"]]
    assert [source for source, target, *_ in mounts if target == data] == ["orgbot-data"]
    assert "orgbot-data" in compose["volumes"]
    database = PurePosixPath(
        environment(bot).get("ORGBOT_DATABASE_PATH", image_env["ORGBOT_DATABASE_PATH"])
    )
    assert database.is_relative_to(data)


def test_the_bots_http_port_is_published_on_this_machine_only(
    compose: dict[str, Any], image_env: dict[str, str]
) -> None:
    """The port of /healthz and /metrics (ORGBOT_HTTP_PORT) is published on 127.0.0.1."""
    bot = compose["services"]["bot"]
    port = environment(bot).get("ORGBOT_HTTP_PORT", image_env["ORGBOT_HTTP_PORT"])
    published = [str(p).rsplit(":", 1) for p in bot["ports"]]
    assert [host for host, container in published if container == port] == [f"127.0.0.1:{port}"]


def test_postgres_starts_only_on_request_and_the_bot_does_not_need_it(
    compose: dict[str, Any],
) -> None:
    """PostgreSQL is in a profile of its own; the bot neither depends on it nor points at it."""
    postgres, bot = compose["services"]["postgres"], compose["services"]["bot"]
    assert postgres["profiles"] == ["postgres"]
    assert "profiles" not in bot and "depends_on" not in bot
    assert not [v for v in environment(bot).values() if "postgres" in v.lower()]
    password = environment(postgres)["POSTGRES_PASSWORD"]
    assert password.startswith("${") and password.endswith("}")  # from .env, never written here
