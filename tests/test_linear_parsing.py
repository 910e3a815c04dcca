"""Whatever a person types is parsed in time linear in its length (issue 14).

Each parser that reads typed text gets hostile inputs (long runs that a backtracking pattern or
a quadratic loop chokes on) up to the longest its field accepts, and must take at most SLOWDOWN
times as long as on a normal input of the same length, timed in the same test: a ratio, never an
absolute time, each side the best of several runs so that a loaded machine does not fail it.
Inputs grow from short to the longest and a test stops at the first size that is too slow, so a
parser that turns super-linear again fails in well under a second instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import timeit
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from bot.civic import DirectoryStore
from bot.civic.directory import Directory
from bot.core.actions import clean_note
from bot.core.address_lookup import address_text
from bot.core.campaign_rules import (
    TextLimits,
    check_outcome,
    check_slug,
    check_text,
    parse_day,
    parse_goal,
    slug_from_title,
)
from bot.core.emoji_map import normalize, split_emoji
from bot.core.emoji_names import standard_emoji
from bot.core.periods import parse_period
from bot.core.reminders import parse_days, sort_words
from bot.core.schedules import split_where_when
from bot.core.scripts import check_script
from bot.core.stance_rules import parse_filters, parse_stance, split_stance
from bot.dispatch import MAX_LINE, bind_words, parse_command_line
from bot.domain.errors import DomainError
from bot.domain.recurrence import check_zone, is_when_word, parse_time, parse_when
from bot.domain.shards import parse_shard_ids
from bot.domain.targets import parse_targets
from bot.domain.zips import parse_zip
from bot.messages import mention, mention_parts
from bot.platforms.slack.text import formatted, plain
from bot.registry import Registry
from bot.scheduling.clockwork import parse_duration
from bot.settings import Settings
from cogs._options import mentioned_channel as prompt_channel
from cogs.schedule import channel_id as schedule_channel
from tests.fakes.sample_cog import SampleCog

SLOWDOWN = 20  # how many times slower than a normal input of the same length is too slow
FIRST_SIZE = 64
GROWTH = 8
REPEATS = 5
BATCH_SECONDS = 0.0005  # each timed batch of calls runs at least this long


def _most(setting: str) -> int:
    """The largest value the settings accept for ``setting``."""
    return next(m.le for m in Settings.model_fields[setting].metadata if hasattr(m, "le"))


SCRIPT_MAX = _most("campaign_script_max")  # a campaign's script
OPTION_MAX = _most("max_text_length")  # an option with no limit of its own
FORM_MAX = 4 * OPTION_MAX  # a form's answer, as Dispatcher.submit accepts it
# The longest text people wrote that one message shows: a whole campaign.
SHOWN_MAX = sum(_most(f"campaign_{part}_max") for part in ("title", "ask", "background", "script"))
LINE = MAX_LINE  # a command typed as a line (console, Slack)
TODAY = date(2026, 3, 4)

Parse = Callable[[str], object]
Make = Callable[[int], str]


# -- inputs of an exact length -------------------------------------------------------------------
def fit(unit: str, size: int) -> str:
    """``unit`` repeated and cut to ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def whole(unit: str, size: int, pad: str = " ") -> str:
    """``unit`` repeated (never cut), made up to ``size`` characters with ``pad``."""
    count = size // len(unit)
    return unit * count + fit(pad, size - count * len(unit)) if size > 0 else ""


def around(head: str, unit: str, tail: str, size: int) -> str:
    """``head``, then ``unit`` again and again (padded with spaces), then ``tail``."""
    return head + whole(unit, size - len(head) - len(tail)) + tail


def middle(head: str, run: str, tail: str) -> Make:
    """``head``, a run of ``run`` cut to fit, then ``tail``."""
    return lambda size: head + fit(run, size - len(head) - len(tail)) + tail


def distinct_words(prefix: str, size: int) -> str:
    """``prefix0 prefix1 prefix2 ...``: all different words, padded with spaces."""
    words: list[str] = []
    used = 0
    while used + len(f"{prefix}{len(words)} ") <= size:
        words.append(f"{prefix}{len(words)}")
        used += len(words[-1]) + 1
    return whole(" ".join(words), size) if words else fit(" ", size)


