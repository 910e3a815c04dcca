"""The Slack workspaces the host acts in, each through its own bot token.

Everything the host sends for a workspace (answers, prompts, reminders, live-count edits, DMs,
users.info) goes through that workspace's :class:`Workspace`: a Web API client holding its bot
token, a messenger with its own delivery queue (Slack's rate limits are per workspace), the
replies built on it, and its organizer directory.

- Single-workspace mode (SLACK_BOT_TOKEN, the default): :class:`OneWorkspace`, the same
  workspace for every request.
- Many-workspace mode (Slack distribution): the installations in the bot's database
  (:class:`bot.platforms.slack.installations.Installations`), one workspace per team id.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from slack_sdk.web.async_client import AsyncWebClient

from bot.cogkit import Answer
from bot.core.metrics import CommandResult, Metrics
from bot.i18n.translator import Translator
from bot.messages import Message
from bot.platforms.slack.messenger import SlackMessenger
from bot.platforms.slack.organizers import OrganizerDirectory
from bot.platforms.slack.origin import Origin
from bot.platforms.slack.replies import ENGLISH, Replies


@dataclass(frozen=True, slots=True)
class Workspace:
    """What the host needs to act in one workspace, all with that workspace's bot token."""

    client: AsyncWebClient
    messenger: SlackMessenger
    replies: Replies
    organizers: OrganizerDirectory


Connect = Callable[[AsyncWebClient], Workspace]  # a client with a bot token -> its workspace


class Workspaces(Protocol):
    async def get(self, team_id: str) -> Workspace:
        """The workspace of ``team_id``; Unavailable (one sentence) if the bot is not in it."""
        ...

    def open(self) -> list[Workspace]:
        """The workspaces in use now (their delivery queues are closed at shutdown)."""
        ...


class OneWorkspace:
    """Single-workspace mode: SLACK_BOT_TOKEN's workspace serves every request."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    async def get(self, team_id: str) -> Workspace:
        return self.workspace

    def open(self) -> list[Workspace]:
        return [self.workspace]


class RoutedReplies:
    """The host's answers, each through the workspace the request came from."""

    def __init__(self, workspaces: Workspaces) -> None:
        self._workspaces = workspaces

    async def deliver(self, answer: Answer, origin: Origin, words: Translator = ENGLISH) -> None:
        replies = (await self._workspaces.get(origin.team_id)).replies
        await replies.deliver(answer, origin, words)

    async def tell(self, origin: Origin, message: Message, words: Translator = ENGLISH) -> None:
        await (await self._workspaces.get(origin.team_id)).replies.tell(origin, message, words)


class QueueDepths:
    """The delivery queues of every workspace, counted as the platform's one queue at
    /metrics: each reports its own depth here, and the gauge gets their sum (each setting it
    alone would show whichever changed last)."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self._depths: dict[int, int] = {}
        self._numbers = itertools.count()

    def of_one_queue(self) -> Metrics:
        """The metrics to give one workspace's queue."""
        return _OneQueue(self, next(self._numbers))

    def report(self, queue: int, platform: str, depth: int) -> None:
        self._depths[queue] = depth
        self.metrics.queue_depth(platform, sum(self._depths.values()))


class _OneQueue(Metrics):
    def __init__(self, depths: QueueDepths, number: int) -> None:
        self._depths = depths
        self._number = number

    def command(self, name: str, result: CommandResult) -> None:
        self._depths.metrics.command(name, result)

    def action(self, result: str) -> None:
        self._depths.metrics.action(result)

    def scheduled(self, kind: str, outcome: str, count: int = 1) -> None:
        self._depths.metrics.scheduled(kind, outcome, count)

    def throttled(self, platform: str) -> None:
        self._depths.metrics.throttled(platform)

    def queue_depth(self, platform: str, depth: int) -> None:
        self._depths.report(self._number, platform, depth)
