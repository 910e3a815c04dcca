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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from bot.domain.errors import InvalidInput
from bot.domain.text import Text, t
from bot.i18n.translator import Translator

Chamber = Literal["house", "senate"]

# Every fill-in, and what it reads as when there is no value. The bot never learns a caller's
# name, so {caller_name} always shows as a placeholder the caller reads as their own name.
# Each reads in the script's language (``render``'s words).
FILL_INS: dict[str, Text | str] = {
    "caller_name": t("[your name]"),
    "lawmaker_title": "",
    "lawmaker_name": t("your lawmaker"),
    "lawmaker_last_name": t("your lawmaker"),
    "lawmaker": t("your lawmaker"),
    "city": t("your city"),
    "state": t("your state"),
    "zip": t("your ZIP code"),
}
ENGLISH = Translator("en")
SECTIONS = ("house", "senate", "voicemail")
CHAMBER_SECTIONS = ("house", "senate")

# The scanner reads a template once, left to right, so any text parses in time linear in its
# length. Each pattern below is a single character class: it finds the next character that
# matters and can never backtrack.
_SPECIAL = re.compile(r"[{}\[]")  # where a token may start
_FILL_END = re.compile(r"[{}\n]")  # what ends a fill-in's name
_TAG_END = re.compile(r"[\[\]\n]")  # what ends a section tag's name
_BLANKS = " \t"
_BLANK_RUN = re.compile(r"[ \t]*")  # nothing follows it, so it never gives characters back
_SPACES = re.compile(r"(?<=\S)[ \t]{2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_HINT = t(
    "Fill-ins: {fill_ins}. Sections: {sections}, each closed like {closed}. Write {open} or "
    "{close} for a literal brace.",
    fill_ins=", ".join(f"{{{name}}}" for name in FILL_INS),
    sections="[[house]], [[senate]], [[voicemail]]",
    closed="[[/house]]",
    open="{{",
    close="}}",
)