# -- timing --------------------------------------------------------------------------------------
def _call(parse: Parse, text: str, refusals: tuple[type[Exception], ...]) -> None:
    # a refusal with a sentence is an answer too; anything else fails the test
    with contextlib.suppress(*refusals):
        parse(text)


def _per_call(call: Callable[[], None], number: int, repeats: int = REPEATS) -> float:
    return min(timeit.Timer(call).repeat(repeats, number)) / number


def _batch(call: Callable[[], None]) -> int:
    """How many calls make a batch of at least BATCH_SECONDS."""
    number = 1
    while timeit.Timer(call).timeit(number) < BATCH_SECONDS:
        number *= 2
    return number


def slowdown(
    parse: Parse, normal: str, hostile: str, refusals: tuple[type[Exception], ...]
) -> float:
    """How many times longer ``hostile`` takes to parse than ``normal``."""
    calm = partial(_call, parse, normal, refusals)
    bad = partial(_call, parse, hostile, refusals)
    calm_once = _per_call(calm, 1, repeats=2)  # the first call also warms any cache
    bad_once = _per_call(bad, 1, repeats=2)
    if bad_once > 3 * SLOWDOWN * calm_once:  # far too slow: timing it more would take long
        return bad_once / calm_once
    number = _batch(calm)
    bad_number = max(1, round(number * calm_once / bad_once))
    return _per_call(bad, bad_number) / _per_call(calm, number)


def assert_linear(
    parse: Parse,
    normal: Make,
    hostile: Make,
    longest: int,
    refusals: tuple[type[Exception], ...] = (DomainError,),
) -> None:
    """``hostile`` inputs of growing size, up to ``longest``, parse at most SLOWDOWN times
    slower than ``normal`` ones of the same size."""
    size = min(FIRST_SIZE, longest)
    while True:
        calm, bad = normal(size), hostile(size)
        assert len(calm) == len(bad) == size, (len(calm), len(bad), size)
        ratio = slowdown(parse, calm, bad, refusals)
        assert ratio <= SLOWDOWN, (
            f"{ratio:.0f} times slower than a normal input at {size} characters: {bad[:60]!r}"
        )
        if size == longest:
            return
        size = min(size * GROWTH, longest)


# -- call scripts --------------------------------------------------------------------------------
SCRIPT_PART = "Hi, I'm {caller_name} from {city}. [[house]]Call {lawmaker}.[[/house]]\n"


