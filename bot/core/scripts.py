"""Call-script templates: markdown with fill-ins and chamber / voicemail sections.

Syntax (checked when a campaign is saved, with the line and column of any mistake):

- fill-ins: ``{caller_name}``, ``{lawmaker_title}`` ("Senator", "Representative"),
  ``{lawmaker_name}`` (full name), ``{lawmaker_last_name}``, ``{lawmaker}`` ("Senator Sanders"),
  ``{city}``, ``{state}``, ``{zip}``; ``{{`` and ``}}`` write a literal brace;
- sections: ``[[house]]...[[/house]]`` and ``[[senate]]...[[/senate]]`` show only when calling
  that chamber; ``[[voicemail]]...[[/voicemail]]`` is what to say to an answering machine.

A valid template always renders: a fill-in with no value reads naturally ("your city").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bot.core.errors import InvalidInput

Chamber = Literal["house", "senate"]

# Every fill-in, and what it reads as when there is no value. The bot never learns a caller's
# name, so {caller_name} always shows as a placeholder the caller reads as their own name.
FILL_INS: dict[str, str] = {
    "caller_name": "[your name]",
    "lawmaker_title": "",
    "lawmaker_name": "your lawmaker",
    "lawmaker_last_name": "your lawmaker",
    "lawmaker": "your lawmaker",
    "city": "your city",
    "state": "your state",
    "zip": "your ZIP code",
}
SECTIONS = ("house", "senate", "voicemail")
CHAMBER_SECTIONS = ("house", "senate")

_TOKEN = re.compile(
    r"(?P<open_lit>\{\{)"
    r"|(?P<close_lit>\}\})"
    r"|\{(?P<fill>[^{}\n]*)\}"
    r"|(?P<open>\{)"
    r"|(?P<close>\})"
    r"|(?P<line_tag>(?<![^\n])[ \t]*\[\[[ \t]*(?P<lt_end>/?)[ \t]*"
    r"(?P<lt_name>[^\[\]\n]*?)[ \t]*\]\][ \t]*(?:\n|\Z))"
    r"|\[\[[ \t]*(?P<t_end>/?)[ \t]*(?P<t_name>[^\[\]\n]*?)[ \t]*\]\]"
    r"|(?P<tag_open>\[\[)"
)
_SPACES = re.compile(r"(?<=\S)[ \t]{2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+\n")
_HINT = (
    "Fill-ins: "
    + ", ".join(f"{{{name}}}" for name in FILL_INS)
    + ". Sections: [[house]], [[senate]], [[voicemail]], each closed like [[/house]]. "
    "Write {{ or }} for a literal brace."
)


class ScriptError(InvalidInput):
    """A template mistake, with where it is (1-based line and column)."""

    def __init__(self, problem: str, line: int, column: int) -> None:
        super().__init__(f"The script has {problem} at line {line}, column {column}. {_HINT}")
        self.problem = problem
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class _Text:
    text: str


@dataclass(frozen=True, slots=True)
class _Fill:
    name: str


@dataclass(frozen=True, slots=True)
class _Section:
    kind: str
    children: tuple[_Node, ...]


_Node = _Text | _Fill | _Section


@dataclass(frozen=True, slots=True)
class RenderedScript:
    """What to say to a person, and what to say to an answering machine ("" when none)."""

    text: str
    voicemail: str


@dataclass(frozen=True, slots=True)
class ScriptTemplate:
    """A parsed, valid template. Build with :meth:`parse`."""

    source: str
    nodes: tuple[_Node, ...]

    @classmethod
    def parse(cls, source: str) -> ScriptTemplate:
        """Check and parse ``source``; raise :class:`ScriptError` naming the first mistake."""
        return cls(source, _Parser(source).parse())

    @property
    def has_voicemail(self) -> bool:
        return _contains(self.nodes, "voicemail")

    @property
    def fill_ins(self) -> frozenset[str]:
        return frozenset(_fills(self.nodes))

    def render(
        self, values: Mapping[str, str | None] | None = None, chamber: Chamber | None = None
    ) -> RenderedScript:
        """Fill in ``values`` (missing or blank ones read naturally) for a chamber (or none)."""
        filled = {
            name: (str(values.get(name) or "").strip() if values else "") or fallback
            for name, fallback in FILL_INS.items()
        }
        main: list[str] = []
        voicemail: list[list[str]] = []
        _walk(self.nodes, filled, chamber, main, voicemail, in_voicemail=False)
        return RenderedScript(
            text=_tidy("".join(main)),
            voicemail=_tidy("\n\n".join("".join(part) for part in voicemail)),
        )


def check_script(source: str) -> ScriptTemplate:
    """Parse ``source`` and require something to say outside the voicemail section."""
    template = ScriptTemplate.parse(source)
    if not any(template.render(chamber=c).text for c in (None, *CHAMBER_SECTIONS)):
        raise InvalidInput("The script has nothing to say outside its voicemail section.")
    return template


def _walk(
    nodes: tuple[_Node, ...],
    values: Mapping[str, str],
    chamber: Chamber | None,
    main: list[str],
    voicemail: list[list[str]],
    in_voicemail: bool,
) -> None:
    out = voicemail[-1] if in_voicemail else main
    for node in nodes:
        if isinstance(node, _Text):
            out.append(node.text)
        elif isinstance(node, _Fill):
            out.append(values[node.name])
        elif node.kind == "voicemail":
            voicemail.append([])
            _walk(node.children, values, chamber, main, voicemail, in_voicemail=True)
        elif node.kind == chamber:
            _walk(node.children, values, chamber, main, voicemail, in_voicemail)


def _tidy(text: str) -> str:
    """Close gaps left by empty fill-ins and removed sections."""
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _contains(nodes: tuple[_Node, ...], kind: str) -> bool:
    return any(
        isinstance(n, _Section) and (n.kind == kind or _contains(n.children, kind)) for n in nodes
    )


def _fills(nodes: tuple[_Node, ...]) -> list[str]:
    found: list[str] = []
    for node in nodes:
        if isinstance(node, _Fill):
            found.append(node.name)
        elif isinstance(node, _Section):
            found.extend(_fills(node.children))
    return found


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source

    def parse(self) -> tuple[_Node, ...]:
        # Each open section: (kind, position of its tag, its children so far).
        stack: list[tuple[str, int, list[_Node]]] = [("", 0, [])]
        pos = 0
        for match in _TOKEN.finditer(self.source):
            if match.start() > pos:
                self._text(stack[-1][2], self.source[pos : match.start()])
            pos = match.end()
            self._token(match, stack)
        if pos < len(self.source):
            self._text(stack[-1][2], self.source[pos:])
        if len(stack) > 1:
            kind, at, _ = stack[-1]
            raise self._error(f"a [[{kind}]] section that is never closed (add [[/{kind}]])", at)
        return tuple(stack[0][2])

    def _token(self, match: re.Match[str], stack: list[tuple[str, int, list[_Node]]]) -> None:
        children = stack[-1][2]
        at = match.start()
        if match["open_lit"]:
            self._text(children, "{")
        elif match["close_lit"]:
            self._text(children, "}")
        elif match["fill"] is not None:
            children.append(_Fill(self._fill_name(match["fill"], at)))
        elif match["open"]:
            raise self._error("a '{' that is not closed on its line", at)
        elif match["close"]:
            raise self._error("a '}' with no '{' before it", at)
        elif match["tag_open"]:
            raise self._error("a '[[' that is not closed with ']]'", at)
        else:
            line_tag = match["line_tag"] is not None
            end = match["lt_end"] if line_tag else match["t_end"]
            name = match["lt_name"] if line_tag else match["t_name"]
            tag_at = at + (len(match[0]) - len(match[0].lstrip(" \t")) if line_tag else 0)
            self._section(name.strip().lower(), bool(end), tag_at, stack)

    def _section(
        self, kind: str, closing: bool, at: int, stack: list[tuple[str, int, list[_Node]]]
    ) -> None:
        if kind not in SECTIONS:
            shown = kind[:30] or " "
            close = difflib.get_close_matches(kind, SECTIONS, n=1)
            hint = f" (did you mean [[{close[0]}]]?)" if close else ""
            raise self._error(f"an unknown section [[{shown}]]{hint}", at)
        if closing:
            if len(stack) == 1:
                raise self._error(f"a [[/{kind}]] with no [[{kind}]] before it", at)
            open_kind, open_at, children = stack.pop()
            if open_kind != kind:
                line, col = self._where(open_at)
                raise self._error(
                    f"a [[/{kind}]] where [[/{open_kind}]] was expected (the [[{open_kind}]] "
                    f"section opened at line {line}, column {col})",
                    at,
                )
            stack[-1][2].append(_Section(kind, tuple(children)))
            return
        open_kinds = {entry[0] for entry in stack[1:]}
        if kind in open_kinds:
            raise self._error(f"a [[{kind}]] section inside another [[{kind}]] section", at)
        if kind in CHAMBER_SECTIONS and open_kinds & set(CHAMBER_SECTIONS):
            other = next(iter(open_kinds & set(CHAMBER_SECTIONS)))
            raise self._error(
                f"a [[{kind}]] section inside a [[{other}]] section (it would never show)", at
            )
        stack.append((kind, at, []))

    def _fill_name(self, raw: str, at: int) -> str:
        name = raw.strip().lower()
        if name in FILL_INS:
            return name
        shown = raw.strip()[:30]
        if not shown:
            raise self._error("an empty fill-in {}", at)
        close = difflib.get_close_matches(name, FILL_INS, n=1)
        hint = f" (did you mean {{{close[0]}}}?)" if close else ""
        raise self._error(f"an unknown fill-in {{{shown}}}{hint}", at)

    @staticmethod
    def _text(children: list[_Node], text: str) -> None:
        if children and isinstance(children[-1], _Text):
            children[-1] = _Text(children[-1].text + text)
        else:
            children.append(_Text(text))

    def _where(self, at: int) -> tuple[int, int]:
        line = self.source.count("\n", 0, at) + 1
        column = at - (self.source.rfind("\n", 0, at) + 1) + 1
        return line, column

    def _error(self, problem: str, at: int) -> ScriptError:
        line, column = self._where(at)
        return ScriptError(problem, line, column)
