"""Sentences kept in the database and read later, maybe in another language (issue 18).

A schedule's notice, why a dispatch stopped or failed, why a message could not be delivered:
these are written when something happens and shown later, to whoever reads them then (an
organizer's /schedule list, the digest). So a row keeps the message and its values, not the
English sentence: :func:`keep` writes a :class:`Text` as JSON in the same TEXT column, and
:func:`kept` reads it back for a translator to render in the reader's language.

    {"t": "The {slug} prompt due {when} ...", "v": {"slug": "irs", "when": {"at": ..., ...}}}

A plural message adds ``"p"`` (the plural) and ``"n"`` (the count). Values are what a Text
carries: strings and numbers as they are, a Text as its own object, days, times and moments
(:class:`~bot.i18n.when_words.At`, :class:`~bot.i18n.when_words.Every`) by their ISO form,
a name from the lawmaker data (:class:`~bot.domain.data_names.DataName`) by its id and English
and a lawmaker (:class:`~bot.domain.data_names.LawmakerLabel`) by their title's message;
anything else as its English words. Rows written before (a plain English sentence), or a value
that no longer reads, are shown as written. Nothing is kept beyond what the English sentence
held: the same values, in a form that can be translated.
"""

from __future__ import annotations

import json
import string
from datetime import date, datetime, time
from typing import Any

from bot.domain.data_names import DataName, LawmakerLabel
from bot.domain.errors import DomainError
from bot.domain.recurrence import parse_recurrence
from bot.domain.text import Text
from bot.i18n.when_words import At, Every

_MARK = '{"t":'  # how a kept Text begins; an English sentence never does


def keep(text: Text | str | None) -> str | None:
    """The row's text: a Text as JSON, a plain string as it is (already words), None as None."""
    if text is None or isinstance(text, str):
        return text
    return json.dumps(_text(text), ensure_ascii=False, separators=(",", ":"))


def kept(stored: str | None) -> Text | str | None:
    """What :func:`keep` wrote: a Text again, or the row's words as written (older rows)."""
    if stored is None or not stored.startswith(_MARK):
        return stored
    try:
        return _read_text(json.loads(stored))
    except (ValueError, TypeError, KeyError, AttributeError, DomainError):
        return stored


def kept_error(error: DomainError) -> str:
    """A domain error's sentence as a row keeps it (its Text when it has one)."""
    return keep(error.text or error.message) or ""


def _text(text: Text) -> dict[str, Any]:
    found: dict[str, Any] = {"t": text.message}
    if text.plural is not None:
        found["p"] = text.plural
        found["n"] = text.count
    if text.values:
        found["v"] = {name: _value(value) for name, value in text.values}
    return found


def _value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Text):
        return _text(value)
    if isinstance(value, At):
        return {"at": value.when.isoformat(), "zone": value.zone}
    if isinstance(value, Every):
        return {"every": value.rule.text}
    if isinstance(value, DataName):
        return {"name": _name(value)}
    if isinstance(value, LawmakerLabel):
        return {"lawmaker": [value.english, value.heading, value.name, value.tag]}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    return str(value)  # a value of another kind: its English words


def _name(name: DataName) -> list[Any]:
    parent = None if name.parent is None else _name(name.parent)
    return [name.domain, name.key, name.english, parent]


def _read_name(found: list[Any]) -> DataName:
    domain, key, english, parent = found
    return DataName(
        str(domain), str(key), str(english), None if parent is None else _read_name(parent)
    )


def _read_text(found: dict[str, Any]) -> Text:
    values = tuple((name, _read_value(v)) for name, v in (found.get("v") or {}).items())
    message, plural, count = str(found["t"]), found.get("p"), found.get("n")
    if plural is not None and not isinstance(count, int):
        raise ValueError("a plural message without its count")
    given = {name for name, _ in values}
    for text in (message, plural or ""):  # a value missing would fail when it is shown
        if not {name for _, name, _, _ in string.Formatter().parse(text) if name} <= given:
            raise ValueError("a kept message without all its values")
    return Text(message, values, None if plural is None else str(plural), count)


def _read_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "t" in value:
        return _read_text(value)
    if "at" in value:
        return At(datetime.fromisoformat(value["at"]), str(value["zone"]))
    if "every" in value:
        return Every(parse_recurrence(value["every"]))
    if "name" in value:
        return _read_name(value["name"])
    if "lawmaker" in value:
        english, heading, name, tag = value["lawmaker"]
        return LawmakerLabel(str(english), str(heading), str(name), str(tag))
    if "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    if "date" in value:
        return date.fromisoformat(value["date"])
    if "time" in value:
        return time.fromisoformat(value["time"])
    raise ValueError(f"an unknown kind of value: {sorted(value)}")
