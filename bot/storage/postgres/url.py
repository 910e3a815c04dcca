"""PostgreSQL connection URLs as they may be shown: without a password."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

SCHEMES = ("postgresql", "postgres")


def is_postgres_url(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database (``postgresql://`` or ``postgres://``)."""
    return url.partition("://")[0].lower() in SCHEMES and "://" in url


def without_password(url: str) -> str:
    """``url`` with any password removed (from the user part and from a ``password=``
    parameter), so it can be logged and printed."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"{url.partition('://')[0]}://(a malformed address)"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        user = userinfo.partition(":")[0]
        netloc = f"{user}@{hosts}" if user else hosts
    query = parts.query
    if query:
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "password"]
        query = urlencode(kept)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def passwords_in(url: str) -> list[str]:
    """Every password written in ``url``, as written and decoded (for log redaction)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found = []
    if "@" in parts.netloc:
        userinfo = parts.netloc.rpartition("@")[0]
        if ":" in userinfo:
            found.append(userinfo.partition(":")[2])
    found += [v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k == "password"]
    shown = {text for p in found for text in (p, unquote(p)) if text}
    return sorted(shown)


def password_of(url: str) -> str | None:
    """The password ``url`` gives (decoded), to hand a client program in PGPASSWORD."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    userinfo = parts.netloc.rpartition("@")[0]
    if ":" in userinfo:
        return unquote(userinfo.partition(":")[2])
    for key, value in parse_qsl(parts.query):
        if key == "password":
            return value
    return None
