"""The Dockerfile (images cannot be built here, so it is read): it builds and installs the bot as
the wheel test does, runs it unprivileged with its data in a volume, names only settings that
exist and no secret, and its health check asks /healthz on the bot's HTTP port."""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from pathlib import PurePosixPath

import pytest

from bot.monitoring import HEALTH_PATH

from ..conftest import REPO_ROOT
from .deploy_files import (
    Stage,
    dockerfile_stages,
    env_pairs,
    exec_form,
    healthcheck,
    run_parts,
    secret_names,
    setting_names,
)
from .install_steps import BUILD, INSTALL, SOURCES, match

DOCKERFILE = REPO_ROOT / "Dockerfile"


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    found = dockerfile_stages(DOCKERFILE.read_text(encoding="utf-8"))
    assert len(found) == 2, "a build stage and the image"
    return found


def commands(stage: Stage) -> list[tuple[dict[str, dict[str, str]], list[str]]]:
    """Each shell command the stage runs, with the RUN's mounts."""
    found = []
    for args in stage.all("RUN"):
        mounts, parts = run_parts(args)
        found.extend((mounts, part) for part in parts)
    return found


def image_env(stage: Stage) -> dict[str, str]:
    return {k: v for args in stage.all("ENV") for k, v in env_pairs(args).items()}


def test_the_image_is_built_and_installed_as_the_wheel_test_does(stages: list[Stage]) -> None:
    """The build stage copies the wheel test's sources and builds with its command; the image
    installs the wheel from that build with the test's install command."""
    build, image = stages
    copied = [
        path.removeprefix("./").rstrip("/")
        for args in build.all("COPY")
        for path in args.split()[:-1]
    ]
    assert sorted(copied) == sorted(SOURCES)

    built = [found for _, argv in commands(build) if (found := match(BUILD, argv))]
    assert len(built) == 1, f"one RUN {BUILD}"
    dist = built[0]["dist"]

    installs = [
        (mounts, found) for mounts, argv in commands(image) if (found := match(INSTALL, argv))
    ]
    assert len(installs) == 1, f"one RUN {INSTALL}"
    mounts, install = installs[0]
    wheel = PurePosixPath(install["wheel"])
    assert wheel.suffix == ".whl"
    mount = mounts.get(str(wheel.parent), {})
    assert (mount.get("from"), mount.get("source")) == (build.name, dist), mounts


def test_the_build_tool_is_the_one_the_wheel_test_uses(stages: list[Stage]) -> None:
    """The build stage installs pypa/build as the dev extra pins it."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (pinned,) = [
        r for r in project["project"]["optional-dependencies"]["dev"] if r.startswith("build")
    ]
    installed = [
        argv[-1] for _, argv in commands(stages[0]) if argv[1:4] == ["-m", "pip", "install"]
    ]
    assert installed == [pinned]


def test_dockerignore_lets_in_only_the_sources() -> None:
    """The build context is the sources (never .env, data/, .venv or .git) without bytecode."""
    lines = [
        line.strip()
        for line in (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines[0] == "*"
    assert sorted(line[1:] for line in lines if line.startswith("!")) == sorted(SOURCES)
    assert {"**/__pycache__", "**/*.pyc"} <= set(lines)


def test_the_image_runs_the_bot_unprivileged_with_its_data_in_a_volume(
    stages: list[Stage],
) -> None:
    """A slim Python base, a user that is not root, the database, lawmaker data and console
    files under the volume, and `orgbot run`."""
    image = stages[1]
    assert all(re.fullmatch(r"python:\S+-slim", stage.base) for stage in stages)
    (user,) = image.all("USER")
    assert user not in {"root", "0"} and not user.startswith("0:")
    (volume,) = [PurePosixPath(v) for args in image.all("VOLUME") for v in exec_form(args)]
    env = image_env(image)
    for name in ("ORGBOT_DATABASE_PATH", "ORGBOT_DATA_DIR", "ORGBOT_CONSOLE_OUTPUT_DIR"):
        assert PurePosixPath(env[name]).is_relative_to(volume), name
    assert exec_form(image.all("CMD")[-1]) == ["orgbot", "run"]


def test_the_image_names_only_settings_that_exist_and_no_secret(stages: list[Stage]) -> None:
    """Every ORGBOT_* the image sets is a setting; no secret is an ENV or a build ARG."""
    known, secrets = setting_names(), secret_names()
    for stage in stages:
        env = image_env(stage)
        args = {a.split("=", 1)[0] for a in stage.all("ARG")}
        assert {n for n in env if n.startswith("ORGBOT_")} <= known
        assert not (set(env) | args) & secrets
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert not [name for name in secrets if name in text]


@pytest.fixture
def health_server() -> Iterator[tuple[int, list[str], list[int]]]:
    """A local HTTP server answering with the status the test puts in ``answers``."""
    asked: list[str] = []
    answers: list[int] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(answers.pop(0))
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1], asked, answers
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_health_check_asks_healthz_on_the_http_port(
    stages: list[Stage], health_server: tuple[int, list[str], list[int]]
) -> None:
    """Run as written (its python is this one): healthy on 200, unhealthy on 503, on the port
    ORGBOT_HTTP_PORT names, which the image sets and exposes."""
    image = stages[1]
    (args,) = image.all("HEALTHCHECK")
    options, command = healthcheck(args)
    assert command[0] == "python" and "start-period" in options
    port_setting = image_env(image)["ORGBOT_HTTP_PORT"]
    assert image.all("EXPOSE") == [port_setting]

    port, asked, answers = health_server
    env = {**os.environ, "ORGBOT_HTTP_PORT": str(port)}

    def check(status: int) -> int:
        answers.append(status)
        done = subprocess.run(
            [sys.executable, *command[1:]], env=env, capture_output=True, timeout=60, check=False
        )
        return done.returncode

    assert check(200) == 0
    assert check(503) != 0
    assert asked == [HEALTH_PATH, HEALTH_PATH]
