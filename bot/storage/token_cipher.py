"""Tokens kept in the database are encrypted with ORGBOT_SECRET_KEY (Fernet, from cryptography).

Fernet is AES-128 in CBC mode with an HMAC-SHA256 over it: a token read back is the one written,
or nothing. The key lives only in the environment, so a copy of the database (a backup, a
stolen disk) holds no usable token without it.

ORGBOT_SECRET_KEY is one Fernet key, or several separated by commas when changing keys: the
first encrypts, every one decrypts, and at start every stored token is sealed again with the
first (so after one start with "new,old" the old key can go). Make one with :func:`new_key`,
or ``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.domain.errors import StartupError

MAKE_ONE = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)
BAD_KEY = (
    "ORGBOT_SECRET_KEY is not a key this bot can use: it must be 44 characters of URL-safe "
    f"base64 (a Fernet key), or several separated by commas. Make one with: {MAKE_ONE}"
)


class WrongKey(Exception):
    """No key of ORGBOT_SECRET_KEY opens a stored token (the key was changed or lost)."""


class TokenCipher:
    """Seals tokens for storage and opens them again, with the keys of ORGBOT_SECRET_KEY."""

    def __init__(self, keys: str) -> None:
        """``keys``: ORGBOT_SECRET_KEY's value; StartupError (one line) if no key is usable."""
        parts = [part.strip() for part in keys.split(",") if part.strip()]
        try:
            fernets = [Fernet(part.encode("ascii")) for part in parts]
        except (ValueError, UnicodeEncodeError):
            raise StartupError(BAD_KEY) from None
        if not fernets:
            raise StartupError(BAD_KEY)
        self._primary = fernets[0]
        self._fernet = MultiFernet(fernets)

    def __repr__(self) -> str:
        return "TokenCipher(<keys hidden>)"

    def seal(self, token: str) -> bytes:
        """The token encrypted (with a fresh IV and the time), for the database."""
        return self._fernet.encrypt(token.encode("utf-8"))

    def open(self, sealed: bytes) -> str:
        """The token ``seal`` made; WrongKey if none of the keys made it (or it was altered)."""
        try:
            return self._fernet.decrypt(sealed).decode("utf-8")
        except InvalidToken:
            raise WrongKey() from None

    def reseal(self, sealed: bytes) -> bytes | None:
        """``sealed`` sealed again with the first key, if another key sealed it (None if the
        first key did); WrongKey if no key opens it."""
        try:
            self._primary.decrypt(sealed)
            return None
        except InvalidToken:
            pass
        try:
            return self._fernet.rotate(sealed)
        except InvalidToken:
            raise WrongKey() from None


def new_key() -> str:
    """A fresh key for ORGBOT_SECRET_KEY."""
    return Fernet.generate_key().decode("ascii")
