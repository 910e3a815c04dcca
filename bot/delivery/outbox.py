"""What background jobs send through: the host serving each platform, and a record of failures.

Hosts attach themselves (the schedule cog's setup does it, so every host with the cogs loaded is
reachable). A message that cannot be delivered (the member blocked DMs, the channel was deleted,
the bot lacks permission) is recorded with Discord's or Slack's reason as a sentence, so the
daily digest and ``/schedule failures`` can tell organizers, and it never stops the next send.

A send may carry a :class:`~bot.delivery.claims.Claim` (its slot in the dispatch log): a host
whose delivery queue takes claims (``claims_at_send``) takes it when the message is about to
leave; for any other host the outbox takes it just before calling the host. Either way nothing
goes out unclaimed, and a refused claim (:class:`~bot.delivery.claims.ClaimRefused`) is passed
on without being recorded as a failure: nothing was sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.cogkit import HostPort
from bot.delivery.claims import Claim, ClaimRefused, claiming
from bot.domain.clock import Clock
from bot.domain.errors import DomainError, Unavailable
from bot.domain.models import Community, Member, Platform
from bot.domain.text import Text, t
from bot.i18n.stored import keep, kept_error
from bot.messages import Message, PostedRef
from bot.storage.schedules import DeliveryFailureRepository

log = logging.getLogger(__name__)

LOCALE_WAIT = 2.0  # seconds a DM waits for the platform to say the member's language
# Why a send failed, kept with the failure (bot.i18n.stored: read in the reader's language).
UNEXPECTED = t("an unexpected error stopped it (the bot's log has the details)")


class Outbox:
    def __init__(self, failures: DeliveryFailureRepository, clock: Clock) -> None:
        self.locale_wait = LOCALE_WAIT
        self._failures = failures
        self._clock = clock
        self._ports: dict[Platform, HostPort] = {}
        self._on_ready: list[Callable[[], Awaitable[object]]] = []
        self._waiting: set[asyncio.Task[None]] = set()

    def attach(self, port: HostPort) -> None:
        """Send this platform's messages through ``port`` (the latest attached wins)."""
        self._ports[port.platform] = port
        waiter = getattr(port, "wait_until_ready", None)
        if callable(waiter) and self._on_ready:
            task = asyncio.get_running_loop().create_task(self._when_ready(port, waiter))
            self._waiting.add(task)
            task.add_done_callback(self._waiting.discard)

    def detach(self, port: HostPort) -> None:
        if self._ports.get(port.platform) is port:
            del self._ports[port.platform]

    def on_ready(self, callback: Callable[[], Awaitable[object]]) -> None:
        """Call ``callback`` whenever a host that was starting up becomes ready."""
        self._on_ready.append(callback)

    def port(self, community: Community) -> HostPort | None:
        return self._ports.get(community.platform)

    async def locale_of(self, community: Community, member: Member) -> str | None:
        """The language the member's platform says they use (Slack's user locale, Discord's
        from their last interaction), for a DM written for them; None when the host cannot say
        or fails to (a DM then uses the community's language: never an error)."""
        ask = getattr(self.port(community), "locale_of", None)
        if not callable(ask):
            return None
        try:  # bounded: a platform slow to say (Slack's rate limit) holds up no reminder
            async with asyncio.timeout(self.locale_wait):
                found = await ask(community, member.user_id)
        except Exception as exc:
            log.info("could not read a member's platform language: %s", type(exc).__name__)
            return None
        return found if isinstance(found, str) else None

    def ready(self, community: Community) -> bool:
        """Whether the community's platform has a host attached that can send now."""
        port = self.port(community)
        if port is None:
            return False
        is_ready = getattr(port, "is_ready", None)
        return bool(is_ready()) if callable(is_ready) else True

    async def post(
        self, community: Community, channel_id: str, message: Message, *, purpose: Text | str
    ) -> PostedRef:
        """Post in a channel; on failure record why (and raise it as a DomainError)."""
        return await self._send(
            community,
            lambda port: port.post(community, channel_id, message),
            purpose,
            t("channel {channel}", channel=channel_id),
            None,
        )

    async def send_dm(
        self,
        community: Community,
        member: Member,
        message: Message,
        *,
        purpose: Text | str,
        claim: Claim | None = None,
    ) -> PostedRef:
        """Send a member a direct message; on failure record why and raise it. With a
        ``claim``, ClaimRefused means it was not sent (see the module's docstring)."""
        return await self._send(
            community,
            lambda port: port.send_dm(community, member.user_id, message),
            purpose,
            t("a member's direct messages"),
            member.id,
            claim,
        )

    async def _send(
        self,
        community: Community,
        call: Callable[[HostPort], Awaitable[PostedRef]],
        purpose: Text | str,
        target: Text | str,
        member_id: int | None,
        claim: Claim | None = None,
    ) -> PostedRef:
        port = self.port(community)
        if port is None:
            raise Unavailable(
                t("No {platform} host is running to send it.", platform=community.platform.value)
            )
        if claim is not None and not getattr(port, "claims_at_send", False):
            await claim.take()  # no delivery queue to take it at the last moment
        try:
            with claiming(claim):
                sent = await call(port)
        except ClaimRefused:
            raise
        except DomainError as exc:
            reason = kept_error(exc)
            error: DomainError = exc
        except Exception:
            log.exception("sending %s to %s failed", purpose, target)
            reason = keep(UNEXPECTED) or ""
            error = Unavailable(
                t(
                    "It could not be sent: an unexpected error stopped it (the bot's log has the "
                    "details)."
                )
            )
        else:
            if claim is not None and not claim.taken:  # a host that sent it another way
                log.error("%s went out before its claim was taken; claiming it now", purpose)
                try:
                    await claim.take()
                except ClaimRefused as why:
                    log.error("%s was sent although %s", purpose, why)
            return sent
        await self._failures.record(
            community.id,
            keep(purpose) or "",
            keep(target) or "",
            reason,
            self._clock.now(),
            member_id,
        )
        raise error

    async def _when_ready(self, port: HostPort, waiter: Callable[[], Awaitable[object]]) -> None:
        try:
            await waiter()
        except Exception:
            log.exception("waiting for the %s host failed", port.platform.value)
            return
        for callback in list(self._on_ready):
            await callback()
