"""A background send claimed at the last moment: when its message is about to leave.

A reminder is claimed in the dispatch log ('sending') before it goes out and completed after,
so a crash never sends it twice: a row still 'sending' at the next start becomes 'interrupted'
and is not sent again. Each claim is a send a crash may cost, so the claim is taken as late as
possible: not when the job picks the send up, but when the delivery queue is about to make the
request that delivers the message (after its wait for the rate limiter, after opening the DM
channel). A crash then costs only the sends whose request was on its way. A host with no
delivery queue (the console) is claimed by the outbox just before it is called.

The claim travels with the send in a context variable, so hosts and messengers need not know
about it: the queue takes :func:`current` for the requests its platform policy says deliver a
message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from bot.domain.errors import DomainError


class ClaimRefused(Exception):
    """The send must not go out: it was claimed before, or the bot is stopping. Nothing was
    sent, and nothing is recorded as a delivery failure."""


class Claim:
    """Takes a send's slot in the dispatch log once, when :meth:`take` is first awaited.

    ``take_slot`` returns False when the slot was claimed before (never send then); it may
    raise :class:`ClaimRefused` itself (the bot is stopping).
    """

    def __init__(self, take_slot: Callable[[], Awaitable[bool]]) -> None:
        self._take_slot = take_slot
        self.taken = False

    async def take(self) -> None:
        """Claim the slot (only the first call does anything); ClaimRefused if it must not be
        sent. A database that cannot take the claim refuses too: nothing goes out unclaimed."""
        if self.taken:
            return
        try:
            claimed = await self._take_slot()
        except DomainError as exc:
            raise ClaimRefused(f"its slot could not be claimed: {exc.message}") from exc
        if not claimed:
            raise ClaimRefused("its slot was claimed before")
        self.taken = True


_CURRENT: ContextVar[Claim | None] = ContextVar("orgbot_send_claim", default=None)


@contextmanager
def claiming(claim: Claim | None) -> Iterator[None]:
    """Within the block (and the tasks it starts), :func:`take_current` takes ``claim``."""
    token = _CURRENT.set(claim)
    try:
        yield
    finally:
        _CURRENT.reset(token)


async def take_current() -> None:
    """Take the claim of the send under way, if there is one (the delivery queue calls this
    just before the request that delivers a message)."""
    claim = _CURRENT.get()
    if claim is not None:
        await claim.take()
