"""Errors about an option name it in the person's words ("the schedule number"), never by the
internal parameter name ("number must be a whole number", "new_slug is too long")."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.cogkit import CommandSpec, OptionSpec
from bot.dispatch import bind_values, convert
from bot.domain.errors import InvalidInput
from bot.platforms.console.host import ConsoleHost
from bot.registry import Registry

from .conftest import Transcript

MAX_TEXT = 2000


def bad_values(opt: OptionSpec) -> Iterator[object]:
    """A value that breaks each limit the option has."""
    if opt.type is str:
        limit = min(opt.max_length or MAX_TEXT, MAX_TEXT)
        yield "x" * (limit + 1)
        if opt.choices:
            yield "not-a-choice"
    elif opt.type is bool:
        yield "maybe"
    else:
        yield "abc"
        if opt.min_value is not None:
            yield opt.min_value - 1
        if opt.max_value is not None:
            yield opt.max_value + 1


def good_value(opt: OptionSpec) -> str:
    """A value the option accepts."""
    if opt.choices:
        return opt.choices[0]
    if opt.type is bool:
        return "yes"
    if opt.type in (int, float):
        return str(int(opt.min_value or 0))
    return "x"


def errors_for(spec: CommandSpec, opt: OptionSpec) -> Iterator[str]:
    """Every error sentence the dispatcher can give about ``opt``."""
    if opt.required:
        others = {o.name: good_value(o) for o in spec.options if o.required and o is not opt}
        with pytest.raises(InvalidInput) as missing:
            bind_values(spec, others, MAX_TEXT)
        yield missing.value.message
    for value in bad_values(opt):
        with pytest.raises(InvalidInput) as bad:
            convert(spec, opt, value, MAX_TEXT)
        yield bad.value.message


def check_words(spec: CommandSpec, opt: OptionSpec, message: str) -> None:
    where = f"/{spec.name} {opt.name}: {message!r}"
    assert "\n" not in message, where
    assert opt.label.lower() in message.lower(), where
    sentence = message.split(" Usage: ", 1)[0]
    # the command the person typed, the label and the help may hold the name as a plain word
    # (and "a whole number" is the rule, not the option)
    for said in (f"/{spec.name}", opt.label, opt.help.rstrip("."), "a whole number"):
        sentence = re.sub(re.escape(said), "", sentence, flags=re.I)
    assert not re.search(rf"\b{re.escape(opt.name)}\b", sentence, re.I), where
    if "_" in opt.name:  # not a word at all: not even in the usage
        assert opt.name not in message, where


def real_registry(console: ConsoleHost) -> Registry:
    assert console.registry.commands, "no commands: the check would prove nothing"
    return console.registry


async def test_every_real_option_has_a_label(console: ConsoleHost) -> None:
    """Each option a real cog declares says what errors should call it (Opt(label=...))."""
    missing = [
        f"/{spec.name} {opt.name}"
        for spec in real_registry(console).commands.values()
        for opt in spec.options
        if not opt.label.strip()
    ]
    assert missing == [], f"give these options a label (Opt(..., label='the ...')): {missing}"


async def test_every_option_error_reads_in_the_persons_words(console: ConsoleHost) -> None:
    """Each error each option can cause names it by its label, in one line, and never says the
    internal name where the person did not write it."""
    checked = 0
    for spec in real_registry(console).commands.values():
        for opt in spec.options:
            for message in errors_for(spec, opt):
                check_words(spec, opt, message)
                checked += 1
    assert checked > 40


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["/as olga organizer", "/schedule pause abc"],
            "The schedule number must be a whole number, not 'abc'.",
        ),
        (
            ["/privacy what"],
            "What to do must be show, export, leaderboard or retention, not 'what'.",
        ),
        (
            ["/as olga organizer", "/campaign edit"],
            "/campaign edit needs the campaign's slug (the campaign's slug, like "
            "irs-data-privacy). Usage: /campaign edit <campaign> [new slug] [language]",
        ),
        (
            ["/as olga organizer", "/campaign edit irs " + "x" * 41],
            "The new slug is too long (41 characters; the limit is 40).",
        ),
    ],
)
async def test_the_issues_examples(
    console: ConsoleHost, transcript: Transcript, lines: list[str], expected: str
) -> None:
    """The errors the issue quoted, as a person gets them in the console."""
    for line in lines:
        await console.handle(line)
    assert f"⚠\n   {expected}\n" in transcript.text
