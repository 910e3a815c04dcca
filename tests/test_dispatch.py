"""Parsing, binding and guarding: every bad input becomes one clear sentence."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.cogkit import Context
from bot.core.ratelimit import MemberRateLimiter
from bot.dispatch import Dispatcher, split_words
from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput
from bot.domain.models import Actor, Platform
from bot.messages import Message, Tone
from bot.registry import Registry
from bot.services import Services

from .fakes.sample_cog import SampleCog


class NullHost:
    platform = Platform.CONSOLE


@pytest.fixture
async def run(services: Services):
    registry = Registry()
    registry.add(SampleCog())
    dispatcher = Dispatcher(registry, max_text=100)

    async def go(line: str, organizer: bool = False) -> Message:
        actor = await services.members.actor(Platform.CONSOLE, "c", "ann", organizer)
        answer = await dispatcher.run_line(Context(actor, NullHost(), "chan"), line)  # type: ignore[arg-type]
        assert answer is not None
        return answer

    return go


async def test_happy_path_with_positional_and_named_options(run) -> None:
    """Options bind by position or by name:value, and rest-of-line takes the remainder."""
    assert (await run("/echo 2 no hello there")).body == "hello there hello there"
    assert (await run("/echo times:1 loud:yes text:hey")).body == "HEY"
    assert (await run('/echo 1 no "a: b"')).body == "a: b"
    assert (await run("/echo 2 loud:yes hi")).body == "HI HI"
    assert (await run("/echo 1 no see loud:yes")).body == "see loud:yes"
    assert (await run("/echo text:hey times:1")).body == "hey"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/nope", "I don't know the command /nope"),
        ("/ech 1", "Did you mean /echo?"),
        ("/echo", "/echo needs how many times. Usage: /echo <times> [loud] [text...]"),
        ("/echo many", "How many times must be a whole number, not 'many'."),
        ("/echo 9", "How many times must be at most 3."),
        ("/echo 1 maybe", "Shout it must be yes or no, not 'maybe'."),
        ("/echo 1 no " + "x" * 41, "What to say is too long (41 characters; the limit is 40)."),
        ('/echo 1 "unclosed', "A quote is not closed"),
        ("/pick green", "A colour must be red or blue, not 'green'."),
        ("/pick red blue", "/pick got more than it takes: 'blue'"),
        ("/thing", "/thing needs a subcommand: show."),
        ("/thing eat x", "/thing has no subcommand 'eat'. Try: show."),
        ("/thing show ghost", "There is no thing called ghost."),
        ("/thing make box", "Only organizers can do that."),
        ("/", "Type a command"),
    ],
)
async def test_bad_input_gets_one_clear_sentence(run, line: str, expected: str) -> None:
    """Each kind of bad input is answered privately, in words, with no traceback."""
    answer = await run(line)
    assert answer.tone is Tone.ERROR and answer.ephemeral
    assert expected in answer.body
    assert "Traceback" not in answer.body


async def test_organizers_are_offered_every_subcommand(run) -> None:
    """A group's hint names its organizer subcommands to organizers only."""
    answer = await run("/thing", organizer=True)
    assert "/thing needs a subcommand: make, show." in answer.body


async def test_organizer_may_use_organizer_commands(run) -> None:
    """The permission check lets organizers through."""
    answer = await run("/thing make box", organizer=True)
    assert answer.title == "Thing box"


async def test_unexpected_error_is_logged_not_shown(run, caplog: pytest.LogCaptureFixture) -> None:
    """A crash is logged with its traceback; the person gets an apology and a reference."""
    with caplog.at_level(logging.ERROR):
        answer = await run("/crash")
    assert answer.tone is Tone.ERROR
    assert "secret internals" not in answer.body
    assert "something went wrong" in answer.body.lower()
    record = next(r for r in caplog.records if "unexpected error" in r.getMessage())
    assert record.exc_info is not None
    ref = answer.body.rsplit("reference ", 1)[1].rstrip(").")
    assert ref in record.getMessage()


