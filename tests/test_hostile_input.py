"""Hostile text at the dispatcher, for every host: lone surrogates, NUL and other control
characters get one plain sentence (never the apology of an unhandled error), and an error
quoting what someone typed stays on one line whatever line breaks it holds."""

from __future__ import annotations

import logging
from typing import Annotated

import pytest

from bot.cogkit import Cog, Context, Opt, ReactionEvent, button, command
from bot.dispatch import UNUSABLE, Dispatcher
from bot.domain.models import Platform
from bot.messages import Form, Message, PostedRef, Tone
from bot.platforms.console.host import ConsoleHost
from bot.registry import Registry
from bot.services import Services

UNUSABLE_TEXT = ["\ud800", "x\udcffy", "\x00", "zip\x00", "\x1b[31m", "\x07", "\x7f", "\x9b2J"]
LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR)
    return caplog


async def context(console: ConsoleHost) -> Context:
    return await console._context()


def refused(answer: object) -> bool:
    return (
        isinstance(answer, Message) and answer.tone is Tone.ERROR and answer.body == str(UNUSABLE)
    )


@pytest.mark.parametrize("bad", UNUSABLE_TEXT)
@pytest.mark.parametrize(
    "line",
    [
        "/campaign show {bad}",
        "/campaign pause {bad}",
        "/stats {bad}",
        "/export x{bad}",
        "/setzip {bad}",
        "/schedule add irs {bad} 09:00",
        "/{bad}",
    ],
)
async def test_unusable_text_on_a_line_gets_one_sentence(
    console: ConsoleHost, errors: pytest.LogCaptureFixture, line: str, bad: str
) -> None:
    """A typed line (console, Slack) holding such a character is refused in words."""
    answer = await console.dispatcher.run_line(await context(console), line.format(bad=bad))
    assert refused(answer), answer
    assert not [r for r in errors.records if r.exc_info]


@pytest.mark.parametrize("bad", UNUSABLE_TEXT)
async def test_unusable_typed_options_forms_and_buttons_are_refused(
    console: ConsoleHost, errors: pytest.LogCaptureFixture, bad: str
) -> None:
    """Discord's typed options, a submitted form and a forged button value: the same
    sentence; a reaction or a suggestion with it is simply not one of ours."""
    ctx = await context(console)
    dispatcher = console.dispatcher
    assert refused(await dispatcher.run_command(ctx, "campaign show", {"slug": f"a{bad}"}))
    form = await dispatcher.run_line(ctx, "/campaign create")
    assert isinstance(form, Form)
    answers = {f.name: f"text {bad}" for f in form.fields}
    assert refused(await dispatcher.submit(ctx, form.custom_id, answers))
    assert refused(await dispatcher.press(ctx, f"privacy.erase:{bad}"))
    assert refused(await dispatcher.choose(ctx, "actions.pick:1", bad))
    event = ReactionEvent(PostedRef("console", "x-1"), f"📞{bad}", added=True)
    assert await dispatcher.react(ctx, event) is None
    assert await dispatcher.complete(ctx, "campaigns", bad) == []
    assert not [r for r in errors.records if r.exc_info]


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=repr)
@pytest.mark.parametrize(
    "line",
    [
        '/campaign "sh{brk}ow"',  # the dispatcher's: no such subcommand
        '/privacy "sh{brk}ow"',  # the dispatcher's: not one of the choices
        '/schedule remove "1{brk}2"',  # the dispatcher's: not a number
        '/mystats "x{brk}y"',  # the dispatcher's: more than it takes
        '/campaign import "irs{brk}x"',  # the core's: no such template
        '/privacy retention "3{brk}0 days"',  # the core's: not a period
    ],
)
async def test_an_error_quoting_what_was_typed_stays_on_one_line(
    console: ConsoleHost, line: str, brk: str
) -> None:
    """Whatever line break the person typed, the error that quotes it is one line."""
    answer = await console.dispatcher.run_line(await context(console), line.format(brk=brk))
    assert isinstance(answer, Message) and answer.tone is Tone.ERROR, answer
    assert len(answer.body.splitlines()) == 1, answer.body


class Crashing(Cog):
    name = "crashing"
    description = "Fails unexpectedly, with personal text in hand."

    @command("leak", "Fail with what was typed.")
    async def leak(self, ctx: Context, text: Annotated[str, Opt("Anything", rest=True)]) -> Message:
        raise RuntimeError("boom")

    @button("crashing.press")
    async def press(self, ctx: Context, value: str) -> Message:
        raise RuntimeError("boom")


async def test_an_unexpected_error_logs_the_command_not_what_was_typed(
    services: Services, errors: pytest.LogCaptureFixture
) -> None:
    """The log names the command and the component's action, never the rest (a ZIP, a
    note, a confirmation token), which the log would keep out of /forgetme's reach."""
    registry = Registry()
    registry.add(Crashing())
    dispatcher = Dispatcher(registry, max_text=100)
    actor = await services.members.actor(Platform.CONSOLE, "c", "ann", False)
    ctx = Context(actor, None, "chan")  # type: ignore[arg-type]
    for answer in (
        await dispatcher.run_line(ctx, "/leak my ZIP is 05401"),
        await dispatcher.press(ctx, "crashing.press:tok3n-s3cret"),
    ):
        assert isinstance(answer, Message) and "something went wrong" in answer.body
    logged = [r.getMessage() for r in errors.records]
    assert len(logged) == 2
    assert "'/leak'" in logged[0] and "'crashing.press'" in logged[1]
    assert not any("05401" in m or "tok3n" in m for m in logged)