class ScriptError(InvalidInput):
    """A template mistake, with where it is (1-based line and column)."""

    def __init__(self, problem: Text, line: int, column: int) -> None:
        super().__init__(
            t(
                "The script has {problem} at line {line}, column {column}. {hint}",
                problem=problem,
                line=line,
                column=column,
                hint=_HINT,
            )
        )
        self.problem = str(problem)
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
        self,
        values: Mapping[str, str | None] | None = None,
        chamber: Chamber | None = None,
        words: Translator = ENGLISH,
    ) -> RenderedScript:
        """Fill in ``values`` (missing or blank ones read naturally, in ``words``' language)
        for a chamber (or none)."""
        filled = {
            name: (str(values.get(name) or "").strip() if values else "") or words.render(fallback)
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
        raise InvalidInput(t("The script has nothing to say outside its voicemail section."))
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
    text = "\n".join(line.rstrip(_BLANKS) for line in text.split("\n"))
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


class _Token(NamedTuple):
    """One token: where it starts and ends and, for a fill-in or a section tag, its name."""

    kind: str  # open_lit, close_lit, fill, open, close, tag, tag_open
    start: int
    end: int
    name: str = ""
    closing: bool = False  # a section tag's '/'
    at: int = 0  # where a section tag's '[[' is (a tag alone on its line starts before it)


def _tokens(source: str) -> Iterator[_Token]:
    """The tokens of ``source`` in order; everything between them is text.

    ``{{`` and ``}}`` are literal braces, ``{name}`` a fill-in (on one line), any other brace
    a mistake; ``[[name]]`` or ``[[/name]]`` a section tag, which takes its whole line (with
    the blanks around it and the line break) when it stands alone on it; a ``[[`` that is not
    closed with ``]]`` before ``[``, ``]`` or a line break is a mistake.
    """
    end = 0  # where the last token ended
    looked = 0  # where to look for the next one
    while (found := _SPECIAL.search(source, looked)) is not None:
        at = found.start()
        char = source[at]
        if char == "[" and not source.startswith("[[", at):
            looked = at + 1
            continue
        if char == "[":
            token = _tag(source, at, end)
        elif source.startswith(char * 2, at):
            token = _Token("open_lit" if char == "{" else "close_lit", at, at + 2)
        elif char == "}":
            token = _Token("close", at, at + 1)
        else:
            stop = _FILL_END.search(source, at + 1)
            if stop is not None and source[stop.start()] == "}":
                token = _Token("fill", at, stop.end(), source[at + 1 : stop.start()])
            else:
                token = _Token("open", at, at + 1)
        yield token
        end = looked = token.end


def _tag(source: str, at: int, text_from: int) -> _Token:
    """The section tag whose ``[[`` is at ``at`` (text since the last token starts at
    ``text_from``), or a ``tag_open`` mistake when it is not closed."""
    name_at = _skip_blanks(source, at + 2)
    closing = source.startswith("/", name_at)
    stop = _TAG_END.search(source, name_at)
    if stop is None or not source.startswith("]]", stop.start()):
        return _Token("tag_open", at, at + 2)
    name = source[name_at + closing : stop.start()]
    end = stop.start() + 2
    line_start = at
    while line_start > text_from and source[line_start - 1] in _BLANKS:
        line_start -= 1
    if line_start == 0 or source[line_start - 1] == "\n":
        after = _skip_blanks(source, end)
        if after == len(source) or source[after] == "\n":
            return _Token("tag", line_start, min(after + 1, len(source)), name, closing, at)
    return _Token("tag", at, end, name, closing, at)


def _skip_blanks(source: str, at: int) -> int:
    found = _BLANK_RUN.match(source, at)
    return found.end() if found else at


# Each open section: (kind, position of its tag, its children so far).
_Stack = list[tuple[str, int, list[_Node]]]


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.text: list[str] = []  # text read since the last node, joined once

    def parse(self) -> tuple[_Node, ...]:
        stack: _Stack = [("", 0, [])]
        pos = 0
        for token in _tokens(self.source):
            if token.start > pos:
                self.text.append(self.source[pos : token.start])
            pos = token.end
            self._token(token, stack)
        if pos < len(self.source):
            self.text.append(self.source[pos:])
        self._flush(stack[-1][2])
        if len(stack) > 1:
            kind, at, _ = stack[-1]
            raise self._error(
                t(
                    "a {tag} section that is never closed (add {close})",
                    tag=f"[[{kind}]]",
                    close=f"[[/{kind}]]",
                ),
                at,
            )
        return tuple(stack[0][2])

    def _token(self, token: _Token, stack: _Stack) -> None:
        at = token.start
        if token.kind == "open_lit":
            self.text.append("{")
        elif token.kind == "close_lit":
            self.text.append("}")
        elif token.kind == "fill":
            name = self._fill_name(token.name, at)
            self._flush(stack[-1][2])
            stack[-1][2].append(_Fill(name))
        elif token.kind == "open":
            raise self._error(t("a {brace} that is not closed on its line", brace="'{'"), at)
        elif token.kind == "close":
            raise self._error(t("a {brace} with no {open} before it", brace="'}'", open="'{'"), at)
        elif token.kind == "tag_open":
            raise self._error(
                t("a {tag} that is not closed with {close}", tag="'[['", close="']]'"), at
            )
        else:
            self._section(token.name.strip().lower(), token.closing, token.at, stack)

    def _flush(self, children: list[_Node]) -> None:
        """Add the text read so far to ``children`` as one piece."""
        if self.text:
            children.append(_Text("".join(self.text)))
            self.text.clear()

    def _section(self, kind: str, closing: bool, at: int, stack: _Stack) -> None:
        if kind not in SECTIONS:
            shown = kind[:30] or " "
            close = difflib.get_close_matches(kind, SECTIONS, n=1)
            tag = f"[[{shown}]]"
            if close:
                raise self._error(
                    t(
                        "an unknown section {tag} (did you mean {close}?)",
                        tag=tag,
                        close=f"[[{close[0]}]]",
                    ),
                    at,
                )
            raise self._error(t("an unknown section {tag}", tag=tag), at)
        if closing:
            if len(stack) == 1:
                raise self._error(
                    t(
                        "a {close} with no {tag} before it",
                        close=f"[[/{kind}]]",
                        tag=f"[[{kind}]]",
                    ),
                    at,
                )
            self._flush(stack[-1][2])
            open_kind, open_at, children = stack.pop()
            if open_kind != kind:
                line, col = self._where(open_at)
                raise self._error(
                    t(
                        "a {close} where {expected} was expected (the {tag} section opened at "
                        "line {line}, column {column})",
                        close=f"[[/{kind}]]",
                        expected=f"[[/{open_kind}]]",
                        tag=f"[[{open_kind}]]",
                        line=line,
                        column=col,
                    ),
                    at,
                )
            stack[-1][2].append(_Section(kind, tuple(children)))
            return
        open_kinds = {entry[0] for entry in stack[1:]}
        if kind in open_kinds:
            raise self._error(
                t("a {tag} section inside another {tag} section", tag=f"[[{kind}]]"), at
            )
        if kind in CHAMBER_SECTIONS and open_kinds & set(CHAMBER_SECTIONS):
            other = next(iter(open_kinds & set(CHAMBER_SECTIONS)))
            raise self._error(
                t(
                    "a {tag} section inside a {other} section (it would never show)",
                    tag=f"[[{kind}]]",
                    other=f"[[{other}]]",
                ),
                at,
            )
        self._flush(stack[-1][2])
        stack.append((kind, at, []))

    def _fill_name(self, raw: str, at: int) -> str:
        name = raw.strip().lower()
        if name in FILL_INS:
            return name
        shown = raw.strip()[:30]
        if not shown:
            raise self._error(t("an empty fill-in {braces}", braces="{}"), at)
        close = difflib.get_close_matches(name, FILL_INS, n=1)
        fill = f"{{{shown}}}"
        if close:
            raise self._error(
                t(
                    "an unknown fill-in {fill} (did you mean {close}?)",
                    fill=fill,
                    close=f"{{{close[0]}}}",
                ),
                at,
            )
        raise self._error(t("an unknown fill-in {fill}", fill=fill), at)

    def _where(self, at: int) -> tuple[int, int]:
        line = self.source.count("\n", 0, at) + 1
        column = at - (self.source.rfind("\n", 0, at) + 1) + 1
        return line, column

    def _error(self, problem: Text, at: int) -> ScriptError:
        line, column = self._where(at)
        return ScriptError(problem, line, column)
