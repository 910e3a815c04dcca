"""A neutral Form asked in the terminal, one question per field.

A one-line field takes the next line. A long field takes lines until one holding only "."; a
first line holding only "-" answers it at once. "-" keeps the field's current text (or skips an
optional field that has none). A line that starts with "//" is text that starts with "/"; which
other "/" lines are commands is the host's rule (`OpenForm.is_command`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.domain.text import Text, t
from bot.i18n.translator import Translator
from bot.messages import Form, FormField

KEEP = "-"
END = "."
ESCAPE = "//"
INDENT = "  "  # a question and its problems, under the form's first line

# The console's own words around a form, in the reader's language (the cog wrote the form's).
OPENED = t("{title} (answer each question; /cancel to stop)")
CANCELLED = t("Form cancelled; nothing was saved.")
CANCELLED_IN_TEXT = t(
    'Form cancelled; nothing was saved. (To start a line of text with "/", write "//".)'
)
REQUIRED = t("{label} is required.")
TOO_LONG = t("That is {length} characters; the limit is {limit}.")
QUESTION = "{label} ({notes}):"  # the words are the label's and the notes'
NOTE_REQUIRED = t("required")
NOTE_OPTIONAL = t("optional")
NOTE_LINES = t('several lines; end with a line holding only "."')
NOTE_KEEPS = t("- keeps: {current}")
NOTE_SKIPS = t("- to skip")
NOTE_LONG_KEEPS = t('a line holding only "-" keeps: {current}')
NOTE_LONG_SKIPS = t('a line holding only "-" skips it')
SHOWN_DEFAULT = 40


@dataclass
class OpenForm:
    """A form being filled in, and the channel where it was opened (its answer goes there);
    ``words``: the language of the person filling it in."""

    form: Form
    channel: str
    words: Translator
    answers: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the long field's text so far

    @property
    def current(self) -> FormField:
        return self.form.fields[len(self.answers)]

    @property
    def done(self) -> bool:
        return len(self.answers) == len(self.form.fields)

    def opening(self) -> list[str]:
        return [self.words.render(OPENED.with_values(title=self.form.title)), self.question()]

    def question(self) -> str:
        asked = self.current
        notes = [NOTE_REQUIRED if asked.required else NOTE_OPTIONAL]
        if asked.long:
            notes.append(NOTE_LINES)
        current = asked.default[:SHOWN_DEFAULT]
        if asked.default:
            keeps = NOTE_LONG_KEEPS if asked.long else NOTE_KEEPS
            notes.append(keeps.with_values(current=current))
        elif not asked.required:
            notes.append(NOTE_LONG_SKIPS if asked.long else NOTE_SKIPS)
        said = "; ".join(self.words.render(note) for note in notes)
        return INDENT + QUESTION.format(label=asked.label, notes=said)

    def cancelled(self) -> str:
        """The line saying the form is gone; in long text, how to write a "/" line instead."""
        return self.words.render(CANCELLED_IN_TEXT if self.current.long else CANCELLED)

    def is_command(self, line: str, known: Callable[[str], bool]) -> bool:
        """Whether ``line`` is a command that closes the form rather than an answer.

        At a one-line question every line starting with "/" is a command (no answer starts
        with "/"). In long text only a line whose first word ``known`` names a command is one,
        so "/2 of them" stays text; "//" writes a line of text that starts with "/".
        """
        text = line.strip()
        if not text.startswith("/") or text.startswith(ESCAPE):
            return False
        if not self.current.long:
            return True
        words = text[1:].split(maxsplit=1)
        return bool(words) and known(words[0].lower())

    def take(self, line: str) -> list[str]:
        """Take one line of answer; the lines to show next (a problem, the next question)."""
        asked = self.current
        stripped = line.strip()
        if asked.long:
            if stripped == KEEP and not self.lines:
                text = KEEP
            elif stripped != END:
                self.lines.append(_unescaped(line))
                return []
            else:
                text = "\n".join(self.lines).strip()
                self.lines = []
        else:
            text = _unescaped(stripped)
        if text == KEEP:
            text = asked.default
        if not text and asked.required:
            return [self._problem(REQUIRED.with_values(label=asked.label)), self.question()]
        if len(text) > asked.max_length:
            too_long = TOO_LONG.with_values(length=len(text), limit=asked.max_length)
            return [self._problem(too_long), self.question()]
        self.answers[asked.name] = text
        return [] if self.done else [self.question()]

    def _problem(self, text: Text) -> str:
        return INDENT + self.words.render(text)


def _unescaped(line: str) -> str:
    """A line that starts with "//" is text that starts with "/"."""
    return line.replace(ESCAPE, "/", 1) if line.lstrip().startswith(ESCAPE) else line
