"""Private dashboard links: made for an organizer by /dashboard, signed with the server's
secret, refused after they expire or are revoked.

A link is ``{ORGBOT_PUBLIC_URL}/dashboard?t={id}.{expires}.{signature}``: ``id`` is 16 random
bytes (URL-safe base64, 22 characters), ``expires`` the Unix time the link stops working, and
``signature`` the HMAC-SHA256 of ``"{id}.{expires}"`` (URL-safe base64, 43 characters) under a
key derived from ORGBOT_SECRET_KEY. A page is served only while the signature is right, the
time is before ``expires``, and the link's row is still stored (revoking deletes it; so does
erasing the organizer who asked, or the campaign it shows).

Whether the organizer who asked is still one cannot be known when the page is asked for: the
platforms say who organizes only with an event from that person. A link therefore lives a
limited time (24 hours), and any organizer can end every link of the community at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.core.permissions import Permission, require
from bot.core.ports.dashboard import DashboardLinkStore
from bot.domain.clock import Clock
from bot.domain.dashboard_models import DashboardLink
from bot.domain.errors import Unavailable
from bot.domain.models import Actor
from bot.domain.text import t

LIFETIME = timedelta(hours=24)
PAGE_PATH = "/dashboard"
TOKEN_PARAM = "t"
# The key a link is signed with is derived from the secret for this use alone.
KEY_CONTEXT = b"organizer-bot private dashboard link v1"
# One token: the id, the expiry, the signature (a bounded pattern without backtracking).
_TOKEN = re.compile(r"([A-Za-z0-9_-]{22})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})")
TOKEN_MAX = 22 + 1 + 12 + 1 + 43
NOT_SET_UP = t(
    "The dashboard is not set up on this bot: its operator sets {settings} (see "
    "docs/DEPLOY.md, “The private dashboard”)."
)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class LinkSigner:
    """Signs and checks a link's id and expiry with keys derived from the server's secret.

    ORGBOT_SECRET_KEY may hold several keys separated by commas (while changing keys): the
    first signs, every one is accepted, so links made before the change keep working."""

    def __init__(self, secrets_: Sequence[str]) -> None:
        self._keys = [
            hmac.new(s.encode("utf-8"), KEY_CONTEXT, hashlib.sha256).digest() for s in secrets_
        ]
        if not self._keys:
            raise ValueError("a link signer needs at least one secret")

    @classmethod
    def from_setting(cls, value: str | None) -> LinkSigner | None:
        """The signer for ORGBOT_SECRET_KEY's value; None when it is not set."""
        parts = [part.strip() for part in (value or "").split(",") if part.strip()]
        return cls(parts) if parts else None

    def __repr__(self) -> str:
        return "LinkSigner(<keys hidden>)"

    def sign(self, link_id: str, expires: int) -> str:
        return self._signature(self._keys[0], link_id, expires)

    def verify(self, link_id: str, expires: int, signature: str) -> bool:
        return any(
            hmac.compare_digest(self._signature(key, link_id, expires), signature)
            for key in self._keys
        )

    @staticmethod
    def _signature(key: bytes, link_id: str, expires: int) -> str:
        message = f"{link_id}.{expires}".encode("ascii")
        return _b64(hmac.new(key, message, hashlib.sha256).digest())


@dataclass(frozen=True, slots=True)
class IssuedLink:
    """A link just made: its address and when it stops working."""

    url: str
    token: str
    expires_at: datetime


class DashboardLinks:
    """Makes, checks and revokes the private dashboard's links."""

    def __init__(
        self,
        store: DashboardLinkStore,
        clock: Clock,
        signer: LinkSigner | None,
        public_url: str | None,
        lifetime: timedelta = LIFETIME,
    ) -> None:
        self._store = store
        self._clock = clock
        self._signer = signer
        self._public_url = (public_url or "").rstrip("/") or None
        self.lifetime = lifetime

    def check_ready(self) -> None:
        """Unavailable, naming the settings missing, unless links can be made."""
        missing = [
            name
            for name, have in (
                ("ORGBOT_PUBLIC_URL", self._public_url),
                ("ORGBOT_SECRET_KEY", self._signer),
            )
            if not have
        ]
        if missing:  # setting names, listed the same in any language
            raise Unavailable(NOT_SET_UP.with_values(settings=", ".join(missing)))

    async def issue(self, actor: Actor, campaign_id: int | None) -> IssuedLink:
        """A new link to the page of ``campaign_id`` (None: all campaigns) for an organizer."""
        require(actor, Permission.ORGANIZER)
        self.check_ready()
        assert self._signer is not None and self._public_url is not None
        now = self._now()
        expires = int((now + self.lifetime).timestamp())
        link = DashboardLink(
            link_id=_b64(secrets.token_bytes(16)),
            community_id=actor.community.id,
            member_id=actor.member.id,
            campaign_id=campaign_id,
            created_at=now,
            expires_at=datetime.fromtimestamp(expires, UTC),
        )
        await self._store.add(link, purge_before=now)
        token = f"{link.link_id}.{expires}.{self._signer.sign(link.link_id, expires)}"
        url = f"{self._public_url}{PAGE_PATH}?{TOKEN_PARAM}={token}"
        return IssuedLink(url=url, token=token, expires_at=link.expires_at)

    async def revoke(self, actor: Actor, everyone: bool) -> int:
        """End the organizer's own links, or (``everyone``) all the community's; returns how
        many were still working."""
        require(actor, Permission.ORGANIZER)
        now = self._now()
        if everyone:
            return await self._store.delete_of_community(actor.community.id, now)
        return await self._store.delete_of_member(actor.member.id, now)

    async def open(self, token: str) -> DashboardLink | None:
        """The link a token names, if it is signed right, not expired and not revoked; else
        None (the caller says no more than that)."""
        if self._signer is None or len(token) > TOKEN_MAX:
            return None
        found = _TOKEN.fullmatch(token)
        if found is None:
            return None
        link_id, expires_text, signature = found.groups()
        expires = int(expires_text)
        if not self._signer.verify(link_id, expires, signature):
            return None
        if self._now().timestamp() >= expires:
            return None
        link = await self._store.get(link_id)
        if link is None or int(link.expires_at.timestamp()) != expires:
            return None
        return link

    def _now(self) -> datetime:
        return self._clock.now().astimezone(UTC)
