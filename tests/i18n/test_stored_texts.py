"""Sentences kept in the database (schedule notices, dispatch details, why a message could not
be delivered) are read in the reader's language; rows written before, in English, still show."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.domain.data_names import LawmakerLabel, committee_name
from bot.domain.errors import Unavailable
from bot.domain.recurrence import parse_recurrence
from bot.domain.text import t, tn
from bot.i18n.stored import keep, kept, kept_error
from bot.i18n.translator import Translators
from bot.i18n.when_words import At, Every
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript

WORDS = Translators()


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


def test_a_kept_text_reads_back_with_its_values() -> None:
    """Every kind of value a Text carries survives the row: strings, numbers, a Text, a moment
    in a zone, a recurrence, days and times, and a plural's count."""
    at = At(datetime(2026, 1, 5, 14, tzinfo=UTC), "America/New_York")
    said = tn(
        "Skipped {span}: the bot was not running then, and posts more than {minutes} "
        "minute late are not sent.",
        "Skipped {span}: the bot was not running then, and posts more than {minutes} "
        "minutes late are not sent.",
        60,
        span=t("the post due {when}", when=at),
        minutes=60,
    )
    again = kept(keep(said))
    assert again == said
    assert str(again) == (
        "Skipped the post due Mon 2026-01-05 09:00 EST: the bot was not running then, and "
        "posts more than 60 minutes late are not sent."
    )
    assert WORDS("es").render(again).startswith("Se omitió la publicación del lun 2026-01-05")
    other = t(
        "x {a} {b} {c} {d} {e}",
        a=Every(parse_recurrence("weekdays 09:00")),
        b=date(2026, 1, 8),
        c=time(9, 30),
        d=datetime(2026, 1, 8, 9, tzinfo=UTC),
        e=None,
    )
    back = kept(keep(other))
    assert str(back) == str(other)
    assert WORDS("es").render(back) == WORDS("es").render(other)


def test_a_kept_committee_and_lawmaker_are_named_in_the_reader_s_language() -> None:
    """A notice keeps a committee by its id and a lawmaker by their title's message."""
    said = t(
        "The chair of the {committee} is now {who}.",
        committee=committee_name(
            "SSFI11", "Senate Committee on Finance: Taxation and IRS Oversight"
        ),
        who=LawmakerLabel(
            "Sen. Maria Cantwell (D-WA)", "Senator {name} (a woman)", "Maria Cantwell", "D-WA"
        ),
    )
    again = kept(keep(said))
    assert str(again) == (
        "The chair of the Senate Committee on Finance: Taxation and IRS Oversight is now "
        "Sen. Maria Cantwell (D-WA)."
    )
    assert WORDS("es").render(again) == (
        "La presidencia del Comité de Finanzas del Senado: Impuestos y Supervisión del IRS "
        "ahora la ocupa Senadora Maria Cantwell (D-WA)."
    )


def test_rows_written_before_are_shown_as_written() -> None:
    """A plain sentence (an older row), a string given as is, and a row that no longer reads
    come back unchanged; None stays None."""
    assert kept("The bot stopped while posting.") == "The bot stopped while posting."
    assert keep("already words") == "already words"
    broken = '{"t": "a message", "v": {"when": {"at": "not a moment", "zone": "UTC"}}}'
    assert kept(broken) == broken
    assert kept('{"t": unfinished') == '{"t": unfinished'
    lacking = '{"t":"The {slug} prompt could not be posted","v":{}}'  # a value missing
    assert kept(lacking) == lacking
    assert keep(None) is None and kept(None) is None


def test_an_error_is_kept_as_its_text() -> None:
    error = Unavailable(t("No {platform} host is running to send it.", platform="slack"))
    assert WORDS("es").render(kept(kept_error(error)) or "") != error.message
    assert kept(kept_error(Unavailable("plain words"))) == "plain words"


async def test_a_spanish_organizer_reads_a_kept_notice_in_spanish(
    full_console: ConsoleHost, full_services: Services, transcript: Transcript
) -> None:
    """A post skipped while the bot was off leaves a notice on its schedule (written while the
    organizer read English); after /language es, /schedule list shows it in Spanish; an older
    row's English notice is shown as written."""
    console, services = full_console, full_services
    await feed(
        console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/schedule add irs-data-privacy here daily 09:00",
        "/clock set 2026-01-05 11:30",  # the 09:00 post is more than an hour late: skipped
    )
    transcript.clear()
    await feed(console, "/schedule list")
    assert "Skipped the post due Mon 2026-01-05 09:00 EST" in transcript.text
    transcript.clear()
    await feed(console, "/language es", "/schedule list")
    assert "Se omitió la publicación del lun 2026-01-05 09:00 EST" in transcript.text
    assert "Skipped" not in transcript.text
    async with services.db.transaction() as tx:
        await tx.execute("UPDATE schedules SET notice = ?", ("An older notice, kept in English.",))
    transcript.clear()
    await feed(console, "/schedule list")
    assert "An older notice, kept in English." in transcript.text
