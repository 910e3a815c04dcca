"""Name and committee matching: case-, accent- and punctuation-insensitive, partial."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from bot.civic.geo import fold
from bot.civic.models import Committee, CommitteeChoices, CommitteeName, Member
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.text import t, tn


class NameIndex:
    """Members searchable by any part of their names (official, first+last, nickname)."""

    def __init__(self, entries: Sequence[tuple[tuple[str, str, str], Member]]) -> None:
        """``entries``: ((all folded variants, folded name, folded first + last), member),
        already in display order (by last name)."""
        self._rows = tuple((key, name, first_last, m) for (key, name, first_last), m in entries)

    def matching(self, text: str, limit: int | None = 25) -> list[Member]:
        """Best first: names starting with the text, then a word starting with it, then others."""
        query = fold(text)
        if not query:
            return []
        tokens = _words(query)
        spaced = " " + query
        scored: list[tuple[int, int, Member]] = []
        for order, (key, name, first_last, member) in enumerate(self._rows):
            if all(t in key for t in tokens):
                if name.startswith(query) or first_last.startswith(query):
                    score = 0
                else:
                    score = 1 if spaced in " " + key else 2
                scored.append((score, order, member))
        scored.sort(key=lambda s: (s[0], s[1]))
        found = [m for _, _, m in scored]
        return found if limit is None else found[:limit]

    def find(self, text: str, max_results: int = 25) -> tuple[Member, ...]:
        """Every match, exact full-name matches alone when there are any."""
        query = fold(text)
        if len(query.replace(" ", "")) < 2:
            raise InvalidInput(t("Please type at least two letters of the lawmaker's name."))
        exact = [m for key, name, first_last, m in self._rows if query in (name, first_last)]
        if exact:
            return tuple(exact)
        found = self.matching(text, limit=None)
        if not found:
            raise NotFound(t('No sitting member of Congress matches "{typed}".', typed=query[:40]))
        if len(found) > max_results:
            raise InvalidInput(
                t(
                    '{n} lawmakers match "{typed}"; please type more of the name.',
                    n=len(found),
                    typed=query[:40],
                )
            )
        return tuple(found)


class CommitteeIndex:
    """Committees by code (HSWM) or by name; top-level committees rank above subcommittees."""

    def __init__(self, committees: Sequence[Committee]) -> None:
        ordered = sorted(committees, key=lambda c: (c.parent_id is not None, c.thomas_id))
        self._by_id = {c.thomas_id.upper(): c for c in ordered}
        self._rows = tuple((fold(c.full_name), fold(c.name), c) for c in ordered)
        self._said: dict[str, tuple[tuple[str, str, Committee], ...]] = {}  # language -> rows

    def _rows_in(self, words: Any) -> tuple[tuple[str, str, Committee], ...]:
        """The rows by the names a reader's language gives the committees (a translator's
        ``data_name``: "comite de finanzas del senado"), built once per language; none for
        English or no reader."""
        code = getattr(words, "code", None)
        if words is None or code in (None, "en"):
            return ()
        if code not in self._said:
            self._said[code] = tuple(
                (
                    fold(CommitteeName(c).in_words(words)),
                    fold(CommitteeName(c, False).in_words(words)),
                    c,
                )
                for _, _, c in self._rows
            )
        return self._said[code]

    def get(self, thomas_id: str) -> Committee | None:
        return self._by_id.get(thomas_id.strip().upper())

    def __iter__(self) -> Iterator[Committee]:
        return (c for _, _, c in self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def resolve(self, text: str, words: Any = None) -> Committee:
        """One committee for a code or a name (the data's English, else the name in the
        reader's language, ``words``); several or none raise a friendly error."""
        found = self.get(text)
        if found is not None:
            return found
        query = fold(text)
        if not query:
            raise InvalidInput(t("Please type a committee name or code, like HSWM or SSFI."))
        hits = self._candidates(query) or self._candidates(query, self._rows_in(words))
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise NotFound(t('No current committee matches "{typed}".', typed=query[:60]))
        shown = CommitteeChoices(tuple(hits[:4]))  # named in the reader's words
        if len(hits) > 4:
            raise InvalidInput(
                tn(
                    "Several committees match: {shown} and {n} more; please be more specific "
                    "or use the code.",
                    "Several committees match: {shown} and {n} more; please be more specific "
                    "or use the code.",
                    len(hits) - 4,
                    shown=shown,
                    n=len(hits) - 4,
                )
            )
        raise InvalidInput(
            t(
                "Several committees match: {shown}; please be more specific or use the code.",
                shown=shown,
            )
        )

    def _candidates(
        self, query: str, rows: tuple[tuple[str, str, Committee], ...] | None = None
    ) -> list[Committee]:
        """Strictest test first: exact name, the phrase as whole words, every word as a whole
        word ("senate finance"), then the same as substrings; top-level before subcommittees."""
        rows = self._rows if rows is None else rows
        exact = [c for full, name, c in rows if query in (full, name)]
        if exact:
            return exact
        # Folded names are letters and digits between single spaces, so a whole word (or
        # phrase) is one with a space on each side once the name has one at each end.
        tokens = _words(query)
        phrase = f" {query} "
        whole = [f" {t} " for t in tokens]
        tests: tuple[Callable[[str], bool], ...] = (
            lambda full: phrase in f" {full} ",
            lambda full: all(w in f" {full} " for w in whole),
            lambda full: query in full,
            lambda full: all(t in full for t in tokens),
        )
        top = [r for r in rows if r[2].parent_id is None]
        for test in tests:
            for pool in (top, rows):
                hits = [c for full, _, c in pool if test(full)]
                if hits:
                    return hits
        return []

    def matching(self, text: str, limit: int = 25, words: Any = None) -> list[Committee]:
        """For autocomplete: code prefix, then a word of the name starting with it, then others
        (by the data's English name or, ``words``, the reader's language's)."""
        query = fold(text)
        if not query:
            return [c for full, _, c in self._rows if c.parent_id is None][:limit]
        code = query.replace(" ", "").upper()
        spaced = " " + query
        prefixes = [" " + t for t in _words(query)]
        scored: list[tuple[int, int, Committee]] = []
        said = self._rows_in(words)
        for order, (full, _, c) in enumerate(self._rows):
            if said:  # the better of the two names
                full = f"{full} {said[order][0]}"
            padded = " " + full
            if c.thomas_id.startswith(code):
                scored.append((0, order, c))
            elif spaced in padded:
                scored.append((1, order, c))
            elif all(p in padded for p in prefixes):
                scored.append((2, order, c))
            elif query in full:
                scored.append((3, order, c))
        scored.sort(key=lambda s: (s[0], s[1]))
        return [c for _, _, c in scored[:limit]]


def _words(query: str) -> list[str]:
    """The query's words, each once: every row is tested against each word, so a query
    repeating a word thousands of times costs no more than the word once."""
    return list(dict.fromkeys(query.split()))
