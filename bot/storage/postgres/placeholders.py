"""``?`` placeholders (what repositories write, as SQLite reads them) become ``$1..$n``.

One left-to-right pass: quoted strings ('...', "..."), dollar-quoted bodies ($tag$...$tag$)
and comments (-- and nested /* */) are copied as they are, so a ``?`` inside them stays a
question mark. Every character is looked at a bounded number of times, so even a hostile or
unterminated text is translated in linear time. Results are cached per SQL text.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPECIAL = re.compile(r"[?'\"$]|--|/\*")
_BLOCK_EDGE = re.compile(r"/\*|\*/")
_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")
_IDENTIFIER_CHAR = re.compile(r"[A-Za-z0-9_]")


@lru_cache(maxsize=2048)
def to_numbered(sql: str) -> str:
    """``sql`` with each ``?`` outside strings and comments replaced by ``$1``, ``$2``, ..."""
    if "?" not in sql:
        return sql
    out: list[str] = []
    number = 0
    pos = 0
    end = len(sql)
    while pos < end:
        found = _SPECIAL.search(sql, pos)
        if found is None:
            break
        start = found.start()
        token = found.group()
        out.append(sql[pos:start])
        if token == "?":
            number += 1
            out.append(f"${number}")
            pos = start + 1
            continue
        if token in ("'", '"'):
            stop = _quoted_end(sql, start, token)
        elif token == "--":
            newline = sql.find("\n", start)
            stop = end if newline < 0 else newline + 1
        elif token == "/*":
            stop = _block_comment_end(sql, start)
        else:  # "$": a dollar quote, or a character of a name or a $n parameter
            stop = _dollar_quote_end(sql, start)
        out.append(sql[start:stop])
        pos = stop
    out.append(sql[pos:])
    return "".join(out)


def _quoted_end(sql: str, start: int, quote: str) -> int:
    """Just past the quote closing the one at ``start`` (a doubled quote is part of it)."""
    pos = start + 1
    while True:
        close = sql.find(quote, pos)
        if close < 0:
            return len(sql)
        if sql.startswith(quote, close + 1):
            pos = close + 2
            continue
        return close + 1


def _block_comment_end(sql: str, start: int) -> int:
    """Just past the comment opened at ``start``; PostgreSQL's block comments nest."""
    depth = 0
    for edge in _BLOCK_EDGE.finditer(sql, start):
        depth += 1 if edge.group() == "/*" else -1
        if depth == 0:
            return edge.end()
    return len(sql)


def _dollar_quote_end(sql: str, start: int) -> int:
    """Just past a $tag$...$tag$ body opened at ``start``, or past the lone ``$`` if none is."""
    if start > 0 and _IDENTIFIER_CHAR.match(sql, start - 1):
        return start + 1  # inside a name such as a$b
    tag = _DOLLAR_TAG.match(sql, start)
    if tag is None:
        return start + 1
    close = sql.find(tag.group(), tag.end())
    return len(sql) if close < 0 else close + len(tag.group())
