"""What a DM's writer learns of the member's platform language through the outbox: the host's
answer, else nothing (no host method, a failure, a host too slow to say), never an error."""

from __future__ import annotations

import asyncio

import pytest

from bot.domain.models import Actor, Community, Platform
from bot.services import Services

from ..scheduling.conftest import RecordingPort


class Speaking(RecordingPort):
    """A console host that says each member's language as ``answer`` does."""

    answer: str | Exception | None = None

    async def locale_of(self, community: Community, user_id: str) -> str | None:
        if self.answer == "never":  # a host that never answers
            await asyncio.Event().wait()
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.fixture
async def ann(services: Services) -> Actor:
    return await services.members.actor(Platform.CONSOLE, "console", "ann", False)


@pytest.mark.parametrize(
    ("answer", "found"),
    [("es-ES", "es-ES"), (None, None), (RuntimeError("the host broke"), None), ("never", None)],
)
async def test_the_platform_language_or_nothing(
    services: Services, ann: Actor, answer: str | Exception | None, found: str | None
) -> None:
    port = Speaking(services.clock)
    port.answer = answer
    services.scheduler.attach(port)
    outbox = services.scheduler.outbox
    outbox.locale_wait = 0.05  # a host that never answers is given up on
    assert await outbox.locale_of(ann.community, ann.member) == found


async def test_a_host_that_cannot_say_gives_nothing(services: Services, ann: Actor) -> None:
    services.scheduler.attach(RecordingPort(services.clock))
    assert await services.scheduler.outbox.locale_of(ann.community, ann.member) is None
