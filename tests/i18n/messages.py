"""The messages the code marks for translation (``t(...)``, ``tn(...)``), read from the source
with Babel's extractor, and the catalogs kept in step with them.

    .venv/bin/python -m tests.i18n.messages   # (make messages) add new messages to each .po
    .venv/bin/python -m tests.i18n.messages --words es words.json ...   # and fill in words

A words file is JSON: {"English message": "its words"}, or for a message with a plural a list
of the language's forms (Spanish: one, many, other). Words given replace the catalog's.

Besides ``t``/``tn``, what cogs declare is read as messages too (``bot.cogkit``): a command's
help (``@command(name, help)``), an option's description (``Opt(help)``), an option's ``label``,
a command's ``refused`` hint, and a cog's ``description`` and ``stores`` class attributes. Babel
reads the positional ones (:data:`KEYWORDS`); keyword arguments and class attributes, which its
extractor cannot name, are read from the syntax tree (:func:`declared`).

A new message lands in each catalog with an empty translation (the catalog test then fails
until it is written); a message no longer in the code leaves the catalogs.
"""

from __future__ import annotations

import ast
import json
import string
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.i18n.languages import ENGLISH, LANGUAGES
from bot.i18n.translator import DOMAIN

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("bot", "cogs")
# bot.domain.text's two markers, then what bot.cogkit declares: @command(name, help), Opt(help)
KEYWORDS = {"t": None, "tn": (1, 2), "command": (2,), "Opt": (1,)}
DECLARED_KEYWORDS = {"Opt": ("label",), "command": ("refused",)}  # keyword arguments: messages
COG_ATTRIBUTES = ("description", "stores")  # a Cog subclass's class attributes: messages
LOCALE_DIR = ROOT / "bot" / "resources" / "locale"


@cache
def extracted() -> tuple[tuple[str, int, str | tuple[str, str]], ...]:
    """(file, line, message or (singular, plural)) for every marked message (read once)."""
    return tuple(_extracted())


def marked_in(*sources: str) -> list[str | tuple[str, str]]:
    """The messages marked in the files whose paths start with one of ``sources``."""
    return [message for path, _, message in extracted() if path.startswith(sources)]


def literals(message: str | tuple[str, ...]) -> Iterator[str]:
    """The fixed English text of a message (each form's runs between its placeholders): what
    a test looks for in a reply that should hold none of it."""
    for text in message if isinstance(message, tuple) else (message,):
        for literal, *_ in string.Formatter().parse(text):
            yield literal


def _extracted() -> Iterator[tuple[str, int, str | tuple[str, str]]]:
    for source in SOURCES:
        for filename, line, message, _comments, _context in extract_from_dir(
            ROOT / source,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=(),
            strip_comment_tags=True,
        ):
            yield f"{source}/{filename}", line, message
    yield from declared()


def declared() -> Iterator[tuple[str, int, str]]:
    """(file, line, message) for each message a cog declares where Babel cannot see it: an
    ``Opt(label=...)``, a ``command(refused=...)``, a Cog's ``description`` and ``stores``."""
    for source in SOURCES:
        for path in sorted((ROOT / source).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                for value in declared_nodes(node):
                    if (
                        isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                        and value.value
                    ):
                        yield name, value.lineno, value.value


def declared_nodes(node: ast.AST) -> Iterator[ast.expr]:
    """The expressions of ``node`` that hold a declared message (literal or not: the catalog
    test refuses the ones that are not)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        wanted = DECLARED_KEYWORDS.get(node.func.id, ())
        yield from (k.value for k in node.keywords if k.arg in wanted)
    elif isinstance(node, ast.ClassDef) and any(
        isinstance(base, ast.Name) and base.id == "Cog" for base in node.bases
    ):
        for statement in node.body:
            if isinstance(statement, ast.Assign):
                targets = statement.targets
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                targets = [statement.target]
            else:
                continue
            if any(isinstance(t, ast.Name) and t.id in COG_ATTRIBUTES for t in targets):
                assert statement.value is not None
                yield statement.value


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(code: str) -> Catalog:
    with catalog_path(code).open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


def update(code: str, words: dict[str, Any] | None = None) -> tuple[int, int]:
    """Add the code's new messages to the language's catalog and drop the gone ones, with
    ``words`` (message -> its words) filled in; returns (added, dropped)."""
    words = words or {}
    path = catalog_path(code)
    old = read(code) if path.exists() else Catalog(locale=code, domain=DOMAIN)
    new = Catalog(
        locale=code,
        domain=DOMAIN,
        project="organizer-bot",
        version="",
        copyright_holder="the organizer-bot developers",
        msgid_bugs_address="",
        last_translator="the organizer-bot developers",
        language_team=f"{LANGUAGES[code]} <>",
        header_comment=f"# {LANGUAGES[code]} words of organizer-bot (tests/i18n/messages.py).",
        fuzzy=False,
        creation_date=old.creation_date,  # unchanged dates: a diff shows only the words
        revision_date=old.revision_date,
    )
    seen: set[str] = set()
    added = 0
    for filename, line, message in extracted():
        key = _key(message)
        if key in seen:
            new[key].locations.append((filename, line))
            continue
        seen.add(key)
        kept = old.get(key)
        string = (
            kept.string
            if kept is not None
            else ("",) * new.num_plurals
            if isinstance(message, tuple)
            else ""
        )
        if key in words:
            given = words[key]
            string = tuple(given) if isinstance(given, list) else given
        added += kept is None
        new.add(message, string, locations=[(filename, line)])
    dropped = sum(
        1 for m in old if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in seen
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, new, width=100, omit_header=False, sort_output=False)
    return added, dropped


def _key(message: str | tuple[str, ...]) -> str:
    return message[0] if isinstance(message, tuple) else message


def main(argv: list[str]) -> int:
    words: dict[str, dict[str, Any]] = {}
    if argv[:1] == ["--words"]:
        code, files = argv[1], argv[2:]
        words[code] = {}
        for name in files:
            words[code].update(json.loads(Path(name).read_text(encoding="utf-8")))
    for code in LANGUAGES:
        if code != ENGLISH:
            added, dropped = update(code, words.get(code))
            print(f"{catalog_path(code).relative_to(ROOT)}: {added} new, {dropped} dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
