# syntax=docker/dockerfile:1
# organizer-bot in a container: docs/DEPLOY.md#docker-and-compose says how to run it.
# The image holds no secret: tokens come from the environment when the container starts
# (compose.yaml reads them from .env). The database and the lawmaker data live in /data, a volume.
# tests/packaging/test_dockerfile.py holds the build and install steps to the wheel test's.
ARG PYTHON_VERSION=3.11

# The sdist, then the wheel built from it.
FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
RUN python -m pip install "build~=1.2"
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY cogs ./cogs
RUN python -m build --outdir /dist .

# The wheel in a virtual environment of its own, run by a user without privileges.
FROM python:${PYTHON_VERSION}-slim
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore \
    PYTHONUNBUFFERED=1 PATH=/opt/orgbot/bin:$PATH
RUN --mount=type=bind,from=build,source=/dist,target=/dist \
    python -m venv /opt/orgbot \
    && /opt/orgbot/bin/python -m pip install /dist/organizer_bot-*.whl
RUN useradd --system --user-group --uid 10001 --create-home --home-dir /home/orgbot orgbot \
    && install -d -o orgbot -g orgbot -m 0700 /data
ENV ORGBOT_DATABASE_PATH=/data/orgbot.sqlite3 \
    ORGBOT_DATA_DIR=/data/civic \
    ORGBOT_CONSOLE_OUTPUT_DIR=/data/console \
    ORGBOT_HTTP_PORT=8080
VOLUME ["/data"]
USER orgbot
WORKDIR /data
# /healthz and /metrics, and Slack's /slack/events in HTTP mode.
EXPOSE 8080
# 200 when the database answers, the lawmaker data is loaded and each platform is connected.
# The first start downloads the lawmaker data and connects: allow it two minutes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['ORGBOT_HTTP_PORT'] + '/healthz', timeout=4)"]
# docker stop sends SIGTERM: posts under way finish (give it a minute: docker stop -t 60).
CMD ["orgbot", "run"]