async def test_stale_button_is_explained(services: Services) -> None:
    """A button whose handler no longer exists says so."""
    registry = Registry()
    registry.add(SampleCog())
    actor = await services.members.actor(Platform.CONSOLE, "c", "ann", False)
    answer = await Dispatcher(registry, 100).press(
        Context(actor, NullHost(), "chan"),  # type: ignore[arg-type]
        "gone.away:1",
    )
    assert answer is not None and "no longer in use" in answer.body


def test_overlong_line_is_refused() -> None:
    """A line over the hard cap is refused before parsing."""
    with pytest.raises(InvalidInput, match="too long"):
        split_words("x" * 5000)


async def test_completions_come_from_the_declared_source(services: Services) -> None:
    """Autocomplete asks the cog's completer and never raises."""
    registry = Registry()
    registry.add(SampleCog())
    registry.check_completions()
    actor = await services.members.actor(Platform.CONSOLE, "c", "ann", False)
    ctx = Context(actor, NullHost(), "chan")  # type: ignore[arg-type]
    dispatcher = Dispatcher(registry, 100)
    assert await dispatcher.complete(ctx, "topics", "m") == [
        ("Misc", "misc"),
        ("Money", "money"),
        ("Mail", "mail"),
    ]
    assert await dispatcher.complete(ctx, "nowhere", "m") == []


async def test_form_submission_is_checked(services: Services) -> None:
    """Unknown forms and button ids used as forms are refused politely."""
    registry = Registry()
    registry.add(SampleCog())
    actor = await services.members.actor(Platform.CONSOLE, "c", "ann", False)
    ctx = Context(actor, NullHost(), "chan")  # type: ignore[arg-type]
    dispatcher = Dispatcher(registry, 100)
    answer = await dispatcher.submit(ctx, "sample.poke:x", {"a": "b"})
    assert answer is not None and "no longer in use" in answer.body
    answer = await dispatcher.submit(ctx, "sample.note:t", {"title": "T", "body": "B", "tag": ""})
    assert answer is not None and answer.body == "saved T in t"


async def test_rate_limit_slows_a_member_down(services: Services, clock: ManualClock) -> None:
    """Past the burst a member is told to wait; other members and later commands go through."""
    registry = Registry()
    registry.add(SampleCog())
    dispatcher = Dispatcher(registry, 100, MemberRateLimiter(clock, per_minute=6, burst=2))
    ann = await services.members.actor(Platform.CONSOLE, "c", "ann", False)
    bob = await services.members.actor(Platform.CONSOLE, "c", "bob", False)

    async def echo(actor: Actor) -> Message:
        answer = await dispatcher.run_line(Context(actor, NullHost(), "c"), "/echo 1 no hi")  # type: ignore[arg-type]
        assert isinstance(answer, Message)
        return answer

    assert [(await echo(ann)).body for _ in range(2)] == ["hi", "hi"]
    slowed = await echo(ann)
    assert slowed.tone is Tone.ERROR and "wait 10 seconds" in slowed.body
    assert (await echo(bob)).body == "hi"
    clock.advance(timedelta(seconds=10))
    assert (await echo(ann)).body == "hi"


async def test_an_overlong_form_answer_is_named_by_its_start(services: Services) -> None:
    """A form answer past the cap is shown by how it begins, not by the field's internal name."""
    registry = Registry()
    registry.add(SampleCog())
    actor = await services.members.actor(Platform.CONSOLE, "c", "ann", False)
    answer = await Dispatcher(registry, 10).submit(
        Context(actor, NullHost(), "chan"),  # type: ignore[arg-type]
        "sample.note:misc",
        {"title": "ok", "body": "Dear office, " + "x" * 60},
    )
    assert answer is not None and answer.tone is Tone.ERROR
    assert answer.body == (
        "Your answer starting 'Dear office, xxxxxxx…' is too long (73 characters; the limit is 40)."
    )
