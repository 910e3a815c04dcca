"""The daily digest lists the stances organizers set the day before: lawmaker, the stance it
replaced, the new one, the campaign, who set it and their note."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.clock import ManualClock
from bot.messages import mention
from bot.services import Services

from .conftest import RecordingPort, actor_of

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_10AM = datetime(2026, 1, 5, 10, 0, tzinfo=NEW_YORK)


async def test_the_digest_lists_yesterdays_stance_changes(
    full_services: Services, clock: ManualClock
) -> None:
    """Two stances set on Monday are in Tuesday's digest, in order; Wednesday's has none."""
    s = full_services
    assert s.stances is not None
    port = RecordingPort(clock)
    s.scheduler.attach(port)
    clock.set(MONDAY_10AM)
    olga = await actor_of(s, "olga", organizer=True)
    await s.campaigns.import_template(olga, "irs-data-privacy")
    await s.schedules.set_digest(olga, "organizers")
    await s.stances.set(olga, "S000033", "undecided")
    clock.set(MONDAY_10AM + timedelta(hours=2))
    await s.stances.set(olga, "S000033", "supports", "said yes to the hearing")
    await s.scheduler.engine.advance(timedelta(days=2))
    tuesday, wednesday = port.posts("organizers")
    fields = {f.name: f.value for f in tuesday.message.fields}
    olga_is = mention("olga")
    assert fields["Stances set"].splitlines() == [
        f"• Sen. Bernard Sanders (I-VT): unknown → undecided (irs-data-privacy, by {olga_is})",
        f"• Sen. Bernard Sanders (I-VT): undecided → supports (irs-data-privacy, by {olga_is}: "
        "“said yes to the hearing”)",
    ]
    assert "Stances set" not in {f.name for f in wednesday.message.fields}