def normal_script(size: int) -> str:
    """A valid script of ``size`` characters: fill-ins, sections and text."""
    parts = SCRIPT_PART * (size // len(SCRIPT_PART))
    return parts + fit("Thanks. ", size - len(parts))


def thirds(size: int) -> str:
    """'[[', blanks, '/', blanks, a name, blanks, and no ']]': every way to share the blanks."""
    third = (size - 9) // 3
    blanks = fit(" \t", third)
    return fit("[[" + blanks + "/" + blanks + "house" + blanks + "x", size)


HOSTILE_SCRIPTS: dict[str, Make] = {
    "an unclosed tag of blanks (the reported freeze)": middle("[[", " ", "x"),
    "blanks around a closing tag's name": thirds,
    "an unclosed tag after a long indent": middle("\n", " ", "[[house"),
    "a tag alone on its line but for the last character": middle("a\n[[house]]", " ", "x"),
    "literal braces": partial(fit, "{{}}"),
    "an unclosed fill-in": middle("{", "a", ""),
    "an unknown long fill-in": middle("{", "a", "}"),
    "an unknown long section": middle("[[", "h", "]]"),
    "section openings": partial(fit, "[["),
    "single brackets": partial(fit, "[a"),
    "a line of blanks (the renderer's tidying)": middle("a\n", " \t", "b"),
    "fill-ins only": partial(whole, "{city}"),
}


@pytest.mark.parametrize("hostile", list(HOSTILE_SCRIPTS.values()), ids=list(HOSTILE_SCRIPTS))
def test_call_scripts_parse_in_linear_time(hostile: Make) -> None:
    """A script, read and rendered as when a campaign is saved, up to the longest allowed."""
    assert_linear(check_script, normal_script, hostile, SCRIPT_MAX)


# -- command lines -------------------------------------------------------------------------------
REGISTRY = Registry()
REGISTRY.add(SampleCog())


def command_line(line: str) -> None:
    spec, words = parse_command_line(REGISTRY, line)
    bind_words(spec, words, OPTION_MAX)


@pytest.mark.parametrize(
    "hostile",
    [
        partial(fit, "a"),
        middle("/echo 1 '", "a", ""),
        middle("/echo 1 ", "\\", ""),
        middle("/echo 1 ", "''", ""),
        middle("/echo 1 ", "\"'", ""),
        middle("/", "x", ""),  # an unknown command, matched against every name
        middle("/echo 1 ", "text:", ""),
    ],
    ids=[
        "one word",
        "an open quote",
        "backslashes",
        "empty quotes",
        "mixed quotes",
        "unknown",
        "colons",
    ],
)
def test_command_lines_parse_in_linear_time(hostile: Make) -> None:
    assert_linear(
        command_line, partial(around, "/echo 2 no ", "say 'hi there' ", ""), hostile, LINE
    )


# -- periods, targets, ZIP codes, slugs, outcomes, notes, durations -------------------------------
CASES: dict[str, tuple[Parse, Make, Make, int]] = {
    "period: digits then blanks": (
        partial(parse_period, today=TODAY),
        partial(around, "", " ", "2026-01-01..2026-01-31"),
        middle("1", " ", "x"),
        LINE,
    ),
    "period: dots": (
        partial(parse_period, today=TODAY),
        partial(around, "", " ", "2026-01-01..2026-01-31"),
        middle("2026-01-01", ".", ""),
        LINE,
    ),
    "period: digits": (
        partial(parse_period, today=TODAY),
        partial(around, "", " ", "30 days"),
        middle("", "1", "d"),
        LINE,
    ),
    "targets: all different": (
        parse_targets,
        partial(whole, "mine house senate leaders:HSWM? "),
        partial(distinct_words, "member:A"),
        LINE,
    ),
    "targets: separators": (
        parse_targets,
        partial(whole, "mine house senate leaders:HSWM? "),
        partial(fit, ", "),
        LINE,
    ),
    "targets: by stance": (
        parse_targets,
        partial(whole, "undecided:HSWM committee:SSFI? "),
        partial(distinct_words, "undecided:A"),
        LINE,
    ),
    "stance: accents": (
        parse_stance,
        partial(around, "", " ", "en contra"),
        partial(fit, "é "),
        LINE,
    ),
    "stance and its note": (
        partial(split_stance, "a"),
        partial(around, "favor ", "staffer said yes ", ""),
        partial(fit, "favor "),
        LINE,
    ),
    "stances filters": (
        lambda text: parse_filters(text, "undecided", "HSWM"),
        partial(around, "", " ", "irs-data-privacy"),
        middle("committee", ":", ""),
        LINE,
    ),
    "ZIP code: digits": (parse_zip, partial(around, "", " ", "02134"), partial(fit, "1"), LINE),
    "ZIP code: dashes": (parse_zip, partial(around, "", " ", "02134"), partial(fit, "0-"), LINE),
    "slug": (check_slug, partial(around, "", " ", "irs-privacy"), partial(fit, "a-"), LINE),
    "slug from a title": (
        slug_from_title,
        partial(fit, "Protect taxpayer privacy! "),
        partial(fit, "é!-"),
        LINE,
    ),
    "outcome label": (
        partial(check_outcome, "wrote"),
        partial(fit, "Sent a letter "),
        partial(fit, " \t\n"),
        LINE,
    ),
    "campaign day": (
        partial(parse_day, today=TODAY),
        partial(around, "", " ", "2026-05-01"),
        partial(fit, "2026-"),
        LINE,
    ),
    "goal": (parse_goal, middle("", "0", "1,000"), partial(fit, "1"), FORM_MAX),
    "campaign title": (
        lambda title: check_text({"title": title, "script": "Hi."}, TextLimits()),
        partial(fit, "Protect taxpayer privacy "),
        partial(fit, " \t\u3000\n"),
        FORM_MAX,
    ),
    "note": (clean_note, partial(fit, "undecided "), partial(fit, "\x00\u200b \u2028"), FORM_MAX),
    "street address: blanks and line separators": (
        address_text,
        partial(fit, "1 Main Street, Springfield, IL 62701 "),
        partial(fit, " \t\u2028\r\n\u3000"),
        FORM_MAX,
    ),
    "clock duration: digits": (parse_duration, partial(whole, "1h"), partial(fit, "1"), LINE),
    "clock duration: one huge number": (
        parse_duration,
        partial(whole, "1h"),
        middle("", "9", "d"),
        LINE,
    ),
    "channel mention (schedules)": (
        partial(schedule_channel, here="1"),
        middle("<#", "1", ">"),
        middle("<#", "a", ""),
        LINE,
    ),
    "channel mention with a name (schedules)": (
        partial(schedule_channel, here="1"),
        middle("<#", "1", ">"),
        middle("<#a|", ">", "x"),
        LINE,
    ),
    "discord shard ids (a setting)": (
        partial(parse_shard_ids, count=100_000),
        partial(fit, "0-99999"),
        partial(fit, " 1 -"),
        LINE,
    ),
    "channel mention (prompts)": (
        prompt_channel,
        middle("<#", "1", ">"),
        middle("<#", "a", ""),
        LINE,
    ),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_typed_values_parse_in_linear_time(case: tuple[Parse, Make, Make, int]) -> None:
    parse, normal, hostile, longest = case
    assert_linear(parse, normal, hostile, longest)


# -- schedules and reminders ---------------------------------------------------------------------
WHEN = partial(around, "", "mon tue wed ", "09:00 America/Chicago")

WHEN_CASES: dict[str, tuple[Parse, Make, Make]] = {
    "when: am after am": (parse_when, WHEN, middle("9", " am", "")),
    "when: commas": (parse_when, WHEN, middle("", ",", " 9:00")),
    "when: day ranges": (parse_when, WHEN, middle("", "mon-", " 9:00")),
    "when: a zone of many parts": (parse_when, WHEN, middle("9:00 a", "/a", "")),
    "when: a cron list": (parse_when, WHEN, middle("cron ", "1,", "1 * * * *")),
    "when: small words": (parse_when, WHEN, middle("", "at ", "9")),
    "when: dates": (parse_when, WHEN, middle("9:00 ", "from 2026-01-01 ", "")),
    "when and where": (
        partial(split_where_when, channel_first=True),
        partial(around, "#ops ", "mon tue ", "09:00"),
        middle("", "9 am ", ""),
    ),
    "where and when": (
        partial(split_where_when, channel_first=False),
        partial(around, "", "mon tue ", "09:00 #ops"),
        middle("", "at ", "x"),
    ),
    "a when word": (is_when_word, middle("", "a", ""), middle("a", "/a", "")),
    "a when word of days": (is_when_word, middle("", "a", ""), partial(fit, "mon-")),
    "a time": (parse_time, middle("9", " ", "am"), middle("9", " ", "x")),
    "a time zone": (check_zone, partial(around, "", " ", "America/Chicago"), middle("a", "/a", "")),
    "a time zone of dots": (
        check_zone,
        partial(around, "", " ", "America/Chicago"),
        middle("a", ".a", "/x"),
    ),
    "a long time zone": (
        check_zone,
        partial(around, "", " ", "America/Chicago"),
        partial(fit, "a"),
    ),
    "reminder words": (
        lambda text: sort_words(text, "", ""),
        partial(around, "9 am", " mon", ""),
        middle("9", " am", ""),
    ),
    "reminder days": (parse_days, partial(around, "", "weekdays ", ""), partial(fit, "mon-")),
}


@pytest.mark.parametrize("case", list(WHEN_CASES.values()), ids=list(WHEN_CASES))
def test_schedule_and_reminder_words_parse_in_linear_time(case: tuple[Parse, Make, Make]) -> None:
    parse, normal, hostile = case
    assert_linear(parse, normal, hostile, LINE)


# -- emoji ---------------------------------------------------------------------------------------
THUMB, TONE = "\U0001f44d", "\U0001f3fd"
EMOJI_CASES: dict[str, tuple[Parse, Make]] = {
    "skin tones": (normalize, middle(THUMB, TONE, "")),
    "a long short name": (normalize, middle(":man", "-man", ":")),
    "selectors": (normalize, partial(fit, "\ufe0f\ufe0e")),
    "an outcome label's emoji": (split_emoji, middle(THUMB, TONE, " Sent a letter")),
    "a standard emoji": (standard_emoji, middle(":male", "-", ":")),
}


@pytest.mark.parametrize("case", list(EMOJI_CASES.values()), ids=list(EMOJI_CASES))
def test_emoji_parse_in_linear_time(case: tuple[Parse, Make]) -> None:
    parse, hostile = case
    assert_linear(parse, partial(fit, f"{THUMB}{TONE} \U0001f4de "), hostile, LINE)


# -- text shown to people: mentions and Slack's markup -------------------------------------------
def normal_markdown(size: int) -> str:
    return fit("Call **now**, *please* ~~later~~: [the site](https://example.org/a) ", size)


MARKUP: dict[str, Make] = {
    "brackets": partial(fit, "["),
    "bracket words": partial(fit, "[a"),
    "an unfinished label": middle("[", "a", "]"),
    "an unfinished link": middle("[a](https://", "x", ""),
    "bold": partial(fit, "**a"),
    "italics": partial(fit, "*a "),
    "strike": partial(fit, "~~a"),
    "fake mentions": partial(fit, "\ufdd0" + "0" * 16),
}
PLAIN = ("brackets", "an unfinished label", "an unfinished link", "bold")  # what plain() reads


@pytest.mark.parametrize(
    ("render", "hostile"),
    [(formatted, MARKUP[name]) for name in MARKUP] + [(plain, MARKUP[name]) for name in PLAIN],
    ids=[f"mrkdwn: {name}" for name in MARKUP] + [f"plain: {name}" for name in PLAIN],
)
def test_slack_markup_is_read_in_linear_time(render: Parse, hostile: Make) -> None:
    """Text people wrote (a script, a background, a note) as Slack shows it."""
    assert_linear(render, normal_markdown, hostile, SHOWN_MAX)


def test_mentions_are_found_in_linear_time() -> None:
    marker = mention("U1234567")
    assert_linear(
        mention_parts,
        partial(around, "", f"{marker} said hi ", ""),
        partial(fit, "\ufdd0" + "0" * 16),
        SHOWN_MAX,
    )


# -- lawmakers and committees by name ------------------------------------------------------------
@pytest.fixture(scope="module")
def directory(full_data_dir: Path) -> Directory:
    return DirectoryStore(full_data_dir).current()


SEARCHES = {
    "a lawmaker": lambda d: d.find_by_name,
    "lawmakers to suggest": lambda d: d.names_matching,
    "a committee": lambda d: d.committee,
    "committees to suggest": lambda d: d.committees_matching,
}


@pytest.mark.parametrize(
    "hostile",
    [partial(fit, "a "), partial(distinct_words, "w"), partial(fit, "senate ")],
    ids=["one letter again and again", "all different words", "one word again and again"],
)
@pytest.mark.parametrize("search", list(SEARCHES.values()), ids=list(SEARCHES))
def test_names_are_searched_in_linear_time(
    directory: Directory, search: Callable[[Directory], Parse], hostile: Make
) -> None:
    """A name as typed in /lawmaker or /committee (an option with no limit of its own)."""
    assert_linear(
        search(directory), partial(around, "", " ", "Bernard Sanders"), hostile, OPTION_MAX
    )
