"""What could not be delivered is kept as messages (what it was, where to, why), so the digest
and /schedule failures read it in the organizer's language; rows kept before read as written."""

from __future__ import annotations

import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import Unavailable
from bot.domain.models import Actor, Community
from bot.domain.text import t
from bot.i18n.translator import Translators
from bot.messages import Message, PostedRef
from bot.scheduling.digest_job import _failure_lines
from bot.services import Services
from bot.storage.schedules import DeliveryFailureRepository

from .conftest import RecordingPort


class BrokenPort(RecordingPort):
    """A platform whose every post fails in a way the bot did not expect."""

    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        raise RuntimeError("the platform's client broke")


async def test_a_failure_is_read_in_the_organizer_s_language(
    services: Services, clock: ManualClock, organizer: Actor
) -> None:
    services.scheduler.attach(BrokenPort(clock))
    with pytest.raises(Unavailable):
        await services.scheduler.outbox.post(
            organizer.community, "C1", Message(body="x"), purpose=t("daily digest")
        )
    await DeliveryFailureRepository(services.db).record(
        organizer.community.id, "daily digest", "channel C2", "an older reason", clock.now()
    )
    failures = await services.schedules.failures(organizer)
    words = Translators()
    spanish = _failure_lines(sorted(failures, key=lambda f: f.id), words("es"))
    assert spanish.splitlines() == [
        "• resumen diario (canal C1): lo detuvo un error inesperado (el registro del bot tiene "
        "los detalles)",
        "• daily digest (channel C2): an older reason",  # kept before: as written
    ]
    english = _failure_lines(sorted(failures, key=lambda f: f.id), words("en"))
    assert english.splitlines()[0] == (
        "• daily digest to channel C1: an unexpected error stopped it (the bot's log has the "
        "details)"
    )
