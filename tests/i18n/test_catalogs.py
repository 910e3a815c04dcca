"""Every message the code marks has its words in every language shipped, with the same
placeholders, and the catalogs hold nothing the code no longer says."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from bot.i18n.languages import ENGLISH, LANGUAGES

from .messages import ROOT, SOURCES, declared_nodes, extracted, read

SHIPPED = [code for code in LANGUAGES if code != ENGLISH]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture(scope="module")
def marked() -> dict[str, str | tuple[str, str]]:
    return {m[0] if isinstance(m, tuple) else m: m for _, _, m in extracted()}


@pytest.mark.parametrize("code", SHIPPED)
def test_every_message_has_its_words(code: str, marked: dict) -> None:
    catalog = read(code)
    missing, same, differ = [], [], []
    for key, message in marked.items():
        entry = catalog.get(key)
        forms = () if entry is None or entry.fuzzy else entry.string
        forms = (forms,) if isinstance(forms, str) else tuple(forms)
        if not forms or not all(forms):
            missing.append(key)
            continue
        english = message if isinstance(message, tuple) else (message,)
        if any(form in english for form in forms):
            same.append(key)
        wanted = set().union(*(placeholders(e) for e in english))
        if any(placeholders(form) != wanted for form in forms):
            differ.append(key)
    assert missing == [], f"no {code} words (make messages, then write them): {missing}"
    assert same == [], f"the {code} words are the English ones: {same}"
    assert differ == [], f"placeholders differ from the English: {differ}"


@pytest.mark.parametrize("code", SHIPPED)
def test_a_catalog_holds_only_what_the_code_says(code: str, marked: dict) -> None:
    gone = [
        m.id
        for m in read(code)
        if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in marked
    ]
    assert gone == [], f"no longer in the code (make messages drops them): {gone}"


# where each marker takes its messages: t(message), tn(singular, plural), and what cogs
# declare: @command(name, help), Opt(help) (their keyword messages: messages.declared_nodes)
MESSAGE_ARGUMENTS = {"t": (0,), "tn": (0, 1), "command": (1,), "Opt": (0,)}


def test_messages_are_marked_as_literals() -> None:
    """t() and tn() take their messages as written text, and so do what cogs declare (a
    command's help, an option's description and label, a refusal's hint, a cog's description
    and what it stores): a message built at run time could not be in a catalog, so it would
    stay English."""
    found = []
    for source in SOURCES:
        for path in sorted((ROOT / source).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                where = f"{Path(path).relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
                if any(not literal(value) for value in declared_nodes(node)):
                    found.append(where)
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                wanted = MESSAGE_ARGUMENTS.get(node.func.id)
                if wanted is None:
                    continue
                if len(node.args) <= max(wanted) or not all(literal(node.args[i]) for i in wanted):
                    found.append(where)
    assert found == []


def literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)
