"""What a person is told when the bot stops under their request, in their language."""

from __future__ import annotations

import pytest

from bot.core.batcher import Batcher
from bot.dispatch import Dispatcher
from bot.i18n.translator import Translators
from bot.messages import Message
from bot.platforms.inflight import SHUTTING_DOWN, STOPPED_MIDWAY
from bot.registry import Registry


async def nothing(items: object) -> list[object]:
    return []


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("es", "El bot se está reiniciando, así que eso no se pudo guardar."),
        ("en", "The bot is restarting, so that could not be saved."),
    ],
)
async def test_a_report_refused_at_shutdown_is_answered_in_the_reporter_s_language(
    language: str, said: str
) -> None:
    """The batcher is closed: a report still submitted fails, and the dispatcher tells the
    member so in their language."""
    batcher: Batcher[int, int] = Batcher(nothing, nothing)
    await batcher.close(within=1.0)
    dispatcher = Dispatcher(Registry(), max_text=200)

    async def report() -> Message:
        await batcher.submit(1)
        return Message(body="saved")

    answer = await dispatcher.guard(report, "a report", language=language)
    assert isinstance(answer, Message) and answer.body.startswith(said)


def test_a_host_s_stop_sentences_are_in_the_catalog() -> None:
    """A Discord or Slack host renders these in the person's language (their platform's)."""
    es = Translators()("es")
    assert es.render(STOPPED_MIDWAY).startswith("El bot se está reiniciando y no pudo terminar")
    assert es.render(SHUTTING_DOWN).startswith("El bot se está reiniciando. Inténtalo")
